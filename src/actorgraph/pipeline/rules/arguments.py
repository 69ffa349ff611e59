"""Finding a trigger's actors in the parse: fan-out over conjunctions, subjects, prepositions and means.

These helpers answer the questions every rule asks: which actors does this word stand for ("Turkey", "the
Russian side", "its counterparts A and B", "both sides"); who is the logical subject of this verb (through
passives, control verbs, conjunctions and relative clauses); which words hang off these prepositions; and
what is the means phrase ("through Idlib strikes").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ..mentions import Mention
from .base import SentenceContext, lemma, unique, unique_tokens

__all__ = [
    "actors",
    "between",
    "fan",
    "framing_verb",
    "governing_verb",
    "group_noun",
    "hyphen_prefix",
    "is_event_noun",
    "is_role_noun",
    "means",
    "noun_agents",
    "on_side",
    "preps",
    "reciprocal",
    "stance",
    "stance_target",
    "subjects",
    "talks_noun",
]

_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
_OWNER_DEPS = frozenset({"poss", "amod", "compound", "nmod", "npadvmod"})


def preps(tok: Token, names: Iterable[str]) -> list[Token]:
    """Objects of the named prepositions (or particles) attached to a token.

    Examples:
        >>> import spacy
        >>> from spacy.tokens import Doc
        >>> words, heads, deps = ["support", "for", "Kyiv"], [0, 0, 1], ["ROOT", "prep", "pobj"]
        >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
        >>> [t.text for t in preps(doc[0], ("for", "to"))]
        ['Kyiv']
    """
    wanted = set(names)
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in {"prep", "agent", "dative", "prt"} and c.lower_ in wanted:
            out.extend(p for p in c.children if p.dep_ in {"pobj", "pcomp"})
            if c.dep_ == "prt":
                out.extend(p for p in tok.children if p.dep_ == "dobj")
    return out


def on_side(ctx: SentenceContext, tok: Token) -> bool:
    """Whether a token is "side" in "(VERB) on the side of X" (the ``side`` word class)."""
    return bool(
        ctx.words.has("side", tok.lower_)
        and tok.dep_ == "pobj"
        and tok.head.lower_ == "on"
        and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
    )


def stance_target(ctx: SentenceContext, m: Mention) -> bool:
    """Whether a mention follows a stance prefix ("pro-Turkish groups" are not Turkey)."""
    i = m.start
    doc = ctx.doc
    return i >= 2 and doc[i - 1].text in {"-", "–"} and ctx.lex.has_flag(doc[i - 2].lower_, "adj", "prefix")


def group_noun(ctx: SentenceContext, tok: Token) -> bool:
    """Whether a plural noun points back to the last event's sides ("both sides", "warring parties")."""
    if (
        not ctx.gaz.is_noun("event_sides", tok.lower_)
        or tok.tag_ not in {"NNS", "NNPS"}
        or len(ctx.parties) < 2
    ):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return False
    before = {t.lower_ for t in ctx.doc[max(ctx.sent.start, tok.i - 3) : tok.i]}
    return bool(before & {"the", "both", "two", "all"})


def located(ctx: SentenceContext, tok: Token) -> bool:
    """Whether a modifier names a place ("Pakistan-based group"), not the noun's owner."""
    nxt = ctx.doc[tok.i + 1 : tok.i + 3]
    return len(nxt) == 2 and nxt[0].text == "-" and ctx.word("based", nxt[1])


def is_event_noun(ctx: SentenceContext, tok: Token) -> bool:
    """Symmetric event nouns ("summit", "talks"): their modifiers are not the noun's referent."""
    return any(
        ctx.lex.relation_type(e).symmetric and "recip" in e.flags
        for e in ctx.lex.relations(lemma(tok), "noun")
    )


def is_role_noun(ctx: SentenceContext, tok: Token) -> bool:
    """Relational nouns ("ally", "member"): they describe an actor rather than stand for one."""
    return any("role" in e.flags for e in ctx.lex.relations(lemma(tok), "noun"))


