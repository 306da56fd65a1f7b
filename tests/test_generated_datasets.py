"""Every page on generated datasets (tests/strategies.py): it runs under AppTest without an
exception at its default view and at the initiatives, regions and filters its URL can select,
and what it sends to the browser keeps the dashboard's promises:
- every figure drawn or listed carries its year, status and source;
- a target, commitment or estimate is never summed with or drawn as an achievement;
- nothing outside the chosen filters or 2000–2021 is drawn;
- an empty selection shows the page's message (st.info), never an empty axis;
- text from the data is shown as text (no tag of it is markup, no Markdown of it is live).

What each example visits, in English or Spanish: every page's default view; on the map each
measure that has an achieved figure, each region an initiative works in and one where none does;
on the timeline and the profile each initiative, on the timeline each crop, no crop, and drawn
kinds and years; on Compare each family at every status and at a drawn set of statuses, no
status, each single status for a drawn set of initiatives, and the partners view; each table of
the Sources page and a search; the first, last and other slides of the presentation. Where a
dataset has more than EVERY initiatives, regions, measures or slides, Hypothesis draws EVERY of
them (so a failure shrinks to the one that breaks). How many datasets: the Hypothesis profile
(tests/conftest.py; HYPOTHESIS_PROFILE=thorough for many more).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from html import escape, unescape
from html.parser import HTMLParser

import pandas as pd
from hypothesis import given, strategies as st
from streamlit.testing.v1 import AppTest

from components import charts, design, exhibits, maps, queries, slides
from components import vocabulary as vocab
from components.i18n import localised, t, term
from components.store import UPLOADED
from components.html import markdown_text
from tests import datasets, strategies
from tests.apptest import bar_labels, caption_text, chart_alts, deck_specs, html_bodies, lane_names, markers, open_page, plotly_specs, values
from tests.conftest import ROOT

EVERY = 5  # initiatives, regions, measures or slides visited per example; past this, a drawn sample
LANGUAGES = st.sampled_from(("en", "es"))


def some(pick, items, label: str) -> list:
    """Every item when there are at most EVERY, else a sample of EVERY that Hypothesis `pick`s."""
    items = list(items)
    if len(items) <= EVERY:
        return items
    return pick.draw(st.lists(st.sampled_from(items), min_size=EVERY, max_size=EVERY, unique=True), label=label)


def run(page: str, data, lang: str, **params) -> AppTest:
    """Open `page` on `data` in `lang` and check what holds on every page."""
    at = open_page(page, data, **({"lang": lang} if lang != "en" else {}), **params)
    check_every_page(at, lang)
    return at


# --- What holds on every page ------------------------------------------------------------

# Tags (and their attributes) the app's own HTML uses: any other came from the data.
HTML_TAGS = {"div": {"class", "role", "aria-level", "aria-hidden", "style"}, "span": {"class", "style", "aria-hidden"},
             "i": {"class", "style"}, "p": {"class"}, "br": set(), "strong": set(), "ol": {"class"}, "li": set()}
PLOTLY_TAGS = {"b": set(), "br": set(), "span": {"style"}}  # the subset of HTML plotly draws
# Markdown the data holds (tests/strategies.HOSTILE) that would be live if it reached a
# Markdown element unescaped.
MARKDOWN_LIVE = ("](javascript", ":red[", "**bold**", "`code`", "$math$", "~~struck~~", "<b>", "<i>", "<script",
                 "<img", "<a ", "&lt;", "&amp;")


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name for name, _ in attrs}))


def check_tags(text: str, allowed: dict) -> None:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    for tag, attributes in parser.found:
        assert tag in allowed and attributes <= allowed[tag], f"<{tag} {attributes}> from the data: {text[:400]}"


def strings(spec) -> list[str]:
    """Every string in a plotly spec."""
    if isinstance(spec, dict):
        return [s for value in spec.values() for s in strings(value)]
    if isinstance(spec, list):
        return [s for value in spec for s in strings(value)]
    return [spec] if isinstance(spec, str) else []


def markdown_bodies(at) -> list[str]:
    """Every element drawn as Markdown: headings, text, captions, notices and pill labels."""
    elements = [*at.title, *at.header, *at.subheader, *at.markdown, *at.caption, *at.info, *at.success,
                *at.warning, *at.error]
    return [e.value for e in elements] + [option for group in at.button_group for option in group.options]


def heading(text: str) -> str:
    """A name as a heading shows it: Markdown escaped (`html.markdown_text`), trimmed as Streamlit trims it."""
    return markdown_text(text).strip()


def drawn_points(spec) -> int:
    """How many bars and markers a chart draws."""
    return sum(len([x for x in values(trace.get("x", [])) if x is not None]) for trace in spec["data"])


def check_every_page(at, lang: str) -> None:
    assert not at.exception, "\n".join(f"{e.message}\n{''.join(e.stack_trace)}" for e in at.exception)
    assert not at.error, [e.value for e in at.error]
    captions = caption_text(at)
    for spec, alt in zip(plotly_specs(at), chart_alts(at)):
        assert drawn_points(spec), f"an empty chart: {alt}"
        assert alt in captions  # says what it shows
        assert f"{t('chart.sources', lang)}:" in captions  # and where its numbers come from
        for text in strings(spec):
            check_tags(text, PLOTLY_TAGS)
    for body in html_bodies(at):
        check_tags(body, HTML_TAGS)
        check_figure_cards(body, lang)
        for place in re.findall(r"(?:left|right|width):(-?[\d.]+)%", body):  # the chronology's 2000–2021 strip
            assert 0 <= float(place) <= 100, body
    for body in markdown_bodies(at):
        live = re.sub(r"\\.", "\0", body, flags=re.S)  # a character escaped with \ is shown as typed
        assert not [piece for piece in MARKDOWN_LIVE if piece in live], body
        check_tags(live, HTML_TAGS)
    for deck in at.get("deck_gl_json_chart"):  # data goes in as {title} and {body}, which Streamlit escapes
        assert json.loads(deck.proto.tooltip)["html"] == maps.TOOLTIP_HTML


# --- Figures: year, status and source; never a total ---------------------------------------

CARD = re.compile(
    r"<div class='cadenas-figure'><div class='label'>(?P<label>[^<]*)</div>"
    r"<div class='value'>(?P<number>[^<]*) <span>(?P<unit>[^<]*)</span></div>"
    r"<div class='meta'><span class='cadenas-status (?P<status>\w+)'>(?P<status_label>[^<]*)</span> "
    r"(?P<when>[^<]*?) · (?P<source>[^<]*)</div></div>")
YEAR = re.compile(r"\b\d{4}\b")


def check_when(when: str) -> None:
    """A figure's time ('2012–2016', 'c. 2012', '2017, for 2021') names years, all in range."""
    years = [int(y) for y in YEAR.findall(when)]
    assert years and all(vocab.FIRST_YEAR <= y <= vocab.LAST_YEAR for y in years), when


