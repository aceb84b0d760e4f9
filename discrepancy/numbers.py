"""Arabic number reading: where the numbers are in a normalized text and what they say.

`scan()` walks a text already passed through `normalize()` (ASCII digits,
folded letters, no diacritics) and returns, in order and without overlap:

- `NumberMention`: a count or percentage with its hedge and rounding unit;
- `DateMention`: a calendar date (day, month, maybe year), or a bare
  month/year that only *uses up* its digits (`نوفمبر 2023`, `عام 1967`);
- `Skipped`: digits that are clearly not figures (times of day).

What counts as a *claim* is decided later, in `extract/`; this module only
reads numbers. The number-word tables are Arabic grammar, not tunable rules, so
they live here; hedge phrases are data (`rules/lexicon/hedges.yaml`).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from .normalize import fold

HEDGES = ("exact", "approx", "more_than", "at_least", "less_than", "at_most", "between")
# Beyond this a number states no toll or share (and past 2**53 a float stops being
# exact): such numbers are skipped, so no report ever holds Infinity or a mangled figure.
MAX_FIGURE = 1e15
_DIGITS = frozenset("0123456789")  # after normalize(); other Unicode digits (², ①, ₀) are no numbers
_MINUS = "-\u2212"
# days a month can have: "32 مارس" or "0 مارس" is neither a date nor a count
_MONTH_DAYS = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


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
    high: float | None = None  # the upper bound of a range (hedge "between": بين 20 و30)


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
        "ثلاثا": 3, "أربعا": 4, "خمسا": 5, "سبعا": 7, "ثمانيا": 8, "تسعا": 9, "عشرا": 10,
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
# The "two" of a teen in construct (اثنا عشر، اثنتي عشرة) is a number only before عشر/عشرة: alone,
# the verb أثنى (praised) folds to it.
_TEEN_TWO = {fold(w) for w in ("اثنا", "اثني", "اثنتا", "اثنتي")}
# the "two" that stands alone (اثنان، اثنتين): the other forms of two
_TWO = {w for w, v in _SMALL.items() if v == 2} - _TEEN_TWO
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
        "طفلتين", "طفلتان", "صحفيتين", "أسيرتين",
        "حالتين", "حالتان", "حالتي", "إصابتين", "إصابتان", "وفاتين", "وفاتان",  # حالتي وفاة: two deaths
        "جثتين", "جثتان", "معتقلان", "مفقودان", "مصابان", "ناجيان", "سجينين", "سجينان", "مهاجران",
        "طبيبين", "طبيبان", "ممرضتين", "ممرضتان", "رجلين", "رجلان", "فتاتين", "فتاتان", "شقيقين", "شقيقان",
        "متظاهران", "محتجان", "مراهقان",
    )
}
# Words that fold to a proclitic and a number word but are other words: كمية (a quantity) is
# ك + مية (the spoken مئة) once ة and ئ fold.
_LOOKALIKES = {fold("كمية")}
# ميتا (dead: "طفل ولد ميتا"، "عثر عليه ميتا في شقته") folds like the dual in construct مئتا, which
# its counted noun follows ("مئتا رهينة"): without a noun right after it, it is the adjective.
_DEAD_OR_TWO_HUNDRED = fold("مئتا")
_NOT_A_NOUN = {fold(w) for w in ("في", "عند", "داخل", "بعد", "على", "من", "إلى", "قرب", "أمام", "تحت")}
_TEN_WORDS = {fold("عشر"), fold("عشرة")}
_DUAL_SUBJECTS = {fold(w) for w in ("هما", "وهما", "فهما", "كانا", "وكانا")}  # وهما إسبانيان: said of two already named
_HUNDRED_WORDS = {fold("مائة"), fold("مئة")}
# Alone before a noun, these are duals in construct (مليونا شخص = two million people);
# after a number they are accusative singulars (150 ألفا).
_ACCUSATIVE_OR_DUAL = {fold(w) for w in ("ألفا", "مليونا", "مليارا")}
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")
_ONE_WORD = re.compile(r"\s+[\u0621-\u064a]+(?=\s)")
# with the accusative forms (ثلاثاً، أربعاً) among the cardinals, a weekday written without its
# hamza (الثلاثا، الأربعا) would read as one
# Indefinite ordinals before عشر ("جندي ثالث عشر": the thirteenth): a teen ordinal, no count.
_ORDINAL_BARE = {fold(w) for w in ("حادي", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع",
                                   "حادية", "ثانية", "ثالثة", "رابعة", "خامسة", "سادسة", "سابعة", "ثامنة", "تاسعة")}
# Words of time that "one" follows as an adjective ("ليوم واحد": for a single day), no count of people.
_TIME_ONE = {fold(w) for w in ("يوم", "ليوم", "بيوم", "ساعة", "لساعة", "أسبوع", "لأسبوع", "شهر", "لشهر", "عام",
                               "لعام", "سنة", "لسنة", "ليلة", "لليلة", "دقيقة", "مرة", "لمرة", "دفعة")}

_WEEKDAYS = {fold(w) for w in ("الاثنين", "الإثنين", "والاثنين", "والإثنين", "بالاثنين",
                               "الثلاثا", "والثلاثا", "الأربعا", "والأربعا")}

# Scale words: value multiplied, and whether the form itself is dual (2 x scale).
_SCALES = _table(
    {
        "ألف": 1e3, "ألفا": 1e3, "آلاف": 1e3, "ألوف": 1e3,
        "مليون": 1e6, "مليونا": 1e6, "ملايين": 1e6,
        "مليار": 1e9, "مليارا": 1e9, "مليارات": 1e9, "بليون": 1e9,
        "تريليون": 1e12, "تريليونا": 1e12, "تريليونات": 1e12, "ترليون": 1e12, "ترليونا": 1e12, "ترليونات": 1e12,
    }
)
_DUAL_SCALES = _table(
    {
        "ألفان": 1e3, "ألفين": 1e3, "ألفي": 1e3, "ألفا": 0,  # ألفا is accusative singular, see _SCALES
        "مليونان": 1e6, "مليونين": 1e6, "مليوني": 1e6, "مليونا": 0,
        "ملياران": 1e9, "مليارين": 1e9, "ملياري": 1e9,
        "تريليونان": 1e12, "تريليونين": 1e12, "تريليوني": 1e12, "ترليونان": 1e12, "ترليونين": 1e12, "ترليوني": 1e12,
    }
)
_DUAL_SCALES = {k: v for k, v in _DUAL_SCALES.items() if v}
# Plurals that alone mean "tens/hundreds/thousands of": an order of magnitude.
# (and their accusatives with tanween alef: "أعلنت المنظمة أن آلافا من المواطنين قد نزحوا")
_VAGUE = _table({"عشرات": 10, "مئات": 100, "مئآت": 100, "آلاف": 1e3, "ألوف": 1e3, "ملايين": 1e6, "مليارات": 1e9,
                 "آلافا": 1e3, "ألوفا": 1e3,
                 "تريليونات": 1e12, "ترليونات": 1e12})

# Ordinal day words for dates (الحادي عشر من سبتمبر, الحادي والعشرين من ...).
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
        # the Maghreb's names (شتنبر، جوان)
        "جانفي": 1, "فيفري": 2, "أفريل": 4, "افريل": 4, "ماي": 5, "جوان": 6, "جويلية": 7, "يوليوز": 7,
        "أوت": 8, "اوت": 8, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
    }
)
_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
# A month, optionally doubled with its other name: "تشرين الأول/ أكتوبر", "أكتوبر (تشرين الأول)".
_MONTH_GROUP = rf"(?P<month>{_MONTH_RE})(?:\s*[/(]\s*(?:{_MONTH_RE})(?:\s*\))?)?(?![\u0621-\u064a])"

_PREFIXES = ("وبال", "وال", "بال", "فال", "لل", "ال", "و", "ب", "ل", "ف", "ك")

# A digit token: thousands grouped by the Arabic comma (18،000) or by one space
# (40 000), the Arabic decimal mark ر (9ر1), or digits with . and , separators.
_TOKEN = re.compile(
    r"[0-9]{1,3}(?:\u060c[0-9]{3})+(?![0-9])"
    r"|[0-9]{1,3}(?: [0-9]{3})+(?![0-9.,])"
    r"|[0-9]+\u0631[0-9]+(?![0-9\u0621-\u064a])"
    r"|[0-9]+(?:[.,][0-9]+)*|[\u0621-\u064a]+|%|[^\s]"
)
_WS = re.compile(r"\s*")
# words that deny the verb after them ("لم يتجاوز"): no hedge of the number it governs
_NEGATIONS = ("لم", "لا", "لن", "ولم", "ولا", "ولن")
# the counted noun's adjective of nationality or kind (أمريكيا، عسكريين), with its tanween
_NISBA_AFTER = re.compile(r"\s+[\u0621-\u064a]+(?:يا|ي|يين|يون|يه|ية|يات)[\u064b-\u0652]*(?=\s)")
# "من" and the group a count is taken from, up to four words (no figure, no clause mark)
_OF_GROUP_AFTER = re.compile(r"\s+من\s+[\u0621-\u064a]+[\u064b-\u0652]*(?:\s+[\u0621-\u064a]+[\u064b-\u0652]*){0,3}?(?=\s+عل[يى]\s+ال[اأ]قل)")
# a hedge set off by commas after the counted noun: "، على الأقل،"
_ASIDE = re.compile(r"\s+[\u0621-\u064a]+[\u064b-\u0652]*\s*[،,]\s*")
_ASIDE_END = re.compile(r"\s*[،,.]")
# ... or quoted after it, as a source's own words: 40 شخصا “على الأقل” قتلوا
_QUOTED = re.compile(r"\s+[\u0621-\u064a]+[\u064b-\u0652]*\s*[\"“”«]")
_QUOTED_END = re.compile(r"[\"“”»]")


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


@lru_cache(maxsize=16)
def _prefixed(table: frozenset[str]) -> dict[str, tuple[str, int]]:
    """Every word `_strip_prefix` takes back to an entry of `table`, with what it gives: one
    look-up per word of an article instead of a try per proclitic (the same answers: the
    entries themselves first, then the proclitics in `_PREFIXES`' order)."""
    out = {w: (w, 0) for w in table}
    for p in _PREFIXES:
        for rest in table:
            if len(rest) >= 3 or p in ("و", "ال", "وال"):
                out.setdefault(p + rest, (rest, len(p)))
    return out


# --------------------------------------------------------------------------- digits
def canonical_digits(s: str) -> str:
    """A digit token as written → plain `digits[.digits]`.

    `,` followed by groups of exactly three digits is a thousands separator
    (44,758); so is `.` when it appears more than once (1.234.567), the Arabic
    comma (18،000) and a space (40 000); otherwise `.`/`,` is a decimal point
    (2.3 مليون, 2,5). With the Arabic decimal mark ر the fraction is typed first
    so that the figure shows as 1ر9 right-to-left: `9ر1` is 1.9.
    """
    if s.isdigit():  # most figures: no mark to read
        return s
    if "\u0631" in s:
        frac, _, whole = s.partition("\u0631")
        return f"{whole}.{frac}"
    if "\u060c" in s or " " in s:
        return s.replace("\u060c", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}(,\d{3})+", s):
        return s.replace(",", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3}){2,}", s):
        return s.replace(".", "")
    if s.count(".") + s.count(",") == 1:
        return s.replace(",", ".")
    return re.sub(r"[.,]", "", s)


