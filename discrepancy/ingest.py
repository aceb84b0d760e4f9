"""Paths → Articles (SPEC §2).

Reads .txt (UTF-8, UTF-8 with BOM, UTF-16, Windows-1256), .html (main text by
trafilatura), .jsonl, folders and stdin; applies a manifest; splits embedded
"read also" stories into their own articles; marks page furniture (headline
lists, tag lines, share prompts, source lines) as navigation so that no claim
is taken from it. Bad inputs become `InputProblem`s, never exceptions.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

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


# An article longer than this is refused (with one line saying so), not read:
# whole books or dumps are not articles, and reading is linear but not free.
MAX_ARTICLE_CHARS = 5_000_000
# A file larger than this is refused before it is read (memory stays bounded);
# a .jsonl batch may be this large, any other file up to 4 bytes per character.
MAX_FILE_BYTES = 256 * 1024 * 1024
_TOO_LARGE = "too large to be an article ({size}; the limit is {limit:,} characters of text): split it into articles"


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


# --------------------------------------------------------------------------- public
def read_articles(
    paths: Sequence[str], manifest: str | Path | None = None
) -> tuple[list[Article], list[InputProblem]]:
    """Every article found under `paths`, and every input that could not be read.

    Nothing is dropped without a word: each unread file, folder or manifest row
    becomes an `InputProblem` (kind "skipped" or "warning"). The same file given
    twice is read once; files of the same name in different folders get ids
    that tell them apart (see `unique_ids`).
    """
    problems: list[InputProblem] = []
    rows: dict[str, ManifestRow] = {}
    lines: dict[str, int] = {}
    if manifest:
        rows, lines = _load_manifest(manifest, problems)
    files = _expand(paths, problems, skip={_real(manifest)} if manifest else set())
    ids = unique_ids([f for f in files if f != "-"])
    matched: set[str] = set()
    articles: list[Article] = []
    for path in files:
        try:
            if path == "-":
                data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
                arts, probs = _from_bytes("-", "stdin", ".txt", data)
            else:
                p = Path(path)
                arts, probs = _read_file(p, ids[path])
                key = _manifest_key(p, rows)
                if key is not None:
                    matched.add(key)
                    arts = [_apply_manifest(a, rows[key]) for a in arts]
        except Exception as e:  # a bug must cost one input, not the run
            arts, probs = [], [InputProblem(path, f"internal error while reading ({type(e).__name__}: {e})")]
        articles += [_dated_by_url(a) for a in arts]
        problems += probs
    for key in rows:
        if key not in matched:
            problems.append(InputProblem(f"{manifest}:{lines[key]}", f"manifest row for {key}, which is not among the inputs", "warning"))
    return _distinct_ids(articles, problems), problems


def _read_file(p: Path, art_id: str) -> tuple[list[Article], list[InputProblem]]:
    path = str(p)
    try:
        size = p.stat().st_size
    except OSError as e:
        return [], [InputProblem(path, f"cannot read: {e.strerror or e}")]
    limit = MAX_FILE_BYTES if p.suffix.lower() == ".jsonl" else min(MAX_FILE_BYTES, 4 * MAX_ARTICLE_CHARS)
    if size > limit:
        return [], [InputProblem(path, _TOO_LARGE.format(size=_mb(size), limit=MAX_ARTICLE_CHARS))]
    try:
        data = p.read_bytes()
    except OSError as e:
        return [], [InputProblem(path, f"cannot read: {e.strerror or e}")]
    return _from_bytes(path, art_id, p.suffix.lower(), data)


def unique_ids(files: Sequence[str]) -> dict[str, str]:
    """An article id per file: its bare name (no extension) when no other input file
    has that name, else the name with as many parent folders as it takes to tell
    them apart (`o1/article`, `o2/article`), else the full name (`a.txt`, `a.html`)."""
    by_stem: dict[str, list[str]] = {}
    for f in files:
        by_stem.setdefault(Path(f).stem, []).append(f)
    ids: dict[str, str] = {}
    for stem, group in by_stem.items():
        if len(group) == 1:
            ids[group[0]] = stem
            continue
        parts = {f: Path(f).parts[:-1] for f in group}
        depth = max(len(p) for p in parts.values())
        for name_of in (lambda f: Path(f).stem, lambda f: Path(f).name):
            for k in range(0, depth + 1):
                cand = {f: "/".join([*parts[f][len(parts[f]) - k:], name_of(f)]) if k else name_of(f) for f in group}
                if len(set(cand.values())) == len(group):
                    ids.update(cand)
                    break
            else:
                continue
            break
        else:
            ids.update({f: f for f in group})
    return ids


def _distinct_ids(articles: list[Article], problems: list[InputProblem]) -> list[Article]:
    """JSONL records may repeat an id (or take a file's): later ones become `id~2`, `id~3`."""
    owner: dict[str, str] = {}  # base id -> source that has it
    renamed: dict[tuple[str, str], str] = {}
    out = []
    for a in articles:
        base, sep, rest = a.id.partition("#")
        key = (a.source, base)
        if key in renamed:
            new = renamed[key]
        elif owner.setdefault(base, a.source) == a.source:
            new = base
        else:
            n = 2
            while f"{base}~{n}" in owner:
                n += 1
            new = f"{base}~{n}"
            owner[new] = a.source
            problems.append(InputProblem(a.source, f"article id {base} is used again (first by {owner[base]}): renamed {new}",
                                         "warning"))
        renamed[key] = new
        out.append(a if new == base else replace(a, id=new + sep + rest))
    return out


def load_manifest(path: str | Path) -> dict[str, ManifestRow]:
    """`file,outlet,published` rows keyed by file (as written); more columns are allowed."""
    rows, _ = _load_manifest(path, [])
    return rows


def _load_manifest(path: str | Path, problems: list[InputProblem]) -> tuple[dict[str, ManifestRow], dict[str, int]]:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"cannot read manifest {p}: {e}") from None
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        fieldnames = reader.fieldnames
    except csv.Error as e:
        raise UsageError(f"manifest {p} line 1: {e}") from None
    missing = {"file", "outlet", "published"} - set(fieldnames or [])
    if missing:
        raise UsageError(
            f"manifest {p} lacks column(s) {', '.join(sorted(missing))}; "
            "it needs a header line with file,outlet,published"
        )
    rows: dict[str, ManifestRow] = {}
    lines: dict[str, int] = {}
    while True:
        n = reader.line_num + 1
        try:
            r = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            raise UsageError(f"manifest {p} line {n}: {e} (a quote that is never closed?)") from None
        if any("\n" in v for v in r.values() if isinstance(v, str)):
            raise UsageError(f"manifest {p} line {n}: a quoted field runs over several lines (a quote that is never closed?)")
        pub = (r.get("published") or "").strip()
        try:
            published = date.fromisoformat(pub) if pub else None
        except ValueError:
            raise UsageError(f"manifest {p} line {n}: published {pub!r} is not a YYYY-MM-DD date") from None
        key = (r.get("file") or "").strip().replace("\\", "/").removeprefix("./")
        if not key:
            problems.append(InputProblem(f"{p}:{n}", "manifest row without a file name", "warning"))
            continue
        if key in rows:
            problems.append(InputProblem(f"{p}:{n}", f"manifest lists {key} again (first on line {lines[key]}); this row is used",
                                         "warning"))
        rows[key] = ManifestRow((r.get("outlet") or "").strip(), published)
        lines[key] = n
    return rows, lines


