"""Exhibits: every chart, map, figure list and table that a page, a slide or a download shows,
each built by one pure function of the dataset, the view's settings and the language, and built
once per dataset and settings for every session (`cached`); an upload's, once for its session.
`ui.show` draws any of them. What they return is treated as read-only.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

from components import charts, design, export, html, maps, queries, slides
from components import vocabulary as vocab
from components.data import Dataset
from components.i18n import counted, localised, t, term


@dataclass(frozen=True)
class Exhibit:
    """One thing shown: a chart or map (`chart`) or a list of figures (`figures`, HTML), with
    what it shows in words (`alt`), the sources it cites, its key (`legend`, HTML), figures that
    go with the chart (`after`, HTML), the rows behind it (its table and CSV) and the name its
    downloads take. With `instead` (a string's key) there is nothing to show, and that note says
    why."""
    name: str
    chart: go.Figure | pdk.Deck | None = None
    figures: str = ""
    alt: str = ""
    sources: str = ""
    legend: str = ""
    after: str = ""
    rows: pd.DataFrame | None = None
    instead: str = ""
    height: int = maps.MAP_HEIGHT  # a map's, in pixels: its view is fitted to it
    shortest: int = 0  # the least height a chart still reads at, in pixels (0: only its own)


SESSION_EXHIBITS = "upload_exhibits"  # session-state key of an upload's exhibits
SESSION_EXHIBITS_KEPT = 64


def cached(builder=None, *, max_entries: int = 256):
    """Build once per dataset (keyed on its fingerprint, never its tables) and settings. An
    upload's exhibits are kept in its session instead (the last `SESSION_EXHIBITS_KEPT`), so
    they go when the session or the upload goes, and no other session can reach them."""
    def wrap(builder):
        shared = st.cache_resource(builder, max_entries=max_entries, show_spinner=False,
                                   hash_funcs={Dataset: lambda data: data.fingerprint})

        @functools.wraps(builder)
        def build(data: Dataset, *args, **kwargs):
            if not data.session_only:
                return shared(data, *args, **kwargs)
            kept = st.session_state.setdefault(SESSION_EXHIBITS, {})
            key = (builder.__name__, data.fingerprint, args, tuple(sorted(kwargs.items())))
            if key not in kept:
                if len(kept) >= SESSION_EXHIBITS_KEPT:
                    kept.pop(next(iter(kept)))
                kept[key] = builder(data, *args, **kwargs)
            return kept[key]
        build.clear = shared.clear
        return build
    return wrap(builder) if builder else wrap


# --- The talk -----------------------------------------------------------------------------

@cached(max_entries=16)
def talk(data: Dataset) -> list[slides.Slide]:
    """Every slide of the talk (`slides.build_slides`), worked out once per dataset: each of an
    initiative's events is measured for where its timeline splits."""
    return slides.build_slides(data)


# --- Maps ---------------------------------------------------------------------------------

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
def _deck(data: Dataset, lang: str, metric: str | None = None, selected: str | None = None,
          initiative: str | None = None, basemap: bool = False, height: int = maps.MAP_HEIGHT) -> FrozenDeck:
    """The region map, `height` pixels tall: every initiative, or one (its regions in focus);
    fitted to `selected`."""
    shown = data.initiatives if initiative is None else data.initiatives_among([initiative])
    focus = None if initiative is None else list(shown["regions"].iloc[0])
    return FrozenDeck(maps.region_map(data.boundaries, data.regions, data.region_names, shown, data.metrics,
                                      data.sources, lang, metric=metric, selected=selected, focus=focus,
                                      basemap=basemap, height=height))


@cached
def peru_map(data: Dataset, lang: str, height: int) -> Exhibit:
    """Where every initiative works, `height` pixels tall, with the regions as a table."""
    return Exhibit(
        name="regions", chart=_deck(data, lang, height=height), height=height, alt=t("overview.map_alt", lang),
        sources=queries.source_names(data.sources, data.sources["id"], lang),
        legend=html.legend(queries.crops_of(data.initiatives).values(), lang),
        rows=queries.presence_table(data.initiatives, data.regions, data.region_names, lang))


@cached
def metric_map(data: Dataset, lang: str, metric: str | None, selected: str | None, basemap: bool,
               height: int = maps.MAP_HEIGHT) -> Exhibit:
    """The region map with each initiative's latest achieved `metric` as a circle, and
    `selected` outlined."""
    return Exhibit(
        name=f"map-{metric or 'regions'}", height=height,
        chart=_deck(data, lang, metric=metric, selected=selected, basemap=basemap, height=height),
        alt=" ".join([t("map.alt", lang, metric=term("metric", metric, lang) if metric else "–"),
                      t("map.circles_note", lang)]),
        sources=queries.source_names(data.sources, data.metrics.loc[data.metrics["metric"] == metric, "source"], lang),
        legend=html.legend(queries.crops_of(data.initiatives).values(), lang,
                           sizes=maps.size_key(data.initiatives, data.metrics, metric, lang) if metric else ()))


@cached
def initiative_map(data: Dataset, initiative: str, lang: str, height: int) -> Exhibit:
    """One initiative's regions on a map `height` pixels tall."""
    row = data.initiatives_among([initiative]).iloc[0]
    return Exhibit(name=f"regions-{initiative}", chart=_deck(data, lang, initiative=initiative, height=height),
                   height=height,
                   alt=t("profile.map_alt", lang), sources=queries.source_names(data.sources, row["sources"], lang))


# --- Charts -------------------------------------------------------------------------------

@cached
def timeline(data: Dataset, initiatives: tuple, crops: tuple | None, kinds: tuple | None, years: tuple,
             lang: str) -> Exhibit:
    """The timeline of the given initiatives growing any of `crops`, with events of `kinds` (all
    when None) in `years`; its table has every event, its caption the sources of the lanes drawn.
    Where nothing is left, its note blames the filters only when there are some."""
    shown = queries.initiatives_in(data.initiatives_among(initiatives), crops=crops)
    phases = queries.filter_phases(data.phases, shown["id"], years)
    events = queries.filter_events(data.events, shown["id"], kinds=kinds, years=years)
    name = f"timeline-{years[0]}-{years[1]}" if len(initiatives) != 1 else f"timeline-{initiatives[0]}"
    if shown.empty or (events.empty and phases.empty):
        filtered = crops is not None or kinds is not None or tuple(years) != (vocab.FIRST_YEAR, vocab.LAST_YEAR)
        return Exhibit(name=name, instead="timeline.empty" if filtered else "profile.no_chronology")
    chart = charts.timeline(shown, phases, events, data.sources, lang, years=years)
    drawn = charts.timeline_lanes(shown)
    cited = [*events.loc[events["initiative"].isin(drawn), "source"], *phases.loc[phases["initiative"].isin(drawn), "source"]]
    return Exhibit(name=name, chart=chart.fig, alt=chart.alt, sources=queries.source_names(data.sources, cited, lang),
                   rows=_events_rows(data, lang).loc[events.index], shortest=chart.shortest)


@cached
def timeline_slide(data: Dataset, initiative: str, part: int, parts: int, lang: str) -> Exhibit:
    """Part `part` of `parts` of one initiative's timeline for a slide: every phase, and that
    part's events (`slides.timeline_parts`), on the initiative's own years."""
    everything = (vocab.FIRST_YEAR, vocab.LAST_YEAR)
    phases = queries.filter_phases(data.phases, [initiative], everything).sort_values("start", kind="stable")
    events = queries.filter_events(data.events, [initiative], years=everything)
    split = slides.timeline_parts(phases, events)
    shown = split[part - 1] if part <= len(split) else events.iloc[:0]
    first = sum(len(earlier) for earlier in split[:part - 1])
    name = f"timeline-{initiative}-{part}"
    if shown.empty and phases.empty:
        return Exhibit(name=name, instead="profile.no_chronology")
    years = [*phases["start"], *phases["end"].map(queries.last_year), *events["year"]]
    span = (max(min(years), vocab.FIRST_YEAR), min(max(years), vocab.LAST_YEAR))
    own = data.initiatives_among([initiative])
    chart = charts.timeline_slide(own, phases, shown, data.sources, span, lang)
    counts = dict(first=first + 1, last=first + len(shown), total=len(events))
    what = [counted("timeline.slide_phases", len(phases), lang)] if len(phases) else []
    what += [t("timeline.slide_events", lang, **counts)] if len(shown) else []
    note = t("timeline.slide_part_one" if len(shown) == 1 else "timeline.slide_part", lang, **counts) if len(shown) else ""
    crop = queries.crop_key(own["crops"].iloc[0])  # of the events, and of phases that name none
    crops = {*phases["crop"].dropna(), *([crop] if len(shown) or phases["crop"].isna().any() else [])}
    return Exhibit(
        name=name, chart=chart.fig,
        alt=t("timeline.slide_alt", lang, name=queries.initiative_names(own, lang)[initiative], start=span[0],
              end=span[1], what=", ".join(what)),
        sources=queries.source_names(data.sources, [*phases["source"], *shown["source"]], lang),
        legend=html.legend(crops, lang, note=note),
        rows=_events_rows(data, lang).loc[shown.index] if len(shown) else None)


@cached
def comparison(data: Dataset, family: str, statuses: tuple, initiatives: tuple, lang: str, log: bool) -> Exhibit:
    """One family's figures for some statuses and initiatives: bars for the measures with two
    figures or more (`queries.comparable`), with their key; each figure that stands alone with
    its year, status and source; and the table of them all."""
    figures = queries.metrics_in_family(data.metrics, family, statuses)
    figures = figures[figures["initiative"].isin(initiatives)]
    name = f"compare-{family}"
    if figures.empty:
        return Exhibit(name=name, instead="compare.empty")
    compared = queries.comparable(figures)
    charted, alone = figures[compared], figures[~compared]
    alone_html = "" if alone.empty else html.figures(
        alone, data.sources, lang, names=queries.initiative_names(data.initiatives, lang), side_by_side=True,
        heading=(t("compare.alone", lang), t("compare.alone_note", lang)))
    alone_html += _absent(data, family, figures, initiatives, lang)
    rows = _figures_rows(data, lang).loc[figures.index]
    if charted.empty:
        return Exhibit(name=name, figures=alone_html, rows=rows)
    chart = charts.comparison(charted, data.initiatives_among(initiatives), data.sources, family, lang, log=log)
    return Exhibit(
        name=name, chart=chart.fig, alt=chart.alt, sources=queries.source_names(data.sources, charted["source"], lang),
        legend=html.legend(queries.figure_crops(charted, data.initiatives).unique(), lang,
                           statuses=charted["status"].unique()),
        after=alone_html, rows=rows)


@cached
def comparison_slide(data: Dataset, family: str, metric: str, part: int, parts: int, lang: str) -> Exhibit:
    """Part `part` of `parts` of one measure's bars for a slide, every status and initiative, in
    the order Compare draws them; its key names any initiative the family leaves out."""
    figures = data.metrics[data.metrics["metric"] == metric].sort_values(["initiative", "year"], kind="stable")
    shown, first = slides.part_of(figures, part, parts)
    name = f"compare-{metric}-{part}"
    if shown.empty:
        return Exhibit(name=name, instead="compare.empty")
    everyone = tuple(data.initiatives["id"])
    chart = charts.comparison_slide(shown, data.initiatives, data.sources, lang, top=figures["value"].max())
    counted_part = t("compare.slide_part", lang, first=first, last=first + len(shown) - 1,
                     total=len(figures)) if parts > 1 else ""
    absent = _absent_text(data, family, queries.metrics_in_family(data.metrics, family), everyone, lang)
    return Exhibit(
        name=name, chart=chart.fig,
        alt=t("compare.slide_alt", lang, metric=term("metric", metric, lang), figures=len(shown)) + (
            f" {counted_part}" if counted_part else ""),
        sources=queries.source_names(data.sources, shown["source"], lang),
        legend=html.legend(queries.figure_crops(shown, data.initiatives).unique(), lang, statuses=shown["status"].unique(),
                           note=" ".join(filter(None, [counted_part, absent]))),
        rows=_figures_rows(data, lang).loc[shown.index])


@cached
def lone_figures(data: Dataset, family: str, part: int, parts: int, lang: str) -> Exhibit:
    """Part `part` of `parts` of a family's measures with a single figure, for a slide: side by
    side, each with its initiative, year, status and source."""
    figures = queries.metrics_in_family(data.metrics, family)
    alone = figures[~queries.comparable(figures)] if len(figures) else figures
    shown, _ = slides.part_of(alone, part, parts)
    name = f"compare-{family}-alone-{part}"
    if shown.empty:
        return Exhibit(name=name, instead="compare.empty")
    return Exhibit(name=name, figures=html.figures(shown, data.sources, lang, side_by_side=True,
                                                   names=queries.initiative_names(data.initiatives, lang)),
                   rows=_figures_rows(data, lang).loc[shown.index])


def _absent(data: Dataset, family: str, figures: pd.DataFrame, initiatives: tuple, lang: str) -> str:
    """`_absent_text` as a note."""
    text = _absent_text(data, family, figures, initiatives, lang)
    return html.note(text) if text else ""


def _absent_text(data: Dataset, family: str, figures: pd.DataFrame, initiatives: tuple, lang: str) -> str:
    """A note naming each chosen initiative that has no figure in the comparison, and why: its
    sources give none of this family, or none with the statuses chosen."""
    names = queries.initiative_names(data.initiatives_among(initiatives), lang)
    missing = [i for i in names if i not in set(figures["initiative"])]
    if not missing:
        return ""
    in_family = set(queries.metrics_in_family(data.metrics, family)["initiative"])
    family_name = term("family", family, lang).lower()
    notes = [t(key, lang, family=family_name, names=", ".join(names[i] for i in ids))
             for key, ids in (("compare.absent_status", [i for i in missing if i in in_family]),
                              ("compare.absent_none", [i for i in missing if i not in in_family])) if ids]
    return " ".join(notes)


def partnered(data: Dataset) -> tuple:
    """The initiatives that name partner organisations, in the data's order."""
    return tuple(data.initiatives["id"][data.initiatives["id"].isin(data.organisations["initiative"])])


@cached
def partners(data: Dataset, initiatives: tuple, lang: str, size: int = design.CHART_TEXT) -> Exhibit:
    """Partner organisations of some initiatives, counted by type; its text at `size`."""
    organisations = data.organisations[data.organisations["initiative"].isin(initiatives)]
    if organisations.empty:
        return Exhibit(name="partners-by-type", instead="compare.no_partners")
    chart = charts.partners(organisations, data.initiatives_among(initiatives), lang, size=size)
    return Exhibit(name="partners-by-type", chart=chart.fig, alt=chart.alt,
                   sources=queries.source_names(data.sources, organisations["source"], lang),
                   rows=_organisations_rows(data, lang).loc[organisations.index])


# --- One initiative -----------------------------------------------------------------------

class About(NamedTuple):
    """What a card, the profile and a story slide say of one initiative."""
    name: str
    facts: str  # its crops as badges, its regions and its years (Markdown with HTML)
    summary: str
    figures: Exhibit  # its headline figures
    sources: list[tuple[str, str]]  # the title and citation of each source it cites


@cached
def about(data: Dataset, initiative: str, lang: str) -> About:
    """One initiative at a glance."""
    own = data.initiatives_among([initiative])
    row = own.iloc[0]
    headlines = queries.headline_figures(data.metrics, initiative)
    cited = data.sources[data.sources["id"].isin(row["sources"])]
    return About(
        name=localised(own, "name", lang).iloc[0],
        facts=html.card_facts(row["crops"], ", ".join(data.region_names[r] for r in row["regions"]),
                              queries.active_years(row["start"], row["end"], lang), lang),
        summary=localised(own, "summary", lang).iloc[0],
        figures=Exhibit(name=f"figures-{initiative}",
                        figures=html.figures(headlines, data.sources, lang) if len(headlines) else ""),
        sources=list(zip(cited["title"], (queries.source_names(data.sources, [i], lang) for i in cited["id"]))))


@cached
def chronology(data: Dataset, initiative: str, lang: str) -> Exhibit:
    """One initiative's phases and dated events in words, with the events as a table."""
    phases = data.phases[data.phases["initiative"] == initiative].sort_values("start", kind="stable")
    events = data.events[data.events["initiative"] == initiative]
    if phases.empty and events.empty:
        return Exhibit(name=f"timeline-{initiative}", instead="profile.no_chronology")
    crop = queries.crops_of(data.initiatives_among([initiative]))[initiative]
    return Exhibit(name=f"timeline-{initiative}", figures=html.chronology(phases, events, data.sources, crop, lang),
                   rows=_events_rows(data, lang).loc[events.index] if len(events) else None)


@cached
def initiative_figures(data: Dataset, initiative: str, lang: str) -> Exhibit:
    """Every figure of one initiative, as a table."""
    figures = data.metrics[data.metrics["initiative"] == initiative]
    if figures.empty:
        return Exhibit(name=f"figures-{initiative}", instead="profile.no_figures")
    return Exhibit(name=f"figures-{initiative}", rows=_figures_rows(data, lang).loc[
        figures.index, ["metric", "figure", "when", "status", "note", "source"]])


@cached
def initiative_partners(data: Dataset, initiative: str, lang: str) -> Exhibit:
    """Every partner of one initiative, as a table (empty when it has none)."""
    partners = data.organisations[data.organisations["initiative"] == initiative]
    return Exhibit(name=f"partners-{initiative}",
                   rows=_organisations_rows(data, lang).loc[partners.index, ["name", "type", "role", "source"]])


# --- One region ---------------------------------------------------------------------------

@cached
def region_figures(data: Dataset, region: str | None, lang: str) -> Exhibit:
    """The figures of the initiatives working in `region` (all of Peru when None)."""
    here = queries.initiatives_in(data.initiatives, region=region)
    if here.empty:
        return Exhibit(name=f"figures-{region}", instead="map.no_initiatives")
    figures = data.metrics[data.metrics["initiative"].isin(here["id"])]
    return Exhibit(name=f"figures-{region or 'peru'}", rows=_figures_rows(data, lang).loc[
        figures.index, ["initiative", "metric", "figure", "when", "status", "source"]])


def region_summary(data: Dataset, region: str, lang: str) -> str:
    """One line on a chosen region, for just under the map: who works there and how many of
    their figures and events the tables below hold."""
    here = queries.initiatives_in(data.initiatives, region=region)
    if here.empty:
        return ""
    names = queries.initiative_names(here, lang)
    figures = data.metrics["initiative"].isin(here["id"]).sum()
    events = len(queries.filter_events(data.events, here["id"], region=region))
    return t("map.summary", lang, names=", ".join(names[i] for i in here["id"]),
             figures=counted("map.summary_figures", int(figures), lang), events=counted("map.summary_events", events, lang))


@cached
def region_events(data: Dataset, region: str | None, lang: str) -> Exhibit:
    """The events in `region` (all of Peru when None) of the initiatives working there; nothing
    when there are none (`region_figures` says so)."""
    here = queries.initiatives_in(data.initiatives, region=region)
    events = queries.filter_events(data.events, here["id"], region=region)
    return Exhibit(name=f"events-{region or 'peru'}",
                   rows=_events_rows(data, lang).loc[events.index] if len(here) else None)


# --- Sources ------------------------------------------------------------------------------

class SourceCard(NamedTuple):
    """One source document: its title, citation, what it supports, and what it is."""
    id: str
    title: str
    citation: str
    supports: str
    description: str


@cached
def source_cards(data: Dataset, lang: str) -> list[SourceCard]:
    """Every source document as its card."""
    counts = queries.source_counts(data.sources, data.metrics, data.events)
    return [SourceCard(source_id, title, queries.source_names(data.sources, [source_id], lang),
                       t("sources.supports", lang, figures=counted("sources.figures", figures, lang),
                         events=counted("sources.events", events, lang)), description)
            for source_id, title, description, figures, events in zip(
                data.sources["id"], data.sources["title"], localised(data.sources, "description", lang),
                counts["figures"], counts["events"])]


@cached
def raw_table(data: Dataset, table: str, query: str, lang: str) -> Exhibit:
    """One of the dataset's tables as it is stored (`export.TABLES`), the rows that contain
    `query`, and how many of all those are."""
    if table not in export.TABLES:
        raise ValueError(f"no table {table!r}")
    every = getattr(data, table)
    rows = queries.search(every, query)
    shown = t("sources.rows", lang, shown=len(rows), total=len(every)) + " · " + t("sources.raw_note", lang)
    if rows.empty:
        return Exhibit(name=table, alt=shown, instead="sources.no_match" if query else "sources.no_rows")
    return Exhibit(name=f"{table}{'-filtered' if query else ''}", alt=shown, rows=rows)


@cached
def dataset_zip(data: Dataset) -> bytes:
    """The whole dataset as a zip (`export.dataset_zip`)."""
    return export.dataset_zip(data)


# --- Display tables for the whole dataset, built once per language; exhibits take their rows.

@cached
def _figures_rows(data: Dataset, lang: str) -> pd.DataFrame:
    return queries.figures_table(data.metrics, data.initiatives, data.sources, lang)


@cached
def _events_rows(data: Dataset, lang: str) -> pd.DataFrame:
    return queries.events_table(data.events, data.initiatives, data.sources, lang)


@cached
def _organisations_rows(data: Dataset, lang: str) -> pd.DataFrame:
    return queries.organisations_table(data.organisations, data.initiatives, data.sources, lang)

