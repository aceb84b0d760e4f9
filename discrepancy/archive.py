"""The claim archive: every article checked before, in one SQLite file a user can copy.

- WAL mode; each article is added in its own `BEGIN IMMEDIATE` transaction, so
  a run killed half-way leaves whole articles only, and two processes adding
  at once wait for each other (busy timeout) instead of failing or corrupting.
  `add_many` loads a corpus in transactions of 10,000 articles (whole batches).
- An article is identified by its id and the hash of its text: the same text
  again is a no-op; a changed text under the same id becomes a new version,
  and the old version's claims stay in the file, marked superseded.
- Checking new articles loads only the archived claims that share a key
  (quantity, event, unit) with a new claim: an index serves that query, so
  the cost follows the size of the candidate groups, not of the archive.
- Opening checks every file quickly: its header (an SQLite file whose size
  matches the page count its header gives, so a copy cut short is refused),
  schema and meta table. Every page is read on opening only up to
  FULL_CHECK_BYTES (a small file, a tenth of a second), else on demand:
  `check()` (`discrepancy archive check`). README, the archive section.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .models import CLAIM_COLUMNS, Article, Claim, as_of_span

SCHEMA_VERSION = "3"  # 3: claims carry place and scope_note
_CLAIM_FIELDS = tuple(c for c in CLAIM_COLUMNS if c not in ("claim_id", "article_id"))
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
    rowid INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    outlet TEXT, url TEXT, published TEXT, title TEXT, source TEXT,
    ingested_at TEXT NOT NULL,
    backend TEXT NOT NULL,
    rules_version TEXT NOT NULL,
    n_claims INTEGER NOT NULL,
    current INTEGER NOT NULL DEFAULT 1,
    UNIQUE (article_id, version)
);
CREATE INDEX IF NOT EXISTS articles_current ON articles (article_id, current);
-- checking new articles counts the archived ones read with other rules (a note in the summary)
CREATE INDEX IF NOT EXISTS articles_rules ON articles (rules_version, current);
CREATE TABLE IF NOT EXISTS claims (
    rowid INTEGER PRIMARY KEY,
    article_rowid INTEGER NOT NULL REFERENCES articles (rowid),
    claim_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    {", ".join(f"{c}" for c in _CLAIM_FIELDS)},
    rounding REAL,
    context TEXT,
    current INTEGER NOT NULL DEFAULT 1,
    figure INTEGER NOT NULL REFERENCES figures (rowid)
);
CREATE INDEX IF NOT EXISTS claims_article ON claims (article_rowid);
-- re-archiving a changed article looks its old claims up by article id
CREATE INDEX IF NOT EXISTS claims_article_id ON claims (article_id, current);
CREATE INDEX IF NOT EXISTS claims_figure ON claims (figure, current);
-- One row per distinct figure (what rules read: key, value, hedge, interval, source,
-- date, modality) with how many current claims state it: the rules compare these,
-- so checking a new article reads thousands of rows, not the whole archive.
CREATE TABLE IF NOT EXISTS figures (
    rowid INTEGER PRIMARY KEY,
    signature TEXT NOT NULL UNIQUE,
    quantity TEXT, event TEXT, unit TEXT,
    n INTEGER NOT NULL,
    rep INTEGER
);
CREATE INDEX IF NOT EXISTS figures_key ON figures (quantity, event, unit, n);
"""


# Opening an archive reads every page (PRAGMA quick_check) up to this size, about 3,000 articles (a
# tenth of a second); a bigger one gets the header, size and schema checks (reading every page costs
# half a second to a second per 100 MB quiet: 0.8-3.4 s at 40,000 articles, 22-54 s at 1,000,000), and `discrepancy
# archive check` reads every page (README, the archive).
FULL_CHECK_BYTES = 16 * 2**20


def _header_problems(path: Path, size: int) -> list[str]:
    """What the file's 100-byte header says is wrong with it (empty: nothing).

    The header gives the page size and, when its "version-valid-for" number equals
    its change counter, the page count (the SQLite file format, section 1.3): a copy
    cut short, or not a whole number of pages, is found without reading a page more.
    Pages written since the last checkpoint are in the WAL file, not counted in the
    header, so only a file shorter than the count its header vouches for is refused."""
    if size == 0:
        return []
    with path.open("rb") as f:
        head = f.read(100)
    if len(head) < 100 or not head.startswith(b"SQLite format 3\x00"):
        return []  # SQLite's own reading of the file says what it is
    page = int.from_bytes(head[16:18], "big")
    page = 65536 if page == 1 else page
    pages = int.from_bytes(head[28:32], "big")
    valid = head[24:28] == head[92:96]
    if size % page:
        return [f"the file ({size} bytes) is not a whole number of {page}-byte pages"]
    if valid and size < pages * page:
        return [f"the file holds {size // page} pages, its header counts {pages}: cut short"]
    return []


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ArchiveError(Exception):
    """The file is not a readable archive (or is from another version)."""


