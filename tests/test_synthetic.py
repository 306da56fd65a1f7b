"""The benchmark's synthetic data is valid data in the real schema, at the asked scale."""

from bench.synthetic import EVENTS_PER_SCALE, INITIATIVES_PER_SCALE, METRICS_PER_SCALE, generate
from components.data import load_dataset


def test_generated_data_passes_the_validator(tmp_path):
    data = load_dataset(generate(3, tmp_path / "data"))
    assert len(data.initiatives) == 3 * INITIATIVES_PER_SCALE
    assert len(data.metrics) == 3 * METRICS_PER_SCALE
    assert len(data.events) == 3 * EVENTS_PER_SCALE


def test_generation_is_repeatable(tmp_path):
    first = generate(1, tmp_path / "a")
    second = generate(1, tmp_path / "b")
    assert (first / "metrics.yaml").read_bytes() == (second / "metrics.yaml").read_bytes()
