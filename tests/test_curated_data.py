"""What the curated data in data/ must say: the sources' figures, events, regions and statuses.

This is the one module that knows the seed data. A maintainer who corrects a figure or adds an
initiative changes the matching expectation here, and nowhere else: every other test runs on
small datasets written in the tests (tests/datasets.py) or generated ones. Each expectation
names what the source says, so a reader can check it against ../shared/seeds/.
"""

import html
import re

import pytest

from components import queries
from components.data import load_dataset
from tests.apptest import EVENTS, html_bodies, open_page, table
from tests.conftest import CURATED_DIR


@pytest.fixture(scope="module")
def curated():
    return load_dataset(CURATED_DIR)


# --- The data as a whole ----------------------------------------------------------------

def test_every_record_of_every_file_loads(curated):
    from tests.conftest import read_records  # the files as written, to count what was kept

    for name, rows in [("initiatives.yaml", curated.initiatives), ("regions.yaml", curated.regions),
                       ("metrics.yaml", curated.metrics), ("events.yaml", curated.events),
                       ("sources.yaml", curated.sources)]:
        assert len(rows) == len(read_records(CURATED_DIR, name)), name


def test_the_four_initiatives_are_there_with_their_crops(curated):
    crops = dict(zip(curated.initiatives["id"], curated.initiatives["crops"]))
    assert crops == {
        "piura-banana-cluster": ["banana"],
        "cajamarca-coffee-platform": ["coffee"],
        "peru-cacao-alliance": ["cacao"],
        "bio-azul": ["coffee", "cacao"],
    }


def test_cacao_alliance_phases_follow_the_sources(curated):
    # A start-up period 2012–2016 (USAID, 2013), then a second phase from 2017 with goals to 2021.
    phases = curated.phases[curated.phases["initiative"] == "peru-cacao-alliance"]
    assert list(zip(phases["start"], phases["end"])) == [(2012, 2016), (2017, 2021)]


def test_every_region_cited_exists_with_a_boundary(curated):
    boundary_ids = {f["properties"]["id"] for f in curated.boundaries["features"]}
    cited = set(curated.initiatives["regions"].explode()) | set(curated.events["regions"].explode().dropna())
    assert cited <= set(curated.regions["id"]) <= boundary_ids


@pytest.mark.parametrize("initiative, date, precision", [
    ("peru-cacao-alliance", "2017-03-07", "day"),          # the second phase's launch event
    ("cajamarca-coffee-platform", "2020-03", "month"),     # the tripartite agreement, March 2020
    ("bio-azul", "2003", "year"),                          # Bio Azul founded
])
def test_dates_are_as_precise_as_their_sources(curated, initiative, date, precision):
    events = curated.events[(curated.events["initiative"] == initiative) & (curated.events["date"] == date)]
    assert len(events) >= 1 and set(events["precision"]) == {precision}, events


def test_data_text_shown_to_people_has_spanish(curated):
    shown = {"initiatives": ["name", "short_name", "summary"], "phases": ["name"], "organisations": ["role"],
             "events": ["title"], "metrics": ["unit", "note"], "sources": ["citation", "description"]}
    missing = []
    for name, fields in shown.items():
        frame = getattr(curated, name)
        for field in fields:
            lacking = frame[frame[f"{field}_es"].isna()]
            missing += [f"{name}: {row.get('id') or row.get('initiative')} · {row[field]} lacks {field}_es"
                        for row in lacking.to_dict("records")]
    assert not missing, "\n".join(missing)


# --- Figures and their statuses ---------------------------------------------------------

def _figures(curated, initiative, metric, value):
    metrics = curated.metrics
    return metrics[(metrics["initiative"] == initiative) & (metrics["metric"] == metric) & (metrics["value"] == value)]


@pytest.mark.parametrize("initiative, metric, value, status", [
    ("piura-banana-cluster", "producers", 9000, "achieved"),               # "more than 9,000 producers"
    ("piura-banana-cluster", "export_value_usd_per_year", 150_000_000, "achieved"),
    ("piura-banana-cluster", "producers_share_pct", 70, "target"),
    ("cajamarca-coffee-platform", "organisations", 14, "achieved"),        # members of the platform
    ("peru-cacao-alliance", "hectares", 28_000, "achieved"),              # the start-up period's result
    ("peru-cacao-alliance", "hectares", 19_855, "commitment"),            # hectares partners pledged to plant
    ("peru-cacao-alliance", "funding_usd", 36_000_000, "commitment"),
    ("bio-azul", "coffee_bags", 26_800, "estimate"),                      # "an estimated 26,800 bags"
])
def test_key_figures_carry_the_status_the_source_gives(curated, initiative, metric, value, status):
    assert list(_figures(curated, initiative, metric, value)["status"]) == [status]


