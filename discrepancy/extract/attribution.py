"""Stage 7, attribution: who said it.

Needs: the sentence's `prep_hits` and `verb_hits` (cue prepositions and verbs,
rules/lexicon/sources.yaml), `src_hits` (known sources, Stanza's ORG/PER
entities, phrases from a source head), `q_hits`/`e_hits`/`place_hits` (a
word that is no speaker), and `DocHits.antecedent` for a speaker named before.
Sets: `Fig.attribution` (the source key; empty for an entity no list names)
and `Fig.attribution_text` (the words in the text). `GOES_ON` lets a sentence
that goes on with the previous one's report keep its speaker (in the loop), and
`list_speaker`/`in_list` give the speaker of a sentence that opens a list with a
colon to the list's short lines.
"""

from __future__ import annotations

import re

from ..lexicon import Hit
from ..normalize import WEEKDAYS
from .context import CAUSE, PHRASE_STOP, Context, Fig, bare_noun

# a body a verb sends people or words to (the proclitic ل: "نقل حالات الإصابة لمستشفى ...") is not
# who speaks; a news agency told the words stays the source when no speaker is known (its
# reporting is the next best source: "قال مسؤول لوكالة ..."). Not إلى, the object of أشار / لفت
# (أشار إلى <report>).
_ADDRESSED = re.compile(r"(?:^|\s)[وف]?ل$")
# ... but a report's or statement's ل is whose it is ("وأفاد بيان لوزارة ..."، "أفاد تقرير للأمم المتحدة")
_REPORT_OF = re.compile(r"(?:^|\s)[وب]?(?:ال)?(?:بيان|بيانات|تقرير|تقارير|تصريح|تصريحات|حصيله|احصائيه|احصاءات|"
                        r"ارقام|دراسه|تعداد|وثائق|سجلات|نشره|منشور|تغريده)\s+[وف]?ل$")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")
# quoting, not basing a tally on ("بحسب تعداد لوكالة ... استنادا الى أرقام <body>" stays the agency's)
_QUOTING = re.compile(r"و?نقلا\s+عن")