def check_figure_cards(body: str, lang: str) -> None:
    """Every figure shown as a figure has its status (named), its years and a source."""
    cards = list(CARD.finditer(body))
    assert len(cards) == body.count("class='cadenas-figure'"), body[:400]
    for card in cards:
        assert not re.search(r"\d\.(?!\d)", unescape(card["number"])), card["number"]  # never '100.'
        assert card["status"] in vocab.STATUSES
        assert unescape(card["status_label"]) == term("status", card["status"], lang)
        check_when(unescape(card["when"]))
        assert card["source"].strip()


def card_numbers(at) -> list[str]:
    return [unescape(card["number"]) for body in html_bodies(at) for card in CARD.finditer(body)]


def check_cards_are_figures(at, data, lang: str, initiatives=None) -> None:
    """Each number on a figure card is one figure of the data (of `initiatives`), never a sum."""
    rows = data.metrics if initiatives is None else data.metrics[data.metrics["initiative"].isin(initiatives)]
    numbers = {queries.value_parts(row, lang)[0] for row in rows.to_dict("records")}
    citations = set(queries.citations(data.sources, lang).values())
    assert set(card_numbers(at)) <= numbers
    for body in html_bodies(at):
        for card in CARD.finditer(body):
            assert unescape(card["source"]) in citations


