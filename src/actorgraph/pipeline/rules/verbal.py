"""Verbal triggers: a verb's subject and object, with passives, "X-backed", relative and control clauses.

"Turkey supports Azerbaijan", "Armenia was attacked by Azerbaijan", "Russia continues to back Syria", "the
ceasefire that Russia brokered between A and B". Conjunctions fan out on both sides; reciprocal verbs ("A and
B clashed", "met each other") give every pair; frame flags of the lexicon (``rev``, ``negflip``, ``attended``,
``enemies``) and ontology hints (``contact``, ``placeTarget``, ``nationalTarget``, ``mediation``,
``withPartners``, ``jointAgreement``) adjust the reading without any rule knowing a relation by name. Also
here: "refused to accept X's proposal" (a rejection), crediting verbs ("thanked Ankara for its support") and
predicate adjectives ("X is concerned about Y's moves").
"""

from __future__ import annotations

from spacy.tokens import Token

from ...lexicon import LexiconEntry
from ..mentions import Mention
from ..modality import Modality, modality_of
from .arguments import (
    between,
    fan,
    is_event_noun,
    means,
    noun_agents,
    preps,
    reciprocal,
    stance,
    subjects,
    talks_noun,
)
from .base import SentenceContext, lemma, pos_class, stem, token_rule, trigger_entries, unique
from .targets import city_targets, locative_targets, nationals

__all__ = ["adjective", "credit", "read_verb", "refusal", "verb"]


def hostile_object(ctx: SentenceContext, verb: Token) -> bool:
    """Whether a verb's direct object names a hostile act ("sent strikes"), not a weapon ("sent drones")."""
    for c in verb.children:
        if c.dep_ == "dobj" and not ctx.index.at(c.i) and not ctx.word("weapon", c):
            rels = ctx.lex.relations(lemma(c), "noun") or ctx.lex.relations(stem(c.lower_), "noun")
            if rels and all(ctx.lex.relation_type(e).polarity < 0 for e in rels):
                return True
    return False


def _prep_names(entry: LexiconEntry) -> set[str]:
    """The prepositions that introduce a verb's object; a phrase's last word may be one ("call on")."""
    names = set(entry.preps)
    if len(entry.words) > 1:
        names.add(entry.words[-1])
    return names


def _passive_objects(ctx: SentenceContext, verb: Token, objects: list[Mention]) -> None:
    """Add the object of a passive verb: its subject ("Armenia was attacked"), else the noun it modifies."""
    objects.extend(m for c in verb.children if c.dep_ == "nsubjpass" for m in fan(ctx, c))
    if verb.dep_ in {"acl", "amod"} and not objects:
        objects.extend(fan(ctx, verb.head))
    if verb.dep_ == "advcl" and verb.tag_ == "VBN" and not objects:
        # "Egged on by X, Y's offensive went on": the passive participle describes the main subject
        objects.extend(subjects(ctx, verb.head)[0])


def _verb_objects(ctx: SentenceContext, verb: Token, entry: LexiconEntry, passive: bool) -> list[Mention]:
    """The objects of a verb trigger: direct object, the lexicon's prepositions, a passive's subject."""
    names = _prep_names(entry)
    objects: list[Mention] = []
    if len(entry.words) > 1:
        # "cut diplomatic ties with": the preposition hangs off whichever phrase word the parser chose
        for nxt in ctx.doc[verb.i + 1 : min(verb.i + len(entry.words) + 3, ctx.sent.end)]:
            for p in preps(nxt, names):
                objects.extend(fan(ctx, p))
    if passive and (not entry.preps or "dobj" in entry.flags):
        _passive_objects(ctx, verb, objects)  # but "fighters were sent to A by B": the fighters were sent
    if (not entry.preps and "between" not in entry.flags) or "dobj" in entry.flags:
        for c in verb.children:
            if c.dep_ in {"dobj", "dative", "oprd"} or (
                c.dep_ in {"attr", "npadvmod", "appos"} and lemma(verb) != "be"
            ):
                objects.extend(fan(ctx, c))
    for p in preps(verb, names):
        objects.extend(fan(ctx, p))
    if names and not objects:
        # "spoke by phone with X": the preposition hangs off another prepositional phrase
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ not in names:
                for p in c.children:
                    if p.dep_ == "pobj":
                        for q in preps(p, names):
                            objects.extend(fan(ctx, q))
    for c in verb.children:
        if c.dep_ == "dobj" and ctx.word("relative_pronoun", c) and verb.dep_ == "relcl":
            objects.extend(fan(ctx, verb.head))
    light = ctx.lex.has_role(lemma(verb), "_light", "verb")
    if not objects and ctx.lex.relation_type(entry).polarity < 0 and not light:
        # "condemned Russia's war against Ukraine": a hostile stance toward an event targets its agent (a
        # light verb acts through its noun instead: "launched the Japan-U.S. Partnership" attacks nobody)
        objects.extend(
            m
            for c in verb.children
            if c.dep_ == "dobj" and is_event_noun(ctx, c)
            for m in noun_agents(ctx, c)
        )
    return unique(objects)


