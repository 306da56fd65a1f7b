"""Figures are built once per dataset and settings; Streamlit's full collection after every run
is off, and a cached figure dropped from the cache is still freed."""

import gc
import tomllib
import weakref

from components import views
from components.data import load_dataset
from components.memo import _built, memo
from tests.conftest import DATA_DIR, ROOT


def test_a_figure_is_built_once_per_dataset_and_settings():
    _built.clear()
    data = load_dataset(DATA_DIR)
    first = memo(views.partners_chart, data, ("bio-azul",), "en")
    assert memo(views.partners_chart, data, ("bio-azul",), "en") is first
    assert memo(views.partners_chart, data, ("bio-azul",), "es") is not first


def test_no_full_collection_after_every_run():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False


def test_a_figure_dropped_from_the_cache_is_freed():
    """Figures hold reference cycles: only the collector frees them, so none may be hidden from it."""
    _built.clear()
    data = load_dataset(DATA_DIR)
    fig = weakref.ref(memo(views.timeline_chart, data, tuple(data.initiatives["id"]), None, (2000, 2021), "en"))
    _built.clear()
    gc.collect()
    assert fig() is None
