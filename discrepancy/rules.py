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
one attack's tolls 1140 / 1208 / 1300 make one conflict, not three.
"""

from __future__ import annotations

import heapq
import operator
import string
from bisect import bisect_left, bisect_right, insort
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import jsonschema

from .errors import Errors, RulesError
from .lexicon import DEFAULT_RULES_DIR, Lexicon, read_yaml
from .messages import conflict_message
from .models import ABOARD, Claim, ClaimGroup, Conflict, around_figure, as_of_span
from .normalize import fold
from .numbers import interval, open_ends

SEVERITIES = ("high", "medium", "low")
OPS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "le": operator.le,
    "gt": operator.gt, "ge": operator.ge, "in": lambda a, b: a in b,
}
APPLIES_TO = ("kind", "quantity", "population", "event", "unit", "modality")
PLACEHOLDERS = ("what", "values", "quantity", "population", "event", "count", "rule_id", "severity")
_FIELDS = {"id", "description", "severity", "applies_to", "compare", "when", "message"}


# --------------------------------------------------------------------------- context
class Ctx:
    """What metrics may look at besides their claims (computed once per group)."""

    def __init__(self, group: ClaimGroup, lex: Lexicon, out_of_order: Mapping[tuple[str, str], str] | None = None):
        self.group, self.lex = group, lex
        # pairs of figures their articles' other running totals rule out as growth, and why, said
        # after the message (`growth_ruled_out`: `out_of_order`, `one_update`)
        self.out_of_order = out_of_order or {}
        self.out_of_order_claims = frozenset(x for pair in self.out_of_order for x in pair)
        # a story's event has its date in rules/ and settles `settle_days` after it; a
        # generic one (an earthquake, a flood) has no known date: its first reported
        # figure may come weeks into it, so its count is never taken as settled and
        # may grow for as long as it is reported (a later figure below is still a conflict)
        d = lex.event_dates.get(group.event)
        self.settling_end = d + timedelta(days=int(lex.setting("settle_days"))) if d else date.max
        self._series: tuple[list[float], list[float]] | None = None
        # the group's classes and what the pair tests read of them, by whether later dates share a
        # class (`_classes`): the pair rules of one group see the same ones (docs/performance.md)
        self._classes: dict[bool, tuple[list[_Class], _Figures]] = {}

    def classes(self, metrics: set[str]) -> tuple[list[_Class], _Figures]:
        """`_classes` for a rule reading `metrics`, with their `_Figures`, built once per group."""
        project = self.group.kind == "fixed" and self.settling_end is not None and metrics <= _SETTLING_ONLY
        if project not in self._classes:
            classes = _classes(self.group, self, project)
            self._classes[project] = (classes, _Figures(classes))
        return self._classes[project]

    def fits_series(self, c: Claim) -> bool:
        """Can an undated figure sit somewhere in the group's dated series, read as growing?

        Position i fits when every dated figure before it is not above it and every
        one after it is not below it: a prefix maximum of lows and a suffix minimum
        of highs answer that for all positions at once. Both never decrease along
        the series, so the positions whose prefix allows the figure are a prefix of
        them and those whose suffix allows it a suffix: it fits when the two meet
        (two binary searches, not a walk over the series for each undated figure).
        Only a running total has a series to fit into; a stock (current) may rise
        or fall, so it never fits.
        """
        if self.group.kind != "cumulative":
            return False
        if self._series is None:
            dated = sorted((x for x in self.group.claims if x.as_of is not None), key=lambda x: x.as_of)
            prefix_max_low, m = [float("-inf")], float("-inf")
            for x in dated:
                m = max(m, _num(x.low))
                prefix_max_low.append(m)
            suffix_min_high, m = [float("inf")], float("inf")
            for x in reversed(dated):
                m = min(m, _num_hi(x))
                suffix_min_high.append(m)
            self._series = (prefix_max_low, suffix_min_high[::-1])
        before, after = self._series
        lo, hi = _num(c.low), _num_hi(c)
        return bisect_left(after, lo) < bisect_right(before, hi)


# --------------------------------------------------------------------------- interval helpers
_INF = float("inf")


def _num(x: Any) -> float:
    if x.__class__ is float:  # most figures: hundreds of thousands of calls in a big group's pairs
        return x
    return float(x.toordinal()) if isinstance(x, date) else float(x)


def overlap(a: Claim, b: Claim) -> bool:
    """Do the intervals of two claims share a value (open ends respected)?

    They do when the higher low is below the lower high; when the two meet at one
    value, only if neither end there is open (of two equal ends, an open one wins).
    The ends are looked at only then: the rules call this hundreds of thousands
    of times in a big group."""
    a_lo, b_lo = _num(a.low), _num(b.low)
    a_hi = _INF if a.high is None else _num(a.high)
    b_hi = _INF if b.high is None else _num(b.high)
    lo, hi = max(a_lo, b_lo), min(a_hi, b_hi)
    if lo != hi:
        return lo < hi
    a_lo_open, a_hi_open = open_ends(a.hedge)
    b_lo_open, b_hi_open = open_ends(b.hedge)
    lo_open = a_lo_open if a_lo > b_lo else b_lo_open if b_lo > a_lo else a_lo_open or b_lo_open
    hi_open = a_hi_open if a_hi < b_hi else b_hi_open if b_hi < a_hi else a_hi_open or b_hi_open
    return not lo_open and not hi_open


def _num_hi(c: Claim) -> float:
    return _INF if c.high is None else _num(c.high)


def below(b: Claim, a: Claim) -> bool:
    """b's interval lies entirely below a's."""
    return not overlap(a, b) and _num_hi(b) <= _num(a.low)


def apart_in_time(a: Claim, b: Claim) -> bool:
    """Are both dated, and the days they may be of (one day, or a month or year, `as_of_span`)
    apart? Only then is one figure surely later than the other: `حتى يونيو 2018` is not
    before 2018-06-15."""
    x, y = as_of_span(a), as_of_span(b)
    return x is not None and y is not None and (x[1] < y[0] or y[1] < x[0])


def _spans_overlap(a: Claim, b: Claim) -> bool:
    """Both dated, and not surely one before the other (`apart_in_time`)."""
    return a.as_of is not None and b.as_of is not None and not apart_in_time(a, b)


def _one_day(c: Claim) -> bool:
    span = as_of_span(c)
    return span is not None and span[0] == span[1]


def _ordered(a: Claim, b: Claim) -> tuple[Claim, Claim]:
    return (a, b) if (a.as_of, a.claim_id) <= (b.as_of, b.claim_id) else (b, a)


# --------------------------------------------------------------------------- metrics
PairMetric = Callable[[Claim, Claim, Ctx], Any]


def _in_settling(c: Claim, ctx: Ctx) -> bool:
    end = ctx.settling_end
    return end is not None and c.as_of is not None and c.as_of <= end


def _later_is_smaller(a: Claim, b: Claim, ctx: Ctx) -> bool:
    if not apart_in_time(a, b):
        return False
    early, late = _ordered(a, b)
    return below(late, early)


def _settling_growth(a: Claim, b: Claim, ctx: Ctx) -> bool:
    """Figures from an event's settling period may grow into later ones."""
    if a.as_of is None or b.as_of is None:
        return False
    early, _late = _ordered(a, b)
    return _in_settling(early, ctx) and not _later_is_smaller(a, b, ctx)


def _ordered_in_time(a: Claim, b: Claim, ctx: Ctx) -> bool:
    """Can the pair be judged in time order? Two different dates can; so can a settled
    one-time count (after its settling period figures must agree whatever their dates)
    against a figure that cannot be an early count of it: dated after the period too,
    or undated but above it (a later figure below an earlier one is a conflict anyway).
    Otherwise (no date, or the same day while a count still grows) the difference may
    be hours apart or an early count: for review, not a verdict. Figures dated to a month or
    a year are ordered only when their periods do not overlap."""
    if apart_in_time(a, b):
        return True
    if ctx.group.kind != "fixed":
        return False
    settled = [c for c in (a, b) if _settled(c, ctx)]
    if len(settled) == 2:
        return True
    if len(settled) == 1:
        other = b if settled[0] is a else a
        return other.as_of is None and below(settled[0], other)
    return False


def _settled(c: Claim, ctx: Ctx) -> bool:
    return c.as_of is not None and c.as_of > ctx.settling_end


def _undated_fits(a: Claim, b: Claim, ctx: Ctx) -> bool:
    """Does each undated figure of the pair fit its group's dated series, and the pair the order
    its articles' other running totals give them (`out_of_order`)?"""
    if (a.claim_id, b.claim_id) in ctx.out_of_order:
        return False
    undated = [c for c in (a, b) if c.as_of is None]
    return bool(undated) and all(ctx.fits_series(c) for c in undated)


def _relative_difference(a: Claim, b: Claim, ctx: Ctx | None = None) -> float:
    x, y = _num(a.value), _num(b.value)
    return abs(x - y) / max(abs(x), abs(y), 1e-9)


def _may_not_fit(c: Claim, ctx: Ctx) -> bool:
    """Can a pair with this undated figure fail `undated_fits_series`? (Prunes the pairs tried.)"""
    return c.claim_id in ctx.out_of_order_claims or not ctx.fits_series(c)


