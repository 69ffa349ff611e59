"""Standing relations from relational nouns: "Belarus, Russia's closest ally", "X is a member of Y".

A relational noun (a lexicon entry flagged ``role``: ally, partner, rival, member, co-chair, mediator) does
not stand for an actor; it *describes* one (the subject) in relation to its owner (the object). The same rule
reads "X acted as a mediator between A and B", "the co-chairs of Y — A, B and C —" and "A and B are partners
in the AUKUS pact" (membership of the organisation: the relation hinted ``membership`` in the ontology).
Taking sides, "X fought on the side of Y", lives here too.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...lexicon import LexiconEntry
from ...model import RelationType
from ..mentions import Mention
from .arguments import between, fan, noun_agents, on_side, preps, subjects
from .base import SentenceContext, token_rule, unique

__all__ = ["described", "read_role", "side"]

_OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})


def _alliance_like(rtype: RelationType) -> bool:
    """Symmetric standing relations that bind two actors (alliance, partnership; not rivalry)."""
    return rtype.standing and rtype.symmetric and rtype.polarity > 0


def _described_by_head(ctx: SentenceContext, head: Token) -> list[Mention] | None:
    """The actor a relational noun describes through the clause it sits in, or None to look further."""
    if head.dep_ == "oprd" or (
        head.dep_ == "dobj" and any(c.dep_ == "dobj" and c.i < head.i for c in head.head.children)
    ):
        # "Turkey calls Azerbaijan its strategic ally"
        return [m for c in head.head.children if c.dep_ == "dobj" and c.i != head.i for m in fan(ctx, c)]
    if head.dep_ in {"attr", "acomp"} and head.head.pos_ in {"AUX", "VERB"}:
        return subjects(ctx, head.head)[0]
    if head.dep_ == "appos":
        return fan(ctx, head.head)
    if head.dep_ == "nsubj" and head.head.lemma_ == "be":
        # "Israel's main adversary is Iran"
        return [m for c in head.head.children if c.dep_ == "attr" for m in fan(ctx, c)]
    if head.dep_ == "pobj" and head.head.lower_ == "as" and head.head.head.pos_ == "VERB":
        return subjects(ctx, head.head.head)[0]
    if head.dep_ == "pobj" and head.head.lower_ == "as" and ctx.word("role_noun", head.head.head):
        # "its role as a mediator": the owner of the role
        return [m for c in head.head.head.children if c.dep_ == "poss" for m in fan(ctx, c)]
    return None


def described(ctx: SentenceContext, noun: Token) -> list[Mention]:
    """The actor a relational noun describes: "X is an ally of Y", "X, Y's ally", "NATO member X".

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence, triples
        >>> ctx = sentence(
        ...     "Belarus is an ally of Russia",
        ...     heads=[1, 1, 3, 1, 3, 4],
        ...     deps=["nsubj", "ROOT", "det", "attr", "prep", "pobj"],
        ...     pos=["PROPN", "AUX", "DET", "NOUN", "ADP", "PROPN"],
        ...     lemmas=["Belarus", "be", "a", "ally", "of", "Russia"],
        ... )
        >>> [m.actor.id for m in described(ctx, ctx.doc[3])]
        ['belarus']
    """
    head = noun
    while head.dep_ == "compound" and head.head.i != head.i:
        if ctx.index.at(head.head.i):
            return fan(ctx, head.head)
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and ctx.word("quantifier", head.head.head):
        head = head.head.head  # "one of the group's members"
    found = _described_by_head(ctx, head)
    if found is not None:
        return found
    if head.dep_ == "conj":
        return described(ctx, head.head)
    for c in head.children:
        if c.dep_ == "appos" and c.i > head.i:
            return fan(ctx, c)
    return []


def _listed(ctx: SentenceContext, noun: Token, entry: LexiconEntry) -> list[Mention]:
    """Read "the co-chairs of Y — A, B and C —": a set-off list after the owner names the holders."""
    for p in preps(noun, entry.preps):
        owner = ctx.index.at(p.i)
        for c in p.children:
            if (
                owner
                and c.dep_ == "appos"
                and c.i > p.i + 1
                and ctx.doc[c.left_edge.i - 1].text in {"—", "–", "(", "-"}
            ):
                listed = [m for m in fan(ctx, c) if m.actor.type == "State" and m not in owner]
                if listed:
                    return listed
    return []


def _role_owners(
    ctx: SentenceContext, noun: Token, entry: LexiconEntry, holders: list[Mention]
) -> list[Mention]:
    """The owners of a relational noun: "Russia's ally", "ally of Russia" (not the described actors)."""
    head = noun
    while head.dep_ == "compound" and not ctx.index.at(head.head.i) and head.head.i != head.i:
        head = head.head
    doc = ctx.doc
    owners: list[Mention] = []
    for tok in [noun] if head.i == noun.i else [noun, head]:
        for c in tok.children:
            if c.dep_ in _OWNER_DEPS and c.i < noun.i:
                if c.i >= 2 and doc[c.i - 1].text == "-" and ctx.word("negative_prefix", doc[c.i - 2]):
                    continue  # "a major non-NATO ally"
                owners.extend(m for m in ctx.index.at(c.i) if m not in holders)
        for p in preps(tok, entry.preps):
            owners.extend(fan(ctx, p))
    return unique([m for m in owners if m not in holders])


def _role(ctx: SentenceContext, noun: Token, entry: LexiconEntry, rtype: RelationType) -> bool:
    """Read a relational noun: the described actor holds the relation to the owner (or to its fellows)."""
    holders = described(ctx, noun) or _listed(ctx, noun, entry)
    owners = _role_owners(ctx, noun, entry, holders)
    # "partners in the AUKUS pact": the organisation may be a modifier of an event noun
    contexts = [m for p in preps(noun, ("in", "within")) for m in (fan(ctx, p) or noun_agents(ctx, p))]
    if not holders:
        holders = [m for m in contexts if m.actor.type == "NonStateGroup"]  # "Turkey's allies in the SNA"
    orgs = [m for m in contexts if m.actor.type == "InternationalOrganization"]
    membership = ctx.lex.hinted("membership") if orgs and _alliance_like(rtype) else None
    if holders and owners:
        n = ctx.add(holders, owners, rtype, noun, "role")
        if membership is not None:
            # "Russia is Armenia's ally in the CSTO": both are members
            n += ctx.add(unique(holders + owners), orgs, membership, noun, "role-context")
        return n > 0
    if holders and membership is not None:
        # "A, B and C are partners in the AUKUS pact": membership, not a pairwise partnership
        return ctx.add(holders, orgs, membership, noun, "role-context") > 0
    if "recip" in entry.flags and rtype.symmetric and len({m.key for m in holders}) >= 2:
        return ctx.add_pairs(holders, rtype, noun, "role-recip") > 0
    return False


def read_role(ctx: SentenceContext, noun: Token, entry: LexiconEntry, rtype: RelationType) -> bool | None:
    """Read a noun flagged ``role``; True or False settles the noun, None lets the nominal reading try.

    A mediator role ("acted as a mediator between A and B") mediates between the parties. Symmetric standing
    relations ("the alliance of A and B") fall back to the nominal reading; other roles do not.
    """
    if "mediation" in rtype.hints:
        parties = between(ctx, noun)
        if parties and ctx.add(described(ctx, noun), parties, rtype, noun, "role-mediation"):
            return True
    if _role(ctx, noun, entry, rtype):
        return True
    return None if rtype.standing and rtype.symmetric else False


@token_rule("side")
def side(ctx: SentenceContext, tok: Token) -> bool:
    """Read "X fought / intervened on the side of Y": X takes Y's side (the lexicon's "side" entry).

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence, triples
        >>> ctx = sentence(
        ...     "Iran fought on the side of Syria",
        ...     heads=[1, 1, 1, 4, 2, 4, 5],
        ...     deps=["nsubj", "ROOT", "prep", "det", "pobj", "prep", "pobj"],
        ...     pos=["PROPN", "VERB", "ADP", "DET", "NOUN", "ADP", "PROPN"],
        ...     lemmas=["Iran", "fight", "on", "the", "side", "of", "Syria"],
        ... )
        >>> side(ctx, ctx.doc[4]), triples(ctx)
        (True, [('IRN', 'supports', 'SYR', 'side')])
    """
    if not on_side(ctx, tok):
        return False
    entries = [e for e in ctx.lex.relations(tok.lower_, "noun") if not e.is_helper and not e.flags]
    verb = tok.head.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head  # "a party on the side of Y" hangs on the noun "party"
    if not entries or verb.pos_ not in {"VERB", "AUX"}:
        return False
    sides = [m for p in preps(tok, ("of",)) for m in fan(ctx, p)] + list(ctx.index.at(tok.i))
    holders = subjects(ctx, verb)[0]
    if ctx.word("placement", verb):
        # "inserted itself as a party on the side of Y": the reflexive object is the subject
        holders = holders or [m for c in verb.children if c.dep_ == "dobj" for m in fan(ctx, c)]
    ctx.add(holders, unique(sides), entries[0], tok, "side")
    ctx.used_triggers.add(tok.i)
    return True
