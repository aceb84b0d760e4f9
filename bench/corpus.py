"""The real-text corpus (`tests/corpus/`): load it, check it, count it.

The corpus format and the annotation conventions are in docs/annotation.md.
This module never runs the extractor: `check` only validates what annotators
wrote (every surface found in its passage, every key known, every `part_of`
resolved), so it can be run while the gold is being written.

    python bench/corpus.py check [tests/corpus/<story> ...]
    python bench/corpus.py stats
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
RULES = ROOT / "rules"

HEDGES = ("exact", "approx", "more_than", "at_least", "less_than", "at_most", "between")
MODALITIES = ("fact", "estimate", "proposal", "denial")
UNITS = ("count", "percent")
CLAIM_FIELDS = {"surface", "n", "value", "high", "unit", "hedge", "quantity", "population", "event", "place",
                "attribution", "attribution_text", "part_of", "scope_note", "modality", "as_of", "note"}
ARTICLE_FIELDS = {"id", "url", "outlet", "published", "title", "text", "claims", "not_claims", "note"}


class CorpusError(Exception):
    pass


@dataclass
class GoldClaim:
    article_id: str
    surface: str
    char_start: int
    char_end: int
    value: float
    unit: str = "count"
    hedge: str = "exact"
    high: float | None = None
    quantity: str = ""
    population: str = ""
    event: str = ""
    place: str = ""
    attribution: str = ""
    attribution_text: str = ""
    part_of: str = ""  # ref "<article>:<char_start>" of the whole
    scope_note: str = ""
    modality: str = "fact"
    as_of: str = ""

    @property
    def ref(self) -> str:
        return f"{self.article_id}:{self.char_start}"


@dataclass
class CorpusArticle:
    id: str
    url: str
    outlet: str
    published: date | None
    text: str
    claims: list[GoldClaim]
    not_claims: list[tuple[int, int, str]]
    path: Path


@dataclass
class Story:
    id: str
    title: str
    unseen: bool
    profile: str
    places: dict[str, list[str]]
    sources: dict[str, list[str]]
    articles: list[CorpusArticle]
    # each expected conflict: (why, [claim refs]); each growth pair: (why, earlier ref, later ref)
    expected_conflicts: list[tuple[str, list[str]]] = field(default_factory=list)
    growth_pairs: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def claims(self) -> list[GoldClaim]:
        return [c for a in self.articles for c in a.claims]


def known_keys(rules: Path = RULES) -> dict[str, set[str]]:
    """The keys gold may use: the generic core of rules/, plus the profiles' events."""
    tax = yaml.safe_load((rules / "taxonomy.yaml").read_text(encoding="utf-8"))
    nat = yaml.safe_load((rules / "gazetteer" / "nationalities.yaml").read_text(encoding="utf-8"))
    events = set(tax["events"])
    for prof in sorted((rules / "profiles").glob("*.yaml")) if (rules / "profiles").is_dir() else []:
        events |= set(((yaml.safe_load(prof.read_text(encoding="utf-8")) or {}).get("taxonomy") or {}).get("events") or {})
    return {"quantity": set(tax["quantities"]), "population": set(tax["populations"]) | set(nat), "event": events}


def _nth(text: str, surface: str, n: int) -> int:
    pos = -1
    for _ in range(n):
        pos = text.find(surface, pos + 1)
        if pos < 0:
            return -1
    return pos


def _date(v, where: str, problems: list[str]) -> date | None:
    if v in (None, ""):
        return None
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v))
    except ValueError:
        problems.append(f"{where}: {v!r} is not a YYYY-MM-DD date")
        return None


