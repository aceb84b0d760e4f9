"""Issue 11, "nothing lost, nothing crashes": one test (or a few) per class of defect.

Each test is named after its class: odd digits, duplicate ids, size and time,
huge numbers, CSV cells, rules of the wrong type, silent drops, wrong readings,
archive edges.
"""

from __future__ import annotations

import pytest

from discrepancy.normalize import normalize
from discrepancy.numbers import MAX_FIGURE, NumberMention, Skipped, rounding_unit, scan


def _mentions(text, lex):
    n = normalize(text)
    return [(m, text[slice(*n.span(m.start, m.end))]) for m in scan(n.text, lex.hedges)]


# --------------------------------------------------------------------------- 1. odd digits
@pytest.mark.parametrize("text", ["قتل ² شخصا", "قتل ① شخصا", "قتل ₀ شخصا", "قتل ⁵ أشخاص", "قتل ５ أشخاص", "①②③ شخصا", "¹²³"])
def test_odd_digits_are_no_figures_and_no_crash(text, lex):
    assert [m for m, _ in _mentions(text, lex) if isinstance(m, NumberMention)] == []


@pytest.mark.parametrize("value", [float("1" + "0" * 308), float("inf"), float("nan"), 1e300, -7.0, 0.0])
def test_odd_digits_rounding_unit_is_total(value):
    assert rounding_unit(value) > 0
    assert rounding_unit(value, "1" + "0" * 309) > 0


# --------------------------------------------------------------------------- 4. huge numbers
@pytest.mark.parametrize("text", ["نحو 179" + "0" * 306 + " قتيل", "1" + "0" * 309, "قتل 9007199254740993 شخصا", "خسائر 2000 تريليون دولار"])
def test_huge_numbers_are_skipped_not_claimed(text, lex):
    found = _mentions(text, lex)
    assert not any(isinstance(m, NumberMention) and abs(m.value) > MAX_FIGURE for m, _ in found)
    assert any(isinstance(m, Skipped) and m.reason == "too large to be a figure" for m, _ in found)


# --------------------------------------------------------------------------- 8. wrong readings
def test_wrong_readings_a_sign_is_kept(lex):
    (m, surface), = _mentions("انخفضت الحرارة إلى -5 درجات", lex)
    assert (m.value, surface) == (-5, "-5")
    # a dash between figures or inside a name is no sign
    assert [m.value for m, _ in _mentions("بين 20 -30 شخصا", lex)] == [20, 30]
    assert [m.value for m, _ in _mentions("مرضى كوفيد-19", lex) if isinstance(m, NumberMention)] == [19]


@pytest.mark.parametrize("text, surface", [("قتل 32 مارس 2024", "32 مارس 2024"), ("قتل 0 مارس", "0 مارس"),
                                           ("في 31 أبريل", "31 أبريل"), ("في ٣٢ مارس", "٣٢ مارس")])
def test_wrong_readings_an_impossible_day_is_no_count_and_no_date(text, surface, lex):
    found = _mentions(text, lex)
    assert [(type(m).__name__, s) for m, s in found] == [("Skipped", surface)]


def test_wrong_readings_trillions(lex):
    assert [m.value for m, _ in _mentions("خسائر بقيمة 3 تريليون دولار", lex)] == [3e12]
    assert [m.value for m, _ in _mentions("ترليونا دولار", lex)] == [1e12]


def test_wrong_readings_a_change_is_two_figures_a_range_one(lex):
    assert [(m.value, m.hedge) for m, _ in _mentions("ارتفع عدد القتلى من 15 إلى 20", lex)] == [(15, "exact"), (20, "exact")]
    (m, s), = _mentions("قتل من 15 إلى 20 شخصا", lex)
    assert (m.value, m.high, m.hedge, s) == (15, 20, "between", "من 15 إلى 20")
