"""Stages 2 and 4 to 6 for one figure, in order: quantity, population, event, place, modality.

Needs: the figure's `whole` (stage 3) and every lexicon table named below
(`refine`, `human`, `no_sides`, `quantity_event`, `event_for_quantity`,
`event_for_population`, `event_type`, `by_event`, `by_population`, `event_population`,
`event_place`), the sentence's previous event and the article's story group, and the
figure before it (the next item of a list counts what it counts).
Sets: `Fig.quantity`, `quantity_score`, `population`, `at_large`, `event`, `place`, `modality`.
"""

from __future__ import annotations

import re

from .context import HARMS, UNDECIDED, Context, Fig
from .event_place import (
    event_cue,
    in_window,
    named_before,
    one_day,
    past_event,
    place_of,
    running_total,
)
from .figures import about_people
from .modality import modality_of
from .parts import OF_EACH_OF
from .population import (
    actor_before,
    all_of_them,
    by_country_item,
    earlier_value_of,
    list_item_of,
    nationality_before,
    of_them_before,
    others_after,
    others_of,
    parallel_of,
    phrase_labels,
    population_phrase,
    rank_force,
    sentence_group,
    side,
    subgroup_before,
    topic_group,
)
from .quantity import (
    care_of,
    counted_noun,
    escaped,
    partitive_noun,
    predicate_before,
    quantity_for,
    restated,
)

# "يليهم 299 معتقلا من المدينة": the next of a ranked list
_FOLLOWS = re.compile(r"(?:^|\s)[وف]?(?:يليهم|تليهم|يليها|تليها|يليه|تليه)\s*$")
# "299 معتقلا من المدينة و271 من المدينة الثانية": an item joined by و (or "in addition to": "8 من <country>،
# بالإضافة إلى سبعة ركاب من <country>"), with at most its noun and a place (of two words at most) between,
# and up to three items no figure counts, each set off by a comma ("5 <nationals>، وراكبا من <country>،
# و<nationals>، وتسعة <nationals>": the list goes on past them)
_JOINED = re.compile(r"\s*(?:[\u0621-\u064a]+(?:\s+|(?=[،,])))?"
                     r"(?:(?:من|في|ب)\s*[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+)?(?:\s+|(?=[،,])))?[،,]?\s*"
                     r"(?:و|بال[اإ]ضاف[ةه]\s+[اإ]ل[ىي])\s*"
                     r"(?:[\u0621-\u064a]+(?:\s+من\s+[\u0621-\u064a]+)?\s*[،,]\s*و\s*){0,3}")

_CONSTRUCT_GAP = re.compile(r"\s*(?:من\s+)?ال")  # a number in construct with people: مئات الأشخاص، 300 من المصلين
# the whole a part is taken from (on folded text), its number written with an article too ("من أصل الـ352")
_OUT_OF = re.compile(r"(?:^|\s)من\s+(?:اصل|أصل|مجموع)\s*(?:الـ?)?$")
_SAID_AGAIN_MIN = 10  # below it, the same small number twice is more often chance than the same count


