"""Shell conventions: completion scripts for bash, zsh and fish, and NO_COLOR."""

from __future__ import annotations

import fcntl
import os
import re
import select
import shlex
import shutil
import socket
import struct
import subprocess
import sys
import termios
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "timelines" / "chicago-facial-recognition-2020.toml"

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


SGR = re.compile(r"\x1b\[([0-9;]*)m")
#: SGR codes of the 16 basic foreground and background colours (39 and 49 reset them).
BASIC_COLOURS = {*range(30, 38), *range(40, 48), *range(90, 98), *range(100, 108)}


def colours(output: str) -> set[str]:
    """The colours an output sets through SGR escapes, as written (grey levels included)."""
    found: set[str] = set()
    for parameters in SGR.findall(output):
        parts = parameters.split(";")
        index = 0
        while index < len(parts):
            part = parts[index]
            if part in ("38", "48") and index + 1 < len(parts):
                width = 5 if parts[index + 1] == "2" else 3
                found.add(";".join(parts[index : index + width]))
                index += width
                continue
            if part.isdigit() and int(part) in BASIC_COLOURS:
                found.add(part)
            index += 1
    return found


def is_grey(colour: str) -> bool:
    parts = [int(part) for part in colour.split(";")]
    if parts[0] in (38, 48) and parts[1] == 5:
        return parts[2] >= 232 or parts[2] in (0, 7, 8, 15)
    if parts[0] in (38, 48) and parts[1] == 2:
        return parts[2] == parts[3] == parts[4]
    return parts[0] in (30, 37, 40, 47, 90, 97, 100, 107)


def in_a_terminal(
    args: list[str], env: dict[str, str], *steps: tuple[str, Callable[[], object] | None]
) -> str:
    """Run a command on a pseudo-terminal (120x40); wait for each step's text, then do its
    action. Returns everything the command printed."""
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen(args, stdin=follower, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    output = b""
    deadline = time.monotonic() + 30
    try:
        for text, action in steps:
            while text.encode() not in output and time.monotonic() < deadline:
                ready, _, _ = select.select([leader], [], [], deadline - time.monotonic())
                try:
                    chunk = os.read(leader, 65536) if ready else b""
                except OSError:  # the command ended
                    chunk = b""
                if not chunk:
                    break
                output += chunk
            assert text.encode() in output, output.decode("utf-8", "replace")[-2000:]
            if action is not None:
                action()
    finally:
        process.kill()
        process.wait()
        os.close(leader)
    return output.decode("utf-8", errors="replace")


def terminal_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "TERM": "xterm-256color", **extra}
    for inherited in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR"):
        if inherited not in extra:
            env.pop(inherited, None)
    return env


def test_the_explorer_honours_no_color() -> None:
    args = [sys.executable, "-m", "factcheck", str(SHIPPED)]
    coloured = in_a_terminal(args, terminal_env(), ("reviewed", None))
    assert not all(is_grey(colour) for colour in colours(coloured))  # the test sees colour
    plain = in_a_terminal(args, terminal_env(NO_COLOR="1"), ("reviewed", None))
    assert colours(plain) and all(is_grey(colour) for colour in colours(plain))


def test_the_server_log_honours_no_color() -> None:
    port = free_port()
    args = [sys.executable, "-m", "factcheck", "serve", str(SHIPPED), "--port", str(port)]

    def request() -> None:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).close()

    steps = (("Ctrl+C", request), ("Python-urllib", None))
    coloured = in_a_terminal(args, terminal_env(), *steps)
    assert colours(coloured)  # Rich colours its log on a terminal
    plain = in_a_terminal(args, terminal_env(NO_COLOR="1"), *steps)
    assert colours(plain) == set(), plain


@pytest.mark.parametrize(
    ("args", "last"),
    [(["--help"], "Commands:"), (["check", str(ROOT / "tests/data/bad/bad-id.toml")], "checked")],
)
def test_commands_print_no_colour(args: list[str], last: str) -> None:
    command = [sys.executable, "-m", "factcheck", *args]
    output = in_a_terminal(command, terminal_env(NO_COLOR="1"), (last, None))
    assert SGR.search(output) is None


