"""Every page in AppTest on small fixture datasets (tests/datasets.py): its default view, each
filter and its URL state, asserted on what the page shows (titles, tables, figures with their
year, status and source, map features, chart alt text and bar values). One smoke pass opens
every page on the app's own data and asserts only what holds for any valid dataset."""

import html
import json
import re

import pytest
from streamlit.testing.v1.element_tree import Block

from components import design
from components.data import load_dataset_from_files
from components.maps import EMPTY_FILL
from tests import datasets
from tests.apptest import (EVENTS, bar_labels, FIGURES, PAGES, caption_text, chart_alts, lane_names, popover_labels, deck_specs, html_bodies, markers, open_page,
                           plotly_specs, table, values)

TINY = datasets.TINY
DATA = datasets.dataset()
# TINY and two more figures: an achieved area (so the map and Compare's land panel have two
# measures to show) and a lone people figure (one of its measure, shown as a figure, not a bar).
MORE = datasets.dataset(datasets.records(metrics=[
    *TINY["metrics.yaml"],
    {"initiative": "alpha", "metric": "hectares", "value": 500, "unit": "hectares", "year": 2018,
     "status": "achieved", "source": "doc-a", "note": "Alpha land."},
    {"initiative": "beta", "metric": "households", "value": 80, "unit": "households", "year": 2014,
     "status": "achieved", "source": "doc-b", "note": "Beta households."},
]))
HOSTILE_NAME = "<img src=x onerror=alert(1)> [Alpha](javascript:alert(2)) **Alpha**"
HOSTILE_TITLE = "<script>alert(3)</script> Alpha exports"


def _hostile_records() -> dict:
    data = datasets.records()
    data["initiatives.yaml"][0].update(name=HOSTILE_NAME, name_es=HOSTILE_NAME, short_name=HOSTILE_NAME)
    data["events.yaml"][1]["title"] = HOSTILE_TITLE
    return data


HOSTILE = datasets.dataset(_hostile_records())


def keyed(at, key: str) -> Block:
    """The container the page drew with `key`."""
    def walk(node):
        if isinstance(node, Block):
            if getattr(node.proto, "id", "").endswith(f"-{key}"):
                return node
            for child in node.children.values():
                found = walk(child)
                if found is not None:
                    return found
        return None
    found = walk(at.main)
    assert found is not None, key
    return found


def figure_texts(bodies) -> list[str]:
    """Each figure in these HTML bodies as people read it: 'Producers more than 900 growers
    achieved 2020 · Doc A (2021-04-28)' (measure, value, unit, status, year, source)."""
    found = []
    for body in bodies:
        for figure in re.findall(r"<div class='cadenas-figure'>(.*?</div></div>)", body):
            found.append(" ".join(html.unescape(re.sub(r"<[^>]+>", " ", figure)).split()))
    return found


