"""Paths → Articles (SPEC §2).

Reads .txt (UTF-8, UTF-8 with BOM, UTF-16, Windows-1256), .html (main text by
trafilatura), .jsonl, folders and stdin; applies a manifest; splits embedded
"read also" stories into their own articles; marks page furniture (headline
lists, tag lines, share prompts, source lines) as navigation so that no claim
is taken from it. Bad inputs become `InputProblem`s, never exceptions.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from .models import Article, InputProblem
from .normalize import fold, strip_invisible, to_ascii_digits
from .numbers import DateMention, HedgeLexicon, scan

_NO_HEDGES = HedgeLexicon((), ())

SUPPORTED = (".txt", ".html", ".htm", ".jsonl")


class UsageError(Exception):
    """A problem with what the user asked for (bad manifest, no such option value)."""


@dataclass(frozen=True)
class ManifestRow:
    outlet: str
    published: date | None


# --------------------------------------------------------------------------- public
def read_articles(
    paths: Sequence[str], manifest: str | Path | None = None
) -> tuple[list[Article], list[InputProblem]]:
    """Every article found under `paths`, and every input that could not be read."""
    rows = load_manifest(manifest) if manifest else {}
    articles: list[Article] = []
    problems: list[InputProblem] = []
    for path in _expand(paths, problems):
        if path == "-":
            data = sys.stdin.buffer.read()
            arts, probs = _from_bytes("-", "stdin", ".txt", data)
        else:
            p = Path(path)
            try:
                data = p.read_bytes()
            except OSError as e:
                problems.append(InputProblem(path, f"cannot read: {e.strerror or e}"))
                continue
            arts, probs = _from_bytes(path, p.stem, p.suffix.lower(), data)
            row = rows.get(p.name) or rows.get(str(p)) or rows.get(p.stem)
            if row:
                arts = [_apply_manifest(a, row) for a in arts]
        articles += arts
        problems += probs
    return articles, problems


def expand_paths(paths: Sequence[str]) -> tuple[list[str], list[InputProblem]]:
    """The files `read_articles` would read, in its order, and the inputs it would skip."""
    problems: list[InputProblem] = []
    return _expand(paths, problems), problems


def load_manifest(path: str | Path) -> dict[str, ManifestRow]:
    """`file,outlet,published` rows keyed by file name; more columns are allowed."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"cannot read manifest {p}: {e}") from e
    reader = csv.DictReader(text.splitlines())
    missing = {"file", "outlet", "published"} - set(reader.fieldnames or [])
    if missing:
        raise UsageError(
            f"manifest {p} lacks column(s) {', '.join(sorted(missing))}; "
            "it needs a header line with file,outlet,published"
        )
    rows: dict[str, ManifestRow] = {}
    for n, r in enumerate(reader, start=2):
        pub = (r.get("published") or "").strip()
        try:
            published = date.fromisoformat(pub) if pub else None
        except ValueError:
            raise UsageError(f"manifest {p} line {n}: published {pub!r} is not a YYYY-MM-DD date") from None
        rows[Path((r.get("file") or "").strip()).name] = ManifestRow((r.get("outlet") or "").strip(), published)
    return rows