def _negflip(
    ctx: SentenceContext, verb: Token, entry: LexiconEntry, subjs: list[Mention], objects: list[Mention]
) -> bool:
    """A verb whose negation asserts the relation ("did not rule out action against X", "never abandon").

    The entry only fires when the verb is negated; the relation then comes out positive, keeping the
    clause's mood (a double negative is an assertion, a conditional stays conditional).
    """
    mod = modality_of(verb, ctx.sent, ctx.resources)
    if not mod.negated:
        return False
    if not objects:
        objects = [
            m for c in verb.children if c.dep_ == "dobj" for p in preps(c, entry.preps) for m in fan(ctx, p)
        ]
    start = len(ctx.candidates)
    n = ctx.add(subjs, objects, entry, verb, "svo-negflip")
    for cand in ctx.candidates[start:]:
        cand.modality = Modality(False, mod.mood, "double negative")
    return n > 0


def _attended(ctx: SentenceContext, verb: Token, entry: LexiconEntry, hosts: list[Mention]) -> int:
    """Read "X hosted the conference, (which was) attended by A and B": the host consults each guest."""
    guests = [
        m
        for c in verb.children
        if c.dep_ == "dobj"
        for r in c.children
        if r.dep_ in {"acl", "relcl"} and ctx.word("attendance", r)
        for p in preps(r, ("by",))
        for m in fan(ctx, p)
    ]
    return ctx.add(hosts, unique(guests), entry, verb, "svo-attended")


def _between(
    ctx: SentenceContext,
    verb: Token,
    entry: LexiconEntry,
    subjs: list[Mention],
    objects: list[Mention],
    rule: str,
) -> tuple[int, bool]:
    """Read "brokered a ceasefire between A and B": (candidates, whether the verb is settled)."""
    dobjs = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    if verb.dep_ == "relcl" and any(ctx.word("relative_pronoun", c) for c in dobjs):
        dobjs.append(verb.head)  # "a ceasefire between A and B that Russia brokered"
    parties = between(ctx, verb, *dobjs)
    rtype = ctx.lex.relation_type(entry)
    mediation = "mediation" in rtype.hints
    if not parties and mediation and any(talks_noun(ctx, d) for d in dobjs):
        # "Lavrov hosted the negotiations", "the talks are mediated by X": the parties are the sides of the
        # paragraph's last two-sided event
        parties = list(ctx.parties)
    if not parties:
        return 0, False
    if mediation:
        n = ctx.add(subjs, parties, entry, verb, "between-mediation")
        return n + ctx.add(subjs, objects, entry, verb, rule), True
    return ctx.add_pairs(parties, rtype, verb, "between"), False


def _common_enemy(ctx: SentenceContext, verb: Token, subjs: list[Mention], objects: list[Mention]) -> int:
    """Read "X fought alongside Y against Z": both fighters clash with Z (the relation hinted ``clash``)."""
    clash = ctx.lex.hinted("clash")
    if not objects or clash is None:
        return 0
    enemies = [m for p in preps(verb, ("against",)) for m in fan(ctx, p)]
    return ctx.add(subjs + objects, enemies, clash, verb, "svo")


