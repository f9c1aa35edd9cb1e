"""`factcheck check`: everything that can be wrong with a timeline file, one problem a line.

Loading already covers the schema, types, ids, references and URL policy; this adds what
needs the files around it: source paths and hashes, anchors against the source text,
canonical form and unresolved merge conflicts.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import attrs

from factcheck import anchors, store
from factcheck.model import Anchor, Claim, Event, Timeline, shown
from factcheck.store import Problem
from factcheck.text import clip

R = TypeVar("R", Event, Claim)

#: How the problem of a hand-written anchor that `fmt` cannot place begins (fmt reports it).
CANNOT_LOCATE = "cannot locate"
#: How the problem of an anchor left unsearched (the file's search budget spent) begins.
NOT_SEARCHED = "not searched for"


@attrs.frozen
class Report:
    path: Path
    problems: tuple[Problem, ...]
    loaded: store.Loaded | None = None

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.severity == "error")


def timeline_files(paths: list[Path]) -> Iterator[Path]:
    """Each path as given when it is a file; the *.toml files below it when a folder."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                candidate for candidate in path.rglob("*.toml") if candidate.is_file()
            )
        else:
            yield path


def reanchor(path: Path, timeline: Timeline) -> tuple[Timeline, list[Problem]]:
    """Anchors checked against their sources; moved ones re-found by quote and context.

    Returns the timeline with moved anchors repaired, and a problem for each moved anchor,
    orphan, unreadable source or changed source hash.
    """
    name = str(path)
    problems: list[Problem] = []
    texts: dict[str, str] = {}
    budget = anchors.Budget()  # bounds the search of all anchors together
    for index, source in enumerate(timeline.sources):
        where = f"sources[{index}] (id {shown(source.id)})"
        try:
            text, hash_matches = store.read_source(path, source)
        except store.StoreError as error:
            message = str(error).split(".file: ", 1)[-1]
            problems.append(Problem(name, f"{where}.file", message))
            continue
        texts[source.id] = text
        budget.grant(anchors.SEARCH_PER_CHARACTER * len(text))
        if not hash_matches:
            problems.append(
                Problem(
                    name,
                    f"{where}.sha256",
                    f"{shown(source.file)} changed since it was hashed; "
                    "check the anchors, then update sha256",
                )
            )

    def repaired(anchor: Anchor | None, where: str) -> Anchor | None:
        if anchor is None or anchor.source not in texts:
            return anchor
        text = texts[anchor.source]
        if anchors.verify(anchor, text):
            return anchor
        try:
            return searched(anchor, text, where)
        except anchors.OverBudget as reason:
            problems.append(
                Problem(
                    name,
                    f"{where}.anchor",
                    f"{NOT_SEARCHED} {shown(anchor.exact, 60)}: {reason} (many moved or missing "
                    "quotes in large sources); fix the others first",
                )
            )
            return anchor

    def searched(anchor: Anchor, text: str, where: str) -> Anchor:
        if not anchor.located:
            try:
                found = anchors.locate(anchor, text, budget)
            except ValueError as reason:
                problems.append(
                    Problem(
                        name,
                        f"{where}.anchor",
                        f"{CANNOT_LOCATE} {shown(anchor.exact, 60)}: {reason}",
                    )
                )
                return anchor
            problems.append(
                Problem(
                    name,
                    f"{where}.anchor",
                    f"{shown(anchor.exact, 60)} is not located yet (found at "
                    f"{found.start}..{found.end}); run `factcheck fmt` to locate it",
                )
            )
            return found
        moved = anchors.relocate(anchor, text, budget)
        if moved is None:
            problems.append(
                Problem(
                    name,
                    f"{where}.anchor",
                    f"orphan: {shown(anchor.exact, 60)} is no longer in the source",
                )
            )
            return anchor
        problems.append(
            Problem(
                name,
                f"{where}.anchor",
                f"the quoted text moved to {moved.start}..{moved.end}"
                f" (was {anchor.start}..{anchor.end}); `factcheck fmt` re-anchors it",
            )
        )
        return moved

    def with_anchor(record: R, where: str) -> R:
        """The record itself when its anchor holds (no copy, no field-by-field compare)."""
        anchor = repaired(record.anchor, where)
        return record if anchor is record.anchor else attrs.evolve(record, anchor=anchor)

    events = tuple(
        with_anchor(event, f"events[{i}] (id {shown(event.id)})")
        for i, event in enumerate(timeline.events)
    )
    claims = tuple(
        with_anchor(claim, f"claims[{i}] (id {shown(claim.id)})")
        for i, claim in enumerate(timeline.claims)
    )
    unchanged = all(map(operator.is_, events, timeline.events)) and all(
        map(operator.is_, claims, timeline.claims)
    )
    if unchanged:
        return timeline, problems
    return attrs.evolve(timeline, events=events, claims=claims), problems


def id_clashes(name: str, timeline: Timeline) -> list[Problem]:
    """Records of different kinds sharing an id: ids are unique in the whole file, so that
    `factcheck history ID`, a search by id and `[[conflicts]]` records name one record.

    (Two records of one kind sharing an id already fail to load.)
    """
    problems = []
    owner: dict[str, str] = {}
    kinds = (("sources", "a source"), ("events", "an event"), ("claims", "a claim"))
    for table, kind in kinds:
        for index, record in enumerate(getattr(timeline, table)):
            first = owner.setdefault(record.id, kind)
            if first != kind:
                problems.append(
                    Problem(
                        name,
                        f"{table}[{index}] (id {shown(record.id)}).id",
                        f"{shown(record.id)} is also the id of {first}; ids are unique in "
                        "the whole file (history and search by id name one record): rename one",
                    )
                )
    return problems


def check_file(path: Path) -> Report:
    try:
        loaded = store.load(path)
    except store.LoadError as error:
        return Report(path, tuple(error.problems))
    name = str(path)
    repaired, problems = reanchor(path, loaded.timeline)
    del repaired
    problems[:0] = id_clashes(name, loaded.timeline)
    for conflict in loaded.timeline.conflicts:
        problems.append(
            Problem(
                name,
                f"conflicts ({conflict.record}.{conflict.field})",
                f"unresolved merge conflict: ours {clip(conflict.ours, 60)}, theirs "
                f"{clip(conflict.theirs, 60)}; resolve it in the explorer",
            )
        )
    if not loaded.is_canonical():
        problems.append(Problem(name, "", "not in canonical form; run `factcheck fmt`"))
    return Report(path, tuple(problems), loaded)