@pytest.mark.parametrize("initiative, metric, value", [
    ("piura-banana-cluster", "organisations", 15),      # "more than 15 associations" planned
    ("piura-banana-cluster", "producers_share_pct", 70),
    ("peru-cacao-alliance", "producers", 20_000),      # 2013 aim and 2017 goal to 2021
    ("peru-cacao-alliance", "funding_usd", 49_000_000),
    ("peru-cacao-alliance", "investment_usd", 40_000_000),
    ("bio-azul", "producers", 500),                    # farmers the LWR alliance will certify
    ("bio-azul", "beneficiaries", 1_000),              # expected this year
])
def test_plans_are_never_recorded_as_achieved(curated, initiative, metric, value):
    rows = _figures(curated, initiative, metric, value)
    assert len(rows) >= 1 and set(rows["status"]) <= {"target", "commitment"}, rows


@pytest.mark.parametrize("metric, value, crop", [
    ("producers", 700, "coffee"),        # "over 700 active coffee members"
    ("coffee_bags", 26_800, "coffee"),
    ("producers", 500, "cacao"),         # "certify 500 cocoa farmers"
    ("beneficiaries", 1_000, "cacao"),   # farmers working in cocoa
])
def test_bio_azul_figures_name_the_crop_the_source_counts(curated, metric, value, crop):
    assert list(_figures(curated, "bio-azul", metric, value)["crop"]) == [crop]


# --- Corrections from the line-by-line audit against the sources -------------------------
# Issue 12, point 4: each test states one reading of a source the data once got wrong.


def _one(frame, **where):
    """The single row matching every column=value (text values match as substrings)."""
    mask = frame.index == frame.index
    for column, wanted in where.items():
        values = frame[column]
        mask &= values.astype(str).str.contains(wanted, regex=False) if isinstance(wanted, str) else values == wanted
    rows = frame[mask]
    assert len(rows) == 1, f"expected one row where {where}, found {len(rows)}:\n{rows}"
    return rows.iloc[0]


def _spanish_matching(curated, pattern, regex=False):
    """Every Spanish text of the data that contains pattern, each as 'table.column: text'."""
    tables = {"sources": curated.sources, "initiatives": curated.initiatives, "phases": curated.phases,
              "organisations": curated.organisations, "metrics": curated.metrics, "events": curated.events}
    found = []
    for name, frame in tables.items():
        for column in (c for c in frame.columns if c.endswith("_es")):
            texts = frame[column].dropna()
            found += [f"{name}.{column}: {text}" for text in texts[texts.str.contains(pattern, regex=regex)]]
    return found


def test_agrofair_already_existed_by_2000_and_is_not_placed_in_piura(curated):
    # "Already in 2000 ... Solidaridad had created ... Agrofair": neither a founding in 2000 nor in Piura.
    event = _one(curated.events, initiative="piura-banana-cluster", date="2000")
    assert event["kind"] == "milestone"
    assert list(event["regions"]) == []
    assert "Agrofair" in event["title"] and "Agrofair" in event["title_es"]
    assert "creates" not in event["title"] and " crea " not in event["title_es"]
    agrofair = _one(curated.organisations, initiative="piura-banana-cluster", name="Agrofair")
    assert "set up by Solidaridad in 2000" not in agrofair["role"]
    assert "creada por Solidaridad en 2000" not in agrofair["role_es"]


def test_bio_azul_2013_event_dates_only_the_wish_to_change_crops(curated):
    # The farmer grew coca from 1987 and wanted another crop in 2013; the cocoa planting is undated.
    event = _one(curated.events, initiative="bio-azul", date="2013")
    assert "former" not in event["title"].lower() and "excocalero" not in event["title_es"].lower()
    assert "wants" in event["title"] and "quiere" in event["title_es"]


def test_cajamarca_2019_is_a_search_for_partners_not_a_partnership(curated):
    # End of 2019: the commission looked for partners and Rikolto joined meetings; nothing was signed.
    event = _one(curated.events, initiative="cajamarca-coffee-platform", date="2019")
    assert event["kind"] == "milestone"


def test_bio_azul_400_farmers_are_credited_to_ecom_in_both_languages(curated):
    figure = _one(curated.metrics, initiative="bio-azul", metric="producers", value=400)
    assert "ECOM Peru – SMS" in figure["note"] and "partner" in figure["note"]
    assert "ECOM Peru – SMS" in figure["note_es"] and "socia" in figure["note_es"]
    assert figure["crop"] == "cacao"