def out_of_order(claims: Iterable[Claim], lex: Lexicon,
                 articles: Collection[str] | None = None) -> frozenset[tuple[str, str]]:
    """Pairs of running totals, one undated, that their articles' other running totals order the other way.

    An article gives its figures as of one time, so two articles that share running totals
    (cases, deaths and recoveries of one bulletin) are ordered by them: the lower figures
    are the earlier article's. An undated figure fits anywhere its own group allows, but
    when most of the running totals two articles share (two or more) put one article
    before the other, a pair that puts it after (the later article's total lower) cannot
    be right: one of its figures is misread or misprinted. Each article is represented
    in a group by its highest figure there (a day's count read as the total is lower);
    a pair both of whose figures are dated is ordered by its dates, not by this. Only
    confident frames count (no `other`, no `unspecified`), and no part of a whole
    (`part_of`). A count's groups of people (all, children, women) vote once together,
    and not at all when they disagree: they are one statement of the article, and a
    day's toll with its breakdown read as totals would outvote the true total. Returns
    both orders of each pair (claim ids), for `undated_fits_series`.

    Only pairs of articles whose figures two groups order differently can be out of order;
    they are found group pair by group pair in one sweep each (`_discordant`), so the cost
    follows the disagreements, not the square of the articles. With `articles` (the
    archive's new ones), only pairs with one of them are looked at: each against the
    articles that share a group with it.
    """
    figures: dict[str, dict[tuple, Claim]] = defaultdict(dict)  # article -> group key -> its highest figure
    for c in claims:
        if (c.unit != "count" or c.modality != "fact" or c.quantity == "other" or c.event == "other"
                or c.population == "unspecified" or c.part_of or lex.kind(c.quantity, c.event) != "cumulative"):
            continue
        key = (c.quantity, c.event, c.place, c.population)
        held = figures[c.article_id].get(key)
        if held is None or _span(c) > _span(held):
            figures[c.article_id][key] = c
    if not any(c.as_of is None for fs in figures.values() for c in fs.values()):
        return frozenset()
    # articles holding figures of two groups that count different things (not two groups of people)
    both: dict[tuple[tuple, tuple], list[str]] = defaultdict(list)
    for art, fs in figures.items() if articles is None else ():
        keys = sorted(fs)
        for i, k1 in enumerate(keys):
            for k2 in keys[i + 1:]:
                if k1[:3] != k2[:3]:
                    both[(k1, k2)].append(art)
    candidates: set[tuple[str, str]] = set()
    if articles is not None:
        holders: dict[tuple, list[str]] = defaultdict(list)
        for art, fs in figures.items():
            for key in fs:
                holders[key].append(art)
        for a in set(articles) & figures.keys():
            candidates.update((min(a, b), max(a, b)) for key in figures[a] for b in holders[key] if b != a)
    for (k1, k2), arts in both.items():
        if articles is None and len(arts) > 1:
            candidates.update(_discordant([(figures[a][k1], figures[a][k2]) for a in arts]))
    out: set[tuple[str, str]] = set()
    for a, b in candidates:
        # what is counted where -> the sign its groups of people give (+1: a's figure is higher), and their pairs
        said: dict[tuple, set[int]] = defaultdict(set)
        pairs: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
        for key, x in figures[a].items():
            y = figures[b].get(key)
            if y is None or (x.as_of is not None and y.as_of is not None) or overlap(x, y):
                continue  # a pair both dated is ordered by its dates
            said[key[:3]].add(1 if below(y, x) else -1)
            pairs[key[:3]].append((x.claim_id, y.claim_id))
        signs = [next(iter(v)) for v in said.values() if len(v) == 1]
        later, earlier = signs.count(1), signs.count(-1)
        if later and earlier and later != earlier:
            minority = 1 if later < earlier else -1
            for what, v in said.items():
                if v == {minority}:
                    out.update(p for x, y in pairs[what] for p in ((x, y), (y, x)))
    return frozenset(out)


def _span(c: Claim) -> tuple[float, float]:
    return _num(c.low), _num_hi(c)


def _discordant(points: list[tuple[Claim, Claim]]) -> Iterator[tuple[str, str]]:
    """Pairs of articles (each a figure of one group and one of another) that the two groups
    order differently, one of the figures undated, in name order: a sweep in the first group's
    order keeps the second group's figures seen so far sorted, so each pair found costs a step."""
    order = sorted(range(len(points)), key=lambda i: _span(points[i][0]))
    seen: list[tuple[tuple[float, float], int]] = []
    k = 0
    while k < len(order):
        tied = [order[k]]
        while k + len(tied) < len(order) and _span(points[order[k + len(tied)]][0]) == _span(points[order[k]][0]):
            tied.append(order[k + len(tied)])
        for j in tied:
            x2, y2 = points[j]
            for _, i in seen[bisect_right(seen, (_span(y2), len(points))):]:
                x1, y1 = points[i]  # x1 below x2, y1 above y2
                if (x1.as_of is None or x2.as_of is None) and (y1.as_of is None or y2.as_of is None):
                    a, b = x1.article_id, x2.article_id
                    yield (a, b) if a < b else (b, a)
        for j in tied:
            insort(seen, (_span(points[j][1]), j))
        k += len(tied)


# A figure that identifies the update it comes from when two articles give it: exact and specific,
# neither a handful any two updates may share nor a round figure (rounding unit 100 or coarser:
# `3 آلاف`، `نحو 500`).
_UPDATE_MIN_VALUE = 20
_UPDATE_MAX_ROUNDING = 10


def _identifies_update(c: Claim) -> bool:
    return (c.hedge == "exact" and not isinstance(c.value, date) and c.value >= _UPDATE_MIN_VALUE
            and c.rounding <= _UPDATE_MAX_ROUNDING)


def one_update(claims: Iterable[Claim], lex: Lexicon,
               articles: Collection[str] | None = None) -> dict[tuple[str, str], str]:
    """Pairs of running totals, one undated, that two articles give with the same update, and disagree.

    An official update is quoted whole ("525 killed and 3572 wounded, the ministry said"). When
    sentences of two articles give the same specific figure (`_identifies_update`) of one count,
    the other running totals of those sentences are that update's too: a sentence that pairs 525
    killed with 2926 wounded and one that pairs them with 3572 cannot both be right, whatever
    growth an undated figure would otherwise be allowed (one carries an earlier update's figure
    into a later one). Confident frames only (no `other`, no `unspecified`), no part of a whole;
    a pair both of whose figures are dated is ordered by its dates, not by this. With `articles`
    (the archive's new ones), only pairs with one of them. Returns both orders of each pair
    (claim ids), with what the message says of it.

    Only figures that disagree are paired: of a count's figures sorted by their lows, those
    above one figure's high are a suffix (a binary search), so the cost follows the disagreements.
    """
    sentences: dict[tuple[str, str], list[Claim]] = defaultdict(list)  # (article, sentence) -> its figures
    for c in claims:
        if (c.unit == "count" and c.modality == "fact" and not c.part_of and c.quantity != "other"
                and c.event != "other" and c.population != "unspecified"):
            sentences[(c.article_id, c.sentence)].append(c)
    # a sentence states an update when it gives one figure of each count: one with two of a count
    # ("before the 15th, 645 killed; after it, 3402; 4047 in all") is a timeline or a breakdown
    def once(cs: list[Claim]) -> list[Claim]:
        per_count = Counter((c.quantity, c.population, c.event, c.place) for c in cs)
        return [c for c in cs if per_count[(c.quantity, c.population, c.event, c.place)] == 1]

    wanted = None if articles is None else set(articles)
    if wanted is not None:
        # only updates one of `articles` gives can pair one of them: the sentences giving none are skipped
        anchors = {(c.quantity, c.population, c.event, c.place, c.value) for (art, _), cs in sentences.items()
                   if art in wanted for c in once(cs) if _identifies_update(c)}
        sentences = {where: cs for where, cs in sentences.items()
                     if any((c.quantity, c.population, c.event, c.place, c.value) in anchors for c in cs)}
    for where, cs in sentences.items():
        sentences[where] = once(cs)
    sharing: dict[tuple, list[tuple[str, str]]] = defaultdict(list)  # an update's figure -> sentences giving it
    for where, cs in sentences.items():
        for c in cs:
            if _identifies_update(c):
                sharing[(c.quantity, c.population, c.event, c.place, c.value)].append(where)
    out: dict[tuple[str, str], str] = {}
    for anchor, where in sharing.items():
        # a pair is of two sentences that give the anchor: none of `articles` among them, no pair wanted
        if len({art for art, _ in where}) < 2 or (wanted is not None and not any(art in wanted for art, _ in where)):
            continue
        said = (f" (each given beside {anchor[4]:g} {lex.label(anchor[0])}, one update's figure: one of them"
                " belongs to another update)")
        counts: dict[tuple, list[Claim]] = defaultdict(list)
        for w in where:
            for c in sentences[w]:
                key = (c.quantity, c.population, c.event, c.place)
                if key != anchor[:4] and lex.kind(c.quantity, c.event) == "cumulative":
                    counts[key].append(c)
        for cs in counts.values():
            cs.sort(key=_span)
            lows = [_num(c.low) for c in cs]
            for x in cs:
                for y in cs[bisect_left(lows, _num_hi(x)):]:
                    if (x.article_id != y.article_id and (x.as_of is None or y.as_of is None) and not overlap(x, y)
                            and (wanted is None or x.article_id in wanted or y.article_id in wanted)):
                        out.setdefault((x.claim_id, y.claim_id), said)
                        out.setdefault((y.claim_id, x.claim_id), said)
    return out


