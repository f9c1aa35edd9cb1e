"""Interop benchmark (on demand): import N Fact Check Tools reviews, export N claims.

Usage: python -m tests.bench.bench_interop [N]   (default 20,000 reviews)
Prints seconds per step; not a test (no timing assertion anywhere in the suite).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from factcheck import store
from factcheck.interop import exporters, importer
from factcheck.model import Publisher

LABELS = ("False", "Pants on Fire!", "Mostly True", "Half True", "Misleading", "Four Pinocchios")


def api_document(count: int) -> dict[str, object]:
    return {
        "claims": [
            {
                "text": f"Claim {index}: the budget grew by {index % 97} percent",
                "claimant": f"Official {index % 50}",
                "claimDate": f"2020-{index % 12 + 1:02d}-{index % 28 + 1:02d}T00:00:00Z",
                "claimReview": [
                    {
                        "publisher": {"name": "Example Checker", "site": "checker.example.org"},
                        "url": f"https://checker.example.org/reviews/{index}",
                        "title": f"Review {index}",
                        "reviewDate": "2021-01-01T00:00:00Z",
                        "textualRating": LABELS[index % len(LABELS)],
                    }
                ],
            }
            for index in range(count)
        ]
    }


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reviews.json"
        path.write_text(json.dumps(api_document(count)), encoding="utf-8")
        size = path.stat().st_size
        started = time.perf_counter()
        result = importer.import_file(path)
        imported = time.perf_counter()
        text = store.dumps(result.timeline)
        dumped = time.perf_counter()
        print(f"{count:,} reviews, {size:,} bytes of JSON")
        print(f"import:  {imported - started:.2f} s ({len(result.timeline.claims):,} claims)")
        print(f"dump:    {dumped - imported:.2f} s ({len(text):,} bytes of TOML)")
        publisher = Publisher("Example Checker", "https://checker.example.org/")
        for fmt in exporters.FORMATS:
            begin = time.perf_counter()
            exporters.export(result.timeline, fmt, publisher=lambda: publisher)
            print(f"export {fmt}: {time.perf_counter() - begin:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
