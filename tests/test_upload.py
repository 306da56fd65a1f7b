"""Bring your own data: the same validator, a clear message for every hostile file, and data
that lives only in the session that uploaded it."""

import io
import re
import json
import zipfile

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from components.data import DataError
from components.store import UPLOADED
from components.upload import MAX_UNPACKED_BYTES, MAX_UPLOAD_BYTES, dataset_from_upload
from tests.conftest import DATA_DIR, ROOT
from tests.apptest import html_bodies


def refused(name, content) -> list[str]:
    with pytest.raises(DataError) as caught:
        dataset_from_upload(name, content)
    return [str(issue) for issue in caught.value.issues]


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


METRICS = (DATA_DIR / "metrics.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name, content, expected", [
    ("metrics.yaml", b"x" * (MAX_UPLOAD_BYTES + 1), "metrics.yaml: the upload is larger than 5 MB"),
    ("metrics.yaml", "- initiative: bio-azul\n  note: caf\xe9\n".encode("latin-1"), "metrics.yaml: not UTF-8 text"),
    ("metrics.yaml", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "metrics.yaml: not UTF-8 text"),
    ("metrics.yaml", b"just some words, not records", "metrics.yaml: the file must be a YAML list of records"),
    ("metrics.yaml", b"- !!python/object/apply:os.system ['touch /tmp/pwned']\n", "malformed YAML"),
    ("metrics.yaml", b"a: &a [1, 1]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n", "anchors and aliases"),
    ("metrics.yaml", b"- value: " + b"9" * 10_000 + b"\n", "malformed YAML"),
    ("metrics.yaml", METRICS.replace("value: 9000", "value: 1.0e+999", 1).encode(), "value: must be a finite number"),
    ("metrics.yaml", b"- " + b"[" * 100 + b"]" * 100 + b"\n", "nested more than 20 levels deep"),
    ("prices.yaml", b"- a: 1\n", "prices.yaml: name the file after the table it holds"),
    ("photo.png", b"\x89PNG\r\n", "photo.png: upload a .yaml file or a .zip"),
    ("data.zip", b"PK\x03\x04 this is not really a zip", "data.zip: not a readable zip file"),
    ("data.zip", zipped({"notes.txt": b"hello"}), "data.zip: the zip holds none of the data files"),
])
def test_hostile_uploads_get_a_clear_message(name, content, expected):
    messages = refused(name, content)
    assert any(expected in message for message in messages), messages


def test_zip_bomb_is_refused_before_unpacking():
    bomb = zipped({"metrics.yaml": b"0" * (MAX_UNPACKED_BYTES + 1)})
    assert len(bomb) < MAX_UPLOAD_BYTES  # small packed, huge unpacked
    assert refused("bomb.zip", bomb) == [f"bomb.zip: the zip unpacks to more than {MAX_UNPACKED_BYTES // 1_000_000} MB"]


def test_invalid_records_are_listed_by_file_record_and_field():
    records = yaml.safe_load(METRICS)
    records[2]["status"] = "promised"
    messages = refused("metrics.yaml", yaml.safe_dump(records).encode())
    assert len(messages) == 1
    assert re.fullmatch(r"metrics\.yaml · record 3 \(line \d+\): piura-banana-cluster / territory_share_pct · status: "
                        r"'promised' is not allowed; expected one of: 'achieved', 'target', 'commitment' or 'estimate'",
                        messages[0]), messages


def test_one_corrected_file_replaces_only_its_table():
    records = yaml.safe_load(METRICS)
    records[0]["value"] = 11
    data = dataset_from_upload("metrics.yaml", yaml.safe_dump(records, allow_unicode=True).encode())
    assert data.metrics.loc[0, "value"] == 11
    assert len(data.events) == len(yaml.safe_load((DATA_DIR / "events.yaml").read_text(encoding="utf-8")))


def test_a_zipped_data_folder_is_read_whatever_its_folder_name():
    files = {f"my-data/{p.name}": p.read_bytes() for p in DATA_DIR.glob("*.yaml")}
    data = dataset_from_upload("my-data.zip", zipped({**files, "my-data/README.txt": b"notes"}))
    assert len(data.initiatives) == 4


def test_nothing_is_written_to_the_data_files(tmp_path):
    before = {p.name: p.read_bytes() for p in DATA_DIR.iterdir() if p.is_file()}
    dataset_from_upload("metrics.yaml", METRICS.replace("value: 9000", "value: 9001", 1).encode())
    assert before == {p.name: p.read_bytes() for p in DATA_DIR.iterdir() if p.is_file()}


def test_markup_in_uploaded_names_is_shown_as_text():
    initiatives = yaml.safe_load((DATA_DIR / "initiatives.yaml").read_text(encoding="utf-8"))
    initiatives[0]["name"] = "<script>alert('x')</script> [click](javascript:alert(1))"
    initiatives[0]["short_name"] = "<b>bold</b>"
    data = dataset_from_upload("initiatives.yaml", yaml.safe_dump(initiatives, allow_unicode=True).encode())

    overview = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    overview.session_state[UPLOADED] = data
    overview.run()
    assert not overview.exception
    heading = overview.subheader[0].value
    assert "\\<script\\>" in heading and "\\[click\\]\\(javascript\\:" in heading  # escaped Markdown, shown as typed

    timeline = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    timeline.session_state[UPLOADED] = data
    timeline.switch_page("pages/timeline.py")
    timeline.run()
    spec = json.dumps([json.loads(e.proto.spec) for e in timeline.get("plotly_chart")])
    assert "<b>bold</b>" not in spec and "&lt;b&gt;bold&lt;/b&gt;" in spec


def test_uploaded_data_belongs_to_one_session():
    records = yaml.safe_load(METRICS)
    records[1]["value"] = 12345
    data = dataset_from_upload("metrics.yaml", yaml.safe_dump(records, allow_unicode=True).encode())
    mine = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    mine.session_state[UPLOADED] = data
    mine.run()
    theirs = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert "12,345" in "".join(html_bodies(mine))
    assert "12,345" not in "".join(html_bodies(theirs))
