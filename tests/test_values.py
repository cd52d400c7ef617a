"""Values in running text: every key figure and every event date of the data reads as an editor writes it."""
from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from dpaper.errors import BuildError
from dpaper.render.access import DatasetAccess
from dpaper.render.units import NBSP, from_file, languages
from dpaper.render.values import Event, Fact, figure_text, key_figures_as_printed, language, say_date, spell

ROOT = Path(__file__).resolve().parents[1]
EN = languages(ROOT / "schemas/units.yaml")["en"]    # the engine's defaults and this paper's units

# What raw data looks like when it leaks into a sentence.
RAW = {
    "ungrouped digits": re.compile(r"\d{5,}"),
    "float noise or too many decimals": re.compile(r"\d\.\d{4,}"),
    "trailing .0": re.compile(r"\d\.0(?!\d)"),
    "exponent": re.compile(r"\d[eE][+-]?\d"),
    "None or nan": re.compile(r"\b(None|nan|NaN|inf|null)\b"),
    "ISO date": re.compile(r"\d{4}-\d{2}"),
    "unit code": re.compile(r"\bkm2\b|t-CO2e|CO2(?!\w)|\bper (capita|day|year)\b|degrees north|ratio parts"),
    "currency code after the number": re.compile(r"\d[\s\u00a0]*(JPY|USD|CNY)\b"),
    "space at an end": re.compile(r"^\s|\s$"),
}


def raw_looking(text: str) -> list[str]:
    if not text.strip():
        return ["empty"]
    return [what for what, pattern in RAW.items() if pattern.search(text)]


@pytest.fixture(scope="module")
def data(cleaned):
    """The real clean data, cleaned as the build cleans it."""
    return {name: DatasetAccess(name, cleaned(name)) for name in ("key_figures", "events")}


def test_every_key_figure_prints_without_raw_traces(data):
    problems = {}
    for row in data["key_figures"]:
        fact = Fact.from_row(row)
        for form, text in (("text", str(fact)), ("number", re.sub(r"<[^>]+>", "", fact.number))):
            if found := raw_looking(text):
                problems[f"{fact.key} ({form}: {text!r})"] = found
    assert not problems, problems
    assert len(data["key_figures"]) >= 182


def test_every_event_date_prints_without_raw_traces(data):
    problems = {}
    for row in data["events"]:
        event = Event(row["id"], row)
        texts = {"date": event.date, "period": event.period, "str": str(event)}
        if row["end"]:
            texts["end"] = event.end
        for form, text in texts.items():
            if found := raw_looking(text):
                problems[f"{event.id} ({form}: {text!r})"] = found
    assert not problems, problems


def allowed(column: str) -> list[str]:
    schema = yaml.safe_load((ROOT / "schemas/datasets/key_figures.yaml").read_text(encoding="utf-8"))
    return next(f for f in schema["fields"] if f["name"] == column)["constraints"]["enum"]


def test_the_unit_table_covers_exactly_the_units_the_schema_allows():
    assert set(allowed("unit")) == set(EN.units)


def test_the_unit_table_words_exactly_the_qualifiers_the_schema_allows():
    assert set(allowed("qualifier")) == set(EN.qualifiers)
    assert all(words.count("{}") == 1 for words in EN.qualifiers.values())


@pytest.mark.parametrize("key, text", [
    ("ch2_kitakyushu_regional_production_jpy", "JPY 3.5 trillion"),
    ("dalian_oda_loan_jpy", "JPY 8.5 billion"),
    ("dalian_japan_env_oda_to_jpy", "JPY 1 trillion"),
    ("dalian_japan_env_oda_achieved_jpy", "JPY 1.44 trillion"),
    ("mdy_myanmar_oda_loan_jpy", "up to about JPY 198.9 billion"),
    ("dalian_meti_ecotown_support_jpy", "JPY 15 million a year"),
    ("dalian_sino_japan_centre_china_cny", "CNY 66.3 million"),
    ("hp_vn_gdp_per_capita_usd", "USD 2,215"),
    ("pp_area", "678.46 km²"),
    ("pp_population", "about 1.5 million people"),
    ("ch1_kitakyushu_population", "about one million people"),
    ("ch2_kitakyushu_population", "960,000 people"),
    ("dalian_population_2016", "5.93 million people"),
    ("mdy_myanmar_waste_tpd_2025", "about 21,012 tonnes a day"),
    ("mdy_myanmar_waste_per_capita", "0.44 kg per person a day"),
    ("hp_vn_ghg_2030", "790 million tonnes of CO₂e a year"),
    ("pp_regional_supply_hours_2017", "24 hours a day"),
    ("hp_vn_growth_percent", "6.21%"),
    ("ch2_ghg_target_asia_percent", "150%"),
    ("hp_ubcf_cost_share_running", "5%"),
    ("hp_population_rank", "ranked 3rd"),
    ("sby_population_rank", "ranked 2nd"),
    ("foreword_iges_anniversary_years", "20 years"),
    ("ch1_case_study_cities", "five cities"),
    ("ch2_oeaed_member_cities", "11 cities"),
    ("hp_hs_visit_weeks_2018", "one week"),
    ("dalian_leakage_vs_kitakyushu_times", "about twice"),
    ("dalian_latitude", "38°N"),
    ("ch2_major_cities_radius_km", "within 1,000 km"),
    ("ch4_kita_trainees_2018", "9,083 trainees"),
    ("dalian_ecotown_ratio_private", "7"),
    ("ch2_grand_design_principles", "10"),
    ("ch4_factors", "seven"),
])
def test_key_figures_read_as_an_editor_writes_them(data, key, text):
    fact = Fact.from_row(data["key_figures"].one(key=key))
    assert str(fact).replace(NBSP, " ") == text


