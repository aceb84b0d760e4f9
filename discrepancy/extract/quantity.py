"""Stage 2, quantity: the counted noun and the clause's predicate decide what a figure counts.

Needs: the sentence's `q_hits` (rules/lexicon/quantities.yaml: triggers, nouns,
generic words), the lexicon's `counted` (noun + verb → quantity) and `family`
tables, the dependency tree when the backend gives one (`nummod`/`nmod`).
Sets nothing itself: `quantity_for` returns (quantity, score) for `classify`,
which sets `Fig.quantity` and `Fig.quantity_score`.

Word scoring: the nearest trigger or counted noun by distance in words (a
clause boundary or another figure in between costs extra; a trigger beats a
noun at equal distance). With a tree, the tree's counted noun wins when the
lexicon gives it a meaning of its own (قتيلا، جريح); the scoring decides when it
has none (شخصا) or only a family's (رهينة).
"""

from __future__ import annotations

import re

from ..backends import AnnotatedDoc
from ..lexicon import Hit, Lexicon
from .context import UNDECIDED, Context, Fig

_ROLE_COST = {"trigger": 0.0, "noun": 1.5, "generic": 4.0}
_ITEM_WORDS = 8  # a list's line: a place or a group, the figure and its noun
_ITEMS = 30  # lines of a list that may lie between an item and its header
_LIVING_REACH = 8  # words from a figure of people living somewhere to where they live
_AFTER_REACH = 4  # words after a figure that can still be its counted noun or verb
_CARE_REACH = 3  # words from a counted noun to the word of care said of those it names
# a share that restates the count before it: "نزوح 1.9 مليون شخص ... ما يمثل أكثر من 80% من السكان"
_RESTATES = re.compile(r"(?:^|\s)(?:اي|أي|ما\s+يمثل|ما\s+يعادل|يمثلون|يشكلون|ما\s+نسبته|بنسبة|أو\s+ما\s+نسبته)\s*$")
# a word "وال..." starts a new conjunct, فيما/بينما/في حين a new clause: what follows is another figure's
_NEXT_CONJUNCT = re.compile(r"(?:^|\s)(?:وال\w|فيما\s|بينما\s|في\s+حين\s|في\s+الوقت\s+الذي\s)")


_GLUED_AND = re.compile(r"\s+و")
_TO_NEXT = re.compile(r"\s+(?:الي|إلى|حتى|حتي)\s+")  # folded: إلى → الي


def quantity_for(ctx: Context, f: Fig) -> tuple[str, float]:
    q, score = _quantity_for(ctx, f)
    if q in _ESCAPED_FROM and escaped(ctx, f):
        return "other", 0.0
    if q == "killed" and _victims_of_both(ctx, f):
        return "killed_or_wounded", score
    if q == "population":
        # where they live says more than that they live: "ويعيش 663869 آخرون حاليا في مخيمات"
        clause_end = ctx.clause_of(f.start)[1]
        where = next((h for h in ctx.q_hits if f.end <= h.start and h.end <= clause_end and h.role == "trigger"
                      and h.label in ctx.lex.living_where and ctx.words_between(f.end, h.start) <= _LIVING_REACH), None)
        if where is not None:
            return where.label, score
    return q, score


# what a word of fleeing is read as, or a hostage's word beside it, when those counted fled their captors
_ESCAPED_FROM = ("displaced", "hostages_taken", "hostages_held", "missing")
_ESCAPE_GAP = 5  # words from the figure to من before a word of fleeing after it: "57 من الفتيات المختطفات من الفرار"


def escaped(ctx: Context, f: Fig) -> bool:
    """The people a figure counts fled their captors (rules/lexicon/quantities.yaml `escape`): a word
    of fleeing in the figure's clause, right before it ("فرار 14 فتاة") or after it past من and a few
    words ("تمكنت 57 من الفرار"), in an article that names a hostage-taking before its sentence ends."""
    hostage = ("hostages_taken", "hostages_held")
    if not any(h.label in hostage for h in ctx.hits.within("quantities", 0, ctx.se)):
        return False  # tested first: the article's hits are read already, the clause would be matched for this
    a, b = ctx.clause_of(f.start)
    for w in ctx.lex.escape.find(ctx.text, a, b):
        if w.end <= f.start and ctx.words_between(w.end, f.start) <= 1:
            return True
        if w.start >= f.end and ctx.words_between(f.end, w.start) <= _ESCAPE_GAP and _FROM_BEFORE.search(ctx.text, f.end, w.start):
            return True
    return False


_FROM_BEFORE = re.compile(r"(?:^|\s)من\s*$")


