"""Controlled vocabularies of the dataset: the one place that says which values are allowed.

Labels for people live in components/strings.yaml and colours in components/design.py;
families live here because the schema, the charts and the data dictionary test all read them
from one place. A new metric
family is one entry in FAMILIES (with its number format), its metrics in METRICS, its label in
strings.yaml and its rows in data/README.md.
"""

from dataclasses import dataclass

# Earliest and latest year the dashboard covers; every date and year must fall inside.
FIRST_YEAR = 2000
LAST_YEAR = 2021

CROPS = ("banana", "coffee", "cacao")  # each with its colour in components/design.py

# Figure status. A plan is never shown as an achievement, so each status is drawn differently.
STATUSES = ("achieved", "target", "commitment", "estimate")


@dataclass(frozen=True)
class Family:
    """A metric family: figures compared like with like on Compare."""

    number: str  # how its figures are written: "count", "money" (US$) or "percent"
    slide: bool  # whether a talk gives it a slide of its own (slides.py), in the order below


@dataclass(frozen=True)
class Metric:
    """What a figure counts: its family, and "year" for an amount per year."""

    family: str
    per: str | None = None


NUMBER_FORMATS = ("count", "money", "percent")
PERIODS = ("year",)

# Family id -> how it is shown, in the order Compare offers them and a talk takes them.
FAMILIES = {
    "people": Family(number="count", slide=True),
    "land": Family(number="count", slide=True),
    "money": Family(number="money", slide=True),
    "partners": Family(number="count", slide=True),
    "output": Family(number="count", slide=False),
    "share": Family(number="percent", slide=False),
}

# Metric id -> what it counts.
METRICS = {
    "producers": Metric("people"),
    "households": Metric("people"),
    "jobs": Metric("people"),
    "beneficiaries": Metric("people"),
    "people_involved": Metric("people"),
    "technicians": Metric("people"),
    "school_places": Metric("people"),
    "hectares": Metric("land"),
    "pilot_plots": Metric("land"),
    "funding_usd": Metric("money"),
    "investment_usd": Metric("money"),
    "export_value_usd_per_year": Metric("money", per="year"),
    "organisations": Metric("partners"),
    "organisations_consulted": Metric("partners"),
    "export_containers_per_week": Metric("output"),
    "coffee_bags": Metric("output"),
    "territory_share_pct": Metric("share"),
    "producers_share_pct": Metric("share"),
    "certified_share_pct": Metric("share"),
}


def number_format(metric: str) -> str:
    """How a metric's figures are written: its family's number format."""
    return FAMILIES[METRICS[metric].family].number


# How a figure relates to the number stated ("more than 9,000" is stored as 9000, more_than).
QUALIFIERS = ("more_than", "at_least", "about", "up_to")

ORGANISATION_TYPES = (
    "producer_association",
    "cooperative",
    "ngo",
    "government",
    "donor_agency",
    "private_company",
    "financial_institution",
    "university",
    "certifier",
)

EVENT_KINDS = (
    "founding",
    "funding",
    "partnership",
    "certification",
    "export",
    "launch",
    "milestone",
    "policy",
)

# Whether an event is reported as done or only announced.
EVENT_STATUSES = ("happened", "planned")

SOURCE_KINDS = ("article", "interview", "news release", "technical update", "case study", "report")
