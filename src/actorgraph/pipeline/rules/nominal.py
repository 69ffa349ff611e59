"""Nominal triggers: event nouns ("support for X"), gerunds, hyphenated participles, "pro-"/"anti-", "joint".

An event noun's agent is its possessive, a demonym or name modifier, "by X", "X-led" or the subject of a light
verb ("expressed support for"); its object comes through the lexicon's prepositions ("support *for*",
"strikes *on*"). Symmetric nouns read "talks between A and B", conjoined owners ("Russian-Turkish patrols")
and mediators ("talks hosted by X", "a Qatar-brokered deal"). Relation-specific readings come from ontology
hints: ``placeTarget`` (a city or territory hit), ``showOfForce`` ("in a show of force"), ``directive`` ("at
X's request"), ``contact`` ("held talks in Ankara"), ``mediation``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ...lexicon import LexiconEntry
from ...model import RelationType
from ..mentions import Mention
from .arguments import (
    between,
    fan,
    framing_verb,
    governing_verb,
    hyphen_prefix,
    mediating_participle,
    noun_agents,
    preps,
    subjects,
)
from .base import SentenceContext, lemma, pos_class, stem, token_rule, trigger_entries, unique, unique_tokens
from .standing import read_role
from .targets import place_targets

__all__ = ["gerund", "joint", "noun", "participle", "prefix", "read_noun"]

_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Dependencies of a gerund that stands as a noun phrase ("Fighting between A and B spread").
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "ROOT"})


@dataclass
class _Frame:
    """The arguments of one event noun as they are read."""

    noun: Token
    entry: LexiconEntry
    rtype: RelationType
    verb: Token | None = None
    light: bool = False
    agents: list[Mention] = field(default_factory=list)
    objects: list[Mention] = field(default_factory=list)
    pobjs: list[Token] = field(default_factory=list)
    mediators: list[tuple[Mention, Token, RelationType]] = field(default_factory=list)

    @property
    def n_agents(self) -> int:
        """Distinct agents (by L1 key)."""
        return len({m.key for m in self.agents})


def _light_verb(ctx: SentenceContext, f: _Frame) -> None:
    """The verb governing the noun, and whether it is light ("expressed support", "in a show of force")."""
    noun, entry = f.noun, f.entry
    first = ctx.doc[max(noun.i - len(entry.words) + 1, ctx.sent.start)]
    f.verb = governing_verb(ctx, noun)
    if f.verb is None and entry.pos == "noun" and len(entry.words) > 1:
        f.verb = governing_verb(ctx, first)  # "in a show of force": the phrase hangs on its first word
    f.light = f.verb is not None and ctx.lex.has_role(lemma(f.verb), "_light", "verb")
    if not f.light:
        # "the support (that) the United States has given to Kenya": a light verb in a relative clause
        relative = next(
            (
                c
                for c in noun.children
                if c.dep_ == "relcl"
                and ctx.lex.has_role(lemma(c), "_light", "verb")
                and not any(g.dep_ == "dobj" for g in c.children)
            ),
            None,
        )
        if relative is not None:
            f.verb, f.light = relative, True
    if f.verb is not None and "showOfForce" in f.rtype.hints and not f.light:
        # "flew bombers toward Japan in a show of force / as a warning": the act is the threat
        f.light = first.dep_ == "pobj" and first.head.lower_ in {"in", "as"} and first.head.head.i == f.verb.i


def _objects(ctx: SentenceContext, f: _Frame) -> None:
    """The noun's objects through the lexicon's prepositions, on the noun or on its light verb."""
    noun, entry, verb = f.noun, f.entry, f.verb
    f.pobjs = preps(noun, entry.preps)
    if f.light and verb is not None:
        names = [p for p in entry.preps if p != "of"]
        f.pobjs += preps(verb, names)
        if not f.pobjs:
            # "sent aircraft toward Taiwan in a show of force": the direction hangs on the object
            f.pobjs += [
                q for c in verb.children if c.dep_ == "dobj" and c.i != noun.i for q in preps(c, names)
            ]
    f.objects = unique([m for p in f.pobjs for m in fan(ctx, p)])
    if not f.objects and "placeTarget" in f.rtype.hints:
        f.objects = place_targets(ctx, noun, f.pobjs)


def _predicate(noun: Token) -> Token | None:
    """The copula a noun is the predicate of ("is a threat", "remains in contact"), if any."""
    head = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "in" else noun.head
    if noun.dep_ in {"attr", "pobj"} and lemma(head) in {"be", "remain", "become", "stay", "keep"}:
        return head
    return None


def _agents(ctx: SentenceContext, f: _Frame) -> None:
    """The noun's agents: owners, "by X", "from X", "the support of X for Y", a light verb's subject."""
    noun, entry, verb = f.noun, f.entry, f.verb
    agents = [m for m in noun_agents(ctx, noun) if m.head != noun.i]
    by_agents = [m for p in preps(noun, ("by",)) for m in fan(ctx, p)]
    if not by_agents:
        # the parser often hangs "by X" on the noun's object ("the expulsion of diplomats by Poland")
        by_agents = [m for o in f.pobjs for p in preps(o, ("by",)) for m in fan(ctx, p)]
    from_agents = (
        [m for p in preps(noun, ("from",)) for m in fan(ctx, p)] if "from" not in entry.preps else []
    )
    f.agents = unique(agents + by_agents + from_agents)
    if not f.agents and f.objects:
        f.agents = _outer_agents(ctx, f)
    if not f.agents and "of" in entry.preps and f.objects:
        # "the support of Turkey for Azerbaijan": "of" is the agent if another preposition has the object
        of_objs = unique([m for p in preps(noun, ("of",)) for m in fan(ctx, p)])
        others = unique([m for p in preps(noun, [x for x in entry.preps if x != "of"]) for m in fan(ctx, p)])
        if of_objs and others:
            f.agents, f.objects = of_objs, others
    copula = _predicate(noun)
    if not f.agents and f.objects and copula is not None:
        # "Iran is a threat to Israel", "France is in close contact with Israel": the copula's subject
        f.agents = subjects(ctx, copula)[0]
    if not f.agents and verb is not None and (f.light or noun.dep_ == "nsubjpass"):
        f.agents = subjects(ctx, verb)[0]
        light_rev = any(
            "rev" in e.flags for e in ctx.lex.lookup(lemma(verb), "verb") if e.relation == "_light"
        )
        if f.light and light_rev:
            # "Armenia received support from Russia": the from-actor is the agent
            givers = [m for p in preps(noun, ("from",)) + preps(verb, ("from",)) for m in fan(ctx, p)]
            if givers:
                f.agents, f.objects = unique(givers), f.agents


def _outer_agents(ctx: SentenceContext, f: _Frame) -> list[Mention]:
    """The agents of an event noun this one names the kind of: "Russia's war *of aggression* against X".

    Only when the outer noun is itself an event of the same polarity ("war", "campaign", "acts"), so that
    "Ukraine's victims of aggression" does not make Ukraine the aggressor.
    """
    noun = f.noun
    if noun.dep_ != "pobj" or noun.head.lower_ != "of" or noun.head.head.pos_ not in {"NOUN", "PROPN"}:
        return []
    outer = noun.head.head
    if not any(
        ctx.lex.relation_type(e).polarity == f.rtype.polarity
        for e in ctx.lex.relations(lemma(outer), pos_class(outer))
    ):
        return []
    return [m for m in noun_agents(ctx, outer) if m.head != outer.i]


def mediators(ctx: SentenceContext, noun: Token) -> list[tuple[Mention, Token, RelationType]]:
    """Mediators of a symmetric noun: "talks hosted by X", "a Qatar-brokered deal", "X-mediated talks".

    Each comes with the participle that names it and the participle's (mediation) relation; the participles
    are marked used, so that they are not read as triggers of their own.
    """
    out: list[tuple[Mention, Token, RelationType]] = []
    mods = [*noun.children, *(g for c in noun.children if c.dep_ == "compound" for g in c.children)]
    for c in mods:
        if c.dep_ not in {"acl", "amod"} or not mediating_participle(ctx, c):
            continue
        rtype = next(
            ctx.lex.relation_type(e)
            for e in ctx.lex.lookup(lemma(c), "participle")
            if not e.is_helper and "mediation" in ctx.lex.relation_type(e).hints
        )
        found = list(hyphen_prefix(ctx, c))
        if c.tag_ == "VBD" and any(g.dep_ in _SUBJ for g in c.children):
            found += subjects(ctx, c)[0]  # "Kazakhstan hosted talks between A and B" parsed as a modifier
        found += [m for p in preps(c, ("by",)) for m in fan(ctx, p)]
        out.extend((m, c, rtype) for m in found)
        if not out and noun.dep_ == "ROOT" and c.i < noun.i and not hyphen_prefix(ctx, c):
            # "A and B hosted (ceasefire) talks between ..." parsed as a noun phrase with a subject
            out.extend((m, c, rtype) for g in noun.children if g.dep_ == "nsubj" for m in fan(ctx, g))
        ctx.used_triggers.add(c.i)
    return out


def _parties(ctx: SentenceContext, f: _Frame) -> int | None:
    """Read "talks between A and B" (and their mediators); None when the noun names no parties."""
    verb = f.verb
    parties = between(ctx, f.noun, *([verb] if f.light and verb is not None else []))
    f.mediators = mediators(ctx, f.noun)
    if f.mediators and not parties and not f.objects and f.n_agents < 2:
        parties = list(ctx.parties)  # "the Russian-brokered ceasefire did not last": the last event's sides
    if not parties:
        return None
    if "mediation" in f.rtype.hints:
        return ctx.add(f.agents, parties, f.rtype, f.noun, "between-mediation")
    n = ctx.add_pairs(parties, f.rtype, f.noun, "between") if f.rtype.symmetric else 0
    for mediator, participle, rtype in f.mediators:
        n += ctx.add([mediator], parties, rtype, participle, "between-mediation")
    return n


def _context(ctx: SentenceContext, f: _Frame) -> None:
    """Arguments from the noun's clause: the traveller "for talks", "at X's request", talks "in Ankara"."""
    noun, verb, rtype = f.noun, f.verb, f.rtype
    if f.objects and not f.agents and noun.dep_ == "pobj" and noun.head.lower_ == "for" and verb is not None:
        f.agents = subjects(ctx, verb)[0]  # "travelled to St Petersburg for talks with Putin"
    if (
        "directive" in rtype.hints
        and not f.objects
        and noun.dep_ == "pobj"
        and noun.head.lower_ in {"at", "upon"}
    ):
        acting = noun.head.head  # "At Turkey's request, NATO envoys met": the request went to whoever acted
        if acting.pos_ in {"VERB", "AUX"}:
            f.objects = subjects(ctx, acting)[0]
            if not f.agents:  # "at the request of President X": the "of" phrase asked
                f.agents = [m for p in preps(noun, ("of",)) for m in fan(ctx, p)]
    alone = f.n_agents == 1 and all(m.state for m in f.agents)
    if "contact" in rtype.hints and f.light and verb is not None and not f.objects and alone:
        # "A's ministers held talks in Ankara": talks in a foreign capital are with its state
        f.objects = [
            m
            for p in preps(noun, ("in",)) + preps(verb, ("in",))
            for m in fan(ctx, p)
            if m.kind == "capital" and m.actor.type == "State"
        ]
    if not f.objects and not f.agents and rtype.symmetric and "recip" in f.entry.flags:
        # "A and B agreed on a truce after talks in Moscow", "restored ties in a China-brokered deal", "have
        # been in conflict": the clause's conjoined subject held the talks / is in the conflict; a hostile
        # noun only as the clause's state ("after the fighting" is someone else's fighting)
        framing = framing_verb(ctx, noun, hostile=rtype.polarity < 0)
        if framing is not None:
            f.agents = [m for m in subjects(ctx, framing)[0] if m.actor.type != "Person" or m.state]
            if f.n_agents < 2:
                f.agents = []


