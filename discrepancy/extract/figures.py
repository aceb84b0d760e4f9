"""Stage 1, figures: which numbers are claims, and which counts are about people.

Needs: the sentence's `nc_hits` (rules/lexicon non_claims: `units`, `things`,
`named`, `years`; `days` wins over the unit يوم), `src_hits`, `e_hits` and `place_hits` (a number inside a name: القناة 12),
the mention's unit, hedge and digits.
Sets: a new `Fig` (mention and offsets) for a number that may be a claim, none
for durations, things, years, ordinals and names. `about_people` runs after the
other stages: it keeps a count only with a quantity, a group, a part in a whole
or a people word (`people_hits`, `p_hits`, `q_hits`) right after it.
"""

from __future__ import annotations

import re

from ..numbers import NumberMention
from .context import Context, Fig

# "one of the worst": من and an elative (أفعل, normalized to افعل, not the article ال)
_ONE_OF_THE_MOST = re.compile(r"\s+من\s+ا(?!ل)[\u0621-\u064a]{3}(?![\u0621-\u064a])")
_OF = re.compile(r"\s+من\s+(?:بين\s+)?")
_THEIR_NUMBER = re.compile(r"(?:^|\s)(?:وال|ال)?(?:بالغ\s+)?عددها\s*$")
_OUT_OF = re.compile(r"\s+(?:[\u0621-\u064a]+\s+)?من\s+(?:أصل|اصل|بين|مجموع)\s*")  # (a place between: 300 مديرية بالبلاد من أصل 333)
_LETTER = re.compile(r"[\u0621-\u064a]")
_CONSTRUCT = re.compile(r"\s*(?:ال)?")  # a number in construct with the people it counts: مئات المتظاهرين
_OF_PEOPLE = re.compile(r"\s*(?:ال|من\s+ال)?")  # ... or taken from them: 300 من المصلين
# between a naming word and its number: nothing, a detached الـ, or an opening bracket (رقم (204))
_NAMED_GAP = re.compile(r"\s*(?:ال\s*|[(\[]\s*)?")
# (not آلاف, folded to الاف: "حيث تجمع آلاف المحتجين" is no number qualifying a thing)
_DEFINITE_WORD = re.compile(r"[وبل]?ال(?!اف(?![\u0621-\u064a]))[\u0621-\u064a]")
_ORDINAL_PREFIX = re.compile(r"(?:^|\s)[وبل]?(?:ال|لل)$")  # الـ23 after tatweel removal: "ال23"
_COMPARED = re.compile(r"\s*[،,]?\s*(?:[وب]?المقارن[هة]|[وب]?مقارن[هة])\s")  # 20 في المئة مقارنة بعام 2022
# a year said to be the year of something: "ما يجعل 2023 هو العام الذي يسجل فيه أكبر عدد" (on folded text)
_IS_THE_YEAR = re.compile(r"\s+(?:هو|هي|كان|كانت)\s+(?:ال)?(?:عام|سنه)(?![\u0621-\u064a])")


