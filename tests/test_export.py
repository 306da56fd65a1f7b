"""The dataset download opens, holds what it says, and its CSVs read back as the data they came from."""

import io
import json
import zipfile

import pandas as pd
import pytest

from components.data import BOUNDARIES_FILE
from components.export import FOLDER, TABLES, dataset_zip, spreadsheet_csv
from components.upload import dataset_from_upload
from tests import datasets


def unzip(content: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    return {name: archive.read(name) for name in archive.namelist()}


def read_table(files: dict[str, bytes], table: str) -> pd.DataFrame:
    """A CSV of the download as text, exactly as written (no guessing of types or missing values)."""
    return pd.read_csv(io.BytesIO(files[f"{FOLDER}/csv/{table}.csv"]), dtype=str, keep_default_na=False)


def test_zip_holds_yaml_boundaries_csv_dictionary_and_datapackage():
    files = unzip(dataset_zip(datasets.dataset()))
    expected = {f"{FOLDER}/yaml/{name}" for name in (*datasets.TINY, BOUNDARIES_FILE)}
    expected |= {f"{FOLDER}/csv/{table}.csv" for table in TABLES}
    expected |= {f"{FOLDER}/README.md", f"{FOLDER}/datapackage.json"}
    assert set(files) == expected
    package = json.loads(files[f"{FOLDER}/datapackage.json"])
    assert {resource["path"] for resource in package["resources"]} <= {name.removeprefix(f"{FOLDER}/") for name in files}


@pytest.mark.parametrize("records", [datasets.TINY, datasets.awkward_records(), datasets.bare_records()],
                         ids=["tiny", "awkward", "bare"])
def test_the_download_uploads_again_as_the_same_data(records):
    data = datasets.dataset(records)
    again = dataset_from_upload("cadenas-data.zip", dataset_zip(data))
    for table in TABLES:
        pd.testing.assert_frame_equal(getattr(again, table), getattr(data, table), obj=table)


@pytest.mark.parametrize("records", [datasets.TINY, datasets.awkward_records(), datasets.bare_records()],
                         ids=["tiny", "awkward", "bare"])
def test_every_table_has_every_column_and_row_and_keeps_text_as_written(records):
    data = datasets.dataset(records)
    files = unzip(dataset_zip(data))
    for table in TABLES:
        written = read_table(files, table)
        assert list(written.columns) == list(getattr(data, table).columns), table
        assert len(written) == len(getattr(data, table)), table
    for table, column in [("initiatives", "name"), ("initiatives", "name_es"), ("initiatives", "summary"),
                          ("sources", "citation"), ("regions", "name"), ("organisations", "role")]:
        expected = getattr(data, table)[column].fillna("").tolist()
        assert read_table(files, table)[column].tolist() == expected, f"{table}.{column}"


def test_cells_are_written_as_their_type_reads():
    files = unzip(dataset_zip(datasets.dataset()))
    metrics = read_table(files, "metrics").set_index("note")
    assert metrics.loc["Beta money.", ["value", "year", "year_start"]].tolist() == ["1500000", "2016", "2012"]
    assert metrics.loc["Alpha's plan.", "target_year"] == "2021"
    assert metrics.loc["Alpha growers.", ["year_start", "target_year", "qualifier", "crop"]].tolist() == ["", "", "more_than", ""]
    assert set(metrics["year_circa"]) == {"true", "false"}
    assert metrics.loc["Gamma cacao growers.", ["crop", "family"]].tolist() == ["cacao", "people"]
    events = read_table(files, "events").set_index("title")
    assert events.loc["Beta launched", ["year", "month", "day", "precision"]].tolist() == ["2005", "6", "1", "day"]
    assert events.loc["Alpha exports", ["month", "day", "precision", "regions"]].tolist() == ["3", "", "month", "piura"]
    assert events.loc["Alpha founded", ["month", "day", "precision", "regions"]].tolist() == ["", "", "year", ""]
    initiatives = read_table(files, "initiatives").set_index("id")
    assert initiatives.loc["gamma", ["crops", "sources", "end"]].tolist() == ["coffee;cacao", "doc-a;doc-b", ""]
    assert initiatives.loc["beta", ["regions", "end"]].tolist() == ["cajamarca;cusco", "2016"]
    phases = read_table(files, "phases").set_index("name")
    assert phases.loc["Alpha start-up", ["initiative", "end", "crop"]].tolist() == ["alpha", "2014", ""]
    assert read_table(files, "organisations").set_index("name").loc["Beta NGO", "initiative"] == "beta"


def test_a_fractional_value_keeps_its_decimals():
    data = datasets.records()
    data["metrics.yaml"][0]["value"] = 12.5
    metrics = read_table(unzip(dataset_zip(datasets.dataset(data))), "metrics")
    assert "12.5" in set(metrics["value"])


def test_empty_tables_are_a_header_only():
    files = unzip(dataset_zip(datasets.dataset(datasets.bare_records())))
    for table in ("phases", "organisations", "metrics", "events"):
        text = files[f"{FOLDER}/csv/{table}.csv"].decode("utf-8")
        assert text.count("\n") == 1 and text.startswith("initiative,"), table


def test_a_table_downloads_as_csv_that_excel_reads_with_its_accents():
    table = pd.DataFrame({"region": ["Huánuco", "Perú"], "figure": ["más de 9,000", "1 000"]})
    written = spreadsheet_csv(table)
    assert written.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel looks for
    assert pd.read_csv(io.BytesIO(written), encoding="utf-8-sig").equals(table)
