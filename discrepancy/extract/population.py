"""Stage 4, population: whom a figure counts.

Needs: the sentence's `p_hits` (rules/lexicon population terms), `side_hits`,
`src_hits`/`head_hits` (a group inside a source's name is no population),
the lexicon's `combine` and `nationalities`, the figure's end and unit.
Sets nothing itself: `classify` sets `Fig.population` from, in order, the
phrase after the figure, a subgroup before it in its clause (winning over a
nationality in the phrase), a nationality a count word names before it, its
whole's, the one group of the sentence, a side, then the event's or story's
defaults.
"""

from __future__ import annotations

import re

from ..normalize import SPACED_WORD, fold
from .context import HARMS, WORDS, Context, Fig

# "most of them" (on folded text)
_MOST = "معظمهم|غالبيتهم|اغلبهم|اكثرهم|معظمها|غالبيتها"
# words that end a figure's own phrase: what follows is about a part (بينهم أجنبي واحد) or a share
_STOP_WORDS = rf"(?:{_MOST}|جميعهم|(?<!\S)(?:<among>|<of>)(?!\S))"  # Lexicon.breakdown_re
# a group named in a breakdown ("1119 قتيلا، بينهم أطفال ونساء") is the figure's part, not the sentence's
# after the figure, what the people are said or suspected to be, or what they are of ("70 % منهم من
# الأطفال والنساء"), after a breakdown word too (Lexicon.breakdown_re); a breakdown word before a noun
# opens a part ("العشرات من بينهم مواطن <nationality>")
_SAID_TO_BE = (r"\s*(?:(?:(?:<of>|<among>|من\s+(?:<among>))\s+)?(?:يشتبه|المشتبه)\s+(?:في\s+)?ب?انهم\s+"
               r"|(?:<of>|<among>|من\s+(?:<among>))\s+(?=(?:هم\s+)?من\s))?"
               r"(?:(?:هم\s+)?من\s+)?")
_IN_BREAKDOWN = r"(?:<among>|<of>)\s+(?:\S+\s+)?و?$"
_COUNT_OF = re.compile(r"(?<!\S)[وب]?(?:ال)?عدد\s+(?:ال)?$")  # "عدد الأطفال"، "وعدد القتلى" (folded)
_RIGHT_AFTER = re.compile(r"\s+(?:و?من\s+)?(?:ال)?")  # between a figure and the group it counts: "8 من العاملين"
_BREAKDOWN_WORD = r"(?<!\S)(?:<of>|<among>)(?!\S)"
_BREAKDOWN_FIRST = r"\s*(?:<of>|<among>|من\s+(?:<among>))(?!\S)"
# a group named as the most of a figure ("ألفي قتيل غالبيتهم نساء وأطفال، و900 جريح") says who
# that figure's people mostly were: no group the sentence's next figure counts
_MOST_OF_THEM = re.compile(rf"(?:{_MOST}|اغلبها)\s+(?:من\s+)?(?:\S+\s+)?و?(?:ال)?$")


# a group named before a figure as what is counted: "من الأطفال"، "عدد المدنيين"، "حصيلة الجرحى الأطفال"،
# "في صفوف الجنود" (the words before the group's term; the term itself may carry ال, or its hit
# start after an ال it was matched through: "عدد المدنيين" with مدنيين listed)
_OF_GROUP = re.compile(r"(?:(?:^|\s)و?من\s+|(?:^|[\s\"«“])(?:عدد|حصيله|اعداد|مجمل\s+عدد|اجمالي\s+عدد|صفوف|"
                       r"القتلى|الشهداء|الجرحى|المصابين|الضحايا|الوفيات)\s+)(?:ال)?$")


def population_phrase(ctx: Context, f: Fig) -> str | None:
    """Population named right after the figure: 2913 طفلا، 34 من الطواقم الطبية."""
    who = said_to_be(ctx, f)
    if who is not None:
        return who
    labels = phrase_labels(ctx, f) or _labels_of_pair(ctx, f)
    if not labels:
        return None
    # a dual noun is its own figure and names its own group: the nationalities after it ("و<nationality>ان و<nationality>
    # و<nationality>") are the next items of a list, not several nationalities of its people
    own = [h.label for h in ctx.p_hits if f.m.num_start <= h.start < f.end and h.label in labels]
    if own and all(label in ctx.lex.nationalities for label in labels):
        # (a group named with it still wins: "شهيدان من المسنين"); one person of two nationalities
        # ("و<national>ية-<national>ية" in a list) is of neither, a foreigner (docs/annotation.md, several numbers)
        if len(set(own)) == 1 or "foreigners" not in ctx.lex.by_nationality:
            return own[0]
        return "foreigners"
    subgroups = [x for x in labels if x not in ctx.lex.nationalities]
    if subgroups and set(subgroups) <= ctx.lex.cross_groups and _with_people(ctx, f):
        return None  # "750 رجلا وامرأة وطفل": men, women and children are everyone
    for parts, becomes in ctx.lex.combine:
        if parts <= set(labels):
            return becomes
    if len(labels) > 1 and set(subgroups) <= ctx.lex.by_nationality and _joined_nationalities(ctx, f, bool(subgroups)):
        # people of several nationalities ("50 ألف إسباني وبرتغالي"، "شخصا من إسبان وأجانب") are of none of them;
        # counted besides a side of the story named in the sentence ("سراح 26 <side> ...، إضافة إلى
        # 14 <nationality>اً و<nationality>اً"), and none a side themselves, they are the foreigners caught in it
        return "foreigners" if _foreign_to_sides(ctx, f, labels) else None
    return (subgroups or labels)[0]


# between the two figures of a pair: the first one's counted noun (one or two words), then و
_PAIR = re.compile(r"\s*(?P<noun>[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+)?)\s*[،,]?\s*و\s*")


def _labels_of_pair(ctx: Context, f: Fig) -> list[str]:
    """The groups named after the second figure of a pair "N قتيلا وM مصابا <group>", past its own
    counted noun, when the first names only its counted noun: said of both ("12 قتيلا و15 مصابا في صفوف
    العسكريين"، "1204 حالة وفاة و416 إصابة بين العاملين الصحيين والمرضى"); not a group that is the
    second's counted noun itself ("300 قتيل و15 طفلا")."""
    nxt = next((g for g in ctx.figs if g.start >= f.end), None)
    if nxt is None or nxt.m.unit != f.m.unit:
        return []
    m = _PAIR.fullmatch(ctx.text, f.end, nxt.start)
    nouns = ctx.people_hits + ctx.q_hits
    if m is None or not all(any(n.start < w.end() and w.start() < n.end for n in nouns)
                            for w in WORDS.finditer(ctx.text, m.start("noun"), m.end("noun"))):
        return []
    own = next((q for q in ctx.q_hits if q.start >= nxt.end and ctx.words_between(nxt.end, q.start) == 0), None)
    if own is None or any(own.end > h.start for h in ctx.p_hits if nxt.end <= h.start):
        return []
    return phrase_labels(ctx, nxt)


