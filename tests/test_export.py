"""The dataset download opens and holds what it says."""

import io
import zipfile

import pandas as pd
import yaml

from components.data import load_dataset, load_dataset_from_files
from components.export import TABLES, dataset_zip
from tests.conftest import DATA_DIR


def test_zip_holds_yaml_csv_and_dictionary_that_read_back():
    data = load_dataset(DATA_DIR)
    archive = zipfile.ZipFile(io.BytesIO(dataset_zip(data)))
    names = set(archive.namelist())
    assert {f"cadenas-data/csv/{t}.csv" for t in TABLES} <= names
    assert "cadenas-data/README.md" in names
    metrics = pd.read_csv(archive.open("cadenas-data/csv/metrics.csv"))
    assert len(metrics) == len(data.metrics) and metrics["value"].sum() == data.metrics["value"].sum()
    initiatives = pd.read_csv(archive.open("cadenas-data/csv/initiatives.csv"))
    assert "coffee;cacao" in set(initiatives["crops"])
    # the YAML inside is the data itself: it loads again, whole
    files = {n.rsplit("/", 1)[1]: archive.read(n) for n in names if n.startswith("cadenas-data/yaml/")}
    again = load_dataset_from_files(files)
    assert len(again.events) == len(data.events)
    assert yaml.safe_load(files["sources.yaml"])[0]["id"] == data.sources["id"][0]
