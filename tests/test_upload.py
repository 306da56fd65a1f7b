"""Bring your own data: the same validator, a clear message for every hostile file, and data
that lives only in the session that uploaded it.

Uploads are fixture datasets (tests/datasets.py): a zip of a whole data folder, or one YAML
file, which the upload completes from the data the app serves; here that is the fixture too
(the `bundled` fixture sets CADENAS_DATA_DIR), so no test depends on what data/ holds.
"""

import io
import json
import re
import subprocess
import time
import tomllib
import zipfile

import pandas as pd
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from components import upload
from components.data import DATA_DIR_ENV, DataError
from components.exhibits import SESSION_EXHIBITS
from components.i18n import t
from components.store import UPLOAD_IDLE_MINUTES, UPLOAD_USED, UPLOADED
from components.upload import MAX_UNPACKED_BYTES, MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, dataset_from_upload
from tests import datasets
from tests.apptest import html_bodies, lane_names, plotly_specs
from tests.conftest import DATA_DIR, ROOT

METRICS = datasets.yaml_files(datasets.TINY)["metrics.yaml"].decode("utf-8")
MINE = 24_681  # a figure no other dataset holds, to tell whose data a page shows


@pytest.fixture
def bundled(tmp_path, monkeypatch):
    """The fixture TINY as the app's data (CADENAS_DATA_DIR), which completes a single-file upload."""
    folder = datasets.write(tmp_path / "bundled")
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


def refused(name, content) -> list[str]:
    with pytest.raises(DataError) as caught:
        dataset_from_upload(name, content)
    return [str(issue) for issue in caught.value.issues]


def zipped(files: dict[str, bytes]) -> bytes:
    """A zip of `files` dated 2021-01-01, so the same files make the same bytes (and test id)
    whenever each xdist worker collects them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2021, 1, 1, 0, 0, 0)), content,
                             compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def with_my_figure() -> dict:
    """TINY, with Alpha's growers counted as MINE."""
    records = datasets.records()
    records["metrics.yaml"][0]["value"] = MINE
    return records


def app(page: str = "overview") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(f"pages/{page}.py")
    return at


@pytest.mark.parametrize("name, content, expected", [
    ("metrics.yaml", b"x" * (MAX_UPLOAD_BYTES + 1), "metrics.yaml: the upload is larger than 5 MB"),
    ("metrics.yaml", "- initiative: alpha\n  note: caf\xe9\n".encode("latin-1"), "metrics.yaml: not UTF-8 text"),
    ("metrics.yaml", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "metrics.yaml: not UTF-8 text"),
    ("metrics.yaml", b"just some words, not records", "metrics.yaml: the file must be a YAML list of records"),
    ("metrics.yaml", b"- !!python/object/apply:os.system ['touch /tmp/pwned']\n", "malformed YAML"),
    ("metrics.yaml", b"a: &a [1, 1]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n", "anchors and aliases"),
    ("metrics.yaml", b"- value: " + b"9" * 10_000 + b"\n", "malformed YAML"),
    ("metrics.yaml", METRICS.replace("value: 900\n", "value: 1.0e+999\n", 1).encode(),
     "value: must be a finite number"),
    ("metrics.yaml", METRICS.replace("value: 900\n", "value: 900\n  value: 9000\n", 1).encode(),
     "value: line 4: written twice in one record; keep one value"),
    ("metrics.yaml", b"- " + b"[" * 100 + b"]" * 100 + b"\n", "nested more than 20 levels deep"),
    ("prices.yaml", b"- a: 1\n", "prices.yaml: name the file after the table it holds"),
    ("photo.png", b"\x89PNG\r\n", "photo.png: upload a .yaml file or a .zip"),
    ("data.zip", b"PK\x03\x04 this is not really a zip", "data.zip: not a readable zip file"),
    ("data.zip", zipped({"notes.txt": b"hello"}), "data.zip: the zip holds none of the data files"),
])
def test_hostile_uploads_get_a_clear_message(bundled, name, content, expected):
    messages = refused(name, content)
    assert any(expected in message for message in messages), messages


def test_zip_bomb_is_refused_before_unpacking():
    bomb = zipped({"metrics.yaml": b"0" * (MAX_UNPACKED_BYTES + 1)})
    assert len(bomb) < MAX_UPLOAD_BYTES  # small packed, huge unpacked
    assert refused("bomb.zip", bomb) == [f"bomb.zip: the zip unpacks to more than {MAX_UNPACKED_BYTES // 1_000_000} MB"]


def test_invalid_records_are_listed_by_file_record_and_field(bundled):
    records = yaml.safe_load(METRICS)
    records[2]["status"] = "promised"
    messages = refused("metrics.yaml", yaml.safe_dump(records, sort_keys=False).encode())
    assert len(messages) == 1
    assert re.fullmatch(r"metrics\.yaml · record 3 \(line \d+\): beta / producers · status: "
                        r"'promised' is not allowed; expected one of: 'achieved', 'target', 'commitment' or 'estimate'",
                        messages[0]), messages


