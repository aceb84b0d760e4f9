"""Accuracy of extraction and conflicts on the real-text corpus (`tests/corpus/`).

Runs `discrepancy.check` once per story, as a fact-checker would (all of a
story's passages in one run), and scores the claims against the gold written
by reading (docs/annotation.md):

- detection at four levels, precision / recall / F1: `value` (a claim on the
  gold figure's span with its value), `+quantity`, `+hedge`, and `strict`
  (value, quantity, population, hedge);
- per field, among claims found with the right value: place, event,
  attribution, part_of, scope_note, modality; `source` is the share of gold
  figures whose source the text names that carry a source at all;
- conflicts: the story's expected conflicts found (some conflict lists two of
  their figures), growth pairs wrongly flagged (both figures in one high or
  medium conflict), and the share of claims listed in high and medium
  conflicts whose frame is right (strict).

Unseen stories (`unseen: true` in story.yaml) are never tuned on; they have
their own line.

    python bench/accuracy.py               # the tables
    python bench/accuracy.py --json        # the figures as JSON
    python bench/accuracy.py --record      # write them to tests/corpus/baseline.json (the test gate)
    python bench/accuracy.py --notes gaza_war   # the misses; each missed conflict with a `why:` line
                                                # (read under other keys, not read, one group never listed together)
    python bench/accuracy.py --notes gaza_war --sources   # also the figures whose attribution is wrong
    python bench/accuracy.py --notes gaza_war --fields  # also the figures whose place or event differs from the gold
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: this checkout's `bench` and `discrepancy`, not an installed copy
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import CORPUS, CorpusError, GoldClaim, Story, load_corpus  # noqa: E402

BASELINE = CORPUS / "baseline.json"
LEVELS = ("value", "quantity", "hedge", "strict")
FIELDS = ("place", "event", "attribution", "part_of", "scope_note", "modality")
HIGH = ("high", "medium")
SOURCE_NOTE = "source: "  # a note on a figure's attribution, printed with --sources
FIELD_NOTE = "field: "  # a note on a figure's place or event, printed with --fields


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    correct: Counter = field(default_factory=Counter)  # level or field -> count
    matched: int = 0  # pairs with the right value: the denominator of field accuracy
    named_sources: int = 0  # gold figures whose source the text names
    sourced: int = 0  # ... of which the claim found carries a source
    expected: int = 0
    found: int = 0
    growth: int = 0
    growth_flagged: int = 0
    listed: int = 0  # claims listed in high/medium conflicts
    listed_right: int = 0
    failed: int = 0  # articles the tool failed on (reported by check, scored as finding nothing)

    def add(self, o: Tally) -> None:
        for k in ("gold", "predicted", "matched", "named_sources", "sourced", "expected", "found", "growth",
                  "growth_flagged", "listed", "listed_right", "failed"):
            setattr(self, k, getattr(self, k) + getattr(o, k))
        self.correct.update(o.correct)

    def prf(self, level: str) -> tuple[float, float, float]:
        c = self.correct[level]
        p = c / self.predicted if self.predicted else 0.0
        r = c / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def figures(self) -> dict[str, float]:
        out: dict[str, float] = {"gold": self.gold, "predicted": self.predicted}
        for level in LEVELS:
            p, r, f = self.prf(level)
            out |= {f"{level}_p": round(p, 4), f"{level}_r": round(r, 4), f"{level}_f1": round(f, 4)}
        for f in FIELDS:
            out[f] = round(self.correct[f] / self.matched, 4) if self.matched else 0.0
        out["source"] = round(self.sourced / self.named_sources, 4) if self.named_sources else 1.0
        out |= {"expected_conflicts": self.expected, "conflicts_found": self.found, "growth_pairs": self.growth,
                "growth_flagged": self.growth_flagged,
                "listed_right": round(self.listed_right / self.listed, 4) if self.listed else 1.0,
                "listed_claims": self.listed, "failed_articles": self.failed}
        return out


def _same_value(g: GoldClaim, p) -> bool:
    try:
        v = float(p.value)
    except (TypeError, ValueError):
        return False
    return p.unit == g.unit and abs(v - g.value) <= 1e-6 * max(1.0, abs(g.value))


def _event_right(story: Story, g: GoldClaim, p, types: dict[str, tuple[str, str]]) -> bool:
    """The same event; for a story whose gold was written with the generic core
    (`profile: ""`, docs/annotation.md), also a profile's event of the gold's
    type whose own place is one of the story's (the Sudan profile's `sudan_war`,
    in `sudan`, is the Sudan story's `war`; the Gaza war is not Lebanon's): the
    gold does not tell that profile's events apart, so neither does its score."""
    if p.event == g.event:
        return True
    kind, place = types.get(p.event, ("", ""))
    return not story.profile and kind == g.event and place in story.places


