"""`factcheck library ...` and `factcheck match`: the click side of the fact-check library.

Registered in factcheck/cli.py. Messages go to stderr, sanitized, naming the file; results
go to stdout (text, or JSON for scripts).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from factcheck.text import clip, sanitize, sanitize_line

if TYPE_CHECKING:
    from factcheck.library.rerank import Reranker

#: Files with more reviews than this show a progress bar while they are added.
PROGRESS_FROM = 5_000
#: A --queries file larger than this is not read.
MAX_QUERIES_BYTES = 64 * 1024 * 1024
MAX_LISTED_WARNINGS = 100

library_option = click.option(
    "--library",
    "library_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The library file (default: $FACTCHECK_LIBRARY, else library.sqlite in the user "
    "data folder).",
)


def _say(line: str) -> None:
    click.echo(sanitize_line(line), err=True)


def _report(problems: list[Any]) -> None:
    for problem in problems[:MAX_LISTED_WARNINGS]:
        _say(str(problem))
    if len(problems) > MAX_LISTED_WARNINGS:
        _say(f"... and {len(problems) - MAX_LISTED_WARNINGS} more")


@contextmanager
def _library(library_path: Path | None, create: bool = False) -> Iterator[Any]:
    """The library, open; a library that cannot be opened or read is a message, exit 1."""
    from factcheck.library import Library, LibraryError, default_path

    try:
        with Library.open(library_path or default_path(), create=create) as library:
            yield library
    except LibraryError as error:
        _say(str(error))
        sys.exit(1)


def _source_name(path: Path) -> str:
    """How a file is recorded as a source: its absolute path, so `remove` finds it again."""
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return str(path.absolute())


@click.group("library")
def library_command() -> None:
    """A local library of published fact-checks, searched by `factcheck match`."""


@library_command.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@library_option
@click.option(
    "--max-mb",
    type=click.IntRange(1, 4096),
    default=32,
    show_default=True,
    help="Refuse JSON files larger than this.",
)
def add_command(files: tuple[Path, ...], library_path: Path | None, max_mb: int) -> None:
    """Add ClaimReview JSON-LD, Fact Check Tools responses, or timelines' rated claims.

    A review already in the library (same URL) is updated, never duplicated. Each file is
    added whole or not at all. Exit status: 0 all added, 1 a file added nothing.
    """
    from factcheck.library import LibraryError, sources

    failed = 0
    with _library(library_path, create=True) as library:
        for path in files:
            try:
                records, problems = sources.read(path, max_mb * 1024 * 1024)
            except sources.SourceFailed as error:
                _report(error.problems)
                failed += 1
                continue
            _report(problems)
            try:
                result = _add(library, records, path)
            except LibraryError as error:
                _say(f"{path}: nothing added: {error}")
                failed += 1
                continue
            _say(
                f"{path}: {result.added:,} review(s) added, {result.updated:,} updated, "
                f"{len(problems):,} warning(s)"
            )
    sys.exit(1 if failed else 0)


def _add(library: Any, records: list[Any], path: Path) -> Any:
    """Add a file's records, with a progress bar on stderr for a big file."""
    if len(records) < PROGRESS_FROM:
        return library.add(records, _source_name(path))
    label = sanitize_line(clip(str(path), 40))
    with click.progressbar(length=len(records), label=label, file=sys.stderr) as bar:
        return library.add(records, _source_name(path), bar.update)


@library_command.command("stats")
@library_option
def stats_command(library_path: Path | None) -> None:
    """How many reviews, from which files and publishers, with which ratings."""
    with _library(library_path) as library:
        stats = library.stats()
    lines = [f"{stats.path}: {stats.reviews:,} review(s) (schema {stats.schema})"]
    for heading, counts in (
        ("publishers", stats.publishers),
        ("statuses", stats.ratings),
        ("sources", stats.sources),
        ("re-ranker vectors (`library embed`)", stats.vectors),
    ):
        if counts:
            lines.append(f"{heading}:")
            lines += [f"  {count:>8,}  {name or '(unknown)'}" for name, count in counts]
    for line in lines:
        click.echo(sanitize_line(line))