def growth_ruled_out(claims: Iterable[Claim], lex: Lexicon,
                     articles: Collection[str] | None = None) -> dict[tuple[str, str], str]:
    """The pairs `undated_fits_series` rules out although each figure fits its series, and what the
    message says of them: ordered the other way by their articles' other running totals
    (`out_of_order`), or given with one update (`one_update`)."""
    claims = list(claims)
    out = dict.fromkeys(out_of_order(claims, lex, articles), _OUT_OF_ORDER)
    for pair, said in one_update(claims, lex, articles).items():
        out.setdefault(pair, said)
    return out


PAIR_METRICS: dict[str, PairMetric] = {
    "intervals_overlap": lambda a, b, ctx: overlap(a, b),
    "different_articles": lambda a, b, ctx: a.article_id != b.article_id,
    "same_attribution": lambda a, b, ctx: bool(a.attribution) and a.attribution == b.attribution,
    "same_as_of": lambda a, b, ctx: _one_day(a) and a.as_of == b.as_of and _one_day(b),
    "both_dated": lambda a, b, ctx: a.as_of is not None and b.as_of is not None,
    "any_undated": lambda a, b, ctx: a.as_of is None or b.as_of is None,
    "later_is_smaller": _later_is_smaller,
    "ordered_in_time": _ordered_in_time,
    "settling_growth": _settling_growth,
    "undated_fits_series": _undated_fits,
    "relative_difference": _relative_difference,
}


@dataclass(frozen=True)
class Candidate:
    """Claims a selector proposes to a rule, and what its metrics know of them."""

    claims: tuple[Claim, ...]
    values: Mapping[str, Any]
    # listed with the conflict but in none of its pairs: where else the article states the same
    # figures (`_restated`)
    also: tuple[Claim, ...] = ()


@dataclass
class _Class:
    """Claims of a group that every metric sees alike (same figure, hedge, source, date)."""

    rep: Claim
    claims: list[Claim]
    articles: set[str]


# Metrics that only ask whether a date falls in the settling period, not which
# date it is: for them all later dates of a fixed count may share one class.
_SETTLING_ONLY = frozenset({"different_articles", "intervals_overlap", "settling_growth", "relative_difference",
                            "same_attribution", "both_dated", "any_undated", "ordered_in_time"})


class _Figures:
    """What the pair tests read of each class, computed once per rule and group: a big group's
    decrease weighs hundreds of thousands of pairs (docs/performance.md). Days are ordinals."""

    __slots__ = ("reps", "spans", "lows", "highs", "closed")

    def __init__(self, classes: Sequence[_Class]):
        self.reps = [c.rep for c in classes]
        self.spans = [None if (s := as_of_span(r)) is None else (s[0].toordinal(), s[1].toordinal())
                      for r in self.reps]
        self.lows = [_num(r.low) for r in self.reps]
        self.highs = [_num_hi(r) for r in self.reps]
        # neither end open, low <= high: two such figures that touch overlap, so neither lies below
        self.closed = [open_ends(r.hedge) == (False, False) and lo <= hi
                       for r, lo, hi in zip(self.reps, self.lows, self.highs, strict=True)]

    def overlap(self, i: int, j: int) -> bool:
        """`overlap` on two classes' figures: their open ends are looked at only when they meet at one value."""
        a, b = self.lows[i], self.lows[j]
        lo = a if a > b else b
        a, b = self.highs[i], self.highs[j]
        hi = a if a < b else b
        return lo < hi if lo != hi else overlap(self.reps[i], self.reps[j])

    def apart(self, i: int, j: int) -> bool:
        """`apart_in_time` on two classes' figures."""
        x, y = self.spans[i], self.spans[j]
        return x is not None and y is not None and (x[1] < y[0] or y[1] < x[0])

    def in_time_order(self, i: int, j: int) -> tuple[int, int] | None:
        """(earlier, later) of two classes apart in time (`apart_in_time`), else None."""
        x, y = self.spans[i], self.spans[j]
        if x is None or y is None:
            return None
        return (i, j) if x[1] < y[0] else (j, i) if y[1] < x[0] else None

    def below(self, b: int, a: int) -> bool:
        """`below(b, a)` on the classes' figures: an end strictly below the other's start cannot
        overlap it; only touching ends need `overlap`'s look at open ends."""
        hb, la = self.highs[b], self.lows[a]
        return hb < la or (hb == la and not overlap(self.reps[a], self.reps[b]))

    def later_is_smaller(self, i: int, j: int) -> bool:
        """`_later_is_smaller` on two classes' figures."""
        order = self.in_time_order(i, j)
        return order is not None and self.below(order[1], order[0])

    def grew(self, i: int, j: int) -> bool:
        """One of two dated figures is the other one grown: apart in time, the later one's
        interval above the earlier one's."""
        order = self.in_time_order(i, j)
        return order is not None and self.below(order[0], order[1])


def _classes(group: ClaimGroup, ctx: Ctx, project: bool) -> list[_Class]:
    """`project`: every date after the settling period is one (`Ctx.classes`)."""
    by_sig: dict[tuple, _Class] = {}
    for c in group.claims:
        as_of = c.as_of
        if project and as_of is not None and as_of > ctx.settling_end:
            as_of = date.max
        span = as_of_span(c) if as_of == c.as_of else None
        # a figure of a pair out of order (`out_of_order`) is judged alone: its pair, not its figure, fails
        alone = c.claim_id if c.claim_id in ctx.out_of_order_claims else None
        sig = (c.value, c.hedge, c.low, c.high, c.attribution, as_of, span, c.modality, alone)
        cls = by_sig.get(sig)
        if cls is None:
            by_sig[sig] = _Class(c, [c], {c.article_id})
        else:
            cls.claims.append(c)
            cls.articles.add(c.article_id)
    return list(by_sig.values())


def _requires(rule: Rule, metric: str, value: Any) -> bool:
    return any(c.metric == metric and c.op == "eq" and c.value == value for c in rule.when)


def _class_pairs(rule: Rule, classes: list[_Class], ctx: Ctx) -> Iterator[tuple[int, int]]:
    """Pairs of classes worth testing; conditions that rule pairs out prune the search.

    - `later_is_smaller`: a sweep in date order yields only pairs where the later
      figure lies below an earlier one (output-sensitive);
    - `intervals_overlap: false`: only disjoint pairs (sorted by interval);
    - `any_undated` (with `undated_fits_series: false`): pairs with an undated
      figure that does not fit its series.
    Otherwise every pair of classes (and a class with itself, for its articles).
    """
    # equality conditions partition the classes first: pairs only within a partition
    same_source, same_day = _requires(rule, "same_attribution", True), _requires(rule, "same_as_of", True)
    if same_source or same_day:
        parts: dict[tuple, list[int]] = defaultdict(list)
        for i, c in enumerate(classes):
            if (same_source and not c.rep.attribution) or (same_day and c.rep.as_of is None):
                continue
            parts[(c.rep.attribution if same_source else "", c.rep.as_of if same_day else None)].append(i)
    else:
        parts = {(): list(range(len(classes)))}
    for members in parts.values():
        sub = [classes[i] for i in members]
        for i, j in _pairs_within(rule, sub, ctx):
            yield members[i], members[j]


def _pairs_within(rule: Rule, classes: list[_Class], ctx: Ctx) -> Iterator[tuple[int, int]]:
    n = len(classes)
    lows = [_num(c.rep.low) for c in classes]
    highs = [_num_hi(c.rep) for c in classes]
    if _requires(rule, "later_is_smaller", True):
        dated = sorted((i for i in range(n) if classes[i].rep.as_of is not None), key=lambda i: classes[i].rep.as_of)
        seen: list[tuple[float, int]] = []  # (low, index) of earlier classes, sorted
        k = 0
        while k < len(dated):
            same_day = [dated[k]]
            while k + len(same_day) < len(dated) and classes[dated[k + len(same_day)]].rep.as_of == classes[dated[k]].rep.as_of:
                same_day.append(dated[k + len(same_day)])
            for j in same_day:
                for _low, i in seen[bisect_left(seen, (highs[j], -1)):]:
                    yield i, j
            for j in same_day:
                insort(seen, (lows[j], j))
            k += len(same_day)
        return
    disjoint_only = _requires(rule, "intervals_overlap", False)
    if _requires(rule, "ordered_in_time", False):
        # unordered pairs have an undated figure or share a date: nothing else is tried
        yield from _unordered_pairs(rule, classes, ctx, lows, highs, disjoint_only)
        return
    if _requires(rule, "any_undated", True):
        undated = [i for i in range(n) if classes[i].rep.as_of is None]
        if _requires(rule, "undated_fits_series", False):
            undated = [i for i in undated if _may_not_fit(classes[i].rep, ctx)]
        done = set()
        for u in undated:
            for j in range(n):
                key = (min(u, j), max(u, j))
                if j == u or key in done or (disjoint_only and not (highs[u] <= lows[j] or highs[j] <= lows[u])):
                    continue
                done.add(key)
                yield key
        return
    if disjoint_only:
        order = sorted(range(n), key=lambda i: lows[i])
        sorted_lows = [lows[i] for i in order]
        for i in range(n):
            for j in order[bisect_left(sorted_lows, highs[i]):]:
                yield i, j
        return
    for i in range(n):
        if len(classes[i].articles) > 1:
            yield i, i
        for j in range(i + 1, n):
            yield i, j


def _walkable(rule: Rule) -> bool:
    """Are the rule's pairs those `_unordered_pairs` tries, over all the group's classes (so
    `_unordered_near` may find them class by class)?"""
    return (_requires(rule, "ordered_in_time", False) and not _requires(rule, "later_is_smaller", True)
            and not _requires(rule, "same_attribution", True) and not _requires(rule, "same_as_of", True))