def figure(ctx: Context, m: NumberMention) -> Fig | None:
    t = ctx.text
    before = t[max(ctx.ss, m.num_start - 12) : m.num_start]
    if m.unit == "percent" and (m.value > 100 or _COMPARED.match(t, m.end)):
        # a rate of change, not a share of people: rainfall "بنسبة 200%", a rise "ارتفع إجمالي
        # الوفيات 20 في المئة مقارنة بعام 2022" (no share of a group is over a hundred percent)
        return None
    if m.unit == "count":
        # the noun it counts is a unit or a thing (14 شهرا، 500 منزل): no count of people
        nxt = next((h for h in ctx.nc_hits if h.start >= m.end), None)
        if nxt is not None and nxt.role in ("units", "things") and (
                ctx.words_between(m.end, nxt.start) == 0 or _NAMED_GAP.fullmatch(t, m.end, nxt.start)):
            return None  # and in construct with the article: مئات المدارس، عشرات المنازل
        # a hedge after the counted noun takes the noun into the surface ("12 قرية على الأقل"):
        # a unit or thing between the number and that hedge is the noun it counts
        inner = next((h for h in ctx.nc_hits if m.num_start < h.start < m.end), None)
        if inner is not None and inner.role in ("units", "things"):
            return None
        if _is_year(t, m) and (_after_year_word(ctx, m) or _IS_THE_YEAR.match(t, m.end)):
            return None
        if _counts_things_named_before(ctx, m):
            return None
        # a number naming or ordering something (اليوم 128، الكتيبة 601)
        prev = next((h for h in reversed(ctx.nc_hits) if h.end <= m.num_start), None)
        # (الساعات الـ 24 الماضية، الساعات الأربع والعشرين: digits after a detached الـ, a definite number word)
        if (prev is not None and prev.role == "named" and m.hedge == "exact"
                and _NAMED_GAP.fullmatch(t, prev.end, m.num_start)
                and (t[m.num_start : m.num_start + 1].isdigit() or t[prev.end : m.num_start].endswith("ال"))
                and not _so_far(ctx, prev.start, m)
                and not (_people_right_after(ctx, m) and not _RATIO.fullmatch(t, prev.start, prev.end))):
            return None
        # what a boat or a hall holds, said right before the number with or without a hedge (التي تبلغ
        # قدرتها الاستيعابية خمسين شخصا، تقل في المعتاد 50 شخصا، تضم حتى 20 الف شخص), its ل on the
        # hedge (يتسع لحوالي 21 ألف شخص): its capacity, not people counted
        if any(h.role == "capacity" and h.start < m.start and (h.end >= m.start or _NAMED_GAP.fullmatch(t, h.end, m.start))
               for h in ctx.nc_hits):
            return None
    if (m.hedge == "exact" and _ORDINAL_PREFIX.search(before) and t[m.num_start : m.num_start + 1].isdigit()
            and not _LETTER.search(t, m.num_start, m.end) and not _counted_after(ctx, m)
            and not _counted_before(ctx, m)):
        # لليوم الـ23: an ordinal, not a count (القتلى الـ60 ألفا is one: a scale word follows,
        # "وبتسجيل الـ18 وفاة الجديدة" too: its counted noun follows)
        return None
    if m.value == 1 and _ONE_OF_THE_MOST.match(t, m.end):
        return None  # في واحد من أسوأ حوادث الغرق: one of the worst, no count
    if m.value == 1 and (of := _OF.match(t, m.end)) and any(a == of.end() for a, _b in ctx.number_spans):
        return None  # "إنه واحد من ثمانية أشخاص قيد الاعتقال": one of a count, the count is the figure
    if m.value == 1 and not any(ch.isdigit() for ch in t[m.num_start : m.end]):
        # "one" after a thing it qualifies: في هجوم واحد، في مقابر واحدة
        prev = next((h for h in reversed(ctx.nc_hits) if h.end <= m.num_start), None)
        if prev is not None and prev.role in ("things", "units") and ctx.words_between(prev.end, m.num_start) == 0:
            return None
    if (_ORDINAL_PREFIX.search(before) or _DEFINITE_WORD.match(t, m.num_start)) and not any(ch.isdigit() for ch in t[m.num_start : m.end]):
        # a number word with the article after a thing it qualifies: "المحافظات الخمس الأكثر تضررا"
        prev = next((h for h in reversed(ctx.nc_hits) if h.end <= m.num_start), None)
        if prev is not None and prev.role in ("things", "units") and _NAMED_GAP.fullmatch(t, prev.end, m.num_start):
            return None
        # after a definite counted noun in the singular (its ة), it orders: "الجثة الخمسين" is the
        # fiftieth body, where "الضحايا الخمسين" are the fifty victims
        if any(h.role == "noun" and h.end <= m.num_start and re.fullmatch(r"\s+[وبل]?(?:ال)?", t[h.end : m.num_start])
               and t[h.end - 1] in "ةه" and _DEFINITE_WORD.match(t, t.rfind(" ", 0, h.start) + 1)
               for h in ctx.q_hits):
            return None
    # a phrase from a source head stops before digits, not before a number word: one after its
    # counted noun is read past the name, "محافظة <name> معتقل واحد" (a list's line) counts one detainee
    # (or is its noun: the dual "معتقلان"), and so is one before it: "دائرة الطب العدلي اثنان وخمسين جثة";
    # and one right before people it counts, where a head's phrase runs on: "أطلقت الشرطة الرصاص على مئات
    # المتظاهرين"، "حيث تجمع خمسة آلاف شخص" (تجمع also heads a body's name)
    counted = any(h.role == "noun" and (h.end <= m.num_start and ctx.words_between(h.end, m.num_start) == 0
                                        or m.num_start <= h.start < m.end
                                        or h.start >= m.end and ctx.words_between(m.end, h.start) == 0) for h in ctx.q_hits) \
        or any(h.start >= m.end and _CONSTRUCT.fullmatch(t, m.end, h.start) for h in ctx.people_hits + ctx.p_hits)
    spans = [(h.start, h.end, h.role == "head") for h in ctx.src_hits + ctx.e_hits] + [(a, b, True) for a, b in ctx.name_spans]
    spans += [(h.start, h.end, False) for h in ctx.place_hits]  # a place's name with a number word in it
    for a, b, from_head in spans:
        if a <= m.num_start < b and not (from_head and counted):
            return None  # part of a name: القناة 12 (a hedge makes it a count: "المحافظة نحو خمسمائة ألف")
    return Fig(m, m.start, m.end)