def tables(at, lang: str, *columns) -> list[pd.DataFrame]:
    """The tables whose first columns are `columns` (their ids, shown translated)."""
    labels = [t(f"col.{c}", lang) for c in columns]
    return [d.value for d in at.dataframe if list(d.value.columns[:len(labels)]) == labels]


def check_figure_tables(at, data, lang: str) -> None:
    """Every table of figures gives each figure's year, status and source."""
    when, status, source = (t(f"col.{c}", lang) for c in ("when", "status", "source"))
    labels = {term("status", s, lang) for s in vocab.STATUSES}
    citations = set(queries.citations(data.sources, lang).values())
    for frame in [d.value for d in at.dataframe if when in d.value.columns]:
        assert set(frame[status]) <= labels and set(frame[source]) <= citations
        for text in frame[when]:
            check_when(text)


# --- Overview -------------------------------------------------------------------------------

@given(records=strategies.records(), lang=LANGUAGES)
def test_overview(records, lang):
    data = datasets.dataset(records)
    at = run("overview", data, lang)
    check_cards_are_figures(at, data, lang)
    region_names = dict(zip(data.regions["id"], data.regions["name"]))
    cards = [body for body in (m.value for m in at.markdown) if "cadenas-crop" in body]
    for body, regions in zip(cards, data.initiatives["regions"]):  # where each works, as typed
        assert markdown_text(", ".join(region_names[r] for r in regions)) in body
    names = localised(data.initiatives, "name", lang).head(12)
    cards = [h.value for h in at.subheader if h.value != t("overview.where", lang)]  # that one heads the map
    assert cards[:len(names)] == [heading(name) for name in names]
    check_map(deck_specs(at)[0], data, lang, data.initiatives["id"])
    at = run("overview", data, lang, table="1")
    worked = {r for regions in data.initiatives["regions"] for r in regions}
    assert len(tables(at, lang, "region", "crops")[0]) == len(worked)


# --- Region map -----------------------------------------------------------------------------

def check_map(deck: dict, data, lang: str, shown, focus=None, metric=None) -> None:
    """Regions are filled where a shown initiative works (within `focus`); markers stand for
    the shown initiatives' latest achieved figure of `metric`, larger for a larger figure."""
    shown = data.initiatives[data.initiatives["id"].isin(list(shown))]
    worked = {r for regions in shown["regions"] for r in regions} & set(focus or data.regions["id"])
    features = [f for layer in deck["layers"] if layer["id"] == maps.REGION_LAYER for f in layer["data"]["features"]]
    filled = {f["properties"]["id"] for f in features
              if f["geometry"]["type"] != "LineString" and f["properties"]["fill"] != maps.EMPTY_FILL}
    assert filled == worked
    dots = {f["properties"]["initiative"]: f["properties"] for f in features if "initiative" in f["properties"]}
    achieved = data.metrics[(data.metrics["status"] == "achieved") & (data.metrics["metric"] == metric)]
    latest = achieved.sort_values(["year", "value"]).groupby("initiative")["value"].last()
    assert set(dots) == set(latest.index) & set(shown["id"])
    for properties in dots.values():
        figure, _, rest = properties["body"].partition(f" · {term('status', 'achieved', lang)}\n")
        assert rest and f"\n{t('chart.source', lang)}: " in rest
        check_when(figure.rsplit(" · ", 1)[-1])
    by_value = sorted(dots, key=lambda i: latest[i])
    widths = [max(f["properties"]["width"] for f in features if f["properties"].get("initiative") == i)
              for i in by_value]
    assert widths == sorted(widths)  # sized by the achieved figure alone


