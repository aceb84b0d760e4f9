"""Nothing lost, nothing crashes, measured (issue 11).

    .venv/bin/python bench/reliability.py

Builds a temporary folder of 1,000 good articles and 100 bad inputs of every
kind a careless or hostile user brings (empty, blank, binary, undecodable,
NUL-filled, too large, hidden, unsupported types, dangling symlinks, symlink
loops, broken JSONL lines, JSONL without text or with an impossible date, HTML
without text, manifest rows for missing files and repeated rows, and, when not
run as root, unreadable files and folders), runs `discrepancy claims` on it and
prints: good processed, bad reported (its path named on stderr), bad unreported.
Goal: 1000 / 100 / 0. Then times extraction of a 2 MB article against a 1 MB
one (goal: at most 2.2x).
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = ROOT / "seeds"
GOOD = "قتل {n} أشخاص وأصيب {m} آخرون في قصف على المدينة، حسب مصادر طبية.\n"


def build(d: Path) -> tuple[list[str], list[Path]]:
    """The inputs: ids of the good articles, and the bad paths that must be named."""
    good: list[str] = []
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(1000):
        sub = d / f"outlet{(i // 10) % 10 if i % 10 == 0 else i % 10}"
        sub.mkdir(exist_ok=True)
        if i % 10 == 0:  # real pages too, under the same names in different folders
            text = seeds[i // 10 % len(seeds)].read_text(encoding="utf-8") + GOOD.format(n=i + 1, m=2 * i + 3)
            name = f"page{i // 100}.txt"
        else:
            text = GOOD.format(n=i + 1, m=2 * i + 3)
            name = f"a{i}.txt"
        enc = ("utf-8", "utf-8-sig", "utf-16", "cp1256")[i % 4]
        (sub / name).write_bytes(text.encode(enc))
        good.append(str(sub / name))
    bad: list[Path] = []
    b = d / "bad"
    b.mkdir()

    def add(name: str, data: bytes | str | None) -> Path:
        p = b / name
        if data is not None:
            p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        bad.append(p)
        return p

    kinds = []
    kinds += [(f"empty{i}.txt", b"") for i in range(8)]
    kinds += [(f"blank{i}.txt", b" \n\t\n") for i in range(6)]
    kinds += [(f"binary{i}.txt", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 3) for i in range(8)]
    kinds += [(f"undecodable{i}.txt", b"\x01\x02\x03\x04\x05" * 50 + "قتل 5".encode()[:-1]) for i in range(6)]
    kinds += [(f"nul{i}.html", b"\x00" * 500) for i in range(4)]
    kinds += [(f".hidden{i}.txt", GOOD.format(n=1, m=2)) for i in range(8)]
    kinds += [(f"paper{i}.pdf", b"%PDF-1.4 ...") for i in range(6)]
    kinds += [(f"sheet{i}.xlsx", b"PK\x03\x04") for i in range(4)]
    kinds += [(f"noext{i}", GOOD.format(n=1, m=2)) for i in range(4)]
    kinds += [(f"badjson{i}.jsonl", '{"id": "x", "text": "قتل 5"\n') for i in range(6)]
    kinds += [(f"notext{i}.jsonl", json.dumps({"id": f"n{i}", "title": "بلا نص"}) + "\n") for i in range(6)]
    kinds += [(f"baddate{i}.jsonl", json.dumps({"id": f"d{i}", "text": GOOD.format(n=3, m=4), "published": "2024-02-30"},
                                               ensure_ascii=False) + "\n") for i in range(6)]
    kinds += [(f"nohtml{i}.html", "<html><body><script>var toll = 5;</script></body></html>") for i in range(6)]
    for name, data in kinds:
        add(name, data)
    for i in range(6):
        link = add(f"dangling{i}.txt", None)
        link.symlink_to(b / f"gone{i}.txt")
    for i in range(4):
        link = add(f"loop{i}.txt", None)
        link.symlink_to(link)
    big = add("huge.txt", None)
    with big.open("w", encoding="utf-8") as f:  # over 5,000,000 characters: not an article
        line = GOOD.format(n=1, m=2)
        f.write(line * (5_100_000 // len(line)))
    if os.geteuid() != 0:  # root reads everything: these only count when they can fail
        locked = add("locked.txt", GOOD.format(n=1, m=2))
        locked.chmod(0)
        folder = add("lockedfolder", None)
        folder.mkdir()
        folder.chmod(0)
    # the manifest: one row per good page, plus rows that must be warned about
    manifest = d.parent / "manifest.csv"
    rows = [("outlet0/page0.txt", "RT", "2024-01-19")]
    n_rows = 100 - len(bad)
    rows += [(f"missing{i}.txt", "X", "") for i in range(n_rows - 1)]
    rows += [("outlet0/page0.txt", "BBC", "2024-01-20")]  # repeated
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["file", "outlet", "published"])
    w.writerows(rows)
    manifest.write_text(buf.getvalue(), encoding="utf-8")
    bad += [Path(f"missing{i}.txt") for i in range(n_rows - 1)] + [Path(f"{manifest}:{len(rows) + 1}")]
    return good, bad


def main() -> int:
    from discrepancy.ingest import unique_ids

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / "in"
        d.mkdir()
        good, bad = build(d)
        ids = unique_ids(good)
        out = Path(tmp) / "claims.csv"
        t = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "discrepancy", "claims", str(d), "--manifest", str(Path(tmp) / "manifest.csv"),
                            "-o", str(out)], capture_output=True, text=True)
        elapsed = time.perf_counter() - t
        seen = {row["article_id"].split("#")[0] for row in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))}
        processed = sum(1 for f in good if ids[f] in seen)
        err = r.stderr
        reported = [p for p in bad if str(p) in err or (p.name in err and not str(p).startswith("/"))]
        unreported = [p for p in bad if p not in reported]
        print(f"exit code {r.returncode}, {elapsed:.1f} s for {len(good) + len(bad)} inputs")
        print(f"good processed   {processed} / {len(good)}")
        print(f"bad reported     {len(reported)} / {len(bad)}")
        print(f"bad unreported   {len(unreported)}" + (f": {', '.join(map(str, unreported[:10]))}" if unreported else ""))
        tracebacks = err.count("Traceback")
        print(f"tracebacks       {tracebacks}")
    print(f"time 2 MB / 1 MB {time_ratio():.2f}x (goal <= 2.2x)")
    return 0 if processed == len(good) and not unreported and not tracebacks else 1


def time_ratio() -> float:
    """Extraction time of a 2 MB article against a 1 MB one (the seeds' text repeated)."""
    from discrepancy.pipeline import extract_claims

    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))).replace("اقرأ أيضا", "")
    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mb in (1, 2):
            n = mb * 1_000_000
            f = Path(tmp) / f"a{mb}.txt"
            f.write_text((text * (n // len(text) + 1))[:n], encoding="utf-8")
            best = float("inf")
            for _ in range(2):
                t = time.perf_counter()
                ex = extract_claims([f], progress=False)
                best = min(best, time.perf_counter() - t)
            times[mb] = best
            print(f"  {mb} MB article: {best:.2f} s, {len(ex.articles)} articles, {len(ex.claims):,} claims")
    return times[2] / times[1]


if __name__ == "__main__":
    sys.exit(main())