def classify(ctx: Context, f: Fig) -> None:
    lex = ctx.lex
    if f.whole is not None and f.whole.quantity == "other" and f.whole.quantity_score == UNDECIDED:
        classify(ctx, f.whole)
    q, score = quantity_for(ctx, f)
    again = ctx.said_before.get(f.m.value) if q == "other" and score == UNDECIDED and f.m.unit == "count" else None
    if again is not None and f.m.value >= _SAID_AGAIN_MIN and (about_people(ctx, f) or any(g.whole is f for g in ctx.figs)):
        # the same count of people said again with no word of what it counts: what it counted
        # before ("إذ بلغ عدد المسجلين 161" of the dead, then "الحالات المسجلة ... بلغت 161 حالة،
        # 94 منها ..."); a number that counts no one stays no claim
        q, score = again.quantity, again.quantity_score
    out_of = _OUT_OF.search(ctx.text, max(ctx.ss, f.start - 16), f.start) is not None
    if out_of and counted_noun(ctx, f) is None and any(
            h.start >= f.end and ctx.words_between(f.end, h.start) == 0 for h in ctx.people_hits + ctx.p_hits):
        # the whole of "16 قاصرا من أصل 80 شخص" counts everyone there (aboard, in the place), not
        # what befell the part; one with a word of its own counts that ("بعشر حالات من أصل 14 وفاة")
        q, score = "other", 0.0
    prev = _list_previous(ctx, f)
    if prev is None and q == "other" and score == UNDECIDED and ctx.previous_fig is not None and ctx.previous_fig.quantity in lex.human \
            and ctx.text[ctx.ss : f.start].strip().startswith(lex.list_goes_on):
        prev = ctx.previous_fig  # "كما شملت القائمة ثلاثة ...": the list the sentence before began goes on
    if prev is not None:
        q, score = prev.quantity, prev.quantity_score  # the next item of a list counts what the one before did
    if f.whole is not None:
        wq = f.whole.quantity or quantity_for(ctx, f.whole)[0]
        if score > 4 or (q == "other" and care_of(ctx, f) is None):
            # a part counts what its whole does, unless it is the part still in care or gone home: a
            # count of where the hurt are now (docs/annotation.md, In hospital): "بينهم 36 ما يزالون
            # يتلقون العلاج"
            q = wq
        for wholes, part_q, becomes in lex.refine:
            if wq in wholes and q == part_q:
                q = becomes
                break
    shared = restated(ctx, f)
    if shared is not None and shared.quantity in lex.human:
        q = shared.quantity  # a share of the count it restates counts the same
    f.quantity, f.quantity_score = q, score
    # people who fled their captors are counted as the people they are, like a harm's (quantity.escaped)
    human = q in lex.human or (q == "other" and score == 0.0 and escaped(ctx, f))
    pop = population_phrase(ctx, f)
    if pop == "patients" and q == "other" and _hurt_in_care(ctx, f):
        pop = None  # the hurt still in hospital are no patients: whom the toll counts (in_care below)
    if pop == "soldiers":
        pop = rank_force(ctx, f) or pop  # "ضابطان وفردا شرطة": the police's officers
    item = by_country_item(ctx, f)
    if item is not None and (pop is None or pop in lex.nationalities):
        # "- <country>: 464 قتيلا" after "جنسيات الضحايا": its nationals (not the next item's "قتلى <country>")
        pop = lex.country_nationality[item.label]
    if f.quantity in lex.implied.get(pop or "", ()):
        pop = None  # "تماثل للشفاء 159 مريضا": patients who recover are all who recover, no subgroup
    if pop is None or pop in lex.nationalities:
        # a subgroup wins over a nationality (rules/lexicon/populations.yaml `combine`), also
        # when it is named before the figure: "عدد الأطفال، 316 شهيدًا" with شهيد a nationality's term
        before = subgroup_before(ctx, f)
        if before is not None and not (pop in lex.nationalities and before in lex.by_nationality):
            pop = before  # (foreigners before it are what its nationality already says: "الضحايا الأجانب هم 3 هنود")
    if pop is None:
        pop = actor_before(ctx, f)  # "تظاهر عشرات الآلاف": protesters
    if pop is None:
        pop = nationality_before(ctx, f)
    if pop is None:
        pop = all_of_them(ctx, f)  # "40 من المصابين خرجوا ...، جميعهم <nationals>"
    others = others_of(ctx, f) if human and pop is None else None
    if others is None and human and pop is None and f.whole is None:
        them = of_them_before(ctx, f)
        if them is not None:
            pop = them.population  # "بينما لقي 45 منهم": of the group the sentence before counted
    if others is not None:
        pop = others.population  # "وإصابة 100 آخرين": the group of the figure before
    if pop is None and human and f.whole is None:
        earlier = earlier_value_of(ctx, f)
        if earlier is not None:
            pop = earlier.population  # "ارتفع إلى 136 ... بعدما كان 131": the same nationals' count before
    if pop is None and human and f.whole is None:
        parallel = parallel_of(ctx, f)
        if parallel is not None:
            pop = parallel.population  # "مقتل 1400 طفل وإصابة أكثر من 2140": children wounded too
    if pop is None and human:
        item = list_item_of(ctx, f)
        if item is not None:
            pop = item.population  # "197 طفلًا ... قبل 15 سبتمبر، و1259 من بعده": children too
    if pop is None and f.whole is not None and f.whole.population != "unspecified" and not f.whole.at_large:
        pop = f.whole.population
    if pop is None and human and f.whole is None:
        pop = topic_group(ctx, f)  # "بالنسبة إلى النساء، ... بلغت الحصيلة 3357": women
    if pop is None and human and q not in lex.no_sides and f.whole is None and not any(g.whole is f for g in ctx.figs) \
            and not out_of:  # "جرحى أجانب من أصل الـ352 جريحاً": the group before is the part's, not the whole's
        pop = sentence_group(ctx, f)
    if pop is None and human and f.whole is None:
        pop = _said_again_population(ctx, f)
    # a side phrase says whose figure it is, except for quantities counted where
    # people are rather than by side (hostages: taxonomy.yaml `sides: false`)
    by_side = pop is None and human and q not in lex.no_sides
    if by_side:
        pop = side(ctx, f)
    # event: fixed by the quantity, a window cue, a cue in the figure's own
    # clause, its whole's event, a cue elsewhere in the sentence, defaults
    event = lex.quantity_event.get(q, "")
    window = not event and human and in_window(ctx, f)
    if window:
        event = "other"
    if not event and (past := past_event(ctx, f)):
        event, f.past = past, True
    if not event:
        event = event_cue(ctx, f, q, clause_only=True, own=True) or ""
    if not event and f.whole is not None and f.whole.event:
        event = f.whole.event
    if not event:
        event = event_cue(ctx, f, q, own=True) or ""
    if not event:
        event = named_before(ctx, f, q) or ""
    if not event:
        event = lex.event_for_quantity.get(q) or (lex.event_for_population.get(pop or "") if human else "") or ""
    if not event:  # a generic type (زلزال، فيضانات) after a story's own events and conventions
        event = event_cue(ctx, f, q, clause_only=True) or event_cue(ctx, f, q) or ""
    # people the article's group is made of, counted for another reason (on board)
    people = not human and any(
        h.start >= f.end and (ctx.words_between(f.end, h.start) == 0
                              or _CONSTRUCT_GAP.fullmatch(ctx.text, f.end, h.start))
        for h in ctx.people_hits)
    aboard = people and bool(ctx.story_group)
    # people in care now are the patients of the toll before them ("علما أن 27 <nationals> يمكثون في المستشفيات")
    cared = q == "other" and care_of(ctx, f) is not None
    # people said to have been where the event struck ("1500 متفرج كانوا موجودين في المسرح") are its people
    there = q == "other" and _present(ctx, f)
    # (an item of a list by nationality, "- <country>: 32", goes on about the people the list is of)
    if not event and (human or aboard or cared or there or item is not None) and ctx.previous_event:
        event = ctx.previous_event  # "وأضاف أن 70% ..." goes on about the figures before it
    if others is not None and others.event:
        event = others.event  # others of the same toll
    if not event:
        event = "other"
    if event == "attack" and running_total(ctx, f):
        # attacks summed since a date are a war (event_place.running_total); the sentences after it
        # go on about the attack that raised the total, not the war
        event, f.running = lex.event_for_type.get("war", "war"), True
    if human and event != "other" and lex.kind(f.quantity, event) == "cumulative" and one_day(ctx, f):
        # one named day's count of a running toll ("بعد مقتل 94 شخصا يوم أمس الأحد"): a window of its
        # own, not the running total (a one-time event's day is the event's: its toll)
        event, window = "other", True
    etype = lex.event_type.get(event, event)
    if window:
        # a window's count is still of the event its cues name: a day's injuries in an epidemic
        # are infections (أكثر من 1000 إصابة يومية)
        cued = event_cue(ctx, f, q) or ctx.previous_event
        etype = lex.event_type.get(cued, cued)
    for ev, q_from, becomes, unless in lex.by_event:
        # (`unless`: that quantity's verb in the sentence says who held them; not its noun, which may
        # count the other side of a swap: "تطلق سراح 21 طالبة بعد عملية مبادلتهن بأربع سجينات")
        if ev == etype and f.quantity == q_from and not (
                unless and any(h.label == unless and h.role == "trigger" for h in ctx.q_hits)):
            f.quantity = becomes  # an injury in an epidemic is an infection
    if by_side and lex.event_population.get(event):
        # a side phrase names where, not whom: the victims of an event with its own population
        # by a profile's convention are that population ("هجوم المسلحين ... انطلاقا من الإقليم")
        pop = None
    if pop is None and human:
        # the event's own population by a profile's convention, else the general toll: people
        # killed or wounded with no group named are everyone counted, also where no event is
        # named ("578 قتيلا و4201 مصاب في الأحداث"): an unknown event leaves whom it counts clear
        # (so many of each of several countries, "8 من كل من <country> و<country>", are of no one group)
        pop = lex.event_population.get(event) or _story_group(ctx, event, f.quantity) or (
            "unspecified" if OF_EACH_OF.match(ctx.text, f.end) else "all")
    if pop is None and aboard:
        pop = _story_group(ctx, event, f.quantity) or None
    if pop is None and q == "other":
        pop = in_care(ctx, f)
        if pop is not None and event == "other" and ctx.previous_event:
            event = ctx.previous_event  # the patients of the toll before it: its event
    # people counted for another reason with no group named ("205 أشخاص تلقوا رعاية"، "مئات
    # الأسر") are the story's people at large, as its general toll is; that says
    # nothing of where they are (below). Not the whole a part is taken from ("16 قاصرا من أصل 80
    # شخص"): everyone somewhere (aboard), whom the text does not name
    f.at_large = pop is None and people and f.m.unit == "count" and not out_of
    f.population = pop or ("all" if f.at_large else "unspecified")
    # the group may be named with the figure even when a subgroup is its population:
    # "إطلاق سراح 26 أسيرا أجنبيا من النساء"
    named = set(phrase_labels(ctx, f)) | {f.population}
    for p_from, q_from, becomes in lex.by_population:
        if p_from in named and f.quantity == q_from:
            # a profile's convention (rules/profiles/: one side's people set free are hostages):
            # the new quantity's event cues and default event may say more
            f.quantity = becomes
            event = (event_cue(ctx, f, becomes, clause_only=True, own=True) or event_cue(ctx, f, becomes, own=True)
                     or named_before(ctx, f, becomes) or lex.event_for_quantity.get(becomes) or event)
    f.event = event
    # people counted for another reason are somewhere too, when the text says who they are, and so are
    # people said to have been where the event struck, and everyone aboard the craft the event struck
    # ("وكانت العبارة تقل 448 راكبا"), not others at large (witnesses questioned, families who left);
    # and a part of people who were somewhere ("تقل 448 راكبا بينهم ... و14 أستاذا") was there too
    located = human or there or (f.whole is not None and bool(f.whole.place)) or (f.population != "unspecified" and (
        not f.at_large or lex.aboard_around(ctx.text[ctx.ss : f.start], ctx.text[f.end : ctx.se])))
    f.place = lex.event_place.get(event, place_of(ctx, f, event)) if located else ""
    f.modality = modality_of(ctx, f)