def attribute(ctx: Context, figs: list[Fig]) -> None:
    """Who said it: cue + known source name, applied by cue type (see sources.yaml)."""
    occ: list[tuple[int, int, str, Hit]] = []  # (start, end, kind, source)
    # a negated verb names no speaker: "لم تصدر السلطات <adjective> حتى اليوم حصيلة نهائية"
    verbs = [c for c in ctx.verb_hits if not _NEGATED.search(ctx.text, max(0, c.start - 5), c.start)]
    for cues, kind, words in ((ctx.prep_hits, "prep", 5), (verbs, "verb", 3)):
        for c in cues:
            # an honorific opens a person's name, whose title may come one word later: "قال الدكتور
            # فلان الفلاني مساعد وزير الصحة <adjective>" (sources.yaml `honorifics`)
            first = _ARABIC_WORD.match(ctx.text, _skip_space(ctx.text, c.end))
            reach = words + (_HONORIFIC_WORDS if first and first.group() in ctx.lex.honorifics else 0)
            for src in ctx.src_hits:
                if kind == "verb" and src.label not in ctx.lex.news_agencies \
                        and _ADDRESSED.search(ctx.text, max(c.end, src.start - 8), src.start) \
                        and not _REPORT_OF.search(ctx.text, max(c.end, src.start - 24), src.start):
                    continue  # "نقلت حالات الإصابة لمستشفى ...": where to, not who speaks
                if src.start >= c.end and (
                        ctx.words_between(c.end, src.start) <= reach and not ctx.crosses_clause(c.end, src.start)
                        and not CAUSE.search(ctx.text, c.end, src.start)  # what caused it is no speaker
                        or kind == "verb" and _named_then_titled(ctx.text[c.end : src.start])):
                    # a carrying verb as the cue or right before the source ("وفق ما نقلت «الوكالة» عن ...")
                    verb = ctx.text[c.start : c.end] if kind == "verb" else \
                        next(iter(_ARABIC_WORD.findall(ctx.text, c.end, src.start)[-1:]), "")
                    carried = _carried_after(ctx, src.end, verb in ctx.lex.ascribe_verbs) \
                        if verb in ctx.lex.carry_verbs else None
                    occ.append((c.start, src.end, kind, carried or src))
                    break
    for c in verbs:  # a carrier no list names: "ونقلت صحيفة (<name>) <adjective> عن المتحدث باسم الشرطة"
        verb = ctx.text[c.start : c.end]
        if verb in ctx.lex.carry_verbs and not any(o[0] == c.start for o in occ) \
                and (carried := _carried_after(ctx, c.end, verb in ctx.lex.ascribe_verbs)) is not None:
            occ.append((c.start, carried.end, "verb", carried))
    for src in ctx.src_hits:  # subject before its verb: "الوزارة ردت", "الجيش أعلن", "الوزارة قد أعلنت"
        kana = _KANA.search(ctx.text, ctx.ss, src.start)
        for c in verbs:
            if ctx.text[c.start : c.end] in ctx.lex.participles:
                continue  # "...، مشيرا إلى": the sentence's speaker goes on, not the name before it
            if c.start >= src.end and (ctx.words_between(src.end, c.start) == 0
                                       or _QAD.fullmatch(ctx.text[src.end : c.start])
                                       or kana and _NAME_QAD.fullmatch(ctx.text[src.end : c.start])):
                occ.append((src.start, c.end, "verb", src))
        if kana and not any(o[0] == src.start for o in occ):
            # "وكانت <body> (معارضة غير رسمية) قالت"، "وكانت <body> المشاركة في تحالف ...، أعلنت": كان
            # opens the clause with its subject, whose verb comes after what is said of it
            c = next((c for c in verbs if c.start >= src.end), None)
            if c is not None and ctx.words_between(src.end, c.start) <= _KANA_GAP \
                    and ctx.numbers_between(src.end, c.start) == 0 \
                    and not any(src.end <= s.start < c.start for s in ctx.src_hits):
                occ.append((src.start, c.end, "verb", src))
    for c in verbs:  # "وكانت المنظمة قد قالت"، "وكانت المديرية أعلنت": a referring noun after كان, before its verb
        m = _KANA_WORD_QAD.search(ctx.text, ctx.ss, c.start)
        if m is None or any(o[1] == c.end for o in occ) or PHRASE_STOP.match(m.group(1)) or _earlier_tally(ctx, c.start, occ) \
                or any(h.start <= m.start(1) < h.end for h in ctx.q_hits + ctx.e_hits + ctx.place_hits):
            continue
        ante = ctx.hits.antecedent(m.start(1), ctx.text, ctx.doc, m.group(1))
        if ante is not None:
            occ.append((m.start(1), c.end, "verb", Hit(m.start(1), m.end(1), ante.label, "referent")))
    for src in ctx.src_hits:  # a topic, then its verb after ف: "أما التحالف ...، فقد أكد"
        if src.start >= ctx.ss and _AMMA.search(ctx.text, max(0, src.start - 8), src.start):
            c = next((c for c in verbs if c.start >= src.end and ctx.words_between(src.end, c.start) <= 15
                      and _FA.search(ctx.text, max(src.end, c.start - 6), c.start)), None)
            if c is not None:
                occ.append((src.start, c.end, "verb", src))
    for c in verbs:  # "وكان مصدر في الشرطة أفاد «فرانس برس» بأن": the agency is whom the subject told
        if any(o[1] == c.end and o[0] < c.start for o in occ):
            occ = [o for o in occ if not (o[0] == c.start and o[3].label in ctx.lex.news_agencies)]
    explicit = {o[0] for o in occ} | {o[1] for o in occ}
    for c in verbs:
        # a verb whose speaker was named before: "وأفاد المركز"، "وقال القدرة إن"، "وأضافت أن"
        if c.start in explicit or c.end in explicit:
            continue
        # a verb after ما, or one whose object is a pronoun for what came before it, closes its sentence
        # like a preposition: "... على ما ذكرت السلطات."، "بدلًا من 359 التي سبق أن أعلنتها الشرطة."
        pronoun = ctx.text[c.end - 2 : c.end] == "ها"
        closing = _WHAT.search(ctx.text, max(0, c.start - 4), c.start) is not None or pronoun
        ref = _referent_after(ctx, c, closing=closing)
        if ref is None or pronoun and ref[1] == ref[0]:
            continue  # (a verb with its object in it says nothing more: its speaker must follow it)
        if ref[1] == ref[0] and any(o[1] <= c.start for o in occ):
            continue  # "وقال القدرة إن ...، مشيرا إلى أن": the sentence's own speaker goes on
        if ref[1] == ref[0] and _earlier_tally(ctx, c.start, occ):
            continue  # "وكانت حصيلة سابقة أشارت إلى": the tally is the verb's subject, no speaker
        src = _referred(ctx, c.start, *ref)
        if ref[1] == ref[0] and src is not None:
            src = _teller(ctx, src)
        before = _speaker_before(ctx, c) if ref[1] == ref[0] else None
        if before is not None:
            # "وقال التقرير ... . وأفاد أن": the speaker before goes on (by its full name when it is
            # the source last named: "أعلنت <body> ... . وقالت الرابطة ... . وأشارت في بيان إلى أن")
            src = src if src is not None and src.label == before.label else before
        elif ref[1] == ref[0] and ctx.lex.verb_gender.get(ctx.text[c.start : c.end]) == "m":
            # "وأشار إلى أن" (he) goes on with a man or a body named by a masculine noun, not with
            # "الوكالة" or "الوزارة" (a feminine noun, ة) named since: the one before it
            for _ in range(_GENDER_TRIES):
                if src is None or not _feminine(ctx.text[src.start : src.end]):
                    break
                src = ctx.hits.antecedent(src.start, ctx.text, ctx.doc)
            else:
                src = None
        if src is not None:
            a, b = ref if ref[1] > ref[0] else (src.start, src.end)
            occ.append((c.start, b if b > c.end else c.end, "verb", Hit(a, b, src.label, "referent")))
    for c in ctx.prep_hits:
        # "وفقاً لما نقلت وكالات أنباء <adjective> عن لجنة التحقيق": the preposition's source is its verb's
        v = next((o for o in occ if o[2] == "verb" and o[0] > c.end and _AFTER_PREP.fullmatch(ctx.text[c.end : o[0]])), None)
        if v is not None and not any(o[0] == c.start for o in occ):
            occ.append((c.start, v[1], "prep", v[3]))
    for c in ctx.prep_hits:
        # a closing "..., حسب الوزارة." with no name: the source named before
        if c.start in explicit or any(o[0] == c.start for o in occ):
            continue
        ref = _referent_after(ctx, c, closing=True)
        if ref is None or ref[1] == ref[0]:
            continue
        src = _referred(ctx, c.start, *ref)
        if src is not None:
            occ.append((c.start, ref[1], "prep", Hit(ref[0], ref[1], src.label, "referent")))
    for a, b in _statements(ctx):
        # "وحمّلت الشبكة في بيان لها ...": the name or referring noun right before a statement speaks,
        # unless a cue named the clause's speaker ("أعلن المركز التابع للوزارة في بيان")
        if any(o[0] < a and not ctx.crosses_clause(o[1], a) for o in occ):
            continue
        src = next((h for h in reversed(ctx.src_hits) if h.end <= a and ctx.words_between(h.end, a) == 0), None)
        if src is not None and _AFFILIATED.search(ctx.text, max(0, src.start - 12), src.start):
            continue  # "مفوضية ... التابعة للأمم المتحدة، في تقرير لها": the body, not its parent
        if src is not None and _APPOSITION.search(ctx.text, max(0, src.start - 8), src.start):
            continue  # "أعلنت لجنة ... وهي هيئة غير حكومية، في بيان": what the body named before is
        if src is None:
            m = re.search(r"([^\s،,.:؛\"«»()]+)\s*$", ctx.text[ctx.ss : a])
            word = m.group(1) if m else ""
            if not word.startswith(("ال", "وال")) or len(word) < 5 or PHRASE_STOP.match(word):
                continue
            ante = ctx.hits.antecedent(a, ctx.text, ctx.doc, word)
            if ante is None:
                continue
            src = Hit(ctx.ss + m.start(1), ctx.ss + m.end(1), ante.label, "referent")
        occ.append((src.start, b, "verb", src))
    for src in ctx.src_hits:  # a headline's "الأمم المتحدة: 731 قتيلا", '"الوزارة": ...' covers its line
        m = re.match(r"[\"'«»“”]?\s*[:：]", ctx.text[src.end : src.end + 4])
        # (a bullet may open the line: '• "<body>": <figure>')
        opens = re.search(r"(?:^|\n)[\s\"'«“•▪·]*$", ctx.text[ctx.ss if src.start >= ctx.ss else 0 : src.start])
        if m and opens and (src.start - opens.start() < 4 or opens.start() == 0 and src.start - ctx.ss < 4):
            occ.append((src.start, src.end + m.end(), "colon", src))
    occ.sort(key=lambda o: o[0])
    for f in figs:
        before = [o for o in occ if o[1] <= f.start]
        chosen = before[-1] if before else None
        if chosen and chosen[2] == "prep" and chosen[3].label in ctx.lex.news_agencies and len(before) > 1 \
                and before[-2][2] == "verb" and (not ctx.crosses_clause(before[-2][1], chosen[0])
                                                 or _ASIDE_OPENS.fullmatch(ctx.text, before[-2][1], chosen[0])):
            # "وقال مدير المنظمة وفقاً لوكالة ... أن"، "وأشارت السلطات، وفقًا لوكالة <agency>، إلى أن": the
            # speaker, not the agency that carried the words
            chosen = before[-2]
        for o in (o for o in occ if o[0] >= f.end):
            if chosen and o[2] == "verb" and any(p.end <= o[0] and _AFTER_PREP.fullmatch(ctx.text[p.end : o[0]])
                                                 for p in ctx.prep_hits):
                break  # "وقالت إن ... 150 ألف شخص -حسب ما نقلت وكالة": who carried the words the speaker said
            if o[2] == "verb" and not ctx.crosses_clause(f.end, o[0]) and ctx.numbers_between(f.end, o[0]) == 0 \
                    and (ctx.words_between(f.end, o[0]) <= _VERB_AFTER_WORDS or _AS_SAID.search(ctx.text, max(0, o[0] - 8), o[0])) \
                    and not (ctx.text[o[0] - 1 : o[0]] == "و" and o[0] > f.end + 1 and ctx.text[o[0] - 2].isspace()
                             and ctx.words_between(f.end, o[0] - 1) > 0) \
                    and not _contrasted(ctx, f.end, o[0]):
                # "بينهم 34 أعلن الجيش": the verb right after the figure (not one that opens a clause of
                # its own with و after the figure's words: "ويواجه ثمانية ملايين شخص خطر المجاعة وتظهر بيانات")
                chosen = o
                break
            if o[2] == "prep" and chosen is None and (
                    not any(g.start >= o[1] for g in figs)
                    or o[3].role != "referent" and not ctx.crosses_clause(f.end, max(f.end, o[0] - 2))
                    and not any(g.start >= o[1] and not ctx.crosses_clause(o[1], g.start) for g in figs)):
                # a closing "..., حسب X." covers the sentence before it; a source named in an aside
                # before another clause ("3155 مهاجراً ... العام الماضي، وفق المنظمة الدولية للهجرة، كما لقي
                # أكثر من ألف") the clause right before it
                chosen = o
                break
        if chosen and chosen[3].label in ctx.lex.news_agencies:
            # "أفادت وكالة <agency> بمصرع 30 ...، نقلا عن وزارة <body>.": the agency carries the words of
            # the one it quotes, closing the sentence
            quoted = [o for o in occ if o[0] >= f.end and o[2] == "prep" and o[3].label not in ctx.lex.news_agencies
                      and _QUOTING.match(ctx.text, o[0]) and not any(g.start >= o[1] for g in figs)]
            if quoted:
                chosen = quoted[0]
        if chosen:
            src = f.speaker = chosen[3]
            f.attribution = src.label
            a, b = ctx.doc.normalized.span(src.start, src.end)
            f.attribution_text = ctx.doc.article.text[a:b]