class Archive:
    """A claim archive file. Open with `Archive(path)`; close with `.close()` or `with`.

    Before anything is written, the file is checked: another program's SQLite
    file (tables but no discrepancy `meta`) and a damaged file (`PRAGMA
    quick_check`) are refused with an ArchiveError and left as they were.
    `readonly=True` (list, export) opens the file read-only, so an archive on a
    read-only disk or without write permission can still be read.
    """

    def __init__(self, path: str | Path, timeout: float = 60.0, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        self.db = self._connect(timeout)
        try:
            self._check()
            if not readonly:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")  # a killed process loses nothing committed
                self.db.execute("PRAGMA foreign_keys=ON")
                self.db.executescript(_SCHEMA)
                self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
            version = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.OperationalError as e:
            self.db.close()
            if "readonly" in str(e) or "read-only" in str(e):
                raise ArchiveError(f"{self.path}: the archive is read-only ({e}); list and export can read it, "
                                   "adding needs write permission") from None
            raise ArchiveError(f"{self.path}: cannot use the archive ({e})") from None
        except sqlite3.DatabaseError as e:
            self.db.close()
            if "malformed" in str(e) or "corrupt" in str(e):
                raise ArchiveError(f"{self.path}: the archive is damaged ({e}); nothing was written to it: "
                                   "restore a copy") from None
            raise ArchiveError(f"{self.path}: not a discrepancy archive ({e})") from None
        except ArchiveError:
            self.db.close()
            raise
        self.repeats: dict[str, int] = {}  # claim id of a representative -> claims stating its figure
        if version is None or version[0] != SCHEMA_VERSION:
            self.db.close()
            raise ArchiveError(f"{self.path}: archive schema {version[0] if version else 'unknown'}, "
                               f"this version reads {SCHEMA_VERSION}")

    def _connect(self, timeout: float) -> sqlite3.Connection:
        try:
            if not self.readonly:
                return sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None)
            uri = self.path.resolve().as_uri()
            db = sqlite3.connect(f"{uri}?mode=ro", timeout=timeout, isolation_level=None, uri=True)
            try:
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return db
            except sqlite3.OperationalError:
                # a WAL file whose folder cannot be written: read it as an immutable snapshot
                db.close()
                return sqlite3.connect(f"{uri}?immutable=1", timeout=timeout, isolation_level=None, uri=True)
        except sqlite3.DatabaseError as e:
            raise ArchiveError(f"{self.path}: cannot open ({e})") from None

    def _check(self) -> None:
        """Refuse, before writing anything, a file that is not an archive or is damaged."""
        size = self.path.stat().st_size if self.path.exists() else 0
        self._refuse_if_damaged("header", _header_problems(self.path, size))
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and ("meta" not in tables or "claims" not in tables or "articles" not in tables):
            shown = ", ".join(sorted(tables)[:8]) + (", ..." if len(tables) > 8 else "")
            raise ArchiveError(f"{self.path}: not a discrepancy archive (an SQLite file with tables {shown}); "
                               "nothing was written to it")
        if not tables and self.readonly:
            raise ArchiveError(f"{self.path}: an empty file, not a discrepancy archive")
        # every page up to FULL_CHECK_BYTES; past that the header, size and schema (read above) and
        # the meta table, and `discrepancy archive check` reads every page
        self._refuse_if_damaged("quick_check", [r[0] for r in self.db.execute("PRAGMA quick_check(3)" if size <= FULL_CHECK_BYTES
                                                               else "PRAGMA quick_check(meta)")])

    def _refuse_if_damaged(self, check: str, result: list[str]) -> None:
        if result and result != ["ok"]:
            problem = f"{check}: {' '.join(result).replace(chr(10), ' ')[:200]}"
            raise ArchiveError(f"{self.path}: the archive is damaged ({problem}); "
                               "nothing was written to it: restore a copy, or export what can be read "
                               "with sqlite3's .recover")

    def check(self) -> list[str]:
        """Every page of the file (`PRAGMA quick_check`): ["ok"], or what is wrong (at most 20 lines)."""
        return [r[0] for r in self.db.execute("PRAGMA quick_check(20)")]

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # ------------------------------------------------------------------ writing
    def status(self, article: Article) -> str:
        """'new', 'unchanged' or 'changed' for an article about to be added."""
        row = self.db.execute(
            "SELECT content_hash FROM articles WHERE article_id=? AND current=1", (article.id,)
        ).fetchone()
        if row is None:
            return "new"
        return "unchanged" if row[0] == content_hash(article.text) else "changed"

    def add(self, article: Article, claims: Sequence[Claim], backend: str, rules_version: str) -> str:
        """Add one article and its claims in one transaction; returns what happened."""
        cur = self.db.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            what = self._add(cur, article, claims, backend, rules_version)
            cur.execute("ROLLBACK" if what == "unchanged" else "COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        return what

    def _add(self, cur: sqlite3.Cursor, article: Article, claims: Sequence[Claim], backend: str,
             rules_version: str) -> str:
        """`add` inside a transaction the caller holds."""
        digest = content_hash(article.text)
        row = cur.execute(
            "SELECT rowid, version, content_hash FROM articles WHERE article_id=? ORDER BY version DESC LIMIT 1",
            (article.id,),
        ).fetchone()
        if row is not None and row[2] == digest:
            return "unchanged"
        version = 1 if row is None else row[1] + 1
        if row is not None:  # the old version stays, traceable, but no longer current
            cur.execute("UPDATE articles SET current=0 WHERE article_id=?", (article.id,))
            old = [r[0] for r in cur.execute("SELECT figure FROM claims WHERE article_id=? AND current=1", (article.id,))]
            cur.execute("UPDATE claims SET current=0 WHERE article_id=?", (article.id,))
            for fig in old:
                cur.execute("UPDATE figures SET n=n-1, rep=(SELECT MIN(rowid) FROM claims WHERE figure=? AND current=1)"
                            " WHERE rowid=?", (fig, fig))
        cur.execute(
            "INSERT INTO articles (article_id, version, content_hash, outlet, url, published, title, source,"
            " ingested_at, backend, rules_version, n_claims) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            _article_row(article, digest, version, backend, rules_version, len(claims)),
        )
        art_rowid = cur.lastrowid
        for c in claims:
            sig = _signature(c)
            cur.execute(
                "INSERT INTO figures (signature, quantity, event, unit, n) VALUES (?,?,?,?,1)"
                " ON CONFLICT (signature) DO UPDATE SET n=n+1",
                (sig, c.quantity, c.event, c.unit),
            )
            fig = cur.execute("SELECT rowid FROM figures WHERE signature=?", (sig,)).fetchone()[0]
            cur.execute(_INSERT_CLAIM, (None, art_rowid, *_claim_row(c), fig))
            cur.execute("UPDATE figures SET rep=COALESCE(rep, ?) WHERE rowid=?", (cur.lastrowid, fig))
        return "added" if version == 1 else "new version"

    def add_many(self, items: Iterable[tuple[Article, Sequence[Claim]]], backend: str, rules_version: str,
                 batch: int = 10_000) -> dict[str, int]:
        """Add many articles fast: one transaction per `batch` articles, rows written with
        `executemany`. What is stored is what `add` would store, article by article (an
        unchanged text is a no-op, a changed one a new version); a run killed half-way
        leaves whole batches. For loading a corpus into an archive; `add` keeps the lock
        for one article only, which suits runs that share the archive."""
        outcomes: dict[str, int] = {}
        figures: dict[str, int] = {}  # signature -> rowid; figures are never deleted, so this stays true
        chunk: list[tuple[Article, Sequence[Claim]]] = []
        cache = self.db.execute("PRAGMA cache_size").fetchone()[0]
        self.db.execute("PRAGMA cache_size=-262144")  # 256 MB of pages: the indexes stay in memory while they grow
        try:
            for item in items:
                chunk.append(item)
                if len(chunk) >= batch:
                    self._add_batch(chunk, backend, rules_version, figures, outcomes)
                    chunk = []
            if chunk:
                self._add_batch(chunk, backend, rules_version, figures, outcomes)
        finally:
            self.db.execute(f"PRAGMA cache_size={int(cache)}")
        return outcomes

    def _add_batch(self, items: list[tuple[Article, Sequence[Claim]]], backend: str, rules_version: str,
                   figures: dict[str, int], outcomes: dict[str, int]) -> None:
        cur = self.db.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            ids = list({a.id for a, _ in items})
            known = set()
            for k in range(0, len(ids), 500):
                part = ids[k : k + 500]
                known.update(r[0] for r in cur.execute(
                    f"SELECT DISTINCT article_id FROM articles WHERE article_id IN ({','.join('?' * len(part))})", part))
            pending: list[tuple[Article, Sequence[Claim]]] = []
            for a, claims in items:
                if a.id in known:  # archived before (or earlier in this batch): the article by article path
                    self._write_new(cur, pending, backend, rules_version, figures)
                    pending = []
                    what = self._add(cur, a, claims, backend, rules_version)
                else:
                    known.add(a.id)
                    pending.append((a, claims))
                    what = "added"
                outcomes[what] = outcomes.get(what, 0) + 1
            self._write_new(cur, pending, backend, rules_version, figures)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def _write_new(self, cur: sqlite3.Cursor, items: list[tuple[Article, Sequence[Claim]]], backend: str,
                   rules_version: str, figures: dict[str, int]) -> None:
        """Articles never archived before, with their claims, in bulk (inside the caller's transaction)."""
        if not items:
            return
        art_base = cur.execute("SELECT COALESCE(MAX(rowid), 0) FROM articles").fetchone()[0] + 1
        claim_base = cur.execute("SELECT COALESCE(MAX(rowid), 0) FROM claims").fetchone()[0] + 1
        sigs = [[_signature(c) for c in claims] for _, claims in items]
        unseen = list({s for row in sigs for s in row if s not in figures})
        for k in range(0, len(unseen), 500):
            part = unseen[k : k + 500]
            figures.update(cur.execute(
                f"SELECT signature, rowid FROM figures WHERE signature IN ({','.join('?' * len(part))})", part))
        fig_base = cur.execute("SELECT COALESCE(MAX(rowid), 0) FROM figures").fetchone()[0] + 1
        new_figures = []
        for (_, claims), row in zip(items, sigs, strict=True):
            for c, s in zip(claims, row, strict=True):
                if s not in figures:
                    figures[s] = fig_base + len(new_figures)
                    new_figures.append((figures[s], s, c.quantity, c.event, c.unit))
        cur.executemany("INSERT INTO figures (rowid, signature, quantity, event, unit, n) VALUES (?,?,?,?,?,0)",
                        new_figures)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        cur.executemany(
            "INSERT INTO articles (rowid, article_id, version, content_hash, outlet, url, published, title, source,"
            " ingested_at, backend, rules_version, n_claims) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            ((art_base + i, *_article_row(a, content_hash(a.text), 1, backend, rules_version, len(claims), now))
             for i, (a, claims) in enumerate(items)),
        )
        counts: dict[int, int] = {}
        first: dict[int, int] = {}
        rows = []
        rowid = claim_base
        for i, ((_, claims), row) in enumerate(zip(items, sigs, strict=True)):
            for c, s in zip(claims, row, strict=True):
                fig = figures[s]
                counts[fig] = counts.get(fig, 0) + 1
                first.setdefault(fig, rowid)
                rows.append((rowid, art_base + i, *_claim_row(c), fig))
                rowid += 1
        cur.executemany(_INSERT_CLAIM, rows)
        cur.executemany("UPDATE figures SET n=n+?, rep=COALESCE(rep, ?) WHERE rowid=?",
                        [(n, first[fig], fig) for fig, n in counts.items()])

    def add_all(self, articles: Sequence[Article], claims: Sequence[Claim], backend: str, rules_version: str,
                only: set[str] | None = None) -> dict[str, int]:
        """Add articles with their claims (still one transaction each); counts of what happened."""
        by_article: dict[str, list[Claim]] = {a.id: [] for a in articles}
        for c in claims:
            by_article.setdefault(c.article_id, []).append(c)
        outcomes: dict[str, int] = {}
        for a in articles:
            if only is None or a.id in only:
                what = self.add(a, by_article[a.id], backend, rules_version)
                outcomes[what] = outcomes.get(what, 0) + 1
        return outcomes

    # ------------------------------------------------------------------ reading
    def candidates(self, keys: Iterable[tuple[str, str, str]], exclude_articles: Iterable[str] = ()) -> list[Claim]:
        """One representative claim per distinct figure among current claims whose
        (quantity, event, unit) is among `keys`: the rules see every figure once,
        not every repetition of it. `expand()` gives back all the claims it stands for."""
        exclude = set(exclude_articles)
        out: list[Claim] = []
        for q, e, u in sorted(set(keys)):
            rows = self.db.execute(
                f"SELECT c.claim_id, c.article_id, {', '.join('c.' + f for f in _CLAIM_FIELDS)}, c.rounding, c.context, f.n"
                " FROM figures f JOIN claims c ON c.rowid = f.rep"
                " WHERE f.quantity=? AND f.event=? AND f.unit=? AND f.n > 0",
                (q, e, u),
            )
            for row in rows:
                c = _claim_from_row(row[:-1])
                self.repeats[c.claim_id] = row[-1]
                if exclude and c.article_id in exclude:  # the representative is being replaced: take another
                    c = next((x for x in self.expand(c) if x.article_id not in exclude), None)
                if c is not None:
                    out.append(c)
        return out

    def expand(self, rep: Claim, exclude_articles: Iterable[str] = ()) -> list[Claim]:
        """Every current claim that states the same figure as `rep`."""
        exclude = set(exclude_articles)
        rows = self.db.execute(
            f"SELECT claim_id, article_id, {', '.join(_CLAIM_FIELDS)}, rounding, context FROM claims"
            " WHERE figure = (SELECT rowid FROM figures WHERE signature=?) AND current=1 ORDER BY rowid",
            (_signature(rep),),
        )
        return [c for c in map(_claim_from_row, rows) if c.article_id not in exclude]

    def claims(self, all_versions: bool = False) -> list[Claim]:
        where = "" if all_versions else " WHERE current=1"
        rows = self.db.execute(
            f"SELECT claim_id, article_id, {', '.join(_CLAIM_FIELDS)}, rounding, context FROM claims{where} ORDER BY rowid"
        )
        return [_claim_from_row(r) for r in rows]

    def claims_frame(self, all_versions: bool = False) -> pd.DataFrame:
        from .report import claims_frame

        return claims_frame(self.claims(all_versions))

    def articles_frame(self) -> pd.DataFrame:
        return pd.read_sql_query(
            "SELECT article_id, version, current, outlet, published, url, n_claims AS claims, backend, rules_version,"
            " ingested_at, content_hash FROM articles ORDER BY article_id, version",
            self.db,
        )

    BROWSE_FIELDS = ("quantity", "place", "attribution", "outlet")

    def browse(self, since: date | None = None, until: date | None = None, limit: int = 200,
               **equal: str) -> tuple[list[Claim], int]:
        """Current claims whose `BROWSE_FIELDS` equal the values given (empty: any), dated
        (`as_of`, else `published`) within [since, until]; the newest first, at most
        `limit`, and how many match in all (the page of `discrepancy serve`)."""
        where, args = ["current=1"], []
        for f, v in equal.items():
            if f not in self.BROWSE_FIELDS:
                raise ValueError(f"cannot browse by {f}; by {', '.join(self.BROWSE_FIELDS)}")
            if v:
                where.append(f"{f}=?")
                args.append(v)
        for op, d in ((">=", since), ("<=", until)):
            if d:
                where.append(f"COALESCE(as_of, published) {op} ?")
                args.append(d.isoformat())
        cond = " AND ".join(where)
        total = self.db.execute(f"SELECT COUNT(*) FROM claims WHERE {cond}", args).fetchone()[0]
        rows = self.db.execute(
            f"SELECT claim_id, article_id, {', '.join(_CLAIM_FIELDS)}, rounding, context FROM claims WHERE {cond}"
            " ORDER BY COALESCE(as_of, published) DESC, rowid LIMIT ?", [*args, int(limit)])
        return [_claim_from_row(r) for r in rows], total

    def facets(self) -> dict[str, list[tuple[str, int]]]:
        """Per `BROWSE_FIELDS` field, its values among current claims with their counts, most first."""
        return {f: self.db.execute(f"SELECT {f}, COUNT(*) AS n FROM claims WHERE current=1 AND {f} != ''"
                                   f" GROUP BY {f} ORDER BY n DESC, {f}").fetchall() for f in self.BROWSE_FIELDS}

    def rules_versions(self) -> dict[str, int]:
        """Current articles per version of rules/ they were read with (`Lexicon.version`)."""
        rows = self.db.execute("SELECT rules_version, COUNT(*) FROM articles WHERE current=1 GROUP BY rules_version")
        return dict(rows.fetchall())

    def read_with_other_rules(self, version: str) -> int:
        """Current articles read with another version of rules/ than `version`: two index ranges,
        so the cost follows their number, not the archive's size."""
        return self.db.execute(
            "SELECT COUNT(*) FROM articles WHERE (rules_version < ? OR rules_version > ?) AND current=1",
            (version, version),
        ).fetchone()[0]

    def counts(self) -> tuple[int, int]:
        a = self.db.execute("SELECT COUNT(*) FROM articles WHERE current=1").fetchone()[0]
        c = self.db.execute("SELECT COUNT(*) FROM claims WHERE current=1").fetchone()[0]
        return a, c


