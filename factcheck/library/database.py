"""The library file: SQLite with an FTS5 index, WAL, and a schema version with migrations.

One Library object holds one connection guarded by a lock, so the explorer can call
`match` from a worker thread while the main thread reads stats. Each file is added in one
transaction: a file that fails adds nothing. The FTS5 index is an external-content index
kept in step by `add` and `remove_source` in bulk (triggers, row by row, made adding 20,000
reviews four times slower). They also drop the re-ranker's cached vector of a review that is
removed or whose claim or headline changes; `add` never computes one (that is `rerank`'s job).
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import attrs

from factcheck.library import query
from factcheck.library.sources import Record

#: Schema migrations: MIGRATIONS[n] takes a library from version n to n + 1.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL DEFAULT '',
        claim TEXT NOT NULL,
        claimant TEXT NOT NULL DEFAULT '',
        rating TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT '',
        publisher TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        headline TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        added TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX reviews_source ON reviews(source);
    CREATE VIRTUAL TABLE reviews_index USING fts5(
        claim, headline, claimant,
        content='reviews', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    );
    """,
    # 2: the re-ranker's review vectors (`match --rerank`, `library embed`), by model.
    """
    CREATE TABLE review_vectors (
        review INTEGER NOT NULL,
        model TEXT NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (review, model)
    ) WITHOUT ROWID;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
#: bm25 weights of the indexed columns: the claim says what was checked, the headline
#: often says it again in other words (as good a match on the CheckThat! training tweets:
#: headline weights 0.3, 0.6, 1.0 scored MAP@5 0.818, 0.830, 0.832), the claimant is a name.
COLUMN_WEIGHTS = (1.0, 1.0, 0.3)
_FIELDS = ("url", "claim", "claimant", "rating", "status", "publisher", "date", "headline",
           "language")  # fmt: skip
_BATCH = 500
_INDEXED = "claim, headline, claimant"


class LibraryError(Exception):
    """The library cannot be opened or used; the message says why and names the file."""


class LibraryMissing(LibraryError):
    """No library at that path yet (`factcheck library add` makes one)."""


@attrs.frozen
class Match:
    """One previously published fact-check close to a query."""

    url: str
    claim: str
    rating: str
    status: str
    publisher: str
    date: str
    headline: str
    claimant: str
    language: str
    score: float
    #: The review's row in its library (keys the re-ranker's cached vectors).
    review_id: int = attrs.field(default=0, eq=False, repr=False)

    def as_json(self) -> dict[str, object]:
        return {"url": self.url, "claim": self.claim, "rating": self.rating,
                "publisher": self.publisher, "date": self.date,
                "score": round(self.score, 4)}  # fmt: skip


@attrs.frozen
class Added:
    added: int  # new reviews
    updated: int  # reviews already in the library (same URL), replaced


@attrs.frozen
class Stats:
    reviews: int
    sources: tuple[tuple[str, int], ...]  # (file, reviews) largest first
    publishers: tuple[tuple[str, int], ...]
    ratings: tuple[tuple[str, int], ...]  # by our status
    vectors: tuple[tuple[str, int], ...]  # the re-ranker's kept vectors, by model
    schema: int
    path: str


class Library:
    """A library file, open. Use `Library.open(path)`; close it (or use `with`)."""

    def __init__(self, connection: sqlite3.Connection, path: Path):
        self._connection = connection
        self._lock = threading.Lock()
        self.path = path

    @classmethod
    def open(cls, path: Path | str, create: bool = False) -> Library:
        """Open the library at `path`; LibraryMissing if absent and `create` is False."""
        path = Path(path)
        name = str(path)
        if not create and not path.exists():
            raise LibraryMissing(f"{name}: no library yet; make one with `factcheck library add`")
        if path.is_dir():
            raise LibraryError(f"{name}: is a folder, not a library file")
        try:
            if create:
                path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise LibraryError(f"{name}: cannot open: {error}") from None
        try:
            _migrate(connection, name)
        except sqlite3.OperationalError as error:  # locked by a writer, read-only folder...
            connection.close()
            raise LibraryError(f"{name}: cannot open: {error}") from None
        except sqlite3.DatabaseError as error:
            connection.close()
            raise LibraryError(f"{name}: not a library file this tool reads ({error})") from None
        except LibraryError:
            connection.close()
            raise
        return cls(connection, path)

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    @contextmanager
    def _using(self) -> Iterator[sqlite3.Connection]:
        """The connection, for one caller at a time; SQLite errors become LibraryError."""
        with self._lock:
            try:
                yield self._connection
            except sqlite3.Error as error:
                raise LibraryError(f"{self.path}: {error}") from error

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """`_using`, in one write transaction: committed when the block ends, else rolled
        back (all or nothing)."""
        with self._using() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:  # SQLite may have rolled back already (disk full)
                    db.execute("ROLLBACK")
                raise

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ---------------------------------------------------------------------------

    def add(
        self,
        records: Sequence[Record],
        source: str,
        progress: Callable[[int], None] | None = None,
    ) -> Added:
        """Add or update records in one transaction (all or nothing); the last of a key wins."""
        unique = list({record.key: record for record in records}.values())
        added = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        with self._writing() as db:
            last_id = db.execute("SELECT coalesce(max(id), 0) FROM reviews").fetchone()[0]
            updated: list[int] = []
            for start in range(0, len(unique), _BATCH):
                batch = unique[start : start + _BATCH]
                replaced = self._unindex(
                    "key IN (" + ", ".join("?" * len(batch)) + ")",
                    [record.key for record in batch],
                )
                updated += [row_id for row_id, *_ in replaced]
                by_key = {record.key: record for record in batch}
                db.executemany(
                    "DELETE FROM review_vectors WHERE review = ?",
                    [(row_id,) for row_id, key, claim, headline in replaced
                     if (claim, headline) != (by_key[key].claim, by_key[key].headline)],
                )  # fmt: skip
                db.executemany(
                    "INSERT INTO reviews (key, url, claim, claimant, rating, status, "
                    "publisher, date, headline, language, source, added) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE "
                    "SET url = excluded.url, claim = excluded.claim, "
                    "claimant = excluded.claimant, rating = excluded.rating, "
                    "status = excluded.status, publisher = excluded.publisher, "
                    "date = excluded.date, headline = excluded.headline, "
                    "language = excluded.language, source = excluded.source, "
                    "added = excluded.added",
                    [(r.key, r.url, r.claim, r.claimant, r.rating, r.status, r.publisher,
                      r.date, r.headline, r.language, source, added) for r in batch],
                )  # fmt: skip
                if progress:
                    progress(len(batch))
            db.execute(
                f"INSERT INTO reviews_index (rowid, {_INDEXED}) "
                f"SELECT id, {_INDEXED} FROM reviews WHERE id > ?",
                (last_id,),
            )
            db.executemany(
                f"INSERT INTO reviews_index (rowid, {_INDEXED}) "
                f"SELECT id, {_INDEXED} FROM reviews WHERE id = ?",
                [(row_id,) for row_id in updated],
            )
        return Added(added=len(unique) - len(updated), updated=len(updated))

    def _unindex(self, where: str, parameters: Sequence[object]) -> list[tuple[int, str, str, str]]:
        """Take the reviews selected by `where` out of the FTS5 index.

        Returns their (id, key, claim, headline).
        """
        rows = self._connection.execute(
            f"SELECT id, key, {_INDEXED} FROM reviews WHERE {where}", parameters
        ).fetchall()
        self._connection.executemany(
            f"INSERT INTO reviews_index (reviews_index, rowid, {_INDEXED}) "
            "VALUES ('delete', ?, ?, ?, ?)",
            [(row_id, *indexed) for row_id, _, *indexed in rows],
        )
        return [(row_id, key, claim, headline) for row_id, key, claim, headline, _ in rows]

    def remove_source(self, source: str) -> int:
        """Remove every review last added from `source`; how many were removed."""
        with self._writing() as db:
            removed_ids = [row[0] for row in self._unindex("source = ?", (source,))]
            db.executemany(
                "DELETE FROM review_vectors WHERE review = ?", [(i,) for i in removed_ids]
            )
            removed = db.execute("DELETE FROM reviews WHERE source = ?", (source,)).rowcount
        return int(removed)

    # --- reading ---------------------------------------------------------------------------

    def stats(self, top: int = 10) -> Stats:
        with self._using():
            db = self._connection

            def counts(column: str) -> tuple[tuple[str, int], ...]:
                rows = db.execute(
                    f"SELECT {column}, count(*) AS n FROM reviews GROUP BY {column} "
                    "ORDER BY n DESC, 1 LIMIT ?",
                    (top,),
                ).fetchall()
                return tuple((str(value), int(n)) for value, n in rows)

            total = db.execute("SELECT count(*) FROM reviews").fetchone()[0]
            return Stats(
                reviews=int(total),
                sources=counts("source"),
                publishers=counts("publisher"),
                ratings=counts("status"),
                vectors=tuple(
                    (str(model), int(n))
                    for model, n in db.execute(
                        "SELECT model, count(*) FROM review_vectors GROUP BY model ORDER BY model"
                    )
                ),
                schema=int(db.execute("PRAGMA user_version").fetchone()[0]),
                path=str(self.path),
            )

    def match(self, text: str, top: int = 5) -> list[Match]:
        """The `top` published fact-checks closest to `text`, best first.

        Safe on any text (it never reaches FTS5 as syntax) and from any thread. The score
        is FTS5's BM25 (higher is closer); equal scores go to the review added first.
        """
        expression = query.fts_query(text)
        if not expression or top < 1:
            return []
        weights = ", ".join(str(weight) for weight in COLUMN_WEIGHTS)
        # Ranked in the index first, then only the top rows are read: joining every
        # matching review before sorting took twice as long (a tweet matches ~1,000).
        with self._using():
            rows = self._connection.execute(
                f"SELECT reviews.{', reviews.'.join(_FIELDS)}, top.score, reviews.id FROM ("
                f"SELECT rowid, -bm25(reviews_index, {weights}) AS score FROM reviews_index "
                "WHERE reviews_index MATCH ? ORDER BY score DESC, rowid LIMIT ?"
                ") AS top JOIN reviews ON reviews.id = top.rowid "
                "ORDER BY top.score DESC, reviews.id",
                (expression, top),
            ).fetchall()
        return [
            Match(**dict(zip(_FIELDS, row, strict=False)), score=row[-2], review_id=row[-1])
            for row in rows
        ]

    # --- the re-ranker's vectors (factcheck.library.rerank) --------------------------------

    def vectors(self, model: str, review_ids: Sequence[int]) -> dict[int, bytes]:
        """The cached vectors of these reviews for `model` (those that have one)."""
        if not review_ids:
            return {}
        marks = ", ".join("?" * len(review_ids))
        with self._using():
            rows = self._connection.execute(
                "SELECT review, vector FROM review_vectors "
                f"WHERE model = ? AND review IN ({marks})",
                (model, *review_ids),
            ).fetchall()
        return {int(review): bytes(vector) for review, vector in rows}

    def store_vectors(self, model: str, vectors: Sequence[tuple[int, str, str, bytes]]) -> None:
        """Keep (review id, claim, headline, vector)s for `model` in one transaction.

        A vector is kept only if its review still has that claim and headline: a review
        removed or changed by another process meanwhile gets none.
        """
        with self._writing() as db:
            db.executemany(
                "INSERT OR REPLACE INTO review_vectors (review, model, vector) "
                "SELECT id, ?, ? FROM reviews WHERE id = ? AND claim = ? AND headline = ?",
                [
                    (model, vector, review_id, claim, headline)
                    for review_id, claim, headline, vector in vectors
                ],
            )

    def without_vector(self, model: str) -> list[tuple[int, str, str]]:
        """(id, claim, headline) of every review with no vector for `model` yet, by id."""
        with self._using():
            rows = self._connection.execute(
                "SELECT id, claim, headline FROM reviews WHERE id NOT IN "
                "(SELECT review FROM review_vectors WHERE model = ?) ORDER BY id",
                (model,),
            ).fetchall()
        return [(int(row_id), claim, headline) for row_id, claim, headline in rows]


def _migrate(connection: sqlite3.Connection, name: str) -> None:
    """Bring a library up to SCHEMA_VERSION, one migration per transaction."""
    connection.execute("PRAGMA busy_timeout = 5000")
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise LibraryError(
            f"{name}: library schema version {version} is newer than this factcheck "
            f"reads ({SCHEMA_VERSION}); upgrade factcheck"
        )
    if version == 0 and connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise LibraryError(f"{name}: an SQLite file of something else, not a library; left as is")
    if version < SCHEMA_VERSION:
        connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    while version < SCHEMA_VERSION:
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[version]):
                connection.execute(statement)
            version += 1
            connection.execute(f"PRAGMA user_version = {version}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """The statements of a migration script (executescript would commit on its own)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [statement for statement in statements if statement]


def default_path() -> Path:
    """FACTCHECK_LIBRARY, else library.sqlite in the user's data folder."""
    chosen = os.environ.get("FACTCHECK_LIBRARY")
    if chosen:
        return Path(chosen)
    from platformdirs import user_data_path

    return user_data_path("factcheck", appauthor=False) / "library.sqlite"
