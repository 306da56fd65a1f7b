"""Every page in AppTest: its default view, each filter, and its URL state, asserted on the
chart and map specs the page sends to the browser."""

import json
import re

import pytest

from components.data import load_dataset
from tests.apptest import (EVENTS, FIGURES, PAGES, caption_text, deck_specs, html_bodies, markers, open_page,
                           plotly_specs, table, values)
from tests.conftest import DATA_DIR, read_records, write_records

DATA = load_dataset(DATA_DIR)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_errors(page):
    at = open_page(page)
    assert not at.exception
    assert not at.error
    assert at.title[0].value
    for spec in plotly_specs(at):  # every chart says what it shows and where its numbers come from
        assert spec["layout"]["meta"]["alt"] in caption_text(at)
    assert "Sources:" in caption_text(at) or page == "sources"


@pytest.mark.parametrize("page", ["timeline", "compare", "regions"])
def test_hostile_or_malformed_url_values_fall_back_with_a_notice(page):
    at = open_page(page, crop="<script>alert(1)</script>", years="abc", family="nope", metric="1e999",
                   initiative="atlantis", region="../../etc/passwd", log="maybe")
    assert not at.exception
    notice = at.info[0].value
    assert "not recognised" in notice and "<script>" in notice  # quoted back as code, never run
    assert "alert(1)" not in json.dumps(plotly_specs(at))


# --- Overview -----------------------------------------------------------------------------

def test_overview_cards_show_headline_figures_with_year_status_and_source():
    at = open_page("overview")
    cards = [body for body in html_bodies(at) if "cadenas-figure" in body]
    assert len(cards) == 4
    for card in cards:
        assert card.count("class='cadenas-figure'") >= 2
        assert "cadenas-status" in card and ("(20" in card or "(undated)" in card)  # status and source
    assert "more than 9,000" in cards[0] and "US$150 million" in cards[0]
    deck = deck_specs(at)[0]
    assert deck["mapStyle"] == "__MAP_STYLE__"  # no basemap: works offline


def test_overview_intent_counts_the_initiatives_in_the_data():
    assert open_page("overview").caption[0].value.startswith("4 initiatives (banana, coffee, cacao):")


def test_overview_presence_table_is_sent_only_when_opened():
    assert not open_page("overview").dataframe
    at = open_page("overview", table="1")
    assert len(table(at, "region", "crops")) == len(DATA.regions[DATA.regions["id"].isin(
        {r for regions in DATA.initiatives["regions"] for r in regions})])
    assert at.query_params["table"] == "1"


def test_profile_events_table_opens_from_the_url():
    assert not [d for d in open_page("initiative").dataframe if list(d.value.columns[:3]) == list(EVENTS)]
    at = open_page("initiative", initiative="bio-azul", events_table="1")
    count = len(DATA.events[DATA.events["initiative"] == "bio-azul"])
    assert len(table(at, *EVENTS)) == count
    assert f"Dated events ({count})" in [e.label for e in at.expander]


def test_overview_links_into_every_view():
    at = open_page("overview")
    links = [json.loads(json.dumps({"page": e.proto.page, "query": e.proto.query_string}))
             for e in at.get("page_link")]
    targets = {link["page"].split("/")[-1] for link in links}
    assert {"regions", "timeline", "compare", "initiative", "sources"} <= {t.removesuffix(".py") for t in targets}
    assert any("initiative=bio-azul" in link["query"] for link in links)


# --- Region map ---------------------------------------------------------------------------

def map_layers(at):
    return {layer["id"]: layer for layer in deck_specs(at)[0]["layers"]}


def marked_initiatives(layers) -> set:
    """The initiatives with a marker (drawn as dots by the region layer)."""
    return {f["properties"]["initiative"] for f in layers["regions"]["data"]["features"] if "initiative" in f["properties"]}


