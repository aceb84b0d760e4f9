"""Stage 3, parts: which figure is a part of which (`part_of`).

Needs: the sentence's figures in order, their units and values, the words
between them (بينهم/منهم, من أصل, a list joined by و, a share: 67% من الشهداء),
and `population_phrase` for a list of parts (2913 طفلا و1709 نساء), with the
lexicon's `nationalities`.
Sets: `Fig.whole`. A part's quantity is refined by its whole later, in
`classify` (rules/lexicon/quantities.yaml `refine`).
"""

from __future__ import annotations

import re

from .context import Context, Fig, lies_in
from .population import population_phrase

# (منها opening a clause: "37 جثة للمختطفين، منها 35 جثة"; not a verb's "خرج منها 500")
_PART_CONNECTOR = (r"(?:^|\s)(?:و?من\s+(?:<among>)|و?(?:<among>|<of>)|من\s+هولاء)\s*$|[،,]\s*و?(?:<of_things>)\s*$"
                   r"|(?:^|\s)(?:بما\s+في\s+ذلك|بما\s+فيهم|بمن\s+فيهم)\s*$")  # including; Lexicon.breakdown_re
_PART_CONNECTOR_AFTER = r"\s*(?:<of>|<among>|<of_things>|<among_things>)(?![\u0621-\u064a])"  # Lexicon.breakdown_re
_SHARE_OF = re.compile(r"\s*من\s+(?:ال)?[\u0621-\u064a]+")
_FROM_PLACE = re.compile(r"\s*(?:[\u0621-\u064a]+\s+)?من\s+")
_OPEN_PAREN = re.compile(r"\s*(?:[\u0621-\u064a]+\s*)?\(\s*")
# "في كل من <a> و<b>": in each of the places (event_place reads no one place for it)
EACH_OF = re.compile(r"\s*(?:[\u0621-\u064a]+\s+)?(?:في|فى|ب)\s*كل\s+من\s")
# so many of each of several countries: "8 من كل من <country> و<country>"، "شخص واحد من كل من ..."، "(8 لكل دولة)"
# (folded): the people of no one nationality
OF_EACH_OF = re.compile(r"\s*(?:من\s+كل\s+من|لكل\s+(?:من|دوله|جنسيه))(?![\u0621-\u064a])")
_RANKED = re.compile(r"(?<!\S)(?:[وف]?(?:تليها|تلتها|تلاها|تلاه|يليها|يليه|تليه|بعدها|بعدهما)|الاكثر|الاشد)(?!\S)")
_MASCULINE = re.compile(r"(?:منهم|بينهم)(?![\u0621-\u064a])")  # the masculine (or mixed) plural pronoun of a breakdown word
_OUT_OF = re.compile(r"\s*من\s+(?:اصل|بين|مجموع|اجمالي)\s*$")


def link_parts(ctx: Context, figs: list[Fig]) -> None:
    t = ctx.text
    for i, f in enumerate(figs):
        before = t[max(ctx.ss, f.start - 16) : f.start]
        if _OUT_OF.search(before) and i > 0:
            continue  # the whole of "11 من أصل 36": handled on the part below
        after = t[f.end : min(ctx.se, f.end + 16)]
        nxt = figs[i + 1] if i + 1 < len(figs) else None
        if nxt and re.match(r"\s*[\u0621-\u064a]*\s*[،,]?\s*من\s+(?:اصل|مجموع|اجمالي)\s*$", t[f.end : nxt.start]):
            f.whole = nxt  # (a comma may come before it: "إنقاذ 90 مريضاً، من أصل 120")
            continue
        by = ctx.lex.breakdown_re(_PART_CONNECTOR).search(before) or ctx.lex.breakdown_re(_PART_CONNECTOR_AFTER).match(after)
        if by:
            f.whole = _container(ctx, figs[:i], f, masculine=_MASCULINE.search(by.group()) is not None)
            continue
        if i > 0 and _OPEN_PAREN.fullmatch(t, figs[i - 1].end, f.start) and figs[i - 1].m.value >= f.m.value:
            f.whole = figs[i - 1]  # a breakdown in parentheses: 7 أجانب (2 من ساحل العاج و2 من الكاميرون)
            continue
        if f.m.unit == "percent" and _SHARE_OF.match(after):
            # "67 في المئة من الشهداء": a share of the last whole figure before it
            f.whole = next((w for w in reversed(figs[:i]) if w.m.unit == "count" and w.whole is None), None)
            continue
        prev = figs[i - 1] if i > 0 else None
        if prev and prev.whole and re.fullmatch(r"\s*[،,]?\s*و\s*", t[_prev_phrase_end(t, prev) : f.start] or "x"):
            own = population_phrase(ctx, f)
            if own and own not in ctx.lex.nationalities:
                f.whole = prev.whole  # a list of parts: 2913 طفلا و1709 نساء
        elif prev and prev.whole and _bare_list_item(ctx, prev, f):
            f.whole = prev.whole  # a breakdown: 94 منها في ريف المدينة، و32 في المدينة الثانية


