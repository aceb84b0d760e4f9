"""The conflict rules: YAML files in `rules/conflicts/`, checked strictly, evaluated on groups.

A rule file composes names the engine knows; it holds no code:

    id: fixed-disagreement
    description: A one-time event's count must agree across sources.
    severity: high
    applies_to: {kind: [fixed], unit: [count]}   # filters on the group
    compare: pairs                               # how claims are taken together
    when:                                        # all must hold
      - {metric: different_articles, op: eq, value: true}
      - {metric: intervals_overlap, op: eq, value: false}
    message: "{what}: {values}"

`compare` picks a selector (`pairs` of claims in a group, `parts` of a whole
in one article, `percent_shares`); each selector has its own metrics. Pairs
that meet a rule are joined into one conflict per connected set, so the three
Israeli tolls 1140 / 1208 / 1300 make one conflict, not three.
"""

from __future__ import annotations

import operator
import string
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from .lexicon import DEFAULT_RULES_DIR, Lexicon, RulesError
from .models import Claim, ClaimGroup, Conflict
from .numbers import open_ends

SEVERITIES = ("high", "medium", "low")
OPS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "le": operator.le,
    "gt": operator.gt, "ge": operator.ge, "in": lambda a, b: a in b,
}
APPLIES_TO = ("kind", "quantity", "population", "event", "unit", "modality")
PLACEHOLDERS = ("what", "values", "quantity", "population", "event", "count", "rule_id", "severity")
_FIELDS = {"id", "description", "severity", "applies_to", "compare", "when", "message"}


# --------------------------------------------------------------------------- context
@dataclass(frozen=True)
class Ctx:
    """What metrics may look at besides their claims."""

    group: ClaimGroup
    lex: Lexicon

    def settling_end(self) -> date | None:
        d = self.lex.event_dates.get(self.group.event)
        return d + timedelta(days=int(self.lex.setting("settle_days"))) if d else None


# --------------------------------------------------------------------------- interval helpers
def _num(x: Any) -> float:
    return float(x.toordinal()) if isinstance(x, date) else float(x)


def overlap(a: Claim, b: Claim) -> bool:
    """Do the intervals of two claims share a value (open ends respected)?"""
    a_lo, a_hi, b_lo, b_hi = _num(a.low), _num_hi(a), _num(b.low), _num_hi(b)
    a_lo_open, a_hi_open = open_ends(a.hedge)
    b_lo_open, b_hi_open = open_ends(b.hedge)
    lo, lo_open = (a_lo, a_lo_open) if a_lo > b_lo or (a_lo == b_lo and a_lo_open) else (b_lo, b_lo_open)
    hi, hi_open = (a_hi, a_hi_open) if a_hi < b_hi or (a_hi == b_hi and a_hi_open) else (b_hi, b_hi_open)
    return lo < hi or (lo == hi and not lo_open and not hi_open)


def _num_hi(c: Claim) -> float:
    return float("inf") if c.high is None else _num(c.high)


def below(b: Claim, a: Claim) -> bool:
    """b's interval lies entirely below a's."""
    return not overlap(a, b) and _num_hi(b) <= _num(a.low)


def _ordered(a: Claim, b: Claim) -> tuple[Claim, Claim]:
    return (a, b) if (a.as_of, a.claim_id) <= (b.as_of, b.claim_id) else (b, a)


def fits_series(c: Claim, series: Sequence[Claim]) -> bool:
    """Can an undated figure sit somewhere in a growing dated series?"""
    dated = sorted((s for s in series if s.as_of is not None and s is not c), key=lambda s: s.as_of)
    for i in range(len(dated) + 1):
        if all(not below(c, d) for d in dated[:i]) and all(not below(d, c) for d in dated[i:]):
            return True
    return False


# --------------------------------------------------------------------------- metrics
PairMetric = Callable[[Claim, Claim, Ctx], Any]


def _in_settling(c: Claim, ctx: Ctx) -> bool:
    end = ctx.settling_end()
    return end is not None and c.as_of is not None and c.as_of <= end


def _later_is_smaller(a: Claim, b: Claim, ctx: Ctx) -> bool:
    if a.as_of is None or b.as_of is None or a.as_of == b.as_of:
        return False
    early, late = _ordered(a, b)
    return below(late, early)


def _settling_growth(a: Claim, b: Claim, ctx: Ctx) -> bool:
    """Figures from an event's settling period may grow into later ones."""
    if a.as_of is None or b.as_of is None:
        return False
    early, _late = _ordered(a, b)
    return _in_settling(early, ctx) and not _later_is_smaller(a, b, ctx)