# a ratio's denominator ("واحد من كل 45 <nationals>"): no count, even with its people after it
_RATIO = re.compile(r"من\s+كل")


def _people_right_after(ctx: Context, m: NumberMention) -> bool:
    """The number's counted noun of people right after it: a count, whatever word before it names
    ("بين رقم 1400 قتيل"، "قُتل في ذلك اليوم 1,144 شخصًا": the figure of the dead, that day's dead)."""
    nouns = [h for h in ctx.q_hits if h.role == "noun"] + list(ctx.people_hits)
    return any(h.start >= m.end and ctx.words_between(m.end, h.start) == 0 for h in nouns)


# a plural's ending, sound (المصابين، الإصابات) or broken, of the dead and hurt (on the folded noun
# without its article: ضحايا، شهداء، رهائن; قتلى، جرحى, folded to قتلي، جرحي)
_PLURAL_END = re.compile(r"(?:ين|ون|ات|ايا|اء|ائن)$|^[\u0621-\u064a]{3}ي$")
# "حتى الساعة"، "لغاية اليوم": so far, not the hour or the day the number names
_TO_NOW = re.compile(r"(?:^|\s)و?(?:حت[ىي]|لغايه)\s+$")  # on folded text (لغاية → لغايه)


def _counted_after(ctx: Context, m: NumberMention) -> bool:
    """A count's noun or people word right after the number: الـ18 وفاة، الـ50 شخصا."""
    return any(h.start >= m.end and ctx.words_between(m.end, h.start) == 0 for h in ctx.q_hits + ctx.people_hits)


def _counted_before(ctx: Context, m: NumberMention) -> bool:
    """The counted noun right before the definite number, in the plural: "المصابين الـ115" (the 115
    wounded), "الإصابات الـ14" (the 14 injuries: a verbal noun's plural too) count them, where a
    singular noun is ordered (اليوم الـ23)."""
    return any(h.end <= m.num_start and h.role != "generic" and _NAMED_GAP.fullmatch(ctx.text, h.end, m.num_start)
               and _PLURAL_END.search(ctx.text[h.start : h.end]) for h in ctx.q_hits)


