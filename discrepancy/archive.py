"""The claim archive: every article checked before, in one SQLite file a user can copy.

- WAL mode; each article is added in its own `BEGIN IMMEDIATE` transaction, so
  a run killed half-way leaves whole articles only, and two processes adding
  at once wait for each other (busy timeout) instead of failing or corrupting.
- An article is identified by its id and the hash of its text: the same text
  again is a no-op; a changed text under the same id becomes a new version,
  and the old version's claims stay in the file, marked superseded.
- Checking new articles loads only the archived claims that share a key
  (quantity, event, unit) with a new claim: an index serves that query, so
  the cost follows the size of the candidate groups, not of the archive.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from .models import CLAIM_COLUMNS, Article, Claim

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
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and ("meta" not in tables or "claims" not in tables or "articles" not in tables):
            shown = ", ".join(sorted(tables)[:8]) + (", ..." if len(tables) > 8 else "")
            raise ArchiveError(f"{self.path}: not a discrepancy archive (an SQLite file with tables {shown}); "
                               "nothing was written to it")
        if not tables and self.readonly:
            raise ArchiveError(f"{self.path}: an empty file, not a discrepancy archive")
        result = [r[0] for r in self.db.execute("PRAGMA quick_check(3)")]
        if result != ["ok"]:
            raise ArchiveError(f"{self.path}: the archive is damaged (quick_check: {' '.join(result).replace(chr(10), ' ')[:200]}); "
                               "nothing was written to it: restore a copy, or export what can be read "
                               "with sqlite3's .recover")

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
        digest = content_hash(article.text)
        cur = self.db.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            row = cur.execute(
                "SELECT rowid, version, content_hash FROM articles WHERE article_id=? ORDER BY version DESC LIMIT 1",
                (article.id,),
            ).fetchone()
            if row is not None and row[2] == digest:
                cur.execute("ROLLBACK")
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
                (article.id, version, digest, article.outlet, article.url, _iso(article.published), article.title,
                 article.source, datetime.now(UTC).isoformat(timespec="seconds"), backend, rules_version, len(claims)),
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
                cur.execute(
                    f"INSERT INTO claims (article_rowid, claim_id, article_id, {', '.join(_CLAIM_FIELDS)}, rounding, context, figure)"
                    f" VALUES ({', '.join('?' * (len(_CLAIM_FIELDS) + 6))})",
                    (art_rowid, c.claim_id, c.article_id, *(_to_sql(getattr(c, f)) for f in _CLAIM_FIELDS), c.rounding,
                     c.context, fig),
                )
                cur.execute("UPDATE figures SET rep=COALESCE(rep, ?) WHERE rowid=?", (cur.lastrowid, fig))
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        return "added" if version == 1 else "new version"

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
                if c.article_id in exclude:  # the representative is being replaced: take another
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

    def counts(self) -> tuple[int, int]:
        a = self.db.execute("SELECT COUNT(*) FROM articles WHERE current=1").fetchone()[0]
        c = self.db.execute("SELECT COUNT(*) FROM claims WHERE current=1").fetchone()[0]
        return a, c


# what rule metrics read of a claim: claims alike in these are one figure
_SIGNATURE = ("quantity", "population", "event", "place", "unit", "value", "hedge", "low", "high", "attribution", "as_of", "modality")


def _signature(c: Claim) -> str:
    return json.dumps([_to_sql(getattr(c, f)) for f in _SIGNATURE], ensure_ascii=False)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _to_sql(v: object) -> object:
    return v.isoformat() if isinstance(v, date) else v


def _claim_from_row(row: Sequence) -> Claim:
    rec = dict(zip(("claim_id", "article_id", *_CLAIM_FIELDS, "rounding", "context"), row, strict=True))
    for f in ("published", "as_of"):
        rec[f] = date.fromisoformat(rec[f]) if rec[f] else None
    if rec["unit"] == "date":
        for f in ("value", "low", "high"):
            rec[f] = date.fromisoformat(rec[f]) if rec[f] else None
    return Claim(**rec)