def _emit(
    ctx: SentenceContext,
    verb: Token,
    entry: LexiconEntry,
    subjs: list[Mention],
    objects: list[Mention],
    rule: str,
    how: str | None,
) -> int:
    """Propose subject -> object, or the pairs of a conjoined subject, or the parties an agreement names."""
    rtype = ctx.lex.relation_type(entry)
    if objects:
        return ctx.add(subjs, objects, entry, verb, rule, how)
    if "recip" in entry.flags and len(subjs) >= 2 and not stance(ctx, verb):
        if rtype.polarity < 0 and _side_by_side(ctx, verb):
            return 0  # "France and Iraq fight to defeat ISIS": they fight together, not each other
        return ctx.add_pairs(subjs, rtype, verb, "between-recip") if rtype.symmetric else 0
    n = 0
    if "jointAgreement" in rtype.hints and len({m.key for m in subjs}) < 2:
        # "the ministers agreed that Moscow and Ankara would ...": the sides named in the agreement
        for c in verb.children:
            if c.dep_ == "ccomp":
                inner = subjects(ctx, c)[0]
                if len({m.key for m in inner}) >= 2:
                    n += ctx.add_pairs(inner, rtype, verb, "between-recip")
    return n


def _side_by_side(ctx: SentenceContext, verb: Token) -> bool:
    """Whether a conjoined subject acts together against a target of its own.

    "Fight to defeat X", "fight terrorism", "fight together"; not "fought a war", "fought over Karabakh".
    """
    for c in verb.children:
        if c.dep_ == "xcomp" or (c.dep_ == "dobj" and not is_event_noun(ctx, c)):
            return True
        if c.lower_ in {"against", "alongside", "together", "jointly", "side"}:
            return True
    return False


def read_verb(ctx: SentenceContext, verb: Token, entry: LexiconEntry) -> bool:
    """Read one lexicon entry of a verb trigger; True when it yielded a candidate.

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence, triples
        >>> ctx = sentence(
        ...     "Kuwait was invaded by Iraq",
        ...     heads=[2, 2, 2, 2, 3],
        ...     deps=["nsubjpass", "auxpass", "ROOT", "agent", "pobj"],
        ...     pos=["PROPN", "AUX", "VERB", "ADP", "PROPN"],
        ...     lemmas=["Kuwait", "be", "invade", "by", "Iraq"],
        ...     tags=["NNP", "VBD", "VBN", "IN", "NNP"],
        ... )
        >>> read_verb(ctx, ctx.doc[2], ctx.lex.relations("invade", "verb")[0])
        True
        >>> triples(ctx)
        [('IRQ', 'attacks', 'KWT', 'passive')]
    """
    rtype = ctx.lex.relation_type(entry)
    if rtype.polarity > 0 and hostile_object(ctx, verb):
        return False  # "delivered airstrikes to X": the strikes decide, the verb only carries them
    subjs, passive = subjects(ctx, verb)
    rule = "passive" if passive else "svo"
    objects = _verb_objects(ctx, verb, entry, passive)
    if "contact" in rtype.hints and any(c.dep_ in {"oprd", "ccomp"} for c in verb.children):
        return False  # "called Putin 'my dear friend'": naming, not a call
    if not objects and reciprocal(verb) and len(subjs) >= 2:
        n = sum(
            ctx.add([a], [b for b in subjs if b.key != a.key], entry, verb, "svo-reciprocal") for a in subjs
        )
        return n > 0
    how = means(ctx, verb, *[c for c in verb.children if c.dep_ == "dobj"], skip=_prep_names(entry))
    if "rev" in entry.flags:
        subjs, objects = objects, subjs  # "the Arab League readmitted Syria"
    if "contact" in rtype.hints and "recip" not in entry.flags:
        # "Syrian fighters travelled to Azerbaijan" is no visit of Syria: a visit needs the state itself
        subjs = [m for m in subjs if m.kind != "demonym"]
    if not objects and not passive and "placeTarget" in rtype.hints:
        objects = locative_targets(ctx, verb) or city_targets(ctx, verb)
    if not objects and "nationalTarget" in rtype.hints:
        objects = nationals(ctx, verb)
    if "negflip" in entry.flags:
        return _negflip(ctx, verb, entry, subjs, objects)
    n = _common_enemy(ctx, verb, subjs, objects) if "enemies" in entry.flags else 0
    if "withPartners" in rtype.hints:
        # "France co-chairs the group with Russia": the with-partners co-chair it too
        subjs = subjs + [m for p in preps(verb, ("with",)) for m in fan(ctx, p)]
    if "attended" in entry.flags:
        n += _attended(ctx, verb, entry, subjs)
    if "between" in entry.flags:
        found, settled = _between(ctx, verb, entry, subjs, objects, rule)
        if settled:
            return n + found > 0
        n += found
    return n + _emit(ctx, verb, entry, subjs, objects, rule, how) > 0