def _fold(s: str) -> str:
    from discrepancy.normalize import fold

    return " ".join(fold(s).split())


def _attribution_right(g: GoldClaim, p) -> bool:
    if not g.attribution:
        return not p.attribution
    if p.attribution == g.attribution:
        return True
    a, b = _fold(g.attribution_text), _fold(p.attribution_text or "")
    return bool(a and b) and (a in b or b in a)


def _scope_right(g: GoldClaim, p) -> bool:
    a, b = _fold(g.scope_note), _fold(getattr(p, "scope_note", "") or "")
    return a == b or (bool(a and b) and (a in b or b in a))


def _match(gold: list[GoldClaim], predicted: list) -> dict[int, object]:
    """gold index → predicted claim: overlapping spans, the same value first, one to one."""
    pairs: dict[int, object] = {}
    used: set[int] = set()
    for i, g in enumerate(gold):
        cands = [p for p in predicted if id(p) not in used and p.char_start < g.char_end and g.char_start < p.char_end]
        if not cands:
            continue
        best = max(cands, key=lambda p: (_same_value(g, p), min(p.char_end, g.char_end) - max(p.char_start, g.char_start)))
        used.add(id(best))
        pairs[i] = best
    return pairs


def run_story(story: Story) -> tuple[Tally, list[str]]:
    """Check the story's passages in one run; score claims and conflicts. Also returns notes on misses."""
    import discrepancy

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{story.id}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for a in story.articles:
                f.write(json.dumps({"id": a.id, "text": a.text, "outlet": a.outlet, "url": a.url,
                                    "published": a.published.isoformat() if a.published else ""},
                                   ensure_ascii=False) + "\n")
        result = discrepancy.check([path], progress=False)
    texts = {a.id: a.text for a in story.articles}
    t = Tally()
    notes: list[str] = []
    for problem in result.problems:  # an article the tool failed on must not vanish from the scores unsaid
        t.failed += 1
        notes.append(f"the tool failed on {Path(problem.path).name}: {problem.reason}")
    from discrepancy.lexicon import load_lexicon, profile_names

    lex = load_lexicon(None, tuple(profile_names()))
    # a profile's event -> its generic type and its own place
    types = {ev: (kind, lex.event_default_place.get(ev, "")) for ev, kind in lex.event_type.items()}
    # related stories (#r1) were split off their page: move their offsets back to the page's
    shift = {}
    for art in result.articles:
        base = art.id.split("#", 1)[0]
        shift[art.id] = (base, texts[base].find(art.text) if base in texts else 0)
    by_article: dict[str, list] = {}
    for c in result.claim_list:
        if c.unit not in ("count", "percent"):
            continue
        base, off = shift.get(c.article_id, (c.article_id, 0))
        by_article.setdefault(base, []).append((c, off))

    gold_of: dict[str, GoldClaim] = {}  # predicted claim id → gold claim (value right)
    strict_ok: set[str] = set()
    for art in story.articles:
        preds = [_Shifted(c, off) for c, off in by_article.get(art.id, [])]
        t.gold += len(art.claims)
        t.predicted += len(preds)
        pairs = _match(art.claims, preds)
        gold_to_pred = {art.claims[i].ref: p.claim_id for i, p in pairs.items() if _same_value(art.claims[i], p)}
        for i, g in enumerate(art.claims):
            p = pairs.get(i)
            if g.attribution:
                t.named_sources += 1
            if p is None or not _same_value(g, p):
                if g.attribution:
                    notes.append(f"{SOURCE_NOTE}{art.id}: {g.surface!r} gold {g.attribution} ({g.attribution_text}), figure not read")
                notes.append(f"{art.id}: missed {g.surface!r} ({g.quantity}/{g.population})"
                             + (f", read {p.surface!r}={p.value}" if p is not None else ""))
                continue
            t.matched += 1
            gold_of[p.claim_id] = g
            ok = {"value": True}
            ok["quantity"] = p.quantity == g.quantity
            ok["hedge"] = ok["quantity"] and p.hedge == g.hedge
            ok["strict"] = ok["hedge"] and p.population == g.population
            for level in LEVELS:
                t.correct[level] += ok[level]
            if ok["strict"]:
                strict_ok.add(p.claim_id)
            else:
                notes.append(f"{art.id}: {g.surface!r} gold {g.quantity}/{g.population}/{g.hedge}, "
                             f"read {p.quantity}/{p.population}/{p.hedge}")
            if g.attribution and p.attribution:
                t.sourced += 1
            place_ok = (p.place if hasattr(p, "place") else "") == g.place
            event_ok = _event_right(story, g, p, types)
            t.correct["place"] += place_ok
            t.correct["event"] += event_ok
            if not (place_ok and event_ok):  # printed with --fields
                text = texts[art.id]
                around = " ".join(text[max(0, g.char_start - 60):g.char_end + 40].split())
                notes.append(f"{FIELD_NOTE}{art.id}: {g.surface!r}"
                             + ("" if place_ok else f" place gold {g.place or '-'} read {p.place or '-'}")
                             + ("" if event_ok else f" event gold {g.event or '-'} read {p.event or '-'}")
                             + f" | {around}")
            t.correct["attribution"] += (right := _attribution_right(g, p))
            if not right:  # printed with --sources
                notes.append(f"{SOURCE_NOTE}{art.id}: {g.surface!r} gold {g.attribution or '-'} ({g.attribution_text or '-'}), "
                             f"read {p.attribution or '-'} ({p.attribution_text or '-'})")
            t.correct["part_of"] += (gold_to_pred.get(g.part_of, "?") == p.part_of) if g.part_of else not p.part_of
            t.correct["scope_note"] += _scope_right(g, p)
            t.correct["modality"] += p.modality == g.modality
        matched_ids = {p.claim_id for p in pairs.values()}
        for p in preds:
            if p.claim_id not in matched_ids:
                notes.append(f"{art.id}: extra {p.surface!r}={p.value} {p.quantity}/{p.population}")

    ref_of = {pid: g.ref for pid, g in gold_of.items()}
    conflicts = [(cf.severity, {ref_of[c.claim_id] for c in cf.claims if c.claim_id in ref_of}) for cf in result.conflict_list]
    for why, refs in story.expected_conflicts:
        t.expected += 1
        if any(len(set(refs) & listed) >= 2 for _, listed in conflicts):
            t.found += 1
        else:
            notes.append(f"conflict not found: {why} ({', '.join(refs)})")
            notes.append(f"  why: {_why_missed(refs, gold_of, result.group_list)}")
    for why, a, b in story.growth_pairs:
        t.growth += 1
        if any(sev in HIGH and {a, b} <= listed for sev, listed in conflicts):
            t.growth_flagged += 1
            notes.append(f"growth flagged as a conflict: {why} ({a} → {b})")
    for cf in result.conflict_list:
        if cf.severity in HIGH:
            for c in cf.claims:
                t.listed += 1
                t.listed_right += c.claim_id in strict_ok
    return t, notes


