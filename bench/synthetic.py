"""Synthetic data at N times the seed's scale, written in the real schema, for the benchmark.

At scale 100: about 400 initiatives, 50,000 metric rows and 20,000 events. Regions and sources
are the real ones; every generated record passes the same validator as the curated data.
Usage: python -m bench.synthetic SCALE OUT_DIR
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import yaml

from components import vocabulary as vocab
from components.data import DEFAULT_DATA_DIR

# Per unit of scale: records of each kind (scale 100 gives the sizes the benchmark calls for).
INITIATIVES_PER_SCALE = 4
METRICS_PER_SCALE = 500
EVENTS_PER_SCALE = 200


def _records(name: str) -> list:
    return yaml.safe_load((DEFAULT_DATA_DIR / name).read_text(encoding="utf-8"))


def generate(scale: int, out_dir: Path, seed: int = 7) -> Path:
    """Write a complete data folder at `scale` times the seed's size into `out_dir`."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in ("sources.yaml", "regions.yaml", "regions.geojson"):
        shutil.copy(DEFAULT_DATA_DIR / name, out_dir / name)
    regions = [r["id"] for r in _records("regions.yaml")]
    sources = [s["id"] for s in _records("sources.yaml")]
    initiatives = []
    for number in range(INITIATIVES_PER_SCALE * scale):
        start = rng.randint(vocab.FIRST_YEAR, vocab.LAST_YEAR - 2)
        initiatives.append({
            "id": f"initiative-{number:04d}",
            "name": f"Synthetic initiative {number}",
            "short_name": f"Initiative {number}",
            "crops": rng.sample(vocab.CROPS, rng.randint(1, 2)),
            "regions": rng.sample(regions, rng.randint(1, 3)),
            "start": start,
            "end": None if rng.random() < 0.6 else rng.randint(start, vocab.LAST_YEAR),
            "phases": [{"name": "Phase one", "start": start, "end": min(start + 3, vocab.LAST_YEAR),
                        "source": rng.choice(sources)}],
            "organisations": [{"name": f"Partner {number}-{k}", "type": rng.choice(vocab.ORGANISATION_TYPES),
                               "role": "partner", "source": rng.choice(sources)} for k in range(rng.randint(1, 6))],
            "summary": "Generated for the benchmark.",
            "sources": [rng.choice(sources)],
        })
    ids = [i["id"] for i in initiatives]
    metrics = [{
        "initiative": rng.choice(ids), "metric": rng.choice(tuple(vocab.METRICS)), "value": rng.randint(1, 10**6),
        "unit": "units", "year": rng.randint(vocab.FIRST_YEAR, vocab.LAST_YEAR),
        "status": rng.choice(vocab.STATUSES), "source": rng.choice(sources), "note": "Generated.",
    } for _ in range(METRICS_PER_SCALE * scale)]
    crops = {i["id"]: i["crops"] for i in initiatives}
    for metric in metrics:  # a figure of an initiative with several crops names its crop
        if len(crops[metric["initiative"]]) > 1:
            metric["crop"] = crops[metric["initiative"]][0]
    events = []
    for _ in range(EVENTS_PER_SCALE * scale):
        year = rng.randint(vocab.FIRST_YEAR, vocab.LAST_YEAR)
        date = rng.choice([f"{year}", f"{year}-{rng.randint(1, 12):02d}", f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"])
        events.append({"initiative": rng.choice(ids), "date": date, "title": "Generated event",
                       "kind": rng.choice(vocab.EVENT_KINDS), "source": rng.choice(sources)})
    for name, records in (("initiatives.yaml", initiatives), ("metrics.yaml", metrics), ("events.yaml", events)):
        (out_dir / name).write_text(yaml.safe_dump(records, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return out_dir


if __name__ == "__main__":
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))
