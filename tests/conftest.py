"""Shared fixtures: a private copy of the data to break, paths, one scan of components for every
AppTest, and the Hypothesis profiles."""

import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, settings
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.testing.v1 import app_test

from components.data import data_dir_from_env

ROOT = Path(__file__).resolve().parent.parent
# The curated data, whose own facts tests/test_curated_data.py states.
CURATED_DIR = ROOT / "data"
# The data the app runs on (CADENAS_DATA_DIR, else data/): the smoke pass opens every page on it.
DATA_DIR = data_dir_from_env()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A throwaway copy of the curated data that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(CURATED_DIR, target)
    return target


@pytest.fixture(scope="session", autouse=True)
def _scan_components_once():
    """AppTest scans every installed package for custom components each time a page is opened,
    most of a page run's time here; the app has none, so scan once and share the result."""
    scanned = BidiComponentManager()
    scanned.discover_and_register_components(start_file_watching=False)
    scanned.discover_and_register_components = lambda **kwargs: None
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(app_test, "BidiComponentManager", lambda: scanned)
        yield


def read_records(data_dir: Path, name: str) -> list:
    return yaml.safe_load((data_dir / name).read_text(encoding="utf-8"))


def write_records(data_dir: Path, name: str, records: list) -> None:
    (data_dir / name).write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")


# Hypothesis profiles for the generated-dataset tests (tests/test_generated_datasets.py): `ci`,
# a fixed dozen examples sized to CI's time limit, unless HYPOTHESIS_PROFILE names another:
# `thorough` for a long local run, `dev` for a quick look while editing.
_SLOW_IS_FINE = [HealthCheck.too_slow]  # drawing 40 initiatives can take a while on a busy machine
settings.register_profile("ci", derandomize=True, database=None, deadline=None, max_examples=12, print_blob=True,
                          suppress_health_check=_SLOW_IS_FINE)
settings.register_profile("thorough", deadline=None, max_examples=200, print_blob=True,
                          suppress_health_check=_SLOW_IS_FINE)
settings.register_profile("dev", deadline=None, max_examples=3, print_blob=True, suppress_health_check=_SLOW_IS_FINE)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
