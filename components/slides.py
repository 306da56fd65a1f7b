"""The presentation: a sequence of slides built from the data. Pure: which slides, in what order.

Each initiative's story (what, where, how large), then its timeline; then the comparisons, a
measure at a time, each family's measures with a single figure together; then how the
initiatives are governed; and where to explore it all. A slide that would not fit a 1280×720 screen continues on the next.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from components import queries
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
BARS_PER_SLIDE = 8  # a compare slide's bars, each labelled
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


def build_slides(initiatives: pd.DataFrame, metrics: pd.DataFrame, events: pd.DataFrame,
                 organisations: pd.DataFrame) -> list[Slide]:
    """Every slide of the talk, for whatever initiatives, figures, events and partners the data holds."""
    slides = [Slide("title")]
    counts = events["initiative"].value_counts()
    for initiative in initiatives["id"]:
        parts = parted(counts.get(initiative, 0), EVENTS_PER_SLIDE)
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