# what the figure's people are said to be, a few words on in its clause: "34 من المتظاهرين الذين قتلوا
# هم من النساء"، "50 شخصا من إجمالي 328 قتيلا هم مراهقون دون سن 18" (on folded text)
_THEY_ARE = re.compile(r"(?<!\S)(?:هم|هن)\s+(?:من\s+)?")
_RECALLED = re.compile(r"[\u0621-\u064a]{2,}\s+ال\W?$")  # "القتلى الـ13": a number with the article after a noun (folded)
_SAID_REACH = 8  # words from the figure to its هم


def said_to_be(ctx: Context, f: Fig) -> str | None:
    """The group named right after هم (they are) later in the figure's clause, with no other figure
    between: it says who the figure's people are, over the group they were taken from (protesters
    who are women are women). Not after "most" (معظم ... هم من: most of them, not all)."""
    a, end = ctx.clause_of(f.end)
    # (a number with the article after its noun recalls the whole the figure is taken from, it counts
    # no one else: "10 من القتلى الـ13 هم من <group>")
    stop = next((s for s, _e in ctx.number_spans if s > f.end and not _RECALLED.search(ctx.text, max(0, s - 12), s)), end)
    m = _THEY_ARE.search(ctx.text, f.end, min(end, stop))
    if m is None or ctx.words_between(f.end, m.start()) > _SAID_REACH:
        return None
    if _MOST_BEFORE.search(ctx.text, a, f.start):
        return None
    group = next((h for h in ctx.p_hits if h.start >= m.end() and ctx.words_between(m.end(), h.start) <= 1
                  and h.end <= min(end, stop)), None)
    if group is None:
        return None
    labels = {group.label}
    for h in ctx.p_hits:  # groups joined to it by و: "هم نساء وأطفال" (populations.yaml `combine`)
        if h.start > group.start and h.end <= min(end, stop) and re.fullmatch(r"\s*و\s*(?:ال)?", ctx.text[group.end : h.start]):
            labels.add(h.label)
            group = h
    return next((becomes for parts, becomes in ctx.lex.combine if parts <= labels), None) or (
        labels.pop() if len(labels) == 1 else None)


_MOST_BEFORE = re.compile(rf"(?<!\S)[وف]?(?:{_MOST}|معظم|غالبية|اغلب)(?!\S)")


def _foreign_to_sides(ctx: Context, f: Fig, labels: list[str]) -> bool:
    """Another figure of the sentence counts a story profile's side (a nationality), and none of
    `labels` is one (not a side named as an adjective: "الغارات <side adjective>")."""
    sides = {label for label, _role in ctx.lex.sides.labels.values()}
    return ("foreigners" in ctx.lex.by_nationality and bool(sides) and not sides & set(labels)
            and any(g is not f and ctx.ss <= g.start < ctx.se and sides & set(phrase_labels(ctx, g))
                    for g in ctx.figs))


def _with_people(ctx: Context, f: Fig) -> bool:
    """A people word right after the figure joined by و to a group by age or sex:
    "رجلا وامرأة وطفل"، "ثلاثة رجال وامرأة"; or ending a list of such groups right after the
    figure: "568 من النساء والأطفال والرجال"."""
    word = next((p for p in ctx.people_hits if p.start >= f.end), None)
    if word is None or any(h.start < word.end and word.start < h.end for h in ctx.p_hits):
        return False  # no people word, or one that names a group itself ("500 طفل وامرأة")
    if not ctx.words_between(f.end, word.start):
        return any(h.label in ctx.lex.cross_groups and re.fullmatch(r"\s*و", ctx.text[word.end : h.start])
                   for h in ctx.p_hits if h.start >= word.end)
    # (a list of groups: "53 امرأة وفتاة" are women, the young ones too)
    groups = [h for h in ctx.p_hits if f.end <= h.start < word.start]
    return len(groups) > 1 and ctx.words_between(f.end, groups[0].start) <= 1 and all(
        h.label in ctx.lex.cross_groups and re.fullmatch(r"\s*و(?:ال)?", ctx.text[h.end : nxt])
        for h, nxt in zip(groups, [g.start for g in groups[1:]] + [word.start], strict=True))


def _joined_nationalities(ctx: Context, f: Fig, group: bool) -> bool:
    """Two nationalities joined by و in the figure's phrase: "50 ألف إسباني وبرتغالي" (not
    "5 إسبان برصاص برتغالي": the second names someone else); with a group named by nationality,
    only as what the people are made of ("شخصا من إسبان وأجانب", not "4 أجانب وإسباني": four
    foreigners and one more), or as the adjectives of the counted noun before them ("25 رهينة
    <nationals> وأجانب")."""
    nat = [h for h in ctx.p_hits if (h.label in ctx.lex.nationalities or h.label in ctx.lex.by_nationality)
           and f.end <= h.start < ctx.se and ctx.words_between(f.end, h.start) <= 4]
    if len(nat) > 1 and _one_person(ctx, nat[1]) and not _one_person(ctx, nat[0]):
        return False  # "ثلاثة <nationals> و<national> و<national>": three of the first, then one person of each
    # (the second's article may lie outside its hit: "الأجانب وال<nationals>")
    return any(a.label != b.label and re.fullmatch(r"\s*و?(?:ال)?\s*", ctx.text[a.end : b.start])
               and (not group or ctx.words_between(f.end, a.start) > 0
                    or re.search(r"(?:^|\s)من\s+(?:ال)?$", ctx.text[max(f.end, a.start - 8) : a.start]))
               for a, b in zip(nat, nat[1:], strict=False))


def _one_person(ctx: Context, h) -> bool:
    """A nationality's word in the singular of one person (<national>ي: its bare form, not the
    accusative of a count, <nationality>ا, nor a plural, <nationality>ين)."""
    return fold(ctx.text[h.start : h.end]).removeprefix("و").removeprefix("ال").endswith("ي")