@pytest.mark.parametrize("value, unit, qualifier, text", [
    ("960000", "people", "about", "about 960,000 people"),
    ("1", "people", "", "one person"),
    ("1234567", "people", "", "1,234,567 people"),          # not exact in millions: written in full
    ("1500000000", "people", "", "1.5 billion people"),
    ("0.6", "kg per capita per day", "", "0.6 kg per person a day"),
    ("1", "tonnes per day", "", "1 tonne a day"),
    ("18", "hours per day", "", "18 hours a day"),
    ("12", "cities", "", "12 cities"),
    ("6.2", "percent", "", "6.2%"),
    ("6.20", "percent", "", "6.2%"),
    ("1", "rank", "", "ranked 1st"),
    ("11", "rank", "", "ranked 11th"),
    ("22", "rank", "", "ranked 22nd"),
    ("3", "times", "", "three times"),
    ("0", "count", "", "zero"),
    ("2", "times", "more than", "more than twice"),
    ("1", "weeks", "at least", "at least one week"),
    ("5", "km", "within", "within 5 km"),
])
def test_the_table_of_units_on_made_up_values(value, unit, qualifier, text):
    assert figure_text(Decimal(value), EN.units[unit], qualifier).replace(NBSP, " ") == text


@pytest.mark.parametrize("key, text", [
    ("dalian_foreign_companies_2016", "more than 18,000 companies"),     # "more than 18,000 foreign companies"
    ("sby_basket_households", "more than 19,000 households"),            # "over 19,000 households"
    ("sby_landfill_waste_tpd_2005", "more than 1,500 tonnes a day"),     # "exceeded 1,500 tonnes/day"
    ("ch2_ordinance_city_min_population", "at least 500,000 people"),    # "500,000 or more"
    ("sby_fs_compost_capacity_tpd", "at least 100 tonnes a day"),        # "100 tonnes of waste or more per day"
    ("dalian_moji_distance_km", "within 1,000 km"),                      # "within 1,000 km"
    ("foreword_cooperation_years", "nearly 40 years"),                   # "almost", "nearly 40 years"
    ("mdy_myanmar_oda_loan_jpy", "up to about JPY 198.9 billion"),       # "up to approximately"
    ("mdy_world_urban_population_share_percent", "more than 50%"),       # "more than half"
])
def test_a_bound_prints_as_a_bound_not_as_about(data, key, text):
    fact = Fact.from_row(data["key_figures"].one(key=key))
    assert str(fact).replace(NBSP, " ") == text
    assert not re.sub(r"<[^>]+>", "", fact.number).startswith(("about", "more", "at", "within", "nearly", "up"))


def test_the_text_qualifies_only_what_the_data_qualifies(data):
    openings = tuple(words.split("{}")[0] for words in EN.qualifiers.values())
    for row in data["key_figures"]:
        fact = Fact.from_row(row)
        bare = figure_text(fact.value, EN.units[fact.unit])
        if fact.qualifier:
            assert str(fact) == EN.qualifiers[fact.qualifier].format(bare), fact.key
        else:
            assert str(fact) == bare and not bare.startswith(openings), fact.key


def test_an_unknown_qualifier_is_an_error():
    with pytest.raises(BuildError, match="qualifier 'roughly': not in the table of units.*known: about"):
        figure_text(Decimal(5), EN.units["km"], "roughly")


def test_numbers_stay_exact():
    assert figure_text(6.2, EN.units["percent"]) == "6.2%"                     # a float by its shortest form
    assert figure_text(Decimal("0.1") + Decimal("0.2"), EN.units["ratio parts"]) == "0.3"
    assert figure_text(Decimal("1.23456"), EN.units["ratio parts"]) == "1.23456"  # no rounding


