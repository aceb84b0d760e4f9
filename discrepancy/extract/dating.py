"""Stage 9, as_of: the date a figure is stated for, and the year of a date with none.

Needs: the sentence's date mentions and clauses, `date_event` (stage 5), the
figure's event, the lexicon's `event_dates`, the publication date, and the year
the article says it was written in (`written_about`, once per article).
Sets: the claim's `as_of` and `as_of_note` (returned by `as_of_for`, used when
the claim is built).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from ..models import Article, Claim
from ..normalize import WEEKDAYS, fold
from ..numbers import DateMention, NumberMention
from ..rules import overlap
from .context import Context, Fig
from .event_place import date_event

# a figure dated by its event: "في اليوم 128 للحرب"، "لليوم الـ23 من العدوان"؛ "مع مرور 14 شهرا على بدء الحرب"
_DAY_OF = re.compile(r"(?:^|\s)(?:في\s+)?(?:ال|لل)?يوم\s*(?:ال)?\s*(\d+)\s+(?:من|ل|لل|عل[ىي])\s*(?:ال)?(?:حرب|عدوان|قصف|هجوم|حصار|ازمه)")
_SINCE_START = re.compile(r"مرور\s+(\d+)\s+(شهرا|اشهر|شهور|يوما|ايام)\s+عل[ىي]\s+(?:بدء|بدايه|اندلاع|انطلاق)")
_YESTERDAY = re.compile(r"(?:^|\s)(?:و)?(اول\s+)?امس(?:\s|$)")
_AS_OF = re.compile(r"(?:حت[ىي]|لغايه|حت[ىي]\s+تاريخ|حت[ىي]\s+يوم|وحت[ىي])\s*$")


# a date a window runs from up to now is where a running total starts, not its date: "منذ بدء
# الحرب ... في <date> حتى اليوم"
_TO_NOW = re.compile(r"\s*[،,]?\s*(?:و)?(?:حت[ىي]|لغايه|الي)\s+(?:اليوم|الان|تاريخه|الساعه)(?!\w)")
_NOT_AS_OF = re.compile(r"(?:منذ|قبل|بعد|اعتبارا\s+من|حت[ىي]|لغايه)\s*$")
# a month or a year that dates a count: "في عام 2023"، "خلال العام 2016"، "في شهر فبراير 2017"،
# "عند نهاية عام 2021" (other words before it make it some other thing's date: "مقارنة بعام 2022"،
# "يعود تاريخ اعتقالهم إلى عام 2011"، "منذ إقامة الدولة عام 1948")
_PERIOD_CUE = re.compile(r"(?:^|\s)(?:و)?(?:في|خلال|طوال|ب?نهايه|مطلع|اواخر|اوائل|منتصف)\s+(?:شهر\s+|عام\s+|العام\s+|سنه\s+)?$")
# ... unless it starts a window or dates a beginning: a window word just before it ("منذ مارس
# العام 2011"، "في الفترة من مايو 2013"، "ما بين شهر أيار"), or a beginning a few words before
# it in its clause ("منذ بداية الثورة في البلاد في آذار (مارس) 2011"، "الحرب التي اندلعت في
# البلاد في أبريل (نيسان) 2023")
_STARTS_WINDOW = re.compile(r"(?:^|\s)(?:و)?(?:(?:منذ|قبل|بعد|اعتبارا)\s+(?:\S+\s+){0,3}|(?:من|بين)\s+(?:\S+\s+){0,2})$")
_BEGINNING = re.compile(r"(?:^|\s)(?:و)?(?:بدء|بدايه|بدايته|بدايتها|اندلاع|اندلاعه|اندلاعها|اندلع|اندلعت|بدا|بدات|"
                        r"انطلاق|انطلقت)\s+(?:[^\s،,.؛]+\s+){0,5}$")
# how long ago a conflict began, as an article says it: "خلال خمس سنوات من النزاع"،
# "مع مرور 3 أعوام على اندلاع الحرب"؛ "منذ بدايته قبل نحو عامين"
_CONFLICT = r"(?:ال)?(?:نزاع|حرب|صراع|ثوره|ازمه|عدوان|قتال|اشتباكات)"
_YEARS = r"(?:سنوات|سنه|اعوام|عاما|عام)"
_YEARS_OF = re.compile(r"(?:خلال|بعد|مرور|طوال|مدى)\s+(?P<n>\w+)\s+" + _YEARS
                       + r"\s+(?:من|عل[ىي])\s+(?:(?:بدء|بدايه|اندلاع|انطلاق)\s+)?" + _CONFLICT + r"(?!\w)")
_YEARS_AGO = re.compile(r"منذ\s+(?:بدايته|بدايتها|اندلاعه|اندلاعها|بدئه|بدئها)\s+قبل\s+(?:نحو\s+|حوالي\s+|قرابه\s+)?"
                        r"(?P<n>\w+)(?:\s+" + _YEARS + r")?(?!\w)")
_TWO_YEARS = re.compile(r"^(?:عامين|سنتين)$")
# where a conflict began: "منذ مارس العام 2011"، "منذ بداية النزاع في مارس 2015"
_BEGAN = re.compile(r"(?:منذ|بدء|بدايه|اندلاع|انطلاق)\s+(?:\S+\s+){0,2}$")


def as_of_for(ctx: Context, f: Fig) -> tuple[date | None, str]:
    """The date a figure is stated for, and how it was found (the claim's `as_of_note`):
    `حتى <date>` in its clause, else a full date in its sentence that dates no event and
    starts no window (منذ، قبل، بعد; <date> حتى اليوم); else `حتى <month or year>` in its sentence; else
    inferred from its sentence: the day or month of its event (في اليوم 128 للحرب، مع مرور
    14 شهرا على بدء الحرب, from the event's date in rules/); else a month or a year that
    dates its clause (في عام 2023); else yesterday (أمس، against the publication date), the
    publication date, or the year an undated article says it was written in. A month or
    a year is a period, not a day (README "What a claim says")."""
    a, b = ctx.clause_of(f.start)
    dates = [m for m in ctx.mentions if isinstance(m, DateMention) and m.day and m.month and m.year]
    for m in dates:
        if a <= m.start < b and _AS_OF.search(ctx.text, max(0, m.start - 12), m.start):
            return safe_date(m.year, m.month, m.day), "stated"
    for m in dates:
        if not _NOT_AS_OF.search(ctx.text, max(0, m.start - 14), m.start) and not _TO_NOW.match(ctx.text, m.end) \
                and date_event(ctx, m) is None:
            return safe_date(m.year, m.month, m.day), "stated"
    published = ctx.doc.article.published
    periods = [m for m in ctx.mentions if isinstance(m, DateMention) and m.year and not m.day
               and (published is None or (m.year, m.month or 1) <= (published.year, published.month))]
    # حتى يونيو 2018، وحتى العام 2016: the period the sentence's counts run to (the nearest)
    until = [m for m in periods if _AS_OF.search(ctx.text, max(0, m.start - 12), m.start)]
    if until:
        return _period(min(until, key=lambda m: abs(m.start - f.start)), "stated (until)")
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
    # في فبراير 2017، خلال العام 2016 in the figure's clause (the nearest), unless it starts a
    # window or dates an event
    dating = [m for m in periods if a <= m.start < b and _PERIOD_CUE.search(ctx.text, max(ctx.ss, m.start - 20), m.start)
              and not _STARTS_WINDOW.search(ctx.text, max(ctx.ss, m.start - 40), m.start)
              and not _BEGINNING.search(ctx.text, max(ctx.ss, m.start - 60), m.start) and date_event(ctx, m) is None]
    if dating:
        m = min(dating, key=lambda m: abs(m.start - f.start))
        return _period(m, "stated")
    if published is not None:
        m = _YESTERDAY.search(ctx.text, a, b) or _YESTERDAY.search(sentence)
        if m:
            back = 2 if m.group(1) else 1
            return published - timedelta(days=back), "the day before publication" if back == 1 else "two days before publication"
        return published, publication_note(ctx.doc.article)
    if ctx.written is not None:
        return ctx.written
    return None, ""


def _period(m: DateMention, how: str) -> tuple[date | None, str]:
    """A figure dated to a month or a year: the period's first day, and a note saying which
    (`as_of_span` in models reads it back as the whole period)."""
    if m.month:
        return safe_date(m.year, m.month, 1), f"month: {how}"
    return safe_date(m.year, 1, 1), f"year: {how}"


def written_about(text: str, mentions: Sequence) -> tuple[date, str] | None:
    """The year an undated article says it was written in: it names when its conflict began
    (منذ مارس 2011، منذ بداية النزاع في مارس 2015) and how long ago that was (خلال خمس
    سنوات من النزاع، منذ بدايته قبل نحو عامين). Both must be stated once, without doubt;
    the year is an interval (a figure of it is ordered only against other years)."""
    numbers = {m.start: m.value for m in mentions if isinstance(m, NumberMention) and m.hedge == "exact"
               and not m.vague and float(m.value).is_integer()}
    spans = set()
    for rx in (_YEARS_OF, _YEARS_AGO):
        for m in rx.finditer(text):
            n = numbers.get(m.start("n"))
            if n is None and _TWO_YEARS.match(m.group("n")):
                n = 2
            if n is not None and 0 < n < 100:
                spans.add(int(n))
    if len(spans) != 1:
        return None
    began = {m.year for m in mentions if isinstance(m, DateMention) and m.year and not m.day
             and _BEGAN.search(text, max(0, m.start - 30), m.start)}
    if len(began) != 1:
        return None
    n, year = spans.pop(), began.pop()
    return date(year + n, 1, 1), f"year: {n} years after the start in {year}, as the article says"


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


# a weekday, folded: "يوم الخميس"، "والخميس"، "اليوم الخميس"، "أمس الأربعاء"
_WEEKDAY = re.compile(r"(?:^|[\s،,(])(?:و)?(?:(اليوم|اول\s+امس|امس|يوم)\s+)?(" + "|".join(WEEKDAYS)
                      + r")(?=[\s،,.)]|$)")

# how many days before the article's day a weekday after each word is
_DAYS_BACK = {"اليوم": 0, "امس": 1, "اول امس": 2}


def _weekdays(sentence: str) -> list[tuple[str, int]]:
    """The weekdays a sentence names, each with the word before it (اليوم، امس، يوم or none)."""
    return [(" ".join((m.group(1) or "").split()), WEEKDAYS.index(m.group(2))) for m in _WEEKDAY.finditer(fold(sentence))]


def date_by_shared_figures(claims: Sequence[Claim]) -> list[Claim]:
    """Figures of an article with no date, dated by a dated article of the run that gives the same
    figure of the same source on the weekday both name (README "What a claim says").

    An undated article says "أعلن المفوض ... الخميس، أن السلطات اعتقلت 14 ألف شخص"; an article
    published on a Thursday gives "قال المفوض ... اليوم الخميس، إن <country> اعتقلت حوالي 14 ألف شخص"
    (same count, same source, figures that agree, dated by its publication). The statement is
    that Thursday, and the undated article is of that day: its undated figures get that date, or
    the day before where their sentence says أمس ("حتى أمس الأربعاء"). Only when every such
    anchor gives one date and every weekday the article names with اليوم or أمس fits it (a bare
    weekday may be any day of its week); a figure with a date of its own keeps it."""
    dated: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        if (c.published is not None and c.as_of == c.published and c.attribution and c.unit == "count"
                and (c.published.weekday(), "اليوم") in {(d, w) for w, d in _weekdays(c.sentence)}):
            dated[(c.quantity, c.population, c.event, c.place, c.unit, c.attribution)].append(c)
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.published is None:
            by_article[c.article_id].append(c)
    found: dict[str, tuple[date, Claim]] = {}
    for art, cs in by_article.items():
        days: dict[date, Claim] = {}
        for a in cs:
            if a.as_of is not None or not a.attribution or a.unit != "count":
                continue
            named = {d for w, d in _weekdays(a.sentence) if w in ("", "يوم", "اليوم")}
            for b in dated.get((a.quantity, a.population, a.event, a.place, a.unit, a.attribution), ()):
                if b.published.weekday() in named and overlap(a, b):
                    days.setdefault(b.published, b)
        if len(days) != 1:
            continue
        [(day, anchor)] = days.items()
        said = {(w, d) for a in cs for w, d in _weekdays(a.sentence) if w in _DAYS_BACK}
        if all(d == (day - timedelta(days=_DAYS_BACK[w])).weekday() for w, d in said):
            found[art] = (day, anchor)
    if not found:
        return list(claims)
    out = []
    for c in claims:
        if c.article_id in found and c.as_of is None:
            day, anchor = found[c.article_id]
            m = _YESTERDAY.search(fold(c.sentence))
            back = (2 if m.group(1) else 1) if m else 0
            how = f"the day of {anchor.claim_id}'s same figure from the same source ({day:%A})"
            c = replace(c, as_of=day - timedelta(days=back),
                        as_of_note=("the day before " if back == 1 else "two days before " if back else "") + how)
        out.append(c)
    return out