def phrase_labels(ctx: Context, f: Fig) -> list[str]:
    """Every group and nationality named in the figure's own phrase, in order
    (150 أسيرا إسبانيا من النساء: spanish, women)."""
    t = ctx.text
    pos = f.end
    # what the people are said or suspected to be is whom the figure counts: "أربعة يشتبه في أنهم مسلحون"
    m = ctx.lex.breakdown_re(_SAID_TO_BE).match(t[pos : ctx.se])
    # but a figure whose surface holds its counted noun before a trailing hedge ("83 شخصا على الأقل
    # بينهم أطفال") is broken down by the word after it: the group there is a part, not the figure's
    counted_inside = any(f.start < h.start and h.end <= f.end for h in ctx.people_hits + ctx.q_hits)
    if m and not (counted_inside and ctx.lex.breakdown_re(_BREAKDOWN_FIRST).match(t[pos : ctx.se])):
        pos += m.end()
    stop = ctx.se
    clause_end = ctx.clause_of(pos)[1]
    stop = min(stop, clause_end)
    for s, _e in ctx.number_spans:
        if s > f.end:
            stop = min(stop, s)
            break
    every = list(WORDS.finditer(t, pos, stop))
    n = 6 if f.m.unit == "percent" else 3  # 70% من الضحايا هم من الأطفال
    if len(every) > 1 and any(h.start == every[0].start() and h.role != "generic" for h in ctx.q_hits) and any(
            every[1].start() <= h.start < every[1].end() for h in ctx.p_hits):
        n += 1  # a counted noun and its nationality: "150 أسيرا إسبانيا من النساء"
    elif every:
        # a counted noun of several words, then whom it counts: "عشرات القتلى والجرحى من المدنيين"
        noun = next((h for h in ctx.q_hits if h.start == every[0].start() and h.role != "generic"), None)
        if noun is not None:
            n += sum(1 for w in every[1:] if w.end() <= noun.end)
    of_nat = _OF_NATIONALITY.match(t, pos)
    if of_nat:
        n = max(n, len(t[pos : of_nat.end()].split()) + 1)  # "40 شخصا من جنسية <adjective>": the nationality after it
    ranks = _IN_RANKS.match(t, pos)
    if ranks:
        n = max(n, len(t[pos : ranks.end()].split()) + 2)  # "50 قتيلا في صفوف القوات المهاجمة": whose ranks, two words
    words = every[:n]
    # a group's term the window cuts goes on to its end: "بين العاملين الصحيين والمرضى"
    while words and len(words) < len(every) and any(
            h.start < words[-1].end() < h.end and every[len(words)].start() < h.end for h in ctx.p_hits):
        words.append(every[len(words)])
    # a group joined by و goes on the phrase: "من النساء والأطفال"
    while len(words) < len(every) and every[len(words)].group().startswith("و") and any(
            every[len(words)].start() <= h.start < every[len(words)].end() for h in ctx.p_hits):
        words.append(every[len(words)])
    if words and len(words) < len(every) and _adjective_of_noun(ctx, words[-1], every[len(words)]):
        words.append(every[len(words)])  # "37 قتيلا بين المحتجزين الأجانب": the nationality of the noun they were among
    limit = words[-1].end() if words else pos  # no words after it: a dual names its own group (بينهم إسبانيان،)
    stopper = ctx.lex.breakdown_re(_STOP_WORDS).search(t, pos, limit)
    if stopper:
        limit = stopper.start()
    labels = []
    names = ctx.src_hits + ctx.head_hits
    # a group's phrase that opens with the figure's counted noun names whom it counts, even when a
    # source's head starts it: "38 عضوا من القوة الأمنية"
    counted = every[0].start() if every else -1
    # one and two follow the noun they count: "بينهم إسباني واحد"، "جنديان اثنان"; so does a number word
    # made definite with its definite noun: "المهاجمين الثمانية"، "الأطفال الثلاثة"
    after_noun = _AFTER_NOUN.fullmatch(t, f.start, f.end) is not None
    definite = _DEFINITE_NUMBER.search(t, max(0, f.start - 3), f.start) is not None and not any(
        ch.isdigit() for ch in t[f.start : f.end])
    for h in ctx.p_hits:
        if (after_noun and h.end <= f.start and not t[h.end : f.start].strip()) or (
                definite and h.end <= f.start - 2 and not t[h.end : f.start - 2].strip()):
            labels.append(h.label)
            continue
        inside = f.m.num_start <= h.start < f.end  # a dual noun is its own figure: جنديين
        if not inside and h.start != counted and any(n.start <= h.start < n.end for n in names):
            continue  # a source's name, not whom the figure counts: "150 ألفا» وفقا للمبعوث الأميركي"
        if h.label in ctx.lex.armed_groups and _WHILE.search(t, pos, h.start):
            continue  # "800 خلال محاولة قوات الأمن": who did it (populations.yaml `armed_groups`)
        if _AGENT.search(t, max(pos, h.start - 12), h.start):
            continue  # "100 على يد قوات الأمن": who did it
        if h.label == "patients" and _harmed_in_care(ctx, f, h):
            continue  # "بينهم 36 ما يزالون يتلقون العلاج" of the wounded: the toll's people in care
        if (inside or pos <= h.start < limit) and h.label not in labels:
            labels.append(h.label)
    origin = from_country(ctx, f)
    if origin and origin not in labels:
        labels.append(origin)
    return labels


def _adjective_of_noun(ctx: Context, noun, word) -> bool:
    """The word right after the last of a figure's phrase is a nationality (or a group named by one:
    الأجانب) agreeing with that last word, a noun of people or of what is counted ("بين المحتجزين
    الأجانب"): the nationality is of the people the phrase names, one word beyond its reach."""
    nat = ctx.lex.nationalities | ctx.lex.by_nationality
    return any(h.start == word.start() and h.label in nat for h in ctx.p_hits) and any(
        noun.start() < n.end <= noun.end()
        for n in ctx.people_hits + [q for q in ctx.q_hits if q.role != "trigger"])


def _harmed_in_care(ctx: Context, f: Fig, h) -> bool:
    """A word of care (rules/lexicon/quantities.yaml `in_care`) said of a figure still counted as a
    harm (a part of the wounded: "50 ... تعرضوا لإصابات، بينهم 36 ما يزالون يتلقون العلاج"): those
    in care are the toll's people, no group of patients (a figure the care makes `other`, "100 مصاب
    يتلقون العلاج" or "2 مليون شخص عولجوا", counts patients)."""
    # (or a part of such a toll still in care: "50 ... تعرضوا لإصابات، بينهم 36 ما يزالون يتلقون
    # العلاج", now `other`, docs/annotation.md In hospital, and still the toll's people)
    return (f.quantity in HARMS or (f.whole is not None and f.whole.quantity in HARMS)) and any(
        c.start <= h.start and h.end <= c.end for c in ctx.lex.in_care.find(ctx.text, h.start, h.end))


# the second party of "بين X و<group>" (clashes between two sides)
_ACCORDING = re.compile(r"(?<![\u0621-\u064a])[وف]?(?:وفقا|طبقا|تبعا)\s+$")  # on folded text (وفقاً → وفقا)
_PARTY = re.compile(r"(?:^|\s)بين\s[^.!?؟\n\d]{0,80}?\sو(?:ال)?$")
_WHILE = re.compile(r"(?<!\S)(?:خلال|اثناء)(?!\S)")
# a group right after a word of agency did the act, it is not counted: "الذين تم حصرهم بواسطة الأطباء"،
# "على يد قوات الأمن"، "من قبل الشرطة"، "بأيدي قوات الأمن"، by their fire: "بنيران قوات الأمن"، "برصاص
# الشرطة" (on folded text, the group's ال inside its hit or before it)
# (a lookbehind, not ^: the search may start right at the word, after the space the phrase took)
_AGENT = re.compile(r"(?<!\S)(?:بواسطه|عل[يى]\s+[اأ]?يد(?:ي)?|من\s+قبل|ب[اأ]يدي|بنيران|برصاص)\s+(?:ال)?$")


