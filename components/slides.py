"""The presentation: a sequence of slides built from the data. Pure: which slides, in what order.

Each initiative's story (what, where, how large), then its timeline; then the comparisons, family
by family, and how the initiatives are governed.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components import vocabulary as vocab

@dataclass(frozen=True)
class Slide:
    kind: str  # "title", "story", "timeline", "compare" or "governance"
    initiative: str | None = None
    family: str | None = None


def build_slides(initiatives: pd.DataFrame, metrics: pd.DataFrame) -> list[Slide]:
    """Every slide of the talk, for whatever initiatives and figures the data holds."""
    slides = [Slide("title")]
    for initiative in initiatives["id"]:
        slides += [Slide("story", initiative=initiative), Slide("timeline", initiative=initiative)]
    present = set(metrics["family"].unique())
    slides += [Slide("compare", family=family) for family, spec in vocab.FAMILIES.items()
               if spec.slide and family in present]
    slides.append(Slide("governance"))
    return slides