def _why_missed(refs: list[str], gold_of: dict[str, GoldClaim], groups) -> str:
    """The class of a missed expected conflict, for the notes: figures not read with their
    value; figures read under different keys (the fields that differ from the gold); or
    figures of one group that no conflict lists together (and what the rules saw of them)."""
    read = {g.ref: (pid, g) for pid, g in gold_of.items() if g.ref in refs}
    unread = [r for r in refs if r not in read]
    group_of = {c.claim_id: g for g in groups for c in g.claims}
    by_group: dict[str, list[str]] = {}
    for r, (pid, _g) in read.items():
        if pid in group_of:
            by_group.setdefault(group_of[pid].group_id, []).append(r)
    together = [(gid, rs) for gid, rs in by_group.items() if len(rs) >= 2]
    if together:
        gid, rs = together[0]
        g = next(x for x in groups if x.group_id == gid)
        claims = {c.claim_id: c for c in g.claims}
        cs = [claims[read[r][0]] for r in rs]
        facts = [f"{g.kind}"]
        if len({c.article_id for c in cs}) == 1:
            facts.append("one article")
        undated = [r for r, c in zip(rs, cs, strict=True) if c.as_of is None]
        if undated:
            facts.append(f"undated {', '.join(undated)}")
        return f"one group ({gid}), listed together by no conflict: {'; '.join(facts)}"
    if len(read) < 2:
        return f"not read with their value: {', '.join(unread)}"
    keys = ("quantity", "population", "event", "place")
    parts = []
    for r, (pid, gold) in read.items():
        c = next((c for x in groups for c in x.claims if c.claim_id == pid), None)
        if c is None:
            continue
        wrong = [f"{k} {getattr(c, k) or '-'} (gold {getattr(gold, k) or '-'})" for k in keys
                 if getattr(c, k) != getattr(gold, k)]
        if c.modality == "proposal":
            wrong.append("read as a proposal")
        parts.append(f"{r}: {', '.join(wrong) or 'key as gold'}")
    return "read under different keys: " + "; ".join(parts) + (f"; not read: {', '.join(unread)}" if unread else "")


class _Shifted:
    """A predicted claim seen with its page's offsets (related stories are split off their page)."""

    def __init__(self, claim, offset: int):
        self._c = claim
        self.char_start = claim.char_start + offset
        self.char_end = claim.char_end + offset

    def __getattr__(self, name):
        return getattr(self._c, name)


