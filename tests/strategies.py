"""Hypothesis strategies for valid Cadenas datasets, drawn from the schema (components/schema.py,
components/vocabulary.py, data/README.md).

`records()` gives a dataset as records, `{file name: [record, ...]}`, the shape tests/datasets.py
uses, so `datasets.dataset(records)` loads it with the real loader and `datasets.zip_bytes(records)`
packs it as an upload. Every draw is valid by construction (no filters): ids are numbered, spans
run forwards, every id cited exists, and a figure of an initiative with several crops names one.
Texts mix accents, emoji, Markdown and HTML (`HOSTILE`) so pages must show data as text.
"""

from __future__ import annotations

import datetime as dt

from functools import cache

from hypothesis import strategies as st

from components import vocabulary as vocab
from tests import datasets

MAX_INITIATIVES = 42  # "1 to about 40": a few past the timeline's MAX_LANES of 40
MAX_TEXT = 2000  # the schema's longest text

# Pieces of text a page must show exactly as typed, never as markup.
HOSTILE = (
    "<b>x</b>", "<i>x</i>", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>link</a>", "[link](javascript:alert(1))", ":red[red]", "*_", "**bold**",
    "`code`", "# heading", "$math$", "~~struck~~", "&amp;", "&lt;b&gt;", "\\", "{name}", "%s", "| a | b |",
    "two\nlines",
)
# Plain words, with the accents, quotes and emoji that real names carry.
WORDS = (
    "Alpha", "cacao", "Huánuco", "Cañete", "San Martín", "Asociación", "Pequeños Productores",
    "coöperative", "Bio Azul", "O'Brien", 'say "hi"', "100%", "R&D", "🍌", "☕", "🌱", "ÑANDÚ", "x",
)
_CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp"))


def text(max_words: int = 4) -> st.SearchStrategy[str]:
    """A valid Text: words and hostile pieces, any printable characters, or a long repetition up
    to the schema's limit."""
    pieces = st.lists(st.sampled_from(WORDS + HOSTILE), min_size=1, max_size=max_words).map(" ".join)
    long = st.tuples(st.sampled_from(WORDS + HOSTILE), st.integers(30, 400)).map(
        lambda pair: ((pair[0] + " ") * pair[1])[:MAX_TEXT].strip() or pair[0])
    return st.one_of(pieces, st.text(_CHARACTERS, min_size=1, max_size=12), long)


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    """A value of `strategy` or None (the record leaves the field out)."""
    return st.none() | strategy


# Built once: building a strategy costs far more than drawing from it.
TEXT, SHORT_TEXT = text(), text(2)
MAYBE_TEXT, MAYBE_SHORT_TEXT = optional(TEXT), optional(SHORT_TEXT)
MAYBE_LABEL = optional(text(3).map(lambda label: label[:60].strip() or "x"))  # a figure's label: 60 characters
FIRST_DAY, LAST_DAY = dt.date(vocab.FIRST_YEAR, 1, 1), dt.date(vocab.LAST_YEAR, 12, 31)
# The first and last year shown come up often: that is where ranges and axes end.
YEARS = st.sampled_from((vocab.FIRST_YEAR, vocab.LAST_YEAR)) | st.integers(vocab.FIRST_YEAR, vocab.LAST_YEAR)
DAYS = st.sampled_from((FIRST_DAY, LAST_DAY)) | st.dates(FIRST_DAY, LAST_DAY)
PRECISIONS = st.sampled_from((4, 7, 10))  # characters of YYYY, YYYY-MM and YYYY-MM-DD
# Numbers as sources state them: whole or not, zero, small and very large.
VALUES = st.one_of(st.integers(0, 10**12), st.floats(0, 1e12, allow_nan=False, allow_infinity=False),
                   st.sampled_from((0, 1, 2.5, 99.9, 9000, 150_000_000)))
CROP_SETS = st.lists(st.sampled_from(vocab.CROPS), min_size=1, max_size=len(vocab.CROPS), unique=True)
CIRCA = st.sampled_from((None, False, True))
MAYBE_YEAR = optional(YEARS)
SOURCE_KINDS, ORGANISATION_TYPES = st.sampled_from(vocab.SOURCE_KINDS), st.sampled_from(vocab.ORGANISATION_TYPES)
METRICS, STATUSES = st.sampled_from(tuple(vocab.METRICS)), st.sampled_from(vocab.STATUSES)
MAYBE_QUALIFIER = optional(st.sampled_from(vocab.QUALIFIERS))
EVENT_KINDS, MAYBE_EVENT_STATUS = st.sampled_from(vocab.EVENT_KINDS), optional(st.sampled_from(vocab.EVENT_STATUSES))
MAYBE_DATE = optional(st.tuples(DAYS, PRECISIONS))


def _date(day: dt.date, precision: int) -> str:
    return day.isoformat()[:precision]


@cache
def _years(first: int, last: int) -> st.SearchStrategy:
    """A year from `first` to `last`, or None."""
    return optional(st.sampled_from((first, last)) | st.integers(first, last))


@cache
def _between(low: int, high: int) -> st.SearchStrategy:
    return st.integers(low, high)


@cache
def _subsets(items: tuple, low: int, high: int) -> st.SearchStrategy:
    return st.lists(st.sampled_from(items), min_size=low, max_size=min(high, len(items)), unique=True)


def _span(draw) -> tuple[int, int | None]:
    """A start year and an end year at or after it, or None while ongoing."""
    start = draw(YEARS)
    return start, draw(_years(start, vocab.LAST_YEAR))


def _put(record: dict, **fields) -> dict:
    """Add the optional fields that were drawn (None means left out)."""
    record.update({name: value for name, value in fields.items() if value is not None})
    return record


