"""`factcheck extract`: article(s) -> draft timeline(s), one timeline per article."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from pathlib import Path

import attrs
import click

from factcheck.model import Timeline
from factcheck.text import sanitize_line

_ARTICLE_SUFFIXES = (".txt", ".text", ".md")


def _unsafe_copy(article: Path, target: Path, force: bool) -> str | None:
    """Why the source copy beside `target` must not be written or compared, if it must not.

    The timeline folder may come from a repository or an archive: a `sources` link would
    put the copy (and `mkdir`s) outside it, and a copy that is a link to `/dev/zero` or a
    huge sparse file would be read whole to compare it. The copy's name follows
    `pipeline.extract_file`.
    """
    from factcheck.extract.article import MAX_ARTICLE_BYTES
    from factcheck.extract.pipeline import timeline_id

    sources = target.parent / "sources"
    if sources.is_symlink():
        return (f"{sources}: is a symbolic link; extract writes source copies only inside "
                "the timeline's folder")  # fmt: skip
    if sources.exists() and not sources.is_dir():
        return f"{sources}: is not a folder"
    copy = sources / f"{timeline_id(target.stem)}{article.suffix.lower() or '.txt'}"
    if copy.is_symlink() or (copy.exists() and not copy.is_file()):
        return f"{copy}: is not a regular file (a link or a device); not read or replaced"
    if not force and copy.exists() and copy.stat().st_size > MAX_ARTICLE_BYTES:
        return f"{copy}: already exists with other content; use --force"
    return None


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{sanitize_line(value)!r} is not a date (YYYY-MM-DD)") from None


def _described(timeline: Timeline, target: Path, url: str, title: str) -> Timeline:
    """The saved draft with the source's url and title from the options, saved again."""
    from factcheck import store
    from factcheck.extract.pipeline import ExtractError

    if not url and not title:
        return timeline
    source = timeline.sources[0]
    source = attrs.evolve(source, url=url or source.url, title=title or source.title)
    described = attrs.evolve(timeline, sources=(source, *timeline.sources[1:]))
    try:
        store.save(target, described)
    except store.StoreError as error:
        raise ExtractError(str(error)) from None
    return described


@click.command()
@click.argument("article", type=click.Path(path_type=Path))
@click.option(
    "--date",
    "date",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="The article's publication date (overrides its dateline).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Timeline file to write (a folder when ARTICLE is a folder). Default: timelines/.",
)
@click.option("--force", is_flag=True, help="Overwrite existing timelines and source copies.")
@click.option("--url", default="", help="Where the article was published (the source's url).")
@click.option("--title", default="", help="The article's title (default: its headline).")
def extract(
    article: Path, date: dt.date | None, output: Path | None, force: bool, url: str, title: str
) -> None:
    """Build a draft timeline from a news article (or from each article in a folder).

    Dates are resolved against the article's date (first line `date YYYY-MM-DD`, a dateline,
    or --date); the article is copied into sources/ beside the timeline. --url and --title
    describe the source (ClaimReview's `appearance` needs the url).
    """
    from factcheck import model
    from factcheck.extract.pipeline import ExtractError, extract_file, timeline_id

    if not article.exists():
        raise click.UsageError(f"{sanitize_line(str(article))}: no such file or folder")
    if url and (reason := model.url_problem(url)):
        raise click.BadParameter(sanitize_line(reason), param_hint="--url")
    if (url or title) and article.is_dir():
        raise click.UsageError("--url and --title describe one article, not a folder of them")
    if article.is_dir():
        inputs = sorted(
            path
            for path in article.iterdir()
            if path.is_file() and path.suffix.lower() in _ARTICLE_SUFFIXES
        )
        folder = output or Path("timelines")
        if folder.suffix.lower() == ".toml":
            raise click.UsageError("with a folder of articles, -o names a folder, not a file")
        jobs = [(path, folder / f"{timeline_id(path.stem)}.toml") for path in inputs]
        if not jobs:
            raise click.UsageError(
                f"{sanitize_line(str(article))}: no article files (*.txt, *.md) in this folder"
            )
    else:
        target = output or Path("timelines")
        if target.is_dir() or output is None:
            target = target / f"{timeline_id(article.stem)}.toml"
        jobs = [(article, target)]
    # Messages wait until the progress bar is done, so they never tear its line.
    messages: list[tuple[str, bool]] = []
    bar = (
        click.progressbar(jobs, label="extracting", file=sys.stderr, show_pos=True)
        if len(jobs) > 1
        else contextlib.nullcontext(jobs)
    )
    with bar as progress:
        for path, target in progress:
            unsafe = _unsafe_copy(path, target, force)
            if unsafe:
                messages.append((unsafe, True))
                continue
            try:
                outcome = extract_file(path, target, date, force)
                timeline = _described(outcome.timeline, target, url, title)
            except ExtractError as error:
                messages.append((str(error), True))
                continue
            undated = (
                ""
                if timeline.sources[0].published
                else " (no article date: relative dates left unresolved; use --date)"
            )
            messages.append(
                (
                    f"wrote {target}: {len(timeline.events)} event(s), "
                    f"{len(timeline.claims)} claim(s){undated}",
                    False,
                )
            )
    for message, is_error in messages:
        click.echo(sanitize_line(message), err=is_error)
    sys.exit(1 if any(is_error for _message, is_error in messages) else 0)