def test_symbols_and_currency_codes_stay_with_their_number():
    assert figure_text(Decimal("678.46"), EN.units["km2"]) == f"678.46{NBSP}km²"
    assert figure_text(Decimal("8500000000"), EN.units["JPY"]) == f"JPY{NBSP}8.5 billion"


def test_the_number_alone_for_sentences_that_word_the_unit(data):
    fact = Fact.from_row(data["key_figures"].one(key="pp_population"))
    assert re.sub(r"<[^>]+>", "", fact.number) == "1.5 million"
    assert 'title="Phnom Penh, population (about). Source: ' in fact.number   # traceable


def test_dates_come_from_cldr_in_house_style():
    assert say_date("1997-07") == "July 1997"
    assert say_date("2015-12-16") == "16 December 2015"
    assert say_date("1999") == "1999"
    assert say_date(None) == "(date unknown)"
    assert say_date("2015-12-16", "en-GB") == "16 December 2015"


def test_spell_keeps_its_words():
    assert [spell(n) for n in (0, 5, 12, 13, 2500)] == ["zero", "five", "twelve", "13", "2,500"]


def test_an_edition_language_without_a_table_of_units_is_an_error():
    with pytest.raises(BuildError, match="no table of units for 'it'.*units.yaml"):
        language("it")
    with pytest.raises(BuildError, match="expected a language CLDR knows"):
        language("qq")


def test_a_papers_units_file_adds_units_and_languages_and_says_what_is_wrong(tmp_path):
    """The units are the paper's configuration: its file adds to the engine's defaults or replaces one, and
    may give a whole language; a mistake is one line with the file and the unit."""
    path = tmp_path / "units.yaml"
    path.write_text("en:\n  units:\n    ferries: {number: words, after: {one: ferry, other: ferries}}\n"
                    "it:\n  words: [zero, uno, due]\n  words_up_to: 2\n  qualifiers: {about: 'circa {}'}\n"
                    "  large_from: 1000000\n  large_decimals: 2\n  ordinal: {other: e}\n  month: ''\n"
                    "  day: ''\n  unknown_date: (data sconosciuta)\n"
                    "  units: {bus: {number: words, after: {one: bus, other: bus}}}\n", encoding="utf-8")
    table = from_file(path)
    assert figure_text(3, table["en"].units["ferries"]) == "three ferries"
    assert "km" in table["en"].units and set(table["it"].units) == {"bus"}   # a language the engine lacks
    assert {"bus", "km"} <= set(from_file(path.with_name("none.yaml"))["fr"].units | {"bus": None})
    path.write_text("en:\n  units:\n    ferries: {number: wordz}\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"units.yaml: en: units: ferries: number: expected one of figures, "
                                         r"words, ordinal, percent, year, found 'wordz'$"):
        from_file(path)
    path.write_text("es:\n  units: {}\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"es: a language the engine has no defaults for needs every key"):
        from_file(path)


def test_the_data_dictionary_lists_every_key_figure_as_printed(data):
    rows = key_figures_as_printed(data["key_figures"])
    assert len(rows) == len(data["key_figures"])
    pp = next(r for r in rows if r["key"] == "pp_area")
    assert pp == {"key": "pp_area", "text": f"678.46{NBSP}km²", "scope": "Phnom Penh, area of the capital",
                  "year": None, "provenance": "Case study 2 introduction (2018 edition)", "note": ""}


@pytest.mark.e2e
def test_the_data_dictionary_page_shows_the_printed_key_figures(built):
    page = built.path("web/data.html").read_text(encoding="utf-8")
    section = page.split('id="key_figures-printed"', 1)[1].split("</table>", 1)[0]
    rows = sum(1 for _ in csv.DictReader((ROOT / "data/raw/key_figures.csv").open(encoding="utf-8")))
    assert section.count('<tr id="key_figures-') == rows                  # one row per key figure, its own id
    section = re.sub(r'<td data-label="[^"]*">', "<td>", section)     # the labels a phone's stacked rows show
    assert f"<td>JPY{NBSP}3.5 trillion</td>" in section
    assert "<td>about 1.5 million people</td>" in section
    assert "<td>more than 18,000 companies</td>" in section                   # a bound, not "about"


@pytest.mark.parametrize("text", ["3500000000000 JPY", "678.46 km2", "6.20000001%", "250000000 t-CO2e per year",
                                  "0.44 kg per capita per day", "15000000 JPY per year", "None", "nan", "20.0 years",
                                  "1.5E+6 people", "", " ", "1997-07"])
def test_the_raw_detector_catches_what_the_old_format_printed(text):
    assert raw_looking(text)
