"""The ``actorgraph_relations`` spaCy component: actor mentions + relation lexicon + parse -> assertions.

Per sentence the component finds trigger words from the lexicon and reads each trigger's actors from the
dependency parse with a handful of general rules:

* ``svo``: a verb's subject and object (with passives, "X-backed", relative clauses, control verbs such as
  "continue to support", conjunctions fanning out on both sides);
* ``nominal``: an event noun's agent (possessive, demonym, "by X", "X-led", a light verb's subject as in
  "expressed support for") and its object through the lexicon's prepositions ("support for", "strikes on");
* ``between``: symmetric nouns and verbs with "between A and B", conjoined subjects ("A and B clashed") and
  paired demonyms ("Franco-German cooperation"); mediation ("X mediated between A and B", "talks hosted
  by X");
* ``role``: relational nouns for standing relations ("Belarus, Russia's closest ally", "X is a member of Y");
* ``linear``: a fallback for headline-like sentences the small parser mis-tags ("Greece backs Cyprus." with
  "backs" as a noun): ACTOR TRIGGER ACTOR inside one clause.

Each relation then gets its modality (negation, hedge, condition, question), reported speech ("X said that
...", quotes), the sentence's event date and a confidence that is lower for fallbacks, hedges and coreference.
The rules never look at particular sentences: everything specific lives in the lexicon and the gazetteer.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..dates import event_date
from ..lexicon import Lexicon, LexiconEntry, load_lexicon
from ..model import Actor, Assertion, RelationType
from .coref import resolve_coreference
from .mentions import Mention, MentionIndex, _Finder, city_state, find_mentions
from .modality import Modality, modality_of

__all__ = ["CONTEXT_KEY", "EXTENSION", "RelationExtractor", "make_relation_extractor"]

log = logging.getLogger(__name__)

#: ``doc.user_data`` key holding the block context (doc name, offset, date, original text).
CONTEXT_KEY = "actorgraph"
#: The Doc extension the component writes.
EXTENSION = "actorgraph_relations"

_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
_MEANS_PREPS = ("through", "via", "by", "with", "using")
_REL_PRONOUNS = frozenset({"which", "who", "that", "whom"})
#: Nouns through which their author acts ("signed a decree imposing sanctions on Turkey").
_INSTRUMENT_NOUNS = frozenset(
    {
        "decree",
        "law",
        "order",
        "resolution",
        "bill",
        "statement",
        "letter",
        "note",
        "declaration",
        "plan",
        "measure",
    }
)
_POSITIVE_CREDIT = frozenset({"thank", "praise", "credit", "reward", "commend"})
_CONTAINERS = frozenset(
    {
        "package",
        "packages",
        "shipment",
        "shipments",
        "round",
        "rounds",
        "wave",
        "waves",
        "series",
        "set",
        "batch",
        "new",
    }
)
_QUANTIFIERS = frozenset({"one", "some", "many", "several", "two", "three", "most", "all", "each", "none"})
_SELF_OK = frozenset({"memberOf", "coChairOf"})
#: Verbs whose refusal ("refused to accept / approve X") is a positive rejection of X.
_ACCEPT_VERBS = frozenset({"accept", "approve", "ratify"})
_REFUSE_VERBS = frozenset({"refuse", "decline"})
#: Prepositions through which a talks/deal noun frames its clause ("agreed ... after talks in Moscow").
_FRAMING_PREPS = frozenset({"after", "during", "following", "in", "at", "under", "through", "via"})
_STATE_PREPS = frozenset({"in", "at", "on"})
#: Arms that may be supplied as aid; their hostile lexicon sense is their use ("drone strikes").
_WEAPON_NOUNS = frozenset(
    {"drone", "missile", "rocket", "bomb", "shell", "munition", "weapon", "jet", "aircraft"}
)
#: People and groups that hold a "pro-"/"anti-" stance themselves ("pro-Turkish militias").
_STANCE_HOLDERS = frozenset(
    {
        "group",
        "militia",
        "force",
        "fighter",
        "rebel",
        "militant",
        "separatist",
        "faction",
        "party",
        "elite",
        "politician",
        "activist",
        "protester",
        "demonstrator",
        "outlet",
        "medium",
        "media",
        "candidate",
        "camp",
        "unit",
        "proxy",
        "mercenary",
        "movement",
        "lobby",
        "figure",
        "leader",
        "voter",
    }
)
#: Plural nouns for the two sides of an event ("both sides", "the warring parties", "the belligerents").
_PARTY_NOUNS = frozenset({"sides", "parties", "belligerents", "foes", "rivals", "adversaries", "combatants"})
#: Symmetric relations that are events with two sides a later "both sides" can point back to.
_EVENT_RELATIONS = frozenset({"clashesWith", "consultsWith", "agreesWith", "rivalOf"})
#: Nouns for a part of a place ("in the east of the Gaza Strip").
_PART_NOUNS = frozenset(
    {
        "east",
        "west",
        "north",
        "south",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "centre",
        "center",
        "part",
        "outskirts",
    }
)
#: Nouns whose owner is the state an attack on them hits ("on Armenian territory", "Syrian soil").
_TERRITORY_NOUNS = frozenset({"territory", "soil", "airspace", "waters", "border", "positions", "position"})
#: Dependencies of a gerund that stands as a noun phrase ("Fighting between A and B spread").
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "ROOT"})
_ORG_OBJECT = frozenset({"memberOf", "coChairOf"})
_BASE = {
    "svo": 0.9,
    "passive": 0.88,
    "nominal": 0.85,
    "between": 0.85,
    "role": 0.85,
    "linear": 0.7,
    "prefix": 0.7,
}


def _ensure_extension() -> None:
    if not Doc.has_extension(EXTENSION):
        Doc.set_extension(EXTENSION, default=None)


@dataclass
class _Cand:
    """A relation found in a sentence before it becomes an :class:`Assertion`."""

    subj: Mention
    obj: Mention
    rtype: RelationType
    trigger: Any
    rule: str
    means: str | None = None
    reporter: Mention | None = None
    factor: float = 1.0
    modality: Modality | None = None


def _pos_class(tok: Any) -> str:
    if tok.pos_ in {"VERB", "AUX"}:
        return "verb"
    if tok.pos_ in {"NOUN", "PROPN"}:
        return "noun"
    if tok.pos_ == "ADJ":
        return "adj"
    return str(tok.pos_).lower()


def _lemma(tok: Any) -> str:
    return str(tok.lemma_).lower()


def _stem(word: str) -> str:
    """A fallback lemma for a verb form the tagger lemmatised badly ("readmitted" -> "readmitte").

    Examples:
        >>> _stem("readmitted"), _stem("lambasted"), _stem("decries"), _stem("shelling")
        ('readmit', 'lambast', 'decry', 'shell')
    """
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
                stem = stem[:-1]  # "readmitted" -> "readmit"
            return stem
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("es") and len(word) > 4 and word[-3] in "sxz":
        return word[:-2]
    if word.endswith("s") and len(word) > 3:
        return word[:-1]
    return word


class RelationExtractor:
    """Pipeline component writing ``doc._.actorgraph_relations`` (a list of :class:`Assertion`).

    The block context comes from ``doc.user_data["actorgraph"]`` (``doc``, ``offset``, ``date``,
    ``original``); without it, offsets are relative to the Doc and the date is unknown.

    Args:
        nlp: the pipeline (unused; spaCy passes it).
        name: the component name.
        max_tokens: sentences longer than this are skipped with a warning (pathological input).
        max_mentions: sentences with more actor mentions than this are skipped with a warning.
    """

    def __init__(self, nlp: Any, name: str, *, max_tokens: int = 600, max_mentions: int = 100) -> None:
        self.name = name
        self.max_tokens = max_tokens
        self.max_mentions = max_mentions
        self._gazetteer: Any = None
        self._lexicon: Lexicon | None = None
        self._finder: Any = None
        _ensure_extension()

    # ------------------------------------------------------------------ configuration
    def configure(self, gazetteer: Any = None, lexicon: Lexicon | None = None) -> None:
        """Set the gazetteer and lexicon (defaults: the shipped ones, loaded on first use)."""
        if gazetteer is not None:
            self._gazetteer = gazetteer
            self._finder = _Finder(gazetteer)
        if lexicon is not None:
            self._lexicon = lexicon

    @property
    def gazetteer(self) -> Any:
        """The gazetteer (loaded on first use)."""
        if self._gazetteer is None:
            from ..gazetteer import load_gazetteer

            self.configure(gazetteer=load_gazetteer())
        return self._gazetteer

    @property
    def lexicon(self) -> Lexicon:
        """The relation lexicon (loaded on first use)."""
        if self._lexicon is None:
            self._lexicon = load_lexicon()
        return self._lexicon

    # ------------------------------------------------------------------ spaCy API
    def __call__(self, doc: Doc) -> Doc:
        """Find the relations of one block and store them on ``doc._.actorgraph_relations``."""
        ctx = doc.user_data.get(CONTEXT_KEY) or {}
        gaz = self.gazetteer
        date = ctx.get("date")
        index = find_mentions(doc, gaz, date, self._finder)
        resolve_coreference(doc, index, self.lexicon)
        out: list[Assertion] = []
        parties: list[Mention] = []  # the actors of the paragraph's latest two-sided event
        for sent in doc.sents:
            if len(sent) > self.max_tokens:
                log.warning(  # name the place, never dump the (possibly huge) block text
                    "skipping a sentence of %d tokens (limit %d) in %s at character %d",
                    len(sent),
                    self.max_tokens,
                    ctx.get("doc", "<text>"),
                    int(ctx.get("offset", 0)) + sent.start_char,
                )
                continue
            mentions = index.in_range(sent.start, sent.end)
            if not mentions:
                continue
            if len(mentions) > self.max_mentions:
                log.warning(
                    "skipping a sentence with %d actor mentions (limit %d) in %s at character %d",
                    len(mentions),
                    self.max_mentions,
                    ctx.get("doc", "<text>"),
                    int(ctx.get("offset", 0)) + sent.start_char,
                )
                continue
            found, parties = self._assertions(sent, index, ctx, parties)
            out.extend(found)
        doc._.set(EXTENSION, out)
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of Docs (the component keeps no state between Docs)."""
        for doc in stream:
            yield self(doc)

    # ------------------------------------------------------------------ sentence level
    def _assertions(
        self, sent: Any, index: MentionIndex, ctx: dict[str, Any], parties: list[Mention]
    ) -> tuple[list[Assertion], list[Mention]]:
        """The sentence's assertions, and the parties of its two-sided event (else the earlier ones)."""
        cands = _SentenceRules(sent, index, self.lexicon, parties).run()
        parties = _event_parties(cands) or parties
        if not cands:
            return [], parties
        offset = int(ctx.get("offset", 0))
        original = ctx.get("original")
        start, end = sent.start_char, sent.end_char
        text = original[start:end] if isinstance(original, str) and len(original) >= end else sent.text
        date = event_date(sent.text, ctx.get("date"))
        gaz = self.gazetteer
        doc_name = str(ctx.get("doc", ""))
        best: dict[tuple[Any, ...], Assertion] = {}
        for cand in cands:
            mod = cand.modality or Modality()
            conf = _BASE.get(cand.rule.split("-")[0], 0.8) * cand.factor * mod.factor
            conf *= min(cand.subj.confidence, cand.obj.confidence, 1.0)
            assertion = Assertion(
                doc=doc_name,
                start=offset + start,
                end=offset + end,
                sentence=text,
                subject=cand.subj.actor,
                relation=cand.rtype,
                object=cand.obj.actor,
                negated=mod.negated,
                hedged=mod.mood != "asserted",
                mood=mod.mood,
                date=date,
                confidence=round(max(0.05, min(conf, 0.99)), 3),
                means=cand.means,
                subject_state=cand.subj.state,
                object_state=cand.obj.state,
                reported_by=cand.reporter.actor if cand.reporter else None,
                trigger=cand.trigger.text if not isinstance(cand.trigger, str) else cand.trigger,
                rule=cand.rule,
            )
            s_key, o_key = cand.subj.key, cand.obj.key
            if cand.rtype.symmetric and o_key < s_key:
                s_key, o_key = o_key, s_key
            if date and date != ctx.get("date"):
                # an office is judged on the event's date ("had represented Baku since 2004")
                assertion = _restate(assertion, gaz, date)
                s_key = assertion.subject_state or cand.subj.actor.id
                o_key = assertion.object_state or cand.obj.actor.id
                if s_key == o_key:
                    continue
                if cand.rtype.symmetric and o_key < s_key:
                    s_key, o_key = o_key, s_key
            key = (s_key, cand.rtype.name, o_key, mod.negated, mod.mood)
            old = best.get(key)
            if old is None or assertion.confidence > old.confidence:
                best[key] = assertion
        return list(best.values()), parties