def _earlier_tally(ctx: Context, pos: int, occ: list) -> bool:
    """Is the subject of the verb at `pos` a tally said with كان before it ("وكانت حصيلة سابقة أشارت إلى
    مقتل 137"، "وكانت الحصيلة الأخيرة التي نشرت في أواخر الشهر قد أشارت إلى"), no source named between
    (not "وكانت حصيلة سابقة أعلنتها السلطات ...، أفادت": the authorities' tally)?
    A count given before, by no one the sentence names: not the last speaker's (docs/annotation.md
    leaves such a figure unattributed, its scope note saying it was an earlier toll)."""
    m = next(iter(reversed(list(_KANA_SUBJECT.finditer(ctx.text, ctx.ss, pos)))), None)  # the last كان
    noun = bare_noun(m.group(1)) if m is not None else ""
    return m is not None and (noun in ctx.lex.report_nouns or "ال" + noun in ctx.lex.report_nouns) \
        and ctx.words_between(m.end(), pos) <= _KANA_GAP and ctx.numbers_between(m.end(), pos) == 0 \
        and not any(m.end() <= h.start < pos for h in ctx.src_hits) and not any(m.end() <= o[0] < pos for o in occ)


def _contrasted(ctx: Context, a: int, b: int) -> bool:
    """A word that sets one source against another (sources.yaml `contrasts`) between a figure and
    a verb after it: "قرابة 2500 قتيل فيما تحدثت الأمم المتحدة عن ..." is not the verb's figure."""
    between = ctx.text[a:b]
    return any(re.search(r"(?<!\S)" + re.escape(w) + r"(?!\S)", between) for w in ctx.lex.contrasts)