@given(records=strategies.records(), lang=LANGUAGES, pick=st.data())
def test_region_map(records, lang, pick):
    data = datasets.dataset(records)
    at = run("regions", data, lang, figures_table="1", events_table="1")
    metric = at.selectbox(key="map_metric").value
    check_map(deck_specs(at)[0], data, lang, data.initiatives["id"], metric=metric)
    assert len(tables(at, lang, "initiative", "metric", "figure")[0]) == len(data.metrics)
    assert len(tables(at, lang, "date", "initiative", "title")[0]) == len(data.events)
    check_figure_tables(at, data, lang)
    achieved = [m for m in vocab.METRICS if m in set(data.metrics.loc[data.metrics["status"] == "achieved", "metric"])]
    for metric in some(pick, achieved, "metrics"):
        check_map(deck_specs(run("regions", data, lang, metric=metric))[0], data, lang, data.initiatives["id"],
                  metric=metric)
    worked = [r for r in data.regions["id"] if any(r in rs for rs in data.initiatives["regions"])]
    idle = [r for r in data.regions["id"] if r not in worked][:1]
    for region in some(pick, worked, "regions") + idle:
        check_region(run("regions", data, lang, region=region), data, lang, region)


def check_region(at, data, lang: str, region: str) -> None:
    """A chosen region lists the figures of the initiatives there and the events there."""
    here = data.initiatives[data.initiatives["regions"].map(lambda rs: region in rs)]
    if here.empty:
        assert t("map.no_initiatives", lang) in [i.value for i in at.info]
        return
    figures = data.metrics[data.metrics["initiative"].isin(here["id"])]
    events = data.events[data.events["initiative"].isin(here["id"])
                         & data.events["regions"].map(lambda rs: not rs or region in rs)]
    assert len(tables(at, lang, "initiative", "metric", "figure")[0]) == len(figures)
    assert len(tables(at, lang, "date", "initiative", "title")[0]) == len(events)
    check_figure_tables(at, data, lang)


# --- Timeline -------------------------------------------------------------------------------

def check_timeline(at, data, lang: str, crops=vocab.CROPS, chosen=None, kinds=vocab.EVENT_KINDS,
                   years=(vocab.FIRST_YEAR, vocab.LAST_YEAR), empty_message="timeline.empty") -> None:
    """Only the chosen initiatives, crops, kinds and years are drawn (in lanes for the first
    MAX_LANES initiatives; an open table lists every event chosen), and an empty choice says so
    (`empty_message`)."""
    chosen = list(data.initiatives["id"]) if chosen is None else chosen
    shown = data.initiatives[data.initiatives["crops"].map(lambda cs: bool(set(cs) & set(crops)))
                             & data.initiatives["id"].isin(chosen)]
    lanes = list(shown["id"][:charts.MAX_LANES])
    events = data.events[data.events["initiative"].isin(lanes) & data.events["kind"].isin(kinds)
                         & data.events["year"].between(*years)]
    phases = data.phases[data.phases["initiative"].isin(lanes) & (data.phases["start"] <= years[1])
                         & (data.phases["end"].fillna(vocab.LAST_YEAR) >= years[0])]
    specs = plotly_specs(at)
    if events.empty and phases.empty:
        assert not specs and t(empty_message, lang) in [i.value for i in at.info]
        return
    for listed in tables(at, lang, "date", "initiative", "title"):
        assert len(listed) == (data.events["initiative"].isin(shown["id"]) & data.events["kind"].isin(kinds)
                               & data.events["year"].between(*years)).sum()
    spec = specs[0]
    names = queries.initiative_names(data.initiatives, lang)
    assert lane_names(spec) == [escape(names[i]) for i in lanes]
    assert spec["layout"]["xaxis"]["range"] == [f"{years[0]}-01-01", f"{years[1]}-12-31"]
    dots = markers(spec["data"])
    assert sorted(x for trace in dots for x in values(trace["x"])) == sorted(
        str(queries.plot_date(d)) for d in events["date"])
    phase_bars = [trace for trace in spec["data"] if trace["type"] == "bar"]
    assert sum(len(values(trace["x"])) for trace in phase_bars) == len(phases)
    for trace in phase_bars:  # each bar within 2000–2021
        assert all(f"{vocab.FIRST_YEAR}-01-01" <= base <= f"{vocab.LAST_YEAR}-12-31" for base in trace["base"])
        ends = [pd.Timestamp(base) + pd.Timedelta(milliseconds=x) for base, x in zip(trace["base"], values(trace["x"]))]
        assert all(end <= pd.Timestamp(vocab.LAST_YEAR, 12, 31) for end in ends)
    for trace in [*dots, *phase_bars]:
        assert all(f"{t('chart.source', lang)}: " in text for text in trace["hovertext"])


