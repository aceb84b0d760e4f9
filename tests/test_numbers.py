"""Arabic number reading: the corpus in data/number_forms.yaml, dates, non-numbers, intervals."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from discrepancy.normalize import normalize
from discrepancy.numbers import (
    DateMention,
    NumberMention,
    interval,
    parse_digits,
    rounding_unit,
    scan,
)

CORPUS = yaml.safe_load((Path(__file__).parent / "data" / "number_forms.yaml").read_text(encoding="utf-8"))


def _numbers(text, lex):
    n = normalize(text)
    out = []
    for m in scan(n.text, lex.hedges):
        if isinstance(m, NumberMention):
            a, b = n.span(m.start, m.end)
            out.append((m, text[a:b]))
    return out


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 150


@pytest.mark.parametrize("case", CORPUS, ids=[c["text"] for c in CORPUS])
def test_number_form(case, lex):
    found = _numbers(case["text"], lex)
    assert len(found) == 1, f"expected one figure in {case['text']!r}, got {[s for _, s in found]}"
    m, surface = found[0]
    assert m.value == pytest.approx(case["value"])
    assert m.hedge == case.get("hedge", "exact")
    assert m.unit == case.get("unit", "count")
    if "surface" in case:
        assert surface == case["surface"]
    if "high" in case:  # a range: value is its lower end
        assert m.high == pytest.approx(case["high"])


@pytest.mark.parametrize(
    "text",
    [
        "يوم الاثنين الماضي",
        "منذ القرن التاسع عشر",
        "الساعة 01:02 م",
        "حصار متواصل منذ 2006",
        "داخل حدود عام 1967",
        "اليوم الأحد",
        "لست أدري",
        "في نوفمبر 2023",
        "هجمات 7 أكتوبر 2023",
        # كمية (a quantity) folds to ك + مية, the spoken مئة (giza_17)
        "وبدوره أدى ذلك لانبعاث كمية كثيفة من الدخان كانت السبب الرئيس في حالات الإصابات والوفيات.",
        # a dual with its article names two already counted (khartoum_20)
        "أن الجثتين موجودتان في مشرحة المستشفى الأكاديمي",
        # a weekday without its hamza is no accusative cardinal (ثلاثاً)
        "يوم الثلاثا الماضي",
        # ميتا (dead) folds like مئتا, the dual in construct, but no counted noun follows it (grenfell_23)
        "أصغر ضحايا الحريق هو طفل ولد ميتا عند ولادة امرأة دخلت المستشفى",
        "وعثر عليه ميتا في شقته",
    ],
)
def test_not_a_figure(text, lex):
    assert _numbers(text, lex) == []


@pytest.mark.parametrize(
    "text, surfaces",
    [
        # أو after the first number's own noun: two counts of two things, not a range
        ("3 قتلى أو 5 جرحى", ["3", "5"]),
        # the larger first: no range
        ("30 أو 20 قتيلا", ["30", "20"]),
        # a hedge before the first bounds it alone (أكثر من 20), the second stays as said
        ("أكثر من 20 أو 30 قتيلا", ["أكثر من 20", "30"]),
    ],
)
def test_figures_joined_by_or_that_are_no_range(text, surfaces, lex):
    found = _numbers(text, lex)
    assert [s for _, s in found] == surfaces
    assert all(m.hedge != "between" for m, _ in found)


@pytest.mark.parametrize(
    "text, day, month, year, surface",
    [
        ("هجمات 7 أكتوبر 2023", 7, 10, 2023, "7 أكتوبر 2023"),
        ("منذ 7 تشرين الأول/ أكتوبر 2023", 7, 10, 2023, "7 تشرين الأول/ أكتوبر 2023"),
        ("في السابع من أكتوبر الماضي", 7, 10, None, "السابع من أكتوبر الماضي"),
        ("المقررة في الثالث من فبراير", 3, 2, None, "الثالث من فبراير"),
        ("اعتبارًا من 27 أكتوبر", 27, 10, None, "27 أكتوبر"),
        ("01:02 م، 19 يناير 2024", 19, 1, 2024, "19 يناير 2024"),
        ("في ١٩ كانون الثاني ٢٠٢٤", 19, 1, 2024, "١٩ كانون الثاني ٢٠٢٤"),
        ("الحادي والعشرين من مايو", 21, 5, None, "الحادي والعشرين من مايو"),
        ("الثاني عشر من يونيو 2024", 12, 6, 2024, "الثاني عشر من يونيو 2024"),
        ("في 24 نوفمبر/تشرين الثاني", 24, 11, None, "24 نوفمبر/تشرين الثاني"),
        # a page's date stamp, year first, glued to the word before it (chibok_11): no counts
        ("العرب [نُشرفي2016/10/13] طالبات شيبوك", 13, 10, 2016, "2016/10/13"),
        ("العرب [نشر في 13/10/2016] طالبات", 13, 10, 2016, "13/10/2016"),
    ],
)
def test_dates(text, day, month, year, surface, lex):
    n = normalize(text)
    dates = [m for m in scan(n.text, lex.hedges) if isinstance(m, DateMention) and m.day]
    assert len(dates) == 1
    d = dates[0]
    assert (d.day, d.month, d.year) == (day, month, year)
    a, b = n.span(d.start, d.end)
    assert text[a:b] == surface


@pytest.mark.parametrize(
    "text, days",
    [
        ("و250 شخصا آخرين بين 5 و6 أغسطس", [(5, 8), (6, 8)]),  # bangladesh_18
        ("في الفترة من 16 إلى 20 مارس", [(16, 3), (20, 3)]),
    ],
)
def test_the_first_day_of_a_range_of_days_is_a_day(text, days, lex):
    n = normalize(text)
    dates = sorted((m.day, m.month) for m in scan(n.text, lex.hedges) if isinstance(m, DateMention) and m.day)
    assert dates == days
    assert not [m for m in scan(n.text, lex.hedges) if not isinstance(m, DateMention) and getattr(m, "value", None) in (5, 16)]


@pytest.mark.parametrize(
    "digits, value", [("44,758", 44758), ("2.3", 2.3), ("1.234.567", 1234567), ("2,5", 2.5), ("1208", 1208)]
)
def test_parse_digits(digits, value):
    assert parse_digits(digits) == pytest.approx(value)


@pytest.mark.parametrize("value, unit", [(250, 10), (24000, 1000), (1208, 1), (1140, 10), (1300, 100), (7, 1)])
def test_rounding_unit(value, unit):
    assert rounding_unit(value) == unit


def test_rounding_unit_of_decimal_scaled():
    assert rounding_unit(2_300_000, "2.3") == 100_000


def test_intervals_of_the_spec():
    t, k = 0.02, 1
    assert interval(250, "approx", 10, t, k) == (245, 255)
    assert interval(1140, "approx", 10, t, k) == pytest.approx((1117.2, 1162.8))
    assert interval(1300, "more_than", 100, t, k) == (1300, 1400)
    assert interval(200, "more_than", 100, t, k) == (200, 300)
    assert interval(1208, "exact", 1, t, k) == (1208, 1208)
    assert interval(100, "less_than", 100, t, k) == (0, 100)
    assert interval(40, "at_least", 10, t, 0) == (40, None)


@pytest.mark.parametrize("text", ["نصف السكان", "عدة مرات", "ربع الساعة"])
def test_fractions_alone_are_no_figure(text, lex):
    assert _numbers(text, lex) == []


@pytest.mark.parametrize("text, low, high", [("عشرات الأطفال", 10, 100), ("آلاف القتلى", 1000, 10000),
                                             ("عشرات الآلاف", 10000, 100000)])
def test_vague_plurals_span_an_order_of_magnitude(text, low, high, lex):
    (m, _), = _numbers(text, lex)
    assert interval(m.value, m.hedge, m.rounding, 0.02, 1) == (low, high)


@pytest.mark.parametrize("x, text", [(2_300_000, "2300000"), (1_234_567, "1234567"), (1117.2, "1117.2"), (1300.0, "1300")])
def test_figures_are_written_in_full(x, text):
    from discrepancy.numbers import format_figure

    assert format_figure(x) == text


@pytest.mark.parametrize("text, surface", [
    ("غرق 79 مهاجرًا بينهم مصريان، فيما لا يزال المئات في عداد المفقودين", "مصريان"),
    ("وتمكنت فرق الإنقاذ من إنقاذ 67 مهاجرا، بينهم سبعة مهاجرين ومغربيان ، كانوا قد وصلوا إلى تونس", "مغربيان"),
])
def test_a_dual_of_a_nationality_is_a_figure_of_two_found_by_one_look_up_per_word(text, surface, lex):
    """Every word of an article is tried as a dual (مصريان: two Egyptians): its forms with
    each proclitic are listed once per lexicon, and give what stripping the proclitic gives."""
    from discrepancy.numbers import _prefixed, _strip_prefix, _tokens

    n = normalize(text)
    duals = [m for m in scan(n.text, lex.hedges, lex.dual_people) if isinstance(m, NumberMention) and m.value == 2.0]
    assert [n.text[m.start:m.end] for m in duals] == [normalize(surface).text]
    forms = _prefixed(lex.dual_people)
    for tok in _tokens(n.text):
        assert forms.get(tok.text) == _strip_prefix(tok.text, lex.dual_people)
    for word, hit in forms.items():
        assert _strip_prefix(word, lex.dual_people) == hit
