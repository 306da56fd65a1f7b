"""Pure questions asked of the dataset's tables: filters, headline figures, labels.

No Streamlit here. Every function takes the tables it needs as arguments.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd

from components import design
from components import vocabulary as vocab
from components.i18n import localised, localised_value, t, term
from components.schema import date_parts

# Metrics the overview cards prefer as headline figures, most telling first.
HEADLINE_METRICS = (
    "producers", "households", "hectares", "export_value_usd_per_year", "jobs",
    "organisations", "coffee_bags", "people_involved", "technicians",
)
MIXED = "mixed"  # crop key for an initiative or region with more than one crop


# --- Labels and formats -------------------------------------------------------------------

def crop_key(crops: list[str]) -> str:
    """The colour key of a set of crops: the crop itself, or MIXED for several."""
    unique = sorted(set(crops))
    return unique[0] if len(unique) == 1 else MIXED


def initiative_names(initiatives: pd.DataFrame, lang: str, short: bool = True) -> dict[str, str]:
    """Initiative id -> its (short) name in `lang`."""
    return dict(zip(initiatives["id"], localised(initiatives, "short_name" if short else "name", lang)))


def format_number(value: float, lang: str, money: bool = False) -> str:
    """9000 -> '9,000' (en) or '9 000' (es); exact millions read as '150 million'."""
    if money and value >= 1_000_000 and value % 100_000 == 0:
        millions = value / 1_000_000
        number = f"{millions:,.1f}".rstrip("0").rstrip(".")
        if lang == "es":
            number = number.replace(".", ",")
        return t("number.millions", lang, number=number)
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u202f") if lang == "es" else text


def value_parts(row, lang: str) -> tuple[str, str]:
    """A figure split for display: ('more than 9,000', 'banana producers')."""
    written = vocab.number_format(row["metric"])
    number = format_number(row["value"], lang, money=written == "money")
    unit = localised_value(row, "unit", lang)
    if written == "money":
        per = vocab.METRICS[row["metric"]].per
        number, unit = f"US${number}", t(f"unit.per_{per}", lang) if per else ""
    elif written == "percent":
        number, unit = f"{number}%", ""
    if isinstance(row.get("qualifier"), str):
        number = f"{term('qualifier', row['qualifier'], lang)} {number}"
    return number, unit


def format_value(row, lang: str) -> str:
    """A figure as read aloud: qualifier, number, unit ('more than 9,000 banana producers')."""
    return " ".join(part for part in value_parts(row, lang) if part)


def format_year(row, lang: str) -> str:
    """When a figure applies: '2021', '2012–2016', 'c. 2012', '2017 (for 2021)'."""
    text = str(row["year"])
    if pd.notna(row.get("year_start")):
        text = f"{int(row['year_start'])}–{row['year']}"
    if row.get("year_circa"):
        text = t("year.circa", lang, year=text)
    if pd.notna(row.get("target_year")):
        text = t("year.for_target", lang, year=text, target=int(row["target_year"]))
    return text


def active_years(start: int, end, lang: str) -> str:
    """'2012–2016', '2020' for a single year, or 'since 2019' while an initiative has no end."""
    if pd.isna(end):
        return t("overview.since", lang, year=start)
    return str(start) if int(end) == int(start) else f"{start}–{int(end)}"


def last_year(end) -> int:
    """The last year a phase runs on a chart: its end, or the last year shown while it goes on."""
    return vocab.LAST_YEAR if pd.isna(end) else int(end)


def event_head(event, lang: str) -> str:
    """An event's date and kind, as a timeline slide's row begins: 'Mar 2020 · Partnership'."""
    return f"{format_event_date(event['date'], lang)} · {term('kind', event['kind'], lang)}"


def phase_head(phase, lang: str) -> str:
    """A phase's years and kind, as a timeline slide's row begins: '2012–2016 · Phase'."""
    return f"{active_years(phase['start'], phase['end'], lang)} · {t('chronology.phase', lang)}"


def slide_lines(text: str, chars: int = design.SLIDE_LINE_CHARS) -> list[str]:
    """A slide's chart label on as many lines of `chars` characters as it needs."""
    return textwrap.wrap(text, chars) or [""]