def _unordered_pairs(rule: Rule, classes: list[_Class], ctx: Ctx, lows: list[float], highs: list[float],
                     disjoint_only: bool) -> Iterator[tuple[int, int]]:
    # `_unordered_near` tries the same pairs class by class: a change here is one there
    n = len(classes)
    undated = [i for i in range(n) if classes[i].rep.as_of is None]
    if _requires(rule, "undated_fits_series", False):
        undated = [i for i in undated if _may_not_fit(classes[i].rep, ctx)]
    done: set[tuple[int, int]] = set()

    def emit(i: int, j: int) -> Iterator[tuple[int, int]]:
        key = (min(i, j), max(i, j))
        if i != j and key not in done and not (disjoint_only and not (highs[i] <= lows[j] or highs[j] <= lows[i])):
            done.add(key)
            yield key

    for u in undated:
        for j in range(n):
            yield from emit(u, j)
    by_day: dict[date, list[int]] = defaultdict(list)
    for i in range(n):
        if classes[i].rep.as_of is not None:
            by_day[classes[i].rep.as_of].append(i)
    for members in by_day.values():
        for x, i in enumerate(members):
            if len(classes[i].articles) > 1:
                yield i, i
            for j in members[x + 1:]:
                yield from emit(i, j)
    # a figure dated to a month or a year cannot be ordered against any figure of its period
    for w in (i for i in range(n) if classes[i].rep.as_of is not None and not _one_day(classes[i].rep)):
        for j in range(n):
            if _spans_overlap(classes[w].rep, classes[j].rep):
                yield from emit(w, j)


def _unordered_near(rule: Rule, classes: list[_Class], ctx: Ctx, figures: _Figures, near: Iterable[int],
                    edges: dict[int, set[int]]) -> Iterator[tuple[int, int]]:
    """The pairs `_unordered_pairs` tries that can be connected to one of `near` by pairs that meet
    the rule: a walk from `near`, each class's pairs yielded (each once, as (lower, higher)), then
    its classes paired in `edges` walked to. The caller tests each pair yielded into `edges`
    before asking for the next, so once a class's pairs are yielded `edges` holds those that
    meet the rule. Visiting a few classes, not every pair of a big group (docs/performance.md)."""
    n, lows, highs = len(classes), figures.lows, figures.highs
    disjoint_only = _requires(rule, "intervals_overlap", False)
    undated = [i for i in range(n) if classes[i].rep.as_of is None]
    if _requires(rule, "undated_fits_series", False):
        undated = [i for i in undated if _may_not_fit(classes[i].rep, ctx)]
    is_undated = set(undated)
    by_day: dict[date, list[int]] = defaultdict(list)
    for i in range(n):
        if classes[i].rep.as_of is not None:
            by_day[classes[i].rep.as_of].append(i)
    periods = [i for i in range(n) if classes[i].rep.as_of is not None and not _one_day(classes[i].rep)]
    done: set[tuple[int, int]] = set()
    visited: set[int] = set()
    todo = list(near)
    while todo:
        v = todo.pop()
        if v in visited:
            continue
        visited.add(v)
        rep = classes[v].rep
        if rep.as_of is not None and len(classes[v].articles) > 1:
            yield v, v
        if v in is_undated:
            others: Iterable[int] = range(n)
        else:
            others = [*undated, *(by_day[rep.as_of] if rep.as_of is not None else ()),
                      *(w for w in periods if _spans_overlap(classes[w].rep, rep)),
                      *(j for j in (range(n) if v in periods else ()) if _spans_overlap(rep, classes[j].rep))]
        for j in others:
            key = (v, j) if v < j else (j, v)
            if j != v and key not in done and (not disjoint_only or highs[v] <= lows[j] or highs[j] <= lows[v]):
                done.add(key)
                yield key
        todo.extend(j for j in edges.get(v, ()) if j not in visited)


def _pair_edges(rule: Rule, group: ClaimGroup, ctx: Ctx,
                near: Collection[int] | None = None) -> tuple[list[_Class], dict[int, set[int]]]:
    """The classes of a group and which pairs of them meet the rule. With `near` (classes), at
    least the pairs connected to one of them by a path of such pairs (`_reachable`): for a rule
    whose pairs cannot be ordered in time, only those (`_unordered_near`)."""
    classes, figures = ctx.classes({c.metric for c in rule.when})
    edges: dict[int, set[int]] = defaultdict(set)
    pairs = (_unordered_near(rule, classes, ctx, figures, near, edges) if near is not None and _walkable(rule)
             else _class_pairs(rule, classes, ctx))
    # `rule.matches` on each pair, unrolled (tens of thousands of pairs in a big group): the
    # conditions in their order, each metric computed only when reached, so a failing cheap
    # test skips the costly ones; `different_articles` is read from the classes' article sets,
    # `later_is_smaller`, `intervals_overlap` and whether two figures are apart in time (most
    # of `ordered_in_time`) from their figures read once (`_Figures`)
    how_of = {"different_articles": 1, "later_is_smaller": 2, "intervals_overlap": 3, "ordered_in_time": 4}
    tests = [(how_of.get(c.metric, 0), PAIR_METRICS[c.metric], OPS[c.op], c.value) for c in rule.when]
    fixed = group.kind == "fixed"  # only a one-time count orders figures not apart in time (`_ordered_in_time`)
    for i, j in pairs:
        a, b = classes[i], classes[j]
        for how, metric, op, value in tests:
            # two articles among the pair's claims: no union built (every class has an article)
            got = ((len(a.articles) > 1 or a.articles != b.articles) if how == 1
                   else figures.later_is_smaller(i, j) if how == 2 else figures.overlap(i, j) if how == 3
                   else figures.apart(i, j) or (fixed and metric(a.rep, b.rep, ctx)) if how == 4
                   else metric(a.rep, b.rep, ctx))
            if not op(got, value):
                break
        else:
            edges[i].add(j)
            edges[j].add(i)
    return classes, edges


def _reachable(edges: dict[int, set[int]], start: Iterable[int]) -> dict[int, set[int]]:
    """The pairs of `edges` among the classes connected to one of `start` by a path of pairs."""
    out: dict[int, set[int]] = {}
    todo = [i for i in start if i in edges]
    while todo:
        i = todo.pop()
        if i not in out:
            out[i] = edges[i]
            todo.extend(j for j in edges[i] if j not in out)
    return out


def _focused_pairs(group: ClaimGroup, steps: Sequence[tuple[int, Rule]], ctx: Ctx,
                   focus: Collection[str]) -> dict[int, tuple[list[_Class], _Figures, dict[int, set[int]], list[int] | None]]:
    """For a check that wants only the conflicts listing a `focus` claim: each pair rule's classes,
    their figures, the pairs `_stars` needs, and (last rule) the classes it must list.

    `_stars` works per connected set of pairs, and a rule reads of the rules before it only
    which claims their conflicts listed together, for its own pairs' claims (`evaluate`). So,
    from the last rule back: the last one needs the sets connected to a focus class (nothing
    after it reads what it shows, and its pairs are found by walking from them when they can
    be, `_pair_edges(near=...)`); each rule before needs the sets connected to a focus class or
    to a claim a later one needs; the other sets' conflicts list no focus claim and no claim
    read after (docs/performance.md)."""
    plan = {}
    needed: set[str] = set()  # claims whose conflicts a later rule reads
    for k, (n, rule) in enumerate(reversed(steps)):
        classes, figures = ctx.classes({c.metric for c in rule.when})
        start = [i for i, cls in enumerate(classes) if any(c.claim_id in focus or c.claim_id in needed for c in cls.claims)]
        wanted = start if k == 0 else None
        edges = _reachable(_pair_edges(rule, group, ctx, wanted)[1], start)
        needed.update(c.claim_id for i in edges for c in classes[i].claims)
        plan[n] = (classes, figures, edges, wanted)
    return plan