def _manifest_key(p: Path, rows: dict[str, ManifestRow]) -> str | None:
    """The manifest row of a file: the longest `file` value its path ends with
    (`o1/article.txt` before `article.txt`), or its bare name without extension."""
    if not rows:
        return None
    parts = p.parts
    for k in range(len(parts), 0, -1):
        key = "/".join(parts[-k:])
        if key in rows:
            return key
    if p.stem in rows:
        return p.stem
    return None


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
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _controls(text) > 0.01 * len(text):  # valid UTF-8, but control bytes: a binary file
            raise ValueError("binary file (control characters), not text")
        return text
    text = data.decode("cp1256", errors="replace")
    letters = sum(1 for c in text if "\u0600" <= c <= "\u06ff")
    controls = _controls(text)
    if controls > 0.01 * len(text) or letters < 0.2 * sum(1 for c in text if c.isalpha()) or "\ufffd" in text:
        raise ValueError("not UTF-8, UTF-16 or Windows-1256 text (binary or unknown encoding)")
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below 32, but for \t \n \f \r


def _controls(text: str) -> int:
    """How many control characters `text` holds (by regex: a loop per character took 10x as long)."""
    return sum(1 for _ in _CONTROL.finditer(text))


def _looks_like_text(text: str) -> bool:
    """Mostly letters, digits, punctuation and spaces: what a decoded article is."""
    good = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    return len(text) > 0 and good / len(text) > 0.97 and "\x00" not in text


# --------------------------------------------------------------------------- files
def _real(path: str | Path) -> str:
    return os.path.realpath(path)


def _expand(paths: Iterable[str], problems: list[InputProblem], skip: set[str] = frozenset()) -> list[str]:
    """Files to read, in order, each once (by its real path); everything else reported."""
    out: list[str] = []
    seen: set[str] = set()

    def take(f: str) -> None:
        real = _real(f)
        if real not in seen:
            seen.add(real)
            out.append(f)

    for raw in paths:
        if raw == "-":
            if "-" not in seen:
                seen.add("-")
                out.append("-")
            continue
        p = Path(raw)
        broken = _broken_link(p)
        if broken:
            problems.append(InputProblem(raw, broken))
        elif p.is_dir():
            for f in _walk(p, problems, skip, {_real(p)}):
                take(str(f))
        elif p.exists():
            take(raw)
        else:
            problems.append(InputProblem(raw, "no such file or folder"))
    return out