def _event_parties(cands: list[_Cand]) -> list[Mention]:
    """The two sides of a sentence's last two-sided event (clashes, talks, a truce; a mediation's parties).

    A later "both sides", "the warring parties" or a mediation without named parties ("Lavrov hosted the
    negotiations", "the Russian-brokered ceasefire") refers to them.
    """
    for cand in reversed(cands):
        if cand.modality is not None and cand.modality.mood in {"conditional", "question"}:
            continue
        if cand.rtype.name == "mediates":
            same = [c.obj for c in cands if c.rtype.name == "mediates" and c.trigger is cand.trigger]
            if len({m.key for m in same}) >= 2:
                return _unique(same)
        elif cand.rtype.symmetric and cand.rtype.name in _EVENT_RELATIONS:
            return [cand.subj, cand.obj]
    return []


def _full_date(date: str) -> str:
    """A comparable day for a month or year ("2004" -> "2004-07-01") when judging offices."""
    if len(date) == 4:
        return f"{date}-07-01"
    if len(date) == 7:
        return f"{date}-15"
    return date


def _restate(assertion: Assertion, gaz: Any, date: str) -> Assertion:
    """Re-judge the states of people on the event date, keeping the block date's answer when it has none."""
    changes: dict[str, Any] = {}
    for role in ("subject", "object"):
        actor = getattr(assertion, role)
        if actor.type == "Person":
            code = gaz.state_code(actor, _full_date(date))
            if code and code != getattr(assertion, f"{role}_state"):
                changes[f"{role}_state"] = code
    return replace(assertion, **changes) if changes else assertion


def _valid(subj: Mention, obj: Mention, rtype: RelationType) -> bool:
    """Two distinct actors (after state roll-up), with the right types for membership relations."""
    if subj.actor.id == obj.actor.id:
        return False
    if subj.key == obj.key:
        return False
    if rtype.name not in _SELF_OK and subj.state and obj.state and subj.state == obj.state:
        return False
    if rtype.name in _ORG_OBJECT and obj.actor.type not in {"InternationalOrganization", "NonStateGroup"}:
        return False
    return not (rtype.name in _ORG_OBJECT and subj.actor.type == "InternationalOrganization" and obj.state)