def _stars(classes: list[_Class], edges: dict[int, set[int]], wanted: Collection[int] | None = None,
           figures: _Figures | None = None) -> list[tuple[list[int], list[tuple[int, int]]]]:
    """Conflicts from the pairs that meet a rule: the disagreement, not the group.

    The figure at odds with the most others (the later lower figure of a decrease,
    the odd one out of a fixed count) is listed with the figures it contradicts;
    its pairs are then settled and the next such figure is taken, until every
    pair is shown. Of the figures it contradicts, one that merely grew into
    another (both dated, the later higher) stands for it: the one nearest in
    time is listed (nearest in value when time cannot tell: an undated figure), so a
    growing series never fills a conflict. Figures that
    agree with everything are in no pair, so they are never listed.
    Returns (classes listed, pairs they show). With `wanted` (classes the caller
    needs listed), it stops once none of them has a pair left: a later conflict
    lists its pivot and classes paired with it, so it could not list one.
    `figures`: the classes' `_Figures`, when the caller has them.
    """
    # a pair (i, j), i <= j, is the number i * n + j: hundreds of thousands of them in a big group's
    # decrease, hashed faster than tuples
    n = len(classes)
    # (pairs go both ways in `edges`: each is read from its lower class)
    uncovered = {i * n + j for i, js in edges.items() for j in js if i <= j}
    # uncovered pairs of each class, kept up to date as pairs are shown
    degree: dict[int, int] = defaultdict(int, ((i, len(js)) for i, js in edges.items()))
    # the class at odds with the most others (ties: the first): degrees only go down, so an entry
    # found stale when popped is pushed back with the class's degree then, and the first entry
    # popped that is up to date is the class's (no entry pushed at each pair shown)
    heap = [(-d, v) for v, d in degree.items()]
    heapq.heapify(heap)
    # what ordering a pivot's classes and `grew` read of each class, computed once: a big group's
    # pivots weigh hundreds of thousands of pairs (docs/performance.md)
    figures = figures or _Figures(classes)
    reps, spans, grew, lows, highs, closed = (figures.reps, figures.spans, figures.grew, figures.lows, figures.highs,
                                              figures.closed)
    days = [None if r.as_of is None else _num(r.as_of) for r in reps]
    values = [_num(r.value) for r in reps]
    is_date = [isinstance(r.value, date) for r in reps]

    def cover(i: int, j: int) -> None:
        """The pair (i, j), i <= j, is shown."""
        pair = i * n + j
        if pair in uncovered:
            uncovered.discard(pair)
            degree[i] -= 1
            if i != j:
                degree[j] -= 1

    out = []
    while uncovered:
        if wanted is not None and not any(degree[v] for v in wanted):
            break
        d, pivot = heapq.heappop(heap)
        if -d != degree[pivot] or not d:
            if degree[pivot]:  # an entry from before some of its pairs were shown
                heapq.heappush(heap, (-degree[pivot], pivot))
            continue
        # its uncovered pairs' classes, nearest in time first, then nearest in value (relative to
        # the larger; a date's in days): of figures with no time between them to go by (an undated
        # one), the nearest in value stands for a series; sorted as (time, value gap, class) tuples
        t, x, x_date = days[pivot], values[pivot], is_date[pivot]
        around = [j for _, _, j in sorted(
            (_INF if t is None or days[j] is None else abs(t - days[j]),
             abs(x - values[j]) if x_date or is_date[j] else abs(x - values[j]) / max(abs(x), abs(values[j]), 1e-9),
             j)
            for j in edges[pivot] if j != pivot and (pivot * n + j if pivot < j else j * n + pivot) in uncovered)]
        kept: list[int] = []
        dated: list[int] = []  # the kept classes with a date: an undated figure grew into none
        # Whether a class grew into a kept one is looked for only where it can have: a kept class
        # after it whose low reaches its high, or one before it whose high reaches down to its low
        # (touching only with an open end: two closed figures that touch overlap). The kept classes
        # by the first day of their span, with their lows, and by the last, with their highs (those
        # of open ones apart) answer that at C speed: a long series's kept classes are mostly the
        # same figure on other days, which no class grew into (docs/performance.md)
        starts: list[int] = []
        lows_after: list[float] = []
        open_lows: list[float] = []  # -inf for a closed class
        ends: list[int] = []
        highs_before: list[float] = []
        open_highs: list[float] = []  # inf for a closed class
        for j in around:
            span = spans[j]
            if span is None:
                kept.append(j)
                continue
            a, b = bisect_right(starts, span[1]), bisect_left(ends, span[0])
            hj, lj, open_j = highs[j], lows[j], not closed[j]
            if a < len(starts) and ((m := max(lows_after[a:])) > hj or (m == hj and open_j) or max(open_lows[a:]) >= hj) \
                    or b and ((m := min(highs_before[:b])) < lj or (m == lj and open_j) or min(open_highs[:b]) <= lj):
                if any(j not in edges[k] and grew(k, j) for k in dated):
                    continue
            dated.append(j)
            kept.append(j)
            a, b = bisect_right(starts, span[0]), bisect_right(ends, span[1])
            starts.insert(a, span[0])
            lows_after.insert(a, lj)
            open_lows.insert(a, -_INF if closed[j] else lj)
            ends.insert(b, span[1])
            highs_before.insert(b, hj)
            open_highs.insert(b, _INF if closed[j] else hj)
        members = [pivot, *kept]
        for j in around:
            cover(min(pivot, j), max(pivot, j))
        # the pairs among the members, each member's in the members' order: read from the members
        # when they are fewer than its pairs (a class at odds with thousands of others)
        position = {v: k for k, v in enumerate(members)}
        shown = [(a, b) for a in members
                 for b in ([b for b in members if a <= b and b in edges[a]] if len(members) < len(edges[a]) else
                           sorted((b for b in edges[a] if b in position and a <= b), key=position.__getitem__))]
        for a, b in shown:
            cover(a, b)
        out.append((members, shown))
    return out


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
        # a stated percentage is rounded (67 stands for 66.5-67.5): compare with that slack
        slack = pct.rounding / 2
        contradicts = share_hi < _num(pct.low) - slack or share_lo > _num_hi(pct) + slack
        yield Candidate((whole, pct, *counts), {"share_contradicts_percent": contradicts}), None


def _sentence_pairs(claims: Sequence[Claim], lex: Lexicon) -> Iterator[tuple[Candidate, ClaimGroup | None]]:
    """Two figures of one count (quantity, population, event, place) in one sentence of an article,
    each with its source, neither a part of a whole.

    `sources_contrasted`: the sentence sets the two sources against each other: between the
    figures, a word of contrast (sources.yaml `contrasts`) and after it the second figure's source
    as written ("أعلنه موقع X، وكان 932 شهيدا، في حين وثقت منظمة Y أسماء 817 ضحية", X and Y two
    sources). Only then are two figures of one article under one key known to be two sources' counts
    of one thing, not a day's count and the total, a part and its whole, or one source named twice
    (the pair rules leave one article's figures alone for that reason). The conflict also lists
    where else the article states the two figures (`_restated`)."""
    by_sentence: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.unit in ("count", "percent") and c.attribution and not c.part_of:
            by_sentence[c.sentence].append(c)
    yield from _across_sentences(claims, [c for cs in by_sentence.values() for c in cs], lex)
    for cs in by_sentence.values():
        cs.sort(key=lambda c: c.char_start)
        for i, x in enumerate(cs):
            for y in cs[i + 1:]:
                if (x.quantity, x.population, x.event, x.place, x.unit) != (y.quantity, y.population, y.event, y.place, y.unit) \
                        or x.attribution == y.attribution:
                    continue
                between = _between(x, y)
                if between is None:
                    continue
                yield Candidate((x, y), {"sources_contrasted": _contrasted(fold(between), fold(y.attribution_text), lex),
                                         "intervals_overlap": overlap(x, y),
                                         "same_scope_note": x.scope_note == y.scope_note,
                                         "same_sentence": True, "relative_difference": _relative_difference(x, y),
                                         "grew_in_text": _grew_in_text(x, y, lex)},
                                _restated(claims, (x, y))), None


def _across_sentences(claims: Sequence[Claim], sourced: Sequence[Claim],
                      lex: Lexicon) -> Iterator[tuple[Candidate, ClaimGroup | None]]:
    """A sentence that opens with a word of contrast and then names its own source ("من جهتها،
    أعلنت لجنة <body> ... 113 شخصا", sources.yaml `contrast_openers`) sets its figure against
    what other sources said before it in the article: each other source's first figure of that
    count there (its statement, not the breakdown or the history that may follow it), unless the
    article has moved past it in between: a figure of the count there that agrees with the
    second one ("بمصرع 30" ... "ارتفع عدد الوفيات ... إلى أكثر من 35" ... "من جهته، قال ... تجاوز
    الـ 35"): the first is then an earlier figure, not another source's count. A sentence with no
    word of contrast is a candidate too (`sources_contrasted` false: in-article-sources) when it is
    its source's statement of a count the article gives only two figures of; `grew_in_text` says
    whether the article marks the lower one as given earlier (sources.yaml `earlier`)."""
    if not lex.contrast_openers:
        return
    key = lambda c: (c.quantity, c.population, c.event, c.place, c.unit)  # noqa: E731
    first: dict[tuple, dict[str, Claim]] = defaultdict(dict)  # key -> source -> its first figure
    # a source that gives a count for three places or more gives a breakdown by place ("محافظة <A> 34
    # معتقلاً." line after line): each figure is a part, none its statement of the whole
    places: dict[tuple, set[str]] = defaultdict(set)
    for c in sourced:
        places[(c.attribution, c.quantity, c.event, c.unit)].add(c.place)
    for c in sorted(sourced, key=lambda c: c.char_start):
        if len(places[(c.attribution, c.quantity, c.event, c.unit)]) < 3:
            first[key(c)].setdefault(c.attribution, c)
    figures: dict[tuple, set[tuple]] = defaultdict(set)  # key -> the article's figures of it (parts aside)
    for c in claims:
        if not c.part_of:
            figures[key(c)].add((c.value, c.hedge))
    for y in sourced:
        contrasted = _opens_against(y, lex)
        # without a word of contrast, only a source's own statement of the count: its first figure
        # of it, its name given before the figure in its sentence ("وأفاد بيان لوزارة <body> أن ...
        # تمكنت فرق الإنقاذ من إنقاذ 67 مهاجرا" after another source's 68): two sources' statements
        # ... and the article's only two figures of it (parts aside): one with three or more tells a
        # history or a breakdown, whose figures are seldom two sources' counts of one thing
        if not contrasted and not (first[key(y)].get(y.attribution) is y and _names_first(y)
                                   and len(figures[key(y)]) == 2):
            continue
        for x in first[key(y)].values():
            if not contrasted and (_refers_back(y, x) or _partitive(x) or _partitive(y)):
                continue
            # an estimate is a source's statement of the count when the article says it was given
            # before ("يأتي ذلك بعد أيام من إعلان ... أنه يعتقد أن أكثر من 300"); otherwise it may say
            # where the count is expected to go ("وتوقع بيان ... ليتجاوز 600 ألف"): no count of it
            if any(c.modality == "estimate" and not _said_earlier(c, lex) for c in (x, y)):
                continue
            if x.attribution != y.attribution and x.char_start < y.char_start and x.sentence != y.sentence \
                    and not any(key(c) == key(y) and x.char_start < c.char_start and c.sentence != y.sentence
                                and c.char_start < y.char_start and overlap(c, y) and not c.part_of for c in claims):
                yield Candidate((x, y), {"sources_contrasted": contrasted, "intervals_overlap": overlap(x, y),
                                         "same_scope_note": x.scope_note == y.scope_note, "same_sentence": False,
                                         "relative_difference": _relative_difference(x, y),
                                         "grew_in_text": _grew_in_text(x, y, lex)},
                                _restated(claims, (x, y))), None


