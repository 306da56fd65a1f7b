"""The dataset's schema: one pydantic model per record kind, the single source of truth
that the loader enforces and data/README.md documents (a test keeps the two in step)."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from components import vocabulary as vocab

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ID_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _as_text(value):
    """YAML reads 2020 as an int and 2020-03-07 as a date: compare them as the text written."""
    if isinstance(value, (int, dt.date)) and not isinstance(value, bool):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    return value


def date_parts(value: str) -> tuple[int, int | None, int | None]:
    """'2019-03' -> (2019, 3, None): a date's year, month and day, as precisely as it is written.
    Raises ValueError for anything that is not YYYY, YYYY-MM or YYYY-MM-DD."""
    match = _DATE_RE.match(value)
    if not match:
        raise ValueError(f"'{value}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    return year, month, day


def _check_date(value: str) -> str:
    year, month, day = date_parts(value)
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"'{value}' is not a real calendar date") from None
    _check_year(year)
    return value


def _check_year(year: int) -> int:
    if not vocab.FIRST_YEAR <= year <= vocab.LAST_YEAR:
        raise ValueError(f"{year} is outside {vocab.FIRST_YEAR}–{vocab.LAST_YEAR}")
    return year


def _check_metric(value: str) -> str:
    """One of the vocabulary's metrics, read when checked (a new family needs no schema edit)."""
    if value not in vocab.METRICS:
        raise ValueError(f"{value!r} is not allowed; expected one of: {', '.join(map(repr, vocab.METRICS))}")
    return value


def _check_finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("must be a finite number")
    return value


Id = Annotated[str, Field(pattern=_ID_RE, max_length=80)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Label = Annotated[str, Field(min_length=1, max_length=60)]  # a few words, drawn beside a bar
Year = Annotated[int, Field(strict=True), AfterValidator(_check_year)]
Date = Annotated[str, BeforeValidator(_as_text), AfterValidator(_check_date)]
Number = Annotated[float, Field(strict=True, ge=0), AfterValidator(_check_finite)]
Crop = Literal[vocab.CROPS]
Status = Literal[vocab.STATUSES]
MetricId = Annotated[str, AfterValidator(_check_metric)]


class Record(BaseModel):
    """Every record rejects fields the dictionary does not define, so typos surface."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Record):
    id: Id
    citation: Text
    citation_es: Optional[Text] = None
    title: Text
    publisher: Optional[Text]
    date: Optional[Date]
    kind: Literal[vocab.SOURCE_KINDS]
    file: Optional[Text] = None
    description: Text
    description_es: Optional[Text] = None


class Phase(Record):
    name: Text
    name_es: Optional[Text] = None
    start: Year
    end: Optional[Year]
    crop: Optional[Crop] = None
    source: Id


class Organisation(Record):
    name: Text
    type: Literal[vocab.ORGANISATION_TYPES]
    role: Text
    role_es: Optional[Text] = None
    source: Id


class Initiative(Record):
    id: Id
    name: Text
    name_es: Optional[Text] = None
    short_name: Text
    short_name_es: Optional[Text] = None
    crops: list[Crop] = Field(min_length=1)
    regions: list[Id] = Field(min_length=1)
    start: Year
    end: Optional[Year]
    phases: list[Phase] = []
    organisations: list[Organisation] = []
    summary: Text
    summary_es: Optional[Text] = None
    sources: list[Id] = Field(min_length=1)


class Metric(Record):
    initiative: Id
    metric: MetricId
    value: Number
    qualifier: Optional[Literal[vocab.QUALIFIERS]] = None
    unit: Text
    unit_es: Optional[Text] = None
    year: Year
    year_start: Optional[Year] = None
    year_circa: bool = False
    target_year: Optional[Year] = None
    crop: Optional[Crop] = None
    label: Optional[Label] = None
    label_es: Optional[Label] = None
    status: Status
    source: Id
    note: Text
    note_es: Optional[Text] = None


class Event(Record):
    initiative: Id
    date: Date
    title: Text
    title_es: Optional[Text] = None
    kind: Literal[vocab.EVENT_KINDS]
    status: Literal[vocab.EVENT_STATUSES] = "happened"
    regions: list[Id] = []
    source: Id


class Region(Record):
    id: Id
    name: Text
    iso_code: Annotated[str, Field(pattern=r"^PE-[A-Z]{3}$")]
    capital: Text
    lat: Annotated[float, Field(strict=True, ge=-19, le=0)]
    lon: Annotated[float, Field(strict=True, ge=-82, le=-68)]


# File name -> record model, in the order files are checked (referenced files first).
FILES = {
    "sources.yaml": Source,
    "regions.yaml": Region,
    "initiatives.yaml": Initiative,
    "metrics.yaml": Metric,
    "events.yaml": Event,
}
# Nested record lists inside a file: (file, field) -> model.
NESTED = {
    ("initiatives.yaml", "phases"): Phase,
    ("initiatives.yaml", "organisations"): Organisation,
}