def _one(draw, items: list):
    return items[draw(_between(0, len(items) - 1))]


def _some(draw, items: list, low: int, high: int) -> list:
    """Between `low` and `high` distinct items."""
    return draw(_subsets(tuple(items), low, high))


def _source(draw, source_id: str) -> dict:
    dated = draw(MAYBE_DATE)
    return _put(
        {"id": source_id, "citation": draw(SHORT_TEXT), "title": draw(TEXT), "publisher": draw(MAYBE_SHORT_TEXT),
         "date": _date(*dated) if dated else None, "kind": draw(SOURCE_KINDS),
         "description": draw(TEXT)},
        citation_es=draw(MAYBE_SHORT_TEXT), file=draw(MAYBE_SHORT_TEXT), description_es=draw(MAYBE_TEXT))


def _phase(draw, crops: list[str], source_ids: list[str]) -> dict:
    start, end = _span(draw)
    return _put({"name": draw(TEXT), "start": start, "end": end, "source": _one(draw, source_ids)},
                name_es=draw(MAYBE_TEXT), crop=_one(draw, crops) if draw(st.booleans()) else None)


def _organisation(draw, source_ids: list[str]) -> dict:
    return _put({"name": draw(TEXT), "type": draw(ORGANISATION_TYPES), "role": draw(TEXT),
                 "source": _one(draw, source_ids)},
                role_es=draw(MAYBE_TEXT))


def _initiative(draw, initiative_id: str, region_ids: list[str], source_ids: list[str], max_phases: int,
                max_partners: int) -> dict:
    crops = draw(CROP_SETS)
    start, end = _span(draw)
    phases = [_phase(draw, crops, source_ids) for _ in range(draw(_between(0, max_phases)))]
    partners = [_organisation(draw, source_ids) for _ in range(draw(_between(0, max_partners)))]
    return _put(
        {"id": initiative_id, "name": draw(TEXT), "short_name": draw(SHORT_TEXT), "crops": crops,
         "regions": _some(draw, region_ids, 1, 4), "start": start, "end": end, "phases": phases,
         "organisations": partners, "summary": draw(TEXT), "sources": _some(draw, source_ids, 1, 3)},
        name_es=draw(MAYBE_TEXT), short_name_es=draw(MAYBE_SHORT_TEXT), summary_es=draw(MAYBE_TEXT))


def _figure(draw, initiative: dict, source_ids: list[str]) -> dict:
    """A figure of `initiative`; it names its crop when the initiative works in several (as the
    loader requires), and sometimes when it works in one."""
    status = draw(STATUSES)
    year = draw(YEARS)
    crops = initiative["crops"]
    crop = _one(draw, crops) if len(crops) > 1 or draw(st.booleans()) else None
    planned = status in ("target", "commitment")
    return _put(
        {"initiative": initiative["id"], "metric": draw(METRICS), "value": draw(VALUES),
         "unit": draw(SHORT_TEXT), "year": year, "status": status, "source": _one(draw, source_ids),
         "note": draw(TEXT)},
        qualifier=draw(MAYBE_QUALIFIER), unit_es=draw(MAYBE_SHORT_TEXT),
        year_start=draw(_years(vocab.FIRST_YEAR, year)), year_circa=draw(CIRCA),
        target_year=draw(MAYBE_YEAR) if planned else None, crop=crop, note_es=draw(MAYBE_TEXT),
        label=draw(MAYBE_LABEL), label_es=draw(MAYBE_LABEL))


def _event(draw, initiative: dict, region_ids: list[str], source_ids: list[str]) -> dict:
    """A dated event of `initiative`; its regions, when named, are any regions of the dataset."""
    return _put(
        {"initiative": initiative["id"], "date": _date(draw(DAYS), draw(PRECISIONS)), "title": draw(TEXT),
         "kind": draw(EVENT_KINDS), "source": _one(draw, source_ids)},
        title_es=draw(MAYBE_TEXT), status=draw(MAYBE_EVENT_STATUS),
        regions=_some(draw, region_ids, 0, 3) if draw(st.booleans()) else None)


@st.composite
def records(draw, max_initiatives: int = MAX_INITIATIVES) -> dict[str, list]:
    """A valid dataset: 1 to `max_initiatives` initiatives in one region or many, each with or
    without figures, events, phases, partners and Spanish fields. How many of each an
    initiative may have is drawn once per dataset, so some datasets have none at all."""
    source_ids = [f"source-{n}" for n in range(draw(_between(1, 5)))]
    region_ids = _some(draw, list(datasets.BOUNDARY_IDS), 1, 8)
    regions = [datasets.region(region_id, draw(MAYBE_SHORT_TEXT)) for region_id in region_ids]
    # Regions no initiative works in, when drawn, come last: the first ones are worked in.
    worked = region_ids[:draw(_between(1, len(region_ids)))]
    max_phases, max_partners, max_figures, max_events = (draw(_between(0, top)) for top in (3, 3, 6, 5))
    initiatives = [_initiative(draw, f"initiative-{n}", worked, source_ids, max_phases, max_partners)
                   for n in range(draw(_between(1, max_initiatives)))]
    metrics = [_figure(draw, each, source_ids) for each in initiatives
               for _ in range(draw(_between(0, max_figures)))]
    events = [_event(draw, each, region_ids, source_ids) for each in initiatives
              for _ in range(draw(_between(0, max_events)))]
    return {
        "sources.yaml": [_source(draw, source_id) for source_id in source_ids],
        "regions.yaml": regions,
        "initiatives.yaml": initiatives,
        "metrics.yaml": metrics,
        "events.yaml": events,
    }