def _refers_back(y: Claim, x: Claim) -> bool:
    """Is y's source a noun that refers back to x's ("وقالت المنظمة الدولية" after "منظمة الهجرة
    الدولية"، "وبينت الوزارة" after "وزارة الصحة <country>"), or says it is the same ("عن المصدر
    ذاته"): one source named twice?"""
    words = fold(y.attribution_text).split()
    if any(w in _SAME for w in words[1:]):  # "المصدر ذاته"، "المصدر نفسه": the one named before
        return True
    return bool(words) and words[0].startswith("ال") and words[0][2:] in fold(x.attribution_text).split()[:1]


_SAME = {fold(w) for w in ("ذاته", "ذاتها", "نفسه", "نفسها")}


def _partitive(c: Claim) -> bool:
    """Is the figure some of a group named after it ("حددت هويات 630 من القتلى"، "10 من القتلى الـ13"):
    a part of a count, whatever its key says, not a source's statement of it?"""
    parts = around_figure(c)
    return parts is not None and fold(parts[1]).lstrip().startswith("من ال")


_AFTER_WORDS = 5  # words after a figure that can say it was given earlier ("من 35 الذي أعلنته في وقت سابق")


def _said_earlier(c: Claim, lex: Lexicon) -> bool:
    """Does the claim's sentence say its figure is an earlier statement (sources.yaml `earlier`):
    a marker before the figure, or in the few words right after it?"""
    parts = around_figure(c)
    if parts is None:
        return False
    before = f" {_plain(parts[0])} "
    after = " " + " ".join(fold(parts[1]).replace("،", " ").split()[:_AFTER_WORDS]) + " "
    return any(f" {w} " in before or f" {w} " in after for w in lex.earlier)


def _grew_in_text(x: Claim, y: Claim, lex: Lexicon) -> bool:
    """Is one figure of the pair said to be earlier (`_said_earlier`), the other not, and below it:
    the count grew between the two statements?"""
    ex, ey = _said_earlier(x, lex), _said_earlier(y, lex)
    if ex == ey:
        return False
    early, late = (x, y) if ex else (y, x)
    return below(early, late)


def _names_first(c: Claim) -> bool:
    """Does the claim's sentence name the claim's source (as written) before the figure?"""
    parts = around_figure(c)
    source = fold(c.attribution_text)
    return parts is not None and bool(source) and source in fold(parts[0])


def _plain(text: str) -> str:
    """Text folded, its commas made spaces and its words joined by one space: what word lists match."""
    return " ".join(fold(text).replace("،", " ").replace(",", " ").split())


def _opens_against(c: Claim, lex: Lexicon) -> bool:
    """Does the claim's sentence open with a word of contrast, then name the claim's source
    before the figure?"""
    parts = around_figure(c)
    source = fold(c.attribution_text)
    if parts is None or not source:
        return False
    head = _plain(parts[0])
    for w in lex.contrast_openers:
        for opener in (w, f"و{w}"):
            if head.startswith(f"{opener} ") and source in head[len(opener):]:
                return True
    return False


def _with_restated(cand: Candidate) -> list[Claim]:
    """A candidate's claims, each followed by its restatements (`Candidate.also`) in text order."""
    out = []
    for f in cand.claims:
        out.append(f)
        out += sorted((c for c in cand.also if (c.value, c.hedge) == (f.value, f.hedge) and c not in out),
                      key=lambda c: c.char_start)
    return out


def _restated(claims: Sequence[Claim], figures: Sequence[Claim]) -> tuple[Claim, ...]:
    """Where else an article states figures it sets against each other: a headline sums up the
    body ("«X» تزعم 3 آلاف ضحية.. «Y»: 5 آلاف قتيل" above "صرح ... أن عدد القتلى وصل إلى 3 آلاف، فيما
    نشرت وكالة Y أن عدد القتلى وصل إلى خمسة آلاف", X and Y two sources). The same figure (value and
    hedge) under the same key, with the same scope note and no other source named, is the same
    statement: a reader of the conflict finds it wherever the article gives it."""
    ids = {f.claim_id for f in figures}
    out = []
    for c in claims:
        if c.claim_id in ids or c.part_of or c.modality != "fact":
            continue
        for f in figures:
            if ((c.quantity, c.population, c.event, c.place, c.unit, c.value, c.hedge, c.scope_note)
                    == (f.quantity, f.population, f.event, f.place, f.unit, f.value, f.hedge, f.scope_note)
                    and c.attribution in ("", f.attribution)):
                out.append(c)
                break
    return tuple(out)


def _between(x: Claim, y: Claim) -> str | None:
    """The words between two figures of one sentence (x first), read from the sentence: where x's
    surface is found, y's must be as far after it as their offsets say."""
    gap = y.char_start - x.char_start
    k = x.sentence.find(x.surface)
    while k != -1:
        if x.sentence[k + gap : k + gap + len(y.surface)] == y.surface:
            return x.sentence[k + len(x.surface) : k + gap]
        k = x.sentence.find(x.surface, k + 1)
    return None


def _contrasted(between: str, source: str, lex: Lexicon) -> bool:
    """A word of contrast, then the source as written, in the (folded) words between two figures."""
    if not source:
        return False
    words = f" {between} "
    for w in lex.contrasts:
        at = words.find(f" {w} ")
        if at == -1:
            at = words.find(f" و{w} ")
        if at != -1 and source in words[at:]:
            return True
    return False


# selector name -> (level, metric names)
SELECTORS: dict[str, tuple[str, tuple[str, ...]]] = {
    "pairs": ("group", tuple(PAIR_METRICS)),
    "parts": ("article", ("parts_sum_exceeds_whole", "parts")),
    "percent_shares": ("article", ("share_contradicts_percent",)),
    "sentence_pairs": ("article", ("sources_contrasted", "intervals_overlap", "same_scope_note", "same_sentence",
                                   "relative_difference", "grew_in_text")),
}
_ARTICLE_SELECTORS = {"parts": _parts, "percent_shares": _percent_shares, "sentence_pairs": _sentence_pairs}


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


# What the value of each metric is: a condition's `value` (and its op) must fit it.
METRIC_TYPES: dict[str, str] = {
    **{name: "boolean" for name in PAIR_METRICS}, "relative_difference": "number",
    "parts_sum_exceeds_whole": "boolean", "parts": "integer", "share_contradicts_percent": "boolean",
    "sources_contrasted": "boolean", "same_scope_note": "boolean", "same_sentence": "boolean",
    "grew_in_text": "boolean",
}
_ORDER_OPS = ("lt", "le", "gt", "ge")
# The shape of a rule, checked by jsonschema before any name in it is looked up,
# so that a value of the wrong type is one clear line, never a traceback later.
_NAME = {"type": "string", "minLength": 1}
RULE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": _NAME,
        "description": {"type": "string"},
        "severity": {"type": "string"},
        "compare": {"type": "string"},
        "message": {"type": "string"},
        "applies_to": {
            "type": ["object", "null"],
            "additionalProperties": {"anyOf": [_NAME, {"type": "array", "items": _NAME, "minItems": 1}]},
        },
        "when": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "metric": _NAME,
                    "op": _NAME,
                    "value": {"type": ["boolean", "number", "string", "array"], "items": {"type": ["number", "string"]}},
                },
            },
        },
    },
}


def load_yaml(path: Path) -> Any:
    """A rule file, read safely (text only, bounded in size and in what its aliases expand to)."""
    return read_yaml(path, "R")


def load_rules(rules_dir: str | Path | None, lex: Lexicon) -> list[Rule]:
    """Every rule in `rules/conflicts/*.yaml`, checked. Every problem of every file is
    collected; the RulesError has one line per problem, naming file, rule, the problem's
    code and the problem (docs/errors.md)."""
    root = Path(rules_dir) if rules_dir else DEFAULT_RULES_DIR
    folder = root / "conflicts"
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        raise RulesError.at(folder, Errors.R022)
    rules: list[Rule] = []
    errors: list[str] = []
    seen: dict[str, Path] = {}
    for path in files:
        try:
            data = load_yaml(path)
        except RulesError as e:
            errors.append(str(e))
            continue
        items = data["rules"] if isinstance(data, dict) and "rules" in data else [data]
        if not isinstance(items, list):
            errors.append(str(RulesError.at(path, Errors.R021, value=_short(items))))
            continue
        for item in items:
            try:
                rule = parse_rule(item, path, lex)
            except RulesError as e:
                errors.append(str(e))
                continue
            if rule.id in seen:
                errors.append(str(RulesError.at(f"{path}: rule {rule.id}", Errors.R009, other=seen[rule.id])))
                continue
            seen[rule.id] = path
            rules.append(rule)
    if errors:
        raise RulesError("\n".join(errors))
    return rules


def _short(x: Any, limit: int = 60) -> str:
    r = repr(x)
    return r if len(r) <= limit else r[: limit - 3] + "..."


