"""Reading input files into :class:`~actorgraph.model.Document` objects (pure Python, no spaCy).

News text arrives as scraped ``.txt`` files, markdown with front matter, or saved HTML pages, in whatever
encoding the source used, mixed with markup and boilerplate. This package turns each file into a
``Document`` whose ``text`` is the decoded file, unchanged, so every offset the pipeline reports (and every
evidence sentence) points into what the user has on disk. What is *not* prose is described by
``Document.skip_spans`` instead of being deleted: :func:`masked_text` blanks those spans with spaces
(keeping the length, so offsets survive) and :func:`blocks` cuts the masked text into the paragraphs the
pipeline parses one at a time.

Design choices:

* Text is never rewritten: no entity decoding, no newline normalisation, no whitespace collapsing.
* Unreadable input (binary, unreadable file) raises :class:`~actorgraph.errors.InputError` with a one-line
  message; :func:`load_documents` turns it into :class:`Skipped` so one bad file never stops a build.
* Doubtful input (a guessed encoding, broken front matter) is read anyway, with a message in
  ``Document.warnings`` naming the file (and line) so the user can fix it.
* Every scan is a regular expression over the whole text or a loop over lines, so a 50 MB file costs
  a few copies of its text and no per-character Python objects.

Modules, each importing only those above it in this list:

* ``spans``: span primitives (line-anchored patterns, closers, merging, masking);
* ``decode``: file bytes to text, with warnings; ``frontmatter``: bounded YAML front matter;
* ``discover``: input files, document names, reading only regular files;
* ``html``, ``urls``, ``markdown``, ``boilerplate``: what is masked, by kind of markup;
* ``prose``: the masked text and the prose blocks;
* ``load``: documents from strings and files (the skip spans of each kind of document put together).
"""

from __future__ import annotations

from .discover import INPUT_SUFFIXES, MAX_INPUT_BYTES, check_input_names, iter_input_files
from .html import is_html
from .load import Skipped, document_from_text, load_document, load_documents
from .prose import MAX_BLOCK_CHARS, SPLIT_BLOCK_CHARS, blocks, masked_text

__all__ = [
    "INPUT_SUFFIXES",
    "MAX_BLOCK_CHARS",
    "MAX_INPUT_BYTES",
    "SPLIT_BLOCK_CHARS",
    "Skipped",
    "blocks",
    "check_input_names",
    "document_from_text",
    "is_html",
    "iter_input_files",
    "load_document",
    "load_documents",
    "masked_text",
]