def _named_then_titled(between: str) -> bool:
    """Is what lies between a cue verb and a source a person's name and their title, apart by a comma
    ("قالت سارة أحمد، نائبة المفوض السامي ...": the body the title names speaks)?"""
    m = _NAME_COMMA_TITLE.fullmatch(between)
    return m is not None and not any(PHRASE_STOP.match(w) for w in m.group(1).split() + m.group(2).split())


def _speaker_before(ctx: Context, verb: Hit) -> Hit | None:
    """The speaker of the sentence right before, whom a verb of saying with no subject at its start
    goes on with ("وقال التقرير ... (20) ألف شخص.وأفاد أن ... 80%"، "وتابع"، "وأضافت أن"), when the
    verb opens its sentence and agrees with the words that named the speaker (a masculine verb,
    "وأفاد", not with "الوزارة"): not the last source the text named, which may be one that speaker
    quoted or named in passing."""
    if not _OPENS.fullmatch(ctx.text, ctx.ss, verb.start) or (src := ctx.speaker_before()) is None:
        return None
    src = _teller(ctx, src)  # "وقال لرويترز “...”. وأضاف أن": the one who told the agency
    if ctx.lex.verb_gender.get(ctx.text[verb.start : verb.end]) == "m" and _feminine(ctx.text[src.start : src.end]):
        return None
    return src


