"""Shared fixtures: a private copy of the data to break, and paths."""

import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A throwaway copy of data/ that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def read_records(data_dir: Path, name: str) -> list:
    return yaml.safe_load((data_dir / name).read_text(encoding="utf-8"))


def write_records(data_dir: Path, name: str, records: list) -> None:
    (data_dir / name).write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