def talks_noun(ctx: SentenceContext, tok: Token) -> bool:
    """Whether a noun names talks or a deal between sides ("the negotiations", "the sessions")."""
    return any(
        "talks" in ctx.lex.relation_type(e).hints and "recip" in e.flags
        for e in ctx.lex.relations(lemma(tok), "noun")
    )


def _named_members(ctx: SentenceContext, tok: Token) -> list[Mention]:
    """Read "his counterparts A and B", also when the parser hangs each name on the noun as an apposition."""
    return unique(
        m
        for child in tok.children
        if child.dep_ == "appos"
        for t in (child, *child.conjuncts)
        for m in ctx.index.at(t.i)
        if not m.is_modifier
    )


def _of_groups(ctx: SentenceContext, tok: Token) -> list[Mention]:
    """Read "Russian mercenaries of the Wagner Group": they are the group's, not Russia's."""
    return [
        m
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
        if p.dep_ == "pobj"
        for m in fan(ctx, p, inside=False)
        if m.actor.type == "NonStateGroup"
    ]


def _owners(ctx: SentenceContext, tok: Token) -> list[Mention]:
    """The actors owning a plain noun: possessives and modifiers before it ("Turkey's", "Russian")."""
    out: list[Mention] = []
    for child in tok.children:
        if child.dep_ in _OWNER_DEPS and child.i < tok.i and not located(ctx, child):
            for c in (child, *child.conjuncts):
                out.extend(
                    m
                    for m in ctx.index.at(c.i)
                    if (m.kind != "pronoun" or child.dep_ == "poss") and not stance_target(ctx, m)
                )
    return out


def _noun_actors(ctx: SentenceContext, tok: Token) -> list[Mention]:
    """The actors a plain noun stands for: named members, groups, owners, "of X", or an event's agents."""
    named = _named_members(ctx, tok)
    if named:
        return named
    if tok.pos_ == "PROPN":
        # an unknown name with its office: "Micheál Martin, Taoiseach of Ireland" acts for Ireland (but "X, a
        # friend of Italy" is only described)
        titled = [
            m
            for c in tok.children
            if c.dep_ == "appos"
            and not ctx.lex.relations(lemma(c), "noun")
            and not any(d.dep_ == "det" and d.lower_ in {"a", "an"} for d in c.children)
            for p in preps(c, ("of",))
            for m in fan(ctx, p, inside=False)
            if m.actor.type == "State"
        ]
        if titled:
            return unique(titled)
    if ctx.word("populace", tok):
        return []  # "the Ukrainian people", "civilians of Gaza": a people is not its state
    if ctx.word("venue_noun", tok):
        return []  # "on the margins of the UN General Assembly": a venue, not a target
    groups = _of_groups(ctx, tok)
    if groups:
        return groups
    led = [
        m
        for c in tok.children
        if c.dep_ in {"amod", "compound"} and lemma(c) == "lead"
        for m in hyphen_prefix(ctx, c)
    ]
    if led:
        return led  # "the Saudi-led coalition struck": its leader acts ("Iranian-backed militias" do not)
    out = _owners(ctx, tok)
    noun_entries = ctx.lex.relations(lemma(tok), "noun")
    if not out and not any("of" in e.preps for e in noun_entries):
        # a trigger noun's "of" names its object, not its owner ("on the side of X")
        of_objects = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        out.extend(m for p in of_objects if p.dep_ == "pobj" for m in fan(ctx, p, inside=False))
    if not out and ctx.word("official", tok):
        # "held meetings with officials from Uzbekistan": they stand for the states they come from
        found = [m for p in preps(tok, ("from",)) for m in fan(ctx, p, inside=False)]
        out.extend(m for m in found if m.actor.type == "State")
    if not out and noun_entries:
        # "condemned the air strikes by the Syrian regime and Russia": an event stands for its agents
        out.extend(m for p in preps(tok, ("by",)) for m in fan(ctx, p, inside=False))
    return unique(out)


