"""The `factcheck` command: the explorer by default, and subcommands for the pipeline.

Heavy imports (textual, dateparser) happen inside the commands that need them, so that
`factcheck check` in a pre-commit hook starts fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem

from factcheck import __version__
from factcheck.text import sanitize_line

DEFAULT_FOLDER = Path("timelines")


class ExplorerByDefault(click.Group):
    """`factcheck [PATH]` opens the explorer; a first word that is a command runs it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.resilient_parsing and not args:  # completing the first word: see shell_complete
            return super().parse_args(ctx, args)
        if not args or (args[0] not in self.commands and not args[0].startswith("-")):
            args = ["open", *args]
        elif args[0] in ("--",):
            args = ["open", *args[1:]]
        return super().parse_args(ctx, args)

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        """The first word completes to a command or, as `factcheck PATH`, to a file."""
        items = super().shell_complete(ctx, incomplete)
        if incomplete.startswith("-"):
            return items
        # First: bash's script drops what came before a file item, and completes files
        # only when no command matched.
        return [CompletionItem(incomplete, type="file"), *items]


def echo(line: str, err: bool = False) -> None:
    """Print one line of output with untrusted characters escaped."""
    click.echo(sanitize_line(line), err=err)


@click.group(cls=ExplorerByDefault, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
def cli() -> None:
    """factcheck: review the claims of a news timeline, saved as canonical TOML.

    Run `factcheck [PATH]` to open the explorer on a timeline file or a folder of them
    (default ./timelines).
    """


def _paths(paths: tuple[Path, ...]) -> list[Path]:
    return list(paths) or [DEFAULT_FOLDER]


def _existing(paths: list[Path]) -> list[Path]:
    for path in paths:
        if not path.exists():
            raise click.UsageError(f"{sanitize_line(str(path))}: no such file or folder")
    return paths


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Check timelines: schema, references, ids, anchors, source hashes, canonical form.

    Exit status: 0 clean, 1 problems found, 2 usage error.
    """
    from factcheck.check import check_file, timeline_files

    files = list(timeline_files(_existing(_paths(paths))))
    errors = warnings = 0
    for path in files:
        report = check_file(path)
        for problem in report.problems:
            echo(str(problem))
        errors += len(report.errors)
        warnings += len(report.problems) - len(report.errors)
    from factcheck.review.gitsetup import driver_problems  # git would merge them as text

    for problem in driver_problems(files):
        echo(str(problem))
        warnings += 1
    summary = f"{len(files)} file(s) checked, {errors} problem(s)"
    if warnings:
        summary += f", {warnings} warning(s)"
    echo(summary, err=True)
    sys.exit(1 if errors else 0)


@cli.command()
@click.option(
    "--check", "check_only", is_flag=True, help="List files that would change; write nothing."
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def fmt(check_only: bool, paths: tuple[Path, ...]) -> None:
    """Rewrite timelines in canonical form (atomically), re-anchoring moved quotes.

    Anchors written by hand (an `exact` without offsets) are located in their source.
    """
    from factcheck import store
    from factcheck.check import CANNOT_LOCATE, NOT_SEARCHED, reanchor, timeline_files

    failed = changed = 0
    for path in timeline_files(_existing(_paths(paths))):
        try:
            loaded = store.load(path)
        except store.LoadError as error:
            for problem in error.problems:
                echo(str(problem))
            failed += 1
            continue
        timeline, anchor_problems = reanchor(path, loaded.timeline)
        for problem in anchor_problems:  # anchors it could not place or did not search
            if problem.message.startswith((CANNOT_LOCATE, NOT_SEARCHED)):
                echo(str(problem))
                failed += 1
        if loaded.is_canonical(timeline):  # hashed a record at a time: no second copy
            continue
        changed += 1
        if check_only:
            echo(f"would reformat {path}")
            continue
        if path.is_symlink():  # os.replace would put a copy in place of the link
            echo(f"{path}: is a symbolic link; not rewritten (that would replace the link with "
                 "a copy); run `factcheck fmt` on the file it points to")  # fmt: skip
            failed += 1
            continue
        try:
            store.save(path, timeline, loaded.fingerprint)
        except store.StoreError as error:
            echo(str(error))
            failed += 1
            continue
        echo(f"reformatted {path}")
    sys.exit(1 if failed or (check_only and changed) else 0)


from factcheck.interop.commands import export_command, import_command  # noqa: E402

cli.add_command(export_command)
cli.add_command(import_command)

from factcheck.review.commands import COMMANDS as REVIEW_COMMANDS  # noqa: E402

for _review_command in REVIEW_COMMANDS:
    cli.add_command(_review_command)

from factcheck.extract.commands import extract as extract_command  # noqa: E402

cli.add_command(extract_command)

from factcheck.library.commands import library_command, library_option, match_command  # noqa: E402

cli.add_command(library_command)
cli.add_command(match_command)


@cli.command("open")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@library_option
@click.option(
    "--rerank",
    is_flag=True,
    help='Re-rank "Checked before" with the sentence model of the `rerank` extra.',
)
def open_(path: Path | None, library_path: Path | None, rerank: bool) -> None:
    """Open the explorer on a timeline file or a folder of them (default ./timelines)."""
    target = _existing(_paths((path,) if path else ()))[0]
    if library_path is not None:  # the "Checked before" view opens `default_path()`
        os.environ["FACTCHECK_LIBRARY"] = str(library_path)
    if rerank:  # read by the view on its first lookup, like the library's path
        os.environ["FACTCHECK_RERANK"] = "1"
    from factcheck.tui.app import run

    run(target)


@cli.command("schema")
@click.option(
    "--taplo",
    is_flag=True,
    help="Write timeline.schema.json and a .taplo.toml using it for timelines/ (here).",
)
def schema_command(taplo: bool) -> None:
    """Print the JSON Schema of the timeline format (for editors; see the README)."""
    from factcheck import schema

    if not taplo:
        click.echo(schema.COMMITTED.read_text(encoding="utf-8"), nl=False)
        return
    try:
        for written in schema.write_taplo_config(Path(".")):
            echo(f"wrote {written}")
    except schema.ConfigExists as error:
        echo(str(error), err=True)
        click.echo(schema.TAPLO_RULE, err=True, nl=False)
        sys.exit(1)


@cli.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--token",
    envvar="FACTCHECK_SERVE_TOKEN",
    help="Secret the URL must carry (generated when binding a non-loopback address).",
)
def serve(path: Path | None, host: str, port: int, token: str | None) -> None:
    """Serve the explorer on PATH in a browser: one explorer process per tab.

    Binds 127.0.0.1 by default; any other address requires a secret token, printed in the URL.
    """
    target = _existing(_paths((path,) if path else ()))[0]
    from factcheck import serve as serving

    try:
        serving.serve(target, host, port, token)
    except serving.ServeError as error:
        raise click.UsageError(str(error)) from None
    except OSError as error:  # the port is taken, the address is not this machine's
        echo(f"factcheck serve: cannot listen on {host}:{port}: {error.strerror}", err=True)
        sys.exit(1)


def main(argv: list[str] | None = None) -> Any:
    """Entry point: no traceback reaches a user unless FACTCHECK_DEBUG is set."""
    try:
        return cli.main(args=argv, prog_name="factcheck")
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # the last line of defence: report, never a traceback
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        message = sanitize_line(f"{type(error).__name__}: {error}")[:500]
        click.echo(
            f"factcheck: internal error: {message}\n(set FACTCHECK_DEBUG=1 to see the traceback)",
            err=True,
        )
        sys.exit(3)
