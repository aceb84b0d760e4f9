"""What fuzzing checks, shared by tests/test_fuzz.py (hypothesis, small fixed budget)
and bench/fuzz.py (longer runs, plain random generation, counts crashes).

Each `check_*` raises AssertionError (or whatever crashes) on a broken property:
- numbers: scan() never crashes, spans are in the text and disjoint, values finite
  and within MAX_FIGURE, a range's high above its value;
- ingest: any bytes, under any supported suffix, give articles or InputProblems;
- extraction: every claim's surface is exactly text[char_start:char_end].
"""

from __future__ import annotations

import math
import random

from discrepancy.models import Article
from discrepancy.normalize import normalize
from discrepancy.numbers import MAX_FIGURE, NumberMention, scan

# Pieces that make numbers, hedges, dates and their near misses likely.
WORDS = (
    "قتل أصيب نحو أكثر من ما يزيد عن لا أقل من بين و إلى حتى ما بين من ألف آلاف ألفا مليون مليونا مليار تريليون "
    "ثلاثة عشر مائة وستة وعشرون عشرات مئات الواحد اليوم شخصا قتيلا جريحا طفلا في المئة بالمئة أكتوبر مارس "
    "تشرين الأول السابع عام منذ حسب وزارة الصحة بينهم منهم الساعة ر، تقريبا على الأقل أو أكثر اقرأ أيضا: "
    "المصدر: تاريخ النشر: كلمات دلالية: • ارتفع"
).split()
DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹²³¹①₀５"
PUNCT = " ,.،؛:%٪٫٬-−()\n\u200f\u0640ـًٌٍَُِّْ"
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256")
SUFFIXES = (".txt", ".html", ".jsonl")


def check_numbers(text: str, hedges) -> int:
    n = normalize(text)
    found = scan(n.text, hedges)
    last_end = -1
    for m in sorted(found, key=lambda m: m.start):
        assert 0 <= m.start <= m.end <= len(n.text), m
        assert m.start >= last_end, f"overlapping mentions in {text!r}"
        last_end = m.end
        if isinstance(m, NumberMention):
            assert math.isfinite(m.value) and abs(m.value) <= MAX_FIGURE, m
            assert m.rounding > 0 and math.isfinite(m.rounding), m
            if m.high is not None:
                assert m.high > m.value, m
        a, b = n.span(m.start, m.end)
        assert 0 <= a <= b <= len(text)
    return len(found)


def check_ingest(data: bytes, suffix: str) -> int:
    from discrepancy.ingest import _from_bytes

    arts, problems = _from_bytes(f"fuzz{suffix}", "fuzz", suffix, data)
    assert arts or problems
    for a in arts:
        assert isinstance(a.text, str) and a.id
        assert all(0 <= s <= e <= len(a.text) for s, e in a.navigation)
    return len(arts)


def check_extract(text: str, lex) -> int:
    from discrepancy.backends.builtin import annotate
    from discrepancy.extract import extract
    from discrepancy.ingest import split_article

    arts = split_article("fuzz", text) or [Article("fuzz", text)]
    n = 0
    for doc in annotate(arts, lex):
        for c in extract(doc, lex):
            assert c.surface == doc.article.text[c.char_start : c.char_end], c
            assert c.unit == "date" or math.isfinite(c.value)
            n += 1
    return n


# --------------------------------------------------------------------------- plain random (bench)
def random_text(rng: random.Random, size: int = 40) -> str:
    parts = []
    for _ in range(rng.randint(1, size)):
        r = rng.random()
        if r < 0.45:
            parts.append(rng.choice(WORDS))
        elif r < 0.8:
            parts.append("".join(rng.choice(DIGITS) for _ in range(rng.randint(1, 6))))
        elif r < 0.9:
            parts.append(rng.choice(PUNCT))
        else:
            parts.append("".join(chr(rng.randint(0x20, 0x6FF)) for _ in range(rng.randint(1, 4))))
        parts.append(rng.choice((" ", " ", " ", "", "\n", "، ")))
    return "".join(parts)


def random_bytes(rng: random.Random) -> tuple[bytes, str]:
    suffix = rng.choice(SUFFIXES)
    r = rng.random()
    if r < 0.4:
        return bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 300))), suffix
    text = random_text(rng)
    if suffix == ".html":
        text = f"<html><body><article><p>{text}</p></article></body></html>"
    elif suffix == ".jsonl":
        import json

        text = json.dumps({"id": rng.choice(["a", "", None, 5]), "text": text, "published": random_text(rng, 3)},
                          ensure_ascii=rng.random() < 0.5)
    data = text.encode(rng.choice(ENCODINGS), errors="replace")
    if r > 0.9 and data:  # truncate or flip a byte
        i = rng.randrange(len(data))
        data = data[:i] + bytes([rng.randint(0, 255)]) + data[i + 1 : rng.randint(i, len(data))]
    return data, suffix