def parse_digits(s: str) -> float:
    """ASCII digit string with separators → value (see `canonical_digits`)."""
    return float(canonical_digits(s))


def rounding_unit(value: float, stated: str | None = None) -> float:
    """10 ** (trailing zeros) for whole numbers; 10 ** -(decimals) otherwise.

    `stated` is the digit string as written, so that `2.30` keeps 0.01 and
    `2.3 مليون` gets 100000. Total for any float: a number too large to be a
    figure (see MAX_FIGURE) never gets here, but must not crash if it does.
    """
    if not math.isfinite(value):
        return 1.0
    if stated:
        whole, _, frac = canonical_digits(stated).partition(".")
        if frac.strip("0"):
            decimals = len(frac)
            base = float(f"{whole or 0}.{frac}")
            if base and abs(value - base) > 1e-9 * abs(value):  # a scale word multiplied it: 2.3 مليون
                return 10.0 ** (round(math.log10(abs(value / base))) - decimals)
            return 10.0**-decimals
    if value != int(value) or value == 0:
        return 1.0
    n, zeros = abs(int(value)), 0
    while n % 10 == 0:
        n //= 10
        zeros += 1
    return float(10**zeros)


# --------------------------------------------------------------------------- hedges
_REACH = 64  # characters looked at before a number for its hedge: phrases are short


def _unclitic(word: str) -> set[str]:
    """A word and the word without a leading و/ف and then ب/ل (وبزيادة → زيادة)."""
    forms = {word}
    if word[:1] in "وف":
        word = word[1:]
        forms.add(word)
    if word[:1] in "بل":
        forms.add(word[1:])
    return forms