# people counted "from" a country, right after the figure or its counted noun: "منهم 46 على الأقل من <country>",
# or from its citizens: "العشرات من مواطني <country>"
# (or the country's name right after the figure: the accusative of its nationals' word, spelt as the
# name, "32 كينيا" for كينيًا)
FROM_COUNTRY = re.compile(r"\s+|\s*(?:[\u0621-\u064a]+\s+)?من\s+(?:(?:مواطني|رعايا)\s+)?")


def from_country(ctx: Context, f: Fig) -> str | None:
    """The nationality of a country the figure's people come from (46 من <country>: its nationals), or None;
    none for a part of foreigners ("7 أجانب (2 من <country> ...)"): they stay the whole's group."""
    if f.whole is not None and f.whole.population in ctx.lex.by_nationality:
        return None
    for h in ctx.place_hits:
        if h.start >= f.end and h.label in ctx.lex.country_nationality and FROM_COUNTRY.fullmatch(ctx.text, f.end, h.start):
            return ctx.lex.country_nationality[h.label]
    return None


# the people "in the ranks of" a group, after the figure or its counted noun: "سقوط 50 قتيلا في صفوف <group>"
_IN_RANKS = re.compile(r"\s*(?:[\u0621-\u064a]+\s+)?في\s+صفوف\s+")
_AFTER_NOUN = re.compile(r"(?:واحد|واحده|اثنان|اثنين|اثنتان|اثنتين)")
_DEFINITE_NUMBER = re.compile(r"(?<!\S)ال$")  # the article of a number word: "المهاجمين الثمانية"
# people "of the nationality" X, with or without their counted noun: "شخصا من جنسية <adjective>"، "من الجنسية <adjective>"
_OF_NATIONALITY = re.compile(r"\s*(?:[\u0621-\u064a]+\s+)?من\s+(?:ال)?جنسي(?:ه|ات|ة)\s+")


# "others" right after a figure: the same group as the figure before ("مقتل 57 ... وإصابة 100 آخرين")
_OTHERS = re.compile(r"[\s)\]]*(?:ال)?(?:اخرين|اخرون|آخرين|آخرون|اخريات|أخريات)(?![\u0621-\u064a])")


def others_after(ctx: Context, f: Fig) -> bool:
    """"others" right after the figure (وإصابة 100 آخرين), or after its number inside a surface that
    ends with a trailing hedge ("وأُصيب 15 آخرون على الأقل")."""
    if _OTHERS.match(ctx.text, f.end) is not None:
        return True
    num = SPACED_WORD.match(ctx.text, max(f.start, f.m.num_start))  # the number proper, past its hedge
    return num is not None and num.end() < f.end and _OTHERS.match(ctx.text, num.end()) is not None


def others_of(ctx: Context, f: Fig) -> Fig | None:
    """The figure whose group a figure counts "others" of: the last human figure before it, or
    the whole that one is a part of ("مقتل 50 عاملا، منهم 46 من <country>، وإصابة حوالي 50 آخرين":
    others than the 50, not than the 46)."""
    prev = ctx.previous_fig
    if prev is not None and prev.whole is not None and f.whole is None and prev.whole.start >= ctx.ss:
        # after a breakdown, others are others than its whole: "632 قتيلا، منهم 624 مدنيا وثمانية
        # من رجال الشرطة، بالإضافة إلى 668 آخرين" are not police
        prev = prev.whole
    if prev is None or prev is f or prev.population == "unspecified" or prev.at_large or not others_after(ctx, f):
        return None
    return prev


_OF_THEM = r"\s*(?:<of>)(?![\u0621-\u064a])"  # Lexicon.breakdown_re


def of_them_before(ctx: Context, f: Fig) -> Fig | None:
    """"N منهم" with no whole in its own sentence: "منهم" points back to the last figure before it,
    in the sentence before, when that one counts a named group or nationality ("يأوي 176 عامل
    <nationality>. بينما لقي 45 منهم حتفهم")."""
    prev = ctx.previous_fig
    if (prev is None or prev is f or prev.start >= ctx.ss or not ctx.lex.breakdown_re(_OF_THEM).match(ctx.text, f.end)
            or prev.population in ("all", "unspecified") or any(ctx.ss <= g.start < f.start for g in ctx.figs)):
        return None
    return prev


# what a count was before it rose or fell: "ارتفع إلى 226 ... بعدما كان 169 قتيلا"، "بعدما كانت حصيلة سابقة
# تفيد عن 131 قتيلا" (on folded text)
_WAS_BEFORE = re.compile(r"(?:^|\s)(?:بعدما|بعد\s+ان)\s+كان(?:ت)?(?!\S)")


def earlier_value_of(ctx: Context, f: Fig) -> Fig | None:
    """The figure of the sentence whose earlier value `f` is ("بعدما كان 169"): the last one
    before it counting the same thing, when that one names a group or nationality."""
    a, _ = ctx.clause_of(f.start)
    if not _WAS_BEFORE.search(ctx.text, max(ctx.ss, a - 12), f.start):
        return None
    prev = next((g for g in reversed(ctx.figs) if ctx.ss <= g.start and g.end <= f.start and g.quantity == f.quantity), None)
    return prev if prev is not None and prev.population not in ("all", "unspecified") else None


# between two parallel figures: the first one's counted noun, then و and the second one's verb
_PARALLEL = re.compile(r"\s*[\u0621-\u064a]+\s+(?P<verb>و[\u0621-\u064a]+)\s+")
# between two items of a breakdown (on folded text): the first one's counted noun, then و or "إضافة إلى"
_LISTED = re.compile(r"\s*[\u0621-\u064a]+\s*[،,]?\s*(?:و\s*|(?:ب?ال)?اضاف[ةه]\s+[\u0621-\u064a]+\s+)")


def parallel_of(ctx: Context, f: Fig) -> Fig | None:
    """The figure a figure with no group of its own is parallel to: "مقتل 1400 طفل وإصابة أكثر
    من 2140" (the wounded are children too), "قتل 5 جنود وأصيب 10" (soldiers)."""
    prev = ctx.previous_fig
    if prev is None or prev is f or prev.start < ctx.ss or prev.population in ("all", "unspecified"):
        return None
    m = _PARALLEL.fullmatch(ctx.text, prev.end, f.start)
    if m is None:
        # the next item of a toll's breakdown, counted by its own noun: "أحصينا 136 قتيلا و102
        # جريح و344 مفقودا"، "إلى 182 حالة، إضافة إلى 53 مفقودا" (the same nationals, another
        # harm). A nationality, or a group named before the pair as whose toll it is ("حصيلة القتلى
        # في صفوف الجيش ...، إلى 13 قتيلا و18 جريحا"): a group that is the first item's own noun ("112
        # مدنيا، وأكثر من 220 جريحا") is not said of the next; nor a part's ("بينهم 94 امرأة إضافة إلى
        # 1835 جريحا")
        listed = _LISTED.fullmatch(ctx.text, prev.end, f.start)
        shared = prev.population in ctx.lex.nationalities or (
            not phrase_labels(ctx, prev) and prev.population in (subgroup_before(ctx, prev), sentence_group(ctx, prev)))
        return prev if (listed is not None and prev.whole is None and shared
                        and f.quantity != prev.quantity and f.quantity in ctx.lex.human) else None
    verb = next((h for h in ctx.q_hits if m.start("verb") <= h.start < m.end("verb")), None)
    return prev if verb is not None and verb.role == "trigger" and verb.label != prev.quantity else None