def _story_group(ctx: Context, event: str, quantity: str) -> str:
    """The article's story group, when the figure's event is one whose people it is and counts
    them for what they are counted for (populations.yaml `story_groups`): the migrants of a boat's
    wreck, not the dead of a wildfire an article about migrants names; the pupils a raid took,
    not the dead of another bombing an article about them names."""
    types = ctx.lex.story_group_events.get(ctx.story_group)
    counts = ctx.lex.story_group_quantities.get(ctx.story_group)
    if types and ctx.lex.event_type.get(event, event) not in types:
        return ""
    return ctx.story_group if not counts or quantity in counts else ""


def _said_again_population(ctx: Context, f: Fig) -> str | None:
    """The group of the same count said before in the article, when this one names none: "مقتل 131
    حاجا <nationals>" in the lead, then the official's words "ارتفعت إلى 131 شخصا" count the same
    nationals, not everyone. Only a nationality (a subgroup named once, "161 مدنيا", is often a
    share said again as the whole), and only an exact count of the same thing large enough not to
    be chance (a round "أكثر من 40" said of a nation's dead then of all the dead is not one figure)."""
    if f.m.unit != "count" or f.m.value < _SAID_AGAIN_MIN or f.m.hedge != "exact":
        return None
    again = ctx.said_before.get(f.m.value)
    if (again is None or again.quantity != f.quantity or again.m.hedge != "exact"
            or again.population not in ctx.lex.nationalities):
        return None
    return again.population