def _is_manifest(f: Path) -> bool:
    if f.suffix.lower() != ".csv":
        return False
    try:
        with f.open(encoding="utf-8-sig", errors="replace") as fh:
            header = fh.readline(4096)
    except OSError:
        return False
    return {"file", "outlet", "published"} <= {c.strip() for c in header.split(",")}


def _broken_link(p: Path) -> str | None:
    """Why a symlink leads nowhere (dangling, a loop), or None when it is fine or no link."""
    if not p.is_symlink():
        return None
    try:
        p.resolve(strict=True)
    except FileNotFoundError:
        return f"dangling symlink (its target {os.readlink(p)} does not exist)"
    except (RuntimeError, OSError) as e:  # RuntimeError before Python 3.13, OSError(ELOOP) after
        return f"symlink loop ({getattr(e, 'strerror', None) or e})"
    return None


def _walk(folder: Path, problems: list[InputProblem], skip: set[str], ancestors: set[str]) -> list[Path]:
    """Supported files under `folder`, sorted; hidden, unsupported, unreadable and
    broken entries reported. Folder symlinks are followed unless they lead back up."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        problems.append(InputProblem(str(folder), f"cannot read folder: {e.strerror or e}"))
        return []
    out: list[Path] = []
    for e in entries:
        f = Path(e.path)
        if e.name.startswith("."):
            problems.append(InputProblem(str(f), "hidden " + ("folder" if e.is_dir() else "file")))
            continue
        broken = _broken_link(f)
        if broken:
            problems.append(InputProblem(str(f), broken))
            continue
        try:
            is_dir, is_file = e.is_dir(), e.is_file()
        except OSError as err:
            problems.append(InputProblem(str(f), f"cannot read: {err.strerror or err}"))
            continue
        if is_dir:
            real = _real(f)
            if real in ancestors:
                problems.append(InputProblem(str(f), f"symlink loop (leads back to {real})"))
                continue
            out += _walk(f, problems, skip, ancestors | {real})
        elif not is_file:
            problems.append(InputProblem(str(f), "not a regular file (a device, pipe or socket)"))
        elif _real(f) in skip or _is_manifest(f):
            continue  # a manifest (file,outlet,published) next to its articles: data about them, not an article
        elif f.suffix.lower() in SUPPORTED:
            out.append(f)
        else:
            problems.append(InputProblem(str(f), f"unsupported file type {f.suffix or '(no extension)'}"))
    return out


def _from_bytes(path: str, stem: str, suffix: str, data: bytes) -> tuple[list[Article], list[InputProblem]]:
    if len(data) > MAX_FILE_BYTES:
        return [], [InputProblem(path, _TOO_LARGE.format(size=_mb(len(data)), limit=MAX_ARTICLE_CHARS))]
    try:
        text = decode(data)
    except (ValueError, UnicodeDecodeError) as e:
        return [], [InputProblem(path, str(e))]
    if suffix == ".jsonl":
        return _from_jsonl(path, stem, text)
    if len(text) > (4 if suffix in (".html", ".htm") else 1) * MAX_ARTICLE_CHARS:  # markup is not text
        return [], [InputProblem(path, _TOO_LARGE.format(size=_mb(len(data)), limit=MAX_ARTICLE_CHARS))]
    meta: dict[str, str] = {}
    if suffix in (".html", ".htm"):
        extracted = _html_main_text(text)
        if extracted is None:
            return [], [InputProblem(path, "no article text found in the HTML page")]
        text, meta = extracted
    text = _clean(text)
    if not text.strip():
        return [], [InputProblem(path, "no text")]
    if len(text) > MAX_ARTICLE_CHARS:
        return [], [InputProblem(path, _TOO_LARGE.format(size=f"{len(text):,} characters", limit=MAX_ARTICLE_CHARS))]
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
        if len(obj["text"]) > MAX_ARTICLE_CHARS:
            probs.append(InputProblem(where, _TOO_LARGE.format(size=f"{len(obj['text']):,} characters", limit=MAX_ARTICLE_CHARS)))
            continue
        art_id = str(obj.get("id") or f"{stem}-{n}")
        parts = split_article(art_id, _clean(obj["text"]), source=where)
        published = _iso(obj.get("published"))
        if published is None and obj.get("published"):
            probs.append(InputProblem(where, f"published {str(obj['published'])[:40]!r} is not a date; the article is read undated",
                                      "warning"))
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
        # not the extensive search: it takes a footer's "جميع الحقوق محفوظة 2024" for the date 2024-01-01
        meta = trafilatura.extract_metadata(html, extensive=False)
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


# a full date in a page's address: /2020/10/26/, /news/2015/03/13/, -2020-04-06-, /20180715/
_URL_DATE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})([/_-]?)(0?[1-9]|1[0-2])\2(0?[1-9]|[12][0-9]|3[01])(?![0-9])")


def url_date(url: str) -> date | None:
    """The publication date a page's address gives (`/2020/10/26/`, `2020-04-06`), or None.

    Only the path is read (a query's ids are no dates), and only a year, month and day
    written together with one separator, or none (`20180715`): a lone `/2022/09/` is a
    month, not a day, and a date outside 1990 to today is some other number.
    """
    path = urlsplit(url).path if "://" in url else url
    found = None
    for m in _URL_DATE.finditer(path):
        if not m.group(2) and (len(m.group(3)) != 2 or len(m.group(4)) != 2):
            continue  # 2018715 is no date
        try:
            d = date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        except ValueError:
            continue
        if date(1990, 1, 1) <= d <= date.today():
            found = found or d
    return found


def _dated_by_url(article: Article) -> Article:
    """The date in the article's address when nothing else dated it (a manifest, the
    page's metadata and its text win), with where it came from."""
    if article.published is not None or not article.url or "#r" in article.id:
        return article
    d = url_date(article.url)
    return article if d is None else replace(article, published=d, published_from="url")


def _apply_manifest(article: Article, row: ManifestRow) -> Article:
    if "#r" in article.id:  # a related story: its own source line wins, dates never carry over
        return replace(article, outlet=article.outlet or row.outlet)
    return replace(article, outlet=row.outlet or article.outlet, published=row.published or article.published)


# --------------------------------------------------------------------------- page structure
# matched on folded text (fold() drops tanween and unifies alef forms: إقرأ أيضاً → اقرا ايضا)
_MARKER = re.compile(r"^\s*(?:اقرا|واقرا)\s+(?:ايضا|كذلك)\s*[:：.]?\s*")
# a bulleted line is a headline list's item, unless it holds a figure: real pages
# list a toll's breakdown in bullets ("• المدينة: 6 شهداء و31 جريحا"); a bare
# number or date ("• 4", "• 5/2/2023") is page furniture
_BULLET = re.compile(r"^\s*[•·▪●◦■\-–]\s")
_FIGURE = re.compile(r"[0-9٠-٩۰-۹][0-9٠-٩۰-۹.,٫٬]*\s*[\u0621-\u064A]|[\u0621-\u064A]\s*[0-9٠-٩۰-۹]")
# the header of a list of related articles (on its own line, or with its headlines run into it);
# "لمتابعة التفاصيل اقرأ:" sends the reader to an earlier article by its headline
_RELATED = (r"(?:مقالات\s+مشابهة|مواضيع\s+ذات\s+صلة|أخبار\s+ذات\s+صلة|اخبار\s+ذات\s+صلة|الأكثر\s+قراءة"
            r"|لمتابعة\s+التفاصيل\s+[اإ]قرأ)")
_NAV_LINE = [
    re.compile(p)
    for p in (
        r"^\s*(?:كلمات\s+دلالية|الكلمات\s+المفتاحية|وسوم|الوسوم|Tags)\s*:",
        rf"^\s*(?:{_RELATED}|المزيد\s+من)\s*:?\s*$",
        # a related list's header with its headlines run into the same line: that line is the list
        rf"^\s*{_RELATED}\s*:?\s+\S",
        r"^\s*(?:مشاركة|شارك|شارك\s+الخبر|طباعة|تابع\s+أحدث\s+الأخبار.*|تابعونا\s+على.*|حمل\s+تطبيق.*|اشترك.*|للمزيد.*)\s*$",
        r"^\s*(?:المصدر|مصدر\s+الخبر)\s*[:：]",
        r"^\s*تاريخ\s+(?:النشر|التحديث)\s*[:：]",
    )
]
_LIST_HEADER = re.compile(rf"^\s*{_RELATED}\s*:?\s*$")
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
        bullet = _BULLET.match(clean) is not None and not _FIGURE.search(clean)
        if in_list or marker or bullet or any(p.match(clean) for p in _NAV_LINE):
            nav.append(span)
        src = _SOURCE_LINE.match(clean)
        if src and not in_list:
            outlet = src.group("name").strip()
        pub = _PUBLISHED_LINE.match(clean)
        if pub and published is None:
            published = parse_header_date(pub.group("date"))
    return nav, outlet, published


def _dateline(body: str) -> tuple[date, tuple[int, int]] | None:
    """A publication date in the first lines (`<city>-حياة واشنطن 01:02 م، 19 يناير 2024`), and its line."""
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