def test_one_corrected_file_replaces_only_its_table(bundled):
    records = yaml.safe_load(METRICS)
    records[0]["value"] = 11
    data = dataset_from_upload("metrics.yaml", yaml.safe_dump(records, allow_unicode=True).encode())
    assert list(data.metrics["value"]) == [11, 2000, 300, 1_500_000, 120, 40]
    assert list(data.events["title"]) == ["Beta launched", "Alpha founded", "Alpha exports", "Gamma plans more"]


def test_a_file_saved_with_a_byte_order_mark_is_accepted(bundled):
    data = dataset_from_upload("metrics.yaml", b"\xef\xbb\xbf" + METRICS.encode())
    assert list(data.metrics["value"]) == [900, 2000, 300, 1_500_000, 120, 40]


def test_a_zipped_data_folder_is_read_whatever_its_folder_name():
    files = {f"my-data/{name}": content for name, content in datasets.yaml_files(with_my_figure()).items()}
    data = dataset_from_upload("my-data.zip", zipped({**files, "my-data/README.txt": b"notes"}))
    assert list(data.initiatives["id"]) == ["alpha", "beta", "gamma"]
    assert data.metrics.loc[0, "value"] == MINE


def test_nothing_is_written_to_the_data_files(bundled):
    def contents():
        return {p: p.read_bytes() for folder in (bundled, DATA_DIR) for p in folder.iterdir() if p.is_file()}

    before = contents()
    dataset_from_upload("metrics.yaml", METRICS.replace("value: 900\n", "value: 901\n", 1).encode())
    dataset_from_upload("data.zip", datasets.zip_bytes(with_my_figure()))
    assert contents() == before


def test_markup_in_uploaded_names_is_shown_as_text():
    records = datasets.records()
    records["initiatives.yaml"][0]["name"] = "<script>alert('x')</script> [click](javascript:alert(1))"
    records["initiatives.yaml"][0]["short_name"] = "<b>bold</b>"
    data = dataset_from_upload("data.zip", datasets.zip_bytes(records))

    overview = app("overview")
    overview.session_state[UPLOADED] = data
    overview.run()
    assert not overview.exception
    heading = overview.subheader[1].value  # the first card's, under the map's
    assert "\\<script\\>" in heading and "\\[click\\]\\(javascript\\:" in heading  # escaped Markdown, shown as typed

    timeline = app("timeline")
    timeline.session_state[UPLOADED] = data
    timeline.run()
    spec = json.dumps(plotly_specs(timeline))
    assert "<b>bold</b>" not in spec and "&lt;b&gt;bold&lt;/b&gt;" in spec


def test_uploaded_data_belongs_to_one_session():
    mine = app("overview")
    mine.session_state[UPLOADED] = dataset_from_upload("data.zip", datasets.zip_bytes(with_my_figure()))
    mine.run()
    theirs = app("overview").run()
    assert "24,681" in "".join(html_bodies(mine))
    assert "24,681" not in "".join(html_bodies(theirs))


# --- The upload page ----------------------------------------------------------------------

def test_the_upload_page_drives_every_page_with_the_uploaded_data():
    at = app("upload").run()
    assert not at.exception and not at.success
    at.file_uploader(key="upload_file_0").set_value(("my-data.zip", datasets.zip_bytes(with_my_figure()),
                                                   "application/zip")).run()
    assert not at.exception and not at.error
    assert "my\\-data\\.zip" in at.success[0].value  # the page says whose data every page now shows

    at.switch_page("pages/overview.py").run()
    assert [heading.value for heading in at.subheader][1:4] == ["Alpha Banana Group", "Beta Coffee Table",  # under the map's heading
                                                             "Gamma Two Crops"]
    assert "24,681" in "".join(html_bodies(at))
    at.switch_page("pages/timeline.py").run()
    assert [lane_names(spec) for spec in plotly_specs(at)] == [["Alpha", "Beta", "Gamma"]]
    at.query_params["initiative"] = "gamma"
    at.switch_page("pages/initiative.py").run()
    assert not at.exception
    assert [heading.value for heading in at.header] == ["Gamma Two Crops"]


def test_a_refused_upload_lists_its_problems_and_keeps_the_apps_data(bundled):
    records = yaml.safe_load(METRICS)
    records[2]["status"] = "promised"
    at = app("upload").run()
    at.file_uploader(key="upload_file_0").set_value(("metrics.yaml", yaml.safe_dump(records, sort_keys=False).encode(),
                                                   "application/x-yaml")).run()
    assert not at.exception and not at.success
    assert "metrics\\.yaml" in at.error[0].value  # named as Markdown text
    (problems,) = [frame.value for frame in at.dataframe]
    assert problems.to_numpy().tolist() == [[
        "metrics.yaml", f"record 3 (line {METRICS.splitlines().index('- initiative: beta') + 1}): beta / producers",
        "status", "'promised' is not allowed; expected one of: 'achieved', 'target', 'commitment' or 'estimate'"]]
    assert UPLOADED not in at.session_state