def _bare_list_item(ctx: Context, prev: Fig, f: Fig) -> bool:
    """The next item of a breakdown by place (94 منها في ريف المدينة، و32 في المدينة الثانية): joined to
    the item before by و, with no noun of its own but 'في ...' after it, or with its noun
    and a place the gazetteer knows (و 570 معتقلا من المدينة)."""
    between = ctx.text[prev.end : f.start]
    if not (re.search(r"(?:^|\s)و\s*$", between) is not None and not any(ch.isdigit() for ch in between)
            and len(between.split()) <= 7):
        return False
    if re.match(r"\s*(?:في|ب)\s", ctx.text[f.end : f.end + 6]) is not None:
        return True  # no noun of its own: 94 منها في ريف المدينة، و32 في المدينة الثانية
    if f.m.value != 1 and re.match(r"\s*من\s", ctx.text[f.end : f.end + 6]) is not None:
        return True  # و 735 من المحافظة (not "واحد من": one of them)
    # "و 735 من المحافظة، و 570 معتقلا من المدينة": from a place the gazetteer knows
    m = _FROM_PLACE.match(ctx.text, f.end)
    return m is not None and any(h.start == m.end() for h in ctx.place_hits)


def _container(ctx: Context, earlier: list[Fig], part: Fig, masculine: bool = False) -> Fig | None:
    """The whole a part opened by a breakdown word is taken from: the last count before it large
    enough. A masculine pronoun (منهم، بينهم) never points to a part of women, which would take منهن:
    "969854 شخص، بينهم 155002 مواطنة ...، تم قتل الآلاف منهم" are of the whole."""
    for w in reversed(earlier):
        if w.m.unit != "count" or w.whole is part:
            continue
        if masculine and w.whole is not None and population_phrase(ctx, w) == "women":
            continue
        if part.m.unit == "percent" or w.m.value >= part.m.value:
            return w
    return None


def _prev_phrase_end(t: str, prev: Fig) -> int:
    """End of the counted noun phrase of `prev` (2913 طفلا| و1709 نساء)."""
    m = re.match(r"\s*[\u0621-\u064a]+(?:\s+و[\u0621-\u064a]+)?", t[prev.end :])
    return prev.end + (m.end() if m else 0)


def link_place_parts(ctx: Context, figs: list[Fig], totals: dict[tuple[str, str], Fig]) -> None:
    """Figures of places inside the place of a larger total of the same count given in an earlier
    sentence, with no whole of their own, are parts of that total (docs/annotation.md, parts and
    wholes: "إن 130 شخصا قتلوا في محافظة <province>، و53 في محافظة <province>" after a country's 476).
    `totals`: the last such total by quantity and event. Only a breakdown: two places or more, each
    with its count, that together do not exceed the total (one smaller figure of a place may be the
    same toll said of the place the event struck), and no ranking of the places most struck ("المناطق
    الأكثر تضررا ... تلتها"): those the article picks, not the total's parts."""
    if _RANKED.search(ctx.text, ctx.ss, ctx.se):
        return
    parts: dict[int, list[Fig]] = {}
    each: list[Fig] = []  # "وثلاثة في كل من محافظات ...": so many in each of the places, items too
    for f in figs:
        if f.whole is not None or f.m.unit != "count" or f.population != "all":
            continue
        if not f.place:
            if EACH_OF.match(ctx.text, f.end):
                each.append(f)
            continue
        w = totals.get((f.quantity, f.event))
        if w is not None and w.place != f.place and lies_in(ctx.lex, f.place, w.place) and f.m.value < w.m.value:
            parts.setdefault(id(w), []).append(f)
    for items in parts.values():
        w = totals[(items[0].quantity, items[0].event)]
        if len({f.place for f in items}) > 1 and sum(f.m.value for f in items) <= w.m.value:
            for f in items + [g for g in each if (g.quantity, g.event) == (w.quantity, w.event) and g.m.value < w.m.value]:
                f.whole = w