# a sentence's topic: "بالنسبة إلى النساء، ..."، "أما بالنسبة للأطفال" (on folded text)
_AS_FOR = re.compile(r"(?<![\u0621-\u064a])[وف]?بالنسب[هة]\s+(?:الي\s+)?(?:لل|ل|ال)?$")


def topic_group(ctx: Context, f: Fig) -> str | None:
    """The group the sentence is about by "as for" (بالنسبة إلى/لـ <group>) before the figure, when
    no other group is named between them: "بالنسبة إلى النساء، ... استشهدت 750، ... أما بالنسبة
    للجرحى فقد بلغت الحصيلة 3357" counts women throughout. Not a nationality (a country's adjective
    may qualify the topic's noun: "بالنسبة للقوات <adjective>")."""
    topic = None
    for h in ctx.p_hits:
        if h.end > f.start:
            break
        if h.label in ctx.lex.nationalities:
            continue
        if _AS_FOR.search(ctx.text, max(ctx.ss, h.start - 16), h.start):
            topic = h
        elif topic is not None and h.label != topic.label:
            topic = None  # another group named since: the topic is no longer clear
    return topic.label if topic is not None else None


# between a list's items: the first one's words, then a comma and و glued to the next figure
_NEXT_ITEM = re.compile(r"[^.!?؟\n]*[،,]\s*و$")


def list_item_of(ctx: Context, f: Fig) -> Fig | None:
    """The figure of the sentence whose list `f` goes on, when `f` names no people of its own:
    "197 طفلًا أصيبوا بجراح قبل 15 سبتمبر، و1259 من بعد 15 سبتمبر" (children wounded after, too):
    the last figure before it of the same unit and quantity, counting a group or nationality, with
    a comma and و right before `f` and no other figure between."""
    before = [g for g in ctx.figs if ctx.ss <= g.start and g.end <= f.start and g.m.unit == f.m.unit]
    if not before or f.m.unit != "count" or phrase_labels(ctx, f):
        return None
    prev = before[-1]
    if (prev.quantity != f.quantity or prev.population in ("all", "unspecified") or prev.whole is not f.whole
            or not _NEXT_ITEM.fullmatch(ctx.text, prev.end, f.start)
            or any(h.start >= f.end and ctx.words_between(f.end, h.start) == 0 for h in ctx.q_hits + ctx.people_hits)):
        return None
    return prev


_QUOTES = " \"'«»“”"


def subgroup_before(ctx: Context, f: Fig) -> str | None:
    """A subgroup named earlier in the figure's clause: عدد الشهداء من الأطفال بلغ 15 ألفا.
    Nationalities are not taken from there (الجيش الإسباني is no population)."""
    a, _ = ctx.clause_of(f.start)
    if _RISE_GOAL.fullmatch(ctx.text, a, f.start):
        # a clause that is only the goal of a rise (، ارتفع إلى 13) goes on with the toll it names up to
        # two clauses before: "حصيلة الضحايا العسكريين ... عند إحدى بوابات المطار، ارتفع إلى 13 قتيلا"
        # (not "، بالإضافة إلى 98": another count)
        for _ in range(2):
            if a > ctx.ss:
                a = ctx.clause_of(a - 1)[0]
    if a > ctx.ss:
        pa, _ = ctx.clause_of(a - 1)
        if any(not ctx.text[h.end : a - 1].strip(_QUOTES) and _OF_GROUP.search(ctx.text, max(pa, h.start - 8), h.start)
               and not ctx.lex.breakdown_re(_STOP_WORDS).search(ctx.text, pa, h.start) for h in ctx.p_hits if pa <= h.start < a):
            # a group that ends the clause before, fronted: "ومن النساء، 790 شهيدة و3357 جريحة",
            # "بلغ عدد الأطفال، 316 شهيدا" (not a share of the figure before: "معظمهم من المدنيين،")
            a = pa
    before = [
        h.label for h in ctx.p_hits
        if a <= h.start and h.end <= f.start and h.label not in ctx.lex.nationalities
        # "من الأطفال", not "العمليات العسكرية"; the window holds the space before a count word of seven
        # letters ("الضحايا العسكريين")
        and _OF_GROUP.search(ctx.text, max(a, h.start - 9), h.start)
        and not _gives_figures(ctx, h)  # "حصيلة للشرطة": the police's toll, not of the police
        # who most of a figure's people were ("تقل 459 راكبا معظمهم من الطلاب ... مقتل شخصين") is
        # that figure's, and only most of it: no subgroup of the figures after it
        and not _MOST_OF_THEM.search(ctx.text, max(0, h.start - 30), h.start)
        # a figure between them counts the group: "عدد القاصرين ... إلى 16 قاصرا من أصل 80 شخص"
        and not _counted_between(ctx, h, f.start)
        # nor one another figure before it counts: "نحو 8 من العاملين في <place> ضمن ... 41 حالة وفاة"
        # (but a breakdown of that figure counts the same group: "16 بالمئة من أطفال <country> ... منهم 5.2")
        and not any(e <= h.start and _RIGHT_AFTER.fullmatch(ctx.text, e, h.start)
                    and not ctx.lex.breakdown_re(_BREAKDOWN_WORD).search(ctx.text, h.end, f.start)
                    for _s, e in ctx.number_spans)
    ]
    return before[-1] if before else None


def actor_before(ctx: Context, f: Fig) -> str | None:
    """A group's verb right before the figure in its clause, said of those it counts: "تظاهر
    عشرات الآلاف من الأشخاص"، "احتج مئات" are protesters (a word that is both a group's term and
    a quantity's trigger, rules/lexicon/populations.yaml and quantities.yaml, says what they do
    and so who they are)."""
    verb = next((h for h in reversed(ctx.p_hits) if h.end <= f.start), None)
    if (verb is None or verb.label in ctx.lex.nationalities or ctx.words_between(verb.end, f.start) != 0
            or ctx.crosses_clause(verb.end, f.start)):
        return None
    said = any(q.start == verb.start and q.end == verb.end and q.role == "trigger" for q in ctx.q_hits)
    return verb.label if said else None


