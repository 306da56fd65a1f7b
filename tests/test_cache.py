"""Exhibits are built once per dataset and settings (`exhibits.cached`); Streamlit's full
collection after every run is off, and an exhibit dropped from the cache is still freed."""

import gc
import tomllib
import weakref

from components import exhibits
from tests import datasets
from tests.apptest import open_page
from tests.conftest import ROOT


def test_an_exhibit_is_built_once_per_dataset_and_settings():
    exhibits.partners.clear()
    data = datasets.dataset()
    first = exhibits.partners(data, ("alpha",), "en")
    assert exhibits.partners(data, ("alpha",), "en") is first
    assert exhibits.partners(datasets.dataset(), ("alpha",), "en") is first  # same files, same key
    assert exhibits.partners(data, ("alpha",), "es") is not first
    assert exhibits.partners(data, ("beta",), "en") is not first
    other = datasets.dataset(datasets.records(events=[]))  # other data: its own exhibits
    assert exhibits.partners(other, ("alpha",), "en") is not first


def test_no_full_collection_after_every_run():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False


def test_an_exhibit_dropped_from_the_cache_is_freed():
    """Figures hold reference cycles: only the collector frees them, so none may be hidden from it."""
    exhibits.timeline.clear()
    data = datasets.dataset()
    fig = weakref.ref(exhibits.timeline(data, tuple(data.initiatives["id"]), None, None, (2000, 2021), "en").chart)
    exhibits.timeline.clear()
    gc.collect()
    assert fig() is None


def test_the_talk_is_worked_out_once_per_dataset(monkeypatch):
    """Its timelines' splits measure every event: the slide a presenter moves to must not
    measure them all again."""
    from components import slides
    built = []
    monkeypatch.setattr(slides, "build_slides", lambda data: built.append(data) or [slides.Slide("title")])
    exhibits.talk.clear()
    for _ in range(2):
        open_page("present", datasets.dataset(), slide="1")
    assert len(built) == 1
    exhibits.talk.clear()
