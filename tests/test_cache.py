"""Figures are built once per dataset and settings (`views.cached`); Streamlit's full collection
after every run is off, and a cached figure dropped from the cache is still freed."""

import gc
import tomllib
import weakref

from components import views
from tests import datasets
from tests.conftest import ROOT


def test_a_figure_is_built_once_per_dataset_and_settings():
    views.partners_chart.clear()
    data = datasets.dataset()
    first = views.partners_chart(data, ("alpha",), "en")
    assert views.partners_chart(data, ("alpha",), "en") is first
    assert views.partners_chart(datasets.dataset(), ("alpha",), "en") is first  # same files, same key
    assert views.partners_chart(data, ("alpha",), "es") is not first
    assert views.partners_chart(data, ("beta",), "en") is not first
    other = datasets.dataset(datasets.records(events=[]))  # other data: its own figures
    assert views.partners_chart(other, ("alpha",), "en") is not first


def test_no_full_collection_after_every_run():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False


def test_a_figure_dropped_from_the_cache_is_freed():
    """Figures hold reference cycles: only the collector frees them, so none may be hidden from it."""
    views.timeline_chart.clear()
    data = datasets.dataset()
    fig = weakref.ref(views.timeline_chart(data, tuple(data.initiatives["id"]), None, (2000, 2021), "en"))
    views.timeline_chart.clear()
    gc.collect()
    assert fig() is None