# a nationality named before a figure as whom it counts: "عدد البرتغاليين"، "أعداد المواطنين الإسبان"
_OF_NATIONALS = re.compile(r"(?:^|[\s\"«“])و?(?:عدد|اعداد|صفوف)\s+(?:من\s+)?(?:ال)?$")
# or among whom a count named before it is taken: "عدد حالات الوفاة بين الحجاج <nationals>"
_AMONG_NATIONALS = re.compile(r"(?:^|\s)(?:بين|من)\s+(?:ال)?$")
# a clause that opens on the next count of a list: "، وظل عدد المصابين"، "، وعدد الجرحى" (folded)
_NEXT_COUNT = re.compile(r"[\s،,]*(?:و|بينما\s+|فيما\s+)(?:[\u0621-\u064a]+\s+)?عدد\s")
_COUNT_WORD = re.compile(r"(?:^|\s)(?:عدد|اعداد|حصيله)(?!\S)")
_THEIR_NUMBER = re.compile(r"(?:^|\s)[وف]?(?:عددهم|عددهن|اعدادهم)(?!\S)")
# a nationality's singular, masculine or feminine (folded: <nisba>ي، <nisba>يه): one person, or an adjective
_SINGULAR_NISBA = re.compile(r"يه?$")
_RISE_TO = re.compile(r"(?:^|\s)الي\s*\(?\s*$")
# a clause that is a rise's goal and nothing else: "، ارتفع إلى"، "، إلى" (folded)
_RISE_GOAL = re.compile(r"[\s،,]*(?:[وف]?(?:ارتفع|ارتفعت|يرتفع|ترتفع|وصل|وصلت|يصل|تصل)\s+)?الي\s*\(?\s*")


def nationality_before(ctx: Context, f: Fig) -> str | None:
    """A nationality named earlier in the figure's clause as whom it counts, right after a count
    word or after a people word that follows one, or after بين/من when a count word is named
    before (عدد حالات الوفاة بين الحجاج <nationals>): "عدد البرتغاليين الذين نزحوا ... وصل الى 1980510",
    "أعداد المواطنين الإسبان الذين توفوا ما بين 60 ألف إلى 100 ألف" (not "الجيش الإسباني")."""
    a, _ = ctx.clause_of(f.start)
    if _RISE_TO.search(ctx.text, a, f.start):
        # the goal of a rise (، إلى 182) goes on with the count it names up to two clauses before:
        # "عدد حالات الوفاة بين الحجاج <nationals>، في حادث التدافع، إلى 182"
        for _ in range(2):
            if a > ctx.ss:
                a = ctx.clause_of(a - 1)[0]
    elif a > ctx.ss and any(h.label in ctx.lex.nationalities and h.end < a and not ctx.text[h.end : a - 1].strip(_QUOTES)
                            for h in ctx.p_hits):
        # a clause that ends with a count of nationals, fronted before the figures it heads: "وعدد من
        # القتلى <nationals>،20 قتيلاً و 52 مصاباً"
        a = ctx.clause_of(a - 1)[0]
    found = None
    for h in ctx.p_hits:
        if not (a <= h.start and h.end <= f.start and h.label in ctx.lex.nationalities):
            continue
        start = h.start
        # the people word or counted noun the nationality agrees with: "المواطنين الإسبان"، "عدد الشهداء <nationals>"
        nouns = ctx.people_hits + [q for q in ctx.q_hits if q.role == "noun" or _definite(ctx, q)]
        people = next((p for p in nouns if p.end <= h.start and not ctx.text[p.end : h.start].strip(" ال")
                       and a <= p.start), None)
        if people is not None:
            start = people.start
        of = _OF_NATIONALS.search(ctx.text, max(a, start - 13), start) or (
            _AMONG_NATIONALS.search(ctx.text, max(a, start - 9), start)
            and _COUNT_WORD.search(ctx.text, max(ctx.ss, start - 60), start))
        if of and not _counted_between(ctx, h, f.start):
            found = h.label
    if found is None and _NEXT_COUNT.match(ctx.text, a, f.start):
        # the next count of a list of counts goes on with the nationals of the one before it: "عدد حالات
        # الوفاة من الحجاج <nationals> ... إلى (181)، بينما انخفض عدد المفقودين إلى (53)، وظل عدد
        # المصابين كما هو (10)"
        prev = next((g for g in reversed(ctx.figs) if ctx.ss <= g.start and g.end <= f.start), None)
        if prev is not None and prev.whole is None and prev.population in ctx.lex.nationalities:
            found = prev.population
    if found is None:
        found = owner_nationality(ctx, f, a)
    if found is None:
        # "their number" in the figure's clause points back to the nationals named just before it
        # in the sentence: "أكبر عدد من القتلى ... مغاربة، حيث بلغ عددهم ... 87 قتيلا"
        theirs = _THEIR_NUMBER.search(ctx.text, a, f.start)
        if theirs is not None:
            # (a group's word, not a singular one: the adjective of a thing, "طائرة الخطوط الجوية
            # <nisba>ة، والبالغ عددهم 157", says whose the thing is, not who its people were)
            before = [h for h in ctx.p_hits if ctx.ss <= h.start and h.end <= theirs.start()
                      and h.label in ctx.lex.nationalities and ctx.words_between(h.end, theirs.start()) <= 5
                      and not _SINGULAR_NISBA.search(ctx.text, h.start, h.end)]
            if before and not _counted_between(ctx, before[-1], f.start):
                found = before[-1].label
    return found


def _definite(ctx: Context, h) -> bool:
    """A word with the article, inside its hit or right before it: a quantity's word so is a noun,
    whatever its role elsewhere ("القتلى"، "الجرحى")."""
    return ctx.text.startswith("ال", h.start) or ctx.text[max(0, h.start - 2) : h.start] == "ال"


def rank_force(ctx: Context, f: Fig) -> str | None:
    """The force whose officers or conscripts the figure counts (populations.yaml `ranks`): the one
    force named after it in its clause, when the figure's soldiers are named by rank words only."""
    _a, end = ctx.clause_of(f.end)
    soldiers = [h for h in ctx.p_hits if h.label == "soldiers" and f.m.num_start <= h.start < end]
    if not soldiers or any(fold(ctx.text[h.start : h.end]) not in ctx.lex.rank_words for h in soldiers):
        return None
    forces = {h.label for h in ctx.p_hits if h.label in ctx.lex.rank_forces and f.end <= h.start < end}
    if not forces and not any(h.label == "soldiers" and fold(ctx.text[h.start : h.end]) not in ctx.lex.rank_words
                              for h in ctx.p_hits if ctx.ss <= h.start < ctx.se):
        # the force named later in the sentence, when the sentence names soldiers by rank only: "شمل 3
        # ضباط و3 مجندين، ... بلغ 34 ضابطًا و32 فردًا ومجندًا من قوات الأمن المركزي"
        forces = {h.label for h in ctx.p_hits if h.label in ctx.lex.rank_forces and f.end <= h.start < ctx.se}
        if not forces and not _names_any(ctx, ctx.lex.rank_armies):
            # the one force the sentence names as an institution, and no army: "وحاولت الشرطة ...
            # بعد مقتل ضابطين" are police officers
            forces = {force for force, names in ctx.lex.rank_institutions if _names_any(ctx, names)}
    return forces.pop() if len(forces) == 1 else None


def _names_any(ctx: Context, words: tuple[str, ...]) -> bool:
    """Whether the figure's sentence holds one of these folded words, whole, after a conjunction
    or a preposition at most (والشرطة، للجيش)."""
    return any(re.search(rf"(?<![\u0621-\u064a])[وف]?[بلك]?{re.escape(w)}(?![\u0621-\u064a])", ctx.text[ctx.ss : ctx.se])
               for w in words)


