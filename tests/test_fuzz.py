"""Fuzzing with hypothesis, on a small fixed budget (the whole file runs in a few
seconds): numbers.py, ingest (random bytes, random encodings) and extraction
(random Arabic text) never crash, and every claim's surface is exactly
text[char_start:char_end]. `bench/fuzz.py` runs the same checks far longer.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzing import (
    DIGITS,
    ENCODINGS,
    PUNCT,
    SUFFIXES,
    WORDS,
    check_extract,
    check_ingest,
    check_numbers,
)

_BUDGET = settings(max_examples=300, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

piece = st.one_of(
    st.sampled_from(WORDS),
    st.text(alphabet=DIGITS, min_size=1, max_size=6),
    st.sampled_from(list(PUNCT)),
    st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x6FF), max_size=4),
)
arabic_text = st.lists(st.tuples(piece, st.sampled_from([" ", "", "\n", "، "])), max_size=30).map(
    lambda xs: "".join(a + b for a, b in xs))


@_BUDGET
@given(text=arabic_text)
def test_fuzz_numbers_never_crash(text, lex):
    check_numbers(text, lex.hedges)


@_BUDGET
@given(text=st.text(max_size=80))
def test_fuzz_numbers_any_unicode(text, lex):
    check_numbers(text, lex.hedges)


@_BUDGET
@given(data=st.binary(max_size=400), suffix=st.sampled_from(SUFFIXES))
def test_fuzz_ingest_random_bytes(data, suffix):
    check_ingest(data, suffix)


@settings(_BUDGET, max_examples=100)
@given(text=arabic_text, encoding=st.sampled_from(ENCODINGS), suffix=st.sampled_from(SUFFIXES))
def test_fuzz_ingest_random_encodings(text, encoding, suffix):
    check_ingest(text.encode(encoding, errors="replace"), suffix)


@_BUDGET
@given(text=arabic_text)
def test_fuzz_extraction_surfaces_are_exact(text, lex):
    check_extract(text, lex)