def test_going_back_to_the_apps_data_empties_the_uploader_and_keeps_it_empty():
    at = app("upload").run()
    at.file_uploader(key="upload_file_0").set_value(("my-data.zip", datasets.zip_bytes(with_my_figure()),
                                                     "application/zip")).run()
    assert UPLOADED in at.session_state
    at.button(key="upload_reset").click().run()
    assert UPLOADED not in at.session_state and not at.success
    assert [uploader.key for uploader in at.get("file_uploader")] == ["upload_file_1"]  # a fresh, empty one
    at.run()  # and the next run does not load the file again
    assert UPLOADED not in at.session_state


def test_the_uploader_and_the_upload_page_state_one_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == MAX_UPLOAD_MB


# --- What an upload costs the server ------------------------------------------------------

def test_an_upload_leaves_the_uploader_empty_so_the_server_lets_go_of_the_file():
    at = app("upload").run()
    at.file_uploader(key="upload_file_0").set_value(("my-data.zip", datasets.zip_bytes(with_my_figure()),
                                                     "application/zip")).run()
    assert UPLOADED in at.session_state and at.success
    (uploader,) = at.get("file_uploader")
    assert uploader.key == "upload_file_1" and uploader.value is None


def test_an_upload_over_the_record_limit_is_refused_naming_the_limit(monkeypatch):
    records = datasets.records()
    count = sum(len(records[name]) for name in ("initiatives.yaml", "metrics.yaml", "events.yaml")) + sum(
        len(i.get("organisations", [])) + len(i.get("phases", [])) for i in records["initiatives.yaml"])
    monkeypatch.setattr(upload, "MAX_RECORDS", count - 1)
    assert refused("data.zip", datasets.zip_bytes(records)) == [
        f"data.zip: the data holds {count:,} records; an upload may hold up to {count - 1:,}"]
    monkeypatch.setattr(upload, "MAX_RECORDS", count)
    assert dataset_from_upload("data.zip", datasets.zip_bytes(records)).session_only


def test_a_large_upload_is_checked_in_a_process_of_its_own_with_the_same_outcome(monkeypatch, bundled):
    good, bad = datasets.zip_bytes(with_my_figure()), METRICS.replace("status: achieved", "status: promised", 1).encode()
    here = dataset_from_upload("data.zip", good)
    bad_here = refused("metrics.yaml", bad)
    children = []
    run = subprocess.run
    monkeypatch.setattr(upload.subprocess, "run", lambda *args, **kwargs: children.append(args) or run(*args, **kwargs))
    monkeypatch.setattr(upload, "CHECK_APART_BYTES", 0)
    apart = dataset_from_upload("data.zip", good)
    assert len(children) == 1 and apart.session_only
    assert apart.fingerprint == here.fingerprint and apart.files == here.files
    pd.testing.assert_frame_equal(apart.metrics, here.metrics)
    assert refused("metrics.yaml", bad) == bad_here and len(children) == 2


def test_an_upload_keeps_its_files_compressed_and_gives_them_back_whole():
    files = datasets.yaml_files(with_my_figure())
    data = dataset_from_upload("data.zip", datasets.zip_bytes(with_my_figure()))
    assert {name: data.files[name] for name in files} == files
    assert sum(map(len, data.packed.values())) < sum(map(len, data.files.values())) / 2


def test_an_uploads_exhibits_are_kept_by_its_session_and_no_other():
    mine = app("compare")
    mine.session_state[UPLOADED] = dataset_from_upload("data.zip", datasets.zip_bytes(with_my_figure()))
    mine.run()
    theirs = app("compare").run()
    assert not mine.exception and not theirs.exception
    kept = mine.session_state[SESSION_EXHIBITS]
    assert "comparison" in {name for name, *_ in kept}
    assert SESSION_EXHIBITS not in theirs.session_state  # the app's own data: the process's cache


def test_an_upload_unused_for_an_hour_is_let_go_with_a_notice():
    at = app("overview")
    at.session_state[UPLOADED] = dataset_from_upload("data.zip", datasets.zip_bytes(with_my_figure()))
    at.session_state[UPLOAD_USED] = time.monotonic() - UPLOAD_IDLE_MINUTES * 60 - 1
    at.run()
    assert not at.exception and UPLOADED not in at.session_state
    assert "24,681" not in "".join(html_bodies(at))
    assert [w.value for w in at.warning] == [t("upload.idle")]
    at.run()
    assert not at.warning  # said once