def _quantity_for(ctx: Context, f: Fig) -> tuple[str, float]:
    share = _share_of(ctx, f)
    if share is not None:
        return share.label, 0.0
    harm = all_of(ctx, f)
    if harm is not None:
        return harm.label, 0.0
    group = _group_of(ctx, f)
    if group is not None and group.label in ctx.lex.human and care_of(ctx, f) is not None:
        # those of a toll who are still in care or left it are counted for where they are now, a
        # part of the toll that shrinks day by day, not the toll (docs/annotation.md, In hospital):
        # "107 من المصابين ...، لا يزالون يتلقون العلاج"، "3572 مصابا، مشيرا إلى خروج 466 من المصابين
        # من المستشفيات"
        return "other", 0.0
    best: Hit | None = None
    best_score = UNDECIDED
    scored: list[tuple[Hit, float]] = []
    own_word = any(h.start >= f.end and ctx.words_between(f.end, h.start) == 0 for h in ctx.q_hits)
    for h in ctx.q_hits:
        if f.m.unit == "percent" and h.label in ctx.lex.share_base and h.start >= f.end:
            continue  # "20 بالمئة من السكان نزحوا": the people a share is taken of, not what it counts
        if h.end <= f.start:
            if own_word and h.role == "noun" and any(e <= h.start and ctx.words_between(e, h.start) == 0 for _s, e in ctx.number_spans):
                continue  # another number's counted noun: "26 أسيرا إسبانيا و18 محتجزا"
            if (h.role == "noun" and _OR.fullmatch(ctx.text, h.end, f.start) and _person_next(ctx, f) is not None
                    and any(e <= h.start and ctx.words_between(e, h.start) == 0 for _s, e in ctx.number_spans)):
                continue  # the same people counted another way: "1732477 عائلة أو 8007200 شخص" are persons, not families
            gap = ctx.words_between(h.end, f.start)
            a, b = h.end, f.start
            if _GLUED_AND.fullmatch(ctx.text, h.end, f.start):
                gap += 6  # a new conjunct: "بين الوفيات و150 طفلا في عداد المفقودين"
            elif _SPEECH_GOES_ON.search(ctx.text, h.end, f.start):
                gap += 3  # what the speaker adds is a new clause: "الذين توفوا مضيفا أن 5 عمال ... في عداد المفقودين"
        elif h.start >= f.end:
            if any(f.end <= m.start and m.end <= h.start and getattr(m, "unit", "") == "count"
                   and ctx.words_between(m.end, h.start) == 0 and not _TO_NEXT.fullmatch(ctx.text, f.end, m.start)
                   for m in ctx.mentions):
                continue  # a later number's counted noun: "337 حالة و7 وفيات" (7 are the dead, not 337),
                # unless the two are a change's ends: "انخفض العدد من 388 إلى 385 مفقودا" (both are missing)
            gap = ctx.words_between(f.end, h.start)
            a, b = f.end, h.start
            if gap > _AFTER_REACH:
                if h.role != "trigger":
                    continue
                gap += 10  # a verb far after the figure: a last resort (... نزحوا)
            elif _NEXT_CONJUNCT.search(ctx.text, f.end, h.start) or (h.role == "trigger" and ctx.text[f.end : h.start].strip() == "و"):
                # past a new conjunct: "1895 شخصا والحالات المشتبه بإصابتها", "شفيت منها 57103 وتوفيت 3163"
                gap += 6
        else:
            continue
        score = gap + _ROLE_COST[h.role]
        if ctx.crosses_clause(a, b):
            # words after a figure past a comma belong to the next clause (2350، والجرحى إلى ...)
            score += 3 if h.end <= f.start else 12
        score += 3 * ctx.numbers_between(a, b)
        scored.append((h, score))
        if score < best_score:
            best, best_score = h, score
    if best is not None and _is_still(ctx, best):
        # "still" says nothing of what: any other word of the figure's clause says it ("عدد القتلى ...
        # لا يزال في حدود الأربعين"), and out of its clause it says nothing of the figure ("، دون أن
        # يعلق على التقارير التي أشارت إلى ارتفاع العدد إلى 62")
        a, b = ctx.clause_of(f.start)
        rest = [(h, sc) for h, sc in scored if not _is_still(ctx, h)]
        # (another family's place word counts too: "لا يزال هناك اكثر من 200 الف شخص في السجون" are
        # detained; the still's own family's word leaves it as it was: "ولا يزال 96 منهم رهائن")
        own_clause = [(h, sc) for h, sc in rest if a <= h.start < b and (h.role != "generic" or h.label != best.label)]
        if own_clause or not a <= best.start < b:
            best, best_score = min(own_clause or rest, key=lambda x: x[1], default=(None, UNDECIDED))
    tree = tree_noun_quantity(ctx, f)
    if tree:
        return tree, 0.0
    verb = predicate_before(ctx, f)
    own = counted_noun(ctx, f)
    if own is not None:
        state = still_after(ctx, own.end)
        if state is not None and state.label != own.label:
            return state.label, 0.0
        if own.label in ctx.lex.human and care_of(ctx, f, own.end) is not None:
            return "other", 0.0
        # the counted noun, unless a verb of its clause says what happened to those it
        # names: "أعدم 13 ألف سجين" (before), "12751 معتقلا قتلوا" (right after the noun)
        after = next((h for h in ctx.q_hits if h.start >= own.end), None)
        if after is not None and after.label != own.label and after.role == "trigger" and ctx.lex.breakdown_re(_NOUN_OF_THEM).fullmatch(
                ctx.text, own.end, after.start) and not ctx.text[own.end : after.start].isspace():
            return after.label, 0.0  # "30 ألف معتقل منهم قتلوا": the verb after منهم says what befell them
        # (past the group's word, a nationality: "1724 لاجئا <nisba> ما زالوا في سجون")
        gap_end = next((p.end for p in ctx.p_hits if after is not None and p.start == own.end + 1
                        and ctx.text[own.end].isspace() and p.end < after.start), own.end)
        if after is not None and _next_to(ctx.text, gap_end, after.start) and after.label != own.label:
            if after.role == "trigger" and ctx.text[gap_end : after.start].isspace() and not ctx.lex.breakdown_re(_OF_THEM).match(ctx.text, after.end):
                # a verb, not a noun joined by و (541 إصابة ووفاة), refined by what the noun already
                # says of them (rules/lexicon/quantities.yaml `counted`): "36 جثة تحت الأنقاض" are dead
                return _refined(ctx, own.label, after.label), 0.0
            for noun_q, chosen, becomes in ctx.lex.counted:  # 37 جثة للمختطفين: hostages dead
                # (not a "still" after the noun, no hostage's word: "ستة جثث لا تزال ملتصقة" are dead)
                if after.role == "generic" and after.label == noun_q and own.label == chosen and not _is_still(ctx, after):
                    return becomes, 0.0
        # the family whose people the noun's dead are among: "7 قتلى من بين المختطفين"، "37 قتيلا بين
        # المختطفين" are hostages dead
        family = _family_among(ctx, own)
        if family is not None:
            return family, 0.0
        # the clause's verb refines the counted noun: "الإفراج عن 136 معتقلا", "أفرجت السلطات
        # عن 78 أسيرا" are detainees set free
        # "قضى منذ بداية العام نحو ألفي معتقل": the clause's verb says what befell detainees
        refiner = (verb or clause_trigger_before(ctx, f) or clause_predicate(ctx, f, own.label)
                   or header_predicate(ctx, f, own.label))
        if refiner is not None:
            for noun_q, chosen, becomes in ctx.lex.counted:
                if own.label == noun_q and refiner.label == chosen:
                    return becomes, 0.0
        if verb is not None and own.start > f.end and not _next_to(ctx.text, f.end, own.start):
            return own.label, 0.0  # the group they are taken from, not the verb before: "اعتقال 31 شخصا من المفرج عنهم"
        return (verb or own).label, 0.0
    # the figure's own counted noun, when generic, refines the chosen word: جثث 3 رهائن،
    # الإفراج عن 105 رهائن (hostages set free)
    # "20 محتجزا أو أكثر لقوا حتفهم": the noun is inside the hedge's surface
    # and the generic word a partitive من takes them from: "مقتل 37 من المختطفين الأجانب" are hostages dead
    noun = next((h for h in ctx.q_hits if f.m.num_start <= h.start < f.end), None) or next(
        (h for h in ctx.q_hits if h.start >= f.end and ctx.words_between(f.end, h.start) == 0), None) or next(
        (h for h in ctx.q_hits if h.start >= f.end and h.role == "generic" and _after_partitive(ctx.text, f.end, h.start)), None)
    # (not a word that only says "still": "بينهم 36 ما يزالون يتلقون العلاج" are no hostages)
    generic = noun.label if noun is not None and noun.role == "generic" and not _is_still(ctx, noun) else ""
    if generic:
        # a noun in construct right before the number names what its family's people are:
        # "أطلقت سراح جثث ثمانية رهائن" are hostages dead, whatever was done with the bodies
        head = next((h for h in reversed(ctx.q_hits) if h.end <= f.start), None)
        if head is not None and head.role == "noun" and ctx.words_between(head.end, f.start) == 0 \
                and _refined(ctx, generic, head.label) != head.label:
            return _refined(ctx, generic, head.label), 0.0
    idiom = _split_idiom(ctx, f)
    if idiom is not None:
        return idiom.label, 0.0
    if verb is not None:
        return _refined(ctx, generic, verb.label), 0.0
    said = verb_after_people(ctx, f) or verb_after_group(ctx, f)
    if said is not None:
        return said.label, 0.0
    among = _among_whole(ctx, f)
    if among is not None:
        return among.label, 0.0
    if best is None:
        return "other", UNDECIDED
    if generic and _refined(ctx, generic, best.label) != best.label:
        return _refined(ctx, generic, best.label), best_score
    if best.role == "generic":
        # "أفرجت الجماعة ... عن 105 رهائن": the family's verb earlier in the clause decides
        family = ctx.lex.family.get(best.label)
        clause_start = ctx.clause_of(f.start)[0]
        for h in reversed(ctx.q_hits):
            if clause_start <= h.start and h.end <= f.start and h.role == "trigger" and family and (
                    ctx.lex.family.get(h.label) == family or _refined(ctx, best.label, h.label) != h.label):
                return _refined(ctx, best.label, h.label), best_score
        # or the clause's verb after the figure's own word, past an aside or the list's next item, when
        # the family's word makes something of it: "لقي 37 رهينة من بينهم <national> حتفهم"، "37 رهينة
        # <adjective> و29 من الخاطفين قتلوا" are hostages dead
        if best.start >= f.end and ctx.words_between(f.end, best.start) == 0 and not _is_still(ctx, best):
            clause_end = ctx.clause_of(f.start)[1]
            verb = next((h for h in ctx.q_hits if h.start >= best.end and h.role == "trigger"), None)
            # (a few words on, and not a relative clause's: "يحتجزون عشرة رهائن بعد الهجوم الأول الذي أدى
            # ... إلى تحرير" are still held)
            if (verb is not None and verb.end <= clause_end and ctx.words_between(best.end, verb.start) <= _AFTER_REACH + 1
                    and not _RELATIVE.search(ctx.text, best.end, verb.start)
                    and _refined(ctx, best.label, verb.label) != verb.label):
                return _refined(ctx, best.label, verb.label), best_score
    if best.end <= f.start and (family := _family_among(ctx, best)) is not None:
        return family, best_score  # "ارتفاع عدد القتلى بين المختطفين ... إلى 80 شخصا"
    if best.role == "noun" and best.end <= f.start and ctx.words_between(best.end, f.start) == 0:
        # the noun before a number word ("معتقل واحد") in a list's line: its header says what befell them
        header = header_predicate(ctx, f, best.label)
        if header is not None:
            return _refined(ctx, best.label, header.label), best_score
    return best.label, best_score