_PRESENT_REACH = 2  # words from the figure to its word of being there: its counted noun between


def _present(ctx: Context, f: Fig) -> bool:
    """A word of being there (rules/lexicon/quantities.yaml `present`) is the first quantity word after
    the figure but its counted noun, a word or two on in its clause: "حوالى 1500 متفرج كانوا موجودين"."""
    for h in ctx.q_hits:
        if h.start < f.end:
            continue
        if ctx.words_between(f.end, h.start) > _PRESENT_REACH or ctx.crosses_clause(f.end, h.start):
            return False
        if any(p.start == h.start and p.end == h.end for p in ctx.lex.present.find(ctx.text, h.start, h.end)):
            return True
        if h.role != "noun":
            return False  # another word of what befell them comes first
    return False


def _hurt_in_care(ctx: Context, f: Fig) -> bool:
    """A figure of the hurt (its counted noun a harm: "لا يزال أكثر من 100 مصاب يتلقون العلاج") said to
    be in care now: people the event hurt are never `patients`, wherever they are treated
    (docs/annotation.md, In hospital)."""
    own = counted_noun(ctx, f)
    return own is not None and own.label in HARMS and care_of(ctx, f, own.end) is not None


def in_care(ctx: Context, f: Fig) -> str | None:
    """The group of people counted for their care now (quantity.still_after): the wounded still in
    hospital ("92 مصابا لا يزالون في المستشفيات") are the toll's people, as are the others of them
    the sentence counts next ("بينما غادرها 63 آخرون")."""
    own = counted_noun(ctx, f)
    if own is not None and own.label in ctx.lex.human:
        return ctx.story_group or "all"
    if care_of(ctx, f) is not None:
        return ctx.story_group or "all"  # "هناك 107 منهم في المؤسسات الطبية": the toll's people in care
    before = [g for g in ctx.figs if g.end <= f.start and g.quantity == "other" and g.population != "unspecified"
              and not g.at_large]
    if before and others_after(ctx, f):
        return before[-1].population
    return None


def _list_previous(ctx: Context, f: Fig) -> Fig | None:
    """The figure before `f` in a list whose items count the same thing: after a ranking cue
    (يليهم 299 معتقلا), or joined by و with no noun or verb of its own (و271 من المدينة الثانية)."""
    i = next((k for k, g in enumerate(ctx.figs) if g is f), 0)
    if i == 0:
        return None
    prev = ctx.figs[i - 1]
    if prev.m.unit != f.m.unit or prev.quantity == "other" or f.whole is not None:
        return None
    if _FOLLOWS.search(ctx.text, ctx.clause_of(f.start)[0], f.start):
        return prev
    # (an item that names its own people after من is none: "أكثر من 20 من المصابين وثلاثة من القتلى"; one
    # whose noun says only that they were aboard is: "ضحايا الطائرة ... منهم 32 من <country> ... بالإضافة إلى
    # سبعة ركاب من <country>" are the dead)
    own = counted_noun(ctx, f)
    if ((own is None or (own.label == "other" and ctx.lex.aboard_around("", ctx.text[f.end : ctx.se])))
            and partitive_noun(ctx, f) is None and predicate_before(ctx, f) is None
            and _JOINED.fullmatch(ctx.text, prev.end, f.start)):
        return prev
    return None
