"""The app's own markup: keys, captions, figure cards, an initiative's chronology, and data text
made safe for Streamlit's Markdown. Pure, no Streamlit. HTML is written as Jinja2 templates with
autoescape, so text from the data is always shown as the text it is.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import segno
from jinja2 import Environment
from markupsafe import Markup, escape

from components import design, queries
from components import vocabulary as vocab
from components.i18n import localised, t, term

_TEMPLATES = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&])")


def markdown_text(text: str) -> str:
    """Data text made safe for Streamlit's Markdown: every special character is escaped, so a
    name like '[x](javascript:…)', ':red[x]' or '&lt;' shows as typed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


_CAPTION = _TEMPLATES.from_string(
    "{% if legend %}<div class='cadenas-key'>{{ legend }}</div>{% endif %}"
    "<p class='cadenas-caption'><span class='cadenas-alt'>{{ alt }}{% if sources %}<br>{% endif %}</span>{% if sources %}<strong>{{ label }}:</strong> {{ sources }}{% endif %}</p>"
    "{{ after }}")

_LEGEND = _TEMPLATES.from_string(
    "{% for colour, outline, name in crops %}"
    "<span class='cadenas-legend'><i style='background:{{ colour }};border:1.5px solid {{ outline }}'></i>{{ name }}</span>"
    "{% endfor %}"
    "{% for status, name in statuses %}"
    "<span class='cadenas-legend'><i class='status-{{ status }}'></i>{{ name }}</span>"
    "{% endfor %}"
    "{% if sizes %}<div class='cadenas-sizes'>{{ sizes_label }}"
    "{% for diameter, value in sizes %}"
    "<span class='cadenas-legend'><i class='size' style='width:{{ diameter }}px;height:{{ diameter }}px'></i>{{ value }}</span>"
    "{% endfor %}</div>{% endif %}"
    "{% if note %}<p class='cadenas-caption'>{{ note }}</p>{% endif %}")

_FIGURES = _TEMPLATES.from_string(
    "{% if heading %}<div class='cadenas-heading' role='heading' aria-level='3'>{{ heading[0] }}</div>"
    "<p class='cadenas-note'>{{ heading[1] }}</p>{% endif %}"
    "{% if side_by_side %}<div class='cadenas-figures'>{% endif %}"
    "{% for card in cards %}"
    "<div class='cadenas-figure'><div class='label'>{{ card.label }}</div>"
    "<div class='value'>{{ card.number }} <span>{{ card.unit }}</span></div>"
    "<div class='meta'><span class='cadenas-status {{ card.status }}'>{{ card.status_name }}</span>"
    " {{ card.year }} · {{ card.source }}</div></div>"
    "{% endfor %}"
    "{% if side_by_side %}</div>{% endif %}")

_BADGES = _TEMPLATES.from_string(
    "{% for colour, text, name in crops %}{% if not loop.first %} {% endif %}"
    "<span class='cadenas-crop' style='background:{{ colour }};color:{{ text }}'>{{ name }}</span>{% endfor %}")

_NOTE = _TEMPLATES.from_string("<p class='cadenas-note'>{{ text }}</p>")

_FOLLOW = _TEMPLATES.from_string(
    "<div class='cadenas-follow{% if large %} large{% endif %}'><img class='cadenas-qr' src='{{ code }}' alt='QR: {{ address }}'><p><span>{{ heading }}</span>"
    "<strong>{{ shown }}</strong>{% if note %}<span>{{ note }}</span>{% endif %}</p></div>")

_SLIDE_NUMBER = _TEMPLATES.from_string(
    "<div class='cadenas-slide-number'><span class='cadenas-wide'>{{ text }}</span>"
    "<span class='cadenas-narrow' aria-hidden='true'>{{ number }} / {{ total }}</span></div>")