@dataclass(frozen=True)
class HedgeLexicon:
    """Folded hedge phrases, longest first, for prefix and suffix matching.

    `ranges` are the openers of a range and the joiners allowed with each
    (`بين` ... `و`, `من` ... `إلى`); `not_after` are words that make `من ... إلى`
    a change (ارتفع من 15 إلى 20), not a range; `alternatives` join two figures
    into a range with no opener (20 أو 30).
    """

    before: tuple[tuple[str, str], ...]  # (phrase, hedge)
    after: tuple[tuple[str, str], ...]
    ranges: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (opener, joiners), longest opener first
    not_after: frozenset[str] = field(default_factory=frozenset)
    # verbs whose subject (عدد الجرحى) stands between them and the number: (verb, hedge)
    verbs: Mapping[str, str] = field(default_factory=dict)
    subjects: frozenset[str] = field(default_factory=frozenset)  # عدد، حصيلة: what such a verb is said of
    alternatives: frozenset[str] = field(default_factory=frozenset)  # أو: "20 أو 30" is a range too
    so_far: tuple[str, ...] = ()  # حتى الآن: may stand between such a verb and its number, longest first

    @classmethod
    def from_mapping(cls, data: Mapping[str, Mapping[str, Sequence[str]]]) -> HedgeLexicon:
        before, after, ranges = [], [], []
        not_after: set[str] = set()
        alternatives: set[str] = set()
        verbs: dict[str, str] = {}
        subjects = data.get("subjects") or []
        if not _str_list(subjects):
            raise ValueError("subjects must be a list of words")
        so_far = data.get("so_far") or []
        if not _str_list(so_far):
            raise ValueError("so_far must be a list of phrases")
        for hedge, sides in data.items():
            if hedge in ("subjects", "so_far"):
                continue
            if hedge not in HEDGES:
                raise ValueError(f"unknown hedge {hedge!r}; known: {', '.join(HEDGES)}")
            if not isinstance(sides, Mapping):
                raise ValueError(f"{hedge}: expected a mapping (before/after lists), found {type(sides).__name__}")
            if hedge == "between":
                for form in sides.get("forms") or []:
                    if not isinstance(form, Mapping) or not _str_list(form.get("before")) or not _str_list(form.get("join")):
                        raise ValueError("between: each form needs `before` and `join` lists of phrases")
                    joins = tuple(fold(j) for j in form["join"])
                    ranges += [(fold(o), joins) for o in form["before"]]
                if not _str_list(sides.get("not_after") or []):
                    raise ValueError("between: not_after must be a list of words")
                not_after |= {fold(w) for w in sides.get("not_after") or []}
                if not _str_list(sides.get("alternatives") or []):
                    raise ValueError("between: alternatives must be a list of words")
                alternatives |= {fold(w) for w in sides.get("alternatives") or []}
                continue
            for side in ("before", "after", "verbs"):
                if not _str_list(sides.get(side) or []):
                    raise ValueError(f"{hedge}: {side} must be a list of phrases")
            before += [(fold(p), hedge) for p in sides.get("before", []) or []]
            after += [(fold(p), hedge) for p in sides.get("after", []) or []]
            verbs |= {fold(v): hedge for v in sides.get("verbs", []) or []}

        def key(x: tuple) -> int:
            return -len(x[0])

        return cls(tuple(sorted(before, key=key)), tuple(sorted(after, key=key)), tuple(sorted(ranges, key=key)),
                   frozenset(not_after), verbs, frozenset(fold(w) for w in subjects), frozenset(alternatives),
                   tuple(sorted((fold(p) for p in so_far), key=len, reverse=True)))

    @staticmethod
    def _phrase_before(text: str, end: int, phrases: Iterable[tuple[str, object]]) -> tuple[int, object] | None:
        """The first of `phrases` that ends at `end` as whole words (spaces before `end` allowed)."""
        base = max(0, end - _REACH)
        head = text[base:end].rstrip()
        if head.endswith(" ال") or head.endswith(" لل"):
            head = head[:-2].rstrip()  # نحو الـ250, قرابة الـ 40
        if head.endswith("("):
            head = head[:-1].rstrip()  # نحو (26) ألف
        if head.endswith(":"):
            head = head[:-1].rstrip()  # ما يصل إلى: (300) ألف
        if head.endswith(("«", '"', "“")):
            head = head[:-1].rstrip()  # تصل إلى «150 ألفاً»
        for phrase, what in phrases:
            if head.endswith(phrase):
                start = base + len(head) - len(phrase)
                if start == 0 or not text[start - 1].isalnum():
                    return start, what
                # glued conjunction: وأكثر من / فأكثر من
                if text[start - 1] in "وف" and (start == 1 or not text[start - 2].isalnum()):
                    return start, what
        return None

    def match_before(self, text: str, end: int) -> tuple[int, str] | None:
        """A hedge phrase ending at `end` (spaces allowed between it and the number)."""
        return self._phrase_before(text, end, self.before)  # type: ignore[return-value]

    def match_range_open(self, text: str, end: int) -> tuple[int, tuple[str, ...]] | None:
        """A range opener (بين، ما بين، من) right before a number, and its joiners."""
        hit = self._phrase_before(text, end, self.ranges)
        if hit is None or not self.not_after:
            return hit  # type: ignore[return-value]
        # "ارتفع عدد القتلى من 15 إلى 20" is a change over time: two figures, not a range
        clause = re.split(r"[.،,؛;:\n]", text[max(0, hit[0] - _REACH) : hit[0]])[-1]
        # within the opener's clause (تسبب بزيادة عدد المحتاجين للمساعدات الإنسانية من 18.8 إلى 20.7)
        words = _ARABIC_WORD.findall(clause)[-12:]
        if any(_unclitic(w) & self.not_after for w in words):
            return None
        return hit  # type: ignore[return-value]

    def match_verb(self, text: str, end: int) -> tuple[int, str] | None:
        """A verb said of a count whose subject stands before the number, and its hedge.

        "تجاوز عدد الجرحى 8400 شخص": the verb, then عدد/حصيلة and a few words (no
        punctuation, no digits), then the number. The surface stays the number: the
        verb is not next to it. A negated verb (لم يتجاوز) is left alone.
        """
        if not self.verbs:
            return None
        base = max(0, end - _REACH)
        clause = re.split(r"[.،,؛;:()\n0-9\"«»“”]", text[base:end])[-1]
        offset = end - len(clause)
        words = list(re.finditer(r"\S+", clause))
        # "فاقت حتى الآن 4300 قتيل": the verb, a "so far", then the number
        tail = clause.rstrip()
        phrase = next((p for p in self.so_far if tail.endswith(p) and tail[: len(tail) - len(p)].endswith(" ")), None)
        if phrase is not None:
            before = [w for w in words if w.end() <= len(tail) - len(phrase)]
            hedge = next((self.verbs[w] for w in _unclitic(before[-1].group()) if w in self.verbs), None) if before else None
            if hedge is not None and not (len(before) > 1 and before[-2].group() in _NEGATIONS):
                return offset + before[-1].start(), hedge
        for k in range(len(words) - 2, max(-1, len(words) - 9), -1):
            hedge = next((self.verbs[w] for w in _unclitic(words[k].group()) if w in self.verbs), None)
            if hedge is None:
                continue
            if not _unclitic(words[k + 1].group()) & self.subjects:
                return None
            if k > 0 and words[k - 1].group() in _NEGATIONS:
                return None
            return offset + words[k].start(), hedge
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


def _str_list(x: object) -> bool:
    return isinstance(x, list) and all(isinstance(v, str) for v in x)