def rgb(hex_colour: str) -> list[int]:
    return [int(hex_colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]


CROP_RGB = {crop: rgb(colour) for crop, colour in design.CROP_COLOURS.items()}


# --- Smoke: every page on the app's own data --------------------------------------------------

@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_on_the_apps_own_data(page):
    """Whatever data/ (or CADENAS_DATA_DIR) holds: no error, a title, every chart says what it
    shows and where its numbers come from."""
    at = open_page(page)
    assert not at.exception
    assert not at.error
    assert at.title[0].value
    under_charts = [html.unescape(body) for body in html_bodies(at) if "cadenas-caption" in body]
    for alt in chart_alts(at):
        assert any(alt in body and "Sources:" in body for body in under_charts), alt
    if page == "overview":  # its map cites every source
        assert "Sources:" in caption_text(at)


# --- Every page on a fixture --------------------------------------------------------------

@pytest.mark.parametrize("page", ["timeline", "compare", "regions"])
def test_hostile_or_malformed_url_values_fall_back_with_a_notice(page):
    at = open_page(page, DATA, crop="<script>alert(1)</script>", years="abc", family="nope", metric="1e999",
                   initiative="atlantis", region="../../etc/passwd", log="maybe")
    assert not at.exception
    notice = at.info[0].value
    assert "not recognised" in notice and "<script>" in notice  # quoted back as code, never run
    assert "alert(1)" not in json.dumps(plotly_specs(at))


@pytest.mark.parametrize("page, params", [
    ("overview", {}), ("timeline", {"table": "1"}), ("compare", {}), ("initiative", {}),
    ("regions", {"region": "piura"}), ("sources", {"table": "initiatives"}),
])
def test_markup_in_the_data_is_shown_as_text(page, params):
    at = open_page(page, HOSTILE, **params)
    assert not at.exception
    sent = json.dumps(plotly_specs(at)) + "".join(html_bodies(at))
    assert "<img src=x" not in sent and "<script>alert(3)" not in sent
    markdown = [e.value for kind in ("markdown", "subheader", "header", "caption") for e in at.get(kind)]
    assert all("<img" not in text or "\\<img" in text for text in markdown)  # escaped for Markdown
    assert all("](javascript" not in text for text in markdown)


def test_a_dataset_with_markup_shows_it_literally_where_people_read_it():
    at = open_page("initiative", HOSTILE, initiative="alpha")
    assert re.sub(r"\\(.)", r"\1", at.header[0].value) == HOSTILE_NAME  # every character, none as markup
    assert html.escape(HOSTILE_TITLE) in "".join(html_bodies(at))  # the chronology says it as typed


# --- Overview -----------------------------------------------------------------------------

def test_overview_cards_show_headline_figures_with_year_status_and_source():
    at = open_page("overview", DATA)
    cards = {i: keyed(at, f"overview_card_{i}") for i in ("alpha", "beta", "gamma")}
    assert cards["alpha"].subheader[0].value == "Alpha Banana Group"
    assert figure_texts(e.proto.body for e in cards["alpha"].get("html")) == [
        "Producers more than 900 growers achieved 2020 · Doc A (2021-04-28)"]  # its target is no headline
    assert figure_texts(e.proto.body for e in cards["beta"].get("html")) == [
        "Producers 300 growers achieved 2015 · Doc B (undated)"]
    assert figure_texts(e.proto.body for e in cards["gamma"].get("html")) == [
        "Producers 40 cacao growers achieved 2013 · Doc A (2021-04-28)",
        "Hectares 120 hectares estimate c. 2012 · Doc A (2021-04-28)"]
    assert "Cajamarca, Cusco · 2005–2016" in cards["beta"].markdown[0].value
    assert "Piura · since 2010" in cards["alpha"].markdown[0].value
    assert deck_specs(at)[0]["mapStyle"] == "__MAP_STYLE__"  # no basemap: works offline


def test_overview_intent_counts_the_initiatives_in_the_data():
    assert open_page("overview", DATA).caption[0].value.startswith("3 initiatives (banana, coffee, cacao):")


def test_overview_presence_table_is_sent_only_when_opened():
    assert not open_page("overview", DATA).dataframe
    at = open_page("overview", DATA, table="1")
    presence = table(at, "region", "crops")
    assert dict(zip(presence["region"], presence["initiatives"])) == {
        "Piura": "Alpha", "Cajamarca": "Beta", "Cusco": "Beta, Gamma"}  # Loreto: nobody works there
    assert set(dict(zip(presence["region"], presence["crops"]))["Cusco"].split(", ")) == {"Coffee", "Cacao"}
    assert at.query_params["table"] == "1"


def test_overview_links_into_every_view_and_every_profile():
    at = open_page("overview", DATA)
    links = [(e.proto.page.split("/")[-1].removesuffix(".py"), e.proto.query_string) for e in at.get("page_link")]
    assert {"regions", "timeline", "compare", "initiative", "sources"} <= {page for page, _ in links}
    for initiative in ("alpha", "beta", "gamma"):
        assert ("initiative", f"initiative={initiative}") in links


def test_an_initiative_with_no_figures_events_or_partners_opens_on_the_overview_and_its_profile():
    """Regression (issue 12): a new initiative, valid by the data dictionary but with nothing
    recorded yet, crashed both pages (st.html with an empty body)."""
    data = datasets.records()
    data["initiatives.yaml"].append({
        "id": "delta", "name": "Delta Newcomers", "short_name": "Delta", "crops": ["cacao"], "regions": ["loreto"],
        "start": 2020, "end": None, "summary": "Delta has just started.", "sources": ["doc-a"]})
    data = datasets.dataset(data)

    at = open_page("overview", data)
    assert not at.exception and not at.error
    card = keyed(at, "overview_card_delta")
    assert card.subheader[0].value == "Delta Newcomers" and not card.get("html")  # no figure, no empty box
    assert at.caption[0].value.startswith("4 initiatives")

    at = open_page("initiative", data, initiative="delta")
    assert not at.exception and not at.error
    assert at.header[0].value == "Delta Newcomers"
    notes = [i.value for i in at.info]
    assert "The sources give no figures for this initiative." in notes
    assert "The sources give no dated phase or event for this initiative." in notes
    assert [e.label for e in at.expander] == ["Partners (0)"]


# --- Region map ---------------------------------------------------------------------------

def map_features(at) -> list[dict]:
    return next(layer for layer in deck_specs(at)[0]["layers"] if layer["id"] == "regions")["data"]["features"]


def region_fills(at) -> dict[str, list[int]]:
    return {f["properties"]["id"]: f["properties"]["fill"] for f in map_features(at) if "id" in f["properties"]}


def map_markers(at) -> dict[str, dict]:
    """Each initiative's circle: its width in pixels and its tooltip, as drawn on the map."""
    return {f["properties"]["initiative"]: f["properties"] for f in map_features(at)
            if "initiative" in f["properties"] and f["properties"]["line"] != [255, 255, 255, 255]}


def test_map_default_view_sizes_circles_by_achieved_producers():
    at = open_page("regions", DATA)
    assert at.selectbox(key="map_metric").value == "producers"
    circles = map_markers(at)
    assert set(circles) == {"alpha", "beta", "gamma"}
    assert circles["alpha"]["width"] > circles["beta"]["width"] > circles["gamma"]["width"]  # 900 > 300 > 40
    assert circles["alpha"]["body"].splitlines()[0] == "more than 900 growers · 2020 · achieved"  # not the target
    assert "Doc A (2021-04-28)" in circles["alpha"]["body"]
    fills = region_fills(at)
    assert fills["piura"][:3] == CROP_RGB["banana"] and fills["cajamarca"][:3] == CROP_RGB["coffee"]
    assert fills["cusco"][:3] == rgb(design.MIXED_COLOUR)  # Beta's coffee and Gamma's coffee and cacao
    assert fills["loreto"] == EMPTY_FILL
    assert deck_specs(at)[0]["mapStyle"] == "__MAP_STYLE__"


def test_map_metric_from_url_changes_circles():
    at = open_page("regions", MORE, metric="hectares")
    circles = map_markers(at)
    assert set(circles) == {"alpha"}  # Gamma's hectares are an estimate: never drawn as achieved
    assert circles["alpha"]["body"].startswith("500 hectares · 2018 · achieved")
    assert "sized by Hectares" in caption_text(at)


def test_map_offers_only_measures_with_an_achieved_figure():
    assert open_page("regions", MORE).selectbox(key="map_metric").options == ["Producers", "Households", "Hectares"]


def test_map_region_filter_from_url_filters_figures_and_events():
    at = open_page("regions", DATA, region="cusco")
    figures, events = table(at, *FIGURES), table(at, *EVENTS)
    assert set(figures["initiative"]) == {"Beta", "Gamma"}
    assert list(events["title"]) == ["Beta launched", "Gamma plans more"]
    assert at.subheader[0].value == "In Cusco"
    outline = {f["properties"]["id"]: f["properties"]["width"] for f in map_features(at) if "id" in f["properties"]}
    assert outline["cusco"] == 3 and outline["piura"] == 1


def test_a_chosen_region_is_summed_up_in_one_line_under_its_heading():
    at = open_page("regions", DATA, region="cusco", lang="es")
    assert at.subheader[0].value == "En Cusco"
    assert "Trabajan aquí: Beta, Gamma. Abajo, 4 cifras y 2 eventos fechados." in [m.value.replace("\\", "") for m in at.markdown]


def test_map_region_filter_keeps_events_placed_elsewhere_out():
    data = datasets.records()
    data["events.yaml"][2]["regions"] = ["cajamarca"]  # Beta launched in Cajamarca, not in Cusco
    at = open_page("regions", datasets.dataset(data), region="cusco")
    assert list(table(at, *EVENTS)["title"]) == ["Gamma plans more"]


def test_map_region_with_no_initiative_says_so():
    at = open_page("regions", DATA, region="loreto")
    assert not at.exception
    assert "No initiative shown here works in this region" in at.info[0].value


def test_map_tables_for_all_of_peru_wait_closed_and_open_from_the_url():
    at = open_page("regions", DATA)
    assert not at.dataframe
    assert [e.label for e in at.expander] == ["Figures (6)", "Events (4)"]
    at = open_page("regions", DATA, events_table="1")
    assert list(table(at, *EVENTS)["title"]) == ["Beta launched", "Alpha founded", "Alpha exports", "Gamma plans more"]
    assert len(at.dataframe) == 1


def test_map_region_widget_writes_the_url():
    at = open_page("regions", DATA)
    at.selectbox(key="map_region").set_value("cajamarca").run()
    assert at.query_params["region"] == "cajamarca"
    assert list(table(at, *FIGURES)["figure"]) == ["300 growers", "US$1.5 million"]


def test_map_basemap_toggle_uses_carto_only_when_asked():
    at = open_page("regions", DATA, basemap="1")
    assert deck_specs(at)[0]["mapProvider"] == "carto"


# --- Timeline -----------------------------------------------------------------------------

def lanes(spec) -> list[str]:
    return lane_names(spec)


def events_drawn(spec) -> int:
    return sum(len(values(t["x"])) for t in markers(spec["data"]))


def test_timeline_default_shows_every_initiative_and_event():
    at = open_page("timeline", DATA, table="1")
    spec = plotly_specs(at)[0]
    assert lanes(spec) == ["Alpha", "Beta", "Gamma"]
    assert events_drawn(spec) == 4
    assert "Timeline of 3 initiatives from 2000 to 2021 with 4 dated events" in chart_alts(at)[0]
    assert list(table(at, *EVENTS)["title"]) == ["Beta launched", "Alpha founded", "Alpha exports", "Gamma plans more"]


def test_timeline_table_waits_closed_until_opened_and_the_url_keeps_it_open():
    at = open_page("timeline", DATA)
    assert not at.dataframe and not at.get("download_button")  # not even sent to the browser
    assert [e.label for e in at.expander] == ["Events shown (4)"]
    at.session_state["timeline_table"] = True  # what opening the expander does
    at.run()
    assert len(table(at, *EVENTS)) == 4 and at.get("download_button")
    assert at.query_params["table"] == "1"


@pytest.mark.parametrize("params, shown_lanes, titles", [
    ({"crop": "cacao"}, ["Gamma"], ["Gamma plans more"]),
    ({"initiative": "beta"}, ["Beta"], ["Beta launched"]),
    ({"kind": "founding"}, ["Alpha", "Beta", "Gamma"], ["Alpha founded"]),
    ({"years": "2019-2021"}, ["Alpha", "Beta", "Gamma"], ["Alpha exports", "Gamma plans more"]),
    ({"crop": "coffee", "kind": "launch,milestone", "years": "2005-2021"}, ["Beta", "Gamma"],
     ["Beta launched", "Gamma plans more"]),
])
def test_timeline_filters_from_url(params, shown_lanes, titles):
    at = open_page("timeline", DATA, table="1", **params)
    spec = plotly_specs(at)[0]
    assert lanes(spec) == shown_lanes
    assert events_drawn(spec) == len(titles)
    assert list(table(at, *EVENTS)["title"]) == titles


def test_timeline_caption_cites_only_the_lanes_drawn(monkeypatch):
    from components import charts, exhibits

    monkeypatch.setattr(charts, "MAX_LANES", 1)  # only the first initiative gets a lane
    exhibits.timeline.clear()  # a timeline built with every lane would answer from the cache
    try:
        caption = caption_text(open_page("timeline", DATA))
    finally:
        exhibits.timeline.clear()
    assert "Doc A (2021-04-28)" in caption and "Doc B" not in caption  # Beta's source: no lane, no citation


def test_timeline_filters_wait_behind_one_control_that_says_what_narrows_the_view():
    assert popover_labels(open_page("timeline", DATA)) == ["Filters"]
    narrowed = open_page("timeline", DATA, crop="cacao", kind="export,launch", years="2010-2018", lang="es")
    assert popover_labels(narrowed) == ["Filtros · Cultivos: 1 de 3 · Tipos de evento: 2 de 8 · Años: 2010–2018"]
    at = open_page("timeline", DATA, crop="cacao", years="2010-2018")
    at.button_group(key="timeline_crop").set_value(["coffee", "banana", "cacao"]).run()  # all, in any order
    assert popover_labels(at) == ["Filters · Years: 2010–2018"]


def test_timeline_looks_at_one_year_in_one_step_and_its_heading_says_so():
    at = open_page("timeline", DATA)
    assert at.title[0].value == "Timeline 2000–2021"
    at.selectbox(key="timeline_one_year").set_value(2019).run()
    assert at.title[0].value == "Timeline 2019"
    assert at.query_params["years"] == "2019-2019"
    at.session_state["timeline_table"] = True  # what opening the expander does
    assert list(table(at.run(), *EVENTS)["title"]) == ["Alpha exports"]
    assert at.selectbox(key="timeline_one_year").value is None  # a shortcut, ready for the next year


def test_timeline_year_range_sets_the_axis():
    spec = plotly_specs(open_page("timeline", DATA, years="2010-2018"))[0]
    assert [value[:4] for value in spec["layout"]["xaxis"]["range"]] == ["2010", "2018"]


def test_timeline_filter_widgets_write_the_url():
    at = open_page("timeline", DATA, table="1")
    at.button_group(key="timeline_crop").set_value(["banana"]).run()
    at.slider(key="timeline_years").set_value((2015, 2021)).run()
    assert at.query_params["crop"] == "banana" and at.query_params["years"] == "2015-2021"
    assert list(table(at, *EVENTS)["title"]) == ["Alpha exports"]


def test_timeline_empty_selection_explains_itself():
    at = open_page("timeline", DATA, crop="")
    assert not plotly_specs(at)
    assert "No phase or event matches" in at.info[0].value


def test_timeline_table_keeps_date_precision():
    rows = table(open_page("timeline", DATA, table="1"), *EVENTS)
    assert dict(zip(rows["title"], rows["date"])) == {
        "Alpha founded": "2010", "Alpha exports": "Mar 2019", "Beta launched": "1 Jun 2005", "Gamma plans more": "2021"}


# --- Compare ------------------------------------------------------------------------------

def bar_rows(spec) -> list[str]:
    """Each bar as people read it, from the two lines above it: its initiative and year, then
    its value and status."""
    return [text.replace("<br>", ": ") for text in bar_labels(spec)]


def bar_colours(spec) -> dict[float, str]:
    """Each bar's value -> its colour (the crop of its figure)."""
    return {x: colour for t in spec["data"] if t["type"] == "bar"
            for x, colour in zip(values(t["x"]), t["marker"]["line"]["color"])}


def alone(at) -> list[str]:
    """The figures that stand alone under Compare's chart, as people read them."""
    return figure_texts(html_bodies(at))


def test_compare_default_is_people_with_a_key_to_crops_and_statuses():
    at = open_page("compare", MORE)
    spec = plotly_specs(at)[0]
    assert sorted(bar_rows(spec)) == [
        "Alpha · 2020, for 2021: 2,000 growers · target",
        "Alpha · 2020: more than 900 growers · achieved",
        "Beta · 2015: 300 growers · achieved",
        "Gamma · 2013: 40 cacao growers · achieved",
    ]
    colours = bar_colours(spec)
    assert colours[40] == design.CROP_COLOURS["cacao"] and colours[300] == design.CROP_COLOURS["coffee"]
    assert "Producers" in json.dumps(spec["layout"]["annotations"])
    assert "Bar chart of 4 People figures" in chart_alts(at)[0]
    # Households has one figure: shown as a figure, with its year, status and source
    assert alone(at) == ["Households · Beta 80 households achieved 2014 · Doc B (undated)"]
    legend = next(body for body in html_bodies(at) if "cadenas-legend" in body)
    assert re.findall(r"</i>([^<]+)</span>", legend) == ["Banana", "Coffee", "Cacao", "achieved", "target"]
    assert "status-target" in legend  # drawn with the bars' pattern
    assert len(plotly_specs(at)) == 1  # the partners chart waits for its view to be chosen
    assert not at.dataframe  # and the table in its closed expander


def test_compare_shows_its_key_then_caption_then_lone_figures_under_the_chart():
    at = open_page("compare", MORE)
    under = " ".join(re.sub(r"<[^>]+>", " ", "".join(html_bodies(at))).split())
    key, chart, lone = under.index("achieved target"), under.index("Bar chart of"), under.index("Households · Beta")
    assert key < chart < under.index("Sources:") < lone


def test_compare_offers_the_table_only_when_there_are_figures():
    at = open_page("compare", DATA, family="money")  # one lone figure, no chart: the table is still offered
    assert not plotly_specs(at)
    assert alone(at) == ["Funding (US$) · Beta US$1.5 million commitment 2012–2016 · Doc B (undated)"]
    assert [expander.label for expander in at.expander] == ["Show the data"] and not at.dataframe
    at = open_page("compare", DATA, family="money", status="achieved")
    assert "No figure matches" in at.info[0].value and not at.expander
    at = open_page("compare", DATA, family="money", table="1")  # open, it is drawn with the figures
    assert len(at.expander) == 1 and list(table(at, *FIGURES)["figure"]) == ["US$1.5 million"]


def test_compare_partners_view_from_url_draws_only_the_partners_chart():
    at = open_page("compare", DATA, view="partners", partners_table="1")
    specs = plotly_specs(at)
    assert len(specs) == 1 and "2 partner organisations of 2 initiatives" in chart_alts(at)[0]
    assert {(t["name"], y, x) for t in specs[0]["data"] for y, x in zip(values(t["y"]), values(t["x"]))} == {
        ("Producer association", "Alpha", 1), ("NGO", "Beta", 1)}
    assert list(table(at, "initiative", "name")["name"]) == ["Alpha Growers", "Beta NGO"]
    keys = {widget.key for widget in [*at.button_group, *at.toggle]}
    assert "compare_family" not in keys and "compare_log" not in keys  # the figures' controls are not drawn


def test_compare_filters_wait_behind_one_control_that_says_what_narrows_the_view():
    assert popover_labels(open_page("compare", DATA)) == ["Filters"]
    at = open_page("compare", DATA, initiative="alpha", status="achieved", log="1")
    assert popover_labels(at) == ["Filters · Initiatives: 1 of 3 · Statuses: 1 of 4 · Log scale"]
    at.radio(key="compare_view").set_value("partners").run()  # statuses and scale are the figures' own
    assert popover_labels(at) == ["Filters · Initiatives: 1 of 3"]


def test_compare_partners_view_without_partners_explains_itself():
    at = open_page("compare", DATA, view="partners", initiative="gamma")
    assert not plotly_specs(at) and "No partner organisations" in at.info[0].value


def test_compare_view_switch_keeps_the_figures_filters_and_the_url():
    at = open_page("compare", MORE, family="land", log="1")
    at.radio(key="compare_view").set_value("partners").run()
    assert at.query_params["view"] == "partners" and at.query_params["family"] == "land"
    at.radio(key="compare_view").set_value("figures").run()
    assert "view" not in at.query_params and at.query_params["log"] == "1"
    assert "Land" in chart_alts(at)[0]


def test_compare_view_survives_a_change_of_language():
    at = open_page("compare", DATA, view="partners")
    at.button_group(key="lang").set_value("es").run()
    assert "organizaciones socias" in chart_alts(at)[0]
    assert at.query_params["view"] == "partners"


@pytest.mark.parametrize("params, bars, lone", [
    ({"family": "land"}, ["Alpha · 2018: 500 hectares · achieved", "Gamma · c. 2012: 120 hectares · estimate"], []),
    ({"family": "land", "status": "achieved"}, [],
     ["Hectares · Alpha 500 hectares achieved 2018 · Doc A (2021-04-28)"]),
    ({"family": "people", "initiative": "beta"}, [], [
        "Producers · Beta 300 growers achieved 2015 · Doc B (undated)",
        "Households · Beta 80 households achieved 2014 · Doc B (undated)"]),
    ({"family": "people", "status": "target,commitment"}, [], [
        "Producers · Alpha 2,000 growers target 2020, for 2021 · Doc A (2021-04-28)"]),
])
def test_compare_filters_from_url(params, bars, lone):
    at = open_page("compare", MORE, **params)
    assert sorted(bar_rows(spec) for spec in plotly_specs(at)) == ([bars] if bars else [])
    assert alone(at) == lone


def test_compare_log_scale_from_url_and_widget():
    at = open_page("compare", MORE, family="land", log="1")
    assert plotly_specs(at)[0]["layout"]["xaxis"]["type"] == "log"
    at.toggle(key="compare_log").set_value(False).run()
    assert plotly_specs(at)[0]["layout"]["xaxis"]["type"] == "linear"
    assert "log" not in at.query_params


def test_compare_empty_selection_explains_itself():
    at = open_page("compare", DATA, status="")
    assert "No figure matches" in at.info[0].value and not plotly_specs(at)


# --- Initiative profile -------------------------------------------------------------------

def test_profile_from_url_shows_that_initiative():
    at = open_page("initiative", DATA, initiative="beta", figures_table="1", partners_table="1")
    assert at.header[0].value == "Beta Coffee Table"
    assert list(table(at, "measure", "figure")["figure"]) == ["300 growers", "US$1.5 million"]
    assert list(table(at, "name", "type")["name"]) == ["Beta NGO"]
    assert figure_texts(html_bodies(at)) == ["Producers 300 growers achieved 2015 · Doc B (undated)"]
    fills = region_fills(at)
    assert fills["cajamarca"][:3] == fills["cusco"][:3] == CROP_RGB["coffee"]  # only Beta's own crop here
    assert fills["piura"] == EMPTY_FILL


def test_profile_events_table_opens_from_the_url():
    assert not [d for d in open_page("initiative", DATA).dataframe if list(d.value.columns[:3]) == list(EVENTS)]
    at = open_page("initiative", DATA, initiative="alpha", events_table="1")
    assert list(table(at, *EVENTS)["title"]) == ["Alpha founded", "Alpha exports"]
    assert "Dated events (2)" in [e.label for e in at.expander]


CHRONICLE = "<ol class='cadenas-chronicle'>"


def chronicle(at) -> list[str]:
    """The profile's chronology, one line of text per item."""
    body = next(element.proto.body for element in at.get("html") if CHRONICLE in element.proto.body)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", item)).split())
            for item in re.findall(r"<li>(.*?)</li>", body)]