@token_rule("verb")
def verb(ctx: SentenceContext, tok: Token) -> bool:
    """Read a verb trigger with the first of its lexicon entries that yields a candidate.

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence, triples
        >>> ctx = sentence(
        ...     "Turkey supports Azerbaijan",
        ...     heads=[1, 1, 1],
        ...     deps=["nsubj", "ROOT", "dobj"],
        ...     pos=["PROPN", "VERB", "PROPN"],
        ...     lemmas=["Turkey", "support", "Azerbaijan"],
        ... )
        >>> verb(ctx, ctx.doc[1]), triples(ctx)
        (False, [('TUR', 'supports', 'AZE', 'svo')])
    """
    if pos_class(tok) == "verb":
        for entry in trigger_entries(ctx, tok, "verb"):
            if read_verb(ctx, tok, entry):
                break
    return False


@token_rule("refusal")
def refusal(ctx: SentenceContext, tok: Token) -> bool:
    """Read "X refused to accept Y's proposal" as a positive rejection of Y, not a negated relation.

    Refusal verbs are the lexicon's negators flagged ``refusal``; acceptance verbs are the ``acceptance``
    word class; the relation is the one hinted ``rejection`` in the ontology.

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence, triples
        >>> ctx = sentence(
        ...     "Baku refused to accept Yerevan 's proposal",
        ...     heads=[1, 1, 3, 1, 6, 4, 3],
        ...     deps=["nsubj", "ROOT", "aux", "xcomp", "poss", "case", "dobj"],
        ...     pos=["PROPN", "VERB", "PART", "VERB", "PROPN", "PART", "NOUN"],
        ...     lemmas=["Baku", "refuse", "to", "accept", "Yerevan", "'s", "proposal"],
        ... )
        >>> refusal(ctx, ctx.doc[3]), triples(ctx)
        (True, [('AZE', 'rejects', 'ARM', 'svo-refusal')])
    """
    if pos_class(tok) != "verb" or not ctx.word("acceptance", tok) or tok.dep_ != "xcomp":
        return False
    if not ctx.lex.has_flag(lemma(tok.head), "verb", "refusal", role="_negator"):
        return False
    objects = [m for c in tok.children if c.dep_ == "dobj" for m in fan(ctx, c)]
    rejection = ctx.lex.hinted("rejection")
    if not objects or rejection is None:
        return False
    start = len(ctx.candidates)
    n = ctx.add(subjects(ctx, tok)[0], objects, rejection, tok, "svo-refusal")
    mod = modality_of(tok.head, ctx.sent, ctx.resources)
    for cand in ctx.candidates[start:]:
        cand.modality = mod
    return n > 0