# what rule metrics read of a claim: claims alike in these are one figure
_SIGNATURE = ("quantity", "population", "event", "place", "unit", "value", "hedge", "low", "high", "attribution", "as_of", "modality")


def _signature(c: Claim) -> str:
    parts = [_to_sql(getattr(c, f)) for f in _SIGNATURE]
    span = as_of_span(c)
    if span is not None and span[0] != span[1]:
        # a figure dated to a month or a year is not the one of its first day (rules compare the
        # whole period); a day's figure keeps the signature it always had
        parts.append(span[1].isoformat())
    return json.dumps(parts, ensure_ascii=False)


_INSERT_CLAIM = (
    f"INSERT INTO claims (rowid, article_rowid, claim_id, article_id, {', '.join(_CLAIM_FIELDS)}, rounding, context, figure)"
    f" VALUES ({', '.join('?' * (len(_CLAIM_FIELDS) + 7))})"
)


def _claim_row(c: Claim) -> tuple:
    """claim_id ... context, as the claims table holds them."""
    return (c.claim_id, c.article_id, *(_to_sql(getattr(c, f)) for f in _CLAIM_FIELDS), c.rounding, c.context)


def _article_row(a: Article, digest: str, version: int, backend: str, rules_version: str, n_claims: int,
                 now: str | None = None) -> tuple:
    return (a.id, version, digest, a.outlet, a.url, _iso(a.published), a.title, a.source,
            now or datetime.now(UTC).isoformat(timespec="seconds"), backend, rules_version, n_claims)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _to_sql(v: object) -> object:
    return v.isoformat() if isinstance(v, date) else v


