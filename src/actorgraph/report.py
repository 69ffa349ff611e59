"""Every analysis of one graph in one report: what ``actorgraph analyze`` prints, as text or JSON.

:func:`report` runs the analyses of :mod:`actorgraph.analysis` on a statement multigraph. On a big graph a
wall of thousands of pairs helps nobody, so with a ``top`` it keeps the first entries of each section (the
strongest pairs, the busiest mediators, the most active members of each bloc) and counts what it left out,
section by section; :meth:`Report.render` writes the text and :meth:`Report.to_json` the same sections as
plain data.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import networkx as nx

from .analysis import (
    AmbivalentPair,
    Balance,
    Blocs,
    Broker,
    Mediator,
    PairSummary,
    Partners,
    Record,
    Triad,
    allies_and_rivals,
    ambivalent_pairs,
    blocs,
    brokers,
    mediators,
    resolve_actor,
    structural_balance,
)
from .netview import aggregate

__all__ = ["Focus", "Report", "report"]


def _label(graph: nx.Graph[Any], node: Hashable) -> str:
    return str(graph.nodes[node].get("label", node)) if node in graph else str(node)


@dataclass(frozen=True)
class Focus(Partners):
    """One actor's partners, the unbalanced triads it is in, and the mediations it takes part in."""

    unbalanced_triads: list[Triad]
    mediates: list[Mediator]
    mediated_by: list[Mediator]


def _pair_list(graph: nx.Graph[Any], classification: str) -> list[PairSummary]:
    out = []
    for u, v, data in graph.edges(data=True):
        if data.get("classification") == classification:
            a, b = sorted((_label(graph, u), _label(graph, v)))
            out.append(PairSummary([a, b], data["net"], list(data["relations"])))
    out.sort(key=lambda e: (-abs(float(e.net)), e.actors))
    return out


_T = TypeVar("_T")


def _cut(items: Sequence[_T], top: int | None) -> tuple[list[_T], int]:
    """The first ``top`` items and how many were left out."""
    if top is None or len(items) <= top:
        return list(items), 0
    return list(items[:top]), len(items) - top


def _cut_members(members: Sequence[str], activity: dict[str, int], top: int | None) -> tuple[list[str], int]:
    """The ``top`` most active members of a bloc (most active first) and how many were left out."""
    if top is None or len(members) <= top:
        return list(members), 0
    ranked = sorted(members, key=lambda m: (-activity.get(m, 0), m))
    return ranked[:top], len(members) - top