_CHRONOLOGY = _TEMPLATES.from_string(
    "<div class='cadenas-chronology' aria-hidden='true'>"
    "{% for phase in phases %}"
    "<div class='row'><i class='phase' style='left:{{ phase.start }}%;width:{{ phase.width }}%;"
    "background:{{ phase.colour }}'></i><span style='{{ phase.place }}'>{{ phase.name }}</span></div>"
    "{% endfor %}"
    "<div class='row events'>"
    "{% for dot in dots %}<i class='event{% if dot.planned %} planned{% endif %}' style='left:{{ dot.at }}%'></i>"
    "{% endfor %}</div>"
    "<div class='axis'>{% for year, at in ticks %}<span style='left:{{ at }}%'>{{ year }}</span>{% endfor %}</div>"
    "</div>"
    "<ol class='cadenas-chronicle'>"
    "{% for item in items %}"
    "<li><span class='when'>{{ item.when }}</span><span class='what'>{{ item.what }}</span>"
    "<span>{{ item.text }}"
    "{% if item.planned %} <span class='cadenas-status planned'>{{ planned }}</span>{% endif %}"
    " <span class='source'>· {{ item.source }}</span></span></li>"
    "{% endfor %}"
    "</ol>"
    "<p class='cadenas-caption'>{{ note }}</p>")


def caption(alt: str, sources: str, label: str, legend: str = "", after: str = "") -> str:
    """The text under a chart or map: its key (`legend`, HTML from this module), what it shows,
    its sources after `label`, then `after` (HTML from this module)."""
    return _CAPTION.render(alt=alt, sources=sources, label=label, legend=_trusted(legend), after=_trusted(after))


def legend(crop_keys, lang: str, statuses=(), note: str = "", sizes=()) -> str:
    """Swatches naming the colour of each crop shown, then (given `statuses`) the bar pattern of
    each status as Compare draws them, then (given `sizes`, pairs of a diameter in pixels and a
    value) the map's circles, then any `note` on reading them."""
    crops = [(colour, design.mark_outline(colour), t(f"crop.{key}", lang))
             for key in (*vocab.CROPS, queries.MIXED) if key in set(crop_keys) for colour in [queries.crop_colour(key)]]
    shown = [(status, t(f"status.{status}", lang)) for status in vocab.STATUSES if status in set(statuses)]
    return _LEGEND.render(crops=crops, statuses=shown, note=note, sizes=sizes, sizes_label=t("map.sizes", lang))


def figures(rows: pd.DataFrame, sources: pd.DataFrame, lang: str, names: dict | None = None,
            side_by_side: bool = False, heading: tuple[str, str] | None = None) -> str:
    """Figures, each with its metric, year, status and source (and, given `names`, the
    initiative it belongs to), one under another or side by side where there is room; with
    `heading` (a title and a note), under that."""
    cards = []
    for _, figure in rows.iterrows():
        number, unit = queries.value_parts(figure, lang)
        cards.append({
            "label": t(f"metric.{figure.metric}", lang) + (f" · {queries.figure_whose(figure, names, lang)}" if names else ""),
            "number": number, "unit": unit, "status": figure["status"],
            "status_name": t(f"status.{figure['status']}", lang), "year": queries.format_year(figure, lang),
            "source": queries.source_names(sources, [figure["source"]], lang)})
    return _FIGURES.render(cards=cards, side_by_side=side_by_side, heading=heading)


def card_facts(crops, regions: str, years: str, lang: str) -> str:
    """An overview card's line, for Streamlit's Markdown with HTML allowed: a badge in its
    colour for each crop, then the regions and the years as text."""
    badges = _BADGES.render(crops=[(colour, design.text_on(colour), term("crop", crop, lang))
                                   for crop in crops for colour in [queries.crop_colour(crop)]])
    return f"{badges} &nbsp; {markdown_text(regions)} · {escape(years)}"


def note(text: str) -> str:
    """A line of plain text that goes with a chart or its figures."""
    return _NOTE.render(text=text)