def test_profile_chronology_lists_phases_and_events_in_order_with_their_sources():
    at = open_page("initiative", DATA, initiative="alpha")
    assert not plotly_specs(at)  # in words, not a chart: the page loads no charting library
    assert chronicle(at) == [
        "2010–2014 Phase Alpha start-up · Doc A (2021-04-28)",
        "2010 Founding Alpha founded · Doc A (2021-04-28)",
        "Mar 2019 Export Alpha exports · Doc A (2021-04-28)",  # as precise as its source
    ]
    gamma = chronicle(open_page("initiative", DATA, initiative="gamma"))
    assert gamma == ["since 2003 Phase Gamma coffee · Doc A (2021-04-28)",
                     "since 2012 Phase Gamma cacao · Doc A (2021-04-28)",
                     "2021 Milestone Gamma plans more planned · Doc A (2021-04-28)"]
    assert chronicle(open_page("initiative", DATA, initiative="beta")) == [
        "1 Jun 2005 Launch Beta launched · Doc B (undated)"]


def test_profile_without_dated_phases_or_events_says_so():
    data = datasets.dataset(datasets.records(events=[e for e in TINY["events.yaml"] if e["initiative"] != "beta"]))
    at = open_page("initiative", data, initiative="beta")  # Beta has no phases either
    assert not at.exception
    assert "no dated phase or event" in at.info[0].value
    assert all(CHRONICLE not in element.proto.body for element in at.get("html"))