def all_of(ctx: Context, f: Fig) -> Hit | None:
    """The word of harm right before "all" (جميع، كل) whose number the figure gives right after a word of
    their number (rules/lexicon/quantities.yaml `all_of`): "مقتل جميع من كانوا على متنها وعددهم 157" counts
    the dead, not people aboard; no other number between."""
    words = ctx.lex.all_of
    if not words:
        return None
    number = [h for h in words["number"].find(ctx.text, ctx.ss, f.start) if ctx.words_between(h.end, f.start) == 0]
    every = number and words["everyone"].find(ctx.text, ctx.ss, number[-1].start)
    if not every or ctx.numbers_between(every[-1].end, f.start):
        return None
    harm = next((h for h in reversed(ctx.q_hits) if h.end <= every[-1].start), None)
    if harm is None or harm.role != "trigger" or harm.label not in ctx.lex.human or ctx.words_between(harm.end, every[-1].start) > 0:
        return None
    return harm


# what joins two counts of the same people said two ways ("... عائلة، أو ... شخص")
_OR = re.compile(r"\s*[،,]?\s*(?:أو|او)\s*")


def _person_next(ctx: Context, f: Fig) -> Hit | None:
    """The people word right after the figure (شخص، شخصا), if any: it counts persons."""
    return next((h for h in ctx.people_hits if h.start >= f.end and ctx.words_between(f.end, h.start) == 0), None)