def _undated_fits(a: Claim, b: Claim, ctx: Ctx) -> bool:
    """Only a running total has a series to fit into; a stock may rise or fall."""
    if ctx.group.kind != "cumulative":
        return False
    undated = [c for c in (a, b) if c.as_of is None]
    return bool(undated) and all(fits_series(c, ctx.group.claims) for c in undated)


def _relative_difference(a: Claim, b: Claim, ctx: Ctx) -> float:
    x, y = _num(a.value), _num(b.value)
    return abs(x - y) / max(abs(x), abs(y), 1e-9)


PAIR_METRICS: dict[str, PairMetric] = {
    "intervals_overlap": lambda a, b, ctx: overlap(a, b),
    "different_articles": lambda a, b, ctx: a.article_id != b.article_id,
    "same_attribution": lambda a, b, ctx: bool(a.attribution) and a.attribution == b.attribution,
    "same_as_of": lambda a, b, ctx: a.as_of is not None and a.as_of == b.as_of,
    "both_dated": lambda a, b, ctx: a.as_of is not None and b.as_of is not None,
    "any_undated": lambda a, b, ctx: a.as_of is None or b.as_of is None,
    "later_is_smaller": _later_is_smaller,
    "settling_growth": _settling_growth,
    "undated_fits_series": _undated_fits,
    "relative_difference": _relative_difference,
}


@dataclass(frozen=True)
class Candidate:
    """Claims a selector proposes to a rule, and what its metrics know of them."""

    claims: tuple[Claim, ...]
    values: Mapping[str, Any]


def _pairs(group: ClaimGroup, ctx: Ctx, metrics: Iterable[str]) -> Iterator[Candidate]:
    cs = group.claims
    names = list(metrics)
    for i in range(len(cs)):
        for j in range(i + 1, len(cs)):
            a, b = cs[i], cs[j]
            yield Candidate((a, b), _LazyMetrics(PAIR_METRICS, names, (a, b, ctx)))


