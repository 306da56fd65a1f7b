"""A maintainer's correct edit of data/ fails no test outside tests/test_curated_data.py.

The edit is the one the README invites: change a figure, add an initiative that has no figures
yet and remove an event. The rest of the suite then runs, in a child pytest, with
CADENAS_DATA_DIR pointing at the edited copy. The generated-dataset tests, which never read
data/, run there on Hypothesis's short `dev` profile to keep the child's time down. Browser
tests run there only if they read the app's data (marked `app_data`): the others serve written
fixture data, the same in both runs, and would take a quarter of an hour to say nothing new.
"""

import ast
import os
import shutil
import subprocess
import sys

import pytest

from components.data import DATA_DIR_ENV, load_dataset
from tests.conftest import CURATED_DIR, ROOT, read_records, write_records

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


@pytest.mark.server  # a child pytest
def test_every_test_but_the_curated_data_module_passes_on_an_edited_copy(tmp_path):
    folder = edited_copy(tmp_path / "data")
    child = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", "-m", "not browser or app_data",
         "--ignore", "tests/test_curated_data.py", "--ignore", "tests/test_edited_data.py"],
        cwd=ROOT, env={**os.environ, DATA_DIR_ENV: str(folder), "HYPOTHESIS_PROFILE": "dev"},
        capture_output=True, text=True,
    )
    assert child.returncode == 0, child.stdout[-6000:] + child.stderr[-2000:]


def reads_the_apps_data(function: ast.FunctionDef) -> bool:
    """Whether a test or fixture names DATA_DIR or starts the app with no data folder of its own."""
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and node.id == "DATA_DIR":
            return True
        if (isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("start_streamlit", "start_replicas")
                and not any(k.arg == "data_dir" for k in node.keywords)
                and (getattr(node.func, "id") == "start_replicas" or not node.args)):
            return True
    return False


def marked_app_data(function: ast.FunctionDef) -> bool:
    return any(ast.unparse(d) == "pytest.mark.app_data" for d in function.decorator_list)


@pytest.mark.parametrize("module", sorted((ROOT / "tests" / "browser").glob("*.py")), ids=lambda p: p.name)
def test_every_browser_test_that_reads_the_apps_data_is_marked_so_the_edited_run_has_it(module):
    tree = ast.parse(module.read_text(encoding="utf-8"))
    unmarked = [f.name for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)
                and reads_the_apps_data(f) and not marked_app_data(f)]
    assert unmarked == []
