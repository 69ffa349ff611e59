"""What every rule shares: the candidate a rule proposes, the sentence context it works in, and the registry.

A rule is a small function over typed spaCy objects. A *token rule* ``(ctx, token) -> bool`` looks at one word
of the sentence and may propose candidates; returning True claims the word, so the rules after it in the
component's order do not see it. A *sentence rule* ``(ctx) -> None`` runs once the token rules are done (a
word-order fallback, reported speech). Rules register themselves by name with :func:`token_rule` and
:func:`sentence_rule`; the ``actorgraph_relations`` component runs the names its config lists, in that order.

Rules never decide what becomes an assertion: they append :class:`Candidate` objects, and the decision step
(:mod:`actorgraph.pipeline.decision`) turns them into :class:`~actorgraph.model.Assertion` objects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from ...bundle import Resources
from ...discourse import MAX_TABLE
from ...gazetteer import Gazetteer
from ...lexicon import Lexicon, LexiconEntry, WordClasses
from ...model import RelationType
from ..mentions import Mention, MentionIndex
from ..modality import Modality

__all__ = [
    "SENTENCE_RULES",
    "TOKEN_RULES",
    "Candidate",
    "CandidateFeatures",
    "SentenceContext",
    "SentenceRule",
    "TokenRule",
    "dependency_path",
    "lemma",
    "pos_class",
    "sentence_rule",
    "stem",
    "token_rule",
    "trigger_entries",
    "unique",
    "unique_tokens",
    "valid_pair",
]


@dataclass(frozen=True)
class CandidateFeatures:
    """Plain features of a candidate, for a trained relation classifier to score it.

    Attributes:
        relation: the relation's name.
        rule: the rule that proposed it.
        trigger_lemma: the trigger's lemma, lower case.
        trigger_pos: the trigger's coarse part of speech.
        path: dependency labels from the subject's head up to the lowest common ancestor (marked ``^``) and
            down to the object's head (marked ``v``).
        distance: tokens between the subject's and the object's heads.
        negated: the candidate's modality says it is denied.
        mood: ``asserted``, ``hedged``, ``conditional`` or ``question``.
    """

    relation: str
    rule: str
    trigger_lemma: str
    trigger_pos: str
    path: tuple[str, ...]
    distance: int
    negated: bool
    mood: str


def _ancestors(tok: Token) -> list[Token]:
    """The token and its heads up to the root."""
    chain = [tok]
    while chain[-1].head.i != chain[-1].i and len(chain) < 100:
        chain.append(chain[-1].head)
    return chain


def dependency_path(a: Token, b: Token) -> tuple[str, ...]:
    """Dependency labels from ``a`` up to the lowest common ancestor and down to ``b``.

    Examples:
        >>> import spacy
        >>> from spacy.tokens import Doc
        >>> words, heads, deps = ["Turkey", "backs", "Baku"], [1, 1, 1], ["nsubj", "ROOT", "dobj"]
        >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
        >>> dependency_path(doc[0], doc[2])
        ('^nsubj', 'vdobj')
    """
    up, down = _ancestors(a), _ancestors(b)
    down_index = {t.i: k for k, t in enumerate(down)}
    for k, tok in enumerate(up):
        if tok.i in down_index:
            rising = tuple(f"^{t.dep_}" for t in up[:k])
            falling = tuple(f"v{t.dep_}" for t in reversed(down[: down_index[tok.i]]))
            return rising + falling
    return ()


@dataclass
class Candidate:
    """A relation a rule proposes in one sentence, before the decision step makes it an assertion.

    Attributes:
        subject: the acting mention.
        object: the mention acted upon.
        relation: the relation type (with any lexicon polarity override applied).
        trigger: the word that signalled it.
        rule: the rule's name (``svo``, ``nominal``, ``between-recip``...); its first part sets the base
            confidence.
        means: the "through / via / by" phrase, if any.
        reporter: the actor whose speech reports it ("X said that ..."), if any.
        factor: a confidence multiplier the rule chose.
        modality: negation and mood; None until the rules are done (then read from the trigger's clause).
    """

    subject: Mention
    object: Mention
    relation: RelationType
    trigger: Token
    rule: str
    means: str | None = None
    reporter: Mention | None = None
    factor: float = 1.0
    modality: Modality | None = None

    def features(self) -> CandidateFeatures:
        """The candidate's plain features (see :class:`CandidateFeatures`)."""
        doc = self.trigger.doc
        subj, obj = doc[self.subject.head], doc[self.object.head]
        mod = self.modality or Modality()
        return CandidateFeatures(
            relation=self.relation.name,
            rule=self.rule,
            trigger_lemma=lemma(self.trigger),
            trigger_pos=self.trigger.pos_,
            path=dependency_path(subj, obj),
            distance=abs(subj.i - obj.i),
            negated=mod.negated,
            mood=mod.mood,
        )


def valid_pair(subj: Mention, obj: Mention, rtype: RelationType) -> bool:
    """Two distinct actors (after state roll-up), with an organisation as object where the relation needs one.

    Relations hinted ``organisationObject`` (membership) may join two actors of one state ("Turkey's
    ruling party is a member of X"); all others need two states, or no state on one side.
    """
    if subj.actor.id == obj.actor.id or subj.key == obj.key:
        return False
    if "partner" in (subj.kind, obj.kind) and not rtype.symmetric:
        return False  # "we" takes the leader addressed only into mutual relations ("we discussed")
    if subj.kind == obj.kind == "guest":
        return False  # two guests of a call with many leaders: they met the host, not each other
    if "signatory" in (subj.kind, obj.kind) and {subj.kind, obj.kind} & {"participant", "guest"}:
        return False  # a joint statement's "we" and its "both sides" / "the leaders": one group, not two
    org_object = "organisationObject" in rtype.hints
    if not org_object and subj.state and obj.state and subj.state == obj.state:
        return False
    if org_object and obj.actor.type not in {"InternationalOrganization", "NonStateGroup"}:
        return False
    return not (org_object and subj.actor.type == "InternationalOrganization" and obj.state)


@dataclass
class SentenceContext:
    """One sentence under extraction: its mentions, the resources, and what the rules have found so far.

    Attributes:
        sent: the sentence.
        index: the block's mentions by token.
        resources: lexicon, word classes, gazetteer and relation types.
        parties: the sides of the paragraph's last two-sided event ("both sides" points to them).
        candidates: what the rules proposed, in order.
        used_triggers: tokens already used as a trigger (no rule reads them again).
        means_tokens: tokens inside a means phrase (never a trigger of their own).
    """

    sent: Span
    index: MentionIndex
    resources: Resources
    parties: list[Mention] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    used_triggers: set[int] = field(default_factory=set)
    means_tokens: set[int] = field(default_factory=set)

    @property
    def doc(self) -> Doc:
        """The block's Doc."""
        return self.sent.doc

    @property
    def lex(self) -> Lexicon:
        """The relation lexicon."""
        return self.resources.lexicon

    @property
    def words(self) -> WordClasses:
        """The word classes of ``words.tsv``."""
        return self.resources.words

    @property
    def gaz(self) -> Gazetteer:
        """The gazetteer."""
        return self.resources.gazetteer

    def word(self, word_class: str, tok: Token) -> bool:
        """Whether a token belongs to a word class, compared by lemma or form as the class says."""
        text = lemma(tok) if self.words.match(word_class) == "lemma" else tok.lower_
        return self.words.has(word_class, text)

    def relation_type(self, relation: LexiconEntry | RelationType) -> RelationType:
        """The relation type of a lexicon entry (polarity override applied), or the type itself."""
        return relation if isinstance(relation, RelationType) else self.lex.relation_type(relation)

    def add(
        self,
        subjects: Iterable[Mention],
        objects: Iterable[Mention],
        relation: LexiconEntry | RelationType,
        trigger: Token,
        rule: str,
        means: str | None = None,
        factor: float = 1.0,
    ) -> int:
        """Propose the relation for every valid (subject, object) pair; mark the trigger used if any was.

        Returns:
            The number of candidates added.
        """
        rtype = self.relation_type(relation)
        objs = list(objects)
        n = 0
        for s in subjects:
            for o in objs:
                if valid_pair(s, o, rtype):
                    self.candidates.append(Candidate(s, o, rtype, trigger, rule, means, factor=factor))
                    n += 1
        if n:
            self.used_triggers.add(trigger.i)
        return n

    def add_pairs(
        self, parties: list[Mention], relation: LexiconEntry | RelationType, trigger: Token, rule: str
    ) -> int:
        """Propose a symmetric relation between every two parties.

        The signatories a joint statement's "we" stands for act side by side, not with each other: they are
        paired with one another only where the words say they act together (:meth:`together`).
        """
        n = 0
        for k, a in enumerate(parties):
            for b in parties[k + 1 :]:
                if a.kind == b.kind == "signatory" and a.start == b.start and not self.together(a, trigger):
                    continue
                n += self.add([a], [b], relation, trigger, rule)
        return n

    def together(self, we: Mention, trigger: Token) -> bool:
        """Whether the signatories of one "we" act with each other through a trigger, not side by side.

        "We will work *together*", "the work we do *jointly*" (a ``joint`` word) and "*our* cooperation" (the
        "we" owns the relation noun, which names no other party: not "our call on X") relate them; "we
        reaffirm our support for X", "we are partnering" and the "we" of more than :data:`MAX_TABLE`
        governments do not.
        """
        if len(self.index.at(we.start)) > MAX_TABLE:
            return False
        if self.word("joint", trigger):
            return True
        tok = self.doc[we.start]
        if tok.dep_ != "poss" or tok.head.i != trigger.i:
            return False
        return not any(
            self.index.at(obj.i) for prep in trigger.children if prep.dep_ == "prep" for obj in prep.children
        )


TokenRule = Callable[[SentenceContext, Token], bool]
SentenceRule = Callable[[SentenceContext], None]
_Rule = TypeVar("_Rule", TokenRule, SentenceRule)

#: Token rules by name (filled by the rule modules as they are imported).
TOKEN_RULES: dict[str, TokenRule] = {}
#: Sentence rules by name.
SENTENCE_RULES: dict[str, SentenceRule] = {}


def _registrar(registry: dict[str, _Rule], name: str) -> Callable[[_Rule], _Rule]:
    def register(func: _Rule) -> _Rule:
        registry[name] = func
        return func

    return register


def token_rule(name: str) -> Callable[[TokenRule], TokenRule]:
    """Register a token rule under ``name`` (the name the component's ``token_rules`` config lists)."""
    return _registrar(TOKEN_RULES, name)


def sentence_rule(name: str) -> Callable[[SentenceRule], SentenceRule]:
    """Register a sentence rule under ``name`` (the name the component's ``sentence_rules`` config lists)."""
    return _registrar(SENTENCE_RULES, name)


def pos_class(tok: Token) -> str:
    """The lexicon part of speech of a token: ``verb``, ``noun``, ``adj`` or the lower-cased tag."""
    if tok.pos_ in {"VERB", "AUX"}:
        return "verb"
    if tok.pos_ in {"NOUN", "PROPN"}:
        return "noun"
    if tok.pos_ == "ADJ":
        return "adj"
    return str(tok.pos_).lower()


def lemma(tok: Token) -> str:
    """The token's lemma, lower case."""
    return str(tok.lemma_).lower()


def stem(word: str) -> str:
    """A fallback lemma for a verb form the tagger lemmatised badly ("readmitted" -> "readmitte").

    Examples:
        >>> stem("readmitted"), stem("lambasted"), stem("decries"), stem("shelling")
        ('readmit', 'lambast', 'decry', 'shell')
    """
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            root = word[: -len(suffix)]
            if len(root) > 2 and root[-1] == root[-2] and root[-1] not in "ls":
                root = root[:-1]  # "readmitted" -> "readmit"
            return root
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("es") and len(word) > 4 and word[-3] in "sxz":
        return word[:-2]
    if word.endswith("s") and len(word) > 3:
        return word[:-1]
    return word


def unique_tokens(tokens: Iterable[Token]) -> list[Token]:
    """Tokens without repeats (by index), in first-seen order."""
    seen: dict[int, Token] = {}
    for t in tokens:
        seen.setdefault(t.i, t)
    return list(seen.values())


def unique(mentions: Iterable[Mention]) -> list[Mention]:
    """Mentions without repeats (the same object), in first-seen order."""
    seen: set[int] = set()
    out: list[Mention] = []
    for m in mentions:
        if id(m) not in seen:
            seen.add(id(m))
            out.append(m)
    return out


def _phrase_at(ctx: SentenceContext, tok: Token, entry: LexiconEntry) -> bool:
    """Whether a multi-word entry's other words surround the token as the phrase needs."""
    words = entry.words
    doc = ctx.doc
    if entry.pos == "noun":
        j = tok.i - (len(words) - 1)
        return j >= 0 and all(lemma(doc[j + k]) == w or doc[j + k].lower_ == w for k, w in enumerate(words))
    j = tok.i + 1
    for w in words[1:]:
        # allow a determiner or adjective in between ("put more pressure on")
        while j < len(doc) and j < tok.i + 4 and doc[j].pos_ in {"DET", "ADJ", "ADV"} and doc[j].lower_ != w:
            j += 1
        if j >= len(doc) or (lemma(doc[j]) != w and doc[j].lower_ != w):
            return False
        j += 1
    return True


def trigger_entries(ctx: SentenceContext, tok: Token, pos: str) -> list[LexiconEntry]:
    """Relation entries whose (multi-word) lemma matches at this token, longer phrases first.

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence
        >>> ctx = sentence(
        ...     "Iran held a phone call with Iraq",
        ...     heads=[1, 1, 4, 4, 1, 4, 5],
        ...     deps=["nsubj", "ROOT", "det", "compound", "dobj", "prep", "pobj"],
        ...     lemmas=["Iran", "hold", "a", "phone", "call", "with", "Iraq"],
        ... )
        >>> [e.lemma for e in trigger_entries(ctx, ctx.doc[4], "noun")]
        ['phone call', 'call', 'call']
    """
    out: list[LexiconEntry] = []
    word = lemma(tok)
    if tok.i >= 2 and ctx.doc[tok.i - 1].text == "-":
        # "co-chairs" is split into "co", "-", "chairs"
        joined = ctx.lex.relations(f"{ctx.doc[tok.i - 2].lower_}-{word}", pos)
        if joined:
            return list(joined)
    for entry in ctx.lex.relations(word, pos) or ctx.lex.relations(stem(tok.lower_), pos):
        if len(entry.words) > 1 and not _phrase_at(ctx, tok, entry):
            continue
        out.append(entry)
    out.sort(key=lambda e: -len(e.words))  # "phone call" before "call", then file order
    return out