# victims (ضحية، ضحايا) counted, then broken down (بينهم، منهم)
_VICTIMS = re.compile(r"(?:ضحيه|ضحايا)$")
_VICTIMS_TOLL = re.compile(r"(?<!\S)(?:حصيله|عدد)\s+(?:ال)?ضحايا(?!\S)")  # on folded text
_BREAKS_DOWN = r"\s*[،,]?\s*(?:من\s+)?(?:<among>|<of>)(?!\S)"  # Lexicon.breakdown_re


def _victims_of_both(ctx: Context, f: Fig) -> bool:
    """Victims whose breakdown names the dead and the wounded ("2960 ضحية بينهم ألفي قتيل ...
    و900 جريح") are both (docs/annotation.md: ضحايا covering both is killed_or_wounded)."""
    own = counted_noun(ctx, f)
    if own is None or not _VICTIMS.search(ctx.text, own.start, own.end):
        # or the victims' toll named before the figure, which counts persons: "حصيلة ضحايا الزلزال ...
        # ارتفعت إلى 15 ألف شخص، بينهم 5057 قتيل وأزيد من 10 آلاف جريح"
        person = _person_next(ctx, f)
        if person is None or not _VICTIMS_TOLL.search(ctx.text, ctx.ss, f.start):
            # or victims named before the figure in its sentence and broken down in brackets right
            # after it: "ان العدد الأخير من الضحايا هو 642» (358 قتيلا و228 جريحا)"
            victims = any(h.end <= f.start and _VICTIMS.search(ctx.text, h.start, h.end) and not ctx.numbers_between(h.end, f.start)
                          for h in ctx.q_hits)
            brackets = _BRACKETS_AFTER.match(ctx.text, f.end) if victims else None
            inside = [h.label for h in ctx.q_hits if brackets is not None and brackets.start(1) <= h.start < brackets.end(1)]
            return "killed" in inside and "wounded" in inside
        own = person
    m = ctx.lex.breakdown_re(_BREAKS_DOWN).match(ctx.text, own.end)
    if m is None:
        return False
    later = [h.label for h in ctx.q_hits if m.end() <= h.start < ctx.se]
    return "killed" in later and "wounded" in later


