"""A trained decision: the ``actorgraph_relation_classifier`` component scores each rule candidate.

The rules propose candidates generously; the classifier, trained on the gold with spaCy's own training
system (``make train``, config ``training/relation_classifier.cfg``), keeps those likely to hold. Each
candidate arrives as a draft with feature strings (:mod:`.features`): rule, trigger, dependency path, the
kinds of its two mentions, modality, the document's frame. The model hashes them into an embedding table,
sums them per candidate and scores them with a small feed-forward layer: cheap on a CPU, and deterministic
for a fixed seed.

The component runs after ``actorgraph_relations`` and replaces its rule decision:
``doc._.actorgraph_relations``
becomes the drafts scored at or above ``threshold``, merged as the rule decision merges them. Without the
component (``Extractor(classifier=False)``) the rule decision stands, so the two paths can be compared
(``actorgraph evaluate --compare``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import registry
from spacy.vocab import Vocab
from thinc.api import HashEmbed, Model, Optimizer, Ragged, Relu, Sigmoid, chain, reduce_sum, with_array
from thinc.model import set_dropout_rate
from thinc.types import Floats2d

from ..model import Assertion
from .decision import merge
from .relations import DRAFTS, EXTENSION, ScoredDraft

__all__ = [
    "CLASSIFIER",
    "GOLD_KEY",
    "RelationClassifier",
    "build_draft_scorer",
    "draft_label",
    "make_relation_classifier",
    "shipped_classifier_dir",
]

#: The component's name in a pipeline.
CLASSIFIER = "actorgraph_relation_classifier"
#: ``reference.user_data`` key of a training example's gold: [(start, end, [gold keys])] per gold sentence.
GOLD_KEY = "actorgraph_gold"
_NONE: list[Any] = []


def shipped_classifier_dir() -> Path:
    """Where the package keeps the trained weights (written by ``make train``)."""
    from ..resources import classifier_dir

    return classifier_dir()


def _drafts(doc: Doc) -> list[ScoredDraft]:
    found = doc._.get(DRAFTS) if doc.has_extension(DRAFTS) else None
    return list(found or [])


def _feature_ids(docs: list[Doc]) -> tuple[numpy.ndarray, list[int]]:
    """Hashed feature ids of every draft of the docs, and how many each draft has."""
    ids: list[int] = []
    lengths: list[int] = []
    for doc in docs:
        for scored in _drafts(doc):
            ids.extend(get_string_id(f) for f in scored.features)
            lengths.append(len(scored.features))
    return numpy.asarray(ids, dtype="uint64").reshape(-1, 1), lengths


@registry.architectures("actorgraph.DraftScorer.v1")  # type: ignore[untyped-decorator]
def build_draft_scorer(width: int = 64, rows: int = 32768, seed: int = 17) -> Model[list[Doc], Floats2d]:
    """The classifier's model: hashed feature embeddings, summed per draft, a ReLU layer and a sigmoid.

    Args:
        width: embedding and hidden width.
        rows: rows of the hashed embedding table.
        seed: the hash seed of the embedding table.
    """
    inner: Model[Ragged, Floats2d] = chain(
        with_array(HashEmbed(nO=width, nV=rows, seed=seed, column=0)),
        reduce_sum(),
        Relu(nO=width, nI=width),
        Sigmoid(nO=1, nI=width),
    )

    def forward(model: Model[list[Doc], Floats2d], docs: list[Doc], is_train: bool) -> tuple[Floats2d, Any]:
        ids, lengths = _feature_ids(docs)
        if not lengths:
            return model.ops.alloc2f(0, 1), lambda d_scores: []
        layer = model.layers[0]
        scores, backprop = layer(Ragged(ids, model.ops.asarray1i(lengths)), is_train)  # type: ignore[arg-type]

        def backprop_docs(d_scores: Floats2d) -> list[Doc]:
            backprop(d_scores)
            return []

        return scores, backprop_docs

    def init(model: Model[list[Doc], Floats2d], X: Any = None, Y: Any = None) -> None:
        model.layers[0].initialize()

    return Model("actorgraph_draft_scorer", forward, init=init, layers=[inner])


def _item_key(
    subject: str, relation: str, obj: str, symmetric: bool, negated: bool, positive: bool
) -> tuple[str, str, str, bool, bool]:
    if symmetric and obj < subject:
        subject, obj = obj, subject
    return (subject, relation, obj, negated, positive)


def draft_label(
    scored: ScoredDraft, gold: list[tuple[int, int, list[tuple[str, str, str, bool, bool]]]]
) -> float:
    """1.0 when a gold sentence the draft's evidence overlaps holds what the draft says, else 0.0."""
    a = scored.assertion
    s_key, relation, o_key, negated, mood = scored.key
    want = _item_key(s_key, relation, o_key, a.relation.symmetric, negated, mood in {"asserted", "hedged"})
    for start, end, items in gold:
        if start < a.end and a.start < end and want in items:
            return 1.0
    return 0.0