def test_bio_azul_3000_hectares_are_a_total_area_not_hectares_of_coffee(curated):
    figure = _one(curated.metrics, initiative="bio-azul", metric="hectares", value=3000)
    assert "total area" in figure["unit"] and "coffee" not in figure["unit"]
    assert "superficie total" in figure["unit_es"] and "café" not in figure["unit_es"]
    assert "total area" in figure["note"].lower() and "superficie total" in figure["note_es"].lower()


def test_bio_azul_summary_and_first_phase_follow_the_case_study(curated):
    # No source calls Cafetalera Amazónica an exporter; the 2003 start was in San Juan, central Peru.
    bio_azul = _one(curated.initiatives, id="bio-azul")
    assert "exporter" not in bio_azul["summary"] and "exportadora" not in bio_azul["summary_es"]
    first = _one(curated.phases, initiative="bio-azul", start=2003)
    assert "San Juan" in first["name"] and "San Juan" in first["name_es"]


def test_rikolto_co_founded_the_cajamarca_platform_and_funds_its_facilitator(curated):
    rikolto = _one(curated.organisations, initiative="cajamarca-coffee-platform", name="Rikolto")
    assert "co-founder" in rikolto["role"] and "March 2020" in rikolto["role"]
    assert "coordination committee" in rikolto["role"]
    assert not rikolto["role"].startswith("facilitator")  # a member holds that role, funded by Rikolto
    assert "cofundadora" in rikolto["role_es"] and "marzo de 2020" in rikolto["role_es"]


@pytest.mark.parametrize("initiative, words, words_es, topic", [
    ("piura-banana-cluster", "Fusarium race 4", "Fusarium raza 4", "Fusarium"),
    ("piura-banana-cluster", "pilot recycling plant", "planta piloto de reciclaje", "recycl"),
    ("cajamarca-coffee-platform", "four phases", "cuatro fases", "phases"),
])
def test_omitted_achievements_are_events_not_invented_counts(curated, initiative, words, words_es, topic):
    # "All producers", "a pilot plant", "four phases": no count of people trained or of phases
    # done, so each is an event that happened, and no figure claims a number for it.
    event = _one(curated.events, initiative=initiative, title=words)
    assert words_es in event["title_es"]
    assert event["status"] == "happened"
    if initiative == "piura-banana-cluster":  # the article reports them done but does not date them
        assert event["date"] == curated.sources.set_index("id").loc[event["source"], "date"]
    assert not curated.metrics["note"].str.contains(topic, regex=False).any()


def test_cajamarca_coordination_committee_has_the_five_members_the_interview_names(curated):
    figure = _one(curated.metrics, initiative="cajamarca-coffee-platform", unit="coordination committee")
    assert (figure["metric"], figure["value"], figure["status"]) == ("organisations", 5, "achieved")
    for member in ("Rikolto", "Cenfrocafé", "Senasa", "Technical Network of the North"):
        assert member in figure["note"]


def test_usaid_support_through_october_2016_is_a_plan(curated):
    # "planned through October 2016", stated in February 2013: a planned event, dated to the month.
    event = _one(curated.events, initiative="peru-cacao-alliance", date="2016-10")
    assert (event["status"], event["kind"], event["precision"]) == ("planned", "funding", "month")
    assert event["source"] == "cocoa-alliance-2013"


def test_every_plan_figure_sits_at_the_year_it_was_stated(curated):
    # data/README.md, "Plans": year = year stated, target_year = year due, never a year_start.
    source_years = curated.sources.set_index("id")["date"].dropna().str[:4].astype(int)
    plans = curated.metrics[curated.metrics["status"].isin(["target", "commitment"])]
    wrong = plans[plans["year_start"].notna()
                  | (plans["target_year"].notna() & (plans["target_year"] < plans["year"]))
                  | (plans["source"].map(source_years).notna() & (plans["source"].map(source_years) != plans["year"]))]
    assert wrong.empty, f"plans that break the convention:\n{wrong[['initiative', 'metric', 'value', 'year']]}"
    usaid = _one(curated.metrics, initiative="peru-cacao-alliance", metric="funding_usd", value=36_000_000)
    assert (usaid["year"], usaid["target_year"]) == (2013, 2016)


