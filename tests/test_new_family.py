"""A new metric family is one vocabulary entry (with its number format), its metrics, its
strings and its dictionary rows: no other code changes. The fixture adds one, as a maintainer
would, and the loader, the number format, Compare and the talk all take it up."""

import pytest

from components import i18n, queries, slides
from components import vocabulary as vocab
from tests import datasets
from tests.apptest import bar_labels, open_page, plotly_specs

SALES = {"initiative": "alpha", "metric": "sales_usd_per_year", "value": 2_000_000, "unit": "US$", "year": 2019,
         "status": "achieved", "source": "doc-a", "note": "Alpha's sales."}


@pytest.fixture
def sales_family(monkeypatch):
    """A 'sales' family, written as money, with a slide; one metric counted per year."""
    monkeypatch.setitem(vocab.FAMILIES, "sales", vocab.Family(number="money", slide=True))
    monkeypatch.setitem(vocab.METRICS, "sales_usd_per_year", vocab.Metric("sales", per="year"))
    monkeypatch.setitem(i18n.STRINGS, "family.sales", {"en": "Sales", "es": "Ventas"})
    monkeypatch.setitem(i18n.STRINGS, "metric.sales_usd_per_year", {"en": "Sales (US$ a year)",
                                                                    "es": "Ventas (US$ al año)"})


@pytest.fixture
def data(sales_family):
    records = datasets.records()
    records["metrics.yaml"] += [SALES, {**SALES, "initiative": "beta", "value": 750_000, "year": 2015,
                                        "source": "doc-b", "note": "Beta's sales."}]
    return datasets.dataset(records)


def test_the_loader_takes_the_new_metric_into_its_family(data):
    assert set(data.metrics.loc[data.metrics["metric"] == "sales_usd_per_year", "family"]) == {"sales"}


def test_its_figures_are_written_in_the_familys_number_format(data):
    row = data.metrics[data.metrics["metric"] == "sales_usd_per_year"].iloc[0]
    assert queries.format_value(row, "en") == "US$2 million per year"
    assert queries.format_value(row, "es") == "US$2 millones al año"


def test_compare_offers_the_family_and_charts_its_figures(data):
    at = open_page("compare", data, family="sales")
    assert not at.exception
    assert "Sales" in at.segmented_control(key="compare_family").options
    (spec,) = plotly_specs(at)
    labels = " ".join(bar_labels(spec))
    assert "US$2 million" in labels and "US$750,000" in labels


def test_the_talk_gives_the_family_a_slide(data):
    talk = slides.build_slides(data)
    assert slides.Slide("compare", family="sales", metric="sales_usd_per_year") in talk


def test_without_the_vocabulary_entry_the_metric_is_refused():
    records = datasets.records()
    records["metrics.yaml"].append(SALES)
    with pytest.raises(Exception, match="sales_usd_per_year"):
        datasets.dataset(records)
