"""The benchmark's synthetic data is valid data in the real schema, at the asked scale, and
every page runs on it."""

import pytest

from bench.synthetic import EVENTS_PER_SCALE, INITIATIVES_PER_SCALE, METRICS_PER_SCALE, generate
from components.data import load_dataset
from tests.apptest import PAGES, html_bodies, open_page

SCALE = 4  # 16 initiatives: more than the Overview shows as cards


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return load_dataset(generate(SCALE, tmp_path_factory.mktemp("synthetic") / "data"))


def test_generated_data_passes_the_validator(generated):
    assert len(generated.initiatives) == SCALE * INITIATIVES_PER_SCALE
    assert len(generated.metrics) == SCALE * METRICS_PER_SCALE
    assert len(generated.events) == SCALE * EVENTS_PER_SCALE


def test_generation_is_repeatable(tmp_path):
    first = generate(1, tmp_path / "a")
    second = generate(1, tmp_path / "b")
    assert (first / "metrics.yaml").read_bytes() == (second / "metrics.yaml").read_bytes()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_at_scale(generated, page):
    at = open_page(page, generated)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value


def test_the_overview_stays_a_glance_at_scale(generated):
    at = open_page("overview", generated)
    total = SCALE * INITIATIVES_PER_SCALE
    cards = [body for body in html_bodies(at) if "cadenas-figure" in body]
    assert len(cards) == 12  # the Overview's card limit; every initiative has figures at this scale
    assert f"first 12 of {total} initiatives" in "\n".join(c.value for c in at.caption)
    assert at.caption[0].value.startswith(f"{total} initiatives")  # the data's count
