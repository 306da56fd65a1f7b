"""Controlled vocabularies of the dataset: the one place that says which values are allowed.

Labels for people live in components/strings.yaml; colours and families live here because
the schema, the charts and the data dictionary test all read them from one place.
"""

# Earliest and latest year the dashboard covers; every date and year must fall inside.
FIRST_YEAR = 2000
LAST_YEAR = 2021

# Crop -> colour. Okabe–Ito orange and blue plus Paul Tol's wine: distinct for the common
# colour-vision deficiencies and readable on a projector.
CROP_COLOURS = {
    "banana": "#E69F00",
    "coffee": "#0072B2",
    "cacao": "#882255",
}
CROPS = tuple(CROP_COLOURS)

# Figure status. A plan is never shown as an achievement, so each status is drawn differently.
STATUSES = ("achieved", "target", "commitment", "estimate")

# Metric -> family. Families group like with like on the Compare page.
METRIC_FAMILIES = {
    "producers": "people",
    "households": "people",
    "jobs": "people",
    "beneficiaries": "people",
    "people_involved": "people",
    "technicians": "people",
    "school_places": "people",
    "hectares": "land",
    "pilot_plots": "land",
    "funding_usd": "money",
    "investment_usd": "money",
    "export_value_usd_per_year": "money",
    "organisations": "partners",
    "organisations_consulted": "partners",
    "export_containers_per_week": "output",
    "coffee_bags": "output",
    "territory_share_pct": "share",
    "producers_share_pct": "share",
    "certified_share_pct": "share",
}
METRICS = tuple(METRIC_FAMILIES)
FAMILIES = ("people", "land", "money", "partners", "output", "share")

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

# Colour of a region or initiative with several crops (Okabe–Ito bluish green).
MIXED_COLOUR = "#009E73"

# How each status is drawn on bars (plotly pattern shapes): solid for what was achieved.
STATUS_PATTERNS = {"achieved": "", "target": "/", "commitment": ".", "estimate": "x"}

# Organisation type -> colour (Paul Tol's muted scheme, colour-blind safe).
ORGANISATION_TYPE_COLOURS = dict(zip(ORGANISATION_TYPES, (
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#AA4499", "#882255",
)))
