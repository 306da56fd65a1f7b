"""A bad data directory shows every problem on the page, never a traceback."""

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, read_records, write_records


def test_bad_data_dir_lists_every_problem(data_copy, monkeypatch):
    metrics = read_records(data_copy, "metrics.yaml")
    metrics[0]["status"] = "promised"
    metrics[2]["value"] = "forty"
    write_records(data_copy, "metrics.yaml", metrics)
    (data_copy / "events.yaml").write_text("- {unclosed", encoding="utf-8")
    monkeypatch.setenv("CADENAS_DATA_DIR", str(data_copy))

    at = AppTest.from_file(str(ROOT / "app.py")).run()

    assert not at.exception
    assert "3 problem(s)" in at.error[0].value
    listed = at.dataframe[0].value
    assert sorted(zip(listed["file"], listed["field"])) == [
        ("events.yaml", ""), ("metrics.yaml", "status"), ("metrics.yaml", "value")]


def test_missing_data_dir_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("CADENAS_DATA_DIR", str(tmp_path / "missing"))
    at = AppTest.from_file(str(ROOT / "app.py")).run()
    assert not at.exception
    assert at.dataframe[0].value["problem"].tolist() == ["data directory not found"]
