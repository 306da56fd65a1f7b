"""Figures are built once per dataset and settings; Streamlit's full collection after every run
is off, and a cached figure dropped from the cache is still freed."""

import gc
import tomllib
import weakref

from components import views
from components.memo import _built, memo
from tests import datasets
from tests.conftest import ROOT


def test_a_figure_is_built_once_per_dataset_and_settings():
    _built.clear()
    data = datasets.dataset()
    first = memo(views.partners_chart, data, ("alpha",), "en")
    assert memo(views.partners_chart, data, ("alpha",), "en") is first
    assert memo(views.partners_chart, data, ("alpha",), "es") is not first
    assert memo(views.partners_chart, data, ("beta",), "en") is not first
    other = datasets.dataset(datasets.records(events=[]))  # other data: its own figures
    assert memo(views.partners_chart, other, ("alpha",), "en") is not first


def test_no_full_collection_after_every_run():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False


def test_a_figure_dropped_from_the_cache_is_freed():
    """Figures hold reference cycles: only the collector frees them, so none may be hidden from it."""
    _built.clear()
    data = datasets.dataset()
    fig = weakref.ref(memo(views.timeline_chart, data, tuple(data.initiatives["id"]), None, (2000, 2021), "en"))
    _built.clear()
    gc.collect()
    assert fig() is None
