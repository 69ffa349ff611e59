"""YAML front matter at the top of text and markdown files, read with alias expansion bounded."""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..dates import normalise_date

#: Front matter is looked for in the first this many characters; a longer block is not front matter.
_FRONT_MATTER_LIMIT = 64_000
#: A YAML node counts one, a scalar one per character; aliases count what they expand to. Front matter
#: weighing more (an alias bomb: a few hundred bytes expanding to billions of nodes) is ignored.
_FRONT_MATTER_WEIGHT = 200_000


_FM_OPEN = re.compile(r"---[ \t]*\r?\n")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_FM_KEY_LINE = re.compile(
    r"[ \t]*(?:[A-Za-z_][\w .-]{0,60}:(?:[ \t][^\n]*)?|-[ \t][^\n]*|#[^\n]*)\r?(?:\n|\Z)"
)


def _meta_str(value: object) -> str | None:
    """Flatten a YAML value into the string ``Document.meta`` holds (nested mappings are dropped)."""
    if value is None:
        return None
    if isinstance(value, str | int | float | bool):
        return str(value)
    normalised = normalise_date(value)
    if normalised is not None:
        return normalised
    if isinstance(value, list | tuple):
        items = [_meta_str(v) for v in value[:50] if not isinstance(v, dict | list | tuple)]
        return ", ".join(item for item in items if item is not None)
    return None


class _TooBig(Exception):
    """Front matter whose aliases expand beyond :data:`_FRONT_MATTER_WEIGHT` (or refer to themselves)."""


def _weight(node: yaml.Node, memo: dict[int, int], open_nodes: set[int]) -> int:
    """What a composed YAML node expands to (aliases counted every time they are used), memoised."""
    key = id(node)
    if key in memo:
        return memo[key]
    if key in open_nodes:
        raise _TooBig("refers to itself (a recursive alias)")
    open_nodes.add(key)
    total = 1
    if isinstance(node, yaml.ScalarNode):
        total += len(node.value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            total += _weight(item, memo, open_nodes)
            if total > _FRONT_MATTER_WEIGHT:
                break
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            total += _weight(key_node, memo, open_nodes) + _weight(value_node, memo, open_nodes)
            if total > _FRONT_MATTER_WEIGHT:
                break
    open_nodes.discard(key)
    if total > _FRONT_MATTER_WEIGHT:
        raise _TooBig(f"expands to more than {_FRONT_MATTER_WEIGHT:,} nodes and characters (YAML aliases)")
    memo[key] = total
    return total


def _load_yaml(body: str) -> Any:
    """``yaml.safe_load`` with alias expansion bounded: the node graph is weighed before it is built."""
    loader = yaml.SafeLoader(body)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _weight(node, {}, set())
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _front_matter(text: str, label: str) -> tuple[int, dict[str, Any] | None, list[str]]:
    """Find YAML front matter at the very top.

    Returns:
        (end offset of the block, parsed mapping or None, warnings). A block that is never closed is
        reported and only its opening line plus the ``key: value`` lines right after it are skipped, so a
        stray ``---`` cannot swallow the document.
    """
    opening = _FM_OPEN.match(text)
    if not opening:
        return 0, None, []
    closing = _FM_CLOSE.search(text, opening.end(), min(len(text), _FRONT_MATTER_LIMIT))
    if closing is None:
        end = opening.end()
        while end < len(text):
            line = _FM_KEY_LINE.match(text, end)
            if not line or line.end() == end:
                break
            end = line.end()
        warning = f"{label}: line 1: front matter opened with '---' is never closed; read as text"
        return end, None, [warning]
    end = closing.end()
    if text.startswith("\n", end):
        end += 1
    body = text[opening.end() : closing.start()]
    try:
        data = _load_yaml(body)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line_no = 2 + (mark.line if mark is not None else 0)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return end, None, [f"{label}: line {line_no}: invalid YAML front matter ({problem}); ignored"]
    except _TooBig as error:
        return end, None, [f"{label}: line 2: front matter {error}; ignored"]
    except (ValueError, RecursionError) as error:
        return end, None, [f"{label}: line 2: unreadable front matter ({type(error).__name__}); ignored"]
    if data is None:
        return end, {}, []
    if not isinstance(data, dict):
        return end, None, [f"{label}: line 2: front matter is not a 'key: value' mapping; ignored"]
    return end, {str(k).strip().lower(): v for k, v in data.items()}, []


def _clean(value: object) -> str | None:
    """A front matter value as one line of text: scalars, dates and short lists only (never a whole tree)."""
    flat = _meta_str(value)
    if flat is None:
        return None
    text = " ".join(flat[:2000].split())
    return text or None
