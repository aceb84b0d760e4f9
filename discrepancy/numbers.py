"""Arabic number reading: where the numbers are in a normalized text and what they say.

`scan()` walks a text already passed through `normalize()` (ASCII digits,
folded letters, no diacritics) and returns, in order and without overlap:

- `NumberMention`: a count or percentage with its hedge and rounding unit;
- `DateMention`: a calendar date (day, month, maybe year), or a bare
  month/year that only *uses up* its digits (`نوفمبر 2023`, `عام 1967`);
- `Skipped`: digits that are clearly not figures (times of day).

What counts as a *claim* is decided later, in `extract.py`; this module only
reads numbers. The number-word tables are Arabic grammar, not tunable rules, so
they live here; hedge phrases are data (`rules/lexicon/hedges.yaml`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .normalize import fold

HEDGES = ("exact", "approx", "more_than", "at_least", "less_than", "at_most")


@dataclass(frozen=True, slots=True)
class NumberMention:
    start: int  # span of the whole surface (hedge included) in the normalized text
    end: int
    value: float
    unit: str  # "count" | "percent"
    hedge: str
    rounding: float  # the rounding unit u of SPEC §5
    vague: bool = False  # عشرات، مئات، آلاف: an order of magnitude, not a figure
    num_start: int = -1  # where the number proper starts (after the hedge)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    day: int | None
    month: int | None
    year: int | None
    relative: str = ""  # "past" for الماضي, "current" for الجاري/الحالي, "" otherwise


@dataclass(frozen=True, slots=True)
class Skipped:
    start: int
    end: int
    reason: str


Mention = NumberMention | DateMention | Skipped


# --------------------------------------------------------------------------- words
def _table(pairs: Mapping[str, float]) -> dict[str, float]:
    return {fold(k): v for k, v in pairs.items()}


# Cardinals up to 999 in their case/gender forms (nominative -ون, oblique -ين,
# feminine -ة, accusative tanween alef). Folding merges ة/ه, hamza seats, ى/ي.
_SMALL = _table(
    {
        "واحد": 1, "واحدة": 1, "واحدا": 1,
        "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
        "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6,
        "سبع": 7, "سبعة": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9,
        "عشر": 10, "عشرة": 10,
        "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40, "أربعين": 40,
        "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
        "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
        "مائة": 100, "مئة": 100, "مائتان": 200, "مائتين": 200, "مئتان": 200, "مئتين": 200,
        "مائتا": 200, "مئتا": 200, "مائتي": 200, "مئتي": 200,
    }
)
for _u, _w in [(3, "ثلاث"), (4, "أربع"), (5, "خمس"), (6, "ست"), (7, "سبع"), (8, "ثمان"), (9, "تسع")]:
    for _h in ("مائة", "مئة"):
        _SMALL[fold(_w + _h)] = _u * 100
_SMALL[fold("ثمانمائة")] = 800
_SMALL[fold("ثمانمئة")] = 800
# Teens start with أحد/إحدى: valid only before عشر/عشرة.
_TEEN_ONE = {fold("أحد"), fold("إحدى"), fold("حادي")}
# Fractions count only before a scale: نصف مليون، ربع مليون; "مليون ونصف" adds half.
_FRACTIONS = _table({"نصف": 0.5, "ربع": 0.25, "ثلث": 1 / 3})
_HALF_AFTER = {fold("ونصف"), fold("ونيف")}
# "A few" before a scale is an order of magnitude: بضعة آلاف.
_FEW = {fold(w) for w in ("بضع", "بضعة", "عدة")}
# Dual nouns are numbers too (مقتل جنديين). Only nouns whose plural is broken
# are listed: their -ين/-ان form can only be a dual (صحفيين could be plural).
_DUAL_NOUNS = {
    fold(w)
    for w in (
        "جنديين", "جنديان", "طفلين", "طفلان", "رهينتين", "رهينتان", "شخصين", "شخصان", "امرأتين", "امرأتان",
        "ضابطين", "ضابطان", "أسيرين", "أسيران", "قتيلين", "قتيلان", "جريحين", "جريحان", "شهيدين", "شهيدان",
        "مستوطنين", "طفلتين", "طفلتان", "صحفيتين", "مسعفين", "أسيرتين",
    )
} - {fold("مستوطنين"), fold("مسعفين")}
_TEN_WORDS = {fold("عشر"), fold("عشرة")}
_HUNDRED_WORDS = {fold("مائة"), fold("مئة")}
# Alone before a noun, these are duals in construct (مليونا شخص = two million people);
# after a number they are accusative singulars (150 ألفا).
_ACCUSATIVE_OR_DUAL = {fold(w) for w in ("ألفا", "مليونا", "مليارا")}
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")
_ONE_WORD = re.compile(r"\s+[\u0621-\u064a]+(?=\s)")
_WEEKDAYS = {fold(w) for w in ("الاثنين", "الإثنين", "والاثنين", "والإثنين", "بالاثنين")}

# Scale words: value multiplied, and whether the form itself is dual (2 x scale).
_SCALES = _table(
    {
        "ألف": 1e3, "ألفا": 1e3, "آلاف": 1e3, "ألوف": 1e3,
        "مليون": 1e6, "مليونا": 1e6, "ملايين": 1e6,
        "مليار": 1e9, "مليارا": 1e9, "مليارات": 1e9, "بليون": 1e9,
    }
)
_DUAL_SCALES = _table(
    {
        "ألفان": 1e3, "ألفين": 1e3, "ألفي": 1e3, "ألفا": 0,  # ألفا is accusative singular, see _SCALES
        "مليونان": 1e6, "مليونين": 1e6, "مليوني": 1e6, "مليونا": 0,
        "ملياران": 1e9, "مليارين": 1e9, "ملياري": 1e9,
    }
)
_DUAL_SCALES = {k: v for k, v in _DUAL_SCALES.items() if v}
# Plurals that alone mean "tens/hundreds/thousands of": an order of magnitude.
_VAGUE = _table({"عشرات": 10, "مئات": 100, "مئآت": 100, "آلاف": 1e3, "ألوف": 1e3, "ملايين": 1e6, "مليارات": 1e9})

# Ordinal day words for dates (السابع من أكتوبر, الحادي والعشرين من ...).
_ORDINAL_UNITS = _table(
    {
        "الأول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6,
        "السابع": 7, "الثامن": 8, "التاسع": 9, "العاشر": 10, "الحادي": 1,
        "الأولى": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5, "السادسة": 6,
        "السابعة": 7, "الثامنة": 8, "التاسعة": 9, "العاشرة": 10, "الحادية": 1,
    }
)
_ORDINAL_TENS = _table({"العشرين": 20, "عشرين": 20, "الثلاثين": 30, "ثلاثين": 30})

_MONTHS = _table(
    {
        "يناير": 1, "كانون الثاني": 1, "فبراير": 2, "شباط": 2, "مارس": 3, "آذار": 3,
        "أبريل": 4, "ابريل": 4, "إبريل": 4, "نيسان": 4, "مايو": 5, "أيار": 5,
        "يونيو": 6, "يونيه": 6, "حزيران": 6, "يوليو": 7, "يوليه": 7, "تموز": 7,
        "أغسطس": 8, "اغسطس": 8, "آب": 8, "سبتمبر": 9, "أيلول": 9,
        "أكتوبر": 10, "اكتوبر": 10, "تشرين الأول": 10, "نوفمبر": 11, "تشرين الثاني": 11,
        "ديسمبر": 12, "كانون الأول": 12,
    }
)
_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
# A month, optionally doubled with its other name: "تشرين الأول/ أكتوبر", "أكتوبر (تشرين الأول)".
_MONTH_GROUP = rf"(?P<month>{_MONTH_RE})(?:\s*[/(]\s*(?:{_MONTH_RE})(?:\s*\))?)?(?![\u0621-\u064a])"

_PREFIXES = ("وبال", "وال", "بال", "فال", "لل", "ال", "و", "ب", "ل", "ف", "ك")

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[\u0621-\u064a]+|%|[^\s]")
_WS = re.compile(r"\s*")


class _Tok(NamedTuple):  # a tuple: made for every word of every article, twice as fast as a dataclass
    text: str
    start: int
    end: int


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _strip_prefix(word: str, table: Mapping[str, float] | set[str]) -> tuple[str, int] | None:
    """The word without a proclitic (و، ب، ال ...) if that leaves an entry of `table`."""
    if word in table:
        return word, 0
    for p in _PREFIXES:
        rest = word[len(p):]
        # a one-letter ب/ل/ف/ك before a short word is more often part of it (لست)
        if word.startswith(p) and rest in table and (len(rest) >= 3 or p in ("و", "ال", "وال")):
            return rest, len(p)
    return None


# --------------------------------------------------------------------------- digits
def parse_digits(s: str) -> float:
    """ASCII digit string with separators → value.

    `,` followed by groups of exactly three digits is a thousands separator
    (44,758); so is `.` when it appears more than once (1.234.567); otherwise
    `.`/`,` is a decimal point (2.3 مليون, 2,5).
    """
    if re.fullmatch(r"\d{1,3}(,\d{3})+", s):
        return float(s.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(\.\d{3}){2,}", s):
        return float(s.replace(".", ""))
    if s.count(".") + s.count(",") == 1:
        return float(s.replace(",", "."))
    return float(re.sub(r"[.,]", "", s))


def rounding_unit(value: float, stated: str | None = None) -> float:
    """10 ** (trailing zeros) for whole numbers; 10 ** -(decimals) otherwise.

    `stated` is the digit string as written, so that `2.30` keeps 0.01.
    """
    frac_value = parse_digits(stated) if stated else value
    if stated and not float(frac_value).is_integer():
        decimals = len(re.search(r"[.,](\d+)$", stated).group(1))
        if value != frac_value:  # a scale word multiplied it: 2.3 مليون
            return float(10 ** (len(str(int(round(value)))) - len(str(int(frac_value))) - decimals))
        return 10.0**-decimals
    if value != int(value) or value == 0:
        return 1.0
    n, zeros = int(value), 0
    while n % 10 == 0:
        n //= 10
        zeros += 1
    return float(10**zeros)


# --------------------------------------------------------------------------- hedges
@dataclass(frozen=True)
class HedgeLexicon:
    """Folded hedge phrases, longest first, for prefix and suffix matching."""

    before: tuple[tuple[str, str], ...]  # (phrase, hedge)
    after: tuple[tuple[str, str], ...]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Mapping[str, Sequence[str]]]) -> HedgeLexicon:
        before, after = [], []
        for hedge, sides in data.items():
            if hedge not in HEDGES:
                raise ValueError(f"unknown hedge {hedge!r}; known: {', '.join(HEDGES)}")
            before += [(fold(p), hedge) for p in sides.get("before", []) or []]
            after += [(fold(p), hedge) for p in sides.get("after", []) or []]

        def key(x: tuple[str, str]) -> int:
            return -len(x[0])

        return cls(tuple(sorted(before, key=key)), tuple(sorted(after, key=key)))

    def match_before(self, text: str, end: int) -> tuple[int, str] | None:
        """A hedge phrase ending at `end` (spaces allowed between it and the number)."""
        head = text[:end].rstrip()
        if head.endswith(" ال") or head.endswith(" لل"):
            head = head[:-2].rstrip()  # نحو الـ250, قرابة الـ 40
        for phrase, hedge in self.before:
            if head.endswith(phrase):
                start = len(head) - len(phrase)
                if start == 0 or not text[start - 1].isalnum():
                    return start, hedge
                # glued conjunction: وأكثر من / فأكثر من
                if text[start - 1] in "وف" and (start == 1 or not text[start - 2].isalnum()):
                    return start, hedge
        return None

    def match_after(self, text: str, start: int) -> tuple[int, str] | None:
        m = _WS.match(text, start)
        pos = m.end()
        for phrase, hedge in self.after:
            if text.startswith(phrase, pos):
                end = pos + len(phrase)
                if end == len(text) or not text[end].isalnum():
                    return end, hedge
        return None


# --------------------------------------------------------------------------- scanning
_PERCENT_WORDS = tuple(fold(w) for w in ("في المائة", "في المئة", "بالمائة", "بالمئة", "بالمية", "في المية"))
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_YEAR_AFTER_MONTH = re.compile(r"\s*(?P<year>(?:19|20)\d\d)(?!\d)(?:\s*م(?![\u0621-\u064a]))?")
_DATE_DAY = re.compile(rf"(?P<day>\d{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?{_MONTH_GROUP}")
_MONTH_ONLY = re.compile(rf"(?<![\u0621-\u064a]){_MONTH_GROUP}")
_RELATIVE = re.compile(r"\s*(?P<rel>الماضي|المنصرم|الفايت|الجاري|الحالي)(?![\u0621-\u064a])")
_YEAR_WORD = re.compile(r"(?:عام|العام|سنه|السنه|منذ|حتى|قبل|بعد|في|خلال|مطلع|اواخر|اوايل|نهايه|بدايه)\s*$")


def scan(text: str, hedges: HedgeLexicon) -> list[Mention]:
    """All numbers, dates and skipped digit runs of a normalized text, in order."""
    taken: list[tuple[int, int]] = []
    found: list[Mention] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(m: Mention) -> None:
        found.append(m)
        taken.append((m.start, m.end))

    for m in _TIME.finditer(text):
        add(Skipped(m.start(), m.end(), "time of day"))
    for mention in _scan_dates(text):
        if free(mention.start, mention.end):
            add(mention)
    toks = _tokens(text)
    i = 0
    while i < len(toks):
        word = toks[i].text
        # cheap test first: most tokens are neither digits nor number words
        if not (word[0].isdigit() or _vague_value(word) or _word_value(word)) or not free(toks[i].start, toks[i].end):
            i += 1
            continue
        parsed = _parse_number(toks, i, text)
        if parsed is None:
            i += 1
            continue
        j, value, vague, stated = parsed
        num_start, num_end = toks[i].start, toks[j - 1].end
        # prefix clitic glued to a number word (والخمسة): the surface starts at the number
        first = toks[i].text
        if not first[0].isdigit():
            for table in (_SMALL, _SCALES, _DUAL_SCALES, _VAGUE, _TEEN_ONE):
                hit = _strip_prefix(first, table)
                if hit:
                    num_start += hit[1]
                    break
        unit, end = "count", num_end
        pm = _match_percent(text, num_end)
        if pm is not None:
            unit, end = "percent", pm
        elif num_start > 0 and text[num_start - 1] == "%":
            unit, num_start = "percent", num_start - 1
        hedge, start = "exact", num_start
        hb = hedges.match_before(text, num_start)
        if hb is not None:
            start, hedge = hb
        ha = hedges.match_after(text, end)
        if ha is None and hedge == "exact":
            # after the counted noun: "240 شخصا تقريبا", "200 شخص على الأقل"
            noun = _ONE_WORD.match(text, end)
            ha = hedges.match_after(text, noun.end()) if noun else None
        if ha is not None and hedge == "exact":
            end, hedge = ha
        if vague and hedge == "exact":
            hedge = "more_than"
        if not free(start, end):  # a hedge phrase must not swallow an earlier mention
            start = num_start
        add(
            NumberMention(
                start=start, end=end, value=value, unit=unit, hedge=hedge,
                # "عشرات/آلاف" span an order of magnitude: with u = 9v, "more than" gives (v, 10v]
                rounding=9 * value if vague else rounding_unit(value, stated), vague=vague, num_start=num_start,
            )
        )
        while i < len(toks) and toks[i].start < end:
            i += 1
    found.sort(key=lambda m: m.start)
    return found


def _match_percent(text: str, pos: int) -> int | None:
    m = _WS.match(text, pos)
    p = m.end()
    if p < len(text) and text[p] == "%" and p - pos <= 1:
        return p + 1
    for w in _PERCENT_WORDS:
        if text.startswith(w, p):
            return p + len(w)
    return None


@lru_cache(maxsize=65536)
def _word_value(word: str) -> tuple[str, float] | None:
    """('small'|'scale'|'dual'|'vague'|'teen1', value) for a number word, clitics stripped."""
    for kind, table in (("small", _SMALL), ("dual", _DUAL_SCALES), ("scale", _SCALES), ("vague", _VAGUE)):
        hit = _strip_prefix(word, table)
        if hit:
            return kind, table[hit[0]]
    if _strip_prefix(word, _TEEN_ONE):
        return "teen1", 1
    hit = _strip_prefix(word, _FRACTIONS)
    if hit:
        return "fraction", _FRACTIONS[hit[0]]
    if _strip_prefix(word, _FEW):
        return "few", 0.0  # a quantity only with the scale that follows
    if _strip_prefix(word, _DUAL_NOUNS):
        return "dual_noun", 2.0
    return None


@lru_cache(maxsize=65536)
def _vague_value(word: str) -> tuple[str, float] | None:
    hit = _strip_prefix(word, _VAGUE)
    return ("vague", _VAGUE[hit[0]]) if hit else None


def _parse_number(toks: list[_Tok], i: int, text: str) -> tuple[int, float, bool, str | None] | None:
    """Parse a number starting at token i: (next token index, value, vague, digits as stated)."""
    tok = toks[i]
    stated: str | None = None
    if tok.text[0].isdigit():
        if len(tok.text) > 1 and tok.text[0] == "0" and tok.text[1].isdigit():
            return None  # phone numbers, codes
        stated = tok.text
        value = parse_digits(tok.text)
        j = i + 1
        # "24 ألف", "2.3 مليون", "3 آلاف", "150 ألفا"
        scale = None
        if j < len(toks) and _adjacent(toks[j - 1], toks[j], text):
            wv = _word_value(toks[j].text)
            if wv and wv[0] in ("scale", "vague") and _bare(toks[j].text):
                scale = wv[1]
                value *= scale
                j += 1
                if j < len(toks) and toks[j].text in _HALF_AFTER and _adjacent(toks[j - 1], toks[j], text):
                    value += scale / 2  # 2 مليون ونصف
                    j += 1
                elif (j + 1 < len(toks) and toks[j].text == "و" and _adjacent(toks[j - 1], toks[j], text)
                      and toks[j + 1].text.isdigit() and _adjacent(toks[j], toks[j + 1], text)
                      and parse_digits(toks[j + 1].text) < scale):
                    value += parse_digits(toks[j + 1].text)  # 33 ألفا و175: one figure, 33175
                    stated = None
                    j += 2
        if scale is None and re.fullmatch(r"\d{1,3}\.\d{3}", stated):
            value = float(stated.replace(".", ""))  # 3.500 شهيد: a dot between thousands, as often written
        return j, value, False, stated
    if i > 0 and tok.text in _TEN_WORDS and toks[i - 1].text in _ORDINAL_UNITS:
        return None  # the عشر of an ordinal: القرن التاسع عشر
    if tok.text in _WEEKDAYS:
        return None  # الاثنين is Monday
    wv = _vague_value(tok.text) or _word_value(tok.text)
    if wv is None:
        return None
    kind, v = wv
    nxt_scale = _word_value(toks[i + 1].text) if i + 1 < len(toks) and _adjacent(tok, toks[i + 1], text) else None
    if kind in ("fraction", "few"):
        if not nxt_scale or nxt_scale[0] not in ("scale", "vague", "small") or nxt_scale[1] < 100:
            return None  # نصف السكان, عدة مرات: no figure
        if kind == "few":
            return i + 2, nxt_scale[1], True, None  # بضعة آلاف: thousands
        return i + 2, v * nxt_scale[1], False, None  # نصف مليون
    if kind == "dual_noun":
        return i + 1, 2.0, False, None
    if kind == "teen1":
        if i + 1 < len(toks) and toks[i + 1].text in _TEN_WORDS:
            return _continue_words(toks, i + 2, text, total=0.0, group=11.0)
        return None
    if kind == "vague":
        # عشرات الآلاف، مئات الآلاف
        j = i + 1
        nxt = _strip_prefix(toks[j].text, _VAGUE) if j < len(toks) else None
        if nxt and v < 1000 and _VAGUE[nxt[0]] >= 1000:
            v *= _VAGUE[nxt[0]]
            j += 1
        return j, v, True, None
    if kind == "dual":
        return _continue_words(toks, i + 1, text, total=2 * v, group=0.0)
    if kind == "scale":
        if tok.text in _ACCUSATIVE_OR_DUAL and i + 1 < len(toks) and _adjacent(tok, toks[i + 1], text) \
                and _ARABIC_WORD.fullmatch(toks[i + 1].text) and not _word_value(toks[i + 1].text):
            return i + 1, 2 * v, False, None  # مليونا شخص: a dual in construct, two million
        return _continue_words(toks, i + 1, text, total=v, group=0.0)
    return _continue_words(toks, i + 1, text, total=0.0, group=v)


def _continue_words(toks: list[_Tok], j: int, text: str, total: float, group: float) -> tuple[int, float, bool, None]:
    """Extend a number-word sequence: و-joined parts, teens, hundreds, scales."""
    last = group or total
    while j < len(toks) and _adjacent(toks[j - 1], toks[j], text):
        word = toks[j].text
        if (word == "و" and group == 0 and last >= 1000 and j + 1 < len(toks) and toks[j + 1].text.isdigit()
                and _adjacent(toks[j], toks[j + 1], text)):
            # مليون و200 ألف: digits joined to a scale word, with their own scale
            part, k = parse_digits(toks[j + 1].text), j + 2
            nxt = _word_value(toks[k].text) if k < len(toks) and _adjacent(toks[k - 1], toks[k], text) else None
            if nxt and nxt[0] in ("scale", "vague") and nxt[1] < last:
                part, k = part * nxt[1], k + 1
            if part < last:
                total += part
                j = k
            break
        if word in _HALF_AFTER and group == 0 and last >= 1000:
            total += last / 2  # مليون ونصف
            j += 1
            break
        joined = word.startswith("و") and len(word) > 1
        wv = _word_value(word)
        if wv is None:
            break
        kind, v = wv
        if kind in ("scale", "vague") and not joined:
            # "ثلاثة آلاف", "أربعة وعشرون ألفا", "مئات" after a unit is not vague here
            if group == 0 and total:
                break
            total += (group or 1) * v
            group, last = 0.0, v
            j += 1
            continue
        if kind == "small" and v in (10,) and not joined and 0 < group < 10 and word in _TEN_WORDS:
            group += 10  # ثلاثة عشر
            last = group
            j += 1
            continue
        if kind == "small" and not joined and _bare(word) and word in _HUNDRED_WORDS and 0 < group < 10:
            group *= 100  # ثلاث مئة
            last = group
            j += 1
            continue
        if kind == "small" and joined and _plausible_after(last, v):
            group += v
            last = v
            j += 1
            continue
        if kind == "teen1" and joined and j + 1 < len(toks) and toks[j + 1].text in _TEN_WORDS:
            group += 11
            last = 11
            j += 2
            continue
        break
    return j, total + group, False, None


def _plausible_after(last: float, v: float) -> bool:
    """In Arabic order a unit precedes its ten (أربعة وعشرون); else parts go down."""
    if last < 10 and v >= 20 and v < 100:
        return True
    return v < _magnitude(last)


def _magnitude(x: float) -> float:
    m = 1.0
    while m <= x:
        m *= 10
    return m


def _bare(word: str) -> bool:
    return not word.startswith("و") or word in _SCALES or word in _SMALL or word in _VAGUE


def _adjacent(a: _Tok, b: _Tok, text: str) -> bool:
    """Tokens separated by whitespace only (not by punctuation or a line break)."""
    gap = text[a.end:b.start]
    return gap.strip() == "" and "\n" not in gap


# --------------------------------------------------------------------------- dates
def _scan_dates(text: str) -> Iterable[DateMention]:
    spans: list[tuple[int, int]] = []

    def clash(s: int, e: int) -> bool:
        return any(not (e <= a or s >= b) for a, b in spans)

    def finish(start: int, end: int, day: int | None, month: int) -> DateMention:
        year = None
        ym = _YEAR_AFTER_MONTH.match(text, end)
        if ym:
            year, end = int(ym.group("year")), ym.end()
        rel = ""
        rm = _RELATIVE.match(text, end)
        if rm:
            rel = "past" if rm.group("rel") in ("الماضي", "المنصرم", "الفايت") else "current"
            end = rm.end()
        spans.append((start, end))
        return DateMention(start, end, day, month, year, rel)

    results: list[DateMention] = []
    for m in _DATE_DAY.finditer(text):
        if m.start() > 0 and (text[m.start() - 1].isdigit() or text[m.start() - 1] in ".,"):
            continue
        day = int(m.group("day"))
        if not 1 <= day <= 31:
            continue
        results.append(finish(m.start(), m.end(), day, _MONTHS[m.group("month")]))
    for m in _ordinal_dates(text):
        if not clash(*m[:2]):
            results.append(finish(m[0], m[1], m[2], m[3]))
    for m in _MONTH_ONLY.finditer(text):
        if not clash(m.start(), m.end()):
            ym = _YEAR_AFTER_MONTH.match(text, m.end())
            if ym:  # "نوفمبر 2023": a month, not a claim, but its year is no figure either
                results.append(finish(m.start(), m.end(), None, _MONTHS[m.group("month")]))
    # bare years after a year word: عام 1967، منذ 2006
    for m in re.finditer(r"(?<!\d)(?:19|20)\d\d(?!\d)", text):
        if clash(m.start(), m.end()):
            continue
        if _YEAR_WORD.search(text, max(0, m.start() - 12), m.start()) or _followed_by_year_mark(text, m.end()):
            spans.append((m.start(), m.end()))
            results.append(DateMention(m.start(), m.end(), None, None, int(m.group())))
    return results


def _followed_by_year_mark(text: str, pos: int) -> bool:
    return re.match(r"\s*م(?![\u0621-\u064a])", text[pos:pos + 4]) is not None


_ORDINAL_DATE = re.compile(
    rf"(?<![\u0621-\u064a])[وبف]?(?:في\s+)?(?P<unit>{'|'.join(sorted(map(re.escape, _ORDINAL_UNITS), key=len, reverse=True))})"
    rf"(?:\s+(?P<teen>عشر|عشره)|\s+و(?P<tens>{'|'.join(map(re.escape, _ORDINAL_TENS))}))?"
    rf"\s+(?:من\s+)?(?:شهر\s+)?{_MONTH_GROUP}"
    rf"|(?<![\u0621-\u064a])(?P<tensonly>العشرين|الثلاثين)\s+(?:من\s+)?(?:شهر\s+)?(?P<month2>{_MONTH_RE})"
)


def _ordinal_dates(text: str) -> Iterable[tuple[int, int, int, int]]:
    for m in _ORDINAL_DATE.finditer(text):
        if m.group("tensonly"):
            day = _ORDINAL_TENS[m.group("tensonly")]
            month = _MONTHS[m.group("month2")]
            start = m.start("tensonly")
        else:
            day = int(_ORDINAL_UNITS[m.group("unit")])
            if m.group("teen"):
                day += 10
            elif m.group("tens"):
                day += int(_ORDINAL_TENS[m.group("tens")])
            month = _MONTHS[m.group("month")]
            start = m.start("unit")
        if 1 <= day <= 31:
            yield start, m.end(), day, month


def format_figure(x: float) -> str:
    """A figure as a person writes it: 2300000, 1117.2 (not 2.3e+06 or 1300.0)."""
    x = float(x)
    return str(int(x)) if x.is_integer() else f"{x:.6f}".rstrip("0").rstrip(".")


# --------------------------------------------------------------------------- intervals
def interval(value: float, hedge: str, rounding: float, tolerance: float, bound_units: float) -> tuple[float, float | None]:
    """The values a hedged figure allows (SPEC §5). `None` as high means unbounded.

    Open ends (أكثر من v excludes v itself) are not represented here; see
    `open_ends()`, which derives them from the hedge.
    """
    u, v = rounding, value
    reach = u * bound_units if bound_units > 0 else None
    if hedge == "approx":
        d = max(u / 2, tolerance * v)
        return v - d, v + d
    if hedge in ("more_than", "at_least"):
        return v, (v + reach if reach is not None else None)
    if hedge in ("less_than", "at_most"):
        return (v - reach if reach is not None else 0.0), v
    return v, v


def open_ends(hedge: str) -> tuple[bool, bool]:
    """Whether the low and high ends of a hedge's interval are excluded."""
    return hedge == "more_than", hedge == "less_than"