def evaluate(stories: list[Story] | None = None) -> tuple[dict[str, dict[str, float]], dict[str, list[str]]]:
    """Figures per story and for the groups `seen`, `unseen`, `all`; notes per story."""
    stories = load_corpus() if stories is None else stories
    figures: dict[str, dict[str, float]] = {}
    notes: dict[str, list[str]] = {}
    groups = {"seen": Tally(), "unseen": Tally(), "all": Tally()}
    for s in stories:
        t, n = run_story(s)
        figures[s.id] = t.figures()
        notes[s.id] = n
        groups["unseen" if s.unseen else "seen"].add(t)
        groups["all"].add(t)
    for name, t in groups.items():
        figures[name] = t.figures()
    return figures, notes


def _table(figures: dict[str, dict[str, float]], unseen: set[str]) -> str:
    rows = [s for s in figures if s not in ("seen", "unseen", "all")]
    order = [s for s in rows if s not in unseen] + ["seen"] + [s for s in rows if s in unseen] + ["unseen", "all"]
    head = f"{'story':26} {'gold':>5} {'pred':>5} " + " ".join(f"{lv:>14}" for lv in LEVELS)
    sub = f"{'':26} {'':>5} {'':>5} " + " ".join(f"{'P    R    F1':>14}" for _ in LEVELS)
    out = ["Claims: precision / recall / F1 (strict = value, quantity, population, hedge)", head, sub]
    for s in order:
        f = figures[s]
        cells = " ".join(f"{f[lv + '_p']:.2f} {f[lv + '_r']:.2f} {f[lv + '_f1']:.2f}" for lv in LEVELS)
        label = s + (" (unseen)" if s in unseen else "")
        out.append(("-" * 26 + "\n" if s in ("seen", "unseen") else "") + f"{label:26} {int(f['gold']):5} {int(f['predicted']):5} {cells}")
    out += ["", "Fields (share right among figures found with their value), conflicts",
            f"{'story':26} " + " ".join(f"{x[:8]:>8}" for x in FIELDS) + f" {'source':>7} {'found':>7} {'growth':>7} {'listed':>7}"]
    for s in order:
        f = figures[s]
        label = s + (" (unseen)" if s in unseen else "")
        out.append(f"{label:26} " + " ".join(f"{f[x]:8.2f}" for x in FIELDS)
                   + f" {f['source']:7.2f} {int(f['conflicts_found']):>3}/{int(f['expected_conflicts']):<3}"
                   + f" {int(f['growth_flagged']):>3}/{int(f['growth_pairs']):<3} {f['listed_right']:5.2f}"
                   + f" ({int(f.get('listed_claims', 0))})")
    out.append("found: expected conflicts found; growth: growth pairs flagged high/medium (want 0); "
               "listed: share of claims in high/medium conflicts with a right frame (how many claims)")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score extraction and conflicts on tests/corpus/ (docs/annotation.md).")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--record", action="store_true", help=f"write the figures to {BASELINE.relative_to(CORPUS.parent.parent)}")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="corpus folder (default: tests/corpus)")
    ap.add_argument("--notes", metavar="STORY", nargs="*", help="print the misses of these stories (all: no name)")
    ap.add_argument("--sources", action="store_true",
                    help="with --notes: also the figures whose attribution is wrong (gold key and text, then what was read)")
    ap.add_argument("--fields", action="store_true",
                    help="with --notes: also the figures found with their value whose place or event differs "
                         "from the gold (gold, read, and the words around)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        stories = load_corpus(args.corpus)
    except CorpusError as e:
        print(f"{e}\nthe corpus has problems: fix them (python bench/corpus.py check)", file=sys.stderr)
        return 2
    figures, notes = evaluate(stories)
    if args.json:
        print(json.dumps(figures, indent=1, ensure_ascii=False))
    else:
        print(_table(figures, {s.id for s in stories if s.unseen}))
        print(f"({len(stories)} stories, {sum(len(s.articles) for s in stories)} articles, {time.perf_counter() - t0:.1f} s)")
    failed = [n for ns in notes.values() for n in ns if n.startswith("the tool failed on ")]
    for n in failed:
        print(f"warning: {n}", file=sys.stderr)
    if args.notes is not None:
        for s, ns in notes.items():
            if not args.notes or s in args.notes:
                print(f"\n## {s}")
                print("\n".join(n for n in ns if (args.sources or not n.startswith(SOURCE_NOTE))
                                 and (args.fields or not n.startswith(FIELD_NOTE))))
    if args.record:
        BASELINE.write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"recorded in {BASELINE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