# --------------------------------------------------------------------------- scanning
_PERCENT_WORDS = tuple(fold(w) for w in ("في المائة", "في المئة", "بالمائة", "بالمئة", "بالمية", "في المية"))
_TIME = re.compile(r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?")
# three digit groups or more joined by dashes are a phone number or a code (4300-566-808), never a
# range (two ends) nor a figure
_DIGIT_CHAIN = re.compile(r"(?<![0-9.,])[0-9]+(?:[-–][0-9]+){2,}(?![0-9.,])")
_YEAR_AFTER_MONTH = re.compile(r"\s*(?P<year>(?:19|20)[0-9][0-9])(?![0-9])(?:\s*م(?![\u0621-\u064a]))?")
_DATE_DAY = re.compile(rf"(?P<day>[0-9]{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?{_MONTH_GROUP}")
_MONTH_ONLY = re.compile(rf"(?<![\u0621-\u064a]){_MONTH_GROUP}")
# on folded text (إلى → الي، حتى → حتي)
_DAY_RANGE = re.compile(rf"(?<![\u0621-\u064a])(?:ما\s+)?(?:بين|من)\s+(?P<day>[0-9]{{1,2}})\s*(?:و|-|الي\s|حتي\s)\s*"
                        rf"(?P<day2>[0-9]{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?{_MONTH_GROUP}")
# or two days joined by a dash right before their month, with no word before them (ليلة 15-16 مارس)
_DASHED_DAY_RANGE = re.compile(rf"(?<![0-9.,/\-–])(?P<day>[0-9]{{1,2}})\s*[-–]\s*(?P<day2>[0-9]{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?{_MONTH_GROUP}")
_RELATIVE = re.compile(r"\s*(?P<rel>الماضي|المنصرم|الفايت|الجاري|الحالي)(?![\u0621-\u064a])")
# a whole word (with its clitics): "تعافي 1966 مصابا" ends in في but is no "في 1966"
_YEAR_WORD = re.compile(r"(?<![\u0621-\u064a])[وبلف]?(?:عام|العام|سنه|السنه|منذ|حتى|قبل|بعد|في|خلال|مطلع|اواخر|اوايل|نهايه|بدايه)\s*$")


class _Spans:
    """Disjoint spans kept sorted: "is this span free?" and "take it" in O(log n).

    Scanning used to test every new span against every earlier one, which made
    reading an article quadratic in its figures.
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, s: int, e: int) -> bool:
        i = bisect_right(self.starts, s)
        if i > 0 and self.ends[i - 1] > s:
            return False
        return not (i < len(self.starts) and self.starts[i] < e)

    def add(self, s: int, e: int) -> None:
        i = bisect_right(self.starts, s)
        self.starts.insert(i, s)
        self.ends.insert(i, e)


def scan(text: str, hedges: HedgeLexicon, dual_words: frozenset[str] = frozenset(),
         single_words: frozenset[str] = frozenset(), people_words: frozenset[str] = frozenset()) -> list[Mention]:
    """All numbers, dates and skipped digit runs of a normalized text, in order.

    `dual_words` are folded duals of the lexicon's words (إسبانيان: two Spaniards), figures of two;
    `single_words` their singulars (<national>ي), figures of one as items of a list of counted
    `people_words` (docs/annotation.md, lists by nationality).
    """
    spans = _Spans()
    found: list[Mention] = []

    def add(m: Mention) -> None:
        found.append(m)
        spans.add(m.start, m.end)

    for m in _TIME.finditer(text):
        add(Skipped(m.start(), m.end(), "time of day"))
    for mention in _scan_dates(text):
        if spans.free(mention.start, mention.end):
            add(mention)
    for m in _DIGIT_CHAIN.finditer(text):  # after the dates: 2023-08-10 is one
        if spans.free(m.start(), m.end()):
            add(Skipped(m.start(), m.end(), "a phone number or a code"))
    toks = _tokens(text)
    i = 0
    while i < len(toks):
        word = toks[i].text
        # cheap test first: most tokens are neither digits nor number words
        if not (word[0] in _DIGITS or _vague_value(word) or _word_value(word)) or not spans.free(toks[i].start, toks[i].end):
            i += 1
            continue
        rng = _parse_range(toks, i, text, hedges, spans) or _parse_alternatives(toks, i, text, hedges, spans)
        if rng is not None:
            add(rng[1])
            i = rng[0]
            continue
        parsed = _parse_number(toks, i, text)
        if parsed is None:
            i += 1
            continue
        j, value, vague, stated = parsed
        num_start, num_end = toks[i].start, toks[j - 1].end
        if i > 0 and toks[i - 1].text == "(" and j - i >= 3 and toks[i + 1].text == ")":
            num_start = toks[i - 1].start  # the surface holds its parentheses: (61) ألف
        if not math.isfinite(value) or abs(value) > MAX_FIGURE:
            if spans.free(num_start, num_end):
                add(Skipped(num_start, num_end, "too large to be a figure"))
            i = j
            continue
        first = toks[i].text
        if first[0] in _DIGITS and _in_name(text, num_start, num_end):
            if spans.free(num_start, num_end):
                add(Skipped(num_start, num_end, "part of a Latin name (a file, a link, a code)"))
            i = j
            continue
        if first[0] in _DIGITS and _signed(text, num_start) and spans.free(num_start - 1, num_start):
            value, num_start = -value, num_start - 1  # -5: the sign is part of the figure
        # prefix clitic glued to a number word (والخمسة): the surface starts at the number
        if first[0] not in _DIGITS:
            for table in (_SMALL, _SCALES, _DUAL_SCALES, _VAGUE, _TEEN_ONE, _DUAL_NOUNS):
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
            if ha is None and noun is not None:
                # after the counted noun and its adjective of nationality or kind ("12 جنديا أمريكيا على
                # الأقل"), or after the group it is taken from ("أربعة من أفراد الجيش الأمريكي على الأقل")
                phrase = _NISBA_AFTER.match(text, noun.end()) or _OF_GROUP_AFTER.match(text, end)
                ha = hedges.match_after(text, phrase.end()) if phrase else None
            aside = _ASIDE.match(text, end) if ha is None else None
            if aside is not None:
                # set off by commas: "35 شخصا، على الأقل، لقوا حتفهم"
                ha = hedges.match_after(text, aside.end())
                if ha is not None and not _ASIDE_END.match(text, ha[0]):
                    ha = None
            quoted = _QUOTED.match(text, end) if ha is None else None
            if quoted is not None:
                ha = hedges.match_after(text, quoted.end())
                if ha is not None and not _QUOTED_END.match(text, ha[0]):
                    ha = None
        if ha is not None and hedge == "exact":
            end, hedge = ha
        if hedge == "exact" and not vague:
            hv = hedges.match_verb(text, num_start)
            if hv is not None and spans.free(hv[0], num_start):  # no figure in between
                hedge = hv[1]  # تجاوز عدد الجرحى 8400 شخص
        if vague and hedge in ("exact", "at_most"):
            # an order of magnitude is its lower bound, and "up to" one says no more ("قد يصل إلى المئات":
            # hundreds at the most is still hundreds): docs/annotation.md, vague plurals
            hedge = "more_than"
        if not spans.free(start, end):  # a hedge phrase must not swallow an earlier mention
            start = num_start
        if not spans.free(start, end):
            i += 1
            continue
        add(
            NumberMention(
                start=start, end=end, value=value, unit=unit, hedge=hedge,
                # "عشرات/آلاف" span an order of magnitude: with u = 9v, "more than" gives (v, 10v]
                rounding=9 * value if vague else rounding_unit(value, stated), vague=vague, num_start=num_start,
            )
        )
        while i < len(toks) and toks[i].start < end:
            i += 1
    if dual_words:
        ends = {m.end for m in found}
        forms = _prefixed(frozenset(dual_words))
        for k, tok in enumerate(toks):
            hit = forms.get(tok.text)
            if not hit or not spans.free(tok.start + hit[1], tok.end):
                continue
            if k > 0 and _adjacent(toks[k - 1], tok, text) and (toks[k - 1].end in ends or toks[k - 1].text in _DUAL_SUBJECTS
                                                                or _strip_prefix(toks[k - 1].text, _DUAL_NOUNS)):
                continue  # an adjective of a count or a predicate: وإثنان إسبانيان، جنديان برتغاليان، وهما إسبانيان
            s = tok.start + hit[1]  # وصل إسبانيان، بينهم برتغاليان: the surface starts after the clitic
            add(NumberMention(start=s, end=tok.end, value=2.0, unit="count", hedge="exact",
                              rounding=rounding_unit(2.0), num_start=s))
    if single_words:
        for s, e in _list_singles(text, toks, found, single_words, people_words | dual_words | single_words):
            if spans.free(s, e):
                add(NumberMention(start=s, end=e, value=1.0, unit="count", hedge="exact",
                                  rounding=rounding_unit(1.0), num_start=s))
    found.sort(key=lambda m: m.start)
    # a dual and the "two" that stresses it (شخصين اثنين، قتيلان اثنان): one figure, the number word
    return [m for k, m in enumerate(found) if not (
        k + 1 < len(found) and _stressed_dual(text, m, found[k + 1]))]


_LIST_MARKS = ("،", ",")  # what sets a list's items apart
# what opens a list of people, its first item bare: "هم: <national>ي وستة <national>يين"، "القتلى هم <national>ية و<national>ي"
_LIST_OPENS = {fold(w) for w in (":", "هم", "وهم")}


def _list_singles(text: str, toks: list[_Tok], found: list[Mention], singles: frozenset[str],
                  people: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of bare singular nationality nouns that are items of a list of counted people.

    "بينهم 6 <national>يين و<national>يان و<national>ي و<national>ي"، "هم: <national>ي وستة <national>يين": the singular counts one when
    a neighbouring item of its list (across و and a comma) is a figure of a nationality or such a
    singular; elsewhere the same word is an adjective (رجل أعمال <national>ي) and no figure. Two
    nationalities joined by a hyphen are one person (و<national>ية-<national>ية). docs/annotation.md, lists
    by nationality.
    """
    figures = [m for m in found if isinstance(m, NumberMention)]
    starts = {m.num_start for m in figures}
    ends = {m.end for m in figures}
    covered = {m.start for m in figures} | {m.num_start for m in figures}
    forms, nations = _prefixed(singles), _prefixed(people)
    items: dict[int, int] = {}  # an item's first token → its last

    def number_at(q: int) -> bool:  # a figure starts the token (18، وستة، و 18)
        t = toks[q]
        return t.start in starts or t.start + 1 in starts or (
            t.text == "و" and q + 1 < len(toks) and toks[q + 1].start in starts)

    def counted(p: int) -> bool:
        """Token `p` ends an item that counts people of a nationality: "6 <national>يين"، "<national>يان"،
        "<national>يين اثنين"، or an item found before."""
        t = toks[p]
        if p in items.values() or (t.text in nations and (t.start in covered or t.start + nations[t.text][1] in covered)):
            return True
        if t.text in singles or (t.text in nations and nations[t.text][0] in singles):
            return False  # the singular after a number counts it, and so does the next: "14 <national>يا و<national>يا"
        if t.text in nations:
            return p > 0 and toks[p - 1].end in ends and _adjacent(toks[p - 1], t, text)
        return (p > 0 and t.end in ends and toks[p - 1].text in nations and _adjacent(toks[p - 1], t, text)
                and not text[t.start:t.end][0].isdigit())

    for _ in range(2):  # again: a first item is known by the one after it ("هم <national>ية و<national>ي و<national>يان")
        for k, tok in enumerate(toks):
            hit = forms.get(tok.text)
            if not hit or tok.start in covered or k in items:
                continue
            z = k + 2 if (k + 2 < len(toks) and toks[k + 1].text == "-" and toks[k + 2].text in singles
                          and _adjacent(tok, toks[k + 1], text) and _adjacent(toks[k + 1], toks[k + 2], text)) else k
            joined = hit[1] == 1 and tok.text[0] == "و"
            p = k - 1 - (k > 1 and toks[k - 1].text in _LIST_MARKS)
            q = z + 1 + (z + 2 < len(toks) and toks[z + 1].text in _LIST_MARKS)
            left = joined and p >= 0 and counted(p)
            opens = joined or (k > 0 and (toks[k - 1].text in _LIST_MARKS or toks[k - 1].text in _LIST_OPENS))
            right = opens and q < len(toks) and toks[q].text[0] == "و" and (
                number_at(q) or q in items or (toks[q].text in nations and toks[q].start + 1 in covered))
            if left or right:
                items[k] = z
    return [(toks[k].start + forms[toks[k].text][1], toks[z].end) for k, z in sorted(items.items())]


def _stressed_dual(text: str, m: Mention, nxt: Mention) -> bool:
    """`m` is a dual noun (no digits, no number word) right before the word "two" (`nxt`)."""
    return (isinstance(m, NumberMention) and isinstance(nxt, NumberMention) and m.value == nxt.value == 2.0
            and not text[m.end : nxt.start].strip() and text[nxt.start : nxt.end] in _TWO
            and not any(c.isdigit() for c in text[m.start : m.end]) and text[m.start : m.end] not in _TWO)


def _in_name(text: str, start: int, end: int) -> bool:
    """Digits glued to Latin letters or an underscore, a minus between (photo.jpg_-1_-1، F16):
    part of a file name, a link or a code, no figure."""
    k = start - 1 if start > 0 and text[start - 1] in _MINUS else start
    before = text[k - 1] if k > 0 else ""
    after = text[end] if end < len(text) else ""
    return any(c == "_" or ("a" <= c.lower() <= "z") for c in (before, after) if c)


def _signed(text: str, pos: int) -> bool:
    """A minus glued to the digits at `pos` (-5), not a dash (20-30, 20 -30, كوفيد-19)."""
    if pos == 0 or text[pos - 1] not in _MINUS:
        return False
    k = pos - 2
    if k >= 0 and text[k].isalnum():
        return False
    while k >= 0 and text[k] == " ":
        k -= 1
    return not (k >= 0 and text[k] in _DIGITS)


def _parse_range(toks: list[_Tok], i: int, text: str, hedges: HedgeLexicon, spans: _Spans) -> tuple[int, NumberMention] | None:
    """`بين 20 و30`، `ما بين 18 و20 ألفا`، `من 15 إلى 20`: one figure with hedge `between`.

    The value is the lower bound and `high` the upper; a scale word after the
    second number also scales the first (18 و20 ألفا is 18000 to 20000).
    """
    if not hedges.ranges or toks[i].text[0] not in _DIGITS:
        return None
    opener = hedges.match_range_open(text, toks[i].start)
    if opener is None or not spans.free(opener[0], toks[i].start):
        return None
    first = _parse_number(toks, i, text, join_and=False)
    if first is None:
        return None
    j, low, _, stated = first
    if j >= len(toks) or not _adjacent(toks[j - 1], toks[j], text):
        return None
    # the joiner: a word (إلى، حتى) or و, glued to the second number or apart from it
    joiner, k = toks[j].text, j + 1
    if joiner not in opener[1]:
        return None
    for mark in (":", "("):  # بين: (250) ألف إلى: (300) ألف
        if k < len(toks) and toks[k].text == mark and _adjacent(toks[k - 1], toks[k], text):
            k += 1
    if k >= len(toks) or toks[k].text[0] not in _DIGITS or not _adjacent(toks[k - 1], toks[k], text):
        return None
    second = _parse_number(toks, k, text, join_and=False)
    if second is None:
        return None
    m, high, _, _ = second
    low = _range_bounds(toks, i, k, low, high, digits=True)  # ما بين 18 و20 ألفا; بين 2020 و2023 is years
    if low is None:
        return None
    return _range_mention(toks, m, text, spans, opener[0], toks[i].start, low, high, stated)


def _range_bounds(toks: list[_Tok], i: int, k: int, low: float, high: float, digits: bool) -> float | None:
    """The lower bound of a range whose numbers start at tokens `i` and `k`, else None.

    A scale word after the second number also scales the first (18 و20 ألفا is
    18000 to 20000); the bounds must rise and be figures; two years in digits
    (بين 2020 و2023، عام 2020 أو 2021) are no range of counts.
    """
    if digits:
        bare_low, bare_high = parse_digits(toks[i].text), parse_digits(toks[k].text)
        if low == bare_low and high != bare_high and bare_low < bare_high:
            low *= high / bare_high
        if all(1900 <= x <= 2099 and float(x).is_integer() for x in (low, high)) and low == bare_low:
            return None
    if not (low < high) or not all(math.isfinite(x) and abs(x) <= MAX_FIGURE for x in (low, high)):
        return None
    return low


def _range_mention(toks: list[_Tok], m: int, text: str, spans: _Spans, start: int, num_start: int,
                   low: float, high: float, stated: str | None) -> tuple[int, NumberMention] | None:
    """A range read up to token `m` (a percent sign or word after it included): the token after it
    and the figure with hedge `between`, from `start` (its opener, or its first number)."""
    end = toks[m - 1].end
    unit = "count"
    pm = _match_percent(text, end)
    if pm is not None:
        unit, end = "percent", pm
    if not spans.free(start, end):
        return None
    mention = NumberMention(
        start=start, end=end, value=low, unit=unit, hedge="between", rounding=rounding_unit(low, stated),
        num_start=num_start, high=high,
    )
    while m < len(toks) and toks[m].start < end:
        m += 1
    return m, mention


def _parse_alternatives(toks: list[_Tok], i: int, text: str, hedges: HedgeLexicon,
                        spans: _Spans) -> tuple[int, NumberMention] | None:
    """`20 أو 30 قتيلا`، `عشرة أو خمسة عشر`، `جثتين أو ثلاثاً`: one figure with hedge `between`.

    Only when the joiner follows the first number at once, so the two share the
    counted noun after the second (or in the first's dual): "3 قتلى أو 5 جرحى"
    counts two things and stays two figures. Both ends are digits or both are
    words, the second is the larger, and no hedge phrase stands before the first
    (أكثر من 20 أو 30 stays as read). A scale word after the second scales the
    first, as in a range with an opener (18 أو 20 ألفا).
    """
    if not hedges.alternatives:
        return None
    digits = toks[i].text[0] in _DIGITS
    first = _parse_number(toks, i, text, join_and=False)
    if first is None:
        return None
    j, low, vague, stated = first
    k = j + 1
    if (vague or k >= len(toks) or toks[j].text not in hedges.alternatives
            or not _adjacent(toks[j - 1], toks[j], text) or not _adjacent(toks[j], toks[k], text)
            or (toks[k].text[0] in _DIGITS) != digits):
        return None
    second = _parse_number(toks, k, text, join_and=False)
    if second is None or second[2]:
        return None
    m, high, _, _ = second
    low = _range_bounds(toks, i, k, low, high, digits)  # 18 أو 20 ألفا; عام 2020 أو 2021 is years
    if low is None:
        return None
    start = toks[i].start
    if not digits:
        hit = next((h for table in (_SMALL, _SCALES, _DUAL_SCALES, _TEEN_ONE, _DUAL_NOUNS)
                    if (h := _strip_prefix(toks[i].text, table))), None)
        start += hit[1] if hit else 0  # وعشرة أو خمسة عشر: the surface starts at the number
    if hedges.match_before(text, start) is not None:
        return None
    return _range_mention(toks, m, text, spans, start, start, low, high, stated)


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
    if word in _LOOKALIKES:
        return None
    for kind, table in (("small", _SMALL), ("dual", _DUAL_SCALES), ("scale", _SCALES), ("vague", _VAGUE)):
        hit = _strip_prefix(word, table)
        if hit:
            if kind == "dual" and hit[0].endswith("ي") and word[: hit[1]].endswith("ال"):
                return None  # a dual in construct (ألفي قتيل) takes no article: الألفي is a name
            return kind, table[hit[0]]
    if _strip_prefix(word, _TEEN_ONE):
        return "teen1", 1
    hit = _strip_prefix(word, _FRACTIONS)
    if hit:
        return "fraction", _FRACTIONS[hit[0]]
    if _strip_prefix(word, _FEW):
        return "few", 0.0  # a quantity only with the scale that follows
    if (hit := _strip_prefix(word, _DUAL_NOUNS)) and not word[: hit[1]].endswith("ال"):
        # (with its article a dual names two already counted: "وجود جثتين ... أن الجثتين موجودتان")
        return "dual_noun", 2.0
    return None


@lru_cache(maxsize=65536)
def _vague_value(word: str) -> tuple[str, float] | None:
    hit = _strip_prefix(word, _VAGUE)
    return ("vague", _VAGUE[hit[0]]) if hit else None


def _parse_number(toks: list[_Tok], i: int, text: str, join_and: bool = True) -> tuple[int, float, bool, str | None] | None:
    """Parse a number starting at token i: (next token index, value, vague, digits as stated).

    `join_and=False` keeps "18 ألفا و20" apart (the two ends of a range).
    """
    tok = toks[i]
    stated: str | None = None
    if tok.text[0] in _DIGITS:
        # digits in parentheses before a scale word: "(61) ألف"، "حوالي: (06) ملايين"
        paren = (0 < i and i + 2 < len(toks) and toks[i - 1].text == "(" and toks[i + 1].text == ")"
                 and toks[i - 1].end == tok.start and toks[i + 1].start == tok.end
                 and _adjacent(toks[i + 1], toks[i + 2], text)
                 and (_word_value(toks[i + 2].text) or ("", 0))[0] in ("scale", "vague") and _bare(toks[i + 2].text))
        if len(tok.text) > 1 and tok.text[0] == "0" and tok.text[1] in _DIGITS and not paren:
            return None  # phone numbers, codes
        stated = tok.text
        value = parse_digits(tok.text)
        j = i + 2 if paren else i + 1
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
                elif (join_and and j + 1 < len(toks) and toks[j].text == "و" and _adjacent(toks[j - 1], toks[j], text)
                      and toks[j + 1].text.isdigit() and toks[j + 1].text.isascii() and _adjacent(toks[j], toks[j + 1], text)
                      and parse_digits(toks[j + 1].text) < scale):
                    value += parse_digits(toks[j + 1].text)  # 33 ألفا و175: one figure, 33175
                    stated = None
                    j += 2
                    # the part joined by و has its own smaller scale and its own part, as number words do
                    # (_continue_words): "6 ملايين و497 ألف و847" is 6497847, not 6000497 then 1847
                    nxt = _word_value(toks[j].text) if j < len(toks) and _adjacent(toks[j - 1], toks[j], text) else None
                    if nxt and nxt[0] == "scale" and _bare(toks[j].text) and parse_digits(toks[j - 1].text) * nxt[1] < scale:
                        value += parse_digits(toks[j - 1].text) * (nxt[1] - 1)
                        j += 1
                        if (j + 1 < len(toks) and toks[j].text == "و" and _adjacent(toks[j - 1], toks[j], text)
                                and toks[j + 1].text.isdigit() and toks[j + 1].text.isascii()
                                and _adjacent(toks[j], toks[j + 1], text) and parse_digits(toks[j + 1].text) < nxt[1]):
                            value += parse_digits(toks[j + 1].text)
                            j += 2
                elif (join_and and scale == 1000 and j < len(toks) and _adjacent(toks[j - 1], toks[j], text)
                      and re.fullmatch(r"[1-9][0-9]{2}", toks[j].text)):
                    value += parse_digits(toks[j].text)  # 8 آلاف 347: the hundreds without و, 8347
                    stated = None
                    j += 1
        if scale is None and re.fullmatch(r"\d{1,3}\.\d{3}", stated):
            value = float(stated.replace(".", ""))  # 3.500 شهيد: a dot between thousands, as often written
        return j, value, False, stated
    if i > 0 and tok.text in _TEN_WORDS and (toks[i - 1].text in _ORDINAL_UNITS or toks[i - 1].text in _ORDINAL_BARE
                                             or toks[i - 1].text.isdigit()):
        # the عشر of an ordinal (القرن التاسع عشر، جندي ثالث عشر), or a teen written in digits and its
        # word again ("13 عشر جنديا"): the digits hold the count
        return None
    if (i > 0 and toks[i - 1].text in _ORDINAL_UNITS and _adjacent(toks[i - 1], tok, text) and tok.text.startswith("وال")
            and _word_value(tok.text) is not None):
        return None  # اليوم الثالث والأربعين: the tens of an ordinal (the 43rd day), no count
    if tok.text in _WEEKDAYS:
        return None  # الاثنين is Monday
    if tok.text == _DEAD_OR_TWO_HUNDRED and not (
            i + 1 < len(toks) and _adjacent(tok, toks[i + 1], text) and _ARABIC_WORD.fullmatch(toks[i + 1].text)
            and toks[i + 1].text not in _NOT_A_NOUN):
        return None
    wv = _vague_value(tok.text) or _word_value(tok.text)
    if wv is None:
        return None
    kind, v = wv
    if _strip_prefix(tok.text, _TEEN_TWO) and not (i + 1 < len(toks) and toks[i + 1].text in _TEN_WORDS):
        return None
    if kind == "small" and v == 1 and _definite(tok.text):
        return None  # في اليوم الواحد: "one" as an adjective, no figure
    if kind == "small" and v == 1 and i > 0 and toks[i - 1].text in _TIME_ONE and _adjacent(toks[i - 1], tok, text):
        return None  # ليوم واحد، لمرة واحدة: a single day or time, no count of people
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
                and toks[j + 1].text.isascii()
                and _adjacent(toks[j], toks[j + 1], text)):
            # مليون و200 ألف: digits joined to a scale word, with their own scale
            part, k = parse_digits(toks[j + 1].text), j + 2
            nxt = _word_value(toks[k].text) if k < len(toks) and _adjacent(toks[k - 1], toks[k], text) else None
            if nxt and nxt[0] in ("scale", "vague") and nxt[1] < last:
                part, k = part * nxt[1], k + 1
            if part < last:
                total += part
                j = k
                if (nxt and k + 1 < len(toks) and toks[k].text == "و" and _adjacent(toks[k - 1], toks[k], text)
                        and toks[k + 1].text.isdigit() and toks[k + 1].text.isascii()
                        and _adjacent(toks[k], toks[k + 1], text) and parse_digits(toks[k + 1].text) < nxt[1]):
                    total += parse_digits(toks[k + 1].text)  # مليون و980 ألف و510: 1980510
                    j = k + 2
            break
        if word in _HALF_AFTER and group == 0 and last >= 1000:
            # half of the scale word before it: مليون ونصف، مليونين ونصف (2.5 million, not 3)
            prev = _word_value(toks[j - 1].text)
            unit = prev[1] if prev and prev[0] in ("dual", "scale") and prev[1] else last
            total += unit / 2
            j += 1
            nxt = _word_value(toks[j].text) if j < len(toks) and _adjacent(toks[j - 1], toks[j], text) else None
            if nxt is not None and nxt[0] == "scale" and nxt[1] == unit:
                j += 1  # مليونين ونصف مليون: the scale said again
            break
        joined = word.startswith("و") and len(word) > 1
        step = 1
        if (word == "و" and j + 1 < len(toks) and _adjacent(toks[j], toks[j + 1], text)
                and toks[j + 1].text[0] not in _DIGITS and _word_value(toks[j + 1].text)):
            word, joined, step = toks[j + 1].text, True, 2  # ستة و عشرون: the و written apart
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
            j += step
            continue
        if kind == "small" and v == 10 and not joined and 0 < last < 10 and group % 100 == last and word in _TEN_WORDS:
            group += 10  # ثلاثة عشر; مائة وستة عشر (116)
            last = group % 100
            j += step
            continue
        if kind == "small" and not joined and _bare(word) and word in _HUNDRED_WORDS and 0 < group < 10:
            group *= 100  # ثلاث مئة
            last = group
            j += step
            continue
        if kind == "small" and joined and _plausible_after(last, v):
            group += v
            last = v
            j += step
            continue
        if kind == "teen1" and joined and j + step < len(toks) and toks[j + step].text in _TEN_WORDS:
            group += 11
            last = 11
            j += step + 1
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


