"""A bad data directory shows every problem on the page, never a traceback."""

from streamlit.testing.v1 import AppTest

from tests import datasets
from tests.conftest import ROOT


def test_bad_data_dir_lists_every_problem(tmp_path, monkeypatch):
    data = datasets.records()
    data["metrics.yaml"][0]["status"] = "promised"
    data["metrics.yaml"][2]["value"] = "forty"
    folder = datasets.write(tmp_path / "data", data)
    (folder / "events.yaml").write_text("- {unclosed", encoding="utf-8")
    monkeypatch.setenv("CADENAS_DATA_DIR", str(folder))

    at = AppTest.from_file(str(ROOT / "app.py")).run()

    assert not at.exception
    assert "3 problem(s)" in at.error[0].value
    listed = at.dataframe[0].value
    assert sorted(zip(listed["file"], listed["field"])) == [
        ("events.yaml", ""), ("metrics.yaml", "status"), ("metrics.yaml", "value")]
    assert "promised" in " ".join(listed["problem"])  # says what is wrong, not just where


def test_a_name_with_markup_in_a_bad_file_is_listed_as_text(tmp_path, monkeypatch):
    data = datasets.records()
    data["initiatives.yaml"][0]["id"] = "<b>Not an id</b>"
    monkeypatch.setenv("CADENAS_DATA_DIR", str(datasets.write(tmp_path / "data", data)))
    at = AppTest.from_file(str(ROOT / "app.py")).run()
    assert not at.exception
    assert at.error and not any("Not an id" in e.proto.body for e in at.get("html"))  # never as markup
    assert any("<b>Not an id</b>" in str(value) for value in at.dataframe[0].value.to_numpy().ravel())


def test_missing_data_dir_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("CADENAS_DATA_DIR", str(tmp_path / "missing"))
    at = AppTest.from_file(str(ROOT / "app.py")).run()
    assert not at.exception
    assert at.dataframe[0].value["problem"].tolist() == ["data directory not found"]