@pytest.fixture
def on_path(tmp_path: Path) -> dict[str, str]:
    """An environment whose `factcheck` on PATH is this checkout's."""
    folder = tmp_path / "bin"
    folder.mkdir()
    launcher = folder / "factcheck"
    launcher.write_text(f'#!/bin/sh\nexec {sys.executable} -m factcheck "$@"\n')
    launcher.chmod(0o755)
    return {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "complete -o nosort -F _factcheck_completion factcheck"),
     ("zsh", "compdef _factcheck_completion factcheck"),
     ("fish", "complete --no-files --command factcheck")],
)  # fmt: skip
def test_completion_scripts_are_produced(shell: str, marker: str, on_path: dict[str, str]) -> None:
    env = {**on_path, "_FACTCHECK_COMPLETE": f"{shell}_source"}
    script = subprocess.run(["factcheck"], env=env, capture_output=True, text=True, check=True)
    assert marker in script.stdout


#: What the cursor's word completes to, in each shell: commands, an option's choices, options.
COMPLETIONS = [
    ("factcheck ch", {"check"}),
    ("factcheck export x --format ", {"claimreview", "timelinejs", "csv", "markdown"}),
    ("factcheck serve --p", {"--port"}),
]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize(("words", "expected"), COMPLETIONS)
def test_bash_completes_commands_and_options(
    words: str, expected: set[str], on_path: dict[str, str]
) -> None:
    typed = words.split() + ([""] if words.endswith(" ") else [])  # "" is the word at the cursor
    script = (
        'eval "$(_FACTCHECK_COMPLETE=bash_source factcheck)"\n'
        f"COMP_WORDS=({shlex.join(typed)})\n"
        "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
        "_factcheck_completion factcheck 2>/dev/null\n"  # compopt: only inside a real <TAB>
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        ["bash", "-c", script], env=on_path, cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert set(result.stdout.split()) == expected, result.stderr


#: zsh's completion builtins work only inside a completion widget (a <TAB>): these stand-ins
#: print what the generated function adds, and "<files>" where it hands over to file completion.
ZSH_STAND_INS = r"""
compdef() { : }
compadd() { print -rl -- "${(@P)${@[-1]}}" }
_describe() {
    local name
    for name in "$@"; do
        [[ $name == -* || $name == unsorted ]] || { print -rl -- "${(@)${(@P)name}%%:*}"; break }
    done
}
_path_files() { print -r -- "<files>" }
"""


@pytest.mark.skipif(shutil.which("zsh") is None, reason="needs zsh (.ci/run installs it)")
@pytest.mark.parametrize(("words", "expected"), COMPLETIONS)
def test_zsh_completes_commands_and_options(
    words: str, expected: set[str], on_path: dict[str, str]
) -> None:
    typed = words.split() + ([""] if words.endswith(" ") else [])
    script = (
        ZSH_STAND_INS + 'eval "$(_FACTCHECK_COMPLETE=zsh_source factcheck)"\n'
        f"words=({shlex.join(typed)}) CURRENT={len(typed)}\n_factcheck_completion\n"
    )
    result = subprocess.run(
        ["zsh", "-f", "-c", script], env=on_path, cwd=ROOT, capture_output=True, text=True
    )
    first_word = len(typed) == 2  # `factcheck PATH`: files are offered too
    assert set(result.stdout.split()) == expected | ({"<files>"} if first_word else set()), (
        result.stderr
    )


@pytest.mark.skipif(shutil.which("fish") is None, reason="needs fish (.ci/run installs it)")
@pytest.mark.parametrize(("words", "expected"), COMPLETIONS)
def test_fish_completes_commands_and_options(
    words: str, expected: set[str], on_path: dict[str, str]
) -> None:
    """fish runs the generated script for real (`complete -C` asks what <TAB> would offer).
    click 8.4.0 and 8.4.1 wrote a broken fish script (pallets/click#3502)."""
    script = f"_FACTCHECK_COMPLETE=fish_source factcheck | source\ncomplete -C {shlex.quote(words)}"
    result = subprocess.run(
        ["fish", "--no-config", "-c", script], env=on_path, cwd=ROOT, capture_output=True,
        text=True,
    )  # fmt: skip
    offered = {line.split("\t")[0] for line in result.stdout.splitlines()}
    assert (offered, result.stderr) == (expected, "")


def test_the_first_word_completes_to_commands_and_files(on_path: dict[str, str]) -> None:
    """`factcheck PATH` opens a file: the first word offers both (bash: files when no
    command matches, through `compopt -o default`)."""
    env = {**on_path, "_FACTCHECK_COMPLETE": "bash_complete", "COMP_CWORD": "1"}
    for typed, expected in (("ch", ["file,ch", "plain,check"]), ("tim", ["file,tim"])):
        env["COMP_WORDS"] = f"factcheck {typed}"
        result = subprocess.run(["factcheck"], env=env, capture_output=True, text=True)
        assert result.stdout.split() == expected