def _definite(word: str) -> bool:
    """A number word with the article (الواحد، والواحدة)."""
    hit = _strip_prefix(word, _SMALL)
    return hit is not None and hit[1] > 0 and word[: hit[1]].endswith(("ال", "لل"))


def _bare(word: str) -> bool:
    return not word.startswith("و") or word in _SCALES or word in _SMALL or word in _VAGUE


def _adjacent(a: _Tok, b: _Tok, text: str) -> bool:
    """Tokens separated by whitespace only (not by punctuation or a line break)."""
    gap = text[a.end:b.start]
    return gap.strip() == "" and "\n" not in gap


# --------------------------------------------------------------------------- dates
# day, month and year in digits: 25/09/2015, 25-09-2015, 25.09.2015
_NUMERIC_DATE = re.compile(r"(?<![0-9/.,-])(?P<day>[0-3]?[0-9])(?P<sep>[/.-])(?P<month>[01]?[0-9])(?P=sep)"
                           r"(?P<year>(?:19|20)[0-9]{2})(?![0-9])")
# and year first: 2016/10/13, 2016-10-13 (a page's date stamp)
_NUMERIC_DATE_YMD = re.compile(r"(?<![0-9/.,-])(?P<year>(?:19|20)[0-9]{2})(?P<sep>[/-])(?P<month>[01]?[0-9])(?P=sep)"
                               r"(?P<day>[0-3]?[0-9])(?![0-9]|[/.,][0-9])")