def format_event_date(date: str, lang: str) -> str:
    """A date at the precision it was recorded: '2003', 'Mar 2020', '7 Mar 2017'."""
    year, month, day = date_parts(date)
    if month is None:
        return str(year)
    named = t(f"month.{month}", lang)
    return f"{named} {year}" if day is None else f"{day} {named} {year}"


def plot_date(date: str) -> dt.date:
    """Where an event sits on a time axis: mid-year or mid-month when that is all we know,
    so a year-only event never reads as 1 January."""
    year, month, day = date_parts(date)
    if month is None:
        return dt.date(year, 7, 2)
    return dt.date(year, month, 15 if day is None else day)


def citations(sources: pd.DataFrame, lang: str) -> dict[str, str]:
    """Source id -> its short citation: 'Rikolto interview (2021-04-28)'."""
    undated = t("source.undated", lang)
    return {source_id: f"{label} ({date if isinstance(date, str) else undated})"
            for source_id, label, date in zip(sources["id"], localised(sources, "citation", lang), sources["date"])}


def figure_label(figure, lang: str) -> str:
    """Which of its initiative's figures this is, where the data says (`label`), or ""."""
    spanish = figure.get("label_es") if lang == "es" else None
    label = spanish if isinstance(spanish, str) else figure.get("label")
    return label if isinstance(label, str) else ""


def figure_whose(figure, names: dict, lang: str) -> str:
    """Whose figure it is and, where the data says, which of its figures: 'Peru Cacao Alliance
    (USAID's co-investment)'."""
    label = figure_label(figure, lang)
    return f"{names[figure['initiative']]} ({label})" if label else names[figure["initiative"]]


def source_names(sources: pd.DataFrame, ids, lang: str) -> str:
    """A short citation line for the given source ids: 'Rikolto interview (2021-04-28); …'."""
    cited = citations(sources, lang)
    return "; ".join(cited[source_id] for source_id in dict.fromkeys(ids) if source_id in cited)


# --- Filters and selections ---------------------------------------------------------------

def initiatives_in(initiatives: pd.DataFrame, crops=None, region: str | None = None) -> pd.DataFrame:
    """Initiatives growing any of `crops` (all when None) and working in `region` (any when None)."""
    keep = pd.Series(True, index=initiatives.index)
    if crops is not None:
        keep &= initiatives["crops"].map(lambda cs: bool(set(cs) & set(crops)))
    if region:
        keep &= initiatives["regions"].map(lambda rs: region in rs)
    return initiatives[keep]


def filter_events(events: pd.DataFrame, initiative_ids, kinds=None, years=None, region=None) -> pd.DataFrame:
    """Events of the given initiatives, kinds, year range (inclusive) and region."""
    keep = events["initiative"].isin(list(initiative_ids))
    if kinds is not None:
        keep &= events["kind"].isin(list(kinds))
    if years is not None:
        keep &= events["year"].between(*years)
    if region:
        # An event with no regions of its own belongs to all of its initiative's regions.
        keep &= events["regions"].map(lambda rs: not rs or region in rs)
    return events[keep]


def filter_phases(phases: pd.DataFrame, initiative_ids, years) -> pd.DataFrame:
    """Phases of the given initiatives that run during any of the year range (inclusive); a
    phase still going runs to the last year shown (`last_year`)."""
    keep = phases["initiative"].isin(list(initiative_ids)) & (phases["start"] <= years[1])
    return phases[keep & (phases["end"].map(last_year) >= years[0])]