def parse_rule(item: Any, path: Path | str, lex: Lexicon) -> Rule:
    if not isinstance(item, dict):
        raise RulesError.at(path, Errors.R020, fields=", ".join(sorted(_FIELDS)), value=_short(item))
    rid = item.get("id")
    where = f"{path}: rule {rid if isinstance(rid, str) and rid else '(no id)'}"

    def fail(message: str, **fields: Any) -> RulesError:
        return RulesError.at(where, message, **fields)

    missing = _FIELDS - set(item) - {"applies_to"}
    if missing:
        raise fail(Errors.R005, fields=", ".join(sorted(missing)))
    unknown = set(item) - _FIELDS
    if unknown:
        raise fail(Errors.R006, fields=", ".join(sorted(map(str, unknown))), known=", ".join(sorted(_FIELDS)))
    type_errors = sorted(jsonschema.Draft202012Validator(RULE_SCHEMA).iter_errors(item), key=lambda e: list(e.absolute_path))
    if type_errors:
        raise RulesError("\n".join(
            str(fail(Errors.R003, field="/".join(map(str, e.absolute_path)) or "rule", value=_short(e.instance), expected=_expected(e)))
            for e in type_errors
        ))
    if item["severity"] not in SEVERITIES:
        raise fail(Errors.R013, severity=item["severity"], known=", ".join(SEVERITIES))
    compare = item["compare"]
    if compare not in SELECTORS:
        raise fail(Errors.R014, compare=compare, known=", ".join(SELECTORS))
    known_metrics = SELECTORS[compare][1]
    applies: dict[str, tuple[str, ...]] = {}
    for key, allowed in (item.get("applies_to") or {}).items():
        if key not in APPLIES_TO:
            raise fail(Errors.R015, key=key, known=", ".join(APPLIES_TO))
        values = tuple(allowed) if isinstance(allowed, list) else (allowed,)
        valid = _valid_values(key, lex)
        bad = [v for v in values if v not in valid]
        if bad:
            raise fail(Errors.R004, key=key, values=", ".join(map(str, bad)), known=", ".join(valid))
        applies[key] = values
    conditions = []
    for cond in item["when"]:
        if not isinstance(cond, dict) or set(cond) != {"metric", "op", "value"}:
            raise fail(Errors.R016, condition=_short(cond))
        if cond["metric"] not in known_metrics:
            raise fail(Errors.R001, metric=cond["metric"], compare=compare, known=", ".join(known_metrics))
        if cond["op"] not in OPS:
            raise fail(Errors.R002, op=cond["op"], known=", ".join(OPS))
        problem = _value_problem(cond["metric"], cond["op"], cond["value"])
        if problem:
            raise fail(Errors.R017, metric=cond["metric"], problem=problem)
        conditions.append(Condition(cond["metric"], cond["op"], cond["value"]))
    message = item["message"]
    try:
        fields = {f for _, f, _, _ in string.Formatter().parse(message) if f}
    except ValueError as e:
        raise fail(Errors.R019, problem=e) from None
    if fields - set(PLACEHOLDERS):
        raise fail(Errors.R018, fields=", ".join(sorted(fields - set(PLACEHOLDERS))), known=", ".join(PLACEHOLDERS))
    return Rule(rid, str(item["description"]), item["severity"], applies, compare, tuple(conditions), message, str(path))


def _expected(e: Any) -> str:
    """What a jsonschema error wanted, in words."""
    if e.validator == "type":
        types = e.validator_value if isinstance(e.validator_value, list) else [e.validator_value]
        words = {"object": "a mapping", "array": "a list", "string": "a string", "number": "a number",
                 "boolean": "true or false", "null": "empty", "integer": "a whole number"}
        return " or ".join(words.get(t, t) for t in types)
    if e.validator == "minLength":
        return "a non-empty string"
    if e.validator == "minItems":
        return "a non-empty list of {metric, op, value}"
    if e.validator == "anyOf":
        return "a name or a list of names"
    return e.message


def _value_problem(metric: str, op: str, value: Any) -> str | None:
    """Does `value` fit what `metric` gives and what `op` compares? (None when it does.)"""
    kind = METRIC_TYPES.get(metric, "boolean")
    if kind == "boolean":
        if op not in ("eq", "ne"):
            return f"op {op} does not compare true/false; use eq or ne"
        if not isinstance(value, bool):
            return f"value {_short(value)} must be true or false"
        return None
    numeric = lambda v: isinstance(v, int | float) and not isinstance(v, bool)  # noqa: E731
    if op == "in":
        if not isinstance(value, list) or not all(numeric(v) for v in value):
            return f"op in needs a list of numbers, not {_short(value)}"
        return None
    if not numeric(value):
        return f"value {_short(value)} must be a number"
    if kind == "integer" and op in ("eq", "ne") and not float(value).is_integer():
        return f"value {value} can never equal a count"
    return None


def _valid_values(key: str, lex: Lexicon) -> tuple[str, ...]:
    return {
        "kind": ("fixed", "cumulative", "current"),
        "unit": ("count", "percent", "date"),
        "quantity": tuple(lex.kinds),
        "population": lex.populations,
        "event": lex.events,
        "modality": ("fact", "estimate", "proposal"),
    }[key]


# --------------------------------------------------------------------------- evaluation
def evaluate(groups: Sequence[ClaimGroup], claims: Sequence[Claim], rules: Sequence[Rule], lex: Lexicon,
             focus: Collection[str] | None = None,
             unordered: Mapping[tuple[str, str], str] | None = None) -> list[Conflict]:
    """Every conflict, most severe first, then the figures furthest apart (SPEC §6).

    Rules run from the most severe down; a pair of figures already shown by a
    conflict of its group is not shown again by a lesser rule. `focus` (claim
    ids): only the conflicts that could list one of them are looked for, in
    the groups and articles that hold one (the archive's new claims); doubt is
    still judged on every group. `unordered`: the pairs `out_of_order` finds
    among every claim, when `groups` are only some of them (a partition of
    claim keys); read from `groups` otherwise.
    """
    claims = with_intervals(claims, lex)
    fresh = {c.claim_id: c for c in claims}
    groups = [replace(g, claims=tuple(fresh.get(c.claim_id, c) for c in g.claims)) for g in groups]
    conflicts: list[Conflict] = []
    group_of = {c.claim_id: g for g in groups for c in g.claims}
    # group id -> claim id -> conflicts listing it: two claims were shown together when they share one
    shown: dict[str, dict[str, set[int]]] = defaultdict(dict)
    doubtful = _doubtful(groups)
    stars = 0
    ordered = sorted(rules, key=lambda r: SEVERITIES.index(r.severity))
    if focus is not None:
        focus = set(focus)
        focused = {g.group_id for g in groups if any(c.claim_id in focus for c in g.claims)}
        focus_articles = {c.article_id for c in claims if c.claim_id in focus}
        group_rules = [(n, r) for n, r in enumerate(ordered) if SELECTORS[r.compare][0] == "group"]
        plans: dict[str, dict[int, tuple]] = {}  # focused group -> rule -> `_focused_pairs`
    if unordered is None:
        unordered = growth_ruled_out((c for g in groups for c in g.claims), lex,
                                     focus_articles if focus is not None else None)
    contexts: dict[str, Ctx] = {}  # one per group: its classes are built once for its pair rules
    for n_rule, rule in enumerate(ordered):
        level = SELECTORS[rule.compare][0]
        if level == "group":
            for g in groups:
                if len(g.claims) < 2 or not rule.applies(g) or (focus is not None and g.group_id not in focused):
                    continue
                ctx = contexts.get(g.group_id) or contexts.setdefault(g.group_id, Ctx(g, lex, unordered))
                if focus is None:
                    classes, edges = _pair_edges(rule, g, ctx)
                    figures, wanted = ctx.classes({c.metric for c in rule.when})[1], None
                else:
                    if g.group_id not in plans:
                        plans[g.group_id] = _focused_pairs(g, [(n, r) for n, r in group_rules if r.applies(g)], ctx, focus)
                    classes, figures, edges, wanted = plans[g.group_id][n_rule]
                seen = shown[g.group_id]  # claim id -> the conflicts (of its group) that list it
                # a pair was shown when each of its claims shares a conflict with each other one: only
                # classes whose claims are all listed already can have such pairs (the others keep theirs)
                listed = {i for i in edges if all(c.claim_id in seen for c in classes[i].claims)}
                for i in listed:
                    for j in list(edges[i] & listed):
                        if all(not seen.get(a.claim_id, _NONE).isdisjoint(seen.get(b.claim_id, _NONE))
                               for a in classes[i].claims for b in classes[j].claims):
                            edges[i].discard(j)
                for members, pairs in _stars(classes, {i: js for i, js in edges.items() if js}, wanted, figures):
                    listed = [c for i in members for c in classes[i].claims]
                    stars += 1
                    for c in listed:
                        seen.setdefault(c.claim_id, set()).add(stars)
                    if focus is not None and not any(c.claim_id in focus for c in listed):
                        continue  # still shown (a lesser rule does not repeat it), but not wanted
                    listed.sort(key=_chronological)
                    pair_reps = [(classes[i].rep, classes[j].rep) for i, j in pairs]
                    conflicts.append(_conflict(rule, g, listed, pair_reps, ctx, doubtful))
        else:
            by_article: dict[str, list[Claim]] = defaultdict(list)
            for c in claims:
                by_article[c.article_id].append(c)
            for art in sorted(by_article):
                if focus is not None and art not in focus_articles:
                    continue
                for cand, _ in _ARTICLE_SELECTORS[rule.compare](by_article[art], lex):
                    g = group_of.get(cand.claims[0].claim_id)
                    # the group is the first figure's: the others must be of a modality the rule takes
                    # too (an estimate set beside a fact in one sentence is no disagreement of facts)
                    modalities = rule.applies_to.get("modality")
                    if modalities is not None and any(c.modality not in modalities for c in cand.claims):
                        continue
                    if g is not None and rule.applies(g) and rule.matches(cand):
                        whole = cand.claims[0]
                        pairs = [(whole, c) for c in cand.claims[1:]]
                        listed = _with_restated(cand)
                        conflicts.append(_conflict(rule, g, listed, pairs, Ctx(g, lex), doubtful))
    return order_and_number(conflicts)