def test_map_default_view_sizes_markers_by_producers():
    at = open_page("regions")
    layers = map_layers(at)
    assert at.selectbox(key="map_metric").value == "producers"
    assert marked_initiatives(layers) == {"piura-banana-cluster", "bio-azul"}
    shapes = [f for f in layers["regions"]["data"]["features"] if f["geometry"]["type"] != "LineString"]
    assert len(shapes) == len(DATA.regions)
    assert deck_specs(at)[0]["mapStyle"] == "__MAP_STYLE__"


def test_map_metric_from_url_changes_markers():
    at = open_page("regions", metric="hectares")
    layers = map_layers(at)
    assert marked_initiatives(layers) == {"peru-cacao-alliance", "bio-azul"}


def test_map_region_filter_from_url_filters_figures_and_events():
    at = open_page("regions", region="cusco")
    figures, events = table(at, *FIGURES), table(at, *EVENTS)
    assert set(figures["initiative"]) == {"Bio Azul"}
    assert set(events["initiative"]) == {"Bio Azul"}
    outline = {f["properties"].get("id"): f["properties"]["width"] for f in map_layers(at)["regions"]["data"]["features"]}
    assert outline["cusco"] == 3 and outline["piura"] == 1


def test_map_region_with_no_initiative_says_so():
    at = open_page("regions", region="loreto")
    assert not at.exception
    assert "No initiative shown here works in this region" in at.info[0].value


def test_map_tables_for_all_of_peru_wait_closed_and_open_from_the_url():
    at = open_page("regions")
    assert not at.dataframe
    assert [e.label for e in at.expander] == [f"Figures ({len(DATA.metrics)})", f"Events ({len(DATA.events)})"]
    at = open_page("regions", events_table="1")
    assert len(table(at, *EVENTS)) == len(DATA.events) and len(at.dataframe) == 1


def test_map_region_widget_writes_the_url():
    at = open_page("regions")
    at.selectbox(key="map_region").set_value("huanuco").run()
    assert at.query_params["region"] == "huanuco"
    assert set(table(at, *FIGURES)["initiative"]) == {"Peru Cacao Alliance", "Bio Azul"}


def test_map_basemap_toggle_uses_carto_only_when_asked():
    at = open_page("regions", basemap="1")
    assert deck_specs(at)[0]["mapProvider"] == "carto"


# --- Timeline -----------------------------------------------------------------------------

def test_timeline_default_shows_every_initiative_and_event():
    at = open_page("timeline", table="1")
    spec = plotly_specs(at)[0]
    assert len(spec["layout"]["yaxis"]["ticktext"]) == 4
    assert sum(len(t["x"]) for t in markers(spec["data"])) == len(DATA.events)
    assert len(table(at, *EVENTS)) == len(DATA.events)


def test_timeline_table_waits_closed_until_opened_and_the_url_keeps_it_open():
    at = open_page("timeline")
    assert not at.dataframe and not at.get("download_button")  # not even sent to the browser
    assert [e.label for e in at.expander] == [f"Events shown ({len(DATA.events)})"]
    at.session_state["timeline_table"] = True  # what opening the expander does
    at.run()
    assert len(table(at, *EVENTS)) == len(DATA.events) and at.get("download_button")
    assert at.query_params["table"] == "1"


@pytest.mark.parametrize("params, lanes, events", [
    ({"crop": "cacao"}, 2, 7),
    ({"initiative": "bio-azul"}, 1, 4),
    ({"kind": "founding"}, 4, 2),
    ({"years": "2012-2013"}, 4, 5),
    ({"crop": "coffee", "kind": "partnership,funding", "years": "2012-2021"}, 2, 5),
])
def test_timeline_filters_from_url(params, lanes, events):
    at = open_page("timeline", table="1", **params)
    spec = plotly_specs(at)[0]
    assert len(spec["layout"]["yaxis"]["ticktext"]) == lanes
    assert sum(len(t["x"]) for t in markers(spec["data"])) == events
    assert len(table(at, *EVENTS)) == events


