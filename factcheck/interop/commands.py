"""`factcheck export` and `factcheck import`: the click side of interop.

Registered in factcheck/cli.py. Problems go to stderr (sanitized, one per line, naming the
file, record and field); the exported document goes to the output file or to stdout.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from factcheck.text import sanitize, sanitize_line

#: Warnings beyond this many are counted, not listed (a big feed can have thousands).
MAX_LISTED_WARNINGS = 100


def _say(line: str) -> None:
    click.echo(sanitize_line(line), err=True)


def _report(problems: tuple[object, ...] | list[object]) -> None:
    for problem in problems[:MAX_LISTED_WARNINGS]:
        _say(str(problem))
    if len(problems) > MAX_LISTED_WARNINGS:
        _say(f"... and {len(problems) - MAX_LISTED_WARNINGS} more")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


@click.command("export")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["claimreview", "timelinejs", "csv", "markdown"]),
    help="claimreview (JSON-LD), timelinejs (TimelineJS3 JSON), csv or markdown.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write here (default: stdout)."
)
@click.option("--publisher-name", help="ClaimReview author (default: the [publisher] table).")
@click.option("--publisher-url", help="ClaimReview author url (default: the [publisher] table).")
@click.option("--page-url", help="Where the fact-check is published (default: publisher url).")
@click.option(
    "--include-unrated",
    is_flag=True,
    help="ClaimReview: also publish claims still unverified, in progress or not checkable.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def export_command(
    path: Path,
    fmt: str,
    output: Path | None,
    force: bool,
    publisher_name: str | None,
    publisher_url: str | None,
    page_url: str | None,
    include_unrated: bool,
) -> None:
    """Export a timeline as ClaimReview, TimelineJS, CSV or a Markdown report.

    Claims or events that cannot be put out are listed on stderr. Exit status: 0 done,
    1 the timeline does not load or a rated claim could not be exported, 2 usage error.
    """
    from factcheck import model, store
    from factcheck.interop import exporters

    if output is not None and _same_file(output, path):
        raise click.UsageError("the output file is the timeline itself; choose another -o")
    if output is not None and (output.exists() or output.is_symlink()) and not force:
        raise click.UsageError(
            f"{sanitize_line(str(output))} exists; pass --force to replace it or choose -o"
        )
    try:
        timeline = store.load(path).timeline
    except store.LoadError as error:
        _report(list(error.problems))
        sys.exit(1)
    try:
        publisher = (
            exporters.resolve_publisher(timeline, publisher_name, publisher_url)
            if fmt == "claimreview"
            else None
        )
    except exporters.PublisherMissing as error:
        raise click.UsageError(sanitize_line(f"{path}: {error}")) from None
    if page_url and (reason := model.url_problem(page_url)):
        raise click.UsageError(sanitize_line(f"--page-url: {reason}"))
    result = exporters.export(
        timeline,
        fmt,
        str(path),
        (lambda: publisher) if publisher else None,
        page_url or "",
        include_unrated,
    )
    _report(list(result.problems))
    if output is None:
        text = sanitize(result.text) if sys.stdout.isatty() else result.text
        click.echo(text, nl=False)
    else:
        try:
            store.write_atomic(output, result.text.encode("utf-8"))
        except store.SaveError as error:
            _say(str(error))
            sys.exit(1)
        noun = {"timelinejs": "event(s)", "csv": "row(s)"}.get(fmt, "claim(s)")
        _say(f"exported {result.count} {noun} to {output} ({fmt})")
    sys.exit(1 if result.errors else 0)


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Timeline to write (default: timelines/<FILE name>.toml).",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option(
    "--ratings",
    "ratings_file",
    type=click.Path(path_type=Path),
    help='TOML file of "Label" = "status" lines that add to or override the rating map.',
)
@click.option(
    "--rating",
    "rating_options",
    multiple=True,
    metavar="LABEL=STATUS",
    help='Map one rating label, e.g. --rating "Four Pinocchios=false" (repeatable).',
)
@click.option("--id", "timeline_id", help="Timeline id (default: from the output file name).")
@click.option("--title", help="Timeline title.")
@click.option(
    "--max-mb",
    type=click.IntRange(1, 4096),
    default=32,
    show_default=True,
    help="Refuse input files larger than this.",
)
def import_command(
    file: Path,
    output: Path | None,
    force: bool,
    ratings_file: Path | None,
    rating_options: tuple[str, ...],
    timeline_id: str | None,
    title: str | None,
    max_mb: int,
) -> None:
    """Import ClaimReview JSON-LD or a Fact Check Tools claims:search response as a timeline.

    One claim per review; claims are grouped into one event per claim date. Exit status:
    0 imported (warnings listed on stderr), 1 nothing imported, 2 usage error.
    """
    from factcheck import model, store
    from factcheck.interop import importer, ratings

    try:
        overrides = ratings.load_overrides(ratings_file) if ratings_file else {}
        overrides.update(ratings.parse_option(rating_options))
    except ratings.RatingError as error:
        _report(list(error.problems))
        sys.exit(2)
    target = output or Path("timelines") / f"{importer.slug(file.stem) or 'imported'}.toml"
    chosen_id = timeline_id or importer.slug(target.stem) or "imported"
    if not model.ID_PATTERN.fullmatch(chosen_id):
        raise click.UsageError(f"--id {sanitize_line(model.shown(chosen_id))} is not a valid id")
    if target.exists() and not force:
        raise click.UsageError(
            f"{sanitize_line(str(target))} exists; pass --force to replace it or choose -o"
        )
    if _same_file(target, file):
        raise click.UsageError("the output file is the input itself; choose another -o")
    try:
        result = importer.import_file(
            file, ratings.Ratings(overrides), chosen_id, title or "", max_mb * 1024 * 1024
        )
    except importer.ImportFailed as error:
        _report(list(error.problems))
        sys.exit(1)
    _report(list(result.problems))
    text = store.dumps(result.timeline)
    store.loads(text, str(target))  # the written file must load: a LoadError here is a bug
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        store.save_bytes(target, text.encode("utf-8"))
    except store.SaveError as error:
        _say(str(error))
        sys.exit(1)
    timeline = result.timeline
    statuses = Counter(claim.status for claim in timeline.claims)
    summary = ", ".join(f"{status} {count}" for status, count in statuses.most_common())
    _say(
        f"imported {len(timeline.claims)} claim(s) in {len(timeline.events)} event(s) from "
        f"{file} to {target}; {result.skipped} review(s) skipped, "
        f"{len(result.problems)} warning(s); statuses: {summary}"
    )
    sys.exit(0)