@given(records=strategies.records(), lang=LANGUAGES, pick=st.data())
def test_timeline(records, lang, pick):
    data = datasets.dataset(records)
    check_timeline(run("timeline", data, lang), data, lang)
    check_timeline(run("timeline", data, lang, crop=""), data, lang, crops=())
    for initiative in some(pick, data.initiatives["id"], "initiatives"):
        check_timeline(run("timeline", data, lang, initiative=initiative), data, lang, chosen=[initiative])
    for crop in vocab.CROPS:
        check_timeline(run("timeline", data, lang, crop=crop), data, lang, crops=[crop])
    kinds = pick.draw(st.lists(st.sampled_from(vocab.EVENT_KINDS), unique=True), label="kinds")
    first = pick.draw(strategies.YEARS, label="from")
    years = (first, pick.draw(st.integers(first, vocab.LAST_YEAR), label="to"))
    at = run("timeline", data, lang, kind=",".join(kinds), years=f"{years[0]}-{years[1]}", table="1")
    check_timeline(at, data, lang, kinds=kinds, years=years)


# --- Compare --------------------------------------------------------------------------------

def check_comparison(at, data, lang: str, family: str, statuses=vocab.STATUSES, chosen=None) -> None:
    """Bars and lone figures are exactly the chosen family's figures of the chosen statuses and
    initiatives, each its own bar (never a total), achieved solid and the rest hollow and
    patterned, each labelled with its status; nothing chosen says so."""
    chosen = list(data.initiatives["id"]) if chosen is None else chosen
    rows = data.metrics[(data.metrics["family"] == family) & data.metrics["status"].isin(statuses)
                        & data.metrics["initiative"].isin(chosen)]
    specs = plotly_specs(at)
    if rows.empty:
        assert not specs and t("compare.empty", lang) in [i.value for i in at.info]
        return
    per_measure = rows["metric"].value_counts()
    assert len(card_numbers(at)) == (per_measure == 1).sum()
    check_cards_are_figures(at, data, lang, chosen)
    charted = sum(min(count, charts.MAX_BARS) for count in per_measure if count > 1)
    assert len(specs) == (1 if charted else 0)
    if not charted:
        return
    spec = specs[0]
    titles = {a["text"] for a in spec["layout"]["annotations"] if a.get("name") != "bar"}
    assert titles == {term("metric", m, lang) for m in per_measure.index[per_measure > 1]}
    labels = [text.split("<br>") for text in bar_labels(spec)]
    assert len(labels) == charted
    terms = {term("status", s, lang) for s in vocab.STATUSES}
    # A bar's status ends its second line, or its first where the second is long (charts._bar_lines).
    assert Counter((second if second.rsplit(" · ", 1)[-1] in terms else first).rsplit(" · ", 1)[1]
                   for first, second in labels) == Counter(
        trace["name"] for trace in spec["data"] if trace["type"] == "bar" for _ in values(trace["x"]))
    labels = {term("status", s, lang): s for s in vocab.STATUSES}
    bars = [trace for trace in spec["data"] if trace["type"] == "bar"]
    assert sum(len(values(trace["x"])) for trace in bars) == charted
    for trace in bars:
        status = labels[trace["name"]]
        assert status in statuses
        assert not Counter(values(trace["x"])) - Counter(rows.loc[rows["status"] == status, "value"])
        solid = status == "achieved"
        assert (trace["marker"]["color"] != design.PAPER) == solid
        assert (trace["marker"]["pattern"]["shape"] == "") == solid == (design.STATUS_PATTERNS[status] == "")
        for text in trace["hovertext"]:
            assert f"{t('chart.source', lang)}: " in text and f" · {trace['name']}<br>" in text
            check_when(text.split("<br>")[1].split(" · ")[-2])


