"""From an article file to a saved timeline: read, extract, copy the source, write TOML.

Nothing existing is overwritten without `force`; the source is copied byte for byte so the
anchors' offsets and the sha256 hold for `factcheck check`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import attrs

from factcheck import store
from factcheck.extract import article as article_module
from factcheck.extract import build
from factcheck.model import Source, Timeline


class ExtractError(Exception):
    """A problem with one input or output; the message names the file."""


@attrs.frozen
class Outcome:
    output: Path
    source_file: Path
    timeline: Timeline


def timeline_id(stem: str) -> str:
    """A valid timeline id from a file name ("Article 2020-02-05.txt" -> "article-2020-02-05")."""
    words = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return words[:100].strip("-") or "article"


def extract_text(data: bytes, name: str, source_file: str, date: dt.date | None = None) -> Timeline:
    """The draft timeline of article bytes; ExtractError (naming `name`) for bad input."""
    try:
        text = article_module.decode(data)
    except article_module.ArticleError as error:
        raise ExtractError(f"{name}: {error}") from None
    article = article_module.read(text, date)
    title = build.headline(article)
    source = Source(
        id=build.SOURCE_ID,
        title=title,
        file=source_file,
        sha256=hashlib.sha256(data).hexdigest(),
        published=build.published(article.date),
    )
    try:
        return build.extract(article, source, timeline_id(Path(source_file).stem), title)
    except Exception as error:  # a bug must cost one article of a batch, not the batch
        raise ExtractError(
            f"{name}: extraction failed ({type(error).__name__}: {error}); "
            "this is a bug in factcheck extract, please report it with the article"
        ) from error


def extract_file(
    path: Path, output: Path, date: dt.date | None = None, force: bool = False
) -> Outcome:
    """Extract one article to `output`, copying it to `sources/` beside the timeline."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > article_module.MAX_ARTICLE_BYTES:
            raise ExtractError(
                f"{name}: is {size:,} bytes; extract reads articles up to "
                f"{article_module.MAX_ARTICLE_BYTES:,} bytes"
            )
        # Bounded, regular files only: /dev/zero or a FIFO must not eat memory or block.
        data = store.read_limited(path, name, article_module.MAX_ARTICLE_BYTES)
    except store.LoadError as error:
        raise ExtractError(str(error)) from None
    except IsADirectoryError:
        raise ExtractError(f"{name}: is a folder; give an article file") from None
    except OSError as error:
        raise ExtractError(f"{name}: cannot read: {error.strerror}") from None
    stem = timeline_id(output.stem)
    relative = f"sources/{stem}{path.suffix.lower() or '.txt'}"
    copy = output.parent / relative
    if output.exists() and not force:
        raise ExtractError(f"{output}: already exists; use --force to overwrite it")
    if copy.exists() and not force and copy.read_bytes() != data:
        raise ExtractError(f"{copy}: already exists with other content; use --force")
    timeline = extract_text(data, name, relative, date)
    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        store.write_atomic(copy, data)
        store.save(output, timeline)
    except (OSError, store.StoreError) as error:
        message = getattr(error, "strerror", None) or str(error)
        raise ExtractError(f"{output}: cannot write: {message}") from None
    return Outcome(output, copy, timeline)