def test_timeline_caption_cites_only_the_lanes_drawn(monkeypatch):
    from components import charts

    monkeypatch.setattr(charts, "MAX_LANES", 1)  # only the first initiative gets a lane
    caption = caption_text(open_page("timeline"))
    assert "Piura banana cluster article" in caption
    assert "USAID technical update" not in caption and "Bio Azul case study" not in caption


def test_timeline_year_range_sets_the_axis():
    spec = plotly_specs(open_page("timeline", years="2010-2018"))[0]
    assert [value[:4] for value in spec["layout"]["xaxis"]["range"]] == ["2010", "2018"]


def test_timeline_filter_widgets_write_the_url():
    at = open_page("timeline", table="1")
    at.button_group(key="timeline_crop").set_value(["banana"]).run()
    at.slider(key="timeline_years").set_value((2015, 2021)).run()
    assert at.query_params["crop"] == "banana" and at.query_params["years"] == "2015-2021"
    assert list(table(at, *EVENTS)["initiative"].unique()) == ["Piura Banana Cluster"]


def test_timeline_empty_selection_explains_itself():
    at = open_page("timeline", crop="")
    assert not plotly_specs(at)
    assert "No phase or event matches" in at.info[0].value


def test_timeline_table_keeps_date_precision():
    dates = list(table(open_page("timeline", table="1"), *EVENTS)["date"])
    assert "2003" in dates and "7 Mar 2017" in dates and "Mar 2020" in dates


# --- Compare ------------------------------------------------------------------------------

def bars(spec):
    return [t for t in spec["data"] if t["type"] == "bar" and any(x is not None for x in values(t["x"]))]


def test_compare_default_is_people_with_a_key_to_crops_and_statuses():
    at = open_page("compare")
    spec = plotly_specs(at)[0]
    people = DATA.metrics[DATA.metrics["family"] == "people"]
    per_measure = people["metric"].map(people["metric"].value_counts())
    # a bar for each figure of a measure with two or more; each other figure on its own
    assert sum(len(values(t["x"])) for t in bars(spec)) == (per_measure > 1).sum() == 8
    assert alone_cards(at) == (per_measure == 1).sum() == 6
    assert "Producers" in json.dumps(spec["layout"]["annotations"])
    legend = next(body for body in html_bodies(at) if "cadenas-legend" in body)
    assert re.findall(r"</i>([^<]+)</span>", legend) == ["Banana", "Cacao", "Several crops", "achieved", "target"]
    assert "status-target" in legend  # drawn with the bars' pattern
    assert len(plotly_specs(at)) == 1  # the partners chart waits for its view to be chosen
    assert not at.dataframe  # and the table in its closed expander


def test_compare_draws_its_key_caption_and_lone_figures_as_one_element():
    # On a change of family the browser draws every element of the figures view again; one
    # element under the chart, and a row for the statuses and log scale, keep that work small.
    at = open_page("compare")
    under_chart = [body for body in html_bodies(at) if "cadenas-caption" in body]
    assert len(under_chart) == 1
    key, caption, alone = under_chart[0].partition("<p class='cadenas-caption'>")
    assert "cadenas-legend" in key and "Sources:" in alone
    assert alone.count("class='cadenas-figure'") == 6
    assert not at.columns


def test_compare_offers_the_table_only_when_there_are_figures():
    at = open_page("compare", family="output")  # two lone figures, no chart: the table is still offered
    assert [expander.label for expander in at.expander] == ["Show the data"] and not at.dataframe
    at = open_page("compare", family="output", status="commitment")
    assert "No figure matches" in at.info[0].value and not at.expander
    at = open_page("compare", family="output", table="1")  # open, it is drawn with the figures
    assert len(at.expander) == 1 and len(at.dataframe) == 1