def _credited(
    ctx: SentenceContext,
    verb: Token,
    accusers: list[Mention] | None = None,
    accused: list[Mention] | None = None,
) -> int:
    """Read "X blamed Y for the strike", "Baku thanked Ankara for its support": Y did what it names.

    The event's own object wins; otherwise the crediting subject is the one it was done to, if the event
    fits the verb (praise for a friendly act, blame for a hostile one).
    """
    if accusers is None:
        accusers = subjects(ctx, verb)[0]
    if accused is None:
        accused = [m for c in verb.children if c.dep_ == "dobj" for m in fan(ctx, c)]
    if not accused:
        return 0
    praising = ctx.lex.credit_sign(lemma(verb)) > 0
    n = 0
    for p in preps(verb, ("for", "of")):
        entries = ctx.lex.relations(lemma(p), "noun" if p.pos_ in {"NOUN", "PROPN"} else "verb")
        if not entries or p.i in ctx.used_triggers:
            continue
        rtype = ctx.lex.relation_type(entries[0])
        if "accusation" in rtype.hints:
            continue
        targets = [m for q in preps(p, entries[0].preps) for m in fan(ctx, q)]
        targets += [m for c in p.children if c.dep_ == "dobj" for m in fan(ctx, c)]
        fits = not rtype.symmetric and (rtype.polarity > 0 if praising else rtype.polarity < 0)
        victims = unique(targets) or (accusers if fits else [])
        n += ctx.add(accused, victims, rtype, p, "nominal-credit", factor=0.85)
    return n


@token_rule("credit")
def credit(ctx: SentenceContext, tok: Token) -> bool:
    """Read a crediting verb (lexicon role ``_credit``), also one the tagger took for a noun.

    "Baku thanks Ankara for support" as a headline, with "thanks" a noun, is read in word order.

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence, triples
        >>> ctx = sentence(
        ...     "Turkey blamed Syria for the attack",
        ...     heads=[1, 1, 1, 1, 5, 3],
        ...     deps=["nsubj", "ROOT", "dobj", "prep", "det", "pobj"],
        ...     pos=["PROPN", "VERB", "PROPN", "ADP", "DET", "NOUN"],
        ...     lemmas=["Turkey", "blame", "Syria", "for", "the", "attack"],
        ... )
        >>> credit(ctx, ctx.doc[1]), triples(ctx)
        (False, [('SYR', 'attacks', 'TUR', 'nominal-credit')])
    """
    cls = pos_class(tok)
    if cls == "verb" and ctx.lex.has_role(lemma(tok), "_credit", "verb"):
        _credited(ctx, tok)
    elif cls == "noun" and ctx.lex.has_role(stem(tok.lower_), "_credit", "verb"):
        sent = ctx.sent
        if tok.i - 1 >= sent.start and tok.i + 1 < sent.end:
            left = [m for m in ctx.index.at(tok.i - 1) if not m.is_modifier]
            right = [m for m in ctx.index.at(tok.i + 1) if not m.is_modifier]
            if left and right:
                _credited(ctx, tok, left, right)
    return False


@token_rule("adjective")
def adjective(ctx: SentenceContext, tok: Token) -> bool:
    """Read "X is concerned about / alarmed by Y's moves": a predicate adjective with prepositions.

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence, triples
        >>> ctx = sentence(
        ...     "Iran is concerned about Israel",
        ...     heads=[1, 1, 1, 2, 3],
        ...     deps=["nsubj", "ROOT", "acomp", "prep", "pobj"],
        ...     pos=["PROPN", "AUX", "ADJ", "ADP", "PROPN"],
        ...     lemmas=["Iran", "be", "concerned", "about", "Israel"],
        ... )
        >>> adjective(ctx, ctx.doc[2]), triples(ctx)
        (False, [('IRN', 'opposes', 'ISR', 'adj')])
    """
    if pos_class(tok) != "adj" or tok.dep_ not in {"acomp", "amod"} or tok.i in ctx.used_triggers:
        return False
    entries = [e for e in ctx.lex.relations(tok.lower_, "adj") if not e.is_helper and e.preps]
    if not entries:
        return False
    entry = entries[0]
    if tok.dep_ == "acomp":
        holders = subjects(ctx, tok.head)[0]
    else:
        holders = fan(ctx, tok.head) if tok.head.i > tok.i else []  # "a concerned Moscow"
    objects = [m for p in preps(tok, entry.preps) for m in fan(ctx, p)]
    if holders and objects:
        ctx.add(holders, objects, entry, tok, "adj")
        ctx.used_triggers.add(tok.i)
    return False
