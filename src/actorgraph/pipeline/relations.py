"""The ``actorgraph_relations`` spaCy component: actor mentions + relation lexicon + parse -> assertions.

Per block (a paragraph) the component finds the actor mentions (:mod:`.mentions`), resolves pronouns
(:mod:`.coref`), and per sentence runs the extraction rules (:mod:`.rules`) in the order its config lists
them; the rules propose candidates and the decision step (:mod:`.decision`) turns them into assertions with
their modality (negation, hedge, condition, question), reporter, event date and confidence.

Everything the component knows about English and about actors comes from one
:class:`~actorgraph.resources.Resources` object, handed over by :meth:`RelationExtractor.initialize` and saved
with the pipeline by :meth:`RelationExtractor.to_disk`, the way spaCy's own rulers keep their patterns.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example

from ..bundle import Resources, load_resources
from ..discourse import DiscourseFrame
from ..errors import ActorgraphError
from ..model import Actor, Assertion
from .coref import resolve_coreference, resolve_from_frame
from .decision import DECISIONS, BlockContext, Decision, Draft, RuleDecision, drafts, event_parties, merge
from .features import SentenceFeatures, draft_features
from .mentions import Mention, MentionFinder
from .modality import modality_of
from .proposals import frame_pairs, propose
from .rules import (
    DEFAULT_SENTENCE_RULES,
    DEFAULT_TOKEN_RULES,
    Candidate,
    SentenceContext,
    check_rule_names,
    run_rules,
)

__all__ = [
    "CONTEXT_KEY",
    "DRAFTS",
    "EXTENSION",
    "RelationExtractor",
    "ScoredDraft",
    "make_relation_extractor",
]

log = logging.getLogger(__name__)

#: ``doc.user_data`` key holding the block context (doc name, offset, date, original text).
CONTEXT_KEY = "actorgraph"
#: The Doc extension the component writes.
EXTENSION = "actorgraph_relations"
#: The Doc extension holding every candidate as a draft with its features (what a trained decision scores).
DRAFTS = "actorgraph_drafts"
_RESOURCES_DIR = "resources"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


@dataclass(frozen=True)
class ScoredDraft:
    """A draft of one sentence with its features, as the component leaves it for a trained decision.

    Plain data (no spaCy tokens), so the Doc that carries it can be copied and pickled.

    Attributes:
        sentence: the sentence's number in the block.
        key: what the draft says (subject key, relation, object key, negation, mood).
        assertion: the assertion it would give.
        features: its feature strings (:func:`~actorgraph.pipeline.features.draft_features`).
        proposal: it comes from :mod:`.proposals`, not from a rule (only a trained decision may keep it).
    """

    sentence: int
    key: tuple[str, str, str, bool, str]
    assertion: Assertion
    features: tuple[str, ...]
    proposal: bool = False


def _ensure_extension() -> None:
    for name in (EXTENSION, DRAFTS):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def _without_guest_talks(candidates: list[Candidate], frame: DiscourseFrame) -> list[Candidate]:
    """Drop talks between two guests of a host's call ("Joining the call were A, B and C"): each met him."""
    guests = {a.state or a.id for a in frame.guests}
    return [
        c
        for c in candidates
        if not (c.relation.name == "consultsWith" and c.subject.key in guests and c.object.key in guests)
    ]


def _titles_someone(doc: Doc, mention: Mention) -> bool:
    """Whether a demonym in a title or label starts a capitalised office or name.

    "Polish National Security Bureau Chief X", "Ukrainian Counterparts": the official's state; not
    "Iranian-American Journalist".
    """
    after = doc[mention.end] if mention.end < len(doc) else None
    return after is not None and after.is_alpha and after.text[:1].isupper()