def order_and_number(conflicts: list[Conflict]) -> list[Conflict]:
    """Conflicts in report order (severity, then how far apart the figures are) with their ids
    (`<rule id>-<n>`): one place for a local run and the Dask path."""
    conflicts = sorted(conflicts, key=lambda cf: (SEVERITIES.index(cf.severity), -_spread(cf.claims), cf.rule_id,
                                                  min(c.claim_id for c in cf.claims)))
    counters: dict[str, int] = defaultdict(int)
    numbered = []
    for cf in conflicts:
        counters[cf.rule_id] += 1
        numbered.append(replace(cf, conflict_id=f"{cf.rule_id}-{counters[cf.rule_id]}"))
    return numbered


_NONE: frozenset[int] = frozenset()


def _doubtful(groups: Sequence[ClaimGroup]) -> frozenset[str]:
    """Claims whose frame is not confident enough for a high or medium conflict:

    - their own article gives another figure of their group that disagrees with
      them: an article rarely contradicts itself within a few lines, so two
      such figures under one key are more likely different things read as the
      same (a subgroup, a year, a window) or a history of revisions;
    - their sentence is a breakdown by place (the same count for three places
      or more: المدينة 8، المحافظة الثانية 9، المحافظة الثالثة 9...): each figure is a part of a whole
      whose frame (which wave, which group) it takes from elsewhere.
    """
    out: set[str] = set()
    places: dict[tuple, set[str]] = defaultdict(set)
    for g in groups:
        for c in g.claims:
            places[(c.article_id, c.sentence, c.quantity)].add(c.place)
    for g in groups:
        out.update(c.claim_id for c in g.claims if len(places[(c.article_id, c.sentence, c.quantity)]) >= 3)
        by_article: dict[str, list[Claim]] = defaultdict(list)
        for c in g.claims:
            by_article[c.article_id].append(c)
        for cs in by_article.values():
            for i, a in enumerate(cs):
                for b in cs[i + 1:]:
                    if not overlap(a, b):
                        out.update((a.claim_id, b.claim_id))
    return frozenset(out)


def with_intervals(claims: Sequence[Claim], lex: Lexicon) -> list[Claim]:
    """Each claim's interval from its hedge and rounding and today's rules/settings.yaml
    (SPEC §5), whatever was stored with it: an archive read with other settings
    is compared with these. `between` keeps its stated upper bound."""
    t, k = lex.setting("approx_tolerance"), lex.setting("bound_units")
    out = []
    for c in claims:
        if c.unit == "date" or isinstance(c.value, date):
            out.append(c)
            continue
        low, high = interval(float(c.value), c.hedge, c.rounding, t, k)
        if c.hedge == "between":
            high = c.high
        out.append(c if (low, high) == (c.low, c.high) else replace(c, low=low, high=high))
    return out


def _chronological(c: Claim) -> tuple:
    return (c.as_of is None, c.as_of or date.min, c.claim_id)


def _spread(claims: Sequence[Claim]) -> float:
    """How far apart a conflict's figures are: the gap between the intervals, relative
    to the larger figure (days for dates)."""
    lows = [_num(c.low) for c in claims if c.low is not None]
    highs = [_num_hi(c) for c in claims]
    if not lows:
        return 0.0
    gap = max(0.0, max(lows) - min(highs))
    if any(isinstance(c.value, date) for c in claims):
        return gap
    return gap / max(max(lows), 1e-9)


def _what(g: ClaimGroup, lex: Lexicon) -> str:
    """'all deaths (the earthquake)', from the labels of rules/taxonomy.yaml."""
    if g.unit == "date":
        return f"the date of {lex.label(g.event)}"
    who = lex.label(g.population)
    aboard = g.quantity == "other" and g.group_id.endswith(f"#{ABOARD}")  # not "figure": whom it counts
    what = f"{who} {lex.label(ABOARD if aboard else g.quantity)}".strip()
    share = " (share, %)" if g.unit == "percent" else ""
    place = f" in {lex.label(g.place)}" if g.place else ""
    return f"{what}{share}{place} ({lex.label(g.event)})" if g.event != "other" else f"{what}{share}{place}"


# why an undated pair that fits its series is listed (`out_of_order`): said after the rule's message
_OUT_OF_ORDER = " (by their articles' other running totals, the higher figure's article is the earlier)"


def _conflict(rule: Rule, g: ClaimGroup, claims: Sequence[Claim], pairs: Sequence[tuple[Claim, Claim]], ctx: Ctx,
              doubtful: frozenset[str] = frozenset()) -> Conflict:
    claims = tuple(claims)
    cause = cause_of(claims, pairs, ctx)
    severity = severity_of(rule.severity, claims, cause, doubtful if rule.compare == "pairs" else frozenset(),
                           float(ctx.lex.settings.get("review_ratio", 0)) if rule.compare == "pairs" else 0.0)
    fields = {"quantity": g.quantity, "population": g.population, "event": g.event, "count": len(claims),
              "rule_id": rule.id, "severity": severity}
    template = rule.message
    for said in dict.fromkeys(ctx.out_of_order[(a.claim_id, b.claim_id)] for a, b in pairs
                              if (a.claim_id, b.claim_id) in ctx.out_of_order):
        template += said.replace("{", "{{").replace("}", "}}")
    msg = conflict_message(template, _what(g, ctx.lex), claims, cause, fields)
    return Conflict("", rule.id, severity, g.group_id, msg, claims, cause)


def severity_of(stated: str, claims: Sequence[Claim], cause: str, doubtful: frozenset[str] = frozenset(),
                review_ratio: float = 0.0) -> str:
    """A rule's severity, lowered where the figures cannot carry it (SPEC §3, §6):
    an unclear frame is for review only (low): quantity `other`, population
    `unspecified`, a figure its own article contradicts (`doubtful`), or
    figures more than `review_ratio` (rules/settings.yaml) times apart, more
    likely a day's or a town's count read as the total than one count given
    two ways. Figures of different places, or whose difference a scope note
    explains (`definition`), are at most medium."""
    cap = "high"
    values = [_num(c.value) for c in claims if not isinstance(c.value, date)]
    far_apart = review_ratio > 0 and values and min(values) > 0 and max(values) / min(values) > review_ratio
    if far_apart or any(c.quantity == "other" or c.population == "unspecified" or c.claim_id in doubtful for c in claims):
        cap = "low"
    elif cause == "definition" or len({c.place for c in claims}) > 1:
        cap = "medium"
    return max(stated, cap, key=SEVERITIES.index)


def cause_of(claims: Sequence[Claim], pairs: Sequence[tuple[Claim, Claim]] = (), ctx: Ctx | None = None) -> str:
    """The reason a fact-checker should look at first (SPEC §6), from the figures
    that disagree (`pairs`): their sources, dates, scope notes and denials.

    - `retraction`: a source denied a figure (modality `denial`);
    - `definition`: every disagreeing pair differs in what it counts (scope notes);
    - `revision`: one source throughout;
    - `early_estimate`: a one-time count whose earlier figure dates from its settling period;
    - `rounding`: each pair within 5 %, one of them rounded or hedged;
    - `different_sources`: two sources or more;
    - `unknown` otherwise.
    """
    pairs = list(pairs) or [(a, b) for i, a in enumerate(claims) for b in claims[i + 1:]]
    if any(c.modality == "denial" for c in claims):
        return "retraction"
    if pairs and all(a.scope_note != b.scope_note for a, b in pairs):
        return "definition"
    sources = {c.attribution for c in claims}
    if len(sources) == 1 and "" not in sources:
        return "revision"
    if ctx is not None and ctx.group.kind == "fixed" and any(_early_pair(a, b, ctx) for a, b in pairs):
        return "early_estimate"
    if pairs and all(_rounding_pair(a, b) for a, b in pairs):
        return "rounding"
    if len(sources - {""}) >= 2:
        return "different_sources"
    return "unknown"


def _early_pair(a: Claim, b: Claim, ctx: Ctx) -> bool:
    """Is the earlier figure of a pair (the dated one) of its event's first days? Only a figure of a
    day can be: one dated to a month or a year (an organisation's yearly count, `في عام 2023`) is no
    early count of anything."""
    dated = [c for c in (a, b) if c.as_of is not None]
    if not dated:
        return False
    first = min(dated, key=lambda c: c.as_of)
    return _one_day(first) and _in_settling(first, ctx) and (len(dated) == 1 or a.as_of != b.as_of)


def _rounding_pair(a: Claim, b: Claim) -> bool:
    if isinstance(a.value, date) or isinstance(b.value, date):
        return False
    x, y = _num(a.value), _num(b.value)
    rounded = any(c.hedge != "exact" or c.rounding >= 10 for c in (a, b))
    return rounded and min(x, y) > 0 and max(x, y) / min(x, y) <= 1.05
