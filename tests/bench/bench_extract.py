"""Extract benchmark (on demand): throughput, startup cost, and ours vs dateparser's search.

Usage: python -m tests.bench.bench_extract [RUNS]   (default 7 runs; medians are printed)

Every figure is printed next to a baseline measured in the same run, so the ratios hold on
any machine:
- articles/second over the development articles, after a warm-up, vs `search_dates` alone
  on the same articles (which finds dates only, and worse: it reads "we" and "may" as dates);
- startup: `factcheck extract` of one article in a fresh process vs a bare `python -c pass`;
- one 3 KB article: our whole extraction (dates, claims, events; a fresh resolver as for a
  new article) vs `dateparser.search.search_dates` on the same text.
Not a test: no timing assertion anywhere in the suite.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from factcheck.extract import extract_text

HERE = Path(__file__).parent
ARTICLES = sorted((HERE.parent / "extract" / "devset").glob("*.txt")) + sorted(
    (HERE.parent / "extract" / "heldout").glob("*.txt")
)
SEED = HERE.parents[1] / "timelines" / "sources" / "chicago-facial-recognition-2020.txt"


def three_kb_article() -> bytes:
    """The seed article plus paragraphs of a development article, cut to about 3 KB."""
    extra = (HERE.parent / "extract" / "devset" / "council-budget-vote.txt").read_text("utf-8")
    text = SEED.read_text("utf-8")
    for paragraph in extra.split("\n\n")[2:]:
        if len((text + paragraph).encode("utf-8")) > 3072:
            break
        text += "\n\n" + paragraph
    return text.encode("utf-8")


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    from dateparser.search import search_dates

    articles = [(path.name, path.read_bytes()) for path in ARTICLES]
    texts = [data.decode("utf-8") for _name, data in articles]

    def ours_all() -> None:
        for name, data in articles:
            extract_text(data, name, f"sources/{name}")

    def search_all() -> None:
        for text in texts:
            search_dates(text, languages=["en"])

    ours_all()  # warm-up: dateparser's language data, regex compilation
    search_all()
    ours = median_seconds(ours_all, runs)
    theirs = median_seconds(search_all, runs)
    print(f"throughput ({len(articles)} articles, median of {runs} runs after warm-up):")
    print(f"  factcheck extract     {len(articles) / ours:8.1f} articles/s")
    print(f"  search_dates only     {len(articles) / theirs:8.1f} articles/s")
    print(f"  ratio (ours/baseline) {theirs / ours:8.2f}x faster")

    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "seed.txt"
        article.write_bytes(SEED.read_bytes())
        command = [sys.executable, "-m", "factcheck", "extract", str(article), "-o"]

        def extract_process() -> None:
            output = Path(folder) / f"out-{time.perf_counter_ns()}.toml"
            subprocess.run([*command, str(output)], check=True, capture_output=True)

        def bare_process() -> None:
            subprocess.run([sys.executable, "-c", "pass"], check=True)

        def import_process() -> None:
            subprocess.run([sys.executable, "-c", "import factcheck.cli"], check=True)

        startup = median_seconds(extract_process, runs)
        bare = median_seconds(bare_process, runs)
        imported = median_seconds(import_process, runs)
    print(f"startup (fresh process, median of {runs}):")
    print(f"  python -c pass                 {bare * 1000:8.1f} ms")
    print(
        f"  import factcheck.cli           {imported * 1000:8.1f} ms  ({imported / bare:.1f}x bare)"
    )
    print(
        f"  factcheck extract seed.txt     {startup * 1000:8.1f} ms  ({startup / bare:.1f}x bare)"
    )

    data = three_kb_article()
    text = data.decode("utf-8")
    extract_text(data, "3kb.txt", "sources/3kb.txt")
    search_dates(text, languages=["en"])
    ours_one = median_seconds(lambda: extract_text(data, "3kb.txt", "sources/3kb.txt"), runs)
    theirs_one = median_seconds(lambda: search_dates(text, languages=["en"]), runs)
    print(f"one {len(data):,}-byte article (median of {runs}, warm):")
    print(f"  factcheck extract (all of it)  {ours_one * 1000:8.2f} ms")
    print(f"  search_dates (dates only)      {theirs_one * 1000:8.2f} ms")
    print(f"  ratio (ours/search_dates)      {ours_one / theirs_one:8.2f}")


if __name__ == "__main__":
    main()