# "all of them" after a figure, then who they are: "40 من المصابين خرجوا ...، جميعهم <nationals>"
_ALL_OF_THEM = re.compile(r"[\s،,]*(?:و)?(?:جميعهم|كلهم|جميعهن|كلهن)\s+(?:من\s+)?(?:ال)?$")


def all_of_them(ctx: Context, f: Fig) -> str | None:
    """The group or nationality "all of them" names later in the figure's sentence, when no other
    figure stands between them: all the figure counts are of it."""
    for h in ctx.p_hits:
        if h.start <= f.end or h.start >= ctx.se:
            continue
        m = _ALL_OF_THEM.search(ctx.text, f.end, h.start)
        if m is not None and not any(f.end <= s < h.start for s, _e in ctx.number_spans):
            return h.label
    return None


# a country's people with its pronoun counted, before the figure ("عدد قتلاها ... إلى 226") or right
# after it ("465 من مواطنيها"); the words are populations.yaml `owned`
_OWNED_BEFORE = re.compile(r"(?:^|\s)(?:عدد|اعداد|حصيله)\s+(?P<w>[\u0621-\u064a]+)(?!\S)")
_OWNED_AFTER = re.compile(r"\s*(?:[\u0621-\u064a]+\s+)?من\s+(?P<w>[\u0621-\u064a]+)(?![\u0621-\u064a])")


def owner_nationality(ctx: Context, f: Fig, a: int) -> str | None:
    """The nationality of the country whose own people the figure counts, by a word with the
    country's pronoun (populations.yaml `owned`): the country named last before that word in
    the sentence, with no event named between them (whose pronoun it could be as well)."""
    words = ctx.lex.owned_words
    if not words:
        return None
    m = _OWNED_AFTER.match(ctx.text, f.end, ctx.se)
    if m is None or m.group("w") not in words:
        m = next((x for x in _OWNED_BEFORE.finditer(ctx.text, a, f.start) if x.group("w") in words), None)
    if m is None:
        return None
    at = m.start("w")
    country = next((h for h in reversed(ctx.place_hits) if ctx.ss <= h.start and h.end <= at), None)
    # or the country's body named by its adjective ("أعلنت السلطات <adjective> مقتل 4 من مواطنيها"),
    # when it comes after any country named
    names = ctx.src_hits + ctx.head_hits
    body = next((h for h in reversed(ctx.p_hits) if ctx.ss <= h.start and h.end <= at and h.label in ctx.lex.nationalities
                 and any(n.start <= h.start < n.end for n in names)), None)
    if body is not None and (country is None or country.end <= body.start):
        if any(body.end <= e.start < at for e in ctx.e_hits):
            return None
        return body.label
    if (country is None or country.label not in ctx.lex.country_nationality
            or any(country.end <= e.start < at for e in ctx.e_hits)):
        return None
    return ctx.lex.country_nationality[country.label]


# a country heading a list item: "- <country>: 464 قتيلا"، "... قتيلا <country>: 87 قتيلا"
_ITEM_COLON = re.compile(r"\s*:\s*\(?\s*")
_ITEM_NOUN = re.compile(r"\s*:\s*[\u0621-\u064a]+\s+")
# a country with its count in parentheses: "<country> (11 قتيلا)"
_ITEM_PAREN = re.compile(r"\s*\(\s*")
_PAREN_NOUN = re.compile(r"\s*[\u0621-\u064a]+\s*\)")
_ITEM_PAREN_FIGURE = re.compile(r"\s*\(\s*\d")


def by_country_item(ctx: Context, f: Fig):
    """The country hit heading the figure's list item ("<country>: 464 قتيلا") in an article that
    breaks its toll down by nationality (populations.yaml `by_country`), or "<country> (11 قتيلا)"
    of the dead or wounded in one that also counts foreigners (`by_country_listed`), when the
    country has a nationality: the item counts that country's nationals, wherever they were."""
    lex = ctx.lex
    if not lex.by_country_cues and not lex.by_country_listed_cues:
        return None
    h = next((p for p in reversed(ctx.place_hits) if p.end <= f.start), None)
    if h is None or h.label not in lex.country_nationality:
        return None
    cues = lex.by_country_cues
    if not (_ITEM_COLON.fullmatch(ctx.text, h.end, f.start) or (
            # one follows the noun it counts: "<country>: قتيل واحد"
            _AFTER_NOUN.fullmatch(ctx.text, f.start, f.end) and _ITEM_NOUN.fullmatch(ctx.text, h.end, f.start))):
        # "<country> (11 قتيلا)": of the dead or wounded only, after a word of foreigners too
        if not (_ITEM_PAREN.fullmatch(ctx.text, h.end, f.start) and _PAREN_NOUN.match(ctx.text, f.end)
                and f.quantity in lex.by_country_listed_quantities):
            return None
        cues = cues + lex.by_country_listed_cues
    before = ctx.text[: h.start]
    return h if any(c in before for c in cues) else None


def heads_item(ctx: Context, h) -> bool:
    """The place hit heads a list item of a toll by country: "<country>: 464" or "<country> (11"."""
    return bool(_ITEM_COLON.match(ctx.text, h.end) or _ITEM_PAREN_FIGURE.match(ctx.text, h.end))


def _counted_between(ctx: Context, h, b: int) -> bool:
    """A figure between the group's term and b whose own phrase names that group."""
    return any(h.end <= g.start and g.end <= b and h.label in phrase_labels(ctx, g) for g in ctx.figs)


def _names_other(ctx: Context, h, f: Fig) -> bool:
    """The group is named as what another figure after it in its clause counts, and the figure
    has a count of its own: "عدد الحالات النشطة (27,009) حالات، وارتفع إجمالي عدد الوفيات إلى
    (3627)" (but "عدد القتلى من المدنيين إلى 425، والمصابين إلى 2091" counts civilians twice)."""
    a, _ = ctx.clause_of(f.start)
    return bool(_OF_GROUP.search(ctx.text, max(ctx.ss, h.start - 8), h.start)) and bool(
        _OWN_COUNT.search(ctx.text, max(a, h.end), f.start)) and any(
        h.end <= g.start < f.start and not ctx.crosses_clause(h.end, g.start) for g in ctx.figs)


_OWN_COUNT = re.compile(r"(?:^|\s)(?:عدد|اجمالي|حصيله)(?!\S)")
# the word that opens what a speaker says: "قال ... إن"، "أكد أن"، "بأن"
_THAT = re.compile(r"(?:^|\s)(?:و?ب?[اأإ]ن|ان)(?=\s|$)")


def _residents(ctx: Context, h) -> bool:
    """The group is whom a place houses ("في مبنى كان يسكنه عمال <group>"، quantities.yaml population):
    it says where the event struck, not whom the sentence's other figures count."""
    return any(q.label == "population" and q.role != "noun" and q.end <= h.start and ctx.words_between(q.end, h.start) <= 1
               for q in ctx.q_hits)