@given(records=strategies.records(), lang=LANGUAGES, pick=st.data())
def test_compare(records, lang, pick):
    data = datasets.dataset(records)
    families = [f for f in vocab.FAMILIES if f in set(data.metrics["family"])]
    at = run("compare", data, lang)
    if families:
        check_comparison(at, data, lang, families[0])
    else:
        assert t("compare.empty", lang) in [i.value for i in at.info]
    check_comparison(run("compare", data, lang, status=""), data, lang, families[0] if families else None, ())
    for family in families:
        check_comparison(run("compare", data, lang, family=family), data, lang, family)
        statuses = pick.draw(st.lists(st.sampled_from(vocab.STATUSES), unique=True), label=f"{family} statuses")
        at = run("compare", data, lang, family=family, status=",".join(statuses), log="1", table="1")
        check_comparison(at, data, lang, family, statuses)
        check_figure_tables(at, data, lang)
    ids = list(data.initiatives["id"])
    chosen = pick.draw(st.lists(st.sampled_from(ids), unique=True, max_size=EVERY), label="initiatives")
    for family in families[:1]:
        for status in vocab.STATUSES:
            at = run("compare", data, lang, family=family, status=status, initiative=",".join(chosen))
            check_comparison(at, data, lang, family, [status], chosen)
    at = run("compare", data, lang, view="partners", initiative=",".join(chosen), partners_table="1")
    partners = data.organisations[data.organisations["initiative"].isin(chosen)]
    if partners.empty:
        assert t("compare.no_partners", lang) in [i.value for i in at.info]
    else:
        assert len(tables(at, lang, "initiative", "name")[0]) == len(partners)


# --- Initiative profile ---------------------------------------------------------------------

# What a chronology item says, between its kind and its (planned badge and) source.
ITEM_TEXT = re.compile(r"<span>([^<]*?) (?:<span class='cadenas-status planned'>[^<]*</span> )?<span class='source'>")


@given(records=strategies.records(), lang=LANGUAGES, pick=st.data())
def test_profile(records, lang, pick):
    data = datasets.dataset(records)
    run("initiative", data, lang)
    full_names = queries.initiative_names(data.initiatives, lang, short=False)
    for initiative in some(pick, data.initiatives["id"], "initiatives"):
        at = run("initiative", data, lang, initiative=initiative, events_table="1", figures_table="1",
                 partners_table="1")
        assert at.header[0].value == heading(full_names[initiative])  # Markdown in a name is not live
        own = data.initiatives[data.initiatives["id"] == initiative]
        check_map(deck_specs(at)[0], data, lang, [initiative], focus=own["regions"].iloc[0])
        check_cards_are_figures(at, data, lang, [initiative])
        phases = data.phases[data.phases["initiative"] == initiative]
        events = data.events[data.events["initiative"] == initiative]
        chronicle = [body for body in html_bodies(at) if "cadenas-chronicle" in body]
        if phases.empty and events.empty:
            assert not chronicle and t("profile.no_chronology", lang) in [i.value for i in at.info]
        else:  # every phase and event, its text as typed, each with its source
            items = re.findall(r"<li>(.*?)</li>", chronicle[0], flags=re.S)
            assert len(items) == len(phases) + len(events)
            assert all("<span class='source'>· " in item for item in items)
            texts = Counter(unescape(text) for text in re.findall(ITEM_TEXT, chronicle[0]))
            assert texts == Counter([*localised(phases, "name", lang), *localised(events, "title", lang)])
        figures = data.metrics[data.metrics["initiative"] == initiative]
        if figures.empty:
            assert t("profile.no_figures", lang) in [i.value for i in at.info]
        else:
            assert len(tables(at, lang, "metric", "figure")[0]) == len(figures)
        check_figure_tables(at, data, lang)


# --- Sources and data -----------------------------------------------------------------------

