"""The tiny fixture graph: assertions from tiny_assertions.jsonl, their documents, and a static gazetteer.

Shared by the graph/store/query tests and tools/make_golden.py, so the golden Turtle is built exactly as the
tests build it. The gazetteer here is a fixed stand-in (not the shipped one) so that golden files do not
change when the real gazetteer data grows.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

from rdflib import Dataset

from actorgraph.errors import UnknownActorError
from actorgraph.graph import build_dataset
from actorgraph.model import Activity, Actor, Affiliation, Assertion, Document

HERE = Path(__file__).resolve().parent
ASSERTIONS = HERE / "tiny_assertions.jsonl"

DOCUMENTS = [
    Document(
        "01-tavush-clashes.md",
        "",
        title="Clashes on the Tavush border",
        date="2020-07-14",
        source="Example Wire",
        url="https://example.org/news/tavush",
    ),
    Document("02-moscow-talks.md", "", title="Talks in Moscow", date="2020-07"),
    Document("03-ceasefire.md", "", title="Ceasefire agreed", date="2020-11-10", source="Example Wire"),
]

ACTORS = [
    Actor(
        "turkey", "State", "Turkey", ("Türkiye", "Republic of Turkey"), "TUR", "Q43", "Ankara", ("Turkish",)
    ),
    Actor(
        "azerbaijan",
        "State",
        "Azerbaijan",
        ("Republic of Azerbaijan",),
        "AZE",
        "Q227",
        "Baku",
        ("Azerbaijani",),
    ),
    Actor("armenia", "State", "Armenia", ("Republic of Armenia",), "ARM", "Q399", "Yerevan", ("Armenian",)),
    Actor("russia", "State", "Russia", ("Russian Federation",), "RUS", "Q159", "Moscow", ("Russian",)),
    Actor(
        "sergey-lavrov",
        "Person",
        "Sergey Lavrov",
        ("Lavrov",),
        "RUS",
        "Q152285",
        affiliations=(Affiliation("russia", "Foreign Minister", "2004-03-09"),),
    ),
    Actor(
        "osce-minsk-group",
        "InternationalOrganization",
        "OSCE Minsk Group",
        ("Minsk Group",),
        members=("RUS", "FRA", "USA"),
    ),
]

ACTIVITY = Activity("0.1.0", "en_core_web_sm", "3.8.0", "2024-01-01T00:00:00+00:00")


class TinyGazetteer:
    """A static gazetteer with the gazetteer API the graph and query code use (get, by_code, resolve)."""

    def __init__(self, actors: list[Actor] = ACTORS) -> None:
        self.actors = {a.id: a for a in actors}

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def by_code(self, code: str) -> Actor | None:
        return next((a for a in self.actors.values() if a.type == "State" and a.state == code), None)

    def _names(self) -> dict[str, Actor]:
        names: dict[str, Actor] = {}
        for actor in self.actors.values():
            for name in (actor.label, *actor.alt_labels, actor.state or "", actor.capital or "", actor.id):
                if name:
                    names.setdefault(name.lower(), actor)
        return names

    def lookup(self, name: str) -> list[Actor]:
        found = self._names().get(name.lower())
        return [found] if found else []

    def resolve(self, name: str) -> Actor:
        names = self._names()
        if name.lower() in names:
            return names[name.lower()]
        close = difflib.get_close_matches(name.lower(), list(names), n=3, cutoff=0.5)
        raise UnknownActorError(f"unknown actor {name!r}; closest: {', '.join(close) or 'none'}")


def load_assertions() -> list[Assertion]:
    lines = ASSERTIONS.read_text(encoding="utf-8").splitlines()
    return [Assertion.from_json(json.loads(line)) for line in lines if line.strip()]


def build_tiny_dataset() -> Dataset:
    return build_dataset(load_assertions(), DOCUMENTS, gazetteer=TinyGazetteer(), activity=ACTIVITY)