def test_compare_partners_view_from_url_draws_only_the_partners_chart():
    at = open_page("compare", view="partners", partners_table="1")
    specs = plotly_specs(at)
    assert len(specs) == 1 and "partner organisations" in specs[0]["layout"]["meta"]["alt"]
    assert len(table(at, "initiative", "name")) == len(DATA.organisations)
    keys = {widget.key for widget in [*at.button_group, *at.toggle]}
    assert "compare_family" not in keys and "compare_log" not in keys  # the figures' controls are not drawn


def test_compare_view_switch_keeps_the_figures_filters_and_the_url():
    at = open_page("compare", family="land", log="1")
    assert not at.tabs  # a tab panel rescans its content on every redraw of the chart in it
    at.radio(key="compare_view").set_value("partners").run()
    assert at.query_params["view"] == "partners" and at.query_params["family"] == "land"
    at.radio(key="compare_view").set_value("figures").run()
    assert "view" not in at.query_params and at.query_params["log"] == "1"
    assert "Land" in plotly_specs(at)[0]["layout"]["meta"]["alt"]


def test_compare_view_survives_a_change_of_language():
    at = open_page("compare", view="partners")
    at.button_group(key="lang").set_value("es").run()
    assert "organizaciones socias" in plotly_specs(at)[0]["layout"]["meta"]["alt"]
    assert at.query_params["view"] == "partners"


def alone_cards(at) -> int:
    """How many figures stand alone, shown as figures under the chart."""
    return sum(body.count("class='cadenas-figure'") for body in html_bodies(at))


@pytest.mark.parametrize("params, bars_drawn, alone", [
    ({"family": "money"}, 2, 2),
    ({"family": "land", "status": "achieved"}, 2, 1),
    ({"family": "people", "initiative": "peru-cacao-alliance"}, 2, 2),
    ({"family": "output"}, 0, 2),  # no measure with two figures: no chart at all
])
def test_compare_filters_from_url(params, bars_drawn, alone):
    at = open_page("compare", **params)
    assert sum(len(values(t["x"])) for spec in plotly_specs(at) for t in bars(spec)) == bars_drawn
    assert len(plotly_specs(at)) == (1 if bars_drawn else 0)
    assert alone_cards(at) == alone


def test_compare_log_scale_from_url_and_widget():
    at = open_page("compare", family="money", log="1")
    assert plotly_specs(at)[0]["layout"]["xaxis"]["type"] == "log"
    at.toggle(key="compare_log").set_value(False).run()
    assert plotly_specs(at)[0]["layout"]["xaxis"]["type"] == "linear"
    assert "log" not in at.query_params


def test_compare_empty_selection_explains_itself():
    at = open_page("compare", status="")
    assert "No figure matches" in at.info[0].value


# --- Initiative profile -------------------------------------------------------------------

def test_profile_from_url_shows_that_initiative():
    at = open_page("initiative", initiative="peru-cacao-alliance", figures_table="1", partners_table="1")
    assert at.header[0].value == "Peru Cocoa/Cacao Alliance"
    assert len(table(at, "measure", "figure")) == len(DATA.metrics[DATA.metrics["initiative"] == "peru-cacao-alliance"])
    assert len(table(at, "name", "type")) == len(DATA.organisations[DATA.organisations["initiative"] == "peru-cacao-alliance"])
    fills = {f["properties"].get("id"): f["properties"]["fill"] for f in deck_specs(at)[0]["layers"][0]["data"]["features"]}
    assert fills["ucayali"] != fills["piura"]


CHRONICLE = "<ol class='cadenas-chronicle'>"


def chronicle(at) -> list[str]:
    """The profile's chronology, one line of text per item."""
    html = next(element.proto.body for element in at.get("html") if CHRONICLE in element.proto.body)
    return [re.sub(r"<[^>]+>", " ", item).split() for item in re.findall(r"<li>(.*?)</li>", html)]