def _served(ctx: Context, h) -> bool:
    """The group is whom a place cares for, named right after a word of that care ("مستشفى مخصص
    لعلاج المرضى"، populations.yaml `served`): it says where the event struck, not whom the
    sentence's other figures count."""
    before = ctx.text[max(ctx.ss, h.start - 16) : h.start].split()
    if ctx.text[h.start - 1 : h.start] == "ل":
        before = before[:-1]  # the group with the clitic ل: "المخصص لمرضى"
    elif not ctx.text[h.start - 1 : h.start].isspace():
        return False
    return bool(before) and before[-1].strip("،,") in ctx.lex.served_words


def _in_speaker(ctx: Context, h) -> bool:
    """The group is named between a speech verb and the إن/أن that opens its words: it is who
    speaks or whom they speak to ("وقال الوزير للصحافيين إن"، "وقال العقيد، رئيس قسم في رجال
    الإطفاء، إن"), not whom the figures of the sentence count."""
    verbs = [v for v in ctx.verb_hits if v.end <= h.start]
    if not verbs or _THAT.search(ctx.text, verbs[-1].end, h.start):
        return False
    that = _THAT.search(ctx.text, h.end, ctx.se)
    return that is not None and not any(h.end <= s < that.start() for s, _e in ctx.number_spans)


def sentence_group(ctx: Context, f: Fig) -> str | None:
    """The one group the sentence is about, named before the figure when the figure's own
    phrase names none: "غرق قارب يقل مهاجرين ... وفاة 41 شخصا" counts migrants. Only when a
    single group is named in the whole sentence (several: the figure's group is unclear)."""
    names = [h for h in ctx.src_hits + ctx.head_hits]
    terms = [h for h in ctx.p_hits if h.label not in ctx.lex.nationalities
             and not any(n.start <= h.start < n.end for n in names)  # مفوضية اللاجئين is a source
             and not _gives_figures(ctx, h)
             # a group counted by another figure (بينهم 300 طفل) is that figure's, not the sentence's
             and not any(e <= h.start and ctx.words_between(e, h.start) <= 2 for _s, e in ctx.number_spans)
             and not (ctx.lex.breakdown_re(_IN_BREAKDOWN).search(ctx.text, max(0, h.start - 30), h.start)
                      and not (h.end <= f.start and ctx.words_between(h.end, f.start) == 0))  # أجنبي واحد
             # an armed group that is a party to the clashes ("بين مؤيدي <leader> وقوات الأمن") fought them
             and not (h.label in ctx.lex.armed_groups and _PARTY.search(ctx.text, max(ctx.ss, h.start - 90), h.start))
             and not _clash_party(ctx, h)
             # an armed group that attacks ("مسلحين فتحوا النار ... فقتلوا 40 شخصا") did the killing; one
             # that qualifies an attack ("الاعتداءين المسلحين") is the attack's adjective
             and not (h.label in ctx.lex.armed_groups and (_attacks(ctx, h) or _armed_attack(ctx, h)))
             and not _in_speaker(ctx, h)
             and not _AGENT.search(ctx.text, max(ctx.ss, h.start - 12), h.start)
             and not _residents(ctx, h) and not _served(ctx, h)
             # one person (امرأة توفيت) is who that one is, not a group the sentence counts
             and fold(ctx.text[h.start : h.end]) not in ctx.lex.one_person_words]
    if len({h.label for h in terms}) != 1:
        return None
    before = [h for h in terms if h.end <= f.start and ctx.words_between(h.end, f.start) <= 12
              and not _names_other(ctx, h, f)
              # the count of a group another figure gives before this one ("عدد الأطفال، الذين قتلوا بـ63،
              # وأن عدد الاعتقالات بلغ 18 ألفا") is that figure's
              and not (_COUNT_OF.search(ctx.text, max(0, h.start - 8), h.start)
                       and any(h.end <= s < f.start for s, _e in ctx.number_spans))
              and not _MOST_OF_THEM.search(ctx.text, max(0, h.start - 30), h.start)]
    return before[-1].label if before else None


_BETWEEN = re.compile(r"(?<!\S)بين\s+(?:ال)?$")


def _clash_party(ctx: Context, h) -> bool:
    """The group is a party an event's cue names right before "بين" ("اشتباكات بين الطلاب ... مع
    الشرطة"، "مواجهات بين الشرطة والمحتجين"): one of the sides that fought, not whom the sentence's
    figures count (the dead of clashes may be of either side)."""
    m = _BETWEEN.search(ctx.text, max(ctx.ss, h.start - 8), h.start)
    if m is None:
        first = _PARTY.search(ctx.text, max(ctx.ss, h.start - 90), h.start)  # the second party: "بين X و<group>"
        if first is None:
            return False
        at = ctx.text.find("بين", first.start(), h.start)
    else:
        at = m.start()
    return any(e.end <= at and ctx.words_between(e.end, at) == 0 for e in ctx.e_hits)


def _gives_figures(ctx: Context, h) -> bool:
    """A group (a force) that gives the figures, not whom they count: after "according to"
    ("ووفقا للشرطة، تم اعتقال ...") or with the lam of possession right after a tally's word
    (rules/lexicon/hedges.yaml `subjects`: "آخر حصيلة للشرطة تشير إلى 49 قتيلا")."""
    if _ACCORDING.search(ctx.text, max(ctx.ss, h.start - 10), h.start):
        return True
    if not fold(ctx.text[h.start : h.end]).startswith("ل"):
        return False
    before = ctx.text[max(ctx.ss, h.start - 20) : h.start].split()
    return bool(before) and fold(before[-1]).removeprefix("و") in ctx.lex.hedges.subjects


def _attacks(ctx: Context, h) -> bool:
    """An attack's cue (rules/lexicon/events.yaml) right after a group's word: the group attacks;
    or a quantity's verb (rules/lexicon/quantities.yaml): the group does it to others ("قوات الأمن
    ألقت القبض على اثنين من المشتبه فيهم")."""
    return any(e.start >= h.end and ctx.lex.event_type.get(e.label, e.label) == "attack"
               and ctx.words_between(h.end, e.start) == 0 for e in ctx.e_hits) or any(
        q.start >= h.end and q.role == "trigger" and ctx.words_between(h.end, q.start) == 0
        and not ctx.text[h.end : q.start].strip() for q in ctx.q_hits)


def _armed_attack(ctx: Context, h) -> bool:
    """An attack's cue right before a group's word: the word qualifies the attack ("الهجومين المسلحين")."""
    return any(e.end <= h.start and ctx.lex.event_type.get(e.label, e.label) == "attack"
               and not ctx.text[e.end : h.start].strip(" ال") for e in ctx.e_hits)


def side(ctx: Context, f: Fig) -> str | None:
    hits = [h for h in ctx.side_hits if h.end <= f.start] or [h for h in ctx.side_hits if h.start >= f.end]
    if not hits:
        return None
    return min(hits, key=lambda h: abs(h.start - f.start)).label