def _scan_dates(text: str) -> Iterable[DateMention | Skipped]:
    spans = _Spans()

    def clash(s: int, e: int) -> bool:
        return not spans.free(s, e)

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
        spans.add(start, end)
        return DateMention(start, end, day, month, year, rel)

    results: list[DateMention | Skipped] = []
    for m in (*_NUMERIC_DATE.finditer(text), *_NUMERIC_DATE_YMD.finditer(text)):  # 25/09/2015, 2015/09/25
        day, month = int(m.group("day")), int(m.group("month"))
        if not spans.free(m.start(), m.end()):
            continue
        if 1 <= month <= 12 and 1 <= day <= _MONTH_DAYS[month]:
            spans.add(m.start(), m.end())
            results.append(DateMention(m.start(), m.end(), day, month, int(m.group("year"))))
    for m in _DATE_DAY.finditer(text):
        if m.start() > 0 and (text[m.start() - 1] in _DIGITS or text[m.start() - 1] in ".,"):
            continue
        if clash(m.start(), m.end()):
            continue
        day, month = int(m.group("day")), _MONTHS[m.group("month")]
        if not 1 <= day <= _MONTH_DAYS[month]:
            # "32 مارس 2024", "0 مارس": an impossible day next to a month is no date and no count
            ym = _YEAR_AFTER_MONTH.match(text, m.end())
            end = ym.end() if ym else m.end()
            spans.add(m.start(), end)
            results.append(Skipped(m.start(), end, "impossible day of a month"))
            continue
        results.append(finish(m.start(), m.end(), day, month))
    # the first day of a range of days in one month is a day too (بين 5 و6 أغسطس، من 16 إلى 20 مارس، 15-16 مارس):
    # its month is the one after the second day
    for m in (*_DAY_RANGE.finditer(text), *_DASHED_DAY_RANGE.finditer(text)):
        s, e = m.span("day")
        if clash(s, e) or not clash(*m.span("day2")):
            continue
        day, month = int(m.group("day")), _MONTHS[m.group("month")]
        if 1 <= day <= _MONTH_DAYS[month]:
            spans.add(s, e)
            results.append(DateMention(s, e, day, month, None))
    for m in _ordinal_dates(text):
        if not clash(*m[:2]):
            results.append(finish(m[0], m[1], m[2], m[3]))
    for m in _ORDINAL_OF_THIS_MONTH.finditer(text):
        if not clash(m.start(), m.end()):
            spans.add(m.start(), m.end())
            results.append(Skipped(m.start(), m.end(), "a day of the month"))
    for m in _MONTH_ONLY.finditer(text):
        if not clash(m.start(), m.end()):
            ym = _YEAR_AFTER_MONTH.match(text, m.end())
            if ym:  # "نوفمبر 2023": a month, not a claim, but its year is no figure either
                results.append(finish(m.start(), m.end(), None, _MONTHS[m.group("month")]))
    # bare years after a year word: عام 1967، منذ 2006
    for m in _BARE_YEAR.finditer(text):
        if clash(m.start(), m.end()):
            continue
        if _YEAR_WORD.search(text, max(0, m.start() - 12), m.start()) or _followed_by_year_mark(text, m.end()):
            spans.add(m.start(), m.end())
            results.append(DateMention(m.start(), m.end(), None, None, int(m.group())))
    return results


