"""Parse only the paragraphs that can hold a relation: the cheap test that runs before the parser.

A relation joins two actors with different keys (two states, a state and an organisation...). Most paragraphs
of a real archive name one actor at most: the publisher's own country, a domestic programme, a list of
nominees. Such a paragraph cannot yield an assertion, whatever the parser makes of it, unless something in it
can stand for a second actor. :class:`Preselector` finds out with the tokenizer and the gazetteer's
PhraseMatcher only, and adds every way the pipeline could find another actor:

* a combining form ("Sino-"), a city hit by an attack, the unnamed rebels of a state, a remembered person
  (any capitalised word that follows a title somewhere in the document), a known office holder named by
  title and surname ("Vice President Harris");
* what the document's discourse frame can give the paragraph's pronouns, "you", "the leaders", a bare
  "the President", and a two-party transcript turn (the speaker and the leader addressed), all known
  before any parsing from the title, the publisher and the speaker labels; with a trained decision, a
  readout's parties in every paragraph (they are offered to it in every sentence).

A paragraph is skipped only when all this leaves at most one key; a journalist's question (a ``Q`` turn) is
skipped too, as the component itself drops it. The skip changes no output: the tests compare a selective
extraction with a full one on every gold file and on the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..discourse import DiscourseFrame
from .mentions import MentionFinder
from .proposals import joint_signatories, meeting_parties
from .relations import RelationExtractor
from .ruler import GazetteerRuler

__all__ = ["Preselector"]

_FIRST = frozenset({"we", "our", "us", "ours", "ourselves", "i", "me", "my", "mine", "myself"})
_SECOND = frozenset({"you", "your", "yours", "yourself", "yourselves"})
_PLURAL = frozenset({"they", "them", "their", "themselves"})
_UNKNOWN = "?"
_MATCHED = "actorgraph_matched"


def _words(doc: Doc) -> tuple[list[str], list[str]]:
    """The block's words as written and lower-cased, read once (Token objects are slow to make)."""
    strings = doc.vocab.strings
    texts = [strings[h] for h in doc.to_array("ORTH").tolist()]
    return texts, [t.lower() for t in texts]