@library_command.command("search")
@click.argument("text")
@library_option
@click.option("--top", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def search_command(text: str, library_path: Path | None, top: int, fmt: str) -> None:
    """Reviews of the library that share words with TEXT, closest first."""
    with _library(library_path) as library:
        _print(fmt, [("search", library.match(text, top))])


@library_command.command("remove")
@click.option(
    "--source",
    "source",
    required=True,
    type=click.Path(path_type=Path),
    help="Remove the reviews added from this file.",
)
@library_option
def remove_command(source: Path, library_path: Path | None) -> None:
    """Remove the reviews last added from a file. Exit status 1 when there were none."""
    with _library(library_path) as library:
        removed = library.remove_source(_source_name(source))
    _say(f"{source}: {removed:,} review(s) removed")
    sys.exit(0 if removed else 1)


@click.command("match")
@click.argument("text", required=False)
@click.option(
    "--queries",
    type=click.Path(path_type=Path),
    help="A file of queries, one ID<TAB>TEXT per line.",
)
@click.option(
    "--timeline",
    type=click.Path(path_type=Path),
    help="Match each claim of this timeline.",
)
@library_option
@click.option("--top", type=click.IntRange(1, 100), default=5, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option(
    "--rerank",
    is_flag=True,
    help="Re-rank the 50 best BM25 matches with the sentence model of the `rerank` extra "
    "when BM25 is not decisive (slower: see `library embed`).",
)
def match_command(
    text: str | None,
    queries: Path | None,
    timeline: Path | None,
    library_path: Path | None,
    top: int,
    fmt: str,
    rerank: bool,
) -> None:
    """The previously published fact-checks closest to TEXT, or to each query or claim.

    JSON: a list of {"query": ID, "matches": [{"url", "claim", "rating", "publisher",
    "date", "score"}]}, best first. With --rerank, a query whose best BM25 score is at
    least 1.35 times that of every other claim keeps BM25's ranking and score (the model is
    not asked); otherwise the score is bm25 / best bm25 + 30 * cosine, and a review's vector
    is computed (about 100 ms on the busy 2-core development machine) the first time it is
    a candidate, then kept in the library. Exit status: 0
    done, 1 unreadable input or library, 2 usage error or --rerank without its model.
    """
    if sum(given is not None for given in (text, queries, timeline)) != 1:
        raise click.UsageError("give exactly one of TEXT, --queries FILE or --timeline FILE")
    if text is not None:
        items: list[tuple[str, str]] = [("text", text)]
    elif queries is not None:
        items = _queries(queries)
    else:
        assert timeline is not None
        items = _claims(timeline)
    reranker = _reranker() if rerank else None
    with _library(library_path) as library:
        find = partial(reranker.match, library) if reranker else library.match
        _print(fmt, ((query_id, find(query, top)) for query_id, query in items))


def _reranker() -> Reranker:
    """The re-ranker with its model loaded; without the `rerank` extra, a message, exit 2."""
    from factcheck.library.rerank import Reranker, RerankUnavailable

    try:
        return Reranker.load()
    except RerankUnavailable as error:
        _say(str(error))
        sys.exit(2)


@library_command.command("embed")
@library_option
def embed_command(library_path: Path | None) -> None:
    """Compute the re-ranker's vector of every review that has none yet.

    `match --rerank` then never waits for a review's vector. About 60 ms per review on the
    2-core development machine (README); interrupted, it keeps what it stored: run it again
    to go on. Needs the `rerank` extra (exit status 2 without it).
    """
    reranker = _reranker()
    with _library(library_path) as library:
        pending = reranker.pending(library)
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            done += count
            bar.update(count)

        try:
            label = sanitize_line(clip(str(library.path), 40))
            with click.progressbar(length=len(pending), label=label, file=sys.stderr) as bar:
                reranker.embed_pending(library, pending, advance)
        except KeyboardInterrupt:
            _say(f"interrupted: {done:,} of {len(pending):,} review(s) embedded and kept; "
                 "run `factcheck library embed` again to go on")  # fmt: skip
            sys.exit(130)
    _say(f"{library.path}: {done:,} review(s) embedded")


def _queries(path: Path) -> list[tuple[str, str]]:
    """ID<TAB>TEXT lines; a line without a tab is reported and skipped."""
    from factcheck import store

    name = str(path)
    try:
        data = store.read_limited(path, name, MAX_QUERIES_BYTES)
    except store.LoadError as error:
        _report(list(error.problems))
        sys.exit(1)
    except IsADirectoryError:
        _say(f"{name}: is a folder, not a queries file")
        sys.exit(1)
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        _say(f"{name}:{line}: not valid UTF-8 (byte {error.start}); nothing matched")
        sys.exit(1)
    items = []
    for number, row in enumerate(content.splitlines(), start=1):
        if not row.strip():
            continue
        query_id, tab, query = row.partition("\t")
        if not tab:
            _say(f"{name}:{number}: expected ID<TAB>TEXT; line skipped")
            continue
        items.append((query_id.strip(), query))
    return items


def _claims(path: Path) -> list[tuple[str, str]]:
    from factcheck import store

    try:
        loaded = store.load(path)
    except store.LoadError as error:
        _report(list(error.problems))
        sys.exit(1)
    except IsADirectoryError:
        _say(f"{path}: is a folder; give one timeline file")
        sys.exit(1)
    return [(claim.id, claim.text) for claim in loaded.timeline.claims]


def _print(fmt: str, results: Iterable[tuple[str, list[Any]]]) -> None:
    if fmt == "json":
        document = [
            {"query": query_id, "matches": [match.as_json() for match in matches]}
            for query_id, matches in results
        ]
        out = json.dumps(document, ensure_ascii=False, indent=1)
        click.echo(sanitize(out) if sys.stdout.isatty() else out)
        return
    for query_id, matches in results:
        click.echo(sanitize_line(f"{query_id}: {len(matches)} match(es)"))
        for position, match in enumerate(matches, start=1):
            rating = match.rating or "no rating"
            by = " · ".join(part for part in (match.publisher, match.date) if part)
            click.echo(sanitize_line(f"  {position}. [{rating}] {by} (score {match.score:.2f})"))
            click.echo("     " + sanitize_line(clip(match.claim, 300)))
            if match.url:
                click.echo("     " + sanitize_line(match.url))
