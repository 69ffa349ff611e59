"""Objects that stand for a state without naming it: a city or territory hit, a state's goods or people.

"Shelled Ganja" attacks Azerbaijan; "struck sites inside Iran" and "on Armenian territory" attack the state
named as the place; "banned imports of Japanese seafood" sanctions Japan. The rules for relations hinted
``placeTarget`` and ``nationalTarget`` in the ontology read their objects here.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..mentions import Mention
from .arguments import fan, preps
from .base import SentenceContext, unique

__all__ = ["city", "city_targets", "locative_targets", "nationals", "place_targets"]


def city(ctx: SentenceContext, tok: Token) -> Mention | None:
    """A mention for a city name at a token (with its compounds: "Kryvyi Rih"), or None.

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence
        >>> ctx = sentence(
        ...     "Armenia shelled Ganja",
        ...     heads=[1, 1, 1],
        ...     deps=["nsubj", "ROOT", "dobj"],
        ...     pos=["PROPN", "VERB", "PROPN"],
        ... )
        >>> city(ctx, ctx.doc[2]).actor.id
        'azerbaijan'
    """
    if tok.pos_ != "PROPN" or ctx.index.at(tok.i):
        return None
    start = tok.i
    while start - 1 >= ctx.sent.start and ctx.doc[start - 1].dep_ == "compound":
        start -= 1
    actor = ctx.gaz.city_state(ctx.doc[start : tok.i + 1].text)
    if actor is None:
        return None
    return Mention(start, tok.i + 1, tok.i, actor, "city", actor.state, False, 0.9)


def city_targets(ctx: SentenceContext, verb: Token) -> list[Mention]:
    """Cities struck by an attack verb ("shelled Ganja") stand for their state (cities.tsv)."""
    out: list[Mention | None] = []
    for c in verb.children:
        if c.dep_ == "dobj":
            out.extend(city(ctx, t) for t in (c, *c.conjuncts))
            for p in preps(c, ("including", "in", "of", "near")):
                out.extend(city(ctx, t) for t in (p, *p.conjuncts))
    for p in preps(verb, ("in", "on", "inside", "near")):
        out.extend(city(ctx, t) for t in (p, *p.conjuncts))
    return [m for m in out if m is not None]


def locative_targets(ctx: SentenceContext, verb: Token) -> list[Mention]:
    """States named as the place of an attack ("struck sites inside Iran", "on Armenian territory")."""
    out: list[Mention] = []
    for tok in (verb, *[c for c in verb.children if c.dep_ == "dobj"]):
        for p in preps(tok, ("in", "inside", "across", "on", "into", "within")):
            out.extend(m for m in fan(ctx, p) if m.actor.type == "State" and m.kind in {"name", "state"})
            if ctx.word("territory", p):
                out.extend(m for m in fan(ctx, p, allow_modifier=True) if m.actor.type == "State")
    return unique(out)


def place_targets(ctx: SentenceContext, noun: Token, pobjs: list[Token]) -> list[Mention]:
    """Targets of an attack noun: a city object ("the shelling of Ganja"), or the state it happened in.

    "Israeli shelling in the east of the Gaza Strip": a part of a place is in that place.
    """
    objects = [m for m in (city(ctx, p) for p in pobjs) if m is not None]
    places = preps(noun, ("in", "inside", "across"))
    places += [q for p in places if ctx.word("place_part", p) for q in preps(p, ("of",))]
    for p in places:
        found = city(ctx, p)
        objects.extend([found] if found else [])
        objects.extend(m for m in fan(ctx, p) if m.actor.type == "State" and m.kind in {"name", "capital"})
    return objects


def nationals(ctx: SentenceContext, verb: Token) -> list[Mention]:
    """The state whose goods or people a measure hits: "banned imports of Japanese seafood".

    Sanction verbs often take a trade or travel noun as object; the demonym or state inside it (at most
    two levels down: "imports of <Japanese> seafood", "visa-free travel for <Turkish> citizens") is the
    sanctioned state.
    """
    out: list[Mention] = []
    for c in verb.children:
        if c.dep_ != "dobj" or ctx.index.at(c.i):
            continue
        for p in preps(c, ("of", "for", "from", "to")):
            for t in (p, *p.children):
                out.extend(m for m in ctx.index.at(t.i) if m.state and m.actor.type == "State")
            for q in preps(p, ("of", "from")):
                for t in (q, *q.children):
                    out.extend(m for m in ctx.index.at(t.i) if m.state and m.actor.type == "State")
    return unique(out)