def actors(
    ctx: SentenceContext, tok: Token, *, inside: bool = True, allow_modifier: bool = False
) -> list[Mention]:
    """Actors a token stands for: its own mention, else (for a plain noun) its possessor or demonym.

    Args:
        ctx: the sentence.
        tok: the token.
        inside: also look inside a plain noun (owners, members); False for a mention of its own only.
        allow_modifier: a demonym modifying this very token counts ("Armenian territory").
    """
    if on_side(ctx, tok):
        return []  # "fought on the side of X" sides with X; X is not the target
    if group_noun(ctx, tok):
        return list(ctx.parties)  # the sides of the last two-sided event beat a guess by coreference
    found = [m for m in ctx.index.at(tok.i) if allow_modifier or not m.is_modifier or m.head != tok.i]
    found = [m for m in found if not stance_target(ctx, m)]
    found = [m for m in found if m.kind != "demonym" or allow_modifier or tok.i != m.head]
    if found:
        # a mention containing the token whose head is this token, or any covering mention
        exact = [m for m in found if m.head == tok.i]
        return exact or found
    if not inside or tok.pos_ not in {"NOUN", "PROPN", "PRON"}:
        return []
    if is_role_noun(ctx, tok) or is_event_noun(ctx, tok):
        return []
    return _noun_actors(ctx, tok)


def fan(
    ctx: SentenceContext, tok: Token, *, inside: bool = True, allow_modifier: bool = False
) -> list[Mention]:
    """Actors of a token and of every token conjoined with it ("A and B", "neither A nor B").

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence
        >>> ctx = sentence(
        ...     "Russia and Iran support Syria",
        ...     heads=[3, 0, 0, 3, 3],
        ...     deps=["nsubj", "cc", "conj", "ROOT", "dobj"],
        ... )
        >>> [m.actor.id for m in fan(ctx, ctx.doc[0])]
        ['russia', 'iran']
    """
    out: list[Mention] = []
    for t in (tok, *tok.conjuncts, *_listed_appositions(tok)):
        found = actors(ctx, t, inside=inside, allow_modifier=allow_modifier)
        out.extend(found)
        # "the co-chairs, including Russia", "EU members, including Germany": the named ones too
        for host in unique_tokens([t, *(ctx.doc[m.end - 1] for m in found)]):
            out.extend(_including(ctx, host))
    return unique(out)


def _listed_appositions(tok: Token) -> list[Token]:
    """The rest of a list the parser hung on its first name as an apposition: "NATO, the EU, and the OSCE".

    An apposition with conjuncts of its own continues a list; a lone one describes ("Russia, our neighbour").
    """
    return [t for c in tok.children if c.dep_ == "appos" and c.conjuncts for t in (c, *c.conjuncts)]


def _including(ctx: SentenceContext, host: Token) -> list[Mention]:
    """The actors of an "including A and B" phrase after a noun, with no verb in between."""
    out: list[Mention] = []
    for c in host.children:
        if (
            c.dep_ == "prep"
            and c.lower_ == "including"
            and c.i > host.i
            and not any(x.pos_ in {"VERB", "AUX"} for x in ctx.doc[host.i + 1 : c.i])
        ):
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(m for q in (p, *p.conjuncts) for m in actors(ctx, q))
    return out


def _passive_subject(ctx: SentenceContext, verb: Token) -> tuple[list[Mention], bool] | None:
    """The agent of a passive verb ("attacked by X"), or None when the verb is active."""
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in {"acl", "amod"}
    )
    if not (passive or (verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children))):
        return None
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return fan(ctx, p), True
    if (
        verb.dep_ == "acl"
        and verb.head.dep_ == "ROOT"
        and not any(c.dep_ == "auxpass" for c in verb.children)
    ):
        # a sentence without a finite verb is a mis-parse: "The bloc's consensus called on X to ..."
        found = fan(ctx, verb.head)
        if found:
            return found, False
    return [], True