@given(records=strategies.records(), lang=LANGUAGES, pick=st.data())
def test_sources(records, lang, pick):
    data = datasets.dataset(records)
    at = run("sources", data, lang)
    for title in data.sources["title"]:
        assert f"**{markdown_text(title)}**" in [m.value for m in at.markdown]
    for name in ("metrics", "events", "initiatives", "organisations", "phases", "regions", "sources"):
        at = run("sources", data, lang, table=name)
        rows = getattr(data, name)
        if rows.empty:
            assert t("sources.no_rows", lang) in [i.value for i in at.info]
        else:
            assert len(at.dataframe[0].value) == len(rows)
    word = pick.draw(st.sampled_from(list(data.initiatives["name"])), label="searched").strip()[:20]
    at = run("sources", data, lang, table="initiatives", q=word)
    if word:
        assert len(at.dataframe[0].value) >= 1
    at = run("sources", data, lang, q="no row holds this ✗")
    assert t("sources.no_match", lang) in [i.value for i in at.info]


# --- Presentation ---------------------------------------------------------------------------

def check_timeline_slide(at, data, lang: str, slide: slides.Slide) -> None:
    """A timeline slide draws every phase of its initiative and its share of the events, each
    on a row that writes out its date and kind, within 2000–2021 and the initiative's years."""
    everything = (vocab.FIRST_YEAR, vocab.LAST_YEAR)
    events = data.events[(data.events["initiative"] == slide.initiative) & data.events["year"].between(*everything)]
    phases = data.phases[(data.phases["initiative"] == slide.initiative) & (data.phases["start"] <= vocab.LAST_YEAR)]
    specs = plotly_specs(at)
    if events.empty and phases.empty:
        assert not specs and t("profile.no_chronology", lang) in [i.value for i in at.info]
        return
    spec = specs[0]
    dots = markers(spec["data"])
    drawn = [x for trace in dots for x in values(trace["x"])]
    assert not Counter(drawn) - Counter(str(queries.plot_date(d)) for d in events["date"])
    assert len(drawn) <= slides.EVENTS_PER_SLIDE
    assert sum(len(values(trace["x"])) for trace in spec["data"] if trace["type"] == "bar") == len(phases)
    rows = [unescape(note["text"]) for note in spec["layout"]["annotations"] if note.get("name") == "row"]
    assert len(rows) == len(drawn) + len(phases)
    assert all(re.match(r"<b>[^<]+ · [^<]+:</b>", row) for row in rows)  # its date and kind, first
    start, end = spec["layout"]["xaxis"]["range"]
    assert f"{vocab.FIRST_YEAR}-01-01" <= start < end <= f"{vocab.LAST_YEAR}-12-31"
    assert all(start <= x <= end for x in drawn)
    for trace in spec["data"]:
        assert all(f"{t('chart.source', lang)}: " in text for text in trace["hovertext"])


def check_comparison_slide(at, data, lang: str, slide: slides.Slide) -> None:
    """A compare slide draws its share of one measure's figures, a bar each (never a total),
    achieved solid and the rest patterned, each labelled with its year and status."""
    figures = data.metrics[data.metrics["metric"] == slide.metric]
    (spec,) = plotly_specs(at)
    bars = [trace for trace in spec["data"] if trace["type"] == "bar"]
    drawn = sum(len(values(trace["x"])) for trace in bars)
    assert 1 <= drawn <= slides.BARS_PER_SLIDE
    statuses = {term("status", s, lang): s for s in vocab.STATUSES}
    for trace in bars:
        status = statuses[trace["name"]]
        assert not Counter(values(trace["x"])) - Counter(figures.loc[figures["status"] == status, "value"])
        assert (trace["marker"]["color"] != design.PAPER) == (status == "achieved")
    labels = [unescape(text) for text in bar_labels(spec)]
    assert len(labels) == drawn
    assert Counter(label.rsplit(" · ", 1)[1] for label in labels) == Counter(
        trace["name"] for trace in bars for _ in values(trace["x"]))
    for label in labels:
        check_when(label.split(":</b>")[0].rsplit(" · ", 1)[1])