class _LazyMetrics(Mapping[str, Any]):
    """Metric values computed on first use: a failing cheap test skips the costly ones."""

    def __init__(self, registry: Mapping[str, Callable], names: list[str], args: tuple):
        self._registry, self._names, self._args, self._cache = registry, names, args, {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._cache:
            self._cache[name] = self._registry[name](*self._args)
        return self._cache[name]

    def __iter__(self):
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def parts_by_whole(claims: Iterable[Claim]) -> dict[str, list[Claim]]:
    parts: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.part_of:
            parts[c.part_of].append(c)
    return parts


def _parts(claims: Sequence[Claim], lex: Lexicon) -> Iterator[tuple[Candidate, ClaimGroup | None]]:
    by_id = {c.claim_id: c for c in claims}
    for whole_id, parts in parts_by_whole(claims).items():
        whole = by_id.get(whole_id)
        counts = [p for p in parts if p.unit == "count"]
        if whole is None or whole.unit != "count" or not counts:
            continue
        low_sum = sum(_num(p.low) for p in counts)
        high = _num_hi(whole)
        yield Candidate((whole, *counts), {"parts_sum_exceeds_whole": low_sum > high, "parts": len(counts)}), None


def _percent_shares(claims: Sequence[Claim], lex: Lexicon) -> Iterator[tuple[Candidate, ClaimGroup | None]]:
    by_id = {c.claim_id: c for c in claims}
    parts = parts_by_whole(claims)
    combos = {becomes: members for members, becomes in lex.combine}
    for pct in claims:
        whole = by_id.get(pct.part_of)
        if pct.unit != "percent" or whole is None or whole.unit != "count":
            continue
        wanted = combos.get(pct.population, frozenset({pct.population}))
        counts = [p for p in parts[whole.claim_id] if p.unit == "count" and p.population in wanted]
        if not counts or {p.population for p in counts} != set(wanted):
            continue
        share_lo = 100 * sum(_num(p.low) for p in counts) / max(_num_hi(whole), 1e-9)
        share_hi = 100 * sum(_num_hi(p) for p in counts) / max(_num(whole.low), 1e-9)
        contradicts = share_hi < _num(pct.low) or share_lo > _num_hi(pct)
        yield Candidate((whole, pct, *counts), {"share_contradicts_percent": contradicts}), None


# selector name -> (level, metric names)
SELECTORS: dict[str, tuple[str, tuple[str, ...]]] = {
    "pairs": ("group", tuple(PAIR_METRICS)),
    "parts": ("article", ("parts_sum_exceeds_whole", "parts")),
    "percent_shares": ("article", ("share_contradicts_percent",)),
}
_ARTICLE_SELECTORS = {"parts": _parts, "percent_shares": _percent_shares}


# --------------------------------------------------------------------------- rules
@dataclass(frozen=True)
class Condition:
    metric: str
    op: str
    value: Any

    def holds(self, values: Mapping[str, Any]) -> bool:
        return bool(OPS[self.op](values[self.metric], self.value))


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    severity: str
    applies_to: Mapping[str, tuple[str, ...]]
    compare: str
    when: tuple[Condition, ...]
    message: str
    source: str = ""

    def applies(self, group: ClaimGroup) -> bool:
        for key, allowed in self.applies_to.items():
            if getattr(group, key) not in allowed:
                return False
        return True

    def matches(self, cand: Candidate) -> bool:
        return all(c.holds(cand.values) for c in self.when)


def load_rules(rules_dir: str | Path | None, lex: Lexicon) -> list[Rule]:
    """Every rule in `rules/conflicts/*.yaml`, checked; RulesError names file, rule and problem."""
    root = Path(rules_dir) if rules_dir else DEFAULT_RULES_DIR
    folder = root / "conflicts"
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        raise RulesError(f"{folder}: no rule files (*.yaml) found")
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            raise RulesError(f"{path}{f' line {mark.line + 1}' if mark else ''}: not valid YAML ({getattr(e, 'problem', e)})") from None
        items = data.get("rules") if isinstance(data, dict) and "rules" in data else [data]
        for item in items or []:
            rule = parse_rule(item, path, lex)
            if rule.id in seen:
                raise RulesError(f"{path}: rule {rule.id}: id already used in {seen[rule.id]}")
            seen[rule.id] = path
            rules.append(rule)
    return rules


def parse_rule(item: Any, path: Path | str, lex: Lexicon) -> Rule:
    if not isinstance(item, dict):
        raise RulesError(f"{path}: a rule must be a mapping with {', '.join(sorted(_FIELDS))}")
    rid = item.get("id")
    where = f"{path}: rule {rid or '(no id)'}"

    def fail(msg: str) -> RulesError:
        return RulesError(f"{where}: {msg}")

    missing = _FIELDS - set(item) - {"applies_to"}
    if missing:
        raise fail(f"missing field(s): {', '.join(sorted(missing))}")
    unknown = set(item) - _FIELDS
    if unknown:
        raise fail(f"unknown field(s): {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(_FIELDS))}")
    if not isinstance(rid, str) or not rid:
        raise fail("id must be a non-empty string")
    if item["severity"] not in SEVERITIES:
        raise fail(f"severity {item['severity']!r} is not one of {', '.join(SEVERITIES)}")
    compare = item["compare"]
    if compare not in SELECTORS:
        raise fail(f"compare {compare!r} is not one of {', '.join(SELECTORS)}")
    known_metrics = SELECTORS[compare][1]
    applies: dict[str, tuple[str, ...]] = {}
    for key, allowed in (item.get("applies_to") or {}).items():
        if key not in APPLIES_TO:
            raise fail(f"applies_to: unknown key {key!r}; known: {', '.join(APPLIES_TO)}")
        values = tuple(allowed) if isinstance(allowed, list) else (allowed,)
        valid = _valid_values(key, lex)
        bad = [v for v in values if v not in valid]
        if bad:
            raise fail(f"applies_to {key}: unknown value(s) {', '.join(map(str, bad))}; known: {', '.join(valid)}")
        applies[key] = values
    conditions = []
    if not isinstance(item["when"], list) or not item["when"]:
        raise fail("when must be a non-empty list of {metric, op, value}")
    for cond in item["when"]:
        if not isinstance(cond, dict) or set(cond) != {"metric", "op", "value"}:
            raise fail(f"condition {cond!r} must have exactly metric, op and value")
        if cond["metric"] not in known_metrics:
            raise fail(f"unknown metric {cond['metric']!r} for compare: {compare}; known: {', '.join(known_metrics)}")
        if cond["op"] not in OPS:
            raise fail(f"unknown op {cond['op']!r}; known: {', '.join(OPS)}")
        conditions.append(Condition(cond["metric"], cond["op"], cond["value"]))
    message = item["message"]
    try:
        fields = {f for _, f, _, _ in string.Formatter().parse(message) if f}
    except ValueError as e:
        raise fail(f"message template: {e}") from None
    if fields - set(PLACEHOLDERS):
        raise fail(f"message: unknown placeholder(s) {', '.join(sorted(fields - set(PLACEHOLDERS)))}; known: {', '.join(PLACEHOLDERS)}")
    return Rule(rid, str(item["description"]), item["severity"], applies, compare, tuple(conditions), message, str(path))


def _valid_values(key: str, lex: Lexicon) -> tuple[str, ...]:
    return {
        "kind": ("fixed", "cumulative", "current"),
        "unit": ("count", "percent", "date"),
        "quantity": tuple(lex.kinds),
        "population": lex.populations,
        "event": lex.events,
        "modality": ("fact", "proposal"),
    }[key]


# --------------------------------------------------------------------------- evaluation
def evaluate(groups: Sequence[ClaimGroup], claims: Sequence[Claim], rules: Sequence[Rule], lex: Lexicon) -> list[Conflict]:
    conflicts: list[Conflict] = []
    group_of = {c.claim_id: g for g in groups for c in g.claims}
    for rule in rules:
        level = SELECTORS[rule.compare][0]
        if level == "group":
            for g in groups:
                if len(g.claims) < 2 or not rule.applies(g):
                    continue
                ctx = Ctx(g, lex)
                matched = [cand.claims for cand in _pairs(g, ctx, SELECTORS["pairs"][1]) if rule.matches(cand)]
                for component in _components(matched):
                    conflicts.append(_conflict(rule, g, component, lex))
        else:
            by_article: dict[str, list[Claim]] = defaultdict(list)
            for c in claims:
                by_article[c.article_id].append(c)
            for art in sorted(by_article):
                for cand, _ in _ARTICLE_SELECTORS[rule.compare](by_article[art], lex):
                    g = group_of.get(cand.claims[0].claim_id)
                    if g is not None and rule.applies(g) and rule.matches(cand):
                        conflicts.append(_conflict(rule, g, list(cand.claims), lex))
    counters: dict[str, int] = defaultdict(int)
    numbered = []
    for cf in conflicts:
        counters[cf.rule_id] += 1
        numbered.append(Conflict(f"{cf.rule_id}-{counters[cf.rule_id]}", cf.rule_id, cf.severity, cf.group_id, cf.message, cf.claims))
    return numbered


def _components(pairs: Sequence[tuple[Claim, ...]]) -> list[list[Claim]]:
    parent: dict[str, str] = {}
    claim: dict[str, Claim] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in pairs:
        for c in pair:
            parent.setdefault(c.claim_id, c.claim_id)
            claim[c.claim_id] = c
        for c in pair[1:]:
            parent[find(c.claim_id)] = find(pair[0].claim_id)
    comps: dict[str, list[Claim]] = defaultdict(list)
    for cid in parent:
        comps[find(cid)].append(claim[cid])
    return [sorted(cs, key=_chronological) for cs in sorted(comps.values(), key=lambda cs: min(c.claim_id for c in cs))]


def _chronological(c: Claim) -> tuple:
    return (c.as_of is None, c.as_of or date.min, c.claim_id)


# --------------------------------------------------------------------------- messages
_HEDGE_WORDS = {"exact": "", "approx": "about ", "more_than": "more than ", "at_least": "at least ",
                "less_than": "less than ", "at_most": "at most "}


def describe_claim(c: Claim) -> str:
    value = c.value.isoformat() if isinstance(c.value, date) else f"{float(c.value):g}"
    unit = "%" if c.unit == "percent" else ""
    who = ", ".join(x for x in (c.outlet or c.article_id, c.as_of.isoformat() if c.as_of else "undated",
                                 c.attribution_text or c.attribution) if x)
    return f"{_HEDGE_WORDS.get(c.hedge, '')}{value}{unit} ({who})"


def _what(g: ClaimGroup) -> str:
    pop = "" if g.population == "unspecified" else f" {g.population}"
    return f"{g.quantity.replace('_', ' ')}{pop} [{g.event}]" if g.unit != "date" else f"date of {g.event}"


def _conflict(rule: Rule, g: ClaimGroup, claims: Sequence[Claim], lex: Lexicon) -> Conflict:
    claims = tuple(claims)
    msg = rule.message.format(
        what=_what(g), values="; ".join(describe_claim(c) for c in claims), quantity=g.quantity,
        population=g.population, event=g.event, count=len(claims), rule_id=rule.id, severity=rule.severity,
    )
    return Conflict("", rule.id, rule.severity, g.group_id, msg, claims)
