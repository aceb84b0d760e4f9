"""Stage 5, event and place: what happened, and where.

Needs: the sentence's `e_hits` (rules/lexicon/events.yaml cues), `o_hits`
(window and place cues), `place_hits` (gazetteer), the lexicon's `event_type`,
`event_for_type`, `event_only_for`, `event_dates`, `event_default_place`, and
the article's lead place (`Context.main_place`).
Sets nothing itself: `classify` sets `Fig.event` and `Fig.place` from these;
`date_event` says which event a date names (for date claims and as_of).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from ..lexicon import Lexicon
from ..models import Claim
from ..normalize import WEEKDAYS, fold
from ..numbers import DateMention
from .context import (
    AND_PLACE,
    IN_COUNTRY,
    Context,
    Fig,
    common_place,
    holding_region,
    kills,
    lies_in,
    place_chain,
)
from .parts import EACH_OF
from .population import _ITEM_COLON, FROM_COUNTRY, by_country_item, heads_item
from .quantity import quantity_for


def date_event(ctx: Context, m: DateMention) -> str | None:
    """The event a date is the date of: a cue around it (هجمات 11 سبتمبر, هجوم بري اعتبارا من 27 أكتوبر)."""
    event, best = None, None
    for h in ctx.e_hits:
        if h.start <= m.start < h.end or m.start <= h.start < m.end:
            if h.end - h.start > m.end - m.start:
                return ctx.lex.event_for_type.get(h.label, h.label)  # inside a cue like "هجمات 11 سبتمبر"
            continue
        a, b = min(h.end, m.end), max(h.start, m.start)
        if ctx.crosses_clause(a, b) or ctx.words_between(a, b) > 4:
            continue
        d = m.start - h.end if h.end <= m.start else h.start - m.end
        d += 0 if h.label in ctx.lex.event_type else 1000  # a story's own event before a generic type
        if best is None or d < best:
            event, best = h.label, d
    if event is None or event not in ctx.lex.event_type:
        # no story cue, but a story event's own day (في 11 سبتمبر) in a year that fits it;
        # the first such event of the profile (the 7 October attack before the war)
        event = next((ev for ev, d in ctx.lex.event_dates.items()
                      if (d.month, d.day) == (m.month, m.day) and m.year in (None, d.year)), event)
    return ctx.lex.event_for_type.get(event, event) if event else None


# the words between a figure and a place that is its own: في, after at most its counted noun (on folded text)
_RIGHT_AFTER = re.compile(r"\s+(?:[\u0621-\u064a]+\s+)?(?:في|فى)\s+")

def place_of(ctx: Context, f: Fig, event: str) -> str:
    """The place named in the figure's clause (nearest), else the one a relative clause refers
    back to (حيث سقط 1293 قتيلا، التي سقط فيها 452), else the one that heads its list item
    ("• <place>: 6 شهداء"), else its event's own place by a profile's
    convention (a war's figures are its territory's), else the one the lead is about. A place
    that only names where an event struck (زلزال + a province) stands for its country (`_located`)."""
    if EACH_OF.match(ctx.text, f.end):
        return ""  # "وثلاثة في كل من محافظات <a> و<b>": so many in each, the toll of no one place
    a, b = ctx.clause_of(f.start)
    over = _over_countries(ctx, f, a, b)
    if over is not None:
        return over
    own = [h for h in ctx.place_hits if a <= h.start < b]
    listed = by_country_item(ctx, f) is not None
    if listed:
        # an item of a toll by nationality: its country, and the next item's, say whose nationals,
        # not where they were (the article's place)
        own = [h for h in own if not heads_item(ctx, h)]
    if own and all(_in_source(ctx, h) for h in own):
        # a body's country (السلطات <adjective>) stands for a place inside it the sentence names
        # (في <place>): the body counts the people there
        inner = [p for p in ctx.place_hits if not _in_source(ctx, p) and any(lies_in(ctx.lex, p.label, h.label) for h in own)]
        own = [min(inner, key=lambda p: abs(p.start - f.start))] if inner else own
        if not inner and ctx.main_place and any(lies_in(ctx.lex, ctx.main_place, h.label) for h in own):
            return ctx.main_place  # or the one the article is about, inside it
        if not inner and ctx.main_place and all(
                h.label != ctx.main_place and h.end <= f.start and _CAPITAL.search(ctx.text, max(a, h.start - 10), h.start)
                and _in_source(ctx, h, speaking=True) and not lies_in(ctx.lex, h.label, ctx.main_place) for h in own):
            # a speaker's body of the capital, outside the article's place ("نقل المتحدث باسم شرطة العاصمة
            # <city> ... أن الحصيلة تجاوزت 2500" of a province's earthquake), says where the body sits, not
            # where the people were: the figure's place is found as if the clause named none (a local
            # body elsewhere counts its own area: _local_source)
            own = []
    # a place inside the speaker's name (مسؤول في إدارة الإطفاء ب<country>) yields to one inside it
    # the clause names outside the name ("... إن 50 شخصا لقوا مصرعهم في منطقة شرقي <city>")
    # so does a country named by its adjective after a definite noun ("المعارضة <adjective>"، "القوات
    # الحكومية <adjective>": a country whose feminine adjective is its name), which says whose, not where
    own = [h for h in own if not ((_in_source(ctx, h) or _adjective(ctx, h)) and any(
        lies_in(ctx.lex, o.label, h.label) and o.label != h.label and not _in_source(ctx, o) for o in own))]
    # a country a speech verb opens the sentence with ("أكدت <country> إن 49 ... بمدينة <city>") speaks: a
    # place inside it the clause names is where the figure's people were
    own = [h for h in own if not (any(v.end <= h.start and not ctx.text[v.end : h.start].strip() for v in ctx.verb_hits)
                                  and any(lies_in(ctx.lex, o.label, h.label) and o.label != h.label for o in own))]
    # a country that kills ("<country> قتلت 8796 شخصا"، "قتلتهم <country>") is who acts, not where its
    # victims were
    own = [h for h in own if not kills(ctx.lex, ctx.text, h)]
    if own:
        # people who fled are counted where they went ("فروا من البلاد إلى دولة مجاورة"); an attack's
        # origin is not where its victims were ("صاروخ من الجنوب على المدينة")
        went = [h for h in own if _TO.search(ctx.text, max(a, h.start - 6), h.start)]
        if f.quantity == "displaced" and went:
            own = went
        own = [h for h in own if not _after_from(ctx, h, own, a)] or own
        # a landmark a place inside it is near is not where the people were ("في <site> قرب <city>")
        own = [h for h in own if not (_NEAR.search(ctx.text, max(a, h.start - 16), h.start)
                                      and any(lies_in(ctx.lex, o.label, h.label) for o in own))]
        # where another figure's people come from ("7 أجانب (2 من <place> و2 من <place>)") is their
        # origin, not where this figure was (but "21 من <place>" counts the figure's own people there,
        # unless they are foreigners: then it is where they come from too)
        foreign = f.population in ctx.lex.by_nationality
        own = [h for h in own if not _PART_FROM.search(ctx.text, max(a, h.start - 12), h.start)
               or (_OWN_FROM.fullmatch(ctx.text, f.end, h.start) and not foreign)]
        # where most of them were, and the places said after it ("151 شخصا معظمهم من مدينة <city> عاصمة
        # إقليم <province>"), is where a part was, not the whole: the figure's place is the one the rest
        # of the text gives
        own = [h for h in own if not (h.start > f.end and _MOST_OF_THEM.search(ctx.text, f.end, h.start))]
        # the country the figure's own people come from is their nationality, not where they were
        # (population.from_country: "منهم 46 على الأقل من <country>"), and so is the country of any
        # other figure of a list by nationality ("32 من <country> و18 من <country> و9 من <country>")
        own = [h for h in own if not (h.label in ctx.lex.country_nationality and any(
            g.end <= h.start and FROM_COUNTRY.fullmatch(ctx.text, g.end, h.start) for g in ctx.figs))]
        # so are the countries its noun phrase says they come from ("ثلاثة رجال وامرأة من <country>
        # و<country>"), each of them: people who fled from a country are counted where they went
        if f.quantity != "displaced":
            own = [h for h in own if not _origin_of(ctx, f, h, own)]
        # a place after the figure that heads the next figure ("بـ 346 حالة ثم <place> 231 و<place> 210")
        # is that figure's, in a list of places each with its count
        # a place a part's count names after the figure ("مقتل عشرات الآلاف بينهم 15 ألفا في <town>") is
        # where the part's people were, not the whole's
        later = {m.start for m in ctx.mentions if m.start > f.start}
        own = [h for h in own if not (h.start >= f.end and (part := ctx.lex.breakdown_re(_PART).search(ctx.text, f.end, h.start))
                                      and any(part.end() <= m < h.start for m in later))]
        own = [h for h in own if not (h.start > f.start and _HEADS.match(ctx.text, h.end).end() in later)] or own
        # a place after the figure that a word of ranking or contrast opens ("حيث قتل 678 شخصا تليها
        # مقاطعة <b> ... حيث تأكد مصرع 306"، "في حين سجلت مقاطعة <c> ...") starts the next item of a
        # list of places each with its count, when a count follows it
        own = [h for h in own if not (h.start >= f.end and any(m > h.end for m in later)
                                      and _NEXT_ITEM.search(ctx.text, f.end, h.start))] or own
        # a place that names the event (حرب <country>، فيضانات <country>) yields to one inside it the
        # clause says the figure's people were in ("حرب <country> أودت بحياة 61 ألفا ... في ولاية <state>")
        own = [h for h in own if not (_names_event(ctx, h) and any(lies_in(ctx.lex, o.label, h.label) for o in own))]
    # a place right after a part's count is the part's ("1900 قتيل من بينهم 700 جثة في <city> فيما تجاوز
    # عدد المصابين 5000"), not a later figure's of another whole: as for the whole's, found without it
    theirs = [h for h in own if any(g is not f and g.whole is not None and g.whole is not f.whole
                                    and g.end <= h.start and _RIGHT_AFTER.fullmatch(ctx.text, g.end, h.start)
                                    for g in ctx.figs)]
    # and the name it is given right after ("في العاصمة <adjective> <city>")
    theirs += [h for h in own if any(t.end < h.start and not ctx.text[t.end : h.start].strip() for t in theirs)]
    own = [h for h in own if h not in theirs]
    if own:
        # "34 حالة وفاة في <a> وواحدة في <b>": a place right after the figure (في, at most its counted
        # noun between) is its own, though an earlier figure's place stands nearer its start
        right = [h for h in own if h.start >= f.end and _RIGHT_AFTER.fullmatch(ctx.text, f.end, h.start)]
        h = right[0] if right else min(own, key=lambda h: abs(h.start - f.start))
        # a town named with its country ("<town> في <country>"، "<town>، جنوب <country>"): the town
        inner = [k for k in own if k.end <= h.start and IN_COUNTRY.fullmatch(ctx.text, k.end, h.start)
                 and lies_in(ctx.lex, k.label, h.label)]
        if inner:
            h = inner[-1]
        if _AMONG.search(ctx.text, max(a, h.start - 30), h.start) and h.label in ctx.lex.place_parent:
            return ctx.lex.place_parent[h.label]  # "في معتقلات النظام وخصوصا في سجن ...": an example of where
        # a place then the place it lies in ("في <square> ب<city>"): the finer one, down a chain of
        # them ("بمدينة <city> في محافظة <province> جنوب <country>": the city)
        while inner := [g for g in own if g.end <= h.start and ctx.words_between(g.end, h.start) <= 4
                        and lies_in(ctx.lex, g.label, h.label) and not ctx.crosses_clause(g.end, h.start)]:
            h = inner[-1]
        # a figure over several places of one country named together ("في <town> و<town>"): the
        # whole of its parts, in the place they lie in (docs/annotation.md, place)
        listed = _listed_with(ctx, h, own)
        if len({k.label for k in listed}) > 1:
            # unless the clause gives one figure per place, in their order ("في <a> و<b> بنسبة 80% و69%
            # على التوالي")
            resp = _RESPECTIVELY.search(ctx.text, listed[-1].end, b)
            figures = sorted(m.start for m in ctx.mentions if resp and listed[-1].end <= m.start < resp.start())
            if len(figures) == len(listed) and f.start in figures:
                return _located(ctx, listed[figures.index(f.start)])
            # places of several countries no region holds: the toll of no one of them
            return common_place(ctx.lex, {k.label for k in listed})
        return _located(ctx, h)
    if not own and a > ctx.ss and _RISEN_TO.fullmatch(ctx.text, a, f.start):
        # a toll's rise split by commas ("ارتفاع عدد الشهداء جراء <event> ب<place>، إلى 13 شهيدا"): the
        # figure ends the phrase its clause goes on, so the place that phrase names is the figure's
        heads = [m.end() for m in _RISE.finditer(ctx.text, ctx.ss, a)]
        before = [h for h in ctx.place_hits if heads and heads[-1] <= h.start < a and not ctx.numbers_between(h.end, f.start)]
        # of places inside one another ("في جزيرة <island> في أرخبيل <state>"), the finer; the phrase
        # names its own place first, then where that lies ("في منطقة <town> بمحافظة <province>")
        finest = [h for h in before if not any(lies_in(ctx.lex, o.label, h.label) for o in before)]
        if finest:
            return _located(ctx, finest[0])
    if a > ctx.ss and _RELATIVE.match(ctx.text, a):
        pa, _ = ctx.clause_of(a - 1)
        # (not a place inside a speaker's name: "... رئيسة وزراء <country> <name>، التي أشارت" goes on
        # about the speaker)
        before = [h for h in ctx.place_hits if pa <= h.start < a and not _in_source(ctx, h)]
        if before:
            return _located(ctx, before[-1])
    if not own and ctx.main_place and any(not _FROM.search(ctx.text, max(ctx.ss, m.start() - 5), m.start())
                                          for m in _SEVERAL.finditer(ctx.text, ctx.ss, ctx.se)):
        # a sentence that says its figures were over several areas of the country ("في عدد من المناطق
        # <adjective>"، "بباقي المحافظات"، "في جميع أنحاء البلاد"): the country, not the lead's city (but
        # people from several areas, "ضحايا من مختلف الولايات <adjective>", come from there)
        return (place_chain(ctx.lex, ctx.main_place) or [ctx.main_place])[-1]
    if a > ctx.ss and (_AND_NOUN.match(ctx.text, a) or _AND_FIGURE.fullmatch(ctx.text, a, f.start)):
        # a clause joined by و to a figure's clause before it ("مقتل أكثر من 20 شخصا شرقي <city>،
        # وإصابة أكثر من 100") counts the same people's other harm: there
        before = [g for g in ctx.figs if ctx.ss <= g.start and g.end <= a and g.place and g.whole is None]
        if before and not ctx.numbers_between(before[-1].end, a):
            return before[-1].place
    local = None if listed or own else _local_source(ctx, f)
    if local is not None:
        return local.label
    fronted = [h for h in ctx.place_hits if ctx.ss <= h.start < a and _FRONTED.fullmatch(ctx.text, ctx.ss, h.start)
               and not any(h.end <= g.start < f.start for g in ctx.figs)]
    if fronted:
        # a place that opens the sentence ("وفي بلدة <town>، ... عثر على 26 شخصا") is where all of it happened
        return _located(ctx, fronted[0])
    label = None if listed else _label_place(ctx, a)
    if label is not None:
        return _located(ctx, label)
    target = _struck(ctx, f)
    if target is not None:
        return _located(ctx, target)
    default = ctx.lex.event_default_place.get(event)
    parent = ctx.lex.place_parent
    if default and ctx.main_place and ctx.main_place != default and parent.get(ctx.main_place) \
            and parent.get(ctx.main_place) == parent.get(default):
        # an event's place by a profile's convention, when the article is about another part of the
        # same country (one territory of it, beside the one a war is counted in): the article's part
        return ctx.main_place
    if default:
        return default
    elsewhere = None if listed else _sentence_place(ctx, f)
    if elsewhere is not None:
        return _located(ctx, elsewhere)
    site = _article_site(ctx, f)
    if site is not None:
        return site.label
    lead = next((h for h in ctx.hits.within("places", 0, _LEAD) if h.label == ctx.main_place), None)
    if ctx.main_place:
        return _located(ctx, lead) if lead is not None else ctx.main_place
    # no place named with the figure nor in the headline and lead: the country whose own health
    # ministry gave the figure, or spoke last before it (rules/gazetteer/places.yaml `bodies`)
    body = next(iter(reversed(ctx.hits.within("bodies", 0, ctx.se))), None)
    return body.label if body is not None else ""


# a number of countries (folded): "في سبع دول"، "في 10 دول"، "في خمسة بلدان" around the number, "في الدول
# الثلاث" around the number of those already named
_IN_N = re.compile(r"(?:^|\s)(?:في|فى)\s+$")
_N_COUNTRIES = re.compile(r"\s+(?:دول|بلدان)(?![\u0621-\u064a])")
_IN_THE_COUNTRIES = re.compile(r"(?:^|\s)(?:في|فى)\s+(?:الدول|البلدان)\s+(?:ال)?$")
_BRACKET = re.compile(r"\s*\(")


def _over_countries(ctx: Context, f: Fig, a: int, b: int) -> str | None:
    """The place of a figure its clause counts over a number of countries: the toll of no one of
    them. The region named right after ("في خمسة بلدان في <region>") or holding the countries
    listed in brackets ("في سبع دول (<country> و<country> ...)"), else places.yaml's `the_world`:
    the count wherever the event reached; of the countries named before
    ("في الدول الثلاث"), the region that holds the article's country, else none. None when the
    clause counts no countries."""
    for m in ctx.mentions:
        if not a <= m.start < b or m.start == f.start:
            continue
        if _IN_THE_COUNTRIES.search(ctx.text, max(a, m.start - 20), m.start):
            top = (place_chain(ctx.lex, ctx.main_place) or [ctx.main_place])[-1]
            return holding_region(ctx.lex, {top})
        after = _N_COUNTRIES.match(ctx.text, m.end)
        if after is None or not _IN_N.search(ctx.text, max(a, m.start - 6), m.start):
            continue
        named = [h for h in ctx.place_hits if after.end() <= h.start < b]
        if named and _RIGHT_AFTER.fullmatch(ctx.text, m.end, named[0].start) and named[0].label in ctx.lex.place_holds:
            return named[0].label
        if named and _BRACKET.match(ctx.text, after.end()):
            shut = ctx.text.find(")", after.end(), b)
            listed = {h.label for h in named if shut == -1 or h.end <= shut}
            return common_place(ctx.lex, listed) or ctx.lex.the_world
        return ctx.lex.the_world
    return None


# a definite noun right before a definite word (folded): an adjective agreeing with it
_DEFINITE_BEFORE = re.compile(r"(?<!\S)[وفبل]?(?:ال|لل)[\u0621-\u064a]+\s+$")


def _adjective(ctx: Context, h) -> bool:
    """A country's name said as an adjective: its word takes the article and follows a definite
    noun it agrees with ("المعارضة <adjective>" names the country only as whose the opposition is)."""
    if h.label not in ctx.lex.country_nationality:
        return False
    start = h.start - len(re.search(r"\S*$", ctx.text[: h.start]).group())
    return (ctx.text.startswith("ال", start) and start + 2 >= h.start
            and bool(_DEFINITE_BEFORE.search(ctx.text, max(0, start - 30), start)))


def spread_in_one_region(claims: Sequence[Claim], lex: Lexicon) -> list[Claim]:
    """A run's figures of an event that spreads (events.yaml `spreads`: an earthquake, a flood; and
    `spreads_when_named`: a fire its figures' sentences call a forest fire) given
    for its country, or for a region holding one province, when that province holds its whole toll:
    the province's (docs/annotation.md, place). A sentence names such an event where it is seen from
    ("زلزال غرب <country>"، "الزلزال الذي ضرب <country>"), whatever level its figures are counted at,
    so one article cannot tell a province's toll from the country's; the run's articles can. The
    province is the smallest place holding every figure of the event given below the country; it
    must be named itself for most of them (not a region holding several towns that each have their
    own counts), by two articles at least, and its largest death toll must reach `site_share` of
    the largest given for the country (a province's part of a national toll stays a part). An event
    whose figures below the country lie in several provinces keeps every level apart, and so does
    one that two articles count in another country too (a quake on a border: each country's toll is
    its own, the province holds neither the event's whole toll nor, by the texts, the country's)."""
    spreads = lex.spreads | {t for t, words in lex.spreads_when_named.items()
                             if any(lex.event_type.get(c.event, c.event) == t and words.find(fold(c.sentence)) for c in claims)}
    below: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    at_top: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.unit == "date" or not c.place or lex.event_type.get(c.event, c.event) not in spreads:
            continue
        chain = place_chain(lex, c.place)
        (below if chain else at_top)[(c.event, chain[-1] if chain else c.place)].append(c)
    articles: dict[tuple[str, str], set[str]] = defaultdict(set)  # (event, country) → the articles counting it there
    for key, found in (*below.items(), *at_top.items()):
        articles[key] |= {c.article_id for c in found}
    counted_in: dict[str, set[str]] = defaultdict(set)  # event → the countries two articles count it in
    for (event, country), ids in articles.items():
        if len(ids) >= 2:
            counted_in[event].add(country)
    share = lex.setting("site_share")
    moves: dict[tuple[str, str], str] = {}
    for (event, country), inner in below.items():
        region = common_place(lex, {c.place for c in inner})
        own = [c for c in inner if c.place == region]
        if not region or region == country or len(own) <= share * len(inner) or len({c.article_id for c in own}) < 2:
            continue
        if counted_in[event] - {country}:
            continue
        tolls = [c.value for c in inner if c.quantity == "killed" and c.unit == "count"]
        national = [c.value for c in at_top[(event, country)] if c.quantity == "killed" and c.unit == "count"]
        if not tolls or (national and max(tolls) < share * max(national)):
            continue
        moves |= {(event, outer): region for outer in place_chain(lex, region)}
    return [replace(c, place=moves[(c.event, c.place)]) if (c.event, c.place) in moves else c for c in claims]


def _local_source(ctx: Context, f: Fig):
    """The province, district or city in or right after the name of who gives the figure, earlier in its sentence, when
    the figure's clause names no place ("وأفاد مدير الصحة العامة في ولاية <province> ...، أنّ 14
    شخصاً قُتلوا"، "مجلس مدينة <city> ... أن عدد القتلى بلغ 4000"): a local body counts the people of
    its own area (docs/annotation.md, place). Only
    a place said with its kind (ولاية، محافظة، إقليم، مدينة ...), inside the article's place: a national
    body's capital (مكتب ... في <capital>) says where it sits, not whom it counts. A body of "the
    province" (حكومة الإقليم) anywhere in the sentence is the last province named before it."""
    names = [n for n in ctx.src_hits if n.end <= f.start]
    # (not when another source speaks after it, before the figure: "مجلس مدينة <city> ... وقالت الأمم المتحدة
    # نقلا عن أرقام الحكومة أن عدد القتلى بلغ 4460"; one told it, "وقال <name> لشبكة ...", only listens)
    inside = [h for h in ctx.place_hits if h.end <= f.start and _PROVINCE.search(ctx.text, max(ctx.ss, h.start - 12), h.start)
              and any(n.start <= h.start and not ctx.text[n.end : h.start].strip() for n in names)
              and not any(n.start >= h.end and ctx.text[n.start - 1 : n.start] != "ل" for n in names)]
    if not inside:
        # a body of "the province" named without it (حكومة الإقليم، هيئة إدارة الكوارث الإقليمية), in
        # the figure's sentence: the province the article last named with its kind before it
        said = [n for n in ctx.src_hits if _OF_THE_PROVINCE.search(ctx.text, n.start, n.end)]
        if said:
            inside = [h for h in ctx.hits.within("places", 0, said[0].start)
                      if _PROVINCE.search(ctx.text, max(0, h.start - 12), h.start) or _KIND.match(ctx.text, h.start)][-1:]
    if not inside or not (ctx.main_place and lies_in(ctx.lex, inside[-1].label, ctx.main_place)):
        return None
    return inside[-1]


def _names_event(ctx: Context, h) -> bool:
    """A place right after an event's cue, in construct with it, or inside a cue that names it:
    the event's name (حرب <country>)."""
    return any((e.end <= h.start and not ctx.text[e.end : h.start].strip()) or (e.start <= h.start and h.end <= e.end)
               for e in ctx.e_hits)


def _listed_with(ctx: Context, h, own: list) -> list:
    """`h` and the places joined to it by و or a comma, before and after it."""
    hits = sorted(own, key=lambda k: k.start)
    i = hits.index(h)
    lo, hi = i, i
    while lo > 0 and AND_PLACE.fullmatch(ctx.text, hits[lo - 1].end, hits[lo].start):
        lo -= 1
    while hi + 1 < len(hits) and AND_PLACE.fullmatch(ctx.text, hits[hi].end, hits[hi + 1].start):
        hi += 1
    return hits[lo : hi + 1]


def _joined(ctx: Context, h, own: list) -> list:
    """`h`, then each place of `own` joined by و to the one after it, going back ("<a> و<b> و<c>"
    from <c>: c, b, a)."""
    chain = [h]
    while before := [k for k in own if k.end <= chain[-1].start and _AND.fullmatch(ctx.text, k.end, chain[-1].start)]:
        chain.append(before[-1])
    return chain


def _after_from(ctx: Context, h, own: list, a: int) -> bool:
    """A place after من, or joined by و to one that is ("من <country> و<country>"): an origin."""
    return any(_FROM.search(ctx.text, max(a, k.start - 5), k.start) for k in _joined(ctx, h, own))


def _origin_of(ctx: Context, f: Fig, h, own: list) -> bool:
    """A country after من in the figure's noun phrase, or joined by و to one that is."""
    for k in _joined(ctx, h, own):
        if k.label in ctx.lex.place_parent:
            return False  # a town or region: where they were ("21 من <town>")
        if _ORIGIN.fullmatch(ctx.text, f.end, k.start):
            return True
    return False


def _in_source(ctx: Context, h, speaking: bool = False) -> bool:
    """A place inside the name of who gives the figure (السلطات <adjective>، وزير الصحة <adjective>);
    `speaking`: only a name a cue makes a speaker's, when a phrase a head word starts is one ("حريق
    مستشفى <name> في <city>" is no one's)."""
    return any(n.start <= h.start and h.end <= n.end
               and (not speaking or n.role != "head" or ctx.hits._speaks(n, ctx.text))
               for n in ctx.src_hits + ctx.head_hits)


# a place said as where: في / داخل / a word with the clitic ب (بمنطقة، بمحافظة), at most two words
# before it (في حي <place>، في كنيسة <place>، في وسط العاصمة <place>), or the clitic on the place itself (ب<place>)
_AT = re.compile(r"(?:(?:^|\s)(?:في|داخل|ب[^\s،,]+)(?:\s+[^\s،,]+){0,2}\s+|(?:^|\s)[وف]?ب)$")
_BREAKDOWN = r"\s*(?:و?من\s+)?(?:<among>|<among_things>|<of>)(?!\S)"  # the breakdown words: Lexicon.breakdown_re
_EVENT_TO_PLACE = 8  # words from an event's cue to where it happened (حريق اشتعل الأحد، في كنيسة <name> بمنطقة <place>)
_TAKEN = re.compile(r"(?:^|\s)(?:الي|لل?مستشفي|[بو]?المستشفي|مستشفي|مستشفيات|[بو]?المستشفيات|لمستشفيات)(?:\s|$)")
_TO = re.compile(r"(?:^|\s)(?:الي|نحو|باتجاه)\s+$")
_FROM = re.compile(r"(?:^|\s)من\s+$")
_CAPITAL = re.compile(r"(?:^|\s)العاصمه\s+$")  # "شرطة العاصمة <city>" (folded)
_PART = r"(?<!\S)و?(?:من\s+)?(?:<among>|<of>|<among_things>)(?!\S)"
_HEADS = re.compile(r"[\sـ:]*(?:ب\s*)?")  # what stands between a list item's place and its count
_NEXT_ITEM = re.compile(r"(?<!\S)(?:[وف]?(?:تليها|تلتها|تلاها|تلاه|يليها|يليه|يليهم|تليه|وبعدها|وبعدهما)|في\s+حين|بينما|فيما|ثم)(?!\S)")
_RESPECTIVELY = re.compile(r"(?:علي|عل)\s+التوالي")
_ORIGIN = re.compile(r"\s*(?:[\u0621-\u064a]+\s+){0,3}من\s+")  # the figure's noun phrase, then من
_AND = re.compile(r"\s*[،,]?\s*و\s*")
_NEAR = re.compile(r"(?:^|\s)(?:قرب|بالقرب\s+من|علي\s+مقربه\s+من|بمحاذاه|قريبا\s+من)\s+$")
# "most of them" then where: "معظمهم من مدينة <city>"، "غالبيتهم في <province>" (on folded text)
_MOST_OF_THEM = re.compile(r"(?<!\S)[و]?(?:معظمهم|معظمهن|غالبيتهم|اغلبهم|جلهم)\s+(?:من|في|ب)")
_PART_FROM = re.compile(r"(?:^|[\s(])و?\d+\s+من\s+$")
_OWN_FROM = re.compile(r"\s+من\s+")
# a place named as an example inside the figure's own (وخصوصا في سجن ...، ولا سيما في ...)
_AMONG = re.compile(r"(?:^|\s)[و]?(?:خصوصا|خاصة|بخاصة|سيما|لاسيما|تحديدا)(?:\s+(?:في|ب|من))?(?:\s+[\u0621-\u064a]+)?\s+$")
# a clause that is only the end of a toll's phrase: "، إلى" or "، يبلغ" then the figure, or what an
# event resulted in ("أسفرت حرائق ...، قرب <city>، عن مقتل نحو 74")
_RISEN_TO = re.compile(r"\s*(?:(?:يبلغ|تبلغ|بلغ|بلغت|يصل|تصل|وصل|وصلت)(?:\s+الي)?|الي|حتي|عن(?:\s+(?:مقتل|مصرع|وفاه|سقوط))?)\s*")
# where that phrase starts: its rise, the count it names ("عدد الوفيات ... في <place>، يبلغ"), or
# the verb of what the event resulted in
_RISE = re.compile(r"(?<!\S)[وف]?(?:ارتفاع|ارتفعت|ارتفع|وصول|وصلت|وصل|تراجع|انخفاض|عدد|حصيله|اسفر|اسفرت|يسفر|تسفر)(?!\S)")
# a clause that goes on with و and the noun of another harm: "، وإصابة"، "، وجرح"
_AND_NOUN = re.compile(r"[\s،,]*و(?:اصابه|جرح|فقدان|اصيب)(?!\S)")
# or with و and the figure itself: "الي 63 وفاه، و100 اصابه"، or a word of addition: "، الي جانب عشرات الجرحي"
_AND_FIGURE = re.compile(r"[\s،,]*(?:و|[وب]?الي\s+جانب|[وب]?الاضافه\s+الي|اضافه\s+الي|فضلا\s+عن)\s*")
# a sentence that opens with where: "وفي <place>"، "وفي بلدة <place>"
_FRONTED = re.compile(r"\s*[وف]?(?:في|ب)\s*(?:[\u0621-\u064a]+\s+)?")
# a clause that opens with a relative word goes on about the place of the clause before it
_RELATIVE = re.compile(r"[،,؛;:]?\s*(?:حيث|التي|الذي)\s")
# what may stand between an event's cue and the place it is named after: nothing (زلزال + the place)
_NAMED = re.compile(r"\s*")
# or a relative clause (الهزة الأرضية، التي ضربت + the place) in the same sentence, when the place is
# only its epicentre (وحدد مركزها ب<place>) or the heart of what was struck (<place> ونواحيه):
# "الزلزال الذي ضرب ولاية <province>" alone names where it struck at that level (docs/annotation.md, place)
_STRUCK = re.compile(r"\s*[،,]?\s*(?:التي|الذي)\s[^.\n]{0,90}?")
_EPICENTRE = re.compile(r"(?<!\S)(?:مركز|بؤره)")
_AND_AROUND = re.compile(r"\s*و(?:نواحي|ضواحي|محيط|جوار)")
_COLON = re.compile(r"\s*:\s*")
# several or all areas of a country, named by the country's adjective or as the country (البلاد)
# a body named as the province's, the province unnamed (حكومة الإقليم، الهيئة الإقليمية)
_KIND = re.compile(r"(?:ولايه|محافظه|اقليم|مقاطعه)\s")  # a place named with its kind (إقليم <name>)
_OF_THE_PROVINCE = re.compile(r"(?<!\S)(?:الاقليم|الولايه|المحافظه|الاقليميه)(?!\S)")
_SEVERAL = re.compile(r"(?<!\S)[وفب]?(?:عدد\s+من|عده|مختلف|[بل]?باقي|[بل]?بقيه|سائر|كافه|جميع)\s+(?:ال)?"
                      r"(?:مناطق|محافظات|مدن|ولايات|انحاء|اقاليم)(?:\s+(?:ال)?\S+يه|\s+البلاد|\s+الجمهوريه|(?=\s*[،,.]|\s+\d))")

# a place named with its kind as an administrative area, right before it (في ولاية <province>، بمحافظة)
_PROVINCE = re.compile(r"(?<!\S)[وفب]?(?:ال)?(?:ولايه|محافظه|اقليم|مقاطعه|مديريه|عماله|مدينه)\s+\S*$")

# what may stand before a place that heads a list item: a bullet, or another item's end
_HEADING = re.compile(r"(?:.*[.•·*\-–]\s*|\s*)")
_LEAD = 400  # the headline and lead (DocHits.lead_place)


# an event's cue, at most three words (its author, its kind), then what it struck: "هجمات <party>
# الصاروخية على <place>", or the coast off which it happened: "غرق مركب صيد في عرض سواحل <place>"
_ON = re.compile(r"\s+(?:[\u0621-\u064a]+\s+){0,3}?(?:علي|في\s+عرض\s+سواحل|قباله\s+سواحل|قباله)\s+")


def _struck(ctx: Context, f: Fig):
    """The place an event named earlier in the figure's sentence struck (a cue, then على + the place),
    when the figure's own clause names none: the toll of those attacks is counted there."""
    hits = [p for e in ctx.e_hits if e.end <= f.start for p in ctx.place_hits
            if e.end < p.start < f.start and _ON.fullmatch(ctx.text, e.end, p.start)]
    return hits[-1] if hits else None


def _article_site(ctx: Context, f: Fig):
    """Where the article, before the figure, says an event that happens at one site struck (events.yaml
    `at_one_site`: "غرق مركب صيد في عرض سواحل <island>"), when that lies inside the place its headline
    and lead are about (the country): the figures that name no place are that site's (docs/annotation.md,
    place: the place the text names, at the finest level it names it)."""
    if not ctx.main_place:
        return None
    lex = ctx.lex
    for e in ctx.hits.within("event_cues", 0, f.start):
        if lex.event_type.get(e.label, e.label) not in lex.at_one_site:
            continue
        for p in ctx.hits.within("places", e.end, min(f.start, e.end + 80)):
            if _ON.fullmatch(ctx.text, e.end, p.start) and lies_in(lex, p.label, ctx.main_place):
                return p
    return None


def _sentence_place(ctx: Context, f: Fig):
    """The place another clause of the figure's sentence names as where an event that happens at
    one site happened (events.yaml `at_one_site`), when that clause counts nothing of its own ("مقتل 35 شخصا، وإصابة 45 آخرين جراء حريق اشتعل الأحد، في كنيسة ... بمنطقة <place>"):
    where the event of the sentence happened, so where its figures were (docs/annotation.md: the
    figure's sentence before the headline and lead). Only a place said as where (في، داخل، ب +
    the place or its kind: بمنطقة، في حي), not one that acts (لم تعلن <capital>) nor heads a list
    item (<country>: 464 قتيلا), nor one in a source's name; and only the headline's place or one
    inside it. Of places inside one another, the finer; else the nearest."""
    a, b = ctx.clause_of(f.start)
    found = []
    for h in ctx.place_hits:
        if a <= h.start < b or _in_source(ctx, h, speaking=True) or not _AT.search(ctx.text, max(ctx.ss, h.start - 30), h.start) \
                or _ITEM_COLON.match(ctx.text, h.end):
            continue
        if ctx.main_place and not (h.label == ctx.main_place or lies_in(ctx.lex, h.label, ctx.main_place)):
            continue  # it refines the place the article is about, never goes elsewhere (a sea, a country)
        ca, cb = ctx.clause_of(h.start)
        if ctx.numbers_between(ca, cb) and not ctx.lex.breakdown_re(_BREAKDOWN).match(ctx.text, ca):
            continue  # that clause's place is its own figure's (not a breakdown of this one: "، بينهم 16 ...")
        if any(not _site_of(ctx, t) for t in _TAKEN.finditer(ctx.text, ca, h.start)):
            continue  # where people were taken (إلى، a hospital's town) is not where they were
        if not any(e.end <= h.start and ctx.words_between(e.end, h.start) <= _EVENT_TO_PLACE
                   and ctx.lex.event_type.get(e.label, e.label) in ctx.lex.at_one_site for e in ctx.e_hits):
            continue  # where the sentence's event happened (حريق نشب في ...، اندلع حريق في ...), nothing else
        found.append(h)
    finest = [h for h in found if not any(lies_in(ctx.lex, o.label, h.label) for o in found)]
    return min(finest, key=lambda h: abs(h.start - f.start)) if finest else None


def _site_of(ctx: Context, taken: re.Match) -> bool:
    """A hospital word right after the cue of an event that happens at one site ("حريق مستشفى <name>
    في <city>"، "حريق في مستشفى"): the site of the event, not where people were taken."""
    if taken.group().strip() == "الي":
        return False
    return any(ctx.lex.event_type.get(e.label, e.label) in ctx.lex.at_one_site and e.end <= taken.start()
               and _SITE_GAP.fullmatch(ctx.text, e.end, taken.start()) for e in ctx.e_hits)


_SITE_GAP = re.compile(r"\s*(?:(?:في|داخل)\s*)?")  # between an event's cue and its site: "حريق (في) مستشفى"


def _label_place(ctx: Context, a: int):
    """The place a clause is headed by, as in a list of tolls by place ("• <place>: 6 شهداء و31
    جريحا"): a place alone, at the start of its sentence or line or after a bullet, then a colon."""
    before = [h for h in ctx.place_hits if h.end <= a]
    if not before:
        return None
    h = before[-1]
    if not _COLON.fullmatch(ctx.text, h.end, a):
        return None
    return h if _HEADING.fullmatch(ctx.text, max(ctx.ss, ctx.text.rfind("\n", 0, h.start) + 1), h.start) else None


def _located(ctx: Context, h) -> str:
    """A place hit's key; for a place that names an event of a type named after its epicentre
    (events.yaml `named_after_epicentre`: زلزال + a province, الهزة الأرضية التي ضربت + a province
    ونواحيه), the country it lies in: such an event's toll is counted over the whole country."""
    lex = ctx.lex
    cues = [c for c in ctx.hits.within("event_cues", max(0, h.start - 120), h.start)
            if lex.event_type.get(c.label, c.label) in lex.named_after_epicentre]
    if not cues or not (_NAMED.fullmatch(ctx.text, cues[-1].end, h.start)
                        or (_STRUCK.fullmatch(ctx.text, cues[-1].end, h.start)
                            and (_AND_AROUND.match(ctx.text, h.end) or _EPICENTRE.search(ctx.text, cues[-1].end, h.start)))):
        return h.label
    return (place_chain(lex, h.label) or [h.label])[-1]


def in_window(ctx: Context, f: Fig) -> bool:
    """A window or place cue in the figure's clause, or earlier in its sentence unless a running
    total is named between (ليوم أمس ... 25 قتيلا، ما يرفع الحصيلة الإجمالية إلى 3583); or a word
    of a day's new count right after the figure and its noun (272 إصابة جديدة); or a verb after it
    that adds it to a running total (تسجيل 15 حالة وفاة ليرتفع عدد الوفيات إلى 5811). A window
    after the figure that a part of it or a later figure's clause carries ("أكثر من 900 لقوا مصرعهم
    منذ يونيو بينهم 34 في الساعات الـ24 الماضية") is the part's, not the whole's. The deadliest day earlier
    in the sentence leaves a count summed since a date in its own clause the running total it is."""
    a, b = ctx.clause_of(f.start)
    totals = [h.start for h in ctx.o_hits if h.role in ("total", "raises") and h.start < f.start]

    def covers(h) -> bool:
        if h.role == "new":
            return h.start >= f.end and ctx.words_between(f.end, h.start) <= 2 and not ctx.crosses_clause(f.end, h.start)
        if h.role == "raises":
            # (not a quantity whose event a profile fixes: hostages found dead since an attack are
            # that attack's, whatever total they raise)
            return (h.start >= f.end and f.quantity not in ctx.lex.event_for_quantity
                    and not _TO_TOTAL.search(ctx.text, max(ctx.ss, f.start - 8), f.start)
                    and not _parts_of_raised(ctx, f, h))
        if a <= h.start < b:
            return not (h.start >= f.end and ctx.lex.breakdown_re(_WINDOW_OF_OTHER).search(ctx.text, f.end, h.start))
        # (the deadliest day before a count summed since a date is not that count's window: events.yaml `day`)
        return h.end <= f.start and not any(h.end <= t for t in totals) and not (h.role == "day" and running_total(ctx, f))

    # a window right after the event's outbreak says when the event began, not a window of the count
    # ("حرائق غابات شبت منذ أمس الأول ... عن مقتل نحو 74": the whole toll)
    return any(covers(h) for h in ctx.o_hits
               if h.role != "total" and not _BROKE_OUT.search(ctx.text, max(ctx.ss, h.start - 12), h.start))


def _parts_of_raised(ctx: Context, f: Fig, h) -> bool:
    """The figures before a verb that adds them to a total, the figure among them, sum to the total
    it names: they are its parts, each told by where it was, not a new count ("100 قتيل سقطوا في
    القاعة، فيما ... 42 آخرين قتلوا في هجمات ...، ليرتفع بذلك إجمالي ضحايا الهجمات إلى 142")."""
    total = next((g for g in ctx.figs if h.end <= g.start < ctx.se), None)
    before = [g for g in ctx.figs if ctx.ss <= g.start < h.start and g.m.unit == "count"]
    if total is None or total.m.unit != "count" or f not in before:
        return False
    i = before.index(f)
    runs = [before[j:k] for j in range(i + 1) for k in range(i + 1, len(before) + 1)
            if k - j > 1 and sum(g.m.value for g in before[j:k]) == total.m.value]
    # each of them counts what the total counts (not 8 killed and 6 wounded raising the dead to 14)
    counts = quantity_for(ctx, total)[0] if runs else ""
    return any(all(quantity_for(ctx, g)[0] == counts for g in run) for run in runs)


# an event's outbreak: "شبت"، "اندلعت"، "المستعرة"
_BROKE_OUT = re.compile(r"(?:^|\s)[و]?(?:شبت|اندلعت|اندلع|نشبت|نشب|تستعر|يستعر|تشتعل|المستعره|المندلعه|المشتعله)\s+$")
# a figure a total rose or fell to ("ارتفع عدد الوفيات إلى 14"): a total itself, not what a later verb adds
_TO_TOTAL = re.compile(r"(?:^|\s)(?:الي|حتي)\s+$")
# between a figure and a window after it: a part word, or another figure's "after" (بلغ 266696 بعد تعافي 1966 ...)
_WINDOW_OF_OTHER = r"(?<!\S)و?(?:من\s+)?(?:<among>|<of>|<among_things>|<of_things>|بعد)(?!\S)"


# a weekday (يوم الأحد، اليوم الأحد، أمس الأحد، يوم أمس الأحد، أمس (الأحد)، الأحد)
_DAY = r"(?:(?:ال)?يوم\s+)?(?:امس\s+)?\(?(?:" + "|".join(WEEKDAYS) + r")\)?"
_DAY_END = r"(?=[\s،,.)”\"»]|$)"
# the figure's counted noun, then a weekday
_THEN_DAY = re.compile(r"(?:\s+[^\s،,.0-9]+)?\s+" + _DAY + _DAY_END)
# a weekday right after the harm word that follows the figure ("38 شخصا قتلوا أمس (الأحد)")
_NEXT_DAY = re.compile(r"\s+" + _DAY + _DAY_END)
# a weekday that opens the sentence, set off before the harm word ("والسبت، قتل 11 شخصا"، "وفي يوم الاثنين، قتل")
_DAY_FIRST = re.compile(r"\s*(?:و|ف)?(?:في\s+)?" + _DAY + r"\s*[،,]\s*")


def one_day(ctx: Context, f: Fig) -> bool:
    """A count of what befell people on one named day: the word of their harm right before the
    figure and a weekday right after it and its noun ("بعد مقتل 94 شخصا يوم أمس الأحد"، "بمقتل نحو
    77 شخصا الأحد") or opening the sentence before that word ("والسبت، قتل 11 شخصا"), or the harm
    word right after the figure and its noun and the weekday right after it ("20 على الأقل قتلوا
    اليوم الاثنين"); or the event itself named by its day before the figure in the sentence ("ارتفاع
    قتلى احتجاجات الأربعاء إلى 33"، "عدد قتلى مظاهرات الأحد، 34 قتيلا"). Not a total it reached that day ("ارتفاع حصيلة القتلى إلى 105 يوم الجمعة"): the
    harm word must be the figure's own, not a toll's. Of a running toll, that day is a window of its
    own (docs/annotation.md, windows); of a one-time event it is the event's day (classify)."""
    t = ctx.text
    if any(ctx.ss <= h.start and h.end <= f.start and _NEXT_DAY.match(t, h.end) for h in ctx.e_hits):
        return True  # the event of one named day before the figure: "قتلى احتجاجات الأربعاء"، "خلال مظاهرات الأحد"
    for h in ctx.q_hits:
        if h.role != "trigger" or h.label != f.quantity:
            continue
        if h.end <= f.start and ctx.words_between(h.end, f.start) == 0:
            if _THEN_DAY.match(t, f.end) or _DAY_FIRST.fullmatch(t, ctx.ss, h.start):
                return True
        elif h.start >= f.end and ctx.words_between(f.end, h.start) <= 1 and _NEXT_DAY.match(t, h.end):
            return True
    return False


# a count summed since a day months back, or over the past year: "قتلوا منذ الثامن من تشرين الأول 2023"
_SINCE = re.compile(r"(?:^|\s)منذ\s+$")
# over the past year, or the past months or years counted (خلال ال15 شهرا الماضية، خلال السنوات الماضية)
_PAST = (r"(?:في|خلال)\s+(?:العام\s+الماضي|(?:ال\s*)?(?:\d+\s+)?"
         r"(?:شهرا|اشهر|الاشهر|الشهور|سنوات|السنوات|اعوام|الاعوام)\s+الماضيه)(?!\w)")  # folded text
_PAST_YEAR = re.compile(r"(?:^|\s)" + _PAST)
# the same period set off by a comma right after the figure's clause ("اختطفت 2000 امرأة، خلال ال15
# شهرا الماضية"): it still says what the figure sums up
_PAST_NEXT = re.compile(r"[\s،,]*" + _PAST)


def running_total(ctx: Context, f: Fig) -> bool:
    """The figure's clause counts since a date (منذ + a date) or over the past year: a running
    total that sums attacks up over months is a war's toll, not one attack's (events.yaml)."""
    a, b = ctx.clause_of(f.start)
    since = any(isinstance(m, DateMention) and a <= m.start < b and _SINCE.search(ctx.text, max(a, m.start - 6), m.start)
                for m in ctx.mentions)
    return since or bool(_PAST_YEAR.search(ctx.text, a, b) or _PAST_NEXT.match(ctx.text, b))


def past_event(ctx: Context, f: Fig) -> str | None:
    """The event of a figure after a past event's cue in its clause, no other cue between ("منذ الزلزال الذي
    ضربها في عام 2010 وأسفر عن مقتل أكثر من 520"): that event, `other` where it is of the type of the
    event the article is about (events.yaml `since`; docs/annotation.md, event)."""
    a, _ = ctx.clause_of(f.start)
    before = [h for h in ctx.e_hits if a <= h.start and h.end <= f.start]
    if not before or before[-1].role != "past":
        return None
    label, main = before[-1].label, ctx.hits.main_event()
    same = ctx.lex.event_type.get(label, label) == ctx.lex.event_type.get(main, main)
    return "other" if same else ctx.lex.event_for_type.get(label, label)


def event_cue(ctx: Context, f: Fig, quantity: str, clause_only: bool = False, own: bool = False) -> str | None:
    """The nearest event cue (`own`: only a story profile's own events)."""
    best, best_d = None, None
    a, b = ctx.clause_of(f.start)
    for h in ctx.e_hits:
        if clause_only and not (a <= h.start < b):
            continue
        if h.role == "past":  # a past event set beside the story's gives only its own figures (past_event)
            continue
        if own and h.label not in ctx.lex.event_type:
            continue
        allowed = ctx.lex.event_only_for.get(h.label)
        if allowed is not None and quantity not in allowed:
            continue
        d = f.start - h.end if h.end <= f.start else h.start - f.end
        d = max(d, 0) + (200 if ctx.crosses_clause(min(h.end, f.end), max(h.start, f.start)) else 0)
        if best_d is None or d < best_d:
            best, best_d = h.label, d
    return ctx.lex.event_for_type.get(best, best) if best else best


def named_before(ctx: Context, f: Fig, quantity: str) -> str | None:
    """The last event named earlier in the article that only explains some quantities, among
    them this figure's (events.yaml `only_for`: a truce explains releases): the event of a
    release whose sentence names none, after a paragraph on the truce."""
    allowed = ctx.lex.event_only_for
    hits = [h for h in ctx.hits.within("event_cues", 0, f.start) if quantity in allowed.get(h.label, ())]
    return hits[-1].label if hits else None