@pytest.mark.parametrize("slip", [
    "que amplían",  # the source says the investors are committed *to* expanding rural finance
    "todo el territorio",  # the source does not say the dialogues covered the whole territory
    "Se acuerda el primer contenedor",  # one agrees to export a container, not "a container"
    "cacao nuevo",  # new hectares of cacao, not hectares of new cacao
    "certificar productores",  # a personal object takes "a"
])
def test_spanish_slips_are_gone(curated, slip):
    assert not _spanish_matching(curated, slip)


def test_spanish_numbers_have_no_space_between_thousands(curated):
    # Data text writes 1000, not "1 000" (a space, no-break space or narrow no-break space).
    assert not _spanish_matching(curated, r"\d[ \u00a0\u202f]\d{3}\b", regex=True)


def test_spanish_roles_agree_with_the_body_that_holds_them(curated):
    # An NGO, a commission or a network is feminine in Spanish: la ONG promotora, la comisión cofundadora.
    roles = curated.organisations.set_index("name")["role_es"]
    assert "promotora y coordinadora" in roles["Solidaridad"]
    assert "cofundadora" in roles["Regional Technical Coffee Commission"]
    assert "cofundadora" in roles["Red Técnica del Norte Cenfrocafé"]
    ngo_roles = curated.organisations.loc[curated.organisations["type"] == "ngo", "role_es"]
    assert not ngo_roles.str.contains(r"\b(?:co)?(?:fundador|promotor|coordinador|financiador)\b").any()


# --- What the pages show of the curated data --------------------------------------------
# The pages open on data/ itself (passed as the page's data), whatever CADENAS_DATA_DIR says.



def _read(body: str) -> str:
    """HTML as people read it: tags gone, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_overview_shows_piura_producers_as_the_2021_article_counts_them(curated):
    # The article: more than 9,000 producers in the associations, exports worth US$150 million a year.
    cards = [_read(body) for body in html_bodies(open_page("overview", curated)) if "cadenas-figure" in body]
    piura = next(card for card in cards if "9,000" in card)
    assert "Producers more than 9,000 banana producers achieved 2021 · Piura banana cluster article (2021)" in piura
    assert "US$150 million" in piura


def test_timeline_dates_events_as_precisely_as_their_sources(curated):
    rows = table(open_page("timeline", curated, table="1"), *EVENTS)
    dated = dict(zip(rows["title"], rows["date"]))
    # Palladium's release gives the day of the second phase's launch; the interview only the month of the agreement.
    assert next(date for title, date in dated.items() if title.startswith("Second phase launched")) == "7 Mar 2017"
    assert next(date for title, date in dated.items() if title.startswith("Tripartite agreement")) == "Mar 2020"


def test_bio_azul_profile_cites_its_undated_case_study_for_every_step(curated):
    at = open_page("initiative", curated, initiative="bio-azul")
    chronicle = next(body for body in html_bodies(at) if "cadenas-chronicle" in body)
    lines = [_read(item) for item in re.findall(r"<li>(.*?)</li>", chronicle)]
    assert lines and all(line.endswith("· Bio Azul case study (undated)") for line in lines)
    assert any(line.startswith("Feb 2012 Partnership") for line in lines)  # the source gives the month


# --- The package descriptor of the curated data (data/datapackage.json) -------------------
# It lists the curated sources, so an edit of data/sources.yaml is checked here, with the
# data's other facts: rebuild it as the message says.

def test_the_committed_datapackage_json_is_what_the_code_builds_for_data():
    from components import datapackage

    built = datapackage.to_json(datapackage.descriptor(load_dataset(CURATED_DIR)))
    committed = (CURATED_DIR / "datapackage.json").read_bytes()
    rebuild = "python -m components.datapackage > data/datapackage.json"
    assert committed == built, f"data/datapackage.json is stale: rebuild it with `{rebuild}`"


def test_the_download_of_the_curated_data_is_a_valid_package(tmp_path):
    import frictionless

    from tests.datasets import problems, unzipped

    report = frictionless.validate(unzipped(load_dataset(CURATED_DIR), tmp_path))
    assert report.valid, problems(report)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_two_figures_of_one_initiative_and_measure_read_alike(curated, lang):
    """A chart's bar or a card names whose figure it is, when, and its unit; two that read the
    same but for their value (the alliance's US$36M and US$49M of 2013, say) need a label that
    says which is which."""
    names = dict(zip(curated.initiatives["id"], curated.initiatives["name"]))
    seen = {}
    for _, figure in curated.metrics.iterrows():
        reads = (figure["metric"], queries.figure_whose(figure, names, lang), queries.format_year(figure, lang),
                 figure["status"], figure["unit"])
        assert reads not in seen, f"{reads} reads like another figure ({figure['value']} and {seen[reads]})"
        seen[reads] = figure["value"]
