"""A maintainer's correct edit of data/ fails no test outside tests/test_curated_data.py.

The edit is the one the README invites: change a figure, add an initiative that has no figures
yet and remove an event. The rest of the suite then runs, in a child pytest, with
CADENAS_DATA_DIR pointing at the edited copy. The generated-dataset tests, which never read
data/, run there on Hypothesis's short `dev` profile to keep the child's time down.
"""

import os

import pytest
import shutil
import subprocess
import sys

from components.data import DATA_DIR_ENV, load_dataset
from tests.conftest import CURATED_DIR, ROOT, read_records, write_records

pytestmark = pytest.mark.server

NEW_INITIATIVE = {
    "id": "new-initiative", "name": "A New Initiative", "short_name": "New", "crops": ["cacao"],
    "regions": ["amazonas"], "start": 2020, "end": None,
    "summary": "An initiative added by a maintainer before any figure is known.",
    "sources": [],  # filled with a source the copy has
}


def edited_copy(folder):
    """data/ copied to `folder`, with one figure changed, an initiative added and an event removed."""
    shutil.copytree(CURATED_DIR, folder)
    metrics = read_records(folder, "metrics.yaml")
    metrics[0]["value"] = metrics[0]["value"] + 1
    write_records(folder, "metrics.yaml", metrics)
    initiatives = read_records(folder, "initiatives.yaml")
    initiatives.append({**NEW_INITIATIVE, "sources": [read_records(folder, "sources.yaml")[0]["id"]]})
    write_records(folder, "initiatives.yaml", initiatives)
    write_records(folder, "events.yaml", read_records(folder, "events.yaml")[1:])
    return folder


def test_the_edited_copy_is_valid_and_differs_from_the_curated_data(tmp_path):
    curated, edited = load_dataset(CURATED_DIR), load_dataset(edited_copy(tmp_path / "data"))
    assert edited.metrics["value"].iloc[0] == curated.metrics["value"].iloc[0] + 1
    assert "new-initiative" in set(edited.initiatives["id"]) - set(curated.initiatives["id"])
    assert len(edited.events) == len(curated.events) - 1


def test_every_test_but_the_curated_data_module_passes_on_an_edited_copy(tmp_path):
    folder = edited_copy(tmp_path / "data")
    child = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
         "--ignore", "tests/test_curated_data.py", "--ignore", "tests/test_edited_data.py"],
        cwd=ROOT, env={**os.environ, DATA_DIR_ENV: str(folder), "HYPOTHESIS_PROFILE": "dev"},
        capture_output=True, text=True,
    )
    assert child.returncode == 0, child.stdout[-6000:] + child.stderr[-2000:]
