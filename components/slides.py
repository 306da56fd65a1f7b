"""The presentation: a sequence of slides built from the data. Pure: which slides, in what order.

Each initiative's story (what, where, how large), then its timeline; then the comparisons, a
measure at a time, each family's measures with a single figure together; then how the
initiatives are governed; and where to explore it all. A slide that would not fit a 1280×720 screen continues on the next.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from components import design, queries
from components.data import Dataset
from components.i18n import LANGUAGES, localised_value
from components import vocabulary as vocab

@dataclass(frozen=True)
class Slide:
    kind: str  # "title", "story", "timeline", "compare", "figures", "governance" or "end"
    initiative: str | None = None
    family: str | None = None
    metric: str | None = None  # a compare slide's measure
    part: int = 1  # the slide shows part `part` of `parts` of its events, bars or figures
    parts: int = 1


# What a 1280×720 screen holds of each, written large enough to read from the back of a room.
EVENTS_PER_SLIDE = 4  # a timeline slide's events, each written out
TIMELINE_LINES = 13  # lines of a timeline slide's labels at design.SLIDE_TEXT, the gaps between rows included
BARS_PER_SLIDE = 7  # a compare slide's bars, each labelled
FIGURES_PER_SLIDE = 6  # a slide's figures that stand alone, each with its year, status and source


PARTNERS_PER_SLIDE = 6  # initiatives on a slide of partner organisations


def parted(count: int, per_slide: int) -> int:
    """How many slides `count` things take, `per_slide` at a time (at least one)."""
    return max(math.ceil(count / per_slide), 1)


def part_of(rows, part: int, parts: int):
    """Part `part` of `parts` of some rows (a table or a sequence), in shares as even as a
    split into `parts` slides allows; with the first part of each share's number."""
    share = math.ceil(len(rows) / parts) if len(rows) else 0
    first = (part - 1) * share
    return rows[first:first + share] if not isinstance(rows, pd.DataFrame) else rows.iloc[first:first + share], first + 1


def timeline_parts(phases: pd.DataFrame, events: pd.DataFrame) -> list[pd.DataFrame]:
    """One initiative's events in 2000–2021, in date order, split into its timeline slides: each
    at most EVENTS_PER_SLIDE events and, with every phase (shown on each), TIMELINE_LINES lines
    of labels in the longer of its languages; the same split in English and Spanish."""
    everything = (vocab.FIRST_YEAR, vocab.LAST_YEAR)
    events = events[events["year"].between(*everything)]
    events = events.iloc[events["date"].map(queries.plot_date).argsort(kind="stable")]
    phases = phases[phases["start"] <= vocab.LAST_YEAR]

    def lines(table: pd.DataFrame, head, column: str) -> list[float]:
        """Each row's label lines, in whichever language writes it longer, and its gap."""
        return [max(len(queries.slide_lines(f"{head(row, lang)}: {text}"))
                    for lang in LANGUAGES for text in [localised_value(row, column, lang)]) + design.SLIDE_ROW_GAP
                for _, row in table.iterrows()]

    fixed = sum(lines(phases, queries.phase_head, "name"))
    parts, current, used = [], [], fixed
    for index, need in zip(events.index, lines(events, queries.event_head, "title")):
        if current and (len(current) == EVENTS_PER_SLIDE or used + need > TIMELINE_LINES):
            parts.append(current)
            current, used = [], fixed
        current.append(index)
        used += need
    return [events.loc[part] for part in [*parts, current]]


def build_slides(data: Dataset) -> list[Slide]:
    """Every slide of the talk, for whatever initiatives, figures, events and partners the data holds."""
    initiatives, metrics, organisations = data.initiatives, data.metrics, data.organisations
    slides = [Slide("title")]
    for initiative in initiatives["id"]:
        parts = len(timeline_parts(data.phases[data.phases["initiative"] == initiative],
                                   data.events[data.events["initiative"] == initiative]))
        slides += [Slide("story", initiative=initiative),
                   *(Slide("timeline", initiative=initiative, part=part, parts=parts) for part in range(1, parts + 1))]
    for family in (family for family, spec in vocab.FAMILIES.items() if spec.slide):
        figures = metrics[metrics["family"] == family]
        compared = queries.comparable(figures) if len(figures) else pd.Series(dtype=bool)
        bars = figures[compared]["metric"].value_counts()
        for metric in (metric for metric in vocab.METRICS if metric in bars):
            parts = parted(bars[metric], BARS_PER_SLIDE)
            slides += [Slide("compare", family=family, metric=metric, part=part, parts=parts)
                       for part in range(1, parts + 1)]
        if (~compared).any():
            parts = parted((~compared).sum(), FIGURES_PER_SLIDE)
            slides += [Slide("figures", family=family, part=part, parts=parts) for part in range(1, parts + 1)]
    parts = parted(initiatives["id"].isin(organisations["initiative"]).sum(), PARTNERS_PER_SLIDE)
    slides += [Slide("governance", part=part, parts=parts) for part in range(1, parts + 1)]
    slides.append(Slide("end"))
    return slides