_BRACKETS_AFTER = re.compile(r"[\s»\"”']*\(([^()]{1,80})\)")  # what a figure is made of, in brackets after it


# a share's من and the article of the noun it is taken of ("53% من المتضررين")
_SHARE_OF = re.compile(r"\s*من\s+(?:ال)?")


def _share_of(ctx: Context, f: Fig) -> Hit | None:
    """The people a share is of, when they are counted by what befell them: "يعيش هناك 53% من
    المتضررين" is a share of the affected, whatever verb stands before it ("من السكان" is no such
    word: a share of the population says nothing of what; a verb after the noun in its clause
    says what befell the share: "20% من النازحين عادوا")."""
    m = _SHARE_OF.match(ctx.text, f.end) if f.m.unit == "percent" else None
    if m is None:
        return None
    noun = next((h for h in ctx.q_hits if h.role == "noun" and f.end < h.start <= m.end()
                 and h.end > m.end() and h.label not in ctx.lex.share_base), None)
    if noun is None:
        return None
    _a, b = ctx.clause_of(noun.start)
    if any(h.role == "trigger" and noun.end <= h.start < b for h in ctx.q_hits):
        return None
    return noun


# a group's count among a whole's ("15 طفلا بين 41 قتيلا"، "10 أطفال من بين 50 قتيلا")
_AMONG_WHOLE = re.compile(r"\s+[\u0621-\u064a]+[\u064b-\u0652]*\s+(?:من\s+)?بين\s+$")


def _among_whole(ctx: Context, f: Fig) -> Hit | None:
    """The counted noun of the whole a figure is said to be among ("15 طفلا بين 41 قتيلا"): the part
    counts what the whole counts (docs/annotation.md: a part's quantity is the whole's)."""
    whole = next((m for m in ctx.mentions if m.start > f.end and _AMONG_WHOLE.fullmatch(ctx.text, f.end, m.start)), None)
    if whole is None:
        return None
    return next((h for h in ctx.q_hits if h.start >= whole.end and h.role == "noun"
                 and ctx.words_between(whole.end, h.start) == 0), None)


def _is_still(ctx: Context, h: Hit) -> bool:
    """A generic word that is only "still" (لا يزال، ما زالوا), not a family's noun (رهينة)."""
    return h.role == "generic" and _STILL.fullmatch(" " + ctx.text[h.start : h.end]) is not None


def _refined(ctx: Context, noun_q: str, q: str) -> str:
    """What `q` becomes when the counted noun is a family's generic word (rules/lexicon/quantities.yaml
    `counted`): a release of hostages (رهائن) is hostages_released."""
    for noun, chosen, becomes in ctx.lex.counted:
        if noun == noun_q and chosen == q:
            return becomes
    return q


def counted_noun(ctx: Context, f: Fig) -> Hit | None:
    """The noun the number counts (its تمييز, right after it: 329 جريحا، 1305 حالة وفاة،
    332 شهيدا وجريحا، or the group a people word is taken from: 31 شخصا من المفرج عنهم)
    when the lexicon gives it a meaning of its own: it decides first."""
    if f.m.unit != "count":
        return None
    inside = next((h for h in ctx.q_hits if f.m.num_start <= h.start < f.end), None)
    if inside is not None:  # "20 محتجزا أو أكثر": the noun is inside the hedge's surface
        return inside if inside.role != "generic" else None
    for h in ctx.q_hits:
        if f.m.num_start <= h.start and h.end <= f.end and h.role != "generic":
            return h  # inside the surface: a hedge after it (14 جثة على الأقل), a dual noun (جثتين)
        if h.start >= f.end:
            if h.role == "trigger" and ctx.text[f.end : h.start].strip() == "و":
                return None  # a verb joined by و is the next clause's: "57103 وتوفيت 3163"
            if h.role == "generic":
                return None
            if _next_to(ctx.text, f.end, h.start):
                return h
            people = next((p for p in ctx.people_hits if p.start >= f.end), None)
            if (people is not None and _next_to(ctx.text, f.end, people.start) and people.end <= h.start
                    and _PARTITIVE.fullmatch(ctx.text, people.end, h.start)):
                return h  # 31 شخصا من المفرج عنهم
            return None
    return None


