"""URL codecs: ids in, defaults for anything unknown or malformed."""

import pytest

from components import urlstate


def test_choice():
    param = urlstate.choice("k", "crop", ["banana", "coffee"], None)
    assert param.parse("coffee") == "coffee"
    with pytest.raises(ValueError):
        param.parse("<script>alert(1)</script>")


def test_choices_keep_option_order_and_reject_unknowns():
    param = urlstate.choices("k", "crop", ["banana", "coffee", "cacao"])
    assert param.default == ["banana", "coffee", "cacao"]
    assert param.parse("cacao,banana") == ["banana", "cacao"]
    assert param.parse("") == []
    assert param.dump(["banana", "cacao"]) == "banana,cacao"
    with pytest.raises(ValueError):
        param.parse("banana,rice")


@pytest.mark.parametrize("text", ["abc", "2010", "2015-2010", "1990-2000", "2010-2030", "20x0-2011", "-"])
def test_year_range_rejects_malformed(text):
    with pytest.raises(ValueError):
        urlstate.year_range("k", "years", 2000, 2021).parse(text)


def test_year_range_round_trip():
    param = urlstate.year_range("k", "years", 2000, 2021)
    assert param.parse(param.dump((2005, 2012))) == (2005, 2012)


def test_flag_and_text():
    assert urlstate.flag("k", "log").parse("1") is True
    with pytest.raises(ValueError):
        urlstate.flag("k", "log").parse("yes please")
    assert urlstate.text("k", "q", max_length=5).parse("abcdefgh") == "abcde"


@pytest.mark.parametrize("url, root", [
    ("http://10.0.0.5:8501/present?slide=2", "http://10.0.0.5:8501"),
    ("https://example.org/cadenas/timeline", "https://example.org/cadenas"),  # served under a path
    ("https://example.org/cadenas", "https://example.org/cadenas"),  # its default page
    ("https://example.org/", "https://example.org"),
    ("javascript:alert(1)", ""), ("", ""), ("//no-scheme/present", ""),
])
def test_the_apps_root_comes_from_any_of_its_pages_addresses(url, root):
    assert urlstate.app_root(url) == root