def _own_subject(ctx: SentenceContext, verb: Token) -> list[Mention] | None:
    """The verb's own subject (a relative pronoun stands for its noun), or None when it has none."""
    for c in verb.children:
        if c.dep_ in {"nsubj", "csubj"}:
            if ctx.word("relative_pronoun", c) and verb.dep_ == "relcl":
                return fan(ctx, verb.head)
            # headline lists: "Egypt, Sudan hold drills" parses the first name as a modifier
            listed = [
                m
                for g in verb.children
                if g.dep_ == "npadvmod" and g.i + 1 == c.left_edge.i - 1 and ctx.doc[g.i + 1].text == ","
                for m in actors(ctx, g)
            ]
            return unique(listed + fan(ctx, c))
    return None


def _clause_subject(ctx: SentenceContext, verb: Token, depth: int) -> tuple[list[Mention], bool] | None:
    """The subject a subordinate verb inherits: control verbs, conjoined verbs, "accused X of attacking"."""
    if verb.dep_ == "acomp" and verb.pos_ in {"ADJ", "VERB"}:
        # "he is likely to travel", "they are committed to working with X": the copula's subject
        return subjects(ctx, verb.head, depth + 1)
    if verb.dep_ == "xcomp":
        head = verb.head
        objs = [c for c in head.children if c.dep_ == "dobj"]
        if objs and not ctx.word("no_object_control", head):
            controlled = fan(ctx, objs[0])
            if controlled:
                return controlled, False
        return subjects(ctx, head, depth + 1, raising=True)
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        return subjects(ctx, verb.head, depth + 1)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in {"VERB", "ADJ"}:
        # "accused Yerevan of attacking Azerbaijan": the accused is the agent of the gerund; "we are
        # committed to working with X": the adjective's subject
        governor = verb.head.head
        if verb.head.lower_ in {"of", "for", "against", "from", "into"}:
            # "warned Finland against joining NATO", "barred Iran from buying", "pressured Kyiv into signing"
            accused = [m for c in governor.children if c.dep_ == "dobj" for m in fan(ctx, c)]
            if not accused and verb.head.lower_ in {"of", "for"}:
                # "Pakistan is suspected of harbouring X", "was blamed for attacking": the passive's subject
                accused = [m for c in governor.children if c.dep_ == "nsubjpass" for m in fan(ctx, c)]
            if accused:
                return accused, False
        # "France is committed to working with X": the passive subject of "committed to" acts
        return subjects(ctx, governor, depth + 1, raising=verb.head.lower_ == "to")
    if verb.dep_ == "advcl" and verb.tag_ in {"VBG", "VB"}:
        return subjects(ctx, verb.head, depth + 1)
    return None


def _modifier_subject(ctx: SentenceContext, verb: Token, depth: int) -> tuple[list[Mention], bool]:
    """The subject of a verb modifying a noun: the noun itself, or whoever acts through it."""
    head = verb.head
    if head.dep_ == "attr":
        return subjects(ctx, head.head, depth + 1)
    # "Russia and Iran, which support Syria": both; "our steps and efforts to pressure Russia": the owner
    # of the list; but "the need" in "Moscow's cruelty and the need to keep helping Ukraine" has a
    # determiner of its own, and its conjunct's owner does not help anyone
    own_det = any(c.dep_ == "det" for c in head.children)
    found = fan(ctx, head) if not own_det or actors(ctx, head) else []
    if found:
        return found, False
    # "signed a decree imposing sanctions", "among the first leaders to call"; but "rebel groups
    # fighting his forces" are the fighters themselves, unknown actors or not
    comma = verb.i > 0 and ctx.doc[verb.i - 1].text == ","
    obj = head
    while obj.dep_ == "appos" and obj.head.i != obj.i:
        obj = obj.head
    if verb.tag_ == "VBG" and comma and obj.dep_ == "dobj" and obj.head.pos_ == "VERB":
        # "recalled the slogan, condemning X": a free participle after the object acts for the subject
        return subjects(ctx, obj.head, depth + 1)
    if not ctx.word("instrument", head) and head.dep_ != "pobj":
        return [], False
    governor = governing_verb(ctx, head)
    if governor is None and head.dep_ == "pobj" and head.head.head.pos_ in {"VERB", "AUX"}:
        governor = head.head.head
    if governor is not None:
        return subjects(ctx, governor, depth + 1)
    return [], False