class RelationExtractor:
    """Pipeline component writing ``doc._.actorgraph_relations`` (a list of :class:`Assertion`).

    The block context comes from ``doc.user_data["actorgraph"]`` (``doc``, ``offset``, ``date``,
    ``original``); without it, offsets are relative to the Doc and the date is unknown.

    Args:
        nlp: the pipeline (unused; spaCy passes it).
        name: the component name.
        max_tokens: sentences longer than this are skipped with a warning (pathological input).
        max_mentions: sentences with more actor mentions than this are skipped with a warning.
        token_rules: the token rules to run, in order (names registered in :mod:`.rules`).
        sentence_rules: the sentence rules to run after them, in order.
        decision: the decision step's name (:data:`~actorgraph.pipeline.decision.DECISIONS`).

    Raises:
        ActorgraphError: a rule or decision name is unknown.
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        max_tokens: int = 600,
        max_mentions: int = 100,
        token_rules: Sequence[str] = DEFAULT_TOKEN_RULES,
        sentence_rules: Sequence[str] = DEFAULT_SENTENCE_RULES,
        decision: str = "rules",
    ) -> None:
        check_rule_names(token_rules, sentence_rules)
        self.nlp = nlp
        if decision not in DECISIONS:
            raise ActorgraphError(f"unknown decision {decision!r} (known: {', '.join(sorted(DECISIONS))})")
        self.name = name
        self.max_tokens = max_tokens
        self.max_mentions = max_mentions
        self.token_rules = tuple(token_rules)
        self.sentence_rules = tuple(sentence_rules)
        self.decide: Decision = DECISIONS[decision]()
        self.resources: Resources | None = None
        #: Leave each sentence's drafts and proposals with their features for a trained decision
        #: (``doc._.actorgraph_drafts``); off when the rules decide alone.
        self.keep_drafts = True
        self._finder: MentionFinder | None = None
        self._known_people: frozenset[str] = frozenset()
        _ensure_extension()

    # ------------------------------------------------------------------ spaCy API
    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        resources: Resources | None = None,
    ) -> None:
        """Take the resources the rules read (default: the shipped ones, :func:`load_resources`)."""
        self.resources = resources if resources is not None else load_resources()
        self._finder = MentionFinder(self.resources)
        # people the gazetteer knows need no remembering: their names are patterns already
        self._known_people = frozenset(
            a.id for a in self.resources.gazetteer.iter_actors() if a.type == "Person"
        )

    def __call__(self, doc: Doc) -> Doc:
        """Find the relations of one block and store them on ``doc._.actorgraph_relations``."""
        if self.resources is None or self._finder is None:
            raise ActorgraphError(
                f"the {self.name} component has no resources: build the pipeline with "
                "actorgraph.pipeline.build_nlp(), or call its initialize(resources=...) first"
            )
        data = doc.user_data.get(CONTEXT_KEY) or {}
        block = BlockContext.from_user_data(data)
        frame = self._frame(data, block.date)
        if frame is not None:
            frame.start_block(data.get("label"), lambda text: self._actors_in(text, block.date))
            if frame.in_question:  # a journalist's question asserts nothing
                doc._.set(EXTENSION, [])
                return doc
        index = self._finder(doc, block.date, frame.people if frame is not None else None)
        resolve_coreference(doc, index, self.resources, frame)
        if frame is not None:
            for mention in index.mentions:
                if mention.kind == "person" and mention.state and mention.actor.id not in self._known_people:
                    frame.remember(mention.actor)
            resolve_from_frame(doc, index, self.resources, frame, block.date, self._finder)
        out: list[Assertion] = []
        scored: list[ScoredDraft] = []
        parties: list[Mention] = []  # the actors of the paragraph's latest two-sided event
        # a trained decision reads a readout's or a two-party turn's sentences that name nobody too: "The
        # discussions focused on ...", "Welcome, Mr. Prime Minister" may be the parties talking (proposals
        # only; the rules need two actors)
        meeting = self.keep_drafts and frame_pairs(frame)
        for number, sent in enumerate(doc.sents):
            mentions = index.in_range(sent.start, sent.end)
            if self._skipped(sent, len(mentions), block, meeting):
                continue
            ctx = SentenceContext(sent, index, self.resources, list(parties))
            candidates = run_rules(ctx, self.token_rules, self.sentence_rules)
            if frame is not None and frame.guests:
                candidates = _without_guest_talks(candidates, frame)
            parties = event_parties(candidates) or parties
            sentence_drafts = drafts(candidates, sent, block, self.resources.gazetteer)
            if self.keep_drafts:
                scored.extend(self._scored(ctx, number, candidates, sentence_drafts, frame, block))
            if isinstance(self.decide, RuleDecision):
                out.extend(merge(sentence_drafts))
            else:
                out.extend(self.decide(candidates, sent, block, self.resources.gazetteer))
        doc._.set(EXTENSION, out)
        doc._.set(DRAFTS, scored)
        return doc

    def _scored(
        self,
        ctx: SentenceContext,
        number: int,
        candidates: list[Candidate],
        sentence_drafts: list[Draft],
        frame: DiscourseFrame | None,
        block: BlockContext,
    ) -> list[ScoredDraft]:
        """The sentence's drafts and proposals with their features, for a trained decision."""
        assert self.resources is not None
        proposals = propose(ctx, candidates, frame, block.date)
        if frame is not None and frame.guests:
            proposals = _without_guest_talks(proposals, frame)
        for cand in proposals:
            cand.modality = modality_of(cand.trigger, ctx.sent, self.resources)
        sentence = SentenceFeatures.of(
            ctx.sent, len({m.key for m in ctx.index.in_range(ctx.sent.start, ctx.sent.end)})
        )
        out: list[ScoredDraft] = []
        for proposal, group in (
            (False, sentence_drafts),
            (True, drafts(proposals, ctx.sent, block, self.resources.gazetteer)),
        ):
            out.extend(
                ScoredDraft(number, d.key, d.assertion, tuple(draft_features(d, sentence, frame)), proposal)
                for d in group
            )
        return out

    def frame_for(self, data: dict[str, object], date: str | None) -> DiscourseFrame | None:
        """The discourse frame of a block's document (see :meth:`_frame`), for the pre-parse selection."""
        return self._frame(data, date)

    def actors_in(self, text: str, date: str | None) -> list[Actor]:
        """The actors a short text names (see :meth:`_actors_in`): the frame's lookup."""
        return self._actors_in(text, date)

    def _frame(self, data: dict[str, object], date: str | None) -> DiscourseFrame | None:
        """The discourse frame of the block's document (created at its first block), or None outside one."""
        state = data.get("discourse")
        if not isinstance(state, dict):
            return None
        frame = state.get("frame")
        if not isinstance(frame, DiscourseFrame):
            assert self.resources is not None
            title = state.get("title")
            url = state.get("url")
            publisher = self.resources.gazetteer.publisher(url if isinstance(url, str) else None)
            listed = state.get("roster")
            frame = DiscourseFrame.for_document(
                title if isinstance(title, str) else None,
                lambda text: self._actors_in(text, date),
                author=[publisher] if publisher is not None else [],
                listed=listed if isinstance(listed, str) else None,
            )
            state["frame"] = frame
        return frame

    def _actors_in(self, text: str, date: str | None) -> list[Actor]:
        """The actors a short text (a title, a speaker label) names, in order, one per key."""
        assert self._finder is not None
        doc = self.nlp.make_doc(" ".join(text[:1000].split()).translate(_APOSTROPHES))
        for _name, proc in self.nlp.pipeline:
            if proc is self:
                break
            doc = proc(doc)
        seen: dict[str, Actor] = {}
        for mention in self._finder(doc, date).mentions:
            if mention.kind != "demonym" or not seen or _titles_someone(doc, mention):
                seen.setdefault(mention.key, mention.actor)
        return list(seen.values())

    def _skipped(self, sent: Span, mentions: int, block: BlockContext, meeting: bool = False) -> bool:
        """Whether to skip a sentence: no actors (outside a meeting's frame), too long or too crowded."""
        if len(sent) > self.max_tokens:
            log.warning(  # name the place, never dump the (possibly huge) block text
                "skipping a sentence of %d tokens (limit %d) in %s at character %d",
                len(sent),
                self.max_tokens,
                block.doc or "<text>",
                block.offset + sent.start_char,
            )
            return True
        if not mentions and not meeting:
            return True
        if mentions > self.max_mentions:
            log.warning(
                "skipping a sentence with %d actor mentions (limit %d) in %s at character %d",
                mentions,
                self.max_mentions,
                block.doc or "<text>",
                block.offset + sent.start_char,
            )
            return True
        return False

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of Docs (the component keeps no state between Docs)."""
        for doc in stream:
            yield self(doc)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the resources (every data file they were read from) into ``path/resources``."""
        if self.resources is not None:
            self.resources.to_disk(Path(path) / _RESOURCES_DIR)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RelationExtractor:
        """Load the resources saved by :meth:`to_disk`."""
        folder = Path(path) / _RESOURCES_DIR
        if folder.is_dir():
            self.initialize(resources=Resources.from_disk(folder))
        return self