def _distributive(noun: Token) -> bool:
    """Whether each owner has a possessive of its own ("A's and B's meetings" are two events)."""
    owners = unique_tokens(t for c in noun.children if c.dep_ == "poss" for t in (c, *c.conjuncts))
    return len(owners) >= 2 and all(
        any(g.dep_ == "case" for g in t.children) or t.text.endswith(("'s", "’s")) for t in owners
    )


def _emit(ctx: SentenceContext, f: _Frame) -> int:
    """Propose agent -> object, or the pairs of conjoined agents of a reciprocal noun."""
    if f.objects:
        return ctx.add(f.agents, f.objects, f.rtype, f.noun, "nominal")
    if f.rtype.symmetric and f.n_agents >= 2 and "recip" in f.entry.flags and not _distributive(f.noun):
        n = ctx.add_pairs(f.agents, f.rtype, f.noun, "between-recip")
        for mediator, participle, rtype in f.mediators:
            n += ctx.add([mediator], f.agents, rtype, participle, "between-mediation")
        return n
    if f.rtype.symmetric and f.light and f.verb is not None and len(f.agents) >= 2:
        return ctx.add_pairs(f.agents, f.rtype, f.noun, "between-recip")
    return 0


def read_noun(ctx: SentenceContext, noun: Token, entry: LexiconEntry) -> bool:
    """Read one lexicon entry of an event noun; True when it yielded a candidate.

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence, triples
        >>> ctx = sentence(
        ...     "Iran 's support for Syria grew",
        ...     heads=[2, 0, 5, 2, 3, 5],
        ...     deps=["poss", "case", "nsubj", "prep", "pobj", "ROOT"],
        ...     pos=["PROPN", "PART", "NOUN", "ADP", "PROPN", "VERB"],
        ...     lemmas=["Iran", "'s", "support", "for", "Syria", "grow"],
        ... )
        >>> read_noun(ctx, ctx.doc[2], ctx.lex.relations("support", "noun")[0])
        True
        >>> triples(ctx)
        [('IRN', 'supports', 'SYR', 'nominal')]
    """
    if noun.i in ctx.means_tokens:
        return False
    if noun.dep_ == "compound" and ctx.lex.relations(lemma(noun.head), "noun"):
        return False  # "ceasefire talks" are talks: the head noun is the trigger
    rtype = ctx.lex.relation_type(entry)
    if "role" in entry.flags:
        settled = read_role(ctx, noun, entry, rtype)
        if settled is not None:
            return settled
    f = _Frame(noun, entry, rtype)
    _light_verb(ctx, f)
    _objects(ctx, f)
    _agents(ctx, f)
    n = _parties(ctx, f)
    if n is not None:
        return n > 0
    _context(ctx, f)
    return _emit(ctx, f) > 0