class Preselector:
    """Decides which blocks of a document the full pipeline must parse (see the module docstring).

    Args:
        nlp: a pipeline from :func:`~actorgraph.pipeline.build_nlp` (its gazetteer ruler and relation
            component are used).
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        ruler = nlp.get_pipe("actorgraph_gazetteer")
        component = nlp.get_pipe("actorgraph_relations")
        assert isinstance(ruler, GazetteerRuler) and isinstance(component, RelationExtractor)
        assert component.resources is not None
        self.ruler = ruler
        self.component = component
        self.gaz = component.resources.gazetteer
        self.finder = MentionFinder(component.resources)
        self.titles = self.finder.titles
        self._title_starts = frozenset(words[0] for words in self.titles)

    def _title_at(self, doc: Doc, lowers: list[str], i: int) -> tuple[int, str] | None:
        """The title phrase starting at token ``i`` (cheap when the word starts none)."""
        if lowers[i] not in self._title_starts:
            return None
        return self.finder.match_phrase(doc, i, self.titles, len(doc))

    def _matched(self, doc: Doc) -> tuple[Any, ...]:
        """The gazetteer's spans of a block (the ruler runs once per block)."""
        if not doc.user_data.get(_MATCHED):
            self.ruler(doc)
            doc.user_data[_MATCHED] = True
        return tuple(doc.ents)

    def keys(self, doc: Doc, date: str | None) -> set[str]:
        """The actor keys a tokenised block names, by the gazetteer and the cheap additions."""
        gaz = self.gaz
        texts, lowers = _words(doc)
        found: set[str] = set()
        covered: set[int] = set()
        for ent in self._matched(doc):
            actor = gaz.get(ent.ent_id_)
            if actor is None:
                continue
            found.add(gaz.state_code(actor, date) or actor.id)
            covered.update(range(ent.start, ent.end))
        rebels = False
        for i, (text, low) in enumerate(zip(texts, lowers, strict=True)):
            nxt = texts[i + 1] if i + 1 < len(texts) else None
            if nxt in {"-", "–"}:
                form = gaz.combining_form(low)
                if form is not None:
                    found.add(gaz.state_code(form, date) or form.id)
            if i not in covered and text[:1].isupper():
                city = gaz.city_state(text) or (gaz.city_state(f"{text} {nxt}") if nxt is not None else None)
                if city is not None:
                    found.add(city.state or city.id)
            rebels = rebels or gaz.is_noun("rebel", low) or gaz.is_noun("rebel_modifier", low)
            holder = self._office_holder(doc, texts, lowers, i, covered, date)
            if holder is not None:
                found.add(holder)
        if rebels:
            for code in list(found):
                group = gaz.opposition_group(code)
                if group is not None:
                    found.add(group.id)
        return found

    def _office_holder(
        self, doc: Doc, texts: list[str], lowers: list[str], i: int, covered: set[int], date: str | None
    ) -> str | None:
        """The key of a known person named by a title and a surname at ``i`` ("Vice President Harris")."""
        title = self._title_at(doc, lowers, i)
        if title is None:
            return None
        end = title[0]
        stop = end
        while stop < len(texts) and stop not in covered and texts[stop][:1].isupper():
            stop += 1
        if stop == end:
            return None
        person = self.gaz.titled_person(texts[stop - 1], self.gaz.titles[title[1]], date)
        return None if person is None else (self.gaz.state_code(person, date) or person.id)

    def needs_parse(self, doc: Doc, frame: DiscourseFrame | None, names: set[str], date: str | None) -> bool:
        """Whether a tokenised block may yield an assertion.

        Args:
            doc: the block, tokenised (``nlp.make_doc``), with its context in ``user_data``.
            frame: the document's frame, already in this block's turn (None outside documents).
            names: names of people the blocks before this one introduce, which the pipeline then remembers
                (:meth:`document_names` of those blocks).
            date: the block's date.
        """
        if frame is not None and frame.in_question:
            return False
        keys = self.keys(doc, date)
        if len(keys) >= 2:
            return True
        texts, lowers = _words(doc)
        if names and any(t in names for t in texts):
            keys.add(_UNKNOWN)
        if frame is not None:
            lowered = set(lowers)
            # a leader the title names with their state ("King Abdullah II of Jordan"): "King Abdullah"
            keys |= {a.state or a.id for w, a in frame.leaders.items() if w in lowered}
            points = bool(lowered & _PLURAL) or any(self.gaz.is_noun("participants", w) for w in lowered)
            bare = any(
                i > 0 and lowers[i - 1] == "the" and self._title_at(doc, lowers, i)
                for i in range(len(lowers))
            )
            keys |= _frame_keys(frame, lowered, points, bare, self.component.keep_drafts)
        return len(keys) >= 2

    def document_names(self, docs: Iterable[Doc]) -> set[str]:
        """Names of people the document may introduce with an office and a state, to be remembered.

        Those are the capitalised words right after a title phrase that has a state named just before it
        or shortly after it ("Guatemalan President *Giammattei*", "President *Giammattei* of Guatemala").
        A person the gazetteer knows is no such name: the PhraseMatcher finds them wherever they appear.
        """
        names: set[str] = set()
        for doc in docs:
            ents = self._matched(doc)
            known = {i for ent in ents for i in range(ent.start, ent.end)}
            texts, lowers = _words(doc)
            for i in range(len(lowers)):
                found = self._title_at(doc, lowers, i)
                if found is None:
                    continue
                end = found[0]
                if not any(i - 4 <= e.end <= i or end <= e.start <= end + 8 for e in ents):
                    continue
                for j in range(end, min(end + 4, len(texts))):
                    if not texts[j][:1].isupper() or j in known:
                        break
                    names.add(texts[j])
        return names


def _frame_keys(
    frame: DiscourseFrame, lowered: set[str], points: bool, bare_title: bool, proposals: bool
) -> set[str]:
    """The keys the frame may give a block's pointing words (it knows them before anything is parsed).

    ``proposals``: a trained decision reads the block, so the frame's own pairs count too.
    """
    out: set[str] = set()

    def keys_of(actors: Iterable[Any]) -> set[str]:
        return {a.state or a.id for a in actors}

    if lowered & _FIRST:
        out |= keys_of(frame.first_person())
    if frame.speaker:
        # "you", a mutual "we", and the transcript-talk proposals: the speaker and the leader addressed
        out |= keys_of(frame.speaker) | keys_of(frame.second_person())
        if lowered & _FIRST:
            out |= keys_of(frame.across_table())  # "our trilateral cooperation": every party of the meeting
    if points or bare_title:
        out |= keys_of(frame.participants) | keys_of(frame.author)
    out |= keys_of(joint_signatories(frame))  # proposed to each other in any sentence naming an actor
    if proposals:
        # a readout's parties are offered in every sentence ("During the meetings, ..."), whoever it names
        out |= keys_of(meeting_parties(frame))
    return out