# positions in a claims row (claim_id, article_id, *_CLAIM_FIELDS, rounding, context): the order of
# Claim's own fields, so a row becomes a Claim positionally
_ROW = ("claim_id", "article_id", *_CLAIM_FIELDS, "rounding", "context")
_DATES = tuple(_ROW.index(f) for f in ("published", "as_of"))
_DATE_VALUES = tuple(_ROW.index(f) for f in ("value", "low", "high"))
_UNIT = _ROW.index("unit")
if _ROW != tuple(f.name for f in fields(Claim)):
    raise ImportError("archive.py: a claims row no longer lists Claim's fields in order; update _ROW")


@lru_cache(maxsize=65536)
def _day(text: str) -> date:
    """An ISO date as stored; archived claims repeat a few thousand dates, each parsed once."""
    return date.fromisoformat(text)


# Claim's slots, set in order: a frozen dataclass's __init__ sets each field through
# object.__setattr__, about twice the cost of setting the slots directly, and a check reads
# some 15,000 candidate rows (docs/performance.md); Claim has no __post_init__ to skip
_SLOTS = tuple(getattr(Claim, f).__set__ for f in _ROW)
if hasattr(Claim, "__post_init__"):
    raise ImportError("archive.py: Claim checks its fields in __post_init__; build claims with Claim(*row)")


def _claim_from_row(row: Sequence) -> Claim:
    rec = list(row)
    for k in _DATES:
        rec[k] = _day(rec[k]) if rec[k] else None
    if rec[_UNIT] == "date":
        for k in _DATE_VALUES:
            rec[k] = _day(rec[k]) if rec[k] else None
    c = object.__new__(Claim)
    for put, v in zip(_SLOTS, rec, strict=True):
        put(c, v)
    return c