def test_profile_chronology_lists_phases_and_events_in_order_with_their_sources():
    at = open_page("initiative", initiative="bio-azul")
    assert not plotly_specs(at)  # in words, not a chart: the page loads no charting library
    lines = [" ".join(words) for words in chronicle(at)]
    assert len(lines) == len(DATA.phases[DATA.phases["initiative"] == "bio-azul"]) + 4
    assert lines[0].startswith("since 2003 Phase Coffee programme") and lines[1].startswith("2003 Founding Bio Azul")
    assert lines[4].startswith("Feb 2012 Partnership First strategic cocoa alliance")  # as precise as its source
    assert "planned" in lines[3] and "planned" not in lines[4]
    assert all(line.endswith("· Bio Azul case study (undated)") for line in lines)


def test_profile_without_dated_phases_or_events_says_so(data_copy, monkeypatch):
    initiatives = read_records(data_copy, "initiatives.yaml")
    for initiative in initiatives:
        initiative["phases"] = []
    write_records(data_copy, "initiatives.yaml", initiatives)
    events = read_records(data_copy, "events.yaml")
    write_records(data_copy, "events.yaml", [e for e in events if e["initiative"] != "cajamarca-coffee-platform"])
    monkeypatch.setenv("CADENAS_DATA_DIR", str(data_copy))
    at = open_page("initiative", initiative="cajamarca-coffee-platform")
    assert not at.exception
    assert "no dated phase or event" in at.info[0].value
    assert all(CHRONICLE not in element.proto.body for element in at.get("html"))


def test_chronology_shows_hostile_text_as_text():
    from components.ui import chronology_html
    events = DATA.events[DATA.events["initiative"] == "bio-azul"].assign(title="<img src=x onerror=alert(1)>")
    html = chronology_html(DATA.phases.iloc[:0], events, DATA.sources, "coffee", "en")
    assert "<img" not in html and html.count("&lt;img src=x onerror=alert(1)&gt;") == len(events)


def test_profile_selector_writes_the_url():
    at = open_page("initiative")
    at.selectbox(key="profile_initiative").set_value("bio-azul").run()
    assert at.query_params["initiative"] == "bio-azul"
    assert at.header[0].value == "Bio Azul"


def test_profile_unknown_initiative_falls_back():
    at = open_page("initiative", initiative="atlantis")
    assert "initiative=atlantis" in at.info[0].value
    assert at.header[0].value == "Organic Banana Cluster of the Piura Region"


# --- Sources and data ---------------------------------------------------------------------

def test_sources_lists_every_document_with_its_counts():
    at = open_page("sources")
    captions = caption_text(at)
    assert "supports 10 figures and 6 events" in captions
    assert len(table(at, "initiative", "measure", "value")) == len(DATA.metrics)


def test_sources_search_and_table_from_url():
    at = open_page("sources", table="events", q="huánuco")
    rows = table(at, "initiative", "date")
    assert 0 < len(rows) < len(DATA.events)
    assert rows.astype(str).apply(lambda c: c.str.contains("Huánuco", case=False)).any(axis=1).all()


def test_sources_search_widget_writes_the_url():
    at = open_page("sources")
    at.text_input(key="sources_search").input("Romex").run()
    at.button_group(key="sources_table").set_value("organisations").run()
    assert at.query_params["q"] == "Romex" and at.query_params["table"] == "organisations"
    assert list(table(at, "initiative", "name")["name"]) == ["Romex"]



@pytest.mark.parametrize("page, params", [("timeline", {"table": "1"}), ("sources", {})])
def test_a_download_does_not_rerun_the_page(page, params):
    """A rerun drops the file the click asked for: on a busy server the browser then found
    nothing to fetch."""
    buttons = open_page(page, **params).get("download_button")
    assert buttons and all(button.proto.ignore_rerun for button in buttons)


def test_spanish_from_url():
    at = open_page("timeline", lang="es")
    assert at.title[0].value == "Cronología 2000–2021"