def subjects(
    ctx: SentenceContext, verb: Token, depth: int = 0, raising: bool = False
) -> tuple[list[Mention], bool]:
    """(actors, passive) for a verb's logical subject, climbing control verbs, conjunctions, relatives.

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence
        >>> ctx = sentence(
        ...     "Kuwait was invaded by Iraq",
        ...     heads=[2, 2, 2, 2, 3],
        ...     deps=["nsubjpass", "auxpass", "ROOT", "agent", "pobj"],
        ...     tags=["NNP", "VBD", "VBN", "IN", "NNP"],
        ... )
        >>> found, passive = subjects(ctx, ctx.doc[2])
        >>> [m.actor.id for m in found], passive
        (['iraq'], True)
    """
    if depth > 4:
        return [], False
    if raising:
        # "Russia is expected to pressure Georgia": the passive subject of the raising verb acts
        for c in verb.children:
            if c.dep_ == "nsubjpass":
                return fan(ctx, c), False
    passive = _passive_subject(ctx, verb)
    if passive is not None:
        return passive
    own = _own_subject(ctx, verb)
    if own is not None:
        return own, False
    inherited = _clause_subject(ctx, verb, depth)
    if inherited is not None:
        return inherited
    if verb.dep_ in {"relcl", "acl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
        return _modifier_subject(ctx, verb, depth)
    return [], False


def between(ctx: SentenceContext, *toks: Token) -> list[Mention]:
    """Parties of "between/among A and B" attached to any of the tokens."""
    out: list[Mention] = []
    for tok in toks:
        for p in preps(tok, ("between", "among", "amongst")):
            found = fan(ctx, p)
            if not found and p.tag_ == "NNS":
                # "between the heads of the Greek and Cypriot ministries": the parties are the owners
                found = [m for q in preps(p, ("of",)) for m in fan(ctx, q)]
            out.extend(found)
    return unique(out)


def means(ctx: SentenceContext, *toks: Token | None, skip: Iterable[str] = ()) -> str | None:
    """The means of an action: "through/via/by/with + NP" on the trigger or its object, not an actor.

    The phrase's words are marked as means, so that none of them becomes a trigger of its own.
    """
    skipped = set(skip)
    for tok in toks:
        if tok is None:
            continue
        for c in tok.children:
            if c.dep_ != "prep" or not ctx.word("means_prep", c) or c.lower_ in skipped:
                continue
            for p in c.children:
                if p.dep_ not in {"pobj", "pcomp"}:
                    continue
                if ctx.index.at(p.i) and any(m.head == p.i for m in ctx.index.at(p.i)):
                    continue
                words = list(p.subtree)
                while words and words[0].pos_ in {"DET", "PRON"} and words[0].dep_ in {"det", "poss"}:
                    words = words[1:]
                if words:
                    ctx.means_tokens.update(w.i for w in words)
                    return str(ctx.doc[words[0].i : words[-1].i + 1].text)
    return None


def stance(ctx: SentenceContext, verb: Token) -> bool:
    """Whether a speech-like verb states a position ("spoke in favour of", "spoke out against")."""
    for c in verb.children:
        if c.dep_ == "prt" and c.lower_ == "out":
            return True
        if c.dep_ == "prep" and c.lower_ == "against":
            return True
        if c.dep_ == "prep" and any(ctx.word("favour", p) for p in c.children):
            return True
    return False


def reciprocal(verb: Token) -> bool:
    """Whether the verb's object is "each other" / "one another"."""
    for c in verb.children:
        if c.dep_ in {"dobj", "pobj", "prep"}:
            words = {t.lower_ for t in c.subtree}
            if {"each", "other"} <= words or {"one", "another"} <= words:
                return True
    return False


def governing_verb(ctx: SentenceContext, noun: Token) -> Token | None:
    """The verb a noun is the object of ("expressed support", "imposed sanctions"), or None."""
    tok = noun
    for _ in range(3):
        if tok.dep_ in {"dobj", "attr", "nsubjpass"} and tok.head.pos_ in {"VERB", "AUX"}:
            return tok.head
        if tok.dep_ == "conj":
            tok = tok.head
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and ctx.word("container", tok.head.head):
            tok = tok.head.head  # "pledged another package of military aid"
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.like_num:
            tok = tok.head.head  # "pledged $500 million in aid": the amount is the verb's object
            continue
        if (
            tok.dep_ == "pobj"
            and tok.head.dep_ == "prep"
            and (
                tok.head.lower_ in {"for", "in", "to"}
                or (tok.head.lower_ == "on" and ctx.words.has("side", lemma(tok)))
            )
            and tok.head.head.pos_ == "VERB"
        ):
            return tok.head.head  # "called for talks", "engaged in talks", "fought on the side of X"
        return None
    return None


def framing_verb(ctx: SentenceContext, noun: Token, hostile: bool = False) -> Token | None:
    """The verb of a clause a noun frames: "after (hours of) talks", "in a deal", "during the summit".

    With ``hostile``, only a state the subjects are in counts ("in conflict", "at war", "on opposite
    sides"), not a time ("after the fighting").
    """
    tok = noun
    if not hostile and tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ == "pobj":
        tok = tok.head.head  # "after six hours of talks"
    if tok.dep_ != "pobj" or not ctx.word("state_prep" if hostile else "framing_prep", tok.head):
        return None
    head = tok.head.head
    if head.pos_ in {"NOUN", "PROPN"} and head.dep_ == "dobj":
        head = head.head  # "restored ties in a China-brokered deal": the PP hangs on the object
    return head if head.pos_ in {"VERB", "AUX"} else None


def hyphen_prefix(ctx: SentenceContext, tok: Token) -> list[Mention]:
    """Actors before "-" in "Saudi-led", "Russian-backed", "Qatar-brokered"."""
    i = tok.i
    if i >= 2 and ctx.doc[i - 1].text in {"-", "–"}:
        return list(ctx.index.at(i - 2))
    return []


def noun_agents(ctx: SentenceContext, noun: Token) -> list[Mention]:
    """The agent of an event noun: possessive, demonym/name modifier, X-led (a "X-brokered" X mediates)."""
    out: list[Mention] = []
    for c in noun.children:
        if c.i < noun.i and c.dep_ in _OWNER_DEPS:
            if located(ctx, c) or mediating_participle(ctx, c):
                continue  # "a Pakistan-based group"; "a China-brokered deal": China is the mediator
            # the modifier and what hangs off it ("Russian-Turkish", "Chinese and Russian")
            for t in c.subtree:
                if t.i < noun.i:
                    out.extend(m for m in ctx.index.at(t.i) if m.head != noun.i)
    # "Turkish-Azerbaijani exercises": demonyms hanging off the first modifier
    for m in ctx.index.in_range(ctx.sent.start, noun.i):
        if m.kind == "demonym" and ctx.doc[m.head].head.i == noun.i and m not in out:
            out.append(m)
    return unique(out)


def mediating_participle(ctx: SentenceContext, tok: Token) -> bool:
    """Whether a word is a participle of a mediation relation ("brokered", "hosted")."""
    return any(
        not e.is_helper and "mediation" in ctx.lex.relation_type(e).hints
        for e in ctx.lex.lookup(lemma(tok), "participle")
    )