def follow(address: str, heading: str, note: str = "", large: bool = False) -> str:
    """A QR code of `address` (drawn here, so it needs no network) beside it in words, without
    its scheme, for an audience to type or scan, under `heading`, with any `note`; `large` on a
    slide of its own."""
    code = segno.make(address, error="m").svg_data_uri(scale=6, border=2, dark=design.INK, light=design.PAPER)
    return _FOLLOW.render(code=code, address=address, heading=heading, shown=re.sub(r"^https?://", "", address),
                          note=note, large=large)


_EMBED = _TEMPLATES.from_string(
    '<iframe src="{{ src }}" title="{{ title }} · Cadenas" width="800" height="500" style="border:0" loading="lazy">'
    '</iframe>')


def embed_snippet(src: str, title: str) -> str:
    """The `<iframe>` another site pastes to show the view at `src` (with embed=true), named
    `title` for screen readers."""
    return _EMBED.render(src=src, title=title)


def slide_number(text: str, number: int, total: int) -> str:
    """'Slide 3 of 12' for the presentation's control row; on a phone, where the buttons need
    the room, '3 / 12' is shown and the words are left to screen readers."""
    return _SLIDE_NUMBER.render(text=text, number=number, total=total)


def chronology(phases: pd.DataFrame, events: pd.DataFrame, sources: pd.DataFrame, crop: str, lang: str) -> str:
    """One initiative's phases and dated events: a 2000–2021 strip to see them at a glance
    (phases as bars in their crop's colour, events as dots, hollow when planned; decoration only,
    hidden from screen readers), then the list that says each one in words, with its date as
    precise as its source and that source cited, and a line on how to read them."""
    first = dt.date(vocab.FIRST_YEAR, 1, 1)
    days = (dt.date(vocab.LAST_YEAR + 1, 1, 1) - first).days

    def at(day: dt.date) -> float:
        return round(100 * (day - first).days / days, 2)

    cited = queries.citations(sources, lang)
    strip, dots, items = [], [], []
    for (_, phase), name in zip(phases.iterrows(), localised(phases, "name", lang)):
        start = at(dt.date(int(phase["start"]), 1, 1))
        end = at(dt.date(queries.last_year(phase["end"]), 12, 31))
        strip.append({"start": start, "width": round(end - start, 2), "name": name,
                      "colour": queries.crop_colour(phase["crop"] if isinstance(phase["crop"], str) else crop),
                      "place": f"left:{start}%" if start < 50 else f"right:{round(100 - end, 2)}%"})
        items.append(((int(phase["start"]), 0, 0, 0), {
            "when": queries.active_years(phase["start"], phase["end"], lang), "what": t("chronology.phase", lang),
            "text": name, "planned": False, "source": cited.get(phase["source"], "")}))
    for (_, event), title in zip(events.iterrows(), localised(events, "title", lang)):
        planned = event["status"] == "planned"
        dots.append({"at": at(queries.plot_date(event["date"])), "planned": planned})
        order = tuple(0 if pd.isna(part) else int(part) for part in (event["year"], event["month"], event["day"]))
        items.append(((*order, 1), {
            "when": queries.format_event_date(event["date"], lang), "what": term("kind", event["kind"], lang),
            "text": title, "planned": planned, "source": cited.get(event["source"], "")}))
    ticks = [(year, at(dt.date(year, 1, 1))) for year in range(vocab.FIRST_YEAR, vocab.LAST_YEAR + 1, 5)]
    return _CHRONOLOGY.render(phases=strip, dots=dots, ticks=ticks, planned=t("event.planned", lang),
                              note=t("profile.chronology_note", lang),
                              items=[item for _, item in sorted(items, key=lambda pair: pair[0])])


def _trusted(fragment: str) -> Markup:
    """HTML this module built (its text already escaped), to be placed as it is."""
    return Markup(fragment)