def clause_predicate(ctx: Context, f: Fig, noun_q: str) -> Hit | None:
    """The nearest trigger before the figure in its clause, with no other count between,
    when the lexicon's `counted` table says what it makes of a `noun_q` noun."""
    clause_start = ctx.clause_of(f.start)[0]
    for h in reversed(ctx.q_hits):
        if h.end > f.start:
            continue
        if h.start < clause_start:
            return None
        if any(h.end <= m.start and m.end <= f.start and getattr(m, "unit", "") == "count" for m in ctx.mentions):
            return None
        if h.role == "trigger":
            return h if any(n == noun_q and q == h.label for n, q, _b in ctx.lex.counted) else None
    return None


def header_predicate(ctx: Context, f: Fig, noun_q: str) -> Hit | None:
    """The trigger of the header a list's line is under, when the lexicon's `counted` table says
    what it makes of a `noun_q` noun: "توزع المفرج عنهم ... كان على الشكل الآتي:" then
    "محافظة <name> 6 معتقلين." (detainees set free). Only short lines, each a list's item, may lie
    between the figure's line and a header line ending with a colon."""
    text = ctx.text
    start = text.rfind("\n", 0, f.start) + 1
    end = text.find("\n", f.end)
    if ctx.words_between(start, len(text) if end < 0 else end) > _ITEM_WORDS:
        return None
    for _ in range(_ITEMS):
        if start <= 0:
            return None
        above = text.rfind("\n", 0, start - 1) + 1
        line = text[above : start - 1].strip()
        if line.endswith(":"):
            for h in reversed(ctx.lex.quantities.find(text, above, start - 1)):
                if h.role == "trigger":
                    return h if any(n == noun_q and q == h.label for n, q, _b in ctx.lex.counted) else None
            return None
        if not line or ctx.words_between(above, start - 1) > _ITEM_WORDS:
            return None
        start = above
    return None


def restated(ctx: Context, f: Fig) -> Fig | None:
    """The count a share restates ("1.7 مليون شخص، أي أكثر من 75 % من السكان"): the figure
    right before it in the sentence, when a word of restating ends the words between."""
    if f.m.unit != "percent":
        return None
    before = [g for g in ctx.figs if g.end <= f.start and g.m.unit == "count"]
    if not before:
        return None
    g = before[-1]
    between = ctx.text[g.end : f.start].rstrip(" ،,")
    if ctx.numbers_between(g.end, f.start) or ctx.words_between(g.end, f.start) > 12:
        return None
    return g if _RESTATES.search(between) else None


def _split_idiom(ctx: Context, f: Fig) -> Hit | None:
    """A phrase of the lexicon whose verb comes right before the figure and whose object right
    after its people: the figure is its subject ("وفقد 12 شخصا حياتهم" is فقد حياتهم, lost their
    lives: the dead, where فقد alone is the missing; docs/annotation.md, Idioms)."""
    before = _WORD_BEFORE.search(ctx.text, max(0, f.start - 30), f.start)
    words = [h for h in ctx.people_hits + ctx.p_hits if h.start >= f.end and _next_to(ctx.text, f.end, h.start)]
    after = _WORD_AFTER.match(ctx.text, max((h.end for h in words), default=f.end))
    if before is None or after is None or not words:
        return None
    if after.group(1)[0] in "وف":
        return None  # a new conjunct, not the verb's object: "مقتل 5 أشخاص وإصابة 20"
    phrase = f"{before.group(1)} {after.group(1)}"
    return next((h for h in ctx.lex.quantities.find(phrase) if h.start == 0 and h.end == len(phrase)), None)


# the word right before a figure and the one after its people, without و/ف (folded text)
_WORD_BEFORE = re.compile(r"(?<!\S)[وف]?([\u0621-\u064a]{3,})\s+$")
_WORD_AFTER = re.compile(r"\s+([\u0621-\u064a]{3,})(?![\u0621-\u064a])")


def verb_after_people(ctx: Context, f: Fig) -> Hit | None:
    """A trigger right after the figure's people word or group: "130 شخصا ما زالوا محتجزين",
    "3.4 مليون فتاه وصبي لا يزالون بحاجة إلى الدعم" (the relative clause says what befell
    them or what they need; "still" before it says nothing of what)."""
    words = [h for h in ctx.people_hits + ctx.p_hits if h.start >= f.end and _next_to(ctx.text, f.end, h.start)]
    if not words:
        return None
    end = max(h.end for h in words)  # the longest phrase: "فتاه وصبي", not "فتاه"
    still = _STILL.match(ctx.text, end)
    for at in (end, still.end() if still else None):
        after = next((h for h in ctx.q_hits if at is not None and h.start >= at), None)
        if after is not None and after.role == "trigger" and ctx.text[at : after.start].isspace():
            return after
    return None


