"""Gazetteer tests: every UN member resolves by every form; spelling variants; dates; user files."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.errors import InputError, UnknownActorError
from actorgraph.gazetteer import _read_tsv, load_gazetteer, normalize
from actorgraph.resources import gazetteer_dir

DATA = Path(__file__).parent / "data"
GAZ = load_gazetteer()
STATE_ROWS = [row for _, row in _read_tsv(gazetteer_dir() / "states.tsv")]
MEMBERS = [row for row in STATE_ROWS if row["status"] == "member"]


def _forms(row: dict[str, str]) -> list[str]:
    forms = [row["name"], row["iso3"]]
    for column in ("capital", "demonyms", "demonym_plurals"):
        forms += [f for f in row[column].split("|") if f]
    return forms


def test_states_file_is_what_its_generator_writes() -> None:
    """A hand edit of states.tsv would be lost at the next `python tools/make_states.py`: edit the table."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_states", DATA.parents[1] / "tools" / "make_states.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text, _count = module.render()
    assert (gazetteer_dir() / "states.tsv").read_text(encoding="utf-8") == text


def test_un_member_count() -> None:
    assert len(MEMBERS) == 193
    assert len({row["iso3"] for row in STATE_ROWS}) == len(STATE_ROWS)


@pytest.mark.parametrize("row", MEMBERS, ids=lambda r: r["iso3"])
def test_member_state_forms_resolve(row: dict[str, str]) -> None:
    assert row["capital"] and row["demonyms"] and row["demonym_plurals"], row["id"]
    for form in _forms(row):
        shared = form.endswith("?")
        form = form.rstrip("?")
        found = [a.id for a in GAZ.lookup(form)]
        assert row["id"] in found, (form, found)
        if not shared:
            assert GAZ.resolve(form).id == row["id"], form
    assert GAZ.by_code(row["iso3"]).id == row["id"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("surface", "actor_id"),
    [
        ("Çavuşoğlu", "mevlut-cavusoglu"),
        ("Cavusoglu", "mevlut-cavusoglu"),
        ("Chavushoglu", "mevlut-cavusoglu"),
        ("ÇAVUSOGLU", "mevlut-cavusoglu"),
        ("Pashinyan", "nikol-pashinyan"),
        ("Pashinian", "nikol-pashinyan"),
        ("Sergey Lavrov", "sergey-lavrov"),
        ("Sergei Lavrov", "sergey-lavrov"),
        ("S. Lavrov", "sergey-lavrov"),
        ("Erdoğan", "recep-tayyip-erdogan"),
        ("Erdogan", "recep-tayyip-erdogan"),
        ("Mamedyarov", "elmar-mammadyarov"),
        ("Zelenskyy", "volodymyr-zelensky"),
        ("Türkiye", "turkey"),
        ("the Kremlin", "russia"),
        ("Russian Federation", "russia"),
        ("U.S.", "united-states"),
        ("Britain", "united-kingdom"),
        ("Côte d'Ivoire", "ivory-coast"),
        ("Burma", "myanmar"),
        ("Dominican", "dominican-republic"),
        ("Haftar's forces", "libyan-national-army"),
        ("Minsk Group", "osce-minsk-group"),
        ("the Pentagon", "pentagon"),
        ("Kosovo", "kosovo"),
    ],
)
def test_variants_resolve(surface: str, actor_id: str) -> None:
    assert GAZ.resolve(surface).id == actor_id


def test_normalize() -> None:
    assert normalize("The Türkiye's") == "turkiye"


@pytest.mark.parametrize(
    ("name", "date", "code"),
    [
        ("Mammadyarov", "2020-07-10", "AZE"),
        ("Mammadyarov", "2020-07-20", None),
        ("Bayramov", "2020-10-01", "AZE"),
        ("Lavrov", "2020-10-01", "RUS"),
        ("Sarraj", "2020-01-01", "LBY"),
        ("Haftar", "2020-01-01", None),
        ("Stoltenberg", "2020-01-01", None),
        ("Turkey", None, "TUR"),
        ("NATO", None, None),
        ("Government of National Accord", None, "LBY"),
    ],
)
def test_state_code(name: str, date: str | None, code: str | None) -> None:
    assert GAZ.state_code(GAZ.resolve(name), date) == code