def _one_direction(drafts: list[ScoredDraft], values: numpy.ndarray, threshold: float) -> list[bool]:
    """Which drafts to keep: every rule draft, and proposals scored at or above the threshold.

    A proposal of a directed relation between two actors comes both ways round ("China is believed to be
    helping North Korea": CHN aids PRK, PRK aids CHN); keeping both would say each did it to the other, so
    of a pair both of whose directions pass, only the higher-scored one stays (the first on a tie). (A rule's
    relation between two actors is never proposed again, either way round.)
    """
    keep = [not d.proposal or bool(v >= threshold) for d, v in zip(drafts, values, strict=True)]
    best: dict[tuple[int, str, frozenset[str], bool, str], int] = {}
    for i, d in enumerate(drafts):
        subject, relation, obj, negated, mood = d.key
        if not keep[i] or not d.proposal or d.assertion.relation.symmetric or subject == obj:
            continue
        group = (d.sentence, relation, frozenset((subject, obj)), negated, mood)
        j = best.get(group)
        if j is None:
            best[group] = i
        elif drafts[j].key[0] != subject:  # the other direction
            loser = i if values[i] <= values[j] else j
            keep[loser] = False
            best[group] = j if loser == i else i
    return keep


class RelationClassifier(TrainablePipe):  # type: ignore[misc]
    """Add to the rules' relations the proposals the trained model scores at or above ``threshold``.

    Args:
        vocab: the pipeline's vocabulary.
        model: the scorer (:func:`build_draft_scorer`).
        name: the component's name.
        threshold: the lowest score kept.
    """

    def __init__(
        self,
        vocab: Vocab,
        model: Model[list[Doc], Floats2d],
        name: str = CLASSIFIER,
        *,
        threshold: float = 0.8,
    ) -> None:
        self.vocab = vocab
        self.model = model
        self.name = name
        self.cfg: dict[str, Any] = {"threshold": threshold}

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the settings and weights (not the vocabulary: the features are hashed strings)."""
        super().to_disk(path, exclude=[*exclude, "vocab"])

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RelationClassifier:
        """Load the settings and weights saved by :meth:`to_disk` or by ``spacy train``."""
        super().from_disk(path, exclude=[*exclude, "vocab"])
        return self

    @property
    def threshold(self) -> float:
        """The lowest score a draft needs to be kept."""
        return float(self.cfg["threshold"])

    def predict(self, docs: Iterable[Doc]) -> Floats2d:
        """Score every draft of the docs (one row each, in order)."""
        return self.model.predict(list(docs))

    def set_annotations(self, docs: Iterable[Doc], scores: Floats2d) -> None:
        """Replace each doc's relations by its kept drafts, merged per sentence as the rule decision does.

        The rules' own drafts are kept; proposals are kept when the model scores them at or above the
        threshold (cross-validated on the dev split, gating the rules' drafts too lost more than it gained).
        """
        row = 0
        values = numpy.asarray(scores).reshape(-1) if len(scores) else numpy.zeros(0)
        for doc in docs:
            drafts = _drafts(doc)
            chosen = _one_direction(drafts, values[row : row + len(drafts)], self.threshold)
            kept: dict[int, list[Any]] = {}
            for scored, keep in zip(drafts, chosen, strict=True):
                if keep:
                    kept.setdefault(scored.sentence, []).append(scored)
            row += len(drafts)
            found: list[Assertion] = []
            for sentence in sorted(kept):
                found.extend(merge(kept[sentence]))
            doc._.set(EXTENSION, found)

    def _truth(self, examples: Iterable[Example]) -> Floats2d:
        labels = [
            draft_label(scored, eg.reference.user_data.get(GOLD_KEY, _NONE))
            for eg in examples
            for scored in _drafts(eg.predicted)
        ]
        truth: Floats2d = self.model.ops.asarray2f(numpy.asarray(labels, dtype="float32").reshape(-1, 1))  # type: ignore[arg-type]
        return truth

    def get_loss(self, examples: Iterable[Example], scores: Floats2d) -> tuple[float, Floats2d]:
        """Binary cross-entropy of the scores against the gold labels, and its gradient."""
        truth = self._truth(examples)
        probs = numpy.asarray(scores)
        gold = numpy.asarray(truth)
        eps = 1e-7
        loss = float(-(gold * numpy.log(probs + eps) + (1 - gold) * numpy.log(1 - probs + eps)).sum())
        return loss, scores - truth

    def update(
        self,
        examples: Iterable[Example],
        *,
        drop: float = 0.0,
        sgd: Optimizer | None = None,
        losses: dict[str, float] | None = None,
    ) -> dict[str, float]:
        """Learn from a batch of examples whose predicted docs already carry drafts."""
        losses = {} if losses is None else losses
        losses.setdefault(self.name, 0.0)
        examples = list(examples)
        docs = [eg.predicted for eg in examples]
        if not any(_drafts(doc) for doc in docs):
            return losses
        set_dropout_rate(self.model, drop)
        scores, backprop = self.model.begin_update(docs)
        loss, gradient = self.get_loss(examples, scores)
        backprop(gradient)
        if sgd is not None:
            self.model.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def initialize(
        self, get_examples: Callable[[], Iterable[Example]], *, nlp: Language | None = None
    ) -> None:
        """Allocate the model's weights (the shape does not depend on the data)."""
        self.model.initialize()

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """L1 precision, recall and F1 of the kept relations against the gold of each block."""
        tp = fp = fn = 0
        for eg in examples:
            gold = eg.reference.user_data.get(GOLD_KEY, _NONE)
            wanted = [
                (s, o, r)
                for _, _, items in gold
                for (s, r, o, neg, positive) in items
                if positive and not neg
            ]
            found = [
                (a.subject_state or a.subject.id, a.object_state or a.object.id, a.relation.name)
                for a in (eg.predicted._.get(EXTENSION) or [])
                if not a.negated and a.mood in {"asserted", "hedged"}
            ]
            for item in found:
                match = next(
                    (
                        w
                        for w in wanted
                        if {w[0], w[1]} == {item[0], item[1]} and _polarity(w[2]) == _polarity(item[2])
                    ),
                    None,
                )
                if match is None:
                    fp += 1
                else:
                    wanted.remove(match)
                    tp += 1
            fn += len(wanted)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"relations_p": p, "relations_r": r, "relations_f": f}


def _polarity(relation: str) -> int:
    from ..ontology import load_relation_types

    known = load_relation_types().get(relation)
    return known.polarity if known is not None else 0


@Language.factory(
    CLASSIFIER,
    default_config={
        "model": {"@architectures": "actorgraph.DraftScorer.v1", "width": 64, "rows": 32768, "seed": 17},
        "threshold": 0.8,
    },
    requires=["doc._.actorgraph_drafts"],
    assigns=["doc._.actorgraph_relations"],
    default_score_weights={"relations_f": 1.0, "relations_p": 0.0, "relations_r": 0.0},
)
def make_relation_classifier(
    nlp: Language, name: str, model: Model[list[Doc], Floats2d], threshold: float
) -> RelationClassifier:
    """Build the relation classifier (its weights come from training or :meth:`from_disk`)."""
    return RelationClassifier(nlp.vocab, model, name, threshold=threshold)