def still_after(ctx: Context, end: int) -> Hit | None:
    """What those a counted noun names still are, said right after it or past a part set aside
    (بينهم ...): "80 مصابا، بينهم ستة أطفال، ما زالوا يتلقون العلاج"، "92 مصابا لا يزالون في
    المستشفيات" are counted in care now (`other`), not the wounded toll. Only a trigger after "still"
    (لا يزال، ما زالوا) or one that starts with it (rules/lexicon/quantities.yaml)."""
    aside = ctx.lex.breakdown_re(_ASIDE).match(ctx.text, end)
    for at in (end, aside.end() if aside else None):
        if at is None:
            continue
        at = _GAP.match(ctx.text, at).end()
        still = _STILL.match(ctx.text, at - 1) if at > 0 and ctx.text[at - 1].isspace() else None
        after = next((h for h in ctx.q_hits if h.start >= at and h.role == "trigger"), None)
        if after is None:
            continue
        if after.start == at and _STILL.match(" " + ctx.text[after.start : after.end]):
            return after  # the trigger holds "still": "لا يزالون في المستشفيات"
        if still is not None and ctx.text[still.end() : after.start].isspace():
            return after  # "ما زالوا" then the trigger: "يتلقون العلاج"
    return None


def care_of(ctx: Context, f: Fig, end: int | None = None) -> Hit | None:
    """A word of care (rules/lexicon/quantities.yaml `in_care`) said of those a figure counts: the
    last verb before the figure in its clause ("يتلقى الرعاية الطبية حاليا 12 مصابا") or the first
    word after its counted noun (`end`, else the figure's end) in its clause, a few words on ("80
    ضحية للهجوم يتلقون العلاج في مستشفيات"، "27 <nationals> يمكثون في المستشفيات"): the wounded in
    hospital now are counted for where they are, `other`, not the toll (docs/annotation.md, In hospital). The verb before
    only with a counted noun: a bare number after one may be a whole it is taken from ("وخمسة
    آخرين كانوا منومين بالمستشفى من أصل 61 حاجا تائها")."""
    group = _group_of(ctx, f)
    if end is None and group is not None:
        end = group.end  # "خروج 466 من المصابين من المستشفيات": those of the group it is taken from
    if end is not None:
        before = clause_trigger_before(ctx, f)
        if before is not None and _is_care(ctx, before):
            return before
    end = f.end if end is None else end
    after = next((h for h in ctx.q_hits if h.start >= end), None)
    still = after is not None and _is_still(ctx, after)
    if still:  # "still" says nothing of what: the word after it does ("لا يزالون يتلقون العلاج")
        after = next((h for h in ctx.q_hits if h.start >= after.end), None)
    if after is None or not _is_care(ctx, after) or ctx.numbers_between(end, after.start):
        return None
    if ctx.words_between(end, after.start) <= _CARE_REACH and not ctx.crosses_clause(end, after.start):
        return after
    # "still" goes on about the figure's people past what is said of them, when no other word of
    # harm and no new conjunct comes between: "107 من المصابين في الهجوم الذي استهدف ... مساء أمس
    # الجمعة، لا يزالون يتلقون العلاج في المستشفيات"
    still = still or _STILL.match(" " + ctx.text[after.start : after.end]) is not None
    if not still or _NEXT_CONJUNCT.search(ctx.text, end, after.start):
        return None
    return after


def _is_care(ctx: Context, h: Hit) -> bool:
    return any(c.start == h.start and c.end == h.end for c in ctx.lex.in_care.find(ctx.text, h.start, h.end))


def _group_of(ctx: Context, f: Fig) -> Hit | None:
    """The counted noun of the group a count is taken from: "40 من مصابي كورونا"، "466 من المصابين"."""
    of = _PARTITIVE.match(ctx.text, f.end)
    if f.m.unit != "count" or of is None:
        return None
    group = next((h for h in ctx.q_hits if h.start >= f.end), None)
    if group is None or not _next_to(ctx.text, of.end(), group.start) or group.role != "noun":
        return None
    return group


def verb_after_group(ctx: Context, f: Fig) -> Hit | None:
    """A trigger right after the group a count is taken from: "40 من مصابي كورونا خرجوا من
    مستشفيات العزل" (the verb says what befell those of the group it counts)."""
    group = _group_of(ctx, f)
    if group is None:
        return None
    after = next((h for h in ctx.q_hits if h.start >= group.end), None)
    if (after is None or after.role != "trigger" or after.label == group.label
            or ctx.words_between(group.end, after.start) > 1 or ctx.crosses_clause(group.end, after.start)):
        return None
    return after


def predicate_before(ctx: Context, f: Fig) -> Hit | None:
    """A trigger right before the figure in its clause (أعدم 13 ألف، مقتل 632) that is not
    itself the counted noun of an earlier number (632 وفاة و329 جريحا)."""
    h = next((h for h in reversed(ctx.q_hits) if h.end <= f.start), None)
    if h is None or h.role != "trigger" or ctx.words_between(h.end, f.start) != 0 or ctx.crosses_clause(h.end, f.start):
        return None
    if any(e <= h.start and ctx.words_between(e, h.start) == 0 for _s, e in ctx.number_spans):
        return None
    return h


