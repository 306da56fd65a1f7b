"""Figures are built once per dataset and settings, and cached values stay out of the garbage
collector's way (Streamlit collects every generation after every run)."""

import gc

from components import views
from components.data import load_dataset
from components.memo import _built, memo
from tests.conftest import DATA_DIR


def test_a_figure_is_built_once_per_dataset_and_settings():
    _built.clear()
    data = load_dataset(DATA_DIR)
    first = memo(views.partners_chart, data, ("bio-azul",), "en")
    assert memo(views.partners_chart, data, ("bio-azul",), "en") is first
    assert memo(views.partners_chart, data, ("bio-azul",), "es") is not first


def test_cached_figures_leave_the_collectors_sight():
    _built.clear()
    gc.unfreeze()
    data = load_dataset(DATA_DIR)
    fig = memo(views.timeline_chart, data, tuple(data.initiatives["id"]), None, (2000, 2021), "en")
    tracked = {id(o) for o in gc.get_objects()}
    assert id(fig) not in tracked and id(fig.data) not in tracked  # frozen: no longer walked
    gc.unfreeze()
