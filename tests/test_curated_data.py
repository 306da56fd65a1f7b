"""What the curated data in data/ must say: the sources' figures, events, regions and statuses.

This is the one module that knows the seed data. A maintainer who corrects a figure or adds an
initiative changes the matching expectation here, and nowhere else: every other test runs on
small datasets written in the tests (tests/datasets.py) or generated ones. Each expectation
names what the source says, so a reader can check it against ../shared/seeds/.
"""

import pytest

from components.data import load_dataset
from tests.conftest import CURATED_DIR


@pytest.fixture(scope="module")
def curated():
    return load_dataset(CURATED_DIR)


# --- The data as a whole ----------------------------------------------------------------


# --- Figures and their statuses ---------------------------------------------------------


# --- Corrections from the line-by-line audit against the sources -------------------------


# --- What the pages show of the curated data --------------------------------------------