@dataclass(frozen=True)
class Report(Record):
    """Every analysis of one graph: what ``actorgraph analyze`` prints (:meth:`render`, :meth:`to_json`).

    With a ``top`` each list holds at most that many entries (blocs at most that many members, the most
    active first) and ``omitted`` counts what was left out, section by section.
    """

    level: str
    actors: int
    statements: int
    pairs: int
    allied: list[PairSummary]
    rival: list[PairSummary]
    ambivalent: list[AmbivalentPair]
    neutral: list[PairSummary]
    balance: Balance
    mediators: list[Mediator]
    brokers: list[Broker]
    blocs: Blocs
    focus: Focus | None = None
    top: int | None = None
    omitted: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The report as plain data (no ``focus`` key without a focus actor)."""
        data = super().to_json()
        if self.focus is None:
            del data["focus"]
        return data

    def render(self) -> str:
        """The report as readable text, one section per analysis, each saying how many entries it left out."""
        more = self.omitted
        lines = [
            f"Actor graph ({self.level} level): {self.actors} actors, {self.statements} statements, "
            f"{self.pairs} related pairs",
            "",
        ]
        if self.focus is not None:
            lines += _render_focus(self.focus, more.get("focus", {}))
        lines.append("Allied pairs")
        lines += _render_pairs(self.allied, more.get("allied", 0))
        lines.append("Rival pairs")
        lines += _render_pairs(self.rival, more.get("rival", 0))
        lines.append("Ambivalent pairs (cooperation and conflict)")
        lines += _with_more(
            [
                f"  {p.actors[0]} – {p.actors[1]}  {p.cooperative} cooperative / "
                f"{p.conflictual} conflictual, net {float(p.net or 0):+.2f}  ({', '.join(p.relations)})"
                for p in self.ambivalent
            ],
            more.get("ambivalent", 0),
        )
        lines.append("Structural balance")
        lines += _render_balance(self.balance, more.get("unbalanced_triads", 0))
        lines.append("Mediators")
        lines += _with_more(
            [f"  {m.mediator}: between {_between(m)} ({m.statements} statements)" for m in self.mediators],
            more.get("mediators", 0),
        )
        lines.append("Brokers (betweenness on the cooperative graph)")
        lines += _with_more(
            [f"  {b.actor}  {b.betweenness:.3f}" for b in self.brokers], more.get("brokers", 0)
        )
        lines.append("Blocs (communities of the cooperative graph)")
        lines += _with_more(
            _render_groups(self.blocs.communities, more.get("community_members", [])),
            more.get("communities", 0),
        )
        partition = self.blocs.signed_partition
        lines.append(f"Signed camps (frustration {partition.frustration})")
        lines += _with_more(_render_groups(partition.camps, more.get("camp_members", [])), 0)
        if any(_count(v) for v in more.values()):
            lines += ["", f"(the top {self.top} of each section; --all shows everything)"]
        return "\n".join(lines) + "\n"


def _count(value: Any) -> int:
    if isinstance(value, dict):
        return sum(_count(v) for v in value.values())
    if isinstance(value, list):
        return sum(_count(v) for v in value)
    return int(value or 0)


def _with_more(lines: list[str], omitted: int) -> list[str]:
    if omitted:
        lines = [*lines, f"  … and {omitted} more"]
    return lines or ["  (none)"]


def _render_pairs(items: Iterable[PairSummary], omitted: int) -> list[str]:
    return _with_more(
        [
            f"  {p.actors[0]} – {p.actors[1]}  net {float(p.net):+.2f}  ({', '.join(p.relations)})"
            for p in items
        ],
        omitted,
    )


def _render_balance(balance: Balance, omitted: int) -> list[str]:
    if not balance.triads:
        return ["  (no signed triads)"]
    lines = [
        f"  {balance.balanced} of {balance.triads} signed triads balanced "
        f"({100 * (balance.share_balanced or 0.0):.0f} %); ambivalent pairs: {balance.ambivalent}"
    ]
    for t in balance.unbalanced_triads:
        signs = ", ".join(f"{e.pair[0]}–{e.pair[1]} {'+' if e.sign > 0 else '-'}" for e in t.edges)
        lines.append(f"  unbalanced: {', '.join(t.actors)}  [{signs}]")
    if omitted:
        lines.append(f"  … and {omitted} more unbalanced triads")
    return lines


def _render_groups(groups: Sequence[Sequence[str]], omitted: Sequence[int]) -> list[str]:
    lines = []
    for i, group in enumerate(groups):
        left_out = omitted[i] if i < len(omitted) else 0
        lines.append(f"  {', '.join(group)}" + (f" and {left_out} more" if left_out else ""))
    return lines


def _between(mediator: Mediator) -> str:
    return "; ".join(" and ".join(p) for p in mediator.pairs) or ", ".join(mediator.parties)


def _render_focus(focus: Focus, omitted: dict[str, int]) -> list[str]:
    lines = [f"Focus: {focus.actor}"]
    for title, partners in (
        ("allies", focus.allies),
        ("rivals", focus.rivals),
        ("ambivalent", focus.ambivalent),
        ("neutral", focus.neutral),
    ):
        names = ", ".join(f"{p.actor} ({float(p.net):+.2f})" for p in partners) or "(none)"
        left_out = omitted.get(title, 0)
        lines.append(f"  {title}: {names}" + (f" and {left_out} more" if left_out else ""))
    lines += [f"  mediates between: {_between(m)}" for m in focus.mediates]
    lines += [f"  mediated by: {m.mediator}" for m in focus.mediated_by]
    lines += [f"  unbalanced triad: {', '.join(t.actors)}" for t in focus.unbalanced_triads]
    left_out = sum(omitted.get(k, 0) for k in ("mediates", "mediated_by", "unbalanced_triads"))
    if left_out:
        lines.append(f"  … and {left_out} more mediations and triads")
    lines.append("")
    return lines


def _activity(multigraph: nx.MultiDiGraph[Any]) -> dict[str, int]:
    """Statements per actor label (self-loops once), for picking the most active members of a bloc."""
    counts: dict[str, int] = {}
    for u, v in multigraph.edges():
        for node in {u, v}:
            label = _label(multigraph, node)
            counts[label] = counts.get(label, 0) + 1
    return counts


def _focus(
    signed: nx.Graph[Any], actor: str, triads: list[Triad], found: list[Mediator], top: int | None
) -> tuple[Focus, dict[str, int]]:
    node = resolve_actor(signed, actor)
    label = _label(signed, node)
    partners = allies_and_rivals(signed, actor)
    omitted: dict[str, int] = {}

    def cut(name: str, items: Sequence[_T]) -> list[_T]:
        kept, omitted[name] = _cut(items, top)
        return kept

    focus = Focus(
        actor=partners.actor,
        id=partners.id,
        allies=cut("allies", partners.allies),
        rivals=cut("rivals", partners.rivals),
        ambivalent=cut("ambivalent", partners.ambivalent),
        neutral=cut("neutral", partners.neutral),
        unbalanced_triads=cut("unbalanced_triads", [t for t in triads if str(node) in t.ids]),
        mediates=cut("mediates", [m for m in found if m.id == str(node)]),
        mediated_by=cut("mediated_by", [m for m in found if label in m.parties]),
    )
    return focus, omitted


def report(multigraph: nx.MultiDiGraph[Any], actor: str | None = None, top: int | None = None) -> Report:
    """Every analysis of a statement graph in one :class:`Report`: what ``actorgraph analyze`` prints.

    Args:
        multigraph: The statement multigraph of :func:`actorgraph.netview.to_networkx` (read it from a
            store with the level, dates and confidence wanted).
        actor: Focus on one actor: its allies and rivals, and only the triads and mediations involving it.
        top: Keep at most this many entries per section (and members per bloc, the most active first);
            None keeps everything. What is left out is counted in ``omitted``.

    Returns:
        The report: sizes, ``allied``, ``rival``, ``ambivalent`` and ``neutral`` pairs, ``balance``,
        ``mediators``, ``brokers``, ``blocs``, ``focus`` (with ``actor``) and ``omitted``.

    Raises:
        UnknownActorError: ``actor`` is not in the graph.

    Examples:
        >>> m = nx.MultiDiGraph(level="state")
        >>> for i, other in enumerate(["A", "B", "C"]):
        ...     _ = m.add_edge("X", other, relation="supports", polarity=1, confidence=0.9)
        >>> r = report(m, top=2)
        >>> [p.actors for p in r.allied], r.omitted["allied"]
        ([['A', 'X'], ['B', 'X']], 1)
    """
    signed = aggregate(multigraph)
    balance = structural_balance(signed, limit=None)
    found = mediators(multigraph)
    omitted: dict[str, Any] = {}

    def cut(name: str, items: Sequence[_T]) -> list[_T]:
        kept, omitted[name] = _cut(items, top)
        return kept

    focus = None
    if actor is not None:
        focus, omitted["focus"] = _focus(signed, actor, balance.unbalanced_triads, found, top)
    activity = _activity(multigraph)
    found_blocs = blocs(signed)
    communities = cut("communities", found_blocs.communities)
    members = [_cut_members(c, activity, top) for c in communities]
    camps = [_cut_members(c, activity, top) for c in found_blocs.signed_partition.camps]
    omitted["community_members"] = [n for _, n in members]
    omitted["camp_members"] = [n for _, n in camps]
    partition = found_blocs.signed_partition
    return Report(
        level=str(multigraph.graph.get("level", "state")),
        actors=multigraph.number_of_nodes(),
        statements=multigraph.number_of_edges(),
        pairs=signed.number_of_edges(),
        allied=cut("allied", _pair_list(signed, "allied")),
        rival=cut("rival", _pair_list(signed, "rival")),
        ambivalent=cut("ambivalent", ambivalent_pairs(signed)),
        neutral=cut("neutral", _pair_list(signed, "neutral")),
        balance=dataclasses.replace(
            balance, unbalanced_triads=cut("unbalanced_triads", balance.unbalanced_triads)
        ),
        mediators=cut("mediators", found),
        brokers=cut("brokers", brokers(signed, top=None)),
        blocs=Blocs(
            [m for m, _ in members],
            dataclasses.replace(
                partition,
                camps=[m for m, _ in camps],
                frustrated_edges=cut("frustrated_edges", partition.frustrated_edges),
            ),
        ),
        focus=focus,
        top=top,
        omitted=omitted,
    )