@Language.factory(
    "actorgraph_relations",
    default_config={
        "max_tokens": 600,
        "max_mentions": 100,
        "token_rules": list(DEFAULT_TOKEN_RULES),
        "sentence_rules": list(DEFAULT_SENTENCE_RULES),
        "decision": "rules",
    },
    requires=["doc.ents", "token.dep", "token.pos", "token.lemma", "doc.sents"],
    assigns=["doc._.actorgraph_relations"],
)
def make_relation_extractor(
    nlp: Language,
    name: str,
    max_tokens: int,
    max_mentions: int,
    token_rules: list[str],
    sentence_rules: list[str],
    decision: str,
) -> RelationExtractor:
    """Build the relation extractor; :func:`~actorgraph.pipeline.build_nlp` then initialises its resources.

    Args:
        nlp: the pipeline.
        name: the component name.
        max_tokens: longest sentence processed.
        max_mentions: most actor mentions per sentence processed.
        token_rules: token rules in order.
        sentence_rules: sentence rules in order.
        decision: the decision step.

    Returns:
        The component.
    """
    return RelationExtractor(
        nlp,
        name,
        max_tokens=max_tokens,
        max_mentions=max_mentions,
        token_rules=token_rules,
        sentence_rules=sentence_rules,
        decision=decision,
    )