def _referred(ctx: Context, pos: int, a: int, b: int, named_only: bool = False) -> Hit | None:
    """Who the word text[a:b] after a cue at `pos` names: a source named before (its referring noun,
    a surname, or nothing: the last one named; `named_only`: only one the word names), except that
    a body that names itself (sources.yaml `self_named`: "ذكرت السلطات"، "وقالت الشرطة") is that
    body when no source named before starts with its noun, not whoever was named last."""
    word = ctx.text[a:b]
    if named_only:
        named = ctx.hits.named_by(word, pos, ctx.text, ctx.doc) or ctx.hits.titled(word, pos, ctx.text, ctx.doc)
        if named is not None or bare_noun(word) not in ctx.lex.self_named:
            return named
    if b > a and bare_noun(word) in ctx.lex.self_named:
        same = ctx.hits.named_by(word, pos, ctx.text, ctx.doc)
        if same is not None:
            return same
        x, y = ctx.doc.normalized.span(a, b)
        return Hit(a, b, ctx.doc.article.text[x:y], "referent")
    return ctx.hits.antecedent(pos, ctx.text, ctx.doc, word)


def _teller(ctx: Context, src: Hit) -> Hit:
    """Who "وأضاف أن" goes on with when the last source named is a news agency someone told the words
    ("أفاد مصدر في الشرطة «فرانس برس»"، "وكان مصدر ... أفاد «فرانس برس» بأن"، "قال مسؤول لفرانس برس"):
    the one who told it, named before it; else the source itself."""
    if src.label not in ctx.lex.news_agencies:
        return src
    told = _TOLD.search(ctx.text, max(0, src.start - 30), src.start)
    if told is None:
        return src
    prev = ctx.hits.antecedent(src.start, ctx.text, ctx.doc)
    if prev is None or prev.end > src.start or (told.group(1) is not None and prev.end != told.start()):
        return src
    return prev


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _feminine(name: str) -> bool:
    """Does a source's name (folded) start with a feminine noun (ة, folded ه: الوكالة، وزارة)?"""
    first = name.split()[0] if name.split() else ""
    return first.endswith("ه") and len(first) > 2


def _carried_after(ctx: Context, pos: int, ascribed: bool = False) -> Hit | None:
    """Whom a carrier carries the words of: the speaker named after the عن that follows `pos` (past
    the carrier's name, its quotes or brackets and when it carried them: "ونقلت الوكالة الوطنية
    للإعلام عن فلان قوله"، "نقلت وكالة “رويترز” للأنباء اليوم، الأحد ...، عن مصدرين أمنيين أن"), or
    after إلى for a verb that ascribes words (`ascribed`: "ونسبت وكالة <agency> للانباء إلى فلان قوله");
    a name or referring noun for one named before; None when neither comes before what is said."""
    m = (_TO if ascribed else _FROM).match(ctx.text, pos, ctx.se)
    if m is None or any(_SAID.match(w) or w in _WORDS_OF for w in _ARABIC_WORD.findall(m.group(1))):
        return None
    # the source right after it, or the title after a person's name ("عن الدكتور فلان الفلاني وكيل الوزارة"),
    # not after a quote (ونقل المرصد عن "مصادر داخل أجهزة <body>" أن: the monitor answers for what it relays)
    own = next((h for h in ctx.src_hits if h.start >= m.end() and ctx.words_between(m.end(), h.start) <= _NAME_WORDS
                and not ctx.crosses_clause(m.end(), h.start) and ctx.numbers_between(m.end(), h.start) == 0
                and not any(PHRASE_STOP.match(w) or not w.isalpha() for w in ctx.text[m.end() : h.start].split())), None)
    if own is not None:
        return own
    w = re.match(r"[^\s،,.:؛\"«»()]+", ctx.text[m.end() : ctx.se])
    if w is None or PHRASE_STOP.match(w.group()) or len(w.group()) < 3:
        return None
    # (only a source the word names: "عن مسؤولين" or "عن الحريق" is not whoever was named last)
    ante = _referred(ctx, m.end(), m.end(), m.end() + w.end(), named_only=True)
    return Hit(m.end(), m.end() + w.end(), ante.label, "referent") if ante is not None else None