def headlines(metrics: pd.DataFrame, count: int = 3) -> pd.DataFrame:
    """Every initiative's most telling figures, in one pass: achieved (or estimated) ones first,
    one per metric, the largest of each, at most `count` per initiative."""
    own = metrics[metrics["metric"].isin(HEADLINE_METRICS)]
    own = own.assign(
        _reported=own["status"].isin(["achieved", "estimate"]),
        _rank=own["metric"].map(HEADLINE_METRICS.index),
    )
    own = own.sort_values(["_reported", "value"], ascending=[False, False], kind="stable")
    own = own.drop_duplicates(["initiative", "metric"])
    own = own.sort_values(["_reported", "_rank"], ascending=[False, True], kind="stable")
    return own.groupby("initiative", sort=False).head(count).drop(columns=["_reported", "_rank"])


def headline_figures(metrics: pd.DataFrame, initiative: str, count: int = 3) -> pd.DataFrame:
    """One initiative's headline figures (see `headlines`)."""
    return headlines(metrics[metrics["initiative"] == initiative], count)


def latest_achieved(metrics: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Each initiative's latest achieved figure for `metric` (the largest if one year has two)."""
    rows = metrics[(metrics["metric"] == metric) & (metrics["status"] == "achieved")]
    rows = rows.sort_values(["year", "value"], ascending=False)
    return rows.drop_duplicates("initiative")


def region_presence(initiatives: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Region id -> the initiatives working there and the crop key of the region."""
    present = initiatives[["id", "crops", "regions"]].explode("regions").rename(
        columns={"regions": "region", "id": "initiative"})
    grouped = present.groupby("region").agg(
        initiatives=("initiative", list),
        crops=("crops", lambda cs: sorted({c for crops in cs for c in crops})),
    )
    table = regions[["id"]].set_index("id").join(grouped)
    table["initiatives"] = table["initiatives"].map(lambda v: v if isinstance(v, list) else [])
    table["crops"] = table["crops"].map(lambda v: v if isinstance(v, list) else [])
    table["crop_key"] = table["crops"].map(lambda cs: crop_key(cs) if cs else None)
    return table.rename_axis("region").reset_index()


def metrics_in_family(metrics: pd.DataFrame, family: str, statuses=None) -> pd.DataFrame:
    """Figures of one metric family (like with like), optionally only some statuses."""
    rows = metrics[metrics["family"] == family]
    if statuses is not None:
        rows = rows[rows["status"].isin(list(statuses))]
    return rows


def families_present(metrics: pd.DataFrame) -> list[str]:
    """The metric families that have figures, in the vocabulary's order."""
    present = set(metrics["family"].unique())
    return [family for family in vocab.FAMILIES if family in present]


def marker_metrics(metrics: pd.DataFrame) -> list[str]:
    """The metrics the map can draw as circles: those with an achieved figure."""
    achieved = set(metrics.loc[metrics["status"] == "achieved", "metric"].unique())
    return [metric for metric in vocab.METRICS if metric in achieved]


def crops_grown(initiatives: pd.DataFrame) -> list[str]:
    """The crops any of these initiatives works in, in the vocabulary's order."""
    grown = {crop for crops in initiatives["crops"] for crop in crops}
    return [crop for crop in vocab.CROPS if crop in grown]


def comparable(figures: pd.DataFrame) -> pd.Series:
    """Which figures have another figure of the same measure to be set against: a bar alone in
    its panel compares nothing, so such figures are shown as figures, not as a chart."""
    return figures.groupby("metric")["metric"].transform("size") > 1


def source_counts(sources: pd.DataFrame, metrics: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """How many figures and events each source supports."""
    counts = sources[["id"]].copy()
    counts["figures"] = counts["id"].map(metrics["source"].value_counts()).fillna(0).astype(int)
    counts["events"] = counts["id"].map(events["source"].value_counts()).fillna(0).astype(int)
    return counts


def search(table: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows where any cell contains `text` (case-insensitive, literal, not a pattern)."""
    if not text:
        return table
    needle = text.casefold()
    cells = table.astype(str).apply(lambda column: column.str.casefold().str.contains(needle, regex=False))
    return table[cells.any(axis=1)]


def blank_gaps(table: pd.DataFrame) -> pd.DataFrame:
    """The table as a reader expects it: a missing value is an empty cell, not "None", and a
    column of whole numbers with gaps keeps them whole (2012, not 2012.0)."""
    shown = table.copy()
    for column in shown.columns[shown.isna().any()]:
        values = shown[column]
        if pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
            values = values.astype("Int64")
        shown[column] = values.astype(object).where(values.notna(), "")
    return shown


def crops_of(initiatives: pd.DataFrame) -> dict[str, str]:
    """Initiative id -> crop colour key."""
    return dict(zip(initiatives["id"], initiatives["crops"].map(crop_key)))


def figure_crops(metrics: pd.DataFrame, initiatives: pd.DataFrame) -> pd.Series:
    """Each figure's crop colour key: the crop it names, else its initiative's (`crops_of`)."""
    own = metrics["crop"] if "crop" in metrics else pd.Series(None, index=metrics.index, dtype=object)
    return own.where(own.notna(), metrics["initiative"].map(crops_of(initiatives))).astype(object)


def crop_colour(key: str) -> str:
    return design.CROP_COLOURS.get(key, design.MIXED_COLOUR)


# --- Display tables -----------------------------------------------------------------------

def figures_table(metrics: pd.DataFrame, initiatives: pd.DataFrame, sources: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Figures as people read them: initiative, measure, figure, when, status, source, note."""
    names = initiative_names(initiatives, lang)
    rows = metrics.to_dict("records")
    return pd.DataFrame({
        "initiative": metrics["initiative"].map(names),
        "metric": metrics["metric"].map(lambda m: term("metric", m, lang)),
        "figure": [format_value(r, lang) for r in rows],
        "value": metrics["value"],
        "when": [format_year(r, lang) for r in rows],
        "status": metrics["status"].map(lambda s: term("status", s, lang)),
        "source": metrics["source"].map(citations(sources, lang)),
        "note": localised(metrics, "note", lang),
    }, index=metrics.index)


def events_table(events: pd.DataFrame, initiatives: pd.DataFrame, sources: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Events as people read them, dates at their recorded precision."""
    names = initiative_names(initiatives, lang)
    return pd.DataFrame({
        "date": events["date"].map(lambda d: format_event_date(d, lang)),
        "initiative": events["initiative"].map(names),
        "title": localised(events, "title", lang),
        "kind": events["kind"].map(lambda k: term("kind", k, lang)),
        "status": events["status"].map(lambda s: term("event_status", s, lang)),
        "source": events["source"].map(citations(sources, lang)),
    }, index=events.index)


def organisations_table(organisations: pd.DataFrame, initiatives: pd.DataFrame, sources: pd.DataFrame,
                        lang: str) -> pd.DataFrame:
    """Partner organisations with their type and role."""
    names = initiative_names(initiatives, lang)
    return pd.DataFrame({
        "initiative": organisations["initiative"].map(names),
        "name": organisations["name"],
        "type": organisations["type"].map(lambda v: term("org_type", v, lang)),
        "role": localised(organisations, "role", lang),
        "source": organisations["source"].map(citations(sources, lang)),
    }, index=organisations.index)


def presence_table(initiatives: pd.DataFrame, regions: pd.DataFrame, region_names: dict, lang: str) -> pd.DataFrame:
    """Each region where an initiative works (named by `region_names`), with its crops and initiatives."""
    names = initiative_names(initiatives, lang)
    presence = region_presence(initiatives, regions)
    presence = presence[presence["initiatives"].map(bool)]
    return pd.DataFrame({
        "region": presence["region"].map(region_names),
        "crops": presence["crops"].map(lambda cs: ", ".join(term("crop", c, lang) for c in cs)),
        "initiatives": presence["initiatives"].map(lambda ids: ", ".join(names[i] for i in ids)),
    })