def _so_far(ctx: Context, word_start: int, m: NumberMention) -> bool:
    """The naming word ends "so far" and people are counted right after the number:
    "بلغت حتى الساعة 558 شخصا" (not "حتى الساعة 10 مساء")."""
    return bool(_TO_NOW.search(ctx.text, max(ctx.ss, word_start - 8), word_start)) and _counted_after(ctx, m)


def _counts_things_named_before(ctx: Context, m: NumberMention) -> bool:
    """A number that counts things named just before it: their number (المستشفيات البالغ عددها 130،
    المحافظات الأكثر تضررا عددها خمس: عددها, not عددهم, is said of things) or the whole they are
    taken from (22 محافظة من أصل 23)."""
    t = ctx.text
    prev = next((h for h in reversed(ctx.nc_hits) if h.end <= m.num_start), None)
    if prev is None or prev.role != "things":
        return False
    if _THEIR_NUMBER.search(t, prev.end, m.num_start) and ctx.words_between(prev.end, m.num_start) <= 5:
        return True
    earlier = next((x for x in reversed(ctx.mentions) if x.end <= prev.start), None)
    return (earlier is not None and _NAMED_GAP.fullmatch(t, earlier.end, prev.start) is not None
            and _OUT_OF.fullmatch(t, prev.end, m.num_start) is not None)


def _after_year_word(ctx: Context, m: NumberMention) -> bool:
    """Right after a year word (عام، حرب، منذ) or after a year joined by و (عامي 2014 و2015)."""
    prev = next((h for h in reversed(ctx.nc_hits) if h.end <= m.num_start), None)
    if prev is not None and prev.role == "years" and ctx.words_between(prev.end, m.num_start) <= 1:
        # "بلغت حتى الآن 2000 قتيل": حتى says "so far" there (rules/lexicon/hedges.yaml so_far), no year
        return " ".join(ctx.text[prev.start : m.num_start].split()) not in ctx.lex.hedges.so_far
    earlier = next((x for x in reversed(ctx.mentions) if x.end <= m.num_start), None)
    return (isinstance(earlier, NumberMention) and _is_year(ctx.text, earlier)
            and re.fullmatch(r"\s*(?:و|[إا]ل[ىي])\s*", ctx.text[earlier.end : m.num_start]) is not None
            and _after_year_word(ctx, earlier))


def about_people(ctx: Context, f: Fig) -> bool:
    """Whether a figure is a claim about people: it has a quantity, a group, a part in a
    whole, or it counts people (شخصا، نسمة، حالة، a group's word) right after it; a share
    needs a quantity, a group or a whole."""
    if f.quantity != "other" or f.population != "unspecified" or f.whole is not None:
        return True
    if f.m.unit == "percent":
        # a share of nothing known about people: rainfall (بنسبة 200%)، emissions (أقل من 1% من انبعاثات)،
        # a rise (ارتفع إجمالي الوفيات 20 في المئة مقارنة بعام 2022)
        return False
    if f.m.unit != "count":
        return True
    words = ctx.people_hits + ctx.p_hits + ctx.q_hits
    if any(f.m.num_start < h.start < f.end for h in words):
        return True  # its noun inside the figure's span (79 شخصا على الأقل)
    nearest = min((h for h in words if h.start >= f.end), key=lambda h: h.start, default=None)
    return nearest is not None and (ctx.words_between(f.end, nearest.start) <= 1 or _OF_PEOPLE.fullmatch(ctx.text, f.end, nearest.start)) \
        and not ctx.crosses_clause(f.end, nearest.start)


def _is_year(text: str, m: NumberMention) -> bool:
    """Four digits from 1900 to 2100, or the same in words (ألفين وأحد عشر)."""
    digits = text[m.num_start : m.end]
    in_words = not any(ch.isdigit() for ch in digits)
    return (m.hedge == "exact" and (len(digits) == 4 and digits.isdigit() or in_words)
            and 1900 <= m.value <= 2100 and m.value == int(m.value))