def _statements(ctx: Context) -> list[tuple[int, int]]:
    """Spans of the statements (sources.yaml `statements`: في بيان لها) in the sentence."""
    if not ctx.lex.statements:
        return []
    pattern = _STATEMENT_RE.get(ctx.lex.statements)
    if pattern is None:
        alts = "|".join(r"\s+".join(map(re.escape, s.split())) for s in ctx.lex.statements)
        pattern = _STATEMENT_RE[ctx.lex.statements] = re.compile(rf"(?<!\S)(?:{alts})(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(ctx.text, ctx.ss, ctx.se)]


_STATEMENT_RE: dict[tuple[str, ...], re.Pattern] = {}


_DEMONSTRATIVE = re.compile(r"(?:هذا|هذه|ذلك|تلك|هاته)")


def _referent_after(ctx: Context, verb: Hit, closing: bool = False) -> tuple[int, int] | None:
    """What follows a cue verb with no named source: a single word that refers back (الوزارة،
    المنظمة، a surname) as its span, the start of what is said (أن، إن، ب) as an empty span."""
    if (q := _QUOTED_NAME.match(ctx.text, verb.end, ctx.se)) is not None:
        return q.span(1)  # "وذكر "فلان" أن": a name in quotes, then what he said
    if re.match(r"\s*(?:[:：]|[\"«“])", ctx.text[verb.end : ctx.se]):
        return (verb.end, verb.end)  # "وأضافت: «...»": what is said starts here
    if verb.label == "verb" and (st := next((b for a, b in _statements(ctx) if a == _skip_space(ctx.text, verb.end)), None)):
        return _referent_after(ctx, Hit(verb.end, st, verb.label, "cue"), closing)  # "وأشارت في بيان إلى أن"
    # (a comma may follow the verb: "وأشارت، إلى أن")
    # (a dash closes an aside: "وقتل في <place> -وفق المنظمة- 817")
    m = re.match(r"\s*(?:[،,]\s*)?([^\s،,.:؛\"«»()\-–]+)", ctx.text[verb.end : ctx.se])
    if m is None:
        return None
    word = m.group(1)
    a, b = verb.end + m.start(1), verb.end + m.end(1)
    if _ADVERB.match(word):
        return _referent_after(ctx, Hit(a, b, verb.label, "cue"), closing)  # "وتؤكد أيضاً أن"
    if _DEMONSTRATIVE.fullmatch(word) and (r := _referent_after(ctx, Hit(a, b, verb.label, "cue"), closing)) \
            and ctx.text[r[0] : r[1]] in ctx.lex.report_nouns:
        return r  # "وبحسب هذه الإحصاءات": the report, whose issuer was named before
    if verb.label == "prep" and (word == "ما" or any(v.start == a for v in ctx.verb_hits)):
        return _referent_after(ctx, Hit(a, b, "prep", "cue"), closing)  # "وحسب ما وثقته الرابطة فإن"
    if _SAID.match(word):
        return (a, a)
    if word in ctx.lex.report_nouns and not any(b <= n <= b + 2 for n, _ in ctx.number_spans):
        # "وأشار التقرير الذي نشر اليوم"، "ويؤكد تقرير اليوم"، "وفق البيان ذاته": its issuer, named
        # before (not "وأظهرت البيانات 24686": data whose issuer the sentence leaves open)
        return (a, b)
    if any(ch.isdigit() for ch in word) or PHRASE_STOP.match(word) or len(word) < 3 or word in ctx.lex.latest:
        return None
    if any(h.start <= a < h.end for h in ctx.q_hits + ctx.e_hits + ctx.place_hits):
        return None
    # the word is named again after it: a source, not a figure's noun (the word before أن/إن/،),
    # also past what it is said to be in brackets ("وقالت المفوضية (تابعة للبرلمان) في تقرير")
    aside = _ASIDE.match(ctx.text, b, ctx.se)
    nxt = _SAYS.match(ctx.text, b, ctx.se) or (_SAYS.match(ctx.text, aside.end(), ctx.se) if aside else None)
    if nxt is None and closing:  # "..., حسب الوزارة." closes the sentence
        nxt = re.match(r"\s*(?:[.؛\n]|$)", ctx.text[b : ctx.se])
    if nxt is None and not closing:
        # a name of two words: "قال عبد الله أمام البرلمان إن"، "لفت عبد الرحمن إلى أن"
        m2 = re.match(r"\s+([^\s،,.:؛\"«»()]+)", ctx.text[b : ctx.se])
        if m2 is not None and len(m2.group(1)) > 1 and not PHRASE_STOP.match(m2.group(1)) \
                and not any(ch.isdigit() for ch in m2.group(1)) and _SAYS.match(ctx.text, b + m2.end(), ctx.se) \
                and not any(h.start < b + m2.end() and a < h.end for h in ctx.q_hits + ctx.e_hits + ctx.place_hits) \
                and ctx.hits.titled(ctx.text[a : b + m2.end()], a, ctx.text, ctx.doc) is not None:
            return (a, b + m2.end())  # (only a person named before with a title: no "سجلت بتسعة أقاليم")
    return (a, b) if nxt else None


def sentence_speaker(ctx: Context) -> Fig:
    """The sentence's speaker as a figure at its end would take it (its `attribution`, its
    `speaker`'s words): of a sentence with no figure, whom what follows may go on with."""
    end = Fig(None, ctx.se, ctx.se)  # type: ignore[arg-type]  # a place, not a figure: only its offsets are read
    attribute(ctx, [end])
    return end


def list_speaker(ctx: Context) -> tuple[str, str, int] | None:
    """The speaker at the end of a sentence that opens a list with a colon ("أعلن المركز في بيان
    أن الغارات أسفرت عن الحصيلة التفصيلية التالية:"), and where the list starts; None if none."""
    return as_source(sentence_speaker(ctx), ctx.se)


def as_source(end: Fig, where: int) -> tuple[str, str, int] | None:
    """(key, words, where) of the speaker `sentence_speaker` found, None if none."""
    return (end.attribution, end.attribution_text, where) if end.attribution else None


def in_list(text: str, start: int, pos: int) -> bool:
    """Is `pos` on a line of the list that opens at `start`: every line from there to its own is an
    item, short (up to `_ITEM_WORDS` words)?"""
    line_end = text.find("\n", pos)
    lines = text[start : line_end if line_end >= 0 else len(text)].split("\n")
    return "\n" in text[start:pos] and all(len(x.split()) <= _ITEM_WORDS for x in lines[1:])


def quote_opens(text: str, start: int, end: int) -> bool:
    """Does text[start:end] leave a quote open ("... أن "الصراع بلغ مستوى جديدا.")?

    Read from its last opening or closing mark (« “ open, » ” close: none, the quote is
    closed), then each straight quote after it turns it over: what reading every letter
    from the start gives, without a step per letter (it is asked of every sentence)."""
    k = max(text.rfind(mark, start, end) for mark in "«“»”")
    opened = k >= 0 and text[k] in "«“"
    return opened != (text.count('"', k + 1 if k >= 0 else start, end) % 2 == 1)


def quote_closes(text: str, start: int, end: int) -> int | None:
    """Where a quote open before `start` closes in text[start:end], or None."""
    m = _CLOSES.search(text, start, end)
    return m.start() if m else None


_CLOSES = re.compile('["»”]')


# a sentence that ends with a colon opens a list (its closing quote aside)
LIST_OPENS = re.compile(r"[:：][\s\"'»”]*$")
_ITEM_WORDS = 12
# a sentence that goes on with the previous one's report: its figures keep that speaker (وبذلك: what
# the figures just given come to, "وبذلك، يبلغ إجمالي عدد الضحايا 4047")
# (a breakdown of the figures before it among them: Lexicon.breakdown_re)
GOES_ON = r"\s*(?:كما|فيما|وبذلك|بذلك|بينما|في\s+حين|ومن\s+بين|من\s+(?:<among>)|<among>|<of>|وتابع|وتابعت|واضاف|واضافت)\b"
# between a subject and its verb: قد, and كان before it after a comma ("اللجنة ...، كانت قد أعلنت")
_QAD = re.compile(r"\s*[،,]?\s*(?:(?:كان|كانت|كانوا)\s+)?قد\s+")
# a name of one to four words (الدكتور <first> <last>), a comma, then a title word or the source itself
_NAME_COMMA_TITLE = re.compile(r"\s+([^\s،,.:؛\"«»()]+(?:\s+[^\s،,.:؛\"«»()]+){0,3})\s*[،,]\s*((?:[^\s،,.:؛\"«»()]+\s+)?)")
_GENDER_TRIES = 4  # sources named before that a masculine verb skips before it gives up
# a source that carries someone's words: "نقلت الوكالة عن ...", past its name, quotes and brackets
# ("ونقلت وكالة «تاس» للأنباء عن"، 'نقلت صحيفة (<name>) <adjective> عن') and when it carried them
_FROM = re.compile(r"((?:[\s\"'«»“”()،,]*[^\s\"'«»“”()،,.:؛]+){0,10}?)[\s\"'«»“”()،,]+عن\s+")
_HONORIFIC_WORDS = 2  # the honorific and a title word before the body's: "مساعد" وزير الصحة
_NAME_WORDS = 4  # a person's name and honorific before their title: الدكتور فلان الفلاني
_TO = re.compile(_FROM.pattern.replace("عن", "الي"))
# an agency told the words: after ل ("لفرانس برس"، "لوكالة") or as the object of a verb right after its
# subject ("<source> أفاد «فرانس برس»"; group 1: that verb, whose subject must end where it starts)
_TOLD = re.compile(r"(?:(?:^|\s)[وف]?ل(?:وكاله\s+)?|(\s+(?:قد\s+)?[^\s،,.:؛\"«»“”()]+\s+))[\"«“]?\s*(?:وكاله\s+)?[\"«“]?$")
_WORDS_OF = {"قوله", "قولها", "قولهم"}  # "نقلت الوكالة قوله عن": what is said has begun
# كان before a subject whose verb comes after قد: "وكان المفوض السامي ...، فلان الفلاني، قد أعلن"
_KANA = re.compile(r"(?<!\S)و?كانت?\s+$")
_KANA_GAP = 15  # words said of a subject after كان before its own verb
_NAME_QAD = re.compile(r"[\s،,]+(?:[^\s،,.:؛]+[\s،,]+){0,2}قد\s+")  # up to 2 words of the subject's name
_KANA_SUBJECT = re.compile(r"(?<!\S)[وف]?(?:بعدما\s+)?كانت?\s+([^\s،,.:؛\"«»()]+)")  # كان and its subject's first word
_KANA_WORD_QAD = re.compile(r"(?<!\S)و?كانت?\s+(ال[^\s،,.:؛\"«»()]{3,})\s+(?:قد\s+)?$")  # قد or not: "وكانت المديرية أعلنت"
# a topic (أما + a source) and the ف that opens what it says (فقد أكد، فأعلن)
# the word that names a body's parent (folded): "التابعة ل" + the parent, whose article may be elided
_AFFILIATED = re.compile(r"(?:^|\s)التابع(?:ه|ين|ون)?\s+ل?$")
_APPOSITION = re.compile(r"(?:^|\s)(?:وهي|وهو|وهم)\s+$")  # "<name> وهي <what it is>"
_AMMA = re.compile(r"(?:^|\s)اما\s+[\"'«“]*$")
_FA = re.compile(r"(?:(?:^|\s)فقد\s+|ف)$")
_AFTER_PREP = re.compile(r"\s*(?:ما)?\s*")  # between a preposition and its verb: "حسب ما نقلت"
# between a cue verb and what it says or who says it: "وتؤكد أيضاً أن"، "التي أعلنت آنذاك عن مقتل"، "بيان
# ... أعلنت فيه كذلك ارتفاع" (and when: "وأضافت أمس الإثنين، أن")
_ADVERB = re.compile(r"^(?:فيه|فيها|ايضا|كذلك|بدوره|بدورها|انذاك|حينها|حينذاك|وقتها|سابقا|لاحقا|مؤخرا|رسميا"
                     r"|امس|اليوم|" + "|".join(WEEKDAYS) + ")$")
# what follows a speaker's name after a cue verb: what is said (أن، إن، :), when or where (في، أمس، أمام،
# على منصة، a day or its time: "وفق ما أعلنت السلطات الثلاثاء،"، "أعلنتها السلطات مساء أمس"; or "also":
# "وقدم فلان أيضاً تقييماً ...، مشيراً إلى أن"; or whom it was told: "وأضاف فلان لنشرة أخبار"،
# "لـ «رويترز»"), or the rise or toll it announces ("والخميس، أعلنت
# اللجنة ارتفاع عدد القتلى"، "أعلنت الوزارة عن حصيلة"; not مقتل: "وثقت <body> مقتل" may be what another speaker reports the body did)
_SAYS = re.compile(r"\s*(?:[،,:\"«“]|[-–]\s*|ان\b|بان\b|فان\b|انه\b|انها\b|الي\b|في\b|خلال\b|امس\b|اليوم\b|امام\b|عبر\b|علي\s+(?:منصه|حساب|موقع)"
                   r"|عن\b|ارتفاع\b|حصيله\b|ال(?:احد|اثنين|ثلاثاء|اربعاء|خميس|جمعه|سبت)\b|(?:مساء|صباح|ظهر|ليل)\b|(?:ايضا|كذلك)\b"
                   r"|ل\s*[\"«“]|ل(?:وكاله|صحيفه|قناه|شبكه|موقع|برنامج|نشره|اذاعه|تلفزيون)\b)")
_QUOTED_NAME = re.compile(r"\s*[\"«“]([^\s\"«»“”]+)[\"»”]\s*(?=ان\b|بان\b|انه\b|انها\b|الي\s+ان)")
_ASIDE = re.compile(r"\s*\([^()\d]{1,40}\)")  # words in brackets after a name: what it is, no figure
_NEGATED = re.compile(r"(?:^|\s)[وف]?(?:لم|لن|لا)\s+$")
_WHAT = re.compile(r"(?:^|\s)ما\s+$")
_ASIDE_OPENS = re.compile(r"[\s،,]*")  # a comma that opens an aside right after a speaker
# a verb that closes what was said before it, however long ("قتل 34 رهينة و15 من الخاطفين ... كما أعلن متحدث")
_AS_SAID = re.compile(r"(?:^|\s)(?:ك|ب?حسب\s*|علي\s+)ما\s+$")
# how far after a figure a verb of saying in its clause is its speaker's ("بينهم 34 أعلن الجيش"): not
# one in a clause said of a noun further on ("رفضت أسر 15 <nationals> ... مقترحاً قدمته شركة <name>")
_VERB_AFTER_WORDS = 8
_OPENS = re.compile(r"[\s\"'«“]*[وف]?")  # what may come before a verb that opens its sentence
_SAID = re.compile(r"^(?:ان|انه|انها|بان|بانه|بانها|الي|:)$")
