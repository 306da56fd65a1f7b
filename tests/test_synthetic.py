"""The benchmark's synthetic data is valid data in the real schema, at the asked scale."""

from bench.synthetic import EVENTS_PER_SCALE, INITIATIVES_PER_SCALE, METRICS_PER_SCALE, generate
from components.data import load_dataset
from tests.apptest import html_bodies


def test_generated_data_passes_the_validator(tmp_path):
    data = load_dataset(generate(3, tmp_path / "data"))
    assert len(data.initiatives) == 3 * INITIATIVES_PER_SCALE
    assert len(data.metrics) == 3 * METRICS_PER_SCALE
    assert len(data.events) == 3 * EVENTS_PER_SCALE


def test_generation_is_repeatable(tmp_path):
    first = generate(1, tmp_path / "a")
    second = generate(1, tmp_path / "b")
    assert (first / "metrics.yaml").read_bytes() == (second / "metrics.yaml").read_bytes()


def test_every_page_runs_at_scale_and_the_overview_stays_a_glance(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    monkeypatch.setenv("CADENAS_DATA_DIR", str(generate(4, tmp_path / "data")))
    for page in ["overview", "regions", "timeline", "compare", "initiative", "sources", "present"]:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.switch_page(f"pages/{page}.py")
        at.run()
        assert not at.exception, (page, at.exception)
        assert not at.error, (page, [e.value for e in at.error])
        if page == "overview":
            cards = [body for body in html_bodies(at) if "cadenas-figure" in body]
            assert len(cards) == 12
            assert "first 12 of 16 initiatives" in "\n".join(c.value for c in at.caption)
            assert at.caption[0].value.startswith("16 initiatives")  # the data's count, not the curated four