def test_chronology_shows_hostile_text_as_text():
    from components.html import chronology
    events = DATA.events[DATA.events["initiative"] == "alpha"].assign(title="<img src=x onerror=alert(1)>")
    body = chronology(DATA.phases.iloc[:0], events, DATA.sources, "banana", "en")
    assert "<img" not in body and body.count("&lt;img src=x onerror=alert(1)&gt;") == len(events) == 2


def test_profile_selector_writes_the_url():
    at = open_page("initiative", DATA)
    at.selectbox(key="profile_initiative").set_value("gamma").run()
    assert at.query_params["initiative"] == "gamma"
    assert at.header[0].value == "Gamma Two Crops"


def test_profile_unknown_initiative_falls_back():
    at = open_page("initiative", DATA, initiative="atlantis")
    assert "initiative=atlantis" in at.info[0].value
    assert at.header[0].value == "Alpha Banana Group"  # the first initiative of the data


# --- Sources and data ---------------------------------------------------------------------

def test_sources_lists_every_document_with_what_it_supports():
    at = open_page("sources", DATA)
    doc_a, doc_b = (keyed(at, f"sources_card_{source}") for source in ("doc-a", "doc-b"))
    assert doc_a.markdown[0].value == "**doc\\-a title**"
    assert "supports 4 figures and 3 events" in doc_a.caption[0].value
    assert "supports 2 figures and one event" in doc_b.caption[0].value
    assert list(table(at, "initiative", "measure", "value")["value"]) == [900, 2000, 300, 1_500_000, 120, 40]