_BARE_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9][0-9](?![0-9])")


def _followed_by_year_mark(text: str, pos: int) -> bool:
    return re.match(r"\s*م(?![\u0621-\u064a])", text[pos:pos + 4]) is not None


_ORDINAL_DATE = re.compile(
    rf"(?<![\u0621-\u064a])[وبف]?(?:في\s+)?(?P<unit>{'|'.join(sorted(map(re.escape, _ORDINAL_UNITS), key=len, reverse=True))})"
    rf"(?:\s+(?P<teen>عشر|عشره)|\s+و(?P<tens>{'|'.join(map(re.escape, _ORDINAL_TENS))}))?"
    rf"\s+(?:من\s+)?(?:شهر\s+)?{_MONTH_GROUP}"
    rf"|(?<![\u0621-\u064a])(?P<tensonly>العشرين|الثلاثين)\s+(?:من\s+)?(?:شهر\s+)?(?P<month2>{_MONTH_RE})"
)


# an ordinal day of the month the text is in, with no month name ("في الحادي والعشرين من الشهر الجاري"):
# a date whose month is unknown here, no count
_ORDINAL_OF_THIS_MONTH = re.compile(
    rf"(?<![\u0621-\u064a])(?:(?:{'|'.join(sorted(map(re.escape, _ORDINAL_UNITS), key=len, reverse=True))})"
    rf"(?:\s+(?:عشر|عشره)|\s+و(?:{'|'.join(map(re.escape, _ORDINAL_TENS))}))?|العشرين|الثلاثين)"
    r"\s+من\s+(?:هذا\s+)?الشهر\s+(?:الجاري|الحالي|الماضي|المنصرم)(?![\u0621-\u064a])")


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
def interval(value: float, hedge: str, rounding: float, tolerance: float, bound_units: float,
             high: float | None = None) -> tuple[float, float | None]:
    """The values a hedged figure allows (SPEC §5). `None` as high means unbounded.

    A range (`between`) allows [value, high], its two stated ends.

    Open ends (أكثر من v excludes v itself) are not represented here; see
    `open_ends()`, which derives them from the hedge.
    """
    u, v = rounding, value
    reach = u * bound_units if bound_units > 0 else None
    if hedge == "between":
        return v, (high if high is not None else v)
    if hedge == "approx":
        d = max(u / 2, tolerance * abs(v))
        return v - d, v + d
    if hedge in ("more_than", "at_least"):
        return v, (v + reach if reach is not None else None)
    if hedge in ("less_than", "at_most"):
        return (v - reach if reach is not None else 0.0), v
    return v, v


def open_ends(hedge: str) -> tuple[bool, bool]:
    """Whether the low and high ends of a hedge's interval are excluded."""
    return hedge == "more_than", hedge == "less_than"