@token_rule("noun")
def noun(ctx: SentenceContext, tok: Token) -> bool:
    """Read a noun trigger with the first of its lexicon entries that yields a candidate.

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence, triples
        >>> ctx = sentence(
        ...     "talks between Armenia and Azerbaijan",
        ...     heads=[0, 0, 1, 2, 2],
        ...     deps=["ROOT", "prep", "pobj", "cc", "conj"],
        ...     pos=["NOUN", "ADP", "PROPN", "CCONJ", "PROPN"],
        ...     lemmas=["talk", "between", "Armenia", "and", "Azerbaijan"],
        ... )
        >>> noun(ctx, ctx.doc[0]), triples(ctx)
        (False, [('ARM', 'consultsWith', 'AZE', 'between')])
    """
    if pos_class(tok) == "noun":
        for entry in trigger_entries(ctx, tok, "noun"):
            if read_noun(ctx, tok, entry):
                break
    return False


@token_rule("gerund")
def gerund(ctx: SentenceContext, tok: Token) -> bool:
    """Read a verb that no verb reading used as a noun: a gerund, or a noun the tagger took for a verb.

    "Fighting between A and B spread"; "held ceasefire talks" with "talks" tagged as a verb.

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence, triples
        >>> ctx = sentence(
        ...     "Fighting between Armenia and Azerbaijan spread",
        ...     heads=[5, 0, 1, 2, 2, 5],
        ...     deps=["nsubj", "prep", "pobj", "cc", "conj", "ROOT"],
        ...     pos=["VERB", "ADP", "PROPN", "CCONJ", "PROPN", "VERB"],
        ...     lemmas=["fight", "between", "Armenia", "and", "Azerbaijan", "spread"],
        ...     tags=["VBG", "IN", "NNP", "CC", "NNP", "VBD"],
        ... )
        >>> gerund(ctx, ctx.doc[0]), triples(ctx)
        (False, [('ARM', 'clashesWith', 'AZE', 'between')])
    """
    if pos_class(tok) != "verb" or tok.i in ctx.used_triggers:
        return False
    if tok.dep_ in _NOMINAL_DEPS and (tok.tag_ == "VBG" or tok.dep_ != "ROOT"):
        for entry in ctx.lex.relations(tok.lower_, "noun") or ctx.lex.relations(stem(tok.lower_), "noun"):
            if read_noun(ctx, tok, entry):
                break
    return False