def test_sources_search_and_table_from_url():
    at = open_page("sources", DATA, table="events", q="ALPHA")  # any case, the text as typed
    assert list(table(at, "initiative", "date")["title"]) == ["Alpha founded", "Alpha exports"]
    assert "2 of 4 rows" in caption_text(at)


def test_sources_search_widget_writes_the_url():
    at = open_page("sources", DATA)
    at.text_input(key="sources_search").input("beta ngo").run()
    at.button_group(key="sources_table").set_value("organisations").run()
    assert at.query_params["q"] == "beta ngo" and at.query_params["table"] == "organisations"
    assert list(table(at, "initiative", "name")["name"]) == ["Beta NGO"]


def test_sources_search_with_no_match_explains_itself():
    at = open_page("sources", DATA, q="zzz")
    assert "No row contains that text" in at.info[0].value and not at.dataframe


@pytest.mark.parametrize("page, params", [("timeline", {"table": "1"}), ("sources", {})])
def test_a_download_does_not_rerun_the_page(page, params):
    """A rerun drops the file the click asked for: on a busy server the browser then found
    nothing to fetch."""
    buttons = open_page(page, DATA, **params).get("download_button")
    assert buttons and all(button.proto.ignore_rerun for button in buttons)


# --- Spanish ------------------------------------------------------------------------------

