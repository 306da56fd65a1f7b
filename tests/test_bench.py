"""The benchmark's own logic: the README's command runs it, and a missed budget fails the run.
(Its timings are measured by `bench/run.py`, never asserted here.)"""

import re

import pytest

from bench import run
from tests.conftest import ROOT


def results(**overrides):
    base = {
        "loads": {"overview": {"seconds": 1.2, "floor": "map", "floor_seconds": 1.0, "ratio": 1.2}},
        "filter": {"floor_seconds": 0.2, "compare_seconds": 0.25, "ratio": 1.25},
        "script_ms": {"seed": {"overview": 30.0}, "10x": {"overview": 35.0}, "100x": {"overview": 60.0},
                      "floor_chart_ms": 9.0},
        "memory_mb": {1: 190.0, 5: 192.0, 20: 200.0}, "mb_per_idle_session": 0.53,
        "concurrent": {"sessions": 20, "page": "timeline", "single_seconds": 1.0,
                       "server": {"alone_seconds": 0.05, "p50_seconds": 0.4, "p95_seconds": 0.45},
                       "p50_seconds": 1.35, "p95_seconds": 1.4, "p95_ratio": 1.4,
                       "browsers_here": {"p50_seconds": 50.0, "p95_seconds": 55.0, "server_cpu_seconds": 4.0,
                                         "wall_seconds": 60.0}},
        "sizing": {"sessions_within_budget": 80, "sessions_per_core": 40.0, "tried": [10, 20, 40, 80, 160],
                   "mb_per_active_session": 0.4, "first_visit_mb": {"direct": 6.6, "balanced": 2.3}},
    }
    base.update(overrides)
    return base


def test_every_budget_is_checked_and_a_miss_is_reported():
    kept = run.verdicts(results())
    assert set(kept) == set(run.BUDGETS) and all(met for _, met in kept.values())
    slow = results(loads={"regions": {"seconds": 2.0, "floor": "map", "floor_seconds": 1.0, "ratio": 2.0}})
    missed = run.verdicts(slow)
    assert missed["page_ratio"] == (2.0, False)
    assert "| page_ratio | 1.3 | 2.0 | NO |" in run.report({**slow, "verdicts": missed})


def test_the_readme_command_installs_and_runs_the_benchmark():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"^bash scripts/bench\.sh\b", readme, re.M)
    script = (ROOT / "scripts" / "bench.sh").read_text(encoding="utf-8")
    assert "scripts/install-test-deps.sh" in script and "python3 -m bench.run" in script


@pytest.mark.server
def test_a_protocol_session_runs_a_page_as_the_browser_would():
    """The concurrency measure opens sessions over Streamlit's websocket: each must really run
    the page and receive its chart, or the crowd's times would mean nothing."""
    from tests.server import start_streamlit

    process, url = start_streamlit()
    try:
        assert run.server_sessions(url, "timeline", 2)  # raises unless both got the chart
        seconds, ok = run.run_apart(run.protocol_session(url, "sources"))  # a page with no chart
        assert not ok
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_paired_loads_alternate_floor_and_dashboard(monkeypatch):
    """Each page is timed in turn with its floor, a cold load each first, then `loads` pairs."""
    times = iter(range(1, 100))
    seen = []
    monkeypatch.setattr(run, "load_time", lambda page, url, selector: seen.append(url) or next(times))
    floor, dashboard = run.paired_loads(None, ("floor", "x"), ("dash", "y"), loads=3)
    assert seen == ["floor", "dash"] + ["floor", "dash"] * 3
    assert (floor, dashboard) == (5, 6)  # medians of the warm loads 3, 5, 7 and 4, 6, 8
    assert run.CHART_WARM_LOADS >= run.WARM_LOADS >= 5


def test_the_report_sizes_one_process_and_compares_a_first_visit_with_and_without_the_balancer():
    report = run.report({**results(), "verdicts": run.verdicts(results())})
    assert "One process served 80 sessions at once within the concurrency budget (40.0 per core" in report
    assert "6.6 MB directly and 2.3 MB through the balancer (35%)" in report