def check_talk_covers_the_data(data, talk: list[slides.Slide], lang: str) -> None:
    """Across a talk's parts, every event in 2000–2021, every figure a slide family has and every
    initiative with partners is shown once, and nothing else."""
    everything = (vocab.FIRST_YEAR, vocab.LAST_YEAR)
    parts = [(slide, exhibit) for slide in talk for exhibit in [{
        "timeline": lambda: exhibits.timeline_slide(data, slide.initiative, slide.part, slide.parts, lang),
        "compare": lambda: exhibits.comparison_slide(data, slide.family, slide.metric, slide.part, slide.parts, lang),
        "figures": lambda: exhibits.lone_figures(data, slide.family, slide.part, slide.parts, lang),
    }.get(slide.kind, lambda: None)()] if exhibit is not None]
    shown_events = [i for s, e in parts if s.kind == "timeline" and e.rows is not None for i in e.rows.index]
    assert sorted(shown_events) == sorted(data.events.index[data.events["year"].between(*everything)])
    shown_figures = [i for s, e in parts if s.kind in ("compare", "figures") for i in e.rows.index]
    on_slides = [family for family, spec in vocab.FAMILIES.items() if spec.slide]
    assert sorted(shown_figures) == sorted(data.metrics.index[data.metrics["family"].isin(on_slides)])


@given(records=strategies.records(), lang=LANGUAGES, pick=st.data())
def test_presentation(records, lang, pick):
    data = datasets.dataset(records)
    talk = slides.build_slides(data)
    check_talk_covers_the_data(data, talk, lang)
    names = queries.initiative_names(data.initiatives, lang, short=False)
    numbers = sorted({1, len(talk), *some(pick, range(1, len(talk) + 1), "slides")})
    for number in numbers:
        slide = talk[number - 1]
        at = run("present", data, lang, slide=str(number))
        if slide.kind in ("story", "timeline"):
            assert at.title[0].value == heading(names[slide.initiative])
            check_cards_are_figures(at, data, lang, [slide.initiative])
        if slide.kind == "timeline":
            check_timeline_slide(at, data, lang, slide)
        if slide.kind == "compare":
            check_comparison_slide(at, data, lang, slide)
        if slide.kind == "figures":
            assert 1 <= len(card_numbers(at)) <= slides.FIGURES_PER_SLIDE
            check_cards_are_figures(at, data, lang)
        if slide.kind == "governance":
            assert len(plotly_specs(at)) == (0 if data.organisations.empty else 1)
            assert data.organisations.empty == (t("compare.no_partners", lang) in [i.value for i in at.info])


# --- Upload ---------------------------------------------------------------------------------

UPLOAD_NAMES = st.lists(st.sampled_from([w for w in strategies.WORDS + strategies.HOSTILE if "/" not in w]),
                        min_size=1, max_size=3).map(lambda words: " ".join(words) + ".zip")


@given(records=strategies.records(), name=UPLOAD_NAMES, lang=LANGUAGES)
def test_upload_zip_then_every_page(records, name, lang):
    """The dataset as a zip, through the upload page's file uploader: it loads as the same
    tables as the data folder, the page names the upload as typed, and every page then shows
    it for this session."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/upload.py")
    if lang != "en":
        at.query_params["lang"] = lang
    at.run()
    at.file_uploader(key="upload_file_0").set_value((name, datasets.zip_bytes(records), "application/zip")).run()
    check_every_page(at, lang)
    assert [s.value for s in at.success] == [t("upload.active", lang, name=markdown_text(name))]
    uploaded, expected = at.session_state[UPLOADED], datasets.dataset(records)
    for table in ("sources", "regions", "initiatives", "phases", "organisations", "metrics", "events"):
        pd.testing.assert_frame_equal(getattr(uploaded, table), getattr(expected, table))
    # Then every page, in English: leaving a page, AppTest reads its widgets' labels through their
    # format functions outside the app's session, so in English whatever language was chosen.
    at.button_group(key="lang").set_value("en").run()
    for page in ("overview", "regions", "timeline", "compare", "initiative", "sources", "present"):
        at.switch_page(f"pages/{page}.py").run()
        check_every_page(at, "en")
        check_cards_are_figures(at, expected, "en")