def _load_article(path: Path, keys: dict[str, set[str]], places: dict, sources: dict, problems: list[str]) -> CorpusArticle | None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        problems.append(f"{path}: not valid YAML ({e})")
        return None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str) or not data.get("id"):
        problems.append(f"{path}: needs at least `id` and `text`")
        return None
    for k in set(data) - ARTICLE_FIELDS:
        problems.append(f"{path}: unknown field {k!r}")
    art_id, text = str(data["id"]), data["text"]
    if not data.get("url"):
        problems.append(f"{path}: no url")
    claims: list[GoldClaim] = []
    raw_parts: list[tuple[GoldClaim, object, str]] = []
    for i, c in enumerate(data.get("claims") or [], start=1):
        where = f"{path}: claim {i}"
        if not isinstance(c, dict) or "surface" not in c:
            problems.append(f"{where}: needs a surface")
            continue
        where = f"{path}: claim {i} ({c['surface']!r})"
        for k in set(c) - CLAIM_FIELDS:
            problems.append(f"{where}: unknown field {k!r}")
        surface = str(c["surface"])
        start = _nth(text, surface, int(c.get("n") or 1))
        if start < 0:
            problems.append(f"{where}: surface not found in the text (occurrence {c.get('n') or 1})")
            continue
        try:
            value = float(c["value"])
        except (KeyError, TypeError, ValueError):
            problems.append(f"{where}: value missing or not a number")
            continue
        g = GoldClaim(art_id, surface, start, start + len(surface), value)
        g.unit = str(c.get("unit") or "count")
        g.hedge = str(c.get("hedge") or "exact")
        g.high = float(c["high"]) if c.get("high") not in (None, "") else None
        g.modality = str(c.get("modality") or "fact")
        for f in ("quantity", "population", "event", "place", "attribution", "attribution_text", "scope_note"):
            setattr(g, f, str(c.get(f) or ""))
        g.as_of = str(c.get("as_of") or "")
        for f, allowed in (("unit", UNITS), ("hedge", HEDGES), ("modality", MODALITIES)):
            if getattr(g, f) not in allowed:
                problems.append(f"{where}: {f} {getattr(g, f)!r} is not one of {', '.join(allowed)}")
        for f in ("quantity", "population", "event"):
            if getattr(g, f) not in keys[f]:
                problems.append(f"{where}: {f} {getattr(g, f)!r} is not a known key (rules/taxonomy.yaml, gazetteer, profiles)")
        if g.place and g.place not in places:
            problems.append(f"{where}: place {g.place!r} is not listed under `places` in story.yaml")
        if g.attribution and g.attribution not in sources:
            problems.append(f"{where}: attribution {g.attribution!r} is not listed under `sources` in story.yaml")
        if g.attribution_text and g.attribution_text not in text:
            problems.append(f"{where}: attribution_text {g.attribution_text!r} not found in the text")
        if g.scope_note and g.scope_note not in text:
            problems.append(f"{where}: scope_note {g.scope_note!r} not found in the text")
        if g.hedge == "between" and g.high is None:
            problems.append(f"{where}: a `between` claim needs `high`")
        claims.append(g)
        if c.get("part_of"):
            raw_parts.append((g, c["part_of"], where))
    for g, ref, where in raw_parts:
        ref = ref if isinstance(ref, dict) else {"surface": str(ref)}
        pos = _nth(text, str(ref.get("surface")), int(ref.get("n") or 1))
        whole = next((w for w in claims if w.char_start == pos), None)
        if whole is None or whole is g:
            problems.append(f"{where}: part_of {ref} is not a claim of this passage")
        else:
            g.part_of = whole.ref
    starts = [c.char_start for c in claims]
    if len(starts) != len(set(starts)):
        problems.append(f"{path}: two claims at the same place (use `n` for repeated surfaces)")
    not_claims = []
    for nc in data.get("not_claims") or []:
        if not isinstance(nc, dict) or "surface" not in nc:
            problems.append(f"{path}: not_claims entries need a surface")
            continue
        s = str(nc["surface"])
        pos = _nth(text, s, int(nc.get("n") or 1))
        if pos < 0:
            problems.append(f"{path}: not_claim {s!r} not found in the text")
            continue
        not_claims.append((pos, pos + len(s), str(nc.get("why") or "")))
    return CorpusArticle(art_id, str(data.get("url") or ""), str(data.get("outlet") or ""),
                         _date(data.get("published"), str(path), problems), text, claims, not_claims, path)