def test_minsk_group_members() -> None:
    assert {a.state for a in GAZ.co_chairs("osce-minsk-group")} == {"RUS", "FRA", "USA"}
    assert len(GAZ.members_of("osce-minsk-group")) == 11
    assert "osce-minsk-group" in {a.id for a in GAZ.memberships("azerbaijan")}


def test_make_body_and_person() -> None:
    body = GAZ.make_body(GAZ.resolve("Russia"), "foreign-ministry")
    assert (body.id, body.type, body.state) == ("russia-foreign-ministry", "StateBody", "RUS")
    assert GAZ.make_body(GAZ.resolve("US"), "foreign-ministry").id == "united-states-department-of-state"
    assert GAZ.body_types["ministry of defence"] == ("defence-ministry", "Defence Ministry")
    person = GAZ.make_person("Jean Dupont", GAZ.titles["foreign minister"], GAZ.resolve("France"))
    assert (person.id, person.state, person.affiliations[0].role) == (
        "jean-dupont",
        "FRA",
        "Foreign Minister",
    )


@pytest.mark.parametrize("name", ["user_actors.tsv", "user_actors.ttl"])
def test_user_file_adds_and_overrides(name: str) -> None:
    gaz = load_gazetteer([DATA / name])
    assert gaz.version != GAZ.version
    if name.endswith(".tsv"):
        assert gaz.resolve("NFP").id == "new-frontier-party"
        assert gaz.get("turkey").label == "Türkiye"  # type: ignore[union-attr]
    else:
        assert gaz.resolve("KLF").id == "karabakh-liberation-front"
        assert gaz.get("armenia").label == "Republic of Armenia"  # type: ignore[union-attr]
        assert gaz.by_code("ARM").id == "armenia"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("id,type,labels,state\nfoo,Spaceship,Foo,\n", 2),
        ("# comment\nfoo,State,Foo,TURKEY\n", 2),
        ("ok,State,Ok,OKK\nbar,State\n", 2),
    ],
)
def test_malformed_user_file(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=rf"bad\.csv:{line}:"):
        load_gazetteer([path])


def test_unknown_turtle_and_extension(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.ttl"):
        load_gazetteer([bad])
    other = tmp_path / "actors.xlsx"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="xlsx"):
        load_gazetteer([other])


def test_resolve_unknown_lists_close_matches() -> None:
    with pytest.raises(UnknownActorError, match="Azerbaijan"):
        GAZ.resolve("Azerbaijanistan")


def test_patterns_ids_exist_and_case_rules() -> None:
    patterns = GAZ.patterns()
    assert {p["id"] for p in patterns} <= {a.id for a in GAZ.iter_actors()}
    labels = {p["label"] for p in patterns}
    assert labels == {"AG_NAME", "AG_CAPITAL", "AG_DEMONYM", "AG_PERSON", "AG_BODY"}
    single = {p["pattern"][0].get("TEXT") for p in patterns if len(p["pattern"]) == 1}
    assert {"US", "UN", "EU", "UK", "Erdogan", "Erdoğan"} <= single
    assert "us" not in single and "un" not in single
    lowers = [p for p in patterns if p["pattern"] == [{"LOWER": "south"}, {"LOWER": "korea"}]]
    assert lowers and lowers[0]["id"] == "south-korea"
    congolese = [p["id"] for p in patterns if p["pattern"] == [{"TEXT": "Congolese"}]]
    assert congolese == ["dr-congo"]


def test_every_affiliation_target_exists() -> None:
    for actor in GAZ.iter_actors():
        for affiliation in actor.affiliations:
            assert GAZ.get(affiliation.target), (actor.id, affiliation.target)
        for code in actor.members:
            assert GAZ.by_code(code), (actor.id, code)


def test_the_transliteration_key_is_optional() -> None:
    """Text mentions use exact forms only: the loose key also merges unrelated names ("Milley", "Milei")."""
    assert [a.id for a in GAZ.lookup("Pashinjan")] == ["nikol-pashinyan"]
    assert GAZ.lookup("Pashinjan", loose=False) == []
    assert [a.id for a in GAZ.lookup("Pashinian", loose=False)] == ["nikol-pashinyan"]  # a listed alias