def test_spanish_from_url():
    assert open_page("timeline", DATA, lang="es").title[0].value == "Cronología 2000–2021"
    at = open_page("overview", DATA, lang="es")
    assert keyed(at, "overview_card_alpha").subheader[0].value == "Grupo Bananero Alfa"  # its name_es
    assert keyed(at, "overview_card_beta").subheader[0].value == "Beta Coffee Table"  # no name_es: as written
    assert figure_texts(e.proto.body for e in keyed(at, "overview_card_beta").get("html")) == [
        "Productores 300 growers logrado 2015 · Doc B (sin fecha)"]


# --- A dataset with no figures at all -----------------------------------------------------

NO_FIGURES = load_dataset_from_files({**datasets.yaml_files(TINY), "metrics.yaml": b""})  # an empty file


@pytest.mark.parametrize("page, params", [
    ("overview", {}), ("regions", {}), ("timeline", {}), ("compare", {}), ("initiative", {}),
    ("sources", {}), ("present", {"slide": "2"}),
])
def test_an_empty_metrics_file_opens_every_page(page, params):
    """Regression (issue 12): an empty metrics.yaml crashed the Overview and the profiles."""
    at = open_page(page, NO_FIGURES, **params)
    assert not at.exception
    assert not at.error
    assert at.title[0].value
    assert not figure_texts(html_bodies(at))


def test_with_no_figures_compare_and_the_profile_say_so():
    assert [i.value for i in open_page("compare", NO_FIGURES).info] == [
        "No figure matches these filters. Choose another comparison, status or initiative."]
    assert [i.value for i in open_page("initiative", NO_FIGURES).info] == [
        "The sources give no figures for this initiative."]


def test_with_no_figures_the_map_draws_no_circle_and_says_why():
    at = open_page("regions", NO_FIGURES)
    assert not map_markers(at) and "an initiative without one has no circle" in caption_text(at)
    assert [e.label for e in at.expander] == ["Figures (0)", "Events (4)"]


def test_with_no_figures_the_sources_page_does_not_blame_a_search_nobody_made():
    at = open_page("sources", NO_FIGURES)
    assert "0 of 0 rows" in caption_text(at)
    assert [i.value for i in at.info] and all("shorter word" not in i.value for i in at.info), at.info