def load_story(folder: Path, keys: dict[str, set[str]] | None = None, problems: list[str] | None = None) -> Story:
    """One story folder; problems are appended to `problems` (raises when it is None and there are any)."""
    strict = problems is None
    problems = [] if problems is None else problems
    keys = keys or known_keys()
    meta_path = folder / "story.yaml"
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else None
    if not isinstance(meta, dict):
        problems.append(f"{meta_path}: missing or not a mapping")
        meta = {}
    places = {str(k): list(v or []) for k, v in (meta.get("places") or {}).items()}
    sources = {str(k): list(v or []) for k, v in (meta.get("sources") or {}).items()}
    articles = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name == "story.yaml":
            continue
        art = _load_article(path, keys, places, sources, problems)
        if art is not None:
            articles.append(art)
    ids = [a.id for a in articles]
    for dup in {i for i in ids if ids.count(i) > 1}:
        problems.append(f"{folder}: article id {dup!r} used twice")
    story = Story(str(meta.get("story") or folder.name), str(meta.get("title") or ""), bool(meta.get("unseen")),
                  str(meta.get("profile") or ""), places, sources, articles)
    by_id = {a.id: a for a in articles}

    def resolve(ref: str, where: str) -> str | None:
        art_id, _, rest = str(ref).partition(":")
        surface, _, n = rest.rpartition("#") if "#" in rest else (rest, "", "1")
        art = by_id.get(art_id)
        pos = _nth(art.text, surface, int(n or 1)) if art else -1
        if art is None or not any(c.char_start == pos for c in art.claims):
            problems.append(f"{meta_path}: {where}: {ref!r} is not a gold claim")
            return None
        return f"{art_id}:{pos}"

    for i, cf in enumerate(meta.get("expected_conflicts") or [], start=1):
        refs = [resolve(r, f"expected conflict {i}") for r in cf.get("claims") or []]
        if len(refs) < 2:
            problems.append(f"{meta_path}: expected conflict {i} needs two claims or more")
        if all(refs):
            story.expected_conflicts.append((str(cf.get("why") or ""), refs))
    for i, gp in enumerate(meta.get("growth_pairs") or [], start=1):
        a, b = resolve(gp.get("earlier"), f"growth pair {i}"), resolve(gp.get("later"), f"growth pair {i}")
        if a and b:
            story.growth_pairs.append((str(gp.get("why") or ""), a, b))
    if strict and problems:
        raise CorpusError("\n".join(problems))
    return story


def load_corpus(root: Path = CORPUS, problems: list[str] | None = None) -> list[Story]:
    keys = known_keys()
    return [load_story(f, keys, problems) for f in sorted(p for p in root.glob("*") if (p / "story.yaml").exists())]


def _stats(stories: list[Story]) -> None:
    outlets: set[str] = set()
    print(f"{'story':28} {'unseen':>6} {'articles':>8} {'outlets':>7} {'claims':>6} {'not':>4} {'conflicts':>9} {'growth':>6}")
    for s in stories:
        o = {a.outlet for a in s.articles}
        outlets |= o
        print(f"{s.id:28} {'yes' if s.unseen else '':>6} {len(s.articles):8} {len(o):7} {len(s.claims):6} "
              f"{sum(len(a.not_claims) for a in s.articles):4} {len(s.expected_conflicts):9} {len(s.growth_pairs):6}")
    print(f"{'total':28} {'':>6} {sum(len(s.articles) for s in stories):8} {len(outlets):7} "
          f"{sum(len(s.claims) for s in stories):6} {sum(len(a.not_claims) for s in stories for a in s.articles):4} "
          f"{sum(len(s.expected_conflicts) for s in stories):9} {sum(len(s.growth_pairs) for s in stories):6}"
          f"   ({len(stories)} stories)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Check or count the real-text corpus (docs/annotation.md).")
    ap.add_argument("command", choices=["check", "stats"])
    ap.add_argument("folders", nargs="*", type=Path, help="story folders (default: every story)")
    args = ap.parse_args(argv)
    problems: list[str] = []
    keys = known_keys()
    folders = args.folders or sorted(p for p in CORPUS.glob("*") if (p / "story.yaml").exists())
    stories = [load_story(f, keys, problems) for f in folders]
    if args.command == "stats":
        _stats(stories)
    for p in problems:
        print(p, file=sys.stderr)
    if args.command == "check":
        n = sum(len(s.claims) for s in stories)
        print(f"{len(stories)} stories, {sum(len(s.articles) for s in stories)} articles, {n} gold claims: "
              f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