@token_rule("participle")
def participle(ctx: SentenceContext, tok: Token) -> bool:
    """Read a hyphenated participle: "Russian-backed X" (X an actor); a "X-brokered deal" is left to the noun.

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence, triples
        >>> ctx = sentence(
        ...     "Russian - backed separatists attacked",
        ...     heads=[2, 2, 3, 4, 4],
        ...     deps=["npadvmod", "punct", "amod", "nsubj", "ROOT"],
        ...     lemmas=["Russian", "-", "back", "separatist", "attack"],
        ... )
        >>> participle(ctx, ctx.doc[2]), ctx.candidates
        (True, [])
    """
    prefix_actors = hyphen_prefix(ctx, tok)
    if not prefix_actors:
        return False
    entries = [e for e in ctx.lex.lookup(lemma(tok), "participle") if not e.is_helper]
    if not entries:
        return False
    rtype = ctx.lex.relation_type(entries[0])
    if "mediation" in rtype.hints:
        return False
    objects = [m for m in fan(ctx, tok.head) if m not in prefix_actors and m.start > tok.i]
    if objects:
        ctx.add(prefix_actors, objects, rtype, tok, "nominal-participle")
    ctx.used_triggers.add(tok.i)
    return True


@token_rule("prefix")
def prefix(ctx: SentenceContext, tok: Token) -> bool:
    """Read "pro-Azerbaijani policy": the policy's owner supports Azerbaijan ("anti-": opposes).

    The prefixes are lexicon adjectives flagged ``prefix``; people and groups who hold the stance themselves
    ("pro-Turkish militias", the ``stance_holder`` word class) give no relation.

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence, triples
        >>> ctx = sentence(
        ...     "Iran 's pro - Syrian policy",
        ...     heads=[5, 0, 5, 2, 2, 5],
        ...     deps=["poss", "case", "amod", "punct", "amod", "ROOT"],
        ...     pos=["PROPN", "PART", "ADJ", "PUNCT", "ADJ", "NOUN"],
        ...     lemmas=["Iran", "'s", "pro", "-", "syrian", "policy"],
        ... )
        >>> prefix(ctx, ctx.doc[2]), triples(ctx)
        (True, [('IRN', 'supports', 'SYR', 'prefix')])
    """
    if not ctx.lex.has_flag(tok.lower_, "adj", "prefix"):
        return False
    doc = ctx.doc
    entries = [e for e in ctx.lex.lookup(tok.lower_, "adj") if not e.is_helper]
    if not entries or tok.i + 2 >= len(doc) or doc[tok.i + 1].text not in {"-", "–"}:
        return True
    targets = list(ctx.index.at(tok.i + 2))
    if not targets:
        return True
    head = tok.head
    while head.dep_ in {"amod", "compound"} and head.head.i > head.i and head.pos_ != "NOUN":
        head = head.head  # "pro-Turkish groups" parsed as pro <- Turkish <- groups
    if ctx.word("stance_holder", head):
        return True  # "pro-Turkish militias" hold the stance themselves; whoever acts on them does not
    owners = [m for m in noun_agents(ctx, head) if m not in targets]
    if not owners and head.dep_ in {"dobj", "attr", "nsubj", "nsubjpass"}:
        verb = governing_verb(ctx, head)
        if verb is not None:
            owners = subjects(ctx, verb)[0]
    ctx.add(owners, targets, entries[0], tok, "prefix")
    return True


