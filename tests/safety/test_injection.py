"""Hostile text is inert in every CLI output; URLs are http(s) only; sources stay in the folder.

Each command runs as a real subprocess (a pty where the output changes with a terminal) and
its bytes are checked: no ESC, C0/C1 control or bidi character from the data gets out.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from factcheck import model, store
from tests.review.helpers import git
from tests.safety.helpers import factcheck, unsafe_characters

#: One of each: markup, Textual actions, CSI, OSC 0/8/52, C1, bidi, NUL, DEL, line separators.
PAYLOADS = {
    "markup": "[bold]b[/bold] [/x] [@click=app.quit]q[/]",
    "csi": "\x1b[2J\x1b[31mred",
    "osc0_title": "\x1b]0;pwned\x07",
    "osc8_link": "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "osc52_clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "c1_csi": "\x9b2J\x9d0;t\x9c",
    "bidi": "\u202eevil\u202c \u2066x\u2069 \u200f\u061c",
    "nul": "a\x00b",
    "del_backspace": "\x7f\x08\x08",
    "line_separators": "x\u2028y\u2029z",
}
HOSTILE = " ".join(PAYLOADS.values())


def _shows_escaped(text: str) -> bool:
    """The ESC of the payloads is visible as an escape (\\x1b, or \\u001b in quoted values)."""
    return "\\x1b" in text or "\\u001b" in text


def _anchor(exact: str) -> model.Anchor:
    return model.Anchor(source="src", start=0, end=len(exact), exact=exact, prefix=HOSTILE)


def hostile_timeline(text: str = HOSTILE) -> model.Timeline:
    """Every free-text field of every record carries the payloads."""
    evidence = model.Evidence(
        url="https://example.org/e", title=text, note=text, stance="refutes", accessed=""
    )
    event = model.Event(
        id="e1", title=text, date="2020-02-04", date_text=text, summary=text,
        actors=(text, text + "2"), anchor=_anchor(text),
    )  # fmt: skip
    claim = model.Claim(
        id="c1", event="e1", text=text, claimant=text, status="false", verdict=text,
        reviewed_by=text, reviewed_on="2026-11-26", notes=text, anchor=_anchor(text),
        evidence=(evidence,),
    )  # fmt: skip
    return model.Timeline(
        id="hostile",
        title=text,
        sources=(model.Source(id="src", file="src.txt", sha256="0" * 64, title=text),),
        events=(event,),
        claims=(claim,),
        publisher=model.Publisher(name=text, url="https://desk.example.org/"),
    )


def _write(folder: Path, name: str, timeline: model.Timeline) -> Path:
    path = folder / name
    path.write_text(store.dumps(timeline), encoding="utf-8")
    (folder / "src.txt").write_text("the source says something else entirely", encoding="utf-8")
    return path


def _inert(result: subprocess.CompletedProcess[bytes]) -> str:
    output = result.stdout + result.stderr
    assert unsafe_characters(output) == [], output[-3000:]
    text = output.decode("utf-8")
    assert "Traceback" not in text and "internal error" not in text, text[-3000:]
    return text


def test_check_shows_hostile_values_escaped(tmp_path: Path) -> None:
    path = _write(tmp_path, "t.toml", hostile_timeline())
    text = _inert(factcheck("check", str(path)))
    assert "orphan" in text and _shows_escaped(text)  # the anchor's text is quoted, escaped


def test_check_shows_hostile_invalid_values_and_keys_escaped(tmp_path: Path) -> None:
    hostile = json.dumps(HOSTILE)  # a TOML basic string with \u escapes for the controls
    path = tmp_path / "bad.toml"
    path.write_text(
        f"schema = {hostile}\nid = {hostile}\n{hostile} = 1\n\n[[claims]]\nid = {hostile}\n"
        f"status = {hostile}\nkind = {hostile}\n\n[[claims.evidence]]\nurl = {hostile}\n",
        encoding="utf-8",
    )
    result = factcheck("check", str(path))
    assert result.returncode == 1
    text = _inert(result)
    assert "unknown key" in text and _shows_escaped(text)


def test_hostile_file_names_are_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "timelines"
    folder.mkdir()
    name = "\x1b]0;pwned\x07\u202e.toml"
    (folder / name).write_text("schema = [", encoding="utf-8")
    text = _inert(factcheck("check", str(folder)))
    assert _shows_escaped(text)
    _inert(factcheck("fmt", str(folder)))


def test_diff_and_merge_show_hostile_changes_escaped(tmp_path: Path) -> None:
    old = _write(tmp_path, "old.toml", hostile_timeline("plain"))
    new = _write(tmp_path, "new.toml", hostile_timeline())
    text = _inert(factcheck("diff", str(old), str(new)))
    assert _shows_escaped(text)
    _inert(factcheck("diff", "--format", "json", str(old), str(new)))
    _inert(factcheck("diff", "--textconv", str(new)))
    theirs = _write(tmp_path, "theirs.toml", hostile_timeline(HOSTILE + " theirs"))
    result = factcheck("merge", str(old), str(new), str(theirs), "-o", str(tmp_path / "m.toml"))
    assert result.returncode == 1  # both sides changed the same fields: conflicts
    _inert(result)
    _inert(factcheck("check", str(tmp_path / "m.toml")))


def _in_a_terminal(*args: str, cwd: Path) -> bytes:
    """Run factcheck with stdout on a pseudo-terminal; return what the terminal received."""
    controller, terminal = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "factcheck", *args],
        cwd=cwd,
        stdout=terminal,
        stderr=terminal,
        stdin=subprocess.DEVNULL,
    )
    os.close(terminal)
    received = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        received += chunk
    child.wait(timeout=120)
    os.close(controller)
    return received


@pytest.mark.parametrize("fmt", ["markdown", "csv", "claimreview", "timelinejs"])
def test_export_to_a_terminal_is_inert(tmp_path: Path, fmt: str) -> None:
    path = _write(tmp_path, "t.toml", hostile_timeline())
    received = _in_a_terminal("export", "--format", fmt, str(path), cwd=tmp_path)
    received = received.replace(b"\r\n", b"\n")  # the pty's own newline translation
    assert received.strip(), "nothing was exported"
    assert unsafe_characters(received) == [], received[-2000:]


@pytest.mark.parametrize(
    "group",
    [
        ("markup", "osc0_title", "osc52_clipboard", "bidi"),
        ("csi", "osc8_link"),
        ("c1_csi", "del_backspace", "line_separators"),
    ],
)
def test_extract_of_a_hostile_article_is_inert(tmp_path: Path, group: tuple[str, ...]) -> None:
    """(More than 8 control characters or a NUL make extract refuse the file as binary.)"""
    text = " ".join(PAYLOADS[name] for name in group)
    article = tmp_path / "a.txt"
    article.write_text(
        f"date 2020-02-05\n\nAna Ruiz said on Tuesday that “{text} is true.” "
        "According to the mayor, 3 billion images were taken last week.\n",
        encoding="utf-8",
    )
    result = factcheck("extract", str(article), "-o", str(tmp_path / "out.toml"))
    assert result.returncode == 0, result.stderr
    _inert(result)
    _inert(factcheck("check", str(tmp_path / "out.toml")))
    claims = store.load(tmp_path / "out.toml").timeline.claims
    assert any(PAYLOADS[group[0]] in claim.text for claim in claims)  # kept as data


def test_import_of_hostile_claimreview_is_inert(tmp_path: Path) -> None:
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://desk.example.org/1",
        "claimReviewed": HOSTILE,
        "author": {"@type": "Organization", "name": HOSTILE, "url": "javascript:alert(1)"},
        "reviewRating": {"@type": "Rating", "alternateName": HOSTILE, "ratingValue": "x"},
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": HOSTILE}},
        HOSTILE: HOSTILE,
    }
    source = tmp_path / "r.json"
    source.write_text(json.dumps([review, {"@type": HOSTILE}]), encoding="utf-8")
    result = factcheck("import", str(source), "-o", str(tmp_path / "out.toml"))
    _inert(result)
    if result.returncode == 0:
        _inert(factcheck("check", str(tmp_path / "out.toml")))


def test_history_with_hostile_authors_and_messages_is_inert(tmp_path: Path) -> None:
    mallory = {"GIT_AUTHOR_NAME": "Mallory \x1b]0;pwned\x07", "GIT_COMMITTER_NAME": "Mallory"}
    git(tmp_path, "init", "-q")
    path = _write(tmp_path, "t.toml", hostile_timeline("plain"))
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first \x1b]52;c;eA==\x07", env=mallory)
    _write(tmp_path, "t.toml", hostile_timeline())
    git(tmp_path, "commit", "-qam", "second \u202e", env=mallory)
    text = _inert(factcheck("history", "c1", str(path), cwd=tmp_path))
    assert "Mallory \\x1b]0;pwned" in text and "claim c1: text" in text


# --- URLs --------------------------------------------------------------------------------

REFUSED_URLS = {
    "javascript:alert(1)": "only http and https",
    "JavaScript:alert(1)": "only http and https",
    "file:///etc/passwd": "only http and https",
    "data:text/html;base64,PHNjcmlwdD4=": "only http and https",
    "vbscript:msgbox": "only http and https",
    "ftp://example.org/x": "only http and https",
    "//example.org/x": "only http and https",
    "example.org/x": "only http and https",
    "https://user:pass@example.org/": "credentials",
    "https://user@example.org/": "credentials",
    "https://:pass@example.org/": "credentials",
    " https://example.org/": "spaces or control",
    "https://example.org/a b": "spaces or control",
    "https://example.org/\t": "spaces or control",
    "https://example.org/\n": "spaces or control",
    "https://exa\x00mple.org/": "spaces or control",
    "https://example.org/\x1b]0;x\x07": "spaces or control",
    "https://example.org/\u202egnp.exe": "spaces or control",
    "https://example.org/\x85": "spaces or control",
    "https://example.org/\u061cx": "spaces or control",
    "https:///path": "no host",
    "https://": "no host",
    "http://[::1/": "cannot be parsed",
    "http://example.org:99999/": "cannot be parsed",
    "": "empty",
}
ACCEPTED_URLS = ["https://example.org/", "http://example.org:8080/a?b=c#d", "https://[::1]/x"]


@pytest.mark.parametrize("url", sorted(REFUSED_URLS))
def test_refused_urls_have_a_reason(url: str) -> None:
    reason = model.url_problem(url)
    assert reason is not None and REFUSED_URLS[url] in reason
    with pytest.raises(model.FieldProblem):
        model.Evidence(url=url)


@pytest.mark.parametrize("url", ACCEPTED_URLS)
def test_plain_http_urls_are_accepted(url: str) -> None:
    assert model.url_problem(url) is None


def test_a_refused_url_in_a_file_is_a_located_error(tmp_path: Path) -> None:
    timeline = hostile_timeline("plain")
    path = _write(tmp_path, "t.toml", timeline)
    path.write_text(
        path.read_text().replace('"https://example.org/e"', '"javascript:alert(1)"'), "utf-8"
    )
    result = factcheck("check", str(path))
    assert result.returncode == 1
    assert 'claims[0] (id "c1").evidence[0].url' in _inert(result)


# --- source paths ------------------------------------------------------------------------

ESCAPING_PATHS = [
    "../../etc/passwd", "/etc/passwd", "sources/../../etc/passwd", "..", "../x.txt",
    "sources\\..\\..\\etc\\passwd", "C:\\Windows\\win.ini", "c:/x", "//server/share/x",
]  # fmt: skip


@pytest.mark.parametrize("file", ESCAPING_PATHS)
def test_source_paths_leaving_the_folder_are_refused(tmp_path: Path, file: str) -> None:
    with pytest.raises(model.FieldProblem):
        model.Source(id="s", file=file, sha256="0" * 64)
    path = _write(tmp_path, "t.toml", hostile_timeline("plain"))
    path.write_text(path.read_text().replace('file = "src.txt"', f"file = {json.dumps(file)}"))
    result = factcheck("check", str(path))
    assert result.returncode == 1
    text = _inert(result)
    assert 'sources[0] (id "src").file' in text
    assert "root:" not in text  # nothing of /etc/passwd was read


def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    folder = tmp_path / "timelines"
    folder.mkdir()
    path = _write(folder, "t.toml", hostile_timeline("plain"))
    (folder / "src.txt").unlink()
    (folder / "link").symlink_to(tmp_path)  # a folder link, then the file through it
    (folder / "src.txt").symlink_to(folder / "link" / "outside.txt")
    timeline = store.load(path).timeline
    with pytest.raises(store.StoreError, match="leaves the timeline's folder"):
        store.read_source(path, timeline.sources[0])
    text = _inert(factcheck("check", str(path)))
    assert "leaves the timeline's folder" in text and "secret" not in text


def test_a_fifo_as_source_or_timeline_does_not_hang(tmp_path: Path) -> None:
    path = _write(tmp_path, "t.toml", hostile_timeline("plain"))
    (tmp_path / "src.txt").unlink()
    os.mkfifo(tmp_path / "src.txt")
    os.mkfifo(tmp_path / "fifo.toml")
    text = _inert(factcheck("check", str(path), str(tmp_path / "fifo.toml"), timeout=60))
    assert "not a regular file" in text


def test_hostile_timeline_round_trips_exactly(tmp_path: Path) -> None:
    """The payloads are data: stored and loaded back byte for byte, never altered."""
    timeline = hostile_timeline()
    assert store.loads(store.dumps(timeline)) == timeline.canonical()
    assert attrs.evolve(timeline).title == HOSTILE
