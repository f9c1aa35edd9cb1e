"""Synthetic timelines for the benchmarks: N events, 5N claims, evidence, long texts, unicode.

Everything is generated from a seeded random source so two runs give the same bytes. The
source document is generated first; every event and claim is anchored into it (anchors
verify), dates cover every EDTF form the store reads, and the file is written through
factcheck.store so that `factcheck check` passes on it. All URLs are under example.org
(reserved for examples): nothing here pretends to be a real fact.

Usage: python -m tests.bench.generate N OUT.toml
"""

from __future__ import annotations

import hashlib
import random
import sys
from pathlib import Path

from factcheck import anchors, store
from factcheck.model import KINDS, STANCES, STATUSES, Claim, Event, Evidence, Source, Timeline

CLAIMS_PER_EVENT = 5

_WORDS = (
    "council",
    "budget",
    "police",
    "contract",
    "report",
    "vote",
    "hearing",
    "witness",
    "court",
    "judge",
    "election",
    "ballot",
    "county",
    "turnout",
    "mayor",
    "senator",
    "agency",
    "audit",
    "record",
    "statement",
    "spokesperson",
    "district",
    "school",
    "hospital",
    "funding",
    "policy",
    "tax",
    "million",
    "percent",
    "week",
    "official",
    "document",
    "lawsuit",
    "committee",
    "testimony",
    "evidence",
    "complaint",
    "investigation",
    "data",
    "survey",
)
_NAMES = (
    "Ana Ruiz",
    "José Álvarez",
    "Zoë Müller",
    "Łukasz Nowak",
    "Nguyễn Thị Lan",
    "김민준",
    "Αλέξανδρος Παπαδόπουλος",
    "Олена Коваленко",
    "محمد علي",
    "李伟",
    "Chloé Dubois",
    "Søren Havn",
    "Amara Okafor",
    "Priya Natarajan",
)
_ORGS = (
    "City Council",
    "Election Board",
    "Département de la Santé",
    "Öffentliche Verwaltung",
    "County Court",
    "Transit Authority",
    "Ministerio de Economía",
)
_FLOURISH = ("“quoted”", "— as reported —", "naïve", "façade", "€12 million", "±3 %", "日本", "🗳️")


def _sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(_WORDS) for _ in range(words)]
    if rng.random() < 0.3:
        chosen.insert(rng.randrange(len(chosen)), rng.choice(_FLOURISH))
    text = " ".join(chosen)
    return text[0].upper() + text[1:] + "."


def _date(rng: random.Random, index: int) -> tuple[str, str]:
    """An EDTF date of a varying precision, and the words that could have given it."""
    year = 2000 + index % 25
    month = 1 + (index // 25) % 12
    day = 1 + (index // 300) % 28
    form = rng.random()
    if form < 0.45:
        return f"{year}-{month:02d}-{day:02d}", "on that day"
    if form < 0.6:
        return f"{year}-{month:02d}", "that month"
    if form < 0.68:
        return f"{year}", "that year"
    if form < 0.78:
        end = min(day + 6, 28)
        return f"{year}-{month:02d}-{day:02d}/{year}-{month:02d}-{end:02d}", "last week"
    if form < 0.83:
        return f"../{year}-{month:02d}-{day:02d}", "before the report"
    if form < 0.88:
        return f"{year}-{month:02d}~", "around then"
    if form < 0.93:
        return f"{year}-{month:02d}-{day:02d}?", "reportedly"
    return "", ""


def build(count: int, seed: int = 7) -> tuple[Timeline, str]:
    """A timeline of `count` events and 5x as many claims, and its source document's text."""
    rng = random.Random(seed)
    parts: list[str] = ["Synthetic running timeline for benchmarks\n\n"]
    length = len(parts[0])
    spans: list[list[tuple[int, int]]] = []
    for _ in range(count):
        paragraph_spans = []
        for sentence_number in range(1 + CLAIMS_PER_EVENT):
            words = rng.randint(6, 22) if sentence_number else rng.randint(6, 14)
            sentence = _sentence(rng, words)
            paragraph_spans.append((length, length + len(sentence)))
            parts.append(sentence + " ")
            length += len(sentence) + 1
        parts.append("\n\n")
        length += 2
        spans.append(paragraph_spans)
    text = "".join(parts)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source = Source(
        id="article",
        file="sources/bench.txt",
        sha256=digest,
        title="Synthetic source document",
        published="2025-01-01",
        url="https://example.org/bench/source",
    )
    events: list[Event] = []
    claims: list[Claim] = []
    for index in range(count):
        event_id = f"event-{index:06d}"
        date, date_text = _date(rng, index)
        start, end = spans[index][0]
        events.append(
            Event(
                id=event_id,
                title=text[start:end][:120],
                date=date,
                date_text=date_text if date else "",
                summary=" ".join(_sentence(rng, 12) for _ in range(rng.randint(0, 4))),
                actors=tuple(rng.sample(_NAMES + _ORGS, rng.randint(0, 3))),
                anchor=anchors.make("article", text, start, end),
            )
        )
        for number in range(CLAIMS_PER_EVENT):
            start, end = spans[index][1 + number]
            claims.append(_claim(rng, f"claim-{index:06d}-{number}", event_id, text, start, end))
    timeline = Timeline(
        id=f"bench-{count}",
        title=f"Benchmark timeline, {count:,} events — ünïcödé",
        sources=(source,),
        events=tuple(events),
        claims=tuple(claims),
    )
    return timeline, text


def _claim(
    rng: random.Random, claim_id: str, event_id: str, text: str, start: int, end: int
) -> Claim:
    status = rng.choice(STATUSES) if rng.random() < 0.4 else "unverified"
    reviewed = status not in ("unverified", "in-progress")
    long_text = rng.random() < 0.03
    claim_text = text[start:end]
    if long_text:
        claim_text += " " + " ".join(_sentence(rng, 25) for _ in range(rng.randint(4, 12)))
    evidence: tuple[Evidence, ...] = ()
    if rng.random() < 0.3:
        evidence = tuple(
            Evidence(
                url=f"https://example.org/evidence/{claim_id}/{position}",
                title=_sentence(rng, 6),
                stance=rng.choice(STANCES),
                accessed="2025-03-14",
                note=_sentence(rng, 10) if rng.random() < 0.5 else "",
            )
            for position in range(rng.randint(1, 3))
        )
    return Claim(
        id=claim_id,
        event=event_id,
        claimant=rng.choice(_NAMES) if rng.random() < 0.8 else "",
        kind=rng.choice(KINDS),
        text=claim_text,
        status=status,
        verdict=_sentence(rng, 14) if reviewed else "",
        reviewed_by=rng.choice(_NAMES) if reviewed else "",
        reviewed_on="2025-03-15" if reviewed else "",
        notes=_sentence(rng, 20) if rng.random() < 0.2 else "",
        anchor=anchors.make("article", text, start, end),
        evidence=evidence,
    )


def write(count: int, path: Path, seed: int = 7) -> Path:
    """Generate and save the timeline at `path`, its source beside it in sources/bench.txt."""
    timeline, text = build(count, seed)
    source = path.parent / "sources" / "bench.txt"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(text.encode("utf-8"))
    store.save(path, timeline)
    return path


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m tests.bench.generate N OUT.toml")
    written = write(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"{written}: {written.stat().st_size:,} bytes")