def _joint_parties(ctx: SentenceContext, tok: Token) -> list[Mention]:
    """Everyone in a joint act: the noun's owners and partners, or the verb's subjects and "with" phrase."""
    if tok.dep_ == "amod" and tok.head.pos_ in {"NOUN", "PROPN"}:
        event = tok.head
        parties = [m for m in noun_agents(ctx, event) if m.head != tok.i]
        for p in preps(event, ("of", "between", "by")):
            parties.extend(fan(ctx, p))
        verb = governing_verb(ctx, event)
        if len({m.key for m in parties}) < 2 and verb is not None:
            parties = unique(parties + subjects(ctx, verb)[0])
            for p in preps(verb, ("with",)):
                parties.extend(fan(ctx, p))
        return unique(parties)
    if tok.dep_ == "advmod" and tok.head.pos_ in {"VERB", "AUX"}:
        verb = tok.head
        parties = subjects(ctx, verb)[0]
        for p in preps(verb, ("with",)):
            parties = parties + fan(ctx, p)
        return unique(parties)
    return []


@token_rule("joint")
def joint(ctx: SentenceContext, tok: Token) -> bool:
    """Read "joint Russian-Turkish patrols", "A and B will patrol together": all involved cooperate.

    The words are the ``joint`` word class; the relation is the one hinted ``cooperation`` in the ontology.

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence, triples
        >>> ctx = sentence(
        ...     "Russia and Turkey patrol jointly",
        ...     heads=[3, 0, 0, 3, 3],
        ...     deps=["nsubj", "cc", "conj", "ROOT", "advmod"],
        ...     pos=["PROPN", "CCONJ", "PROPN", "VERB", "ADV"],
        ...     lemmas=["Russia", "and", "Turkey", "patrol", "jointly"],
        ... )
        >>> joint(ctx, ctx.doc[4]), triples(ctx)
        (True, [('RUS', 'cooperatesWith', 'TUR', 'between-joint')])
    """
    if not ctx.word("joint", tok):
        return False
    cooperates = ctx.lex.hinted("cooperation")
    parties = _joint_parties(ctx, tok)
    if cooperates is not None and len({m.key for m in parties}) >= 2:
        ctx.add_pairs(parties, cooperates, tok, "between-joint")
    return True
