"""`factcheck extract` end to end: files written, check passes, same bytes, bad input handled."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.check import check_file
from factcheck.cli import cli
from factcheck.store import load

DEVSET = Path(__file__).parent / "devset"
SEED = Path(__file__).parents[2] / "timelines" / "sources" / "chicago-facial-recognition-2020.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["extract", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "article.txt"
    path.parent.mkdir()
    path.write_bytes(SEED.read_bytes())
    return path


def test_writes_a_timeline_that_checks_clean(article: Path, tmp_path: Path) -> None:
    output = tmp_path / "timelines" / "chicago.toml"
    code, out, _err = run(str(article), "-o", str(output))
    assert code == 0, out
    assert "3 event(s)" in out
    copy = output.parent / "sources" / "chicago.txt"
    assert copy.read_bytes() == article.read_bytes()
    report = check_file(output)
    assert report.problems == ()
    assert hashlib.sha256(copy.read_bytes()).hexdigest() in output.read_text("utf-8")


def test_same_input_gives_the_same_bytes(article: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "x.toml", tmp_path / "b" / "x.toml"
    assert run(str(article), "-o", str(first))[0] == 0
    assert run(str(article), "-o", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()


def test_never_overwrites_without_force(article: Path, tmp_path: Path) -> None:
    output = tmp_path / "t" / "x.toml"
    output.parent.mkdir()
    output.write_text("precious", "utf-8")
    code, _out, err = run(str(article), "-o", str(output))
    assert code == 1 and "already exists" in err and "--force" in err
    assert output.read_text("utf-8") == "precious"
    assert run(str(article), "-o", str(output), "--force")[0] == 0
    assert check_file(output).problems == ()


def test_a_folder_gives_one_timeline_per_article(tmp_path: Path) -> None:
    output = tmp_path / "out"
    code, out, _err = run(str(DEVSET), "-o", str(output))
    assert code == 0, out
    articles = sorted(DEVSET.glob("*.txt"))
    written = sorted(output.glob("*.toml"))
    assert [path.stem for path in written] == [path.stem for path in articles]
    for path in written:
        assert check_file(path).problems == (), path


def test_date_option_resolves_an_undated_article(tmp_path: Path) -> None:
    article = tmp_path / "flood.txt"
    article.write_text("The river burst its banks on Sunday, a resident said.\n", "utf-8")
    code, out, _err = run(str(article), "-o", str(tmp_path / "a.toml"))
    assert code == 0 and "no article date" in out
    assert 'date_text = "on Sunday"' in (tmp_path / "a.toml").read_text("utf-8")
    assert '\ndate = "' not in (tmp_path / "a.toml").read_text("utf-8")
    code, out, _err = run(str(article), "--date", "2020-02-05", "-o", str(tmp_path / "b.toml"))
    assert code == 0
    assert 'date = "2020-02-02"' in (tmp_path / "b.toml").read_text("utf-8")


def test_bad_date_option_is_a_usage_error(article: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(article), "--date", "Feb 5"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_crlf_and_bom_keep_anchors_valid(tmp_path: Path) -> None:
    text = "\ufeffdate 2021-03-02\r\n\r\n\u201cIt works,\u201d Ana Ruiz said on Monday.\r\n"
    article = tmp_path / "crlf.txt"
    article.write_bytes(text.encode("utf-8"))
    output = tmp_path / "t" / "crlf.toml"
    assert run(str(article), "-o", str(output))[0] == 0
    assert check_file(output).problems == ()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\n ", "is empty"),
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("latin1.txt", "Caf\u00e9 owners said on Monday".encode("latin-1"), "not UTF-8"),
        ("huge.txt", b"The mayor said on Tuesday.\n" * 200_000, "bytes"),
        ("escape\x1b]0;pwned\x07.txt", b"", "is empty"),
    ],
)
def test_bad_input_gives_a_clear_message(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    article = tmp_path / name
    article.write_bytes(data)
    output = tmp_path / "t" / "x.toml"
    code, out, err = run(str(article), "-o", str(output))
    assert code == 1
    assert message in err
    assert "Traceback" not in out + err
    assert "\x1b" not in err and article.name.split("\x1b")[0] in err
    assert not output.exists()


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_no_date_gives_a_draft_with_unresolved_relative_dates(tmp_path: Path) -> None:
    article = tmp_path / "undated.txt"
    article.write_bytes((DEVSET / "undated-flood.txt").read_bytes())
    output = tmp_path / "t" / "undated.toml"
    assert run(str(article), "-o", str(output))[0] == 0
    text = output.read_text("utf-8")
    assert 'date_text = "on Sunday"' in text and 'date = "2015-06"' in text
    assert check_file(output).problems == ()


def test_cli_import_stays_light() -> None:
    code = (
        "import sys, factcheck.cli; "
        "assert 'dateparser' not in sys.modules and 'textual' not in sys.modules, "
        "sorted(m for m in sys.modules if m.startswith(('dateparser', 'textual')))"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_output_folder_for_one_article(article: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    assert run(str(article), "-o", str(folder))[0] == 0
    assert check_file(folder / "article.toml").problems == ()


def test_folder_input_needs_an_output_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(DEVSET), "-o", str(tmp_path / "x.toml")])
    assert result.exit_code == 2 and "folder" in result.output


def test_url_and_title_set_the_source(article: Path, tmp_path: Path) -> None:
    """Issue 14.4: ClaimReview's appearance needs the source's url; no hand edit of the TOML."""
    output = tmp_path / "timelines" / "chicago.toml"
    url = "https://news.example.org/2020/02/05/chicago"
    code, out, _err = run(
        str(article), "-o", str(output), "--url", url, "--title", "Chicago report"
    )
    assert code == 0, out
    (source,) = load(output).timeline.sources
    assert (source.url, source.title) == (url, "Chicago report")
    assert check_file(output).problems == ()
    bad = CliRunner().invoke(cli, ["extract", str(article), "-o", str(tmp_path / "b.toml"),
                                   "--url", "javascript:alert(1)"])  # fmt: skip
    assert bad.exit_code == 2 and "--url" in bad.output and not (tmp_path / "b.toml").exists()
    folder = CliRunner().invoke(cli, ["extract", str(article.parent), "--url", url])
    assert folder.exit_code == 2 and "one article" in folder.output