def clause_trigger_before(ctx: Context, f: Fig) -> Hit | None:
    """The last trigger before the figure in its own clause, with no other figure in between."""
    clause_start = ctx.clause_of(f.start)[0]
    for h in reversed(ctx.q_hits):
        if h.end <= f.start and h.start >= clause_start and h.role == "trigger":
            # another figure in between has its own verb; a date does not ("أفرج يوم الخميس 5 أيار عن 72معتقل")
            return None if any(h.end <= g.start and g.end <= f.start for g in ctx.figs) else h
    return None


def tree_noun_quantity(ctx: Context, f: Fig) -> str | None:
    """With a parse: the lexicon meaning of the number's counted noun."""
    doc = ctx.doc
    if not doc.has_tree:
        return None
    for noun in _counted_nouns(doc, f, ctx.lex):
        for h in ctx.q_hits:
            # a generic word (رهينة) names only the family: the scoring decides then
            if h.start <= noun < h.end and h.role != "generic":
                return h.label
    return None


def _counted_nouns(doc: AnnotatedDoc, f: Fig, lex: Lexicon) -> list[int]:
    """Normalized offsets of the nouns a number counts in the dependency tree (the `counted`
    patterns of rules/lexicon/trees.yaml, spaCy's DependencyMatcher)."""
    norm = doc.normalized
    toks = doc.tokens
    out = []
    for number, noun in lex.trees.pairs(doc.doc, "counted"):
        i, j = doc.token_index(number), doc.token_index(noun)
        if i is not None and j is not None and f.m.num_start <= norm.index(toks[i].start) < f.end:
            out.append(norm.index(toks[j].start))
    return out


# "57309 إصابة شفيت منها 57103": the verb says what happened to a part, the next figure
_OF_THEM = r"\s*(?:<of_things>|<of>)(?![\u0621-\u064a])"  # Lexicon.breakdown_re
_NOUN_OF_THEM = r"\s+(?:<of>)\s+"  # 30 ألف معتقل منهم قتلوا
_PARTITIVE = re.compile(r"\s+(?:من|من\s+بين)\s+")  # 31 شخصا من المفرج عنهم
# a speaker's next statement (on folded text): "مضيفا أن"، "وأشار إلى أن"
_SPEECH_GOES_ON = re.compile(r"(?<!\S)(?:مضيفا|مشيرا|موضحا|واضاف|واشار|واوضح)\s+(?:الي\s+)?ان(?!\S)")
_RELATIVE = re.compile(r"(?<!\S)(?:الذي|التي|الذين|اللذين|اللتين)(?!\S)")
_AMONG = re.compile(r"\s+(?:من\s+)?بين\s+")  # 7 قتلى من بين المختطفين (on folded text)
_STILL = re.compile(r"\s+(?:لا|ما)\s+(?:يزال|يزالون|تزال|زال|زالوا|زالت)(?![\u0621-\u064a])")  # still: no predicate
# a part set aside between a noun and what "still" befalls the whole: "، بينهم ستة أطفال،"
_ASIDE = r"[\s،,]*(?:<among>|<of>|من\s+(?:<among>))\s+[^،,.:\n]{1,40}?(?=[\s،,]+(?:لا|ما)\s)"  # Lexicon.breakdown_re
_GAP = re.compile(r"[\s،,]*")
_CLITICS_ONLY = re.compile(r"\s*(?:وبال|وال|بال|فال|لل|ال|و|ف|ب|ل|ك)?")


def _family_among(ctx: Context, word: Hit) -> str | None:
    """What `word`'s people are when a family's generic word names whom they are among (rules/lexicon/
    quantities.yaml `counted`): "7 قتلى من بين المختطفين"، "37 قتيلا بين المختطفين" are hostages dead."""
    among = _AMONG.match(ctx.text, word.end)
    family = among and next((h for h in ctx.q_hits if h.start >= among.end() and h.role == "generic"
                             and _next_to(ctx.text, among.end(), h.start) and not _is_still(ctx, h)), None)
    if family is None or _refined(ctx, family.label, word.label) == word.label:
        return None
    return _refined(ctx, family.label, word.label)


def partitive_noun(ctx: Context, f: Fig) -> Hit | None:
    """The word of what befell them that a partitive من takes the figure's people from, right after
    it ("وثلاثة من القتلى"، "37 من المختطفين"): the figure names its own people."""
    return next((h for h in ctx.q_hits if h.start >= f.end and _after_partitive(ctx.text, f.end, h.start)), None)


def _after_partitive(text: str, a: int, b: int) -> bool:
    """A partitive من (or من بين) and nothing but a proclitic between a and b (37 من المختطفين)."""
    of = _PARTITIVE.match(text, a)
    return of is not None and of.end() <= b and _next_to(text, of.end(), b)


def _next_to(text: str, a: int, b: int) -> bool:
    """Nothing but space and a proclitic between a and b (جثة للمختطفين، 329 جريحا)."""
    return _CLITICS_ONLY.fullmatch(text, a, b) is not None