class _SentenceRules:
    """The extraction rules applied to one sentence."""

    def __init__(
        self, sent: Any, index: MentionIndex, lexicon: Lexicon, parties: list[Mention] | None = None
    ) -> None:
        self.sent = sent
        self.parties = list(parties or [])
        self.doc = sent.doc
        self.index = index
        self.lex = lexicon
        self.cands: list[_Cand] = []
        self.used_triggers: set[int] = set()
        self.means_tokens: set[int] = set()

    # ------------------------------------------------------------------ actors of a token
    def actors(self, tok: Any, *, inside: bool = True, allow_modifier: bool = False) -> list[Mention]:
        """Actors a token stands for: its own mention, else (for a plain noun) its possessor or demonym."""
        if self._on_side(tok):
            return []  # "fought on the side of X" sides with X; X is not the target
        if self._group_noun(tok):
            return list(self.parties)  # the sides of the last two-sided event beat a guess by coreference
        found = [m for m in self.index.at(tok.i) if allow_modifier or not m.is_modifier or m.head != tok.i]
        found = [m for m in found if not self._stance_target(m)]
        found = [m for m in found if m.kind != "demonym" or allow_modifier or tok.i != m.head]
        if found:
            # a mention containing the token whose head is this token, or any covering mention
            exact = [m for m in found if m.head == tok.i]
            return exact or found
        if not inside or tok.pos_ not in {"NOUN", "PROPN", "PRON"}:
            return []
        if self._group_noun(tok):
            return list(self.parties)
        if self.is_role_noun(tok) or self.is_event_noun(tok):
            return []
        # "his counterparts A and B", also when the parser hangs each name on the noun as an apposition
        named = [
            m
            for child in tok.children
            if child.dep_ == "appos"
            for t in (child, *child.conjuncts)
            for m in self.index.at(t.i)
            if not m.is_modifier
        ]
        if named:
            return _unique(named)
        groups = [
            m
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
            if p.dep_ == "pobj"
            for m in self.fan(p, inside=False)
            if m.actor.type == "NonStateGroup"
        ]
        if groups:
            return groups  # "Russian mercenaries of the Wagner Group" are the group's, not Russia's
        out: list[Mention] = []
        for child in tok.children:
            if child.dep_ in {"poss", "amod", "compound", "nmod", "npadvmod"} and child.i < tok.i:
                if self._located(child):
                    continue
                for c in (child, *child.conjuncts):
                    out.extend(
                        m
                        for m in self.index.at(c.i)
                        if (m.kind != "pronoun" or child.dep_ == "poss") and not self._stance_target(m)
                    )
        if not out and not any("of" in e.preps for e in self.lex.relations(_lemma(tok), "noun")):
            # a trigger noun's "of" names its object, not its owner ("on the side of X")
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            out.extend(self.fan(pobj, inside=False))
        if not out and self.lex.relations(_lemma(tok), "noun"):
            # "condemned the air strikes by the Syrian regime and Russia": an event stands for its agents
            out.extend(m for p in self.preps(tok, ("by",)) for m in self.fan(p, inside=False))
        return _unique(out)

    def _predicate_adj(self, tok: Any) -> None:
        """Read "X is concerned about / alarmed by Y's moves": a predicate adjective with prepositions."""
        if tok.dep_ not in {"acomp", "amod"} or tok.i in self.used_triggers:
            return
        entries = [e for e in self.lex.relations(tok.lower_, "adj") if not e.is_helper and e.preps]
        if not entries:
            return
        entry = entries[0]
        if tok.dep_ == "acomp":
            subjects = self.subjects(tok.head)[0]
        else:
            subjects = self.fan(tok.head) if tok.head.i > tok.i else []  # "a concerned Moscow"
        objects = [m for p in self.preps(tok, entry.preps) for m in self.fan(p)]
        if subjects and objects:
            self.add(subjects, objects, entry, tok, "adj")
            self.used_triggers.add(tok.i)

    def _on_side(self, tok: Any) -> bool:
        """Whether a token is "side" in "(VERB) on the side of X"."""
        return bool(
            tok.lower_ == "side"
            and tok.dep_ == "pobj"
            and tok.head.lower_ == "on"
            and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
        )

    def _side_of(self, tok: Any) -> bool:
        """Read "X fought / intervened on the side of Y": X takes Y's side (the lexicon's "side")."""
        if not self._on_side(tok):
            return False
        entries = [e for e in self.lex.relations("side", "noun") if not e.is_helper and not e.flags]
        verb = tok.head.head
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head  # "a party on the side of Y" hangs on the noun "party"
        if not entries or verb.pos_ not in {"VERB", "AUX"}:
            return False
        sides = [m for p in self.preps(tok, ("of",)) for m in self.fan(p)] + list(self.index.at(tok.i))
        subjects = self.subjects(verb)[0]
        if _lemma(verb) in {"insert", "place", "position", "put"}:
            # "inserted itself as a party on the side of Y": the reflexive object is the subject
            subjects = subjects or [m for c in verb.children if c.dep_ == "dobj" for m in self.fan(c)]
        self.add(subjects, _unique(sides), entries[0], tok, "side")
        self.used_triggers.add(tok.i)
        return True

    def _stance_target(self, m: Mention) -> bool:
        """Whether a mention follows "pro-"/"anti-" ("pro-Turkish groups" are not Turkey)."""
        i = m.start
        return i >= 2 and self.doc[i - 1].text in {"-", "–"} and self.doc[i - 2].lower_ in {"pro", "anti"}

    def _distributive(self, noun: Any) -> bool:
        """Whether each owner has a possessive of its own ("A's and B's meetings" are two events)."""
        owners = _unique_tokens(t for c in noun.children if c.dep_ == "poss" for t in (c, *c.conjuncts))
        return len(owners) >= 2 and all(
            any(g.dep_ == "case" for g in t.children) or t.text.endswith(("'s", "’s")) for t in owners
        )

    def _talks_noun(self, tok: Any) -> bool:
        """Whether a noun names talks or a deal between sides ("the negotiations", "the sessions")."""
        return any(
            self.lex.relation_type(e).name in {"consultsWith", "agreesWith"} and "recip" in e.flags
            for e in self.lex.relations(_lemma(tok), "noun")
        )

    def _group_noun(self, tok: Any) -> bool:
        """Whether a plural noun points back to the last event's sides ("both sides", "warring parties")."""
        if tok.lower_ not in _PARTY_NOUNS or tok.tag_ not in {"NNS", "NNPS"} or len(self.parties) < 2:
            return False
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return False
        before = {t.lower_ for t in self.doc[max(self.sent.start, tok.i - 3) : tok.i]}
        return bool(before & {"the", "both", "two", "all"})

    def fan(self, tok: Any, *, inside: bool = True, allow_modifier: bool = False) -> list[Mention]:
        """Actors of a token and of every token conjoined with it ("A and B", "neither A nor B")."""
        out: list[Mention] = []
        for t in (tok, *tok.conjuncts):
            found = self.actors(t, inside=inside, allow_modifier=allow_modifier)
            out.extend(found)
            # "the co-chairs, including Russia", "EU members, including Germany": the named ones too
            for host in _unique_tokens([t, *(self.doc[m.end - 1] for m in found)]):
                for c in host.children:
                    if (
                        c.dep_ == "prep"
                        and c.lower_ == "including"
                        and c.i > host.i
                        and not any(x.pos_ in {"VERB", "AUX"} for x in self.doc[host.i + 1 : c.i])
                    ):
                        for p in c.children:
                            if p.dep_ == "pobj":
                                out.extend(m for q in (p, *p.conjuncts) for m in self.actors(q))
        return _unique(out)

    def _located(self, tok: Any) -> bool:
        """Whether a modifier names a place ("Pakistan-based group"), not the noun's owner."""
        nxt = self.doc[tok.i + 1 : tok.i + 3]
        return (
            len(nxt) == 2
            and nxt[0].text == "-"
            and nxt[1].lower_ in {"based", "headquartered", "born", "made"}
        )

    def is_event_noun(self, tok: Any) -> bool:
        """Symmetric event nouns ("summit", "talks"): their modifiers are not the noun's referent."""
        return any(
            self.lex.relation_type(e).symmetric and "recip" in e.flags
            for e in self.lex.relations(_lemma(tok), "noun")
        )

    def is_role_noun(self, tok: Any) -> bool:
        return any("role" in e.flags for e in self.lex.relations(_lemma(tok), "noun"))

    # ------------------------------------------------------------------ arguments of verbs
    def subjects(self, verb: Any, depth: int = 0, raising: bool = False) -> tuple[list[Mention], bool]:
        """(actors, passive) for a verb's logical subject, climbing control verbs, conjunctions, relatives."""
        if depth > 4:
            return [], False
        if raising:
            # "Russia is expected to pressure Georgia": the passive subject of the raising verb acts
            for c in verb.children:
                if c.dep_ == "nsubjpass":
                    return self.fan(c), False
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or (
            verb.tag_ == "VBN" and verb.dep_ in {"acl", "amod"}
        )
        if passive or (verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children)):
            passive = True
            for c in verb.children:
                if c.dep_ == "agent":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self.fan(p), True
            if (
                verb.dep_ == "acl"
                and verb.head.dep_ == "ROOT"
                and not any(c.dep_ == "auxpass" for c in verb.children)
            ):
                # a sentence without a finite verb is a mis-parse: "The bloc's consensus called on X to ..."
                found = self.fan(verb.head)
                if found:
                    return found, False
            return [], True
        for c in verb.children:
            if c.dep_ in {"nsubj", "csubj"}:
                if c.lower_ in _REL_PRONOUNS and verb.dep_ == "relcl":
                    return self.fan(verb.head), False
                # headline lists: "Egypt, Sudan hold drills" parses the first name as a modifier
                listed = [
                    m
                    for g in verb.children
                    if g.dep_ == "npadvmod" and g.i + 1 == c.left_edge.i - 1 and self.doc[g.i + 1].text == ","
                    for m in self.actors(g)
                ]
                return _unique(listed + self.fan(c)), False
        if verb.dep_ == "acomp" and verb.pos_ == "ADJ":
            return self.subjects(verb.head, depth + 1)  # "he is likely to travel": the copula's subject
        if verb.dep_ == "xcomp":
            head = verb.head
            objs = [c for c in head.children if c.dep_ == "dobj"]
            if objs and _lemma(head) not in {"help"}:
                controlled = self.fan(objs[0])
                if controlled:
                    return controlled, False
            return self.subjects(head, depth + 1, raising=True)
        if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
            return self.subjects(verb.head, depth + 1)
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ == "VERB":
            # "accused Yerevan of attacking Azerbaijan": the accused is the agent of the gerund
            governor = verb.head.head
            if verb.head.lower_ in {"of", "for"}:
                objs = [m for c in governor.children if c.dep_ == "dobj" for m in self.fan(c)]
                if objs:
                    return objs, False
            return self.subjects(governor, depth + 1)
        if verb.dep_ in {"relcl", "acl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
            head = verb.head
            if head.dep_ == "attr":
                return self.subjects(head.head, depth + 1)
            found = self.fan(head)
            if found:
                return found, False
            # "signed a decree imposing sanctions", "among the first leaders to call"; but "rebel groups
            # fighting his forces" are the fighters themselves, unknown actors or not
            comma = verb.i > 0 and self.doc[verb.i - 1].text == ","
            obj = head
            while obj.dep_ == "appos" and obj.head.i != obj.i:
                obj = obj.head
            if verb.tag_ == "VBG" and comma and obj.dep_ == "dobj" and obj.head.pos_ == "VERB":
                # "recalled the slogan, condemning X": a free participle after the object acts for the subject
                return self.subjects(obj.head, depth + 1)
            if _lemma(head) not in _INSTRUMENT_NOUNS and head.dep_ != "pobj":
                return [], False
            governor = self._governing_verb(head)
            if governor is None and head.dep_ == "pobj" and head.head.head.pos_ in {"VERB", "AUX"}:
                governor = head.head.head
            if governor is not None:
                return self.subjects(governor, depth + 1)
            return [], False
        if verb.dep_ == "advcl" and verb.tag_ in {"VBG", "VB"}:
            return self.subjects(verb.head, depth + 1)
        return [], False

    def preps(self, tok: Any, names: Iterable[str]) -> list[Any]:
        """Objects of the named prepositions attached to a token (``pobj`` tokens)."""
        wanted = set(names)
        out: list[Any] = []
        for c in tok.children:
            if c.dep_ in {"prep", "agent", "dative", "prt"} and c.lower_ in wanted:
                out.extend(p for p in c.children if p.dep_ in {"pobj", "pcomp"})
                if c.dep_ == "prt":
                    out.extend(p for p in tok.children if p.dep_ == "dobj")
        return out

    def between(self, *toks: Any) -> list[Mention]:
        """Parties of "between/among A and B" attached to any of the tokens."""
        out: list[Mention] = []
        for tok in toks:
            for p in self.preps(tok, ("between", "among", "amongst")):
                found = self.fan(p)
                if not found and p.tag_ == "NNS":
                    # "between the heads of the Greek and Cypriot ministries": the parties are the owners
                    found = [m for q in self.preps(p, ("of",)) for m in self.fan(q)]
                out.extend(found)
        return _unique(out)

    def means(self, *toks: Any, skip: Iterable[str] = ()) -> str | None:
        """The means of an action: "through/via/by/with + NP" on the trigger or its object, not an actor."""
        skipped = set(skip)
        for tok in toks:
            if tok is None:
                continue
            for c in tok.children:
                if c.dep_ != "prep" or c.lower_ not in _MEANS_PREPS or c.lower_ in skipped:
                    continue
                for p in c.children:
                    if p.dep_ not in {"pobj", "pcomp"}:
                        continue
                    if self.index.at(p.i) and any(m.head == p.i for m in self.index.at(p.i)):
                        continue
                    words = [t for t in p.subtree]
                    while words and words[0].pos_ in {"DET", "PRON"} and words[0].dep_ in {"det", "poss"}:
                        words = words[1:]
                    if words:
                        for w in words:
                            self.means_tokens.add(w.i)
                        return str(self.doc[words[0].i : words[-1].i + 1].text)
        return None

    # ------------------------------------------------------------------ adding candidates
    def add(
        self,
        subjects: Iterable[Mention],
        objects: Iterable[Mention],
        entry_or_type: LexiconEntry | RelationType,
        trigger: Any,
        rule: str,
        means: str | None = None,
        factor: float = 1.0,
    ) -> int:
        rtype = (
            entry_or_type
            if isinstance(entry_or_type, RelationType)
            else self.lex.relation_type(entry_or_type)
        )
        n = 0
        objs = list(objects)
        for s in subjects:
            for o in objs:
                if _valid(s, o, rtype):
                    self.cands.append(_Cand(s, o, rtype, trigger, rule, means, factor=factor))
                    n += 1
        if n:
            self.used_triggers.add(trigger.i)
        return n

    def add_pairs(self, parties: list[Mention], rtype: RelationType, trigger: Any, rule: str) -> int:
        n = 0
        for a_i, a in enumerate(parties):
            for b in parties[a_i + 1 :]:
                n += self.add([a], [b], rtype, trigger, rule)
        return n

    # ------------------------------------------------------------------ rules
    def run(self) -> list[_Cand]:
        sent = self.sent
        for tok in sent:
            if tok.i in self.used_triggers:
                continue
            cls = _pos_class(tok)
            if self._participle(tok):
                continue
            if tok.lower_ in {"pro", "anti"}:
                self._prefix(tok)
                continue
            if tok.lower_ in {"joint", "jointly", "together", "combined"}:
                self._joint(tok)
                continue
            if self._side_of(tok):
                continue
            if cls == "verb" and self._refusal(tok):
                continue
            if cls == "verb":
                done = False
                for entry in self._entries(tok, "verb"):
                    if self._verb(tok, entry):
                        done = True
                        break
                nominal = tok.dep_ in _NOMINAL_DEPS and (tok.tag_ == "VBG" or tok.dep_ != "ROOT")
                if not done and nominal:
                    # a gerund used as a noun ("Fighting between A and B spread"), or a noun the tagger
                    # took for a verb ("held ceasefire talks"): read it as the noun
                    for entry in self.lex.relations(tok.lower_, "noun") or self.lex.relations(
                        _stem(tok.lower_), "noun"
                    ):
                        if self._noun(tok, entry):
                            break
                if self.lex.has_role(_lemma(tok), "_credit", "verb"):
                    self._credited(tok)
            elif cls == "noun":
                for entry in self._entries(tok, "noun"):
                    if self._noun(tok, entry):
                        break
                if self.lex.has_role(_stem(tok.lower_), "_credit", "verb"):
                    self._credited_headline(tok)
            elif cls == "adj":
                self._predicate_adj(tok)
        for tok in sent:
            # a word inside an actor's name ("Rapid Support Forces") is never a trigger
            if (
                tok.i not in self.used_triggers
                and tok.i not in self.means_tokens
                and not self.index.at(tok.i)
            ):
                self._linear(tok)
        self.cands = [c for c in self.cands if not self._under_request(c.trigger)]
        for cand in self.cands:
            self._speech(cand)
        self._accusations()
        for cand in self.cands:
            if cand.modality is None:
                cand.modality = modality_of(cand.trigger, self.sent, self.lex)
        return self.cands

    def _entries(self, tok: Any, pos: str) -> list[LexiconEntry]:
        """Relation entries whose (multi-word) lemma matches at this token."""
        out: list[LexiconEntry] = []
        lemma = _lemma(tok)
        if tok.i >= 2 and self.doc[tok.i - 1].text == "-":
            # "co-chairs" is split into "co", "-", "chairs"
            joined = self.lex.relations(f"{self.doc[tok.i - 2].lower_}-{lemma}", pos)
            if joined:
                return list(joined)
        for entry in self.lex.relations(lemma, pos) or self.lex.relations(_stem(tok.lower_), pos):
            words = entry.words
            if len(words) > 1 and not self._phrase_at(tok, entry):
                continue
            out.append(entry)
        # longer phrases first ("phone call" before "call"), then file order
        out.sort(key=lambda e: -len(e.words))
        return out

    def _phrase_at(self, tok: Any, entry: LexiconEntry) -> bool:
        words = entry.words
        doc = self.doc
        if entry.pos == "noun":
            j = tok.i - (len(words) - 1)
            return j >= 0 and all(
                _lemma(doc[j + k]) == w or doc[j + k].lower_ == w for k, w in enumerate(words)
            )
        j = tok.i + 1
        for w in words[1:]:
            # allow a determiner or adjective in between ("put more pressure on")
            while (
                j < len(doc) and j < tok.i + 4 and doc[j].pos_ in {"DET", "ADJ", "ADV"} and doc[j].lower_ != w
            ):
                j += 1
            if j >= len(doc) or (_lemma(doc[j]) != w and doc[j].lower_ != w):
                return False
            j += 1
        return True

    def _verb(self, verb: Any, entry: LexiconEntry) -> bool:
        if self.lex.relation_type(entry).polarity > 0 and self._hostile_object(verb):
            return False  # "delivered airstrikes to X": the strikes decide, the verb only carries them
        subjects, passive = self.subjects(verb)
        objects: list[Mention] = []
        rule = "passive" if passive else "svo"
        prep_names = set(entry.preps)
        if len(entry.words) > 1:
            # "call on", "stand by", "put pressure on": the last word may be a preposition or particle
            prep_names.add(entry.words[-1])
            # the phrase may have a determiner or adjective inside ("cut diplomatic ties with"): the
            # preposition hangs off whichever phrase word the parser chose
            for nxt in self.doc[verb.i + 1 : min(verb.i + len(entry.words) + 3, self.sent.end)]:
                for p in self.preps(nxt, prep_names):
                    objects.extend(self.fan(p))
        if passive and (not entry.preps or "dobj" in entry.flags):
            # "Armenia was attacked by X"; but in "fighters were sent to A by B" the subject is what was sent
            for c in verb.children:
                if c.dep_ == "nsubjpass":
                    objects.extend(self.fan(c))
            if verb.dep_ in {"acl", "amod"} and not objects:
                objects.extend(self.fan(verb.head))
            if verb.dep_ == "advcl" and verb.tag_ == "VBN" and not objects:
                # "Egged on by X, Y's offensive went on": the passive participle describes the main subject
                objects.extend(self.subjects(verb.head)[0])
        if (not entry.preps and "between" not in entry.flags) or "dobj" in entry.flags:
            for c in verb.children:
                if c.dep_ in {"dobj", "dative", "oprd"} or (
                    c.dep_ in {"attr", "npadvmod", "appos"} and _lemma(verb) != "be"
                ):
                    objects.extend(self.fan(c))
        for p in self.preps(verb, prep_names):
            objects.extend(self.fan(p))
        if prep_names and not objects:
            # "spoke by phone with X": the preposition hangs off another prepositional phrase
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ not in prep_names:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            for q in self.preps(p, prep_names):
                                objects.extend(self.fan(q))
        for c in verb.children:
            if c.dep_ == "dobj" and c.lower_ in _REL_PRONOUNS and verb.dep_ == "relcl":
                objects.extend(self.fan(verb.head))
        objects = _unique(objects)
        if (
            any(c.dep_ in {"oprd", "ccomp"} for c in verb.children)
            and self.lex.relation_type(entry).name == "consultsWith"
        ):
            return False  # "called Putin 'my dear friend'": naming, not a call
        if not objects and self._reciprocal(verb) and len(subjects) >= 2:
            n = 0
            for a in subjects:
                n += self.add([a], [b for b in subjects if b.key != a.key], entry, verb, "svo-reciprocal")
            return n > 0
        means = self.means(verb, *[c for c in verb.children if c.dep_ == "dobj"], skip=prep_names)
        if "rev" in entry.flags:
            subjects, objects = objects, subjects  # "the Arab League readmitted Syria"
        rname = self.lex.relation_type(entry).name
        if rname == "consultsWith" and "recip" not in entry.flags:
            # "Syrian fighters travelled to Azerbaijan" is no visit of Syria: a visit needs the state itself
            subjects = [m for m in subjects if m.kind != "demonym"]
        if not objects and not passive and rname == "attacks":
            objects = self._locative_targets(verb) or self._city_targets(verb)
        if not objects and rname == "sanctions":
            objects = self._nationals(verb)
        n = 0
        if "negflip" in entry.flags:
            return self._negflip(verb, entry, subjects, objects)
        if "alongside" in entry.preps and objects:
            # "X fought alongside Y against Z": both fighters clash with Z
            enemies = [m for p in self.preps(verb, ("against",)) for m in self.fan(p)]
            n += self.add(subjects + objects, enemies, self.lex.type_named("clashesWith"), verb, "svo")
        if rname == "coChairOf":
            # "France co-chairs the group with Russia": the with-partners co-chair it too
            subjects = subjects + [m for p in self.preps(verb, ("with",)) for m in self.fan(p)]
        if rname == "consultsWith" and _lemma(verb) == "host":
            n += self._attended(verb, subjects)
        if "between" in entry.flags:
            dobjs = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
            if verb.dep_ == "relcl" and any(c.lower_ in _REL_PRONOUNS for c in dobjs):
                dobjs.append(verb.head)  # "a ceasefire between A and B that Russia brokered"
            parties = self.between(verb, *dobjs)
            rtype = self.lex.relation_type(entry)
            if not parties and rtype.name == "mediates" and any(self._talks_noun(d) for d in dobjs):
                # "Lavrov hosted the negotiations", "the talks are mediated by X": the parties are the
                # sides of the paragraph's last two-sided event
                parties = list(self.parties)
            if parties:
                rtype = self.lex.relation_type(entry)
                if rtype.name == "mediates":
                    n += self.add(subjects, parties, entry, verb, "between-mediation")
                    n += self.add(subjects, objects, entry, verb, rule)
                    return n > 0
                n += self.add_pairs(parties, rtype, verb, "between")
        if objects:
            n += self.add(subjects, objects, entry, verb, rule, means)
        elif "recip" in entry.flags and len(subjects) >= 2 and not self._stance(verb):
            rtype = self.lex.relation_type(entry)
            if rtype.symmetric:
                n += self.add_pairs(subjects, rtype, verb, "between-recip")
        elif rname == "agreesWith" and len({m.key for m in subjects}) < 2:
            # "the ministers agreed that Moscow and Ankara would ...": the sides named in the agreement
            for c in verb.children:
                if c.dep_ == "ccomp":
                    inner = self.subjects(c)[0]
                    if len({m.key for m in inner}) >= 2:
                        n += self.add_pairs(inner, self.lex.relation_type(entry), verb, "between-recip")
        return n > 0

    def _negflip(
        self, verb: Any, entry: LexiconEntry, subjects: list[Mention], objects: list[Mention]
    ) -> bool:
        """A verb whose negation asserts the relation ("did not rule out action against X", "never abandon").

        The entry only fires when the verb is negated; the relation then comes out positive, keeping the
        clause's mood (a double negative is an assertion, a conditional stays conditional).
        """
        mod = modality_of(verb, self.sent, self.lex)
        if not mod.negated:
            return False
        if not objects:
            objects = [
                m
                for c in verb.children
                if c.dep_ == "dobj"
                for p in self.preps(c, entry.preps)
                for m in self.fan(p)
            ]
        start = len(self.cands)
        n = self.add(subjects, objects, entry, verb, "svo-negflip")
        for cand in self.cands[start:]:
            cand.modality = Modality(False, mod.mood, "double negative")
        return n > 0

    def _attended(self, verb: Any, hosts: list[Mention]) -> int:
        """Read "X hosted the conference, (which was) attended by A and B": the host consults each guest."""
        guests: list[Mention] = []
        for c in verb.children:
            if c.dep_ != "dobj":
                continue
            for r in c.children:
                if r.dep_ in {"acl", "relcl"} and _lemma(r) == "attend":
                    guests.extend(m for p in self.preps(r, ("by",)) for m in self.fan(p))
        return self.add(hosts, _unique(guests), self.lex.type_named("consultsWith"), verb, "svo-attended")

    def _nationals(self, verb: Any) -> list[Mention]:
        """The state whose goods or people a measure hits: "banned imports of Japanese seafood".

        Sanction verbs often take a trade or travel noun as object; the demonym or state inside it (at most
        two levels down: "imports of <Japanese> seafood", "visa-free travel for <Turkish> citizens") is the
        sanctioned state.
        """
        out: list[Mention] = []
        for c in verb.children:
            if c.dep_ != "dobj" or self.index.at(c.i):
                continue
            for p in self.preps(c, ("of", "for", "from", "to")):
                for t in (p, *p.children):
                    out.extend(m for m in self.index.at(t.i) if m.state and m.actor.type == "State")
                for q in self.preps(p, ("of", "from")):
                    for t in (q, *q.children):
                        out.extend(m for m in self.index.at(t.i) if m.state and m.actor.type == "State")
        return _unique(out)

    def _city_targets(self, verb: Any) -> list[Mention]:
        """Cities struck by an attack verb ("shelled Ganja") stand for their state (cities.tsv)."""
        out: list[Mention | None] = []
        for c in verb.children:
            if c.dep_ == "dobj":
                out.extend(self._city(t) for t in (c, *c.conjuncts))
                for p in self.preps(c, ("including", "in", "of", "near")):
                    out.extend(self._city(t) for t in (p, *p.conjuncts))
        for p in self.preps(verb, ("in", "on", "inside", "near")):
            out.extend(self._city(t) for t in (p, *p.conjuncts))
        return [m for m in out if m is not None]

    def _city(self, tok: Any) -> Mention | None:
        """A mention for a city name at a token (with its compounds: "Kryvyi Rih"), or None."""
        if tok.pos_ != "PROPN" or self.index.at(tok.i):
            return None
        start = tok.i
        while start - 1 >= self.sent.start and self.doc[start - 1].dep_ == "compound":
            start -= 1
        actor = city_state(self.doc[start : tok.i + 1].text)
        if actor is None:
            return None
        return Mention(start, tok.i + 1, tok.i, actor, "city", actor.state, False, 0.9)

    def _refusal(self, tok: Any) -> bool:
        """Read "X refused to accept Y's proposal" as a positive rejection of Y, not a negated relation."""
        if _lemma(tok) not in _ACCEPT_VERBS or tok.dep_ != "xcomp" or _lemma(tok.head) not in _REFUSE_VERBS:
            return False
        objects = [m for c in tok.children if c.dep_ == "dobj" for m in self.fan(c)]
        if not objects:
            return False
        start = len(self.cands)
        n = self.add(self.subjects(tok)[0], objects, self.lex.type_named("rejects"), tok, "svo-refusal")
        mod = modality_of(tok.head, self.sent, self.lex)
        for cand in self.cands[start:]:
            cand.modality = mod
        return n > 0

    def _locative_targets(self, verb: Any) -> list[Mention]:
        """States named as the place of an attack ("struck sites inside Iran", "on Armenian territory")."""
        out: list[Mention] = []
        for tok in (verb, *[c for c in verb.children if c.dep_ == "dobj"]):
            for p in self.preps(tok, ("in", "inside", "across", "on", "into", "within")):
                out.extend(m for m in self.fan(p) if m.actor.type == "State" and m.kind in {"name", "state"})
                if _lemma(p) in _TERRITORY_NOUNS:
                    out.extend(m for m in self.fan(p, allow_modifier=True) if m.actor.type == "State")
        return _unique(out)

    def _hostile_object(self, verb: Any) -> bool:
        """Whether a verb's direct object names a hostile act ("sent strikes", "delivered blows")."""
        for c in verb.children:
            if c.dep_ == "dobj" and not self.index.at(c.i) and _lemma(c) not in _WEAPON_NOUNS:
                rels = self.lex.relations(_lemma(c), "noun") or self.lex.relations(_stem(c.lower_), "noun")
                if rels and all(self.lex.relation_type(e).polarity < 0 for e in rels):
                    return True
        return False

    def _stance(self, verb: Any) -> bool:
        """Whether a speech-like verb states a position ("spoke in favour of", "spoke out against")."""
        for c in verb.children:
            if c.dep_ == "prt" and c.lower_ == "out":
                return True
            if c.dep_ == "prep" and c.lower_ == "against":
                return True
            if c.dep_ == "prep" and any(p.lower_ in {"favor", "favour", "support"} for p in c.children):
                return True
        return False

    def _reciprocal(self, verb: Any) -> bool:
        """Whether the verb's object is "each other" / "one another"."""
        for c in verb.children:
            if c.dep_ in {"dobj", "pobj", "prep"}:
                words = {t.lower_ for t in c.subtree}
                if {"each", "other"} <= words or {"one", "another"} <= words:
                    return True
        return False

    def _credited_headline(self, tok: Any) -> None:
        """Read a crediting verb the tagger took for a noun ("Baku thanks Ankara for support") linearly."""
        if tok.i - 1 < self.sent.start or tok.i + 1 >= self.sent.end:
            return
        left = [m for m in self.index.at(tok.i - 1) if not m.is_modifier]
        right = [m for m in self.index.at(tok.i + 1) if not m.is_modifier]
        if left and right:
            self._credited(tok, left, right)

    def _credited(
        self, verb: Any, accusers: list[Mention] | None = None, accused: list[Mention] | None = None
    ) -> int:
        """Read "X blamed Y for the strike", "Baku thanked Ankara for its support": Y did what it names.

        The event's own object wins; otherwise the crediting subject is the one it was done to.
        """
        if accusers is None:
            accusers = self.subjects(verb)[0]
        if accused is None:
            accused = [m for c in verb.children if c.dep_ == "dobj" for m in self.fan(c)]
        if not accused:
            return 0
        n = 0
        for p in self.preps(verb, ("for", "of")):
            pos = "noun" if p.pos_ in {"NOUN", "PROPN"} else "verb"
            entries = self.lex.relations(_lemma(p), pos)
            if not entries or p.i in self.used_triggers:
                continue
            rtype = self.lex.relation_type(entries[0])
            if rtype.name == "accuses":
                continue
            targets = [m for q in self.preps(p, entries[0].preps) for m in self.fan(q)]
            targets += [m for c in p.children if c.dep_ == "dobj" for m in self.fan(c)]
            # without a named target the event was done to the one who credits or blames, if it fits the verb
            praising = _lemma(verb) in _POSITIVE_CREDIT
            fits = not rtype.symmetric and (rtype.polarity > 0 if praising else rtype.polarity < 0)
            n += self.add(
                accused,
                _unique(targets) or (accusers if fits else []),
                rtype,
                p,
                "nominal-credit",
                factor=0.85,
            )
        return n

    def _joint(self, tok: Any) -> None:
        """Read "joint Russian-Turkish patrols", "A and B will patrol together": all involved cooperate."""
        cooperates = self.lex.type_named("cooperatesWith")
        if tok.dep_ == "amod" and tok.head.pos_ in {"NOUN", "PROPN"}:
            noun = tok.head
            parties = [m for m in self._noun_agents(noun) if m.head != tok.i]
            for p in self.preps(noun, ("of", "between", "by")):
                parties.extend(self.fan(p))
            verb = self._governing_verb(noun)
            if len({m.key for m in parties}) < 2 and verb is not None:
                parties = _unique(parties + self.subjects(verb)[0])
                for p in self.preps(verb, ("with",)):
                    parties.extend(self.fan(p))
            if len({m.key for m in _unique(parties)}) >= 2:
                self.add_pairs(_unique(parties), cooperates, tok, "between-joint")
        elif tok.dep_ == "advmod" and tok.head.pos_ in {"VERB", "AUX"}:
            verb = tok.head
            parties = self.subjects(verb)[0]
            for p in self.preps(verb, ("with",)):
                parties = parties + self.fan(p)
            if len({m.key for m in parties}) >= 2:
                self.add_pairs(_unique(parties), cooperates, tok, "between-joint")

    def _under_request(self, trigger: Any) -> bool:
        """Whether a trigger sits in what someone is asked to do ("called on X to end its occupation")."""
        tok = trigger
        for _ in range(6):
            if tok.head.i == tok.i:
                return False
            dep, tok = tok.dep_, tok.head
            if dep == "xcomp" and any(
                e.relation == "requests" for e in self.lex.relations(_lemma(tok), "verb")
            ):
                return True
            if dep in {"ccomp", "advcl", "relcl", "parataxis"}:
                return False
        return False

    def _governing_verb(self, noun: Any) -> Any:
        """The verb a noun is the object of ("expressed support", "imposed sanctions"), or None."""
        tok = noun
        for _ in range(3):
            if tok.dep_ in {"dobj", "attr", "nsubjpass"} and tok.head.pos_ in {"VERB", "AUX"}:
                return tok.head
            if tok.dep_ == "conj":
                tok = tok.head
                continue
            if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in _CONTAINERS:
                tok = tok.head.head  # "pledged another package of military aid"
                continue
            if (
                tok.dep_ == "pobj"
                and tok.head.dep_ == "prep"
                and (
                    tok.head.lower_ in {"for", "in", "to"}
                    or (tok.head.lower_ == "on" and _lemma(tok) == "side")
                )
                and tok.head.head.pos_ == "VERB"
            ):
                return tok.head.head  # "called for talks", "engaged in talks", "fought on the side of X"
            return None
        return None

    def _noun_agents(self, noun: Any) -> list[Mention]:
        """The agent of an event noun: possessive, demonym/name modifier, X-led, by/from X."""
        out: list[Mention] = []
        for c in noun.children:
            if c.i < noun.i and c.dep_ in {"poss", "amod", "compound", "nmod", "npadvmod"}:
                if self._located(c):
                    continue
                mediating = any(e.relation == "mediates" for e in self.lex.lookup(_lemma(c), "participle"))
                if mediating:
                    continue  # "a China-brokered deal": China is the mediator, not a party
                # the modifier and what hangs off it ("Russian-Turkish", "Chinese and Russian")
                for t in c.subtree:
                    if t.i < noun.i:
                        out.extend(m for m in self.index.at(t.i) if m.head != noun.i)
            # "Turkish-Azerbaijani exercises": demonyms hanging off the first modifier
        for m in self.index.in_range(self.sent.start, noun.i):
            if m.kind == "demonym" and self.doc[m.head].head.i == noun.i and m not in out:
                out.append(m)
        return _unique(out)

    def _hyphen_prefix(self, tok: Any) -> list[Mention]:
        """Actors before "-" in "Saudi-led", "Russian-backed", "Qatar-brokered"."""
        i = tok.i
        if i >= 2 and self.doc[i - 1].text in {"-", "–"}:
            return list(self.index.at(i - 2))
        return []

    def _noun(self, noun: Any, entry: LexiconEntry) -> bool:
        if noun.i in self.means_tokens:
            return False
        if noun.dep_ == "compound" and self.lex.relations(_lemma(noun.head), "noun"):
            return False  # "ceasefire talks" are talks: the head noun is the trigger
        rtype = self.lex.relation_type(entry)
        if "role" in entry.flags:
            if rtype.name == "mediates":
                # "X acted as a mediator between A and B", "its role as mediator between A and B"
                parties = self.between(noun)
                if parties and self.add(self._described(noun), parties, rtype, noun, "role-mediation"):
                    return True
            if self._role(noun, entry, rtype):
                return True
            if rtype.name not in {"alliedWith", "partnerOf", "rivalOf"}:
                return False
        verb = self._governing_verb(noun)
        if verb is None and entry.pos == "noun" and len(entry.words) > 1:
            # "in a show of force": the phrase hangs on its first word
            verb = self._governing_verb(self.doc[max(noun.i - len(entry.words) + 1, self.sent.start)])
        light = verb is not None and self.lex.has_role(_lemma(verb), "_light", "verb")
        if verb is not None and rtype.name in {"threatens", "pressures"} and not light:
            # "flew bombers toward Japan in a show of force / as a warning": the act is the threat
            first = self.doc[max(noun.i - len(entry.words) + 1, self.sent.start)]
            light = first.dep_ == "pobj" and first.head.lower_ in {"in", "as"} and first.head.head.i == verb.i
        agents = [m for m in self._noun_agents(noun) if m.head != noun.i]
        pobjs = self.preps(noun, entry.preps)
        if light and verb is not None:
            names = [p for p in entry.preps if p != "of"]
            pobjs += self.preps(verb, names)
            if not pobjs:
                # "sent aircraft toward Taiwan in a show of force": the direction hangs on the object
                pobjs += [
                    q
                    for c in verb.children
                    if c.dep_ == "dobj" and c.i != noun.i
                    for q in self.preps(c, names)
                ]
        objects = _unique([m for p in pobjs for m in self.fan(p)])
        if not objects and rtype.name == "attacks":
            # "the shelling of Ganja": a city stands for its state as a target; so does the state an attack
            # happened in ("Israeli shelling in the east of the Gaza Strip")
            objects = [m for m in (self._city(p) for p in pobjs) if m is not None]
            places = self.preps(noun, ("in", "inside", "across"))
            places += [q for p in places if _lemma(p) in _PART_NOUNS for q in self.preps(p, ("of",))]
            for p in places:
                city = self._city(p)
                objects.extend([city] if city else [])
                objects.extend(
                    m for m in self.fan(p) if m.actor.type == "State" and m.kind in {"name", "capital"}
                )
        by_agents = [m for p in self.preps(noun, ("by",)) for m in self.fan(p)]
        if not by_agents:
            # the parser often hangs "by X" on the noun's object ("the expulsion of diplomats by Poland")
            by_agents = [m for o in pobjs for p in self.preps(o, ("by",)) for m in self.fan(p)]
        from_agents = (
            [m for p in self.preps(noun, ("from",)) for m in self.fan(p)] if "from" not in entry.preps else []
        )
        agents = _unique(agents + by_agents + from_agents)
        if not agents and "of" in entry.preps and objects:
            # "the support of Turkey for Azerbaijan": "of" is the agent if another preposition has the object
            of_objs = _unique([m for p in self.preps(noun, ("of",)) for m in self.fan(p)])
            others = _unique(
                [m for p in self.preps(noun, [x for x in entry.preps if x != "of"]) for m in self.fan(p)]
            )
            if of_objs and others:
                agents, objects = of_objs, others
        rev = False
        if not agents and verb is not None and (light or noun.dep_ == "nsubjpass"):
            subj, _passive = self.subjects(verb)
            agents = subj
            rev = light and any(
                "rev" in e.flags for e in self.lex.lookup(_lemma(verb), "verb") if e.relation == "_light"
            )
        if rev:
            # "Armenia received support from Russia": the from-actor is the agent
            givers = [
                m for p in self.preps(noun, ("from",)) + self.preps(verb, ("from",)) for m in self.fan(p)
            ]
            if givers:
                agents, objects = _unique(givers), agents
        n = 0
        parties = self.between(noun, *([verb] if light and verb is not None else []))
        mediators = self._mediators(noun)
        if mediators and not parties and not objects and len({m.key for m in agents}) < 2:
            # "the Russian-brokered ceasefire did not last": between the sides of the last event
            parties = list(self.parties)
        if parties:
            if rtype.name == "mediates":
                n += self.add(agents, parties, rtype, noun, "between-mediation")
            else:
                if rtype.symmetric:
                    n += self.add_pairs(parties, rtype, noun, "between")
                for med in mediators:
                    n += self.add(
                        [med[0]], parties, self.lex.type_named("mediates"), med[1], "between-mediation"
                    )
            return n > 0
        if objects and not agents and noun.dep_ == "pobj" and noun.head.lower_ == "for" and verb is not None:
            # "travelled to St Petersburg for talks with Putin": the traveller holds the talks
            agents = self.subjects(verb)[0]
        if (
            rtype.name == "requests"
            and not objects
            and noun.dep_ == "pobj"
            and noun.head.lower_ in {"at", "upon"}
        ):
            # "At Turkey's request, NATO envoys met": the request went to whoever acted on it
            acting = noun.head.head
            if acting.pos_ in {"VERB", "AUX"}:
                objects = self.subjects(acting)[0]
        if (
            rtype.name == "consultsWith"
            and light
            and not objects
            and len({m.key for m in agents}) == 1
            and all(m.state for m in agents)
        ):
            # "A's ministers held talks in Ankara": talks in a foreign capital are with its state
            objects = [
                m
                for p in self.preps(noun, ("in",)) + self.preps(verb, ("in",))
                for m in self.fan(p)
                if m.kind == "capital" and m.actor.type == "State"
            ]
        if not objects and not agents and rtype.symmetric and "recip" in entry.flags:
            # "A and B agreed on a truce after talks in Moscow", "restored ties in a China-brokered deal",
            # "have been in conflict": the clause's conjoined subject held the talks / is in the conflict;
            # a hostile noun only as the clause's state ("after the fighting" is someone else's fighting)
            framing = self._framing_verb(noun, hostile=rtype.polarity < 0)
            if framing is not None:
                agents = [m for m in self.subjects(framing)[0] if m.actor.type != "Person" or m.state]
                if len({m.key for m in agents}) < 2:
                    agents = []
        if objects:
            n += self.add(agents, objects, rtype, noun, "nominal")
        elif (
            rtype.symmetric
            and len({m.key for m in agents}) >= 2
            and "recip" in entry.flags
            and not self._distributive(noun)
        ):
            n += self.add_pairs(agents, rtype, noun, "between-recip")
            for med in mediators:
                n += self.add([med[0]], agents, self.lex.type_named("mediates"), med[1], "between-mediation")
        elif rtype.symmetric and light and verb is not None and len(agents) >= 2:
            n += self.add_pairs(agents, rtype, noun, "between-recip")
        return n > 0

    def _framing_verb(self, noun: Any, hostile: bool = False) -> Any:
        """The verb of a clause a noun frames: "after (hours of) talks", "in a deal", "during the summit".

        With ``hostile``, only a state the subjects are in counts ("in conflict", "at war", "on opposite
        sides"), not a time ("after the fighting").
        """
        tok = noun
        if not hostile and tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ == "pobj":
            tok = tok.head.head  # "after six hours of talks"
        preps = _STATE_PREPS if hostile else _FRAMING_PREPS
        if tok.dep_ != "pobj" or tok.head.lower_ not in preps:
            return None
        head = tok.head.head
        if head.pos_ in {"NOUN", "PROPN"} and head.dep_ == "dobj":
            head = head.head  # "restored ties in a China-brokered deal": the PP hangs on the object
        return head if head.pos_ in {"VERB", "AUX"} else None

    def _mediators(self, noun: Any) -> list[tuple[Mention, Any]]:
        """Mediators of a symmetric noun: "talks hosted by X", "a Qatar-brokered deal", "X-mediated talks"."""
        out: list[tuple[Mention, Any]] = []
        mods = [*noun.children, *(g for c in noun.children if c.dep_ == "compound" for g in c.children)]
        for c in mods:
            if c.dep_ in {"acl", "amod"} and any(
                e.relation == "mediates" for e in self.lex.lookup(_lemma(c), "participle")
            ):
                for m in self._hyphen_prefix(c):
                    out.append((m, c))
                if c.tag_ == "VBD" and any(g.dep_ in _SUBJ for g in c.children):
                    # "Kazakhstan hosted talks between A and B" parsed with "hosted" as a modifier
                    for m in self.subjects(c)[0]:
                        out.append((m, c))
                for p in self.preps(c, ("by",)):
                    for m in self.fan(p):
                        out.append((m, c))
                if not out and noun.dep_ == "ROOT" and c.i < noun.i and not self._hyphen_prefix(c):
                    # "A and B hosted (ceasefire) talks between ..." parsed as a noun phrase with a subject
                    out.extend((m, c) for g in noun.children if g.dep_ == "nsubj" for m in self.fan(g))
                self.used_triggers.add(c.i)
        return out

    def _listed(self, noun: Any, entry: LexiconEntry) -> list[Mention]:
        """Read "the co-chairs of Y — A, B and C —": a set-off list after the owner names the holders."""
        for p in self.preps(noun, entry.preps):
            owner = self.index.at(p.i)
            for c in p.children:
                if (
                    owner
                    and c.dep_ == "appos"
                    and c.i > p.i + 1
                    and self.doc[c.left_edge.i - 1].text in {"—", "–", "(", "-"}
                ):
                    listed = [m for m in self.fan(c) if m.actor.type == "State" and m not in owner]
                    if listed:
                        return listed
        return []

    def _described(self, noun: Any) -> list[Mention]:
        """The actor a relational noun describes: "X is an ally of Y", "X, Y's ally", "NATO member X"."""
        head = noun
        while head.dep_ == "compound" and head.head.i != head.i:
            if self.index.at(head.head.i):
                return self.fan(head.head)
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in _QUANTIFIERS:
            head = head.head.head  # "one of the group's members"
        if head.dep_ == "oprd" or (
            head.dep_ == "dobj" and any(c.dep_ == "dobj" and c.i < head.i for c in head.head.children)
        ):
            # "Turkey calls Azerbaijan its strategic ally"
            return [m for c in head.head.children if c.dep_ == "dobj" and c.i != head.i for m in self.fan(c)]
        if head.dep_ in {"attr", "acomp"} and head.head.pos_ in {"AUX", "VERB"}:
            return self.subjects(head.head)[0]
        if head.dep_ == "appos":
            return self.fan(head.head)
        if head.dep_ == "nsubj" and head.head.lemma_ == "be":
            # "Israel's main adversary is Iran"
            return [m for c in head.head.children if c.dep_ == "attr" for m in self.fan(c)]
        if head.dep_ == "pobj" and head.head.lower_ == "as" and head.head.head.pos_ == "VERB":
            return self.subjects(head.head.head)[0]
        if (
            head.dep_ == "pobj"
            and head.head.lower_ == "as"
            and _lemma(head.head.head) in {"role", "position"}
        ):
            # "its role as a mediator": the owner of the role
            return [m for c in head.head.head.children if c.dep_ == "poss" for m in self.fan(c)]
        if head.dep_ == "conj":
            return self._described(head.head)
        for c in head.children:
            if c.dep_ == "appos" and c.i > head.i:
                return self.fan(c)
        for c in head.children:
            if c.dep_ == "relcl":
                pass
        return []

    def _role(self, noun: Any, entry: LexiconEntry, rtype: RelationType) -> bool:
        described = self._described(noun) or self._listed(noun, entry)
        head = noun
        while head.dep_ == "compound" and not self.index.at(head.head.i) and head.head.i != head.i:
            head = head.head
        owners: list[Mention] = []
        for tok in {noun, head}:
            for c in tok.children:
                if c.dep_ in {"poss", "compound", "amod", "nmod"} and c.i < noun.i:
                    if c.i >= 2 and self.doc[c.i - 1].text == "-" and self.doc[c.i - 2].lower_ == "non":
                        continue  # "a major non-NATO ally"
                    owners.extend(m for m in self.index.at(c.i) if m not in described)
            for p in self.preps(tok, entry.preps):
                owners.extend(self.fan(p))
        owners = _unique([m for m in owners if m not in described])
        # "partners in the AUKUS pact": the organisation may be a modifier of an event noun
        contexts = [
            m for p in self.preps(noun, ("in", "within")) for m in (self.fan(p) or self._noun_agents(p))
        ]
        if not described:
            # "Turkey's allies in the Syrian opposition"
            described = [m for m in contexts if m.actor.type == "NonStateGroup"]
        n = 0
        if described and owners:
            n += self.add(described, owners, rtype, noun, "role")
            orgs = [m for m in contexts if m.actor.type == "InternationalOrganization"]
            if orgs and rtype.name in {"alliedWith", "partnerOf"}:
                # "Russia is Armenia's ally in the CSTO": both are members
                n += self.add(
                    _unique(described + owners), orgs, self.lex.type_named("memberOf"), noun, "role-context"
                )
            return n > 0
        orgs = [m for m in contexts if m.actor.type == "InternationalOrganization"]
        if described and orgs and rtype.name in {"alliedWith", "partnerOf"}:
            # "A, B and C are partners in the AUKUS pact": membership, not a pairwise partnership
            return self.add(described, orgs, self.lex.type_named("memberOf"), noun, "role-context") > 0
        if "recip" in entry.flags and rtype.symmetric and len({m.key for m in described}) >= 2:
            return self.add_pairs(described, rtype, noun, "role-recip") > 0
        return False

    def _participle(self, tok: Any) -> bool:
        """Hyphenated participles: "Russian-backed X" (X an actor), "X-brokered deal" handled by the noun."""
        prefix = self._hyphen_prefix(tok)
        if not prefix:
            return False
        entries = [e for e in self.lex.lookup(_lemma(tok), "participle") if not e.is_helper]
        if not entries:
            return False
        entry = entries[0]
        rtype = self.lex.relation_type(entry)
        if rtype.name == "mediates":
            return False
        head = tok.head
        objects = [m for m in self.fan(head) if m not in prefix and m.start > tok.i]
        if objects:
            self.add(prefix, objects, rtype, tok, "nominal-participle")
        self.used_triggers.add(tok.i)
        return True

    def _prefix(self, tok: Any) -> None:
        """Read "pro-Azerbaijani policy": the policy's owner supports Azerbaijan ("anti-": opposes)."""
        entries = [e for e in self.lex.lookup(tok.lower_, "adj") if not e.is_helper]
        if not entries or tok.i + 2 >= len(self.doc) or self.doc[tok.i + 1].text not in {"-", "–"}:
            return
        targets = list(self.index.at(tok.i + 2))
        if not targets:
            return
        noun = tok.head
        while noun.dep_ in {"amod", "compound"} and noun.head.i > noun.i and noun.pos_ != "NOUN":
            noun = noun.head  # "pro-Turkish groups" parsed as pro <- Turkish <- groups
        if _lemma(noun) in _STANCE_HOLDERS:
            return  # "pro-Turkish militias" hold the stance themselves; whoever acts on them does not
        owners = [m for m in self._noun_agents(noun) if m not in targets]
        if not owners and noun.dep_ in {"dobj", "attr", "nsubj", "nsubjpass"}:
            verb = self._governing_verb(noun)
            if verb is not None:
                owners = self.subjects(verb)[0]
        self.add(owners, targets, entries[0], tok, "prefix")

    def _linear(self, tok: Any) -> None:
        """ACTOR TRIGGER ACTOR within a clause, for headline-like sentences the parser mis-tags."""
        objs = [c.dep_ for c in tok.children if c.dep_ in {"dobj", "oprd", "ccomp"}]
        if tok.pos_ == "VERB" and ("oprd" in objs or ("dobj" in objs and len(objs) > 1)):
            return  # a parsed naming frame ("calls Azerbaijan its ally", "called Putin 'my friend'")
        entries = [
            e for e in self._entries(tok, "verb") if len(e.words) == 1 or e.preps or "recip" in e.flags
        ]
        if not entries:
            return
        first = tok.i - 2 if tok.i >= 2 and self.doc[tok.i - 1].text == "-" else tok.i
        doc, sent = self.doc, self.sent
        left: Mention | None = None
        j = first - 1
        while j >= sent.start and first - j <= 3:
            ms = [m for m in self.index.at(j) if not m.is_modifier]
            if ms:
                left = ms[0]
                break
            if doc[j].pos_ not in {"ADV", "AUX", "PART"}:
                break
            j -= 1
        if left is None:
            return
        right: Mention | None = None
        k = tok.i + 1
        while k < sent.end and k - tok.i <= 3:
            # "hosted the G20 summit": a name modifying a noun is not the object
            ms = [
                m
                for m in self.index.at(k)
                if not m.is_modifier and doc[m.head].dep_ != "compound" and not self._on_side(doc[m.head])
            ]
            if ms:
                right = ms[0]
                break
            if doc[k].pos_ not in {"DET", "ADJ"} and doc[k].lower_ not in {"on", "with", "to"}:
                break
            k += 1
        subjects = self._linear_group(left, -1)
        if right is None:
            rtype = self.lex.relation_type(entries[0])
            if (
                rtype.symmetric
                and "recip" in entries[0].flags
                and len({m.key for m in subjects}) >= 2
                and not self._stance(tok)
            ):
                self.add_pairs(subjects, rtype, tok, "linear-recip")
            return
        objects = self._linear_group(right, 1)
        if self.lex.relation_type(entries[0]).name == "coChairOf":
            # "France co-chairs the group with Russia and the United States"
            k = max(m.end for m in objects)
            if k + 1 < sent.end and doc[k].lower_ == "with":
                k += 1 + (doc[k + 1].lower_ == "the")
                partners = [m for m in self.index.at(k) if not m.is_modifier] if k < sent.end else []
                if partners:
                    subjects = subjects + self._linear_group(partners[0], 1)
        means = None
        for m_tok in doc[right.end : sent.end]:
            if m_tok.lower_ in {"via", "through", "with", "by"}:
                words = [t for t in doc[m_tok.i + 1 : sent.end] if not t.is_punct or t.text == "-"]
                end = m_tok.i + 1
                for t in doc[m_tok.i + 1 : sent.end]:
                    if (t.is_punct and t.text != "-") or t.pos_ in {"VERB", "AUX", "SCONJ", "CCONJ"}:
                        break
                    end = t.i + 1
                if words and end > m_tok.i + 1:
                    start = m_tok.i + 1
                    while start < end and doc[start].pos_ == "DET":
                        start += 1
                    means = doc[start:end].text if start < end else None
                break
            if m_tok.pos_ in {"VERB", "AUX"}:
                break
        self.add(subjects, objects, entries[0], tok, "linear", means)

    def _linear_group(self, start: Mention, step: int) -> list[Mention]:
        """A mention and the mentions joined to it by "and"/"," on one side."""
        group = [start]
        doc = self.doc
        cur = start
        while True:
            j = cur.start - 1 if step < 0 else cur.end
            if step < 0 and self.sent.start <= j and doc[j].lower_ == "the":
                j -= 1
            if not (self.sent.start <= j < self.sent.end) or doc[j].lower_ not in {"and", ","}:
                break
            k = j + step
            if step > 0 and k < self.sent.end and doc[k].lower_ == "the":
                k += 1
            ms = (
                [m for m in self.index.at(k) if not m.is_modifier]
                if self.sent.start <= k < self.sent.end
                else []
            )
            if not ms:
                break
            cur = ms[0]
            group.append(cur)
        return group

    # ------------------------------------------------------------------ reported speech
    def _speech(self, cand: _Cand) -> None:
        """Set the reporter of a relation inside "X said (that) ...", a quote, or "according to X"."""
        tok = cand.trigger
        for _ in range(10):
            if tok.head.i == tok.i:
                break
            dep = tok.dep_
            tok = tok.head
            if dep in {"ccomp", "parataxis", "dobj"} and self.lex.has_role(_lemma(tok), "_speech", "verb"):
                subj = [m for m in self.subjects(tok)[0] if m.key not in {cand.subj.key}]
                if subj:
                    cand.reporter = subj[0]
                return
        for t in self.sent:
            if t.lower_ == "according" and t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ == "to":
                for p in self.doc[t.i + 1].children:
                    if p.dep_ == "pobj":
                        found = self.fan(p)
                        if found:
                            cand.reporter = found[0]
                            return
        # a speech verb at the root with the trigger's clause in a quote ("'...,' the spokesperson said")
        root = self.sent.root
        quoted = any(t.text in {'"', "“", "”", "'", "‘", "’"} for t in self.sent)
        if quoted and root.i != cand.trigger.i and self.lex.has_role(_lemma(root), "_speech", "verb"):
            subj = self.subjects(root)[0]
            if subj and subj[0].key != cand.subj.key:
                cand.reporter = subj[0]

    def _accusations(self) -> None:
        """A reporter who says another actor did something hostile accuses that actor."""
        accuses = self.lex.type_named("accuses")
        extra: list[_Cand] = []
        for cand in self.cands:
            if cand.reporter is None or cand.rtype.name == "accuses":
                continue
            hostile = cand.rtype.polarity < 0 or cand.rtype.name == "aids"
            hostile = hostile or (cand.rtype.name == "supports" and cand.obj.actor.type == "NonStateGroup")
            if not hostile or (cand.reporter.key == cand.obj.key and cand.rtype.polarity >= 0):
                continue
            if cand.rtype.symmetric and cand.trigger.pos_ in {"NOUN", "PROPN"}:
                continue  # "we are following the A-B conflict": a topic named, nobody blamed
            mod = modality_of(cand.trigger, self.sent, self.lex)
            cand.modality = mod
            if mod.negated or mod.mood != "asserted":
                continue
            if _valid(cand.reporter, cand.subj, accuses):
                extra.append(
                    _Cand(cand.reporter, cand.subj, accuses, cand.trigger, "reported-accusation", factor=0.8)
                )
        self.cands.extend(extra)


def _unique_tokens(tokens: Iterable[Any]) -> list[Any]:
    seen: dict[int, Any] = {}
    for t in tokens:
        seen.setdefault(t.i, t)
    return list(seen.values())


def _unique(mentions: Iterable[Mention]) -> list[Mention]:
    seen: set[int] = set()
    out: list[Mention] = []
    for m in mentions:
        if id(m) not in seen:
            seen.add(id(m))
            out.append(m)
    return out


def _actor_label(actor: Actor) -> str:
    return actor.label


@Language.factory(
    "actorgraph_relations",
    default_config={"max_tokens": 600, "max_mentions": 100},
    requires=["doc.ents", "token.dep", "token.pos", "token.lemma", "doc.sents"],
    assigns=["doc._.actorgraph_relations"],
)
def make_relation_extractor(
    nlp: Language, name: str, max_tokens: int, max_mentions: int
) -> RelationExtractor:
    """Build the relation extractor (``build_nlp`` sets gazetteer and lexicon, else they load lazily).

    Args:
        nlp: the pipeline.
        name: the component name.
        max_tokens: longest sentence processed.
        max_mentions: most actor mentions per sentence processed.

    Returns:
        The component.
    """
    return RelationExtractor(nlp, name, max_tokens=max_tokens, max_mentions=max_mentions)
