"""Stage 9, as_of: the date a figure is stated for, and the year of a date with none.

Needs: the sentence's date mentions and clauses, `date_event` (stage 5), the
figure's event, the lexicon's `event_dates`, the publication date.
Sets: the claim's `as_of` and `as_of_note` (returned by `as_of_for`, used when
the claim is built).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from ..models import Article
from ..numbers import DateMention
from .context import Context, Fig
from .event_place import date_event

# a figure dated by its event: "في اليوم 128 للحرب"، "لليوم الـ23 من العدوان"؛ "مع مرور 14 شهرا على بدء الحرب"
_DAY_OF = re.compile(r"(?:^|\s)(?:في\s+)?(?:ال|لل)?يوم\s*(?:ال)?\s*(\d+)\s+(?:من|ل|لل|عل[ىي])\s*(?:ال)?(?:حرب|عدوان|قصف|هجوم|حصار|ازمه)")
_SINCE_START = re.compile(r"مرور\s+(\d+)\s+(شهرا|اشهر|شهور|يوما|ايام)\s+عل[ىي]\s+(?:بدء|بدايه|اندلاع|انطلاق)")
_YESTERDAY = re.compile(r"(?:^|\s)(?:و)?(اول\s+)?امس(?:\s|$)")
_AS_OF = re.compile(r"(?:حتى|لغايه|حتى\s+تاريخ|حتى\s+يوم|وحتى)\s*$")


_NOT_AS_OF = re.compile(r"(?:منذ|قبل|بعد|اعتبارا\s+من|حتى|لغايه)\s*$")


def as_of_for(ctx: Context, f: Fig) -> tuple[date | None, str]:
    """The date a figure is stated for, and how it was found (the claim's `as_of_note`):
    `حتى <date>` in its clause, else a full date in its sentence that dates no event and
    starts no window (منذ، قبل، بعد); else inferred from its sentence: the day or month of its
    event (في اليوم 128 للحرب، مع مرور 14 شهرا على بدء الحرب, from the event's date in
    rules/), yesterday (أمس، against the publication date); else the publication date."""
    a, b = ctx.clause_of(f.start)
    dates = [m for m in ctx.mentions if isinstance(m, DateMention) and m.day and m.month and m.year]
    for m in dates:
        if a <= m.start < b and _AS_OF.search(ctx.text, max(0, m.start - 12), m.start):
            return safe_date(m.year, m.month, m.day), "stated"
    for m in dates:
        if not _NOT_AS_OF.search(ctx.text, max(0, m.start - 14), m.start) and date_event(ctx, m) is None:
            return safe_date(m.year, m.month, m.day), "stated"
    sentence = ctx.text[ctx.ss : ctx.se]
    start = ctx.lex.event_dates.get(f.event)
    if start is not None:
        m = _DAY_OF.search(sentence)
        if m and 0 < int(m.group(1)) < 5000:
            return start + timedelta(days=int(m.group(1)) - 1), f"day {m.group(1)} of {f.event}"
        m = _SINCE_START.search(sentence)
        if m and 0 < int(m.group(1)) < 600:
            n, unit = int(m.group(1)), m.group(2)
            if unit.startswith(("شهر", "اشهر", "شهور")):
                month = start.month - 1 + n
                d = safe_date(start.year + month // 12, month % 12 + 1, min(start.day, 28))
            else:
                d = start + timedelta(days=n)
            return d, f"{n} {'months' if unit.startswith(('شهر', 'اشهر', 'شهور')) else 'days'} after the start of {f.event}"
    published = ctx.doc.article.published
    if published is not None:
        m = _YESTERDAY.search(ctx.text, a, b) or _YESTERDAY.search(sentence)
        if m:
            back = 2 if m.group(1) else 1
            return published - timedelta(days=back), "the day before publication" if back == 1 else "two days before publication"
        return published, publication_note(ctx.doc.article)
    return None, ""


def publication_note(article: Article) -> str:
    """The `as_of_note` of a figure dated by its article's publication date, saying
    when that date was only read from the page's address."""
    if article.published is None:
        return ""
    return "publication date (from the URL)" if article.published_from == "url" else "publication date"


def stated_years(mentions: Sequence) -> dict[tuple[int, int], int]:
    years: dict[tuple[int, int], int] = {}
    for m in mentions:
        if isinstance(m, DateMention) and m.day and m.month and m.year:
            years.setdefault((m.month, m.day), m.year)
    return years


def infer_year(m: DateMention, published: date | None, year_of: dict, event_date: date | None) -> int | None:
    if published:
        # the latest such day not after publication (الماضي says so; news mostly looks back)
        y = published.year
        if (m.month, m.day) > (published.month, published.day) and m.relative != "current":
            y -= 1
        return y
    if (m.month, m.day) in year_of:
        return year_of[(m.month, m.day)]
    if event_date and (event_date.month, event_date.day) == (m.month, m.day):
        return event_date.year
    return None


def safe_date(y: int, mth: int, d: int) -> date | None:
    try:
        return date(y, mth, d)
    except ValueError:
        return None