def decode(data: bytes) -> str:
    """Bytes of a text file → str; raises ValueError with a reason a person understands.

    Only the encodings Arabic news files really come in are tried, in an order
    that cannot misfire: BOMs first, then UTF-16 without BOM (NUL bytes in every
    other position), strict UTF-8, and Windows-1256 last (it accepts almost
    any byte, so it must be checked to look like text).
    """
    if not data.strip():
        raise ValueError("empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text
        raise ValueError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1256", errors="replace")
    letters = sum(1 for c in text if "\u0600" <= c <= "\u06ff")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t\f")
    if controls > 0.01 * len(text) or letters < 0.2 * sum(1 for c in text if c.isalpha()) or "\ufffd" in text:
        raise ValueError("not UTF-8, UTF-16 or Windows-1256 text (binary or unknown encoding)")
    return text


def _looks_like_text(text: str) -> bool:
    """Mostly letters, digits, punctuation and spaces: what a decoded article is."""
    good = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    return len(text) > 0 and good / len(text) > 0.97 and "\x00" not in text


# --------------------------------------------------------------------------- files
def _expand(paths: Iterable[str], problems: list[InputProblem]) -> list[str]:
    out: list[str] = []
    for raw in paths:
        if raw == "-":
            out.append("-")
            continue
        p = Path(raw)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
            for f in files:
                if f.suffix.lower() in SUPPORTED:
                    out.append(str(f))
                elif f.name.lower() not in ("manifest.csv",) and f.suffix.lower() != ".csv":
                    problems.append(InputProblem(str(f), f"skipped: unsupported file type {f.suffix or '(none)'}"))
        elif p.exists():
            out.append(raw)
        else:
            problems.append(InputProblem(raw, "no such file or folder"))
    return out


def _from_bytes(path: str, stem: str, suffix: str, data: bytes) -> tuple[list[Article], list[InputProblem]]:
    try:
        text = decode(data)
    except (ValueError, UnicodeDecodeError) as e:
        return [], [InputProblem(path, str(e))]
    if suffix == ".jsonl":
        return _from_jsonl(path, stem, text)
    meta: dict[str, str] = {}
    if suffix in (".html", ".htm"):
        extracted = _html_main_text(text)
        if extracted is None:
            return [], [InputProblem(path, "no article text found in the HTML page")]
        text, meta = extracted
    text = _clean(text)
    if not text.strip():
        return [], [InputProblem(path, "no text")]
    arts = split_article(stem, text, source=path)
    if meta:
        main = arts[0]
        arts[0] = replace(
            main,
            title=meta.get("title") or main.title,
            url=meta.get("url") or main.url,
            outlet=main.outlet or meta.get("sitename", ""),
            published=main.published or _iso(meta.get("date")),
        )
    return arts, []


def _from_jsonl(path: str, stem: str, text: str) -> tuple[list[Article], list[InputProblem]]:
    arts: list[Article] = []
    probs: list[InputProblem] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            probs.append(InputProblem(where, f"not valid JSON ({e.msg})"))
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
            probs.append(InputProblem(where, 'no "text" field'))
            continue
        art_id = str(obj.get("id") or f"{stem}-{n}")
        parts = split_article(art_id, _clean(obj["text"]), source=where)
        published = _iso(obj.get("published"))
        main = parts[0]
        parts[0] = replace(
            main,
            outlet=str(obj.get("outlet") or main.outlet),
            published=published or main.published,
            url=str(obj.get("url") or ""),
            title=str(obj.get("title") or main.title),
        )
        arts += parts
    if not arts and not probs:
        probs.append(InputProblem(path, "no articles in JSONL file"))
    return arts, probs


def _html_main_text(html: str) -> tuple[str, dict[str, str]] | None:
    import trafilatura  # imported here: only HTML input pays for it

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
        meta = trafilatura.extract_metadata(html)
    if not text:
        return None
    info = {}
    if meta is not None:
        info = {k: getattr(meta, k) or "" for k in ("title", "url", "sitename", "date")}
    if info.get("title") and not text.startswith(info["title"]):
        text = info["title"] + "\n\n" + text
    return text, info


def _clean(text: str) -> str:
    # Line endings only: everything else stays as written so offsets are the file's.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _iso(value: object) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return parse_header_date(str(value))


def _apply_manifest(article: Article, row: ManifestRow) -> Article:
    if "#r" in article.id:  # a related story: its own source line wins, dates never carry over
        return replace(article, outlet=article.outlet or row.outlet)
    return replace(article, outlet=row.outlet or article.outlet, published=row.published or article.published)


# --------------------------------------------------------------------------- page structure
# matched on folded text (fold() drops tanween and unifies alef forms: إقرأ أيضاً → اقرا ايضا)
_MARKER = re.compile(r"^\s*(?:اقرا|واقرا)\s+(?:ايضا|كذلك)\s*[:：.]?\s*")
_NAV_LINE = [
    re.compile(p)
    for p in (
        r"^\s*[•·▪●◦■\-–]\s",  # headline lists
        r"^\s*(?:كلمات\s+دلالية|الكلمات\s+المفتاحية|وسوم|الوسوم|Tags)\s*:",
        r"^\s*(?:مقالات\s+مشابهة|مواضيع\s+ذات\s+صلة|أخبار\s+ذات\s+صلة|اخبار\s+ذات\s+صلة|الأكثر\s+قراءة|المزيد\s+من)\s*:?\s*$",
        r"^\s*(?:مشاركة|شارك|شارك\s+الخبر|طباعة|تابع\s+أحدث\s+الأخبار.*|تابعونا\s+على.*|حمل\s+تطبيق.*|اشترك.*|للمزيد.*)\s*$",
        r"^\s*(?:المصدر|مصدر\s+الخبر)\s*[:：]",
        r"^\s*تاريخ\s+(?:النشر|التحديث)\s*[:：]",
    )
]
_LIST_HEADER = re.compile(r"^\s*(?:مقالات\s+مشابهة|مواضيع\s+ذات\s+صلة|أخبار\s+ذات\s+صلة|اخبار\s+ذات\s+صلة|الأكثر\s+قراءة)\s*:?\s*$")
_SOURCE_LINE = re.compile(r"^\s*(?:المصدر|مصدر\s+الخبر)\s*[:：]\s*(?P<name>.+?)\s*$")
_PUBLISHED_LINE = re.compile(r"^\s*تاريخ\s+(?:النشر|التحديث)\s*[:：]\s*(?P<date>.+?)\s*$")
_HEADER_DATE = re.compile(
    r"(?P<date>\d{1,2}(?:st|nd|rd|th)?,?\s+[^\s\d،,]+,?\s+\d{4}|[^\s\d،,]+\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})"
)


def split_article(art_id: str, text: str, source: str = "") -> list[Article]:
    """One page's text → the main article and its embedded related stories (`#r1`...)."""
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    # which line starts which part
    parts: list[tuple[int, int]] = []  # (first line, last line exclusive)
    start = 0
    for i, line in enumerate(lines):
        folded = fold(line)
        m = _MARKER.match(folded)
        if m and not folded[m.end():].strip() and _has_paragraph_after(lines, i):
            parts.append((start, i))
            start = i + 1
    parts.append((start, len(lines)))
    articles: list[Article] = []
    for k, (first, last) in enumerate(parts):
        if first >= len(lines):
            continue
        a = offsets[first]
        b = offsets[last - 1] + len(lines[last - 1]) if last > first else a
        body = text[a:b]
        if k > 0 and not body.strip():
            continue
        nav, outlet, published = _page_furniture(body)
        if k == 0:
            dateline = _dateline(body)
            if dateline is not None:
                published = published or dateline[0]
                nav.append(dateline[1])  # a dateline is page furniture: no claim from it
        articles.append(
            Article(
                id=art_id if k == 0 else f"{art_id}#r{len(articles)}",
                text=body,
                outlet=outlet,
                published=published,
                title=_first_line(body),
                source=source,
                navigation=tuple(nav),
            )
        )
    return articles


def _has_paragraph_after(lines: list[str], i: int) -> bool:
    return any(line.strip() for line in lines[i + 1 :])


def _first_line(text: str) -> str:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return ""


def _page_furniture(body: str) -> tuple[list[tuple[int, int]], str, date | None]:
    """Navigation spans, the outlet named in a source line, a stated publication date."""
    nav: list[tuple[int, int]] = []
    outlet, published = "", None
    pos = 0
    in_list = False
    for line in body.split("\n"):
        span = (pos, pos + len(line))
        pos += len(line) + 1
        clean = strip_invisible(line)
        if not clean.strip():
            continue
        if _LIST_HEADER.match(clean):
            in_list = True
        marker = _MARKER.match(fold(clean))
        if in_list or marker or any(p.match(clean) for p in _NAV_LINE):
            nav.append(span)
        src = _SOURCE_LINE.match(clean)
        if src and not in_list:
            outlet = src.group("name").strip()
        pub = _PUBLISHED_LINE.match(clean)
        if pub and published is None:
            published = parse_header_date(pub.group("date"))
    return nav, outlet, published


def _dateline(body: str) -> tuple[date, tuple[int, int]] | None:
    """A publication date in the first lines (`موسكو-حياة واشنطن 01:02 م، 19 يناير 2024`), and its line."""
    pos = 0
    for line in body.split("\n")[:6]:
        span = (pos, pos + len(line))
        pos += len(line) + 1
        if len(line) > 120 or line.rstrip().endswith((".", "؟", "!")):
            continue
        d = _arabic_full_date(line)
        if d is None:
            m = _HEADER_DATE.search(line)
            d = parse_header_date(m.group("date")) if m else None
        if d:
            return d, span
    return None


def _arabic_full_date(line: str) -> date | None:
    """Day, Arabic month and year, read by numbers.py (fast, and knows تشرين الأول)."""
    for m in scan(fold(line), _NO_HEDGES):
        if isinstance(m, DateMention) and m.day and m.month and m.year:
            try:
                return date(m.year, m.month, m.day)
            except ValueError:
                return None
    return None


@lru_cache(maxsize=4096)
def parse_header_date(s: str) -> date | None:
    """A full date as written in a page header, Arabic or English, via dateparser.

    Cached: dateparser takes milliseconds a call, and a day's articles repeat the same headers.
    """
    import dateparser  # imported here: ~0.1 s, only paid when a header date is read

    s = re.sub(r"\b(GMT|UTC)\b", "", s).strip()
    if not re.search(r"\d", s):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dt = dateparser.parse(
            to_ascii_digits(s),
            languages=["ar", "en", "fr"],
            settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]},
        )
    return dt.date() if isinstance(dt, datetime) else None
