"""A page's figures from the dataset and the view's simple settings (ids, years, language),
each built once per dataset and settings and shared by every session (`cached`). What they
return is treated as read-only.
"""

from __future__ import annotations

import json
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

from components import charts, export, html, maps, queries
from components.data import Dataset
from components.i18n import t


def cached(builder=None, *, max_entries: int = 256):
    """Build once per dataset (keyed on its fingerprint, never its tables) and settings."""
    def wrap(builder):
        return st.cache_resource(builder, max_entries=max_entries, show_spinner=False,
                                 hash_funcs={Dataset: lambda data: data.fingerprint})
    return wrap(builder) if builder else wrap


class FrozenDeck(pdk.Deck):
    """A deck serialised once, compactly: Streamlit asks for its JSON on every run, and pydeck's
    indented JSON of the region polygons is four times larger than it needs to be."""

    def __init__(self, deck: pdk.Deck):
        self.__dict__.update(deck.__dict__)
        self._frozen_json = json.dumps(json.loads(deck.to_json()), separators=(",", ":"), ensure_ascii=False)

    def to_json(self):
        return self._frozen_json

    @property
    def spec(self) -> dict:
        return json.loads(self._frozen_json)


@cached(max_entries=64)  # a deck holds every region's outline
def region_deck(data: Dataset, lang: str, metric: str | None = None, selected: str | None = None,
                initiatives: tuple | None = None, focus: tuple | None = None, basemap: bool = False,
                zoom: float | None = None) -> FrozenDeck:
    """The region map for these settings (all initiatives unless `initiatives` is given)."""
    shown = data.initiatives if initiatives is None else data.initiatives_among(initiatives)
    return FrozenDeck(maps.region_map(data.boundaries, data.regions, shown, data.metrics, data.sources, lang,
                                      metric=metric, selected=selected, focus=list(focus) if focus else None,
                                      basemap=basemap, zoom=zoom))


@cached
def headlines(data: Dataset):
    """Every initiative's headline figures (`queries.headlines`)."""
    return queries.headlines(data.metrics)


@cached
def timeline_chart(data: Dataset, initiatives: tuple, kinds: tuple | None, years: tuple, lang: str) -> go.Figure:
    """The timeline of the given initiatives, event kinds (all when None) and years."""
    shown = data.initiatives_among(initiatives)
    phases = queries.filter_phases(data.phases, initiatives, years)
    events = queries.filter_events(data.events, initiatives, kinds=kinds, years=years)
    return charts.timeline_figure(shown, phases, events, data.sources, lang, years=years)


class Comparison(NamedTuple):
    """The figures one Compare view shows, as labels of `data.metrics`: all of them (the table),
    those set against another figure of their measure (the chart) and those that stand alone."""
    shown: pd.Index
    charted: pd.Index
    alone: pd.Index


@cached
def comparison(data: Dataset, family: str, statuses: tuple, initiatives: tuple) -> Comparison:
    """Which figures of one family, some statuses and some initiatives are charted
    (`queries.comparable`) and which stand alone."""
    figures = queries.metrics_in_family(data.metrics, family, statuses)
    figures = figures[figures["initiative"].isin(initiatives)]
    compared = queries.comparable(figures)
    return Comparison(figures.index, figures.index[compared], figures.index[~compared])


@cached
def compare_chart(data: Dataset, family: str, statuses: tuple, initiatives: tuple, lang: str, log: bool) -> go.Figure:
    """Compare's bars for one family, some statuses and some initiatives: the charted figures of
    `comparison`."""
    figures = data.metrics.loc[comparison(data, family, statuses, initiatives).charted]
    shown = data.initiatives_among(initiatives)
    return charts.compare_figure(figures, shown, data.sources, family, lang, log=log)


@cached
def partners_chart(data: Dataset, initiatives: tuple, lang: str) -> go.Figure:
    """Partner organisations by type for some initiatives."""
    organisations = data.organisations[data.organisations["initiative"].isin(initiatives)]
    return charts.partners_figure(organisations, data.initiatives_among(initiatives), lang)


# Display tables for the whole dataset, built once per language; pages take their rows by index.

@cached
def figures_rows(data: Dataset, lang: str):
    """Every figure as people read it (`queries.figures_table`), indexed like `data.metrics`."""
    return queries.figures_table(data.metrics, data.initiatives, data.sources, lang)


@cached
def events_rows(data: Dataset, lang: str):
    """Every event as people read it (`queries.events_table`), indexed like `data.events`."""
    return queries.events_table(data.events, data.initiatives, data.sources, lang)


@cached
def organisations_rows(data: Dataset, lang: str):
    """Every partner as people read it (`queries.organisations_table`), indexed like `data.organisations`."""
    return queries.organisations_table(data.organisations, data.initiatives, data.sources, lang)


class ComparisonText(NamedTuple):
    """The words that go with one Compare view: the chart's sources and key, and the figures
    that stand alone (HTML, empty when there are none)."""
    sources: str
    legend: str
    alone: str


@cached
def comparison_text(data: Dataset, family: str, statuses: tuple, initiatives: tuple, lang: str) -> ComparisonText:
    """`ComparisonText` for one view (`comparison`): a change of filter reruns Compare's figures,
    and the browser waits for them."""
    view = comparison(data, family, statuses, initiatives)
    charted = data.metrics.loc[view.charted]
    alone = ""
    if len(view.alone):
        alone = html.figures(data.metrics.loc[view.alone], data.sources, lang,
                             names=queries.initiative_names(data.initiatives, lang), side_by_side=True,
                             heading=(t("compare.alone", lang), t("compare.alone_note", lang)))
    return ComparisonText(
        sources=queries.source_names(data.sources, charted["source"], lang),
        legend=html.legend(queries.figure_crops(charted, data.initiatives).unique(), lang,
                           statuses=charted["status"].unique()),
        alone=alone)


@cached
def dataset_zip(data: Dataset) -> bytes:
    """The whole dataset as a zip (`export.dataset_zip`)."""
    return export.dataset_zip(data)
