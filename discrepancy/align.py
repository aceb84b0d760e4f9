"""Claims → ClaimGroups (SPEC §4).

Blocking first: claims are bucketed by their key (quantity, population,
event, unit, and whether they are a proposal), so the cost grows with the
size of each bucket, not with the square of all claims. rapidfuzz then works
inside a bucket only:

- a bucket whose quantity is `other` (the extractor could not tell what is
  counted: ambulances, hospitals...) or whose event is `other` (a window, a
  place outside the story's main one) is split into clusters of claims whose contexts are
  alike, so "108 ambulances" is never compared with "36 hospitals", nor a
  region's toll with the last 24 hours elsewhere;
- except that counts of a known quantity over a day their sentences name (أمس: "38 شخصا قتلوا
  أمس (الأحد)"، "وكان أمس الأحد هو الأكثر دموية ... 74 قتيلا") are one day's count whatever
  else their sentences say: the figures of one such day are in one cluster;
- except that `other` figures of people aboard a boat or a vehicle (rules/lexicon/quantities.yaml
  `aboard`: "كان ينقل حوالى 120 شخصا"، "400 راكب"), and the parts of such a figure (بينهم 320
  طالبا), are one count of one craft whatever else their sentences say: they form one cluster of
  their key, of the kind of rules/taxonomy.yaml `aboard` (who was aboard when the event struck is
  a one-time count, not a stock);
- a human-count claim whose population is `unspecified` is placed into the
  bucket of the same quantity/event/unit whose claims' contexts are most
  alike, when that score reaches `match_threshold` (rules/settings.yaml).

Counts over a window carry `event=other` and are never
placed into a running-total bucket.

An event that happened at one site (most of its figures placed there: a
stampede at a holy site, a fire in a district) is often given at the city or
country that holds the site ("التدافع في <country>"), or with no place at all
("وجرى إنقاذ 179 راكبا" in a report of the one wreck): such a figure is keyed at
the site, so that it meets the site's figures. Places inside the site, or beside
it, keep their own key: they are parts, not the same toll.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from .disjoint import DisjointSets
from .extract.context import lies_in, place_chain
from .lexicon import Lexicon
from .models import ABOARD, Claim, ClaimGroup, day_named
from .normalize import fold

_DIGITS = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_WINDOW = 6  # words either side of a figure that describe it


def align(claims: Sequence[Claim], lex: Lexicon, sites: dict[tuple[str, str], str] | None = None) -> list[ClaimGroup]:
    """`sites`: `event_sites` of the whole run, when `claims` are one partition of it."""
    buckets: dict[tuple, list[Claim]] = defaultdict(list)
    if sites is None:
        sites = event_sites(claims, lex)
    for c in claims:
        buckets[_key(c, sites)].append(c)
    on_board_ids = aboard_ids(claims, lex)
    threshold = lex.setting("match_threshold")
    _place_unspecified(buckets, threshold)
    groups: list[ClaimGroup] = []
    for key in sorted(buckets):
        members = sorted(buckets[key], key=lambda c: (c.article_id, c.char_start))
        quantity, population, event, place, unit, proposal = key
        # an unknown quantity or a catch-all event may hold different things: split by context
        on_board: list[Claim] = []
        if "other" in (quantity, event) and unit != "date":
            on_board = [c for c in members if quantity == "other" and c.claim_id in on_board_ids]
            rest = [c for c in members if c not in on_board]
            clusters = ([on_board] if on_board else []) + (_split(rest, threshold, quantity != "other") if rest else [])
        else:
            clusters = [members]
        for n, cluster in enumerate(clusters, start=1):
            mark = f"#{ABOARD}" if n == 1 and on_board else f"#{n}" if len(clusters) > 1 else ""
            gid = "/".join(k for k in key[:5] if k) + ("/proposal" if proposal else "") + mark
            kind = "fixed" if unit == "date" else lex.kind(ABOARD if mark == f"#{ABOARD}" else quantity, event)
            modality = "proposal" if proposal else "fact"
            groups.append(ClaimGroup(gid, quantity, population, event, place, unit, kind, tuple(cluster), modality))
    return groups


def _key(c: Claim, sites: dict[tuple[str, str], str] | None = None) -> tuple[str, str, str, str, str, bool]:
    place = (sites or {}).get((c.event, c.place), c.place)
    return (c.quantity, c.population, c.event, place, c.unit, c.modality == "proposal")


def event_sites(claims: Sequence[Claim], lex: Lexicon) -> dict[tuple[str, str], str]:
    """(event, place) -> the event's site, for the places that hold the site (gazetteer `in`)
    and for no place (`""`): a figure of a one-site event whose sentence names no place is
    of that site, as one of the country that holds it is.

    Only an event of a type that happens at one site (events.yaml `at_one_site`: a fire, a
    stampede, not a war, a flood or protests, whose country-wide toll is the whole of its
    regions' tolls). Its site is the smallest place that holds more than `site_share` of its
    placed counts: its own, those of the places inside it (a city whose figures are split between
    the city and its buildings), and those given at a place that holds it and holds no other
    place of the event's counts (the province of the one city that burned: its toll is the
    city's; the country, when others give it there). A story of several wrecks or fires in
    several places has none."""
    places: dict[str, Counter[str]] = defaultdict(Counter)
    for c in claims:
        if c.unit == "count" and c.place and lex.event_type.get(c.event, c.event) in lex.at_one_site:
            places[c.event][c.place] += 1
    share = lex.setting("site_share")
    sites: dict[tuple[str, str], str] = {}
    for event, counts in places.items():
        held: Counter[str] = Counter()  # a place's counts and those of the places inside it
        for place, n in counts.items():
            for p in (place, *place_chain(lex, place)):
                held[p] += n
        over = [p for p in held if _reach(lex, p, held, counts) > share * counts.total()]
        if over:  # they nest: the smallest lies in all the others
            site = max(over, key=lambda p: len(place_chain(lex, p)))
            sites |= {(event, outer): site for outer in (*place_chain(lex, site), "")}
    return sites


def _reach(lex: Lexicon, site: str, held: Counter[str], counts: Counter[str]) -> int:
    """A place's counts with those of the places inside it (`held`), and those given at a place
    holding it that holds no other place of the event's counts."""
    chain = place_chain(lex, site)
    return held[site] + sum(
        counts[outer] for outer in chain
        if not any(p != site and p not in chain and lies_in(lex, p, outer) and not lies_in(lex, p, site)
                   for p in counts))


def aboard(c: Claim, lex: Lexicon) -> bool:
    """An `other` figure that counts the people aboard a craft (Lexicon.aboard_around)."""
    text = c.context or fold(c.sentence)
    surface = fold(c.surface)
    i = text.find(surface) if surface and lex.aboard else -1
    return i >= 0 and lex.aboard_around(text[:i], text[i + len(surface):])


def aboard_ids(claims: Sequence[Claim], lex: Lexicon) -> set[str]:
    """The `other` figures that count people aboard a craft (`aboard`), and the parts of such a
    figure (`part_of`): the pupils among the passengers ("على متنها 476 راكبا وأفراد الطاقم، بينهم
    320 طالبا") were aboard too, however far the words of the craft are from their figure."""
    others = [c for c in claims if c.quantity == "other"]
    ids = {c.claim_id for c in others if aboard(c, lex)}
    return ids | {c.claim_id for c in others if c.part_of in ids}


def describe(c: Claim) -> str:
    """The words around a figure, without digits: what alignment compares."""
    text = c.context or c.sentence
    words = text.split()
    # locate the figure by its surface's first word in the folded sentence
    i = _position(words, c)
    window = words[max(0, i - _WINDOW) : i + _WINDOW + 1]
    return _DIGITS.sub(" ", " ".join(window))


def _position(words: list[str], c: Claim) -> int:
    digits = _DIGITS.search(c.surface)
    if digits:
        for i, w in enumerate(words):
            if digits.group() in w:
                return i
    return len(words) // 2


def _split(members: list[Claim], threshold: float, by_day: bool = False) -> list[list[Claim]]:
    """Connected components of claims whose contexts score >= threshold, and, `by_day`, of
    claims of one day their sentences name (models.day_named).

    Identical contexts are scored once, and the score matrix is built in row
    blocks so that memory stays bounded on large buckets.
    """
    if len(members) < 2:
        return [members]
    texts = [describe(c) for c in members]
    distinct = sorted(set(texts))
    index = {t: i for i, t in enumerate(distinct)}
    sets = DisjointSets(len(distinct))
    block = 512
    for start in range(0, len(distinct), block):
        scores = process.cdist(distinct[start : start + block], distinct, scorer=fuzz.token_set_ratio,
                               score_cutoff=threshold, dtype=np.uint8, workers=-1)
        for i, j in zip(*np.nonzero(scores >= threshold), strict=True):
            sets.union(start + int(i), int(j))
    if by_day:
        first_of_day: dict = {}
        for c, t in zip(members, texts, strict=True):
            if day_named(c):
                sets.union(first_of_day.setdefault(c.as_of, index[t]), index[t])
    comps: dict[int, list[Claim]] = defaultdict(list)
    for c, t in zip(members, texts, strict=True):
        comps[sets.find(index[t])].append(c)
    return sorted(comps.values(), key=lambda cs: (cs[0].article_id, cs[0].char_start))


def _place_unspecified(buckets: dict[tuple, list[Claim]], threshold: float) -> None:
    """Move human counts of unknown population into the most alike specified bucket."""
    moves: list[tuple[tuple, tuple, Claim]] = []
    for key, members in buckets.items():
        quantity, population, event, place, unit, proposal = key
        if population != "unspecified" or quantity == "other" or event == "other":
            continue
        candidates = [
            k for k in buckets
            if k[0] == quantity and k[2] == event and k[3:] == (place, unit, proposal) and k[1] != "unspecified"
        ]
        if not candidates:
            continue
        texts = [describe(c) for c in members]
        best_score = np.full(len(members), threshold, dtype=float)
        best: list[tuple | None] = [None] * len(members)
        for k in candidates:
            choices = sorted({describe(o) for o in buckets[k]})
            scores = process.cdist(texts, choices, scorer=fuzz.token_set_ratio, workers=-1).max(axis=1)
            for i, sc in enumerate(scores):
                if sc >= best_score[i]:
                    best[i], best_score[i] = k, sc
        moves += [(key, k, c) for c, k in zip(members, best, strict=True) if k is not None]
    for src, dst, c in moves:
        buckets[src].remove(c)
        buckets[dst].append(c)
    for k in [k for k, v in buckets.items() if not v]:
        del buckets[k]
