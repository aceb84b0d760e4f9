"""A synthetic corpus for the benchmarks: one long story told by many outlets.

Articles are built from templates modelled on the seeds: a Gaza toll that
grows with the date (as the health ministry's did), the 7 October toll from a
handful of reported values (1139, 1140, 1200, 1208, 1300), hostages taken,
held and released, parts of totals, percentages, related-story sections,
headline lists and tag lines. Figures, hedges, sources, digit styles and
dates vary; a few articles are undated. Deterministic for a given seed.

    python bench/generate.py --articles 10000 -o bench/out/corpus.jsonl
    python bench/generate.py --articles 2000 --seed-length -o bench/out/long.jsonl   # seed-length articles
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

START = date(2023, 10, 7)
DAYS = 420
OUTLETS = ["الجزيرة", "RT Arabic", "عربي21", "حياة واشنطن", "صدى البلد", "الشرق الأوسط", "العربية", "سكاي نيوز عربية"]
GAZA_SOURCES = ["وزارة الصحة في غزة", "وزارة الصحة الفلسطينية", "وزارة الصحة التابعة لحماس"]
# Each source keeps to its own figure of the 7 October toll; outlets differ in which they quote.
OCT7_BY_SOURCE = {
    "مصادر إسرائيلية رسمية": [(1139, "exact"), (1140, "approx")],
    "وكالة فرانس برس": [(1208, "exact")],
    "الجيش الإسرائيلي": [(1200, "more_than")],
    "إسرائيل": [(1300, "more_than")],
}
HEDGE_WORDS = {"exact": "", "approx": "نحو ", "more_than": "أكثر من ", "at_least": "ما لا يقل عن "}
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]


def gaza_toll(day: date) -> int:
    """A growing running total, roughly the ministry's curve."""
    d = (day - START).days
    return int(1500 + 210 * min(d, 400) - 0.12 * min(d, 400) ** 2) + 20 * max(d - 400, 0)


def hostages_held(day: date) -> int:
    d = (day - START).days
    return 240 if d < 47 else 137 if d < 120 else 132 if d < 200 else 115 if d < 300 else 100


def number(n: int, rng: random.Random) -> str:
    s = str(n)
    r = rng.random()
    if r < 0.1:
        return s.translate(ARABIC_INDIC)
    if r < 0.2 and n >= 10000 and n % 1000 == 0:
        return f"{n // 1000} ألف"
    return s


def article(i: int, rng: random.Random) -> dict:
    day = START + timedelta(days=rng.randrange(DAYS))
    toll = gaza_toll(day)
    # the shares are the ministry's of that day, the same in every outlet
    children, women = int(toll * 0.40), int(toll * 0.26)
    israeli_source = rng.choice(sorted(OCT7_BY_SOURCE))
    value, hedge = rng.choice(OCT7_BY_SOURCE[israeli_source])
    held = hostages_held(day)
    h2 = rng.choice(["exact", "approx", "more_than"])
    # outlets round as people do: "about" to the nearest thousand, "more than" down
    rounded = {"exact": toll, "approx": round(toll, -3), "more_than": toll // 1000 * 1000}[h2]
    paras = [
        f"{rng.choice(['وفد', 'مسؤول', 'مصدر'])} يتحدث عن تطورات الحرب في غزة",
        "مشاركة",
        f"غزة - {rng.choice(OUTLETS)} {day.day} {MONTHS[day.month - 1]} {day.year}",
        f"ويواصل جيش الاحتلال عدوانه على قطاع غزة، ما أسفر عن استشهاد {HEDGE_WORDS[h2]}{number(rounded, rng)} فلسطيني، "
        f"وفقًا لآخر حصيلة أعلنتها {rng.choice(GAZA_SOURCES)}.",
        f"وبلغت حصيلة ضحايا القصف الإسرائيلي {toll} قتيلا بينهم {children} طفلا و{women} نساء، "
        f"وأكثر من {int(toll * 2.3) // 1000} ألف جريح في القطاع.",
        f"يذكر أن حماس شنت في السابع من أكتوبر 2023 هجومًا مباغتًا ما أدى إلى مقتل {HEDGE_WORDS[hedge]}{value} شخصًا، "
        f"حسب {israeli_source}.",
        f"كما احتجز خلال الهجوم {rng.choice(['نحو 250', '251', 'أكثر من 200', 'نحو 240'])} شخصًا رهائن، "
        f"ولا يزال {held} منهم في غزة.",
        f"وتستمر الاجتماعات منذ {rng.randrange(2, 12)} ساعات، في حين أجرى الوفد محادثات مدتها 90 دقيقة.",
        "اقرأ ايضا: مفاوضات الهدنة تتعثر مجددا",
        f"كلمات دلالية: غزة حماس إسرائيل {day.year}",
    ]
    if rng.random() < 0.3:
        paras += ["إقرأ أيضاً:", "تقرير عن الأوضاع الإنسانية",
                  f"وتفرض إسرائيل حصارًا على القطاع الذي يسكنه أكثر من {rng.choice(['مليوني', '2.3 مليون'])} فلسطيني."]
    if rng.random() < 0.15:
        paras += ["مقالات مشابهة", "  • حماس ترد على المقترح", "  • 12 قتيلا في غارة على رفح"]
    record = {"id": f"syn-{i:06d}", "outlet": rng.choice(OUTLETS), "text": "\n\n".join(paras)}
    if rng.random() > 0.05:
        record["published"] = day.isoformat()
    return record


SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_paragraphs() -> list[str]:
    """The seeds' paragraphs: real news prose to lengthen synthetic articles with."""
    paras = []
    for f in sorted(SEEDS.glob("*.txt")):
        paras += [p.strip() for p in f.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 40]
    return paras


def seed_length() -> int:
    """The seeds' mean length in characters."""
    files = sorted(SEEDS.glob("*.txt"))
    return sum(len(f.read_text(encoding="utf-8")) for f in files) // len(files)


def generate(n: int, out: Path, seed: int = 7, length: int = 0) -> Path:
    """`n` articles; with `length`, each is lengthened to about that many characters with
    paragraphs of the seeds drawn at random (so article texts differ, as real ones do)."""
    rng = random.Random(seed)
    paras = seed_paragraphs() if length else []
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        for i in range(n):
            record = article(i, rng)
            extra = []
            while len(record["text"]) + sum(len(p) + 2 for p in extra) < length:
                extra.append(rng.choice(paras))
            if extra:  # the real prose goes before the tags and related stories at the page's end
                parts = record["text"].split("\n\n")
                record["text"] = "\n\n".join(parts[:7] + extra + parts[7:])
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=10000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--seed-length", action="store_true", help="articles as long as the seeds (real prose added)")
    p.add_argument("-o", "--output", type=Path, default=Path(__file__).parent / "out" / "corpus.jsonl")
    args = p.parse_args()
    print(generate(args.articles, args.output, args.seed, seed_length() if args.seed_length else 0))


if __name__ == "__main__":
    main()
