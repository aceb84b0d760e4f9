"""Annotated doc → Claims (SPEC §3).

For each figure `numbers.scan()` reads outside page furniture, in its
sentence:

1. drop non-claims: durations, ordinals (`لليوم الـ23`), times, years;
2. quantity: the nearest lexicon trigger (verb/event noun) or counted noun,
   scored by distance in words (a clause boundary or another figure in
   between costs extra; a trigger beats a noun at equal distance);
3. part_of: `بينهم/منهم` links a figure to the nearest earlier one that can
   hold it, `و...` continues a list of parts, `من أصل` points forward;
   a part's words are refined by its whole (`rules/lexicon/quantities.yaml`);
4. population from the counted phrase, then quantity and side defaults;
   event from cues, then defaults (`rules/lexicon/events.yaml`);
5. attribution from cue + source name, modality from cues, as_of from a
   stated `حتى <date>` or the publication date.

With a dependency tree (Stanza backend) the counted noun of a figure comes
from the tree first (`nummod`/`nmod` of or on the number); the lexicon
decides what that noun means. Where tree and lexicon disagree, this rule
decides: the tree's counted noun wins when the lexicon gives it a meaning of
its own (a trigger or counted noun: قتيلا، جريح), and the word scoring
decides when it has none (شخصا) or only a family's (رهينة). Stanza's ORG/PER
entities after a cue become sources the lexicon does not list.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from .backends import AnnotatedDoc
from .lexicon import Hit, Lexicon
from .models import Claim
from .normalize import fold
from .numbers import DateMention, NumberMention, interval, scan

_ORDINAL_PREFIX = re.compile(r"(?:^|\s)[وبل]?(?:ال|لل)$")  # الـ23 after tatweel removal: "ال23"
_PART_CONNECTOR = re.compile(r"(?:^|\s)(?:و?من\s+بينهم|و?بينهم|و?منهم|من\s+هولاء|منهن|بينهن)\s*$")
_PART_CONNECTOR_AFTER = re.compile(r"\s*(?:منهم|منهن|بينهم|منها|بينها)(?![\u0621-\u064a])")
_SHARE_OF = re.compile(r"\s*من\s+(?:ال)?[\u0621-\u064a]+")
_OUT_OF = re.compile(r"\s*من\s+(?:اصل|بين|مجموع)\s*$")
_STOP_WORDS = re.compile(r"(?:معظمهم|غالبيتهم|اغلبهم|اكثرهم|جميعهم|معظمها|غالبيتها)")
# a figure dated by its event: "في اليوم 128 للحرب"، "لليوم الـ23 من العدوان"؛ "مع مرور 14 شهرا على بدء الحرب"
_DAY_OF = re.compile(r"(?:^|\s)(?:في\s+)?(?:ال|لل)?يوم\s*(?:ال)?\s*(\d+)\s+(?:من|ل|لل|عل[ىي])\s*(?:ال)?(?:حرب|عدوان|قصف|هجوم|حصار|ازمه)")
_SINCE_START = re.compile(r"مرور\s+(\d+)\s+(شهرا|اشهر|شهور|يوما|ايام)\s+عل[ىي]\s+(?:بدء|بدايه|اندلاع|انطلاق)")
_YESTERDAY = re.compile(r"(?:^|\s)(?:و)?(اول\s+)?امس(?:\s|$)")
_AS_OF = re.compile(r"(?:حتى|لغايه|حتى\s+تاريخ|حتى\s+يوم|وحتى)\s*$")
_ROLE_COST = {"trigger": 0.0, "noun": 1.5, "generic": 4.0}
_AFTER_REACH = 4  # words after a figure that can still be its counted noun or verb
# a group named before a figure as what is counted: "من الأطفال"، "عدد المدنيين"، "حصيلة الجرحى الأطفال"،
# "في صفوف الجنود" (the words before the group's term; the term itself may carry ال)
_OF_GROUP = re.compile(r"(?:(?:^|\s)و?من\s+|(?:^|\s)(?:عدد|حصيله|اعداد|مجمل\s+عدد|اجمالي\s+عدد|صفوف|"
                       r"القتلى|الشهداء|الجرحى|المصابين|الضحايا|الوفيات)\s+)$")
_NOT_AS_OF = re.compile(r"(?:منذ|قبل|بعد|اعتبارا\s+من|حتى|لغايه)\s*$")
_CLAUSE = re.compile(r"[،,؛;:]")
_WORDS = re.compile(r"[\u0621-\u064a0-9A-Za-z]+")


@dataclass
class _Fig:
    """A figure being turned into a claim: mention, place and what is known so far."""

    m: NumberMention
    start: int  # normalized offsets of the surface
    end: int
    quantity: str = "other"
    quantity_score: float = 99.0
    population: str = "unspecified"
    event: str = ""
    place: str = ""
    scope_note: str = ""
    whole: _Fig | None = None
    attribution: str = ""
    attribution_text: str = ""
    modality: str = "fact"


def extract(doc: AnnotatedDoc, lex: Lexicon) -> list[Claim]:
    art = doc.article
    norm = doc.normalized
    text = norm.text
    nav = sorted((norm.index(a), norm.index(b)) for a, b in art.navigation)
    mentions = [m for m in scan(text, lex.hedges) if not _inside(nav, m.start)]
    starts = [m.start for m in mentions]  # sorted: each sentence takes its slice by bisection
    year_of = _stated_years(mentions)
    hits = _DocHits(lex, text, _numeric_sentences(doc, mentions)) if mentions else None
    # the event type and place the article is mostly about: for figures whose sentence names none
    main_event = hits.main_event() if hits else ""
    main_place = hits.lead_place(text) if hits else ""
    story_group = hits.story_group() if hits else ""
    previous_event = main_event  # the event of the last human figure, for sentences that name none
    last_source: tuple[str, str, int] | None = None  # (key, text, where) of the last sourced figure
    last_whole: _Fig | None = None  # the last figure that is no part, and its index in claims
    last_claim = -1
    claims: list[Claim] = []
    for sent in doc.sentences:
        ss, se = norm.index(sent.start), norm.index(sent.end)
        sent_mentions = mentions[bisect_left(starts, ss) : bisect_left(starts, se)]
        if not sent_mentions:
            opener = _opening_note(doc, hits, text, ss, se) if hits and last_whole is not None else ""
            if opener and not last_whole.scope_note:  # "وتشمل هذه الحصيلة رهائن قتلوا ..." after the figure
                last_whole.scope_note = opener
                claims[last_claim] = replace(claims[last_claim], scope_note=opener)
            continue
        sentence_text = art.text[sent.start : sent.end]
        ctx = _Context(doc, lex, text, ss, se, sent_mentions, hits, previous_event, main_place)
        ctx.story_group = story_group
        figs = [f for f in (ctx.figure(m) for m in sent_mentions if isinstance(m, NumberMention)) if f]
        ctx.figs = figs
        ctx.link_parts(figs)
        for f in figs:
            ctx.classify(f)
            if f.quantity in lex.human and f.event not in ("", "other"):
                previous_event = ctx.previous_event = f.event
        # a count of nothing known (1666 alone, 40 آلية, 19°) is no claim about people
        figs = [f for f in figs if ctx.about_people(f) or any(g.whole is f for g in figs)]
        ctx.attribute(figs)
        opener = ctx.scope_notes(figs)
        if opener and last_whole is not None and not last_whole.scope_note:
            last_whole.scope_note = opener  # "وتشمل هذه الحصيلة ..." qualifies the figure before it
            claims[last_claim] = replace(claims[last_claim], scope_note=opener)
        for f in figs:
            if not f.attribution and last_source and "\n" not in text[last_source[2] : f.start] \
                    and _GOES_ON.match(text, ss):
                # the paragraph's speaker goes on: "وأضافت المنظمة ... . كما تم تسجيل 1858 حالة وفاة"
                f.attribution, f.attribution_text = last_source[0], last_source[1]
            claims.append(_claim(doc, lex, f, sentence_text, ctx))
        wholes = [f for f in figs if f.whole is None and f.quantity in lex.human]
        if wholes:
            last_whole, last_claim = wholes[-1], len(claims) - len(figs) + figs.index(wholes[-1])
        sourced = [f for f in figs if f.attribution]
        if sourced:
            last_source = (sourced[-1].attribution, sourced[-1].attribution_text, sourced[-1].end)
        for m in sent_mentions:
            if isinstance(m, DateMention) and m.day and m.month:
                c = _date_claim(doc, lex, ctx, m, year_of, sentence_text)
                if c:
                    claims.append(c)
    claims.sort(key=lambda c: c.char_start)
    return claims


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Is `pos` in one of the sorted, disjoint `spans`? (Navigation lines: one test per figure.)"""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


# --------------------------------------------------------------------------- per sentence
def _numeric_sentences(doc: AnnotatedDoc, mentions: Sequence) -> list[tuple[int, int]]:
    """Normalized spans of the sentences that hold a figure: the only ones whose words are read."""
    norm = doc.normalized
    starts = [m.start for m in mentions]
    spans = []
    for sent in doc.sentences:
        ss, se = norm.index(sent.start), norm.index(sent.end)
        i = bisect_left(starts, ss)
        if i < len(starts) and starts[i] < se:
            spans.append((ss, se))
    return spans


class _DocHits:
    """Every lexicon's hits in a document, matched once, sliced per sentence.

    The lexicons in `_WHOLE_TEXT` are matched in the whole text; the others
    only in the sentences that hold a figure, a third of a news text.
    """

    _MATCHERS = ("quantities", "population_terms", "sides", "event_cues", "other_cues", "sources",
                 "source_heads", "non_claims", "scope_cues", "cue_prepositions", "cue_verbs", "modality", "places",
                 "people")
    # read beyond the sentences with a figure: the main event, the lead place, the source a
    # later "الوزارة" refers back to, the scope note a sentence with no figure opens with,
    # and the group the article is about (a story group: migrants)
    _WHOLE_TEXT = ("event_cues", "places", "sources", "source_heads", "scope_cues", "population_terms")

    def __init__(self, lex: Lexicon, text: str, spans: Sequence[tuple[int, int]]):
        self._hits = {
            name: getattr(lex, name).find(text) if name in self._WHOLE_TEXT
            else [h for a, b in spans for h in getattr(lex, name).find(text, a, b)]
            for name in self._MATCHERS
        }
        self._starts = {name: [h.start for h in hits] for name, hits in self._hits.items()}
        self._lex = lex

    def main_event(self) -> str:
        """The event the document names most often (a profile's events first), or ""."""
        lex = self._lex
        labels = [h.label for h in self._hits["event_cues"]]
        own = [x for x in labels if x in lex.event_type] or [lex.event_for_type.get(x, x) for x in labels]
        return max(dict.fromkeys(own), key=own.count) if own else ""

    def antecedent(self, pos: int, text: str, doc: AnnotatedDoc) -> Hit | None:
        """The last source named before `pos` in the document: who "الوزارة", "وأضاف" or a bare
        surname (فورار، القدرة) after a cue most likely refers back to."""
        best: Hit | None = None
        i = bisect_left(self._starts["sources"], pos)
        if i:
            best = self._hits["sources"][i - 1]
        for h in reversed(self._hits["source_heads"][: bisect_left(self._starts["source_heads"], pos)]):
            if best is not None and h.start < best.start:
                break
            end = _phrase_end(text, h.start, pos)
            if len(text[h.start:end].split()) >= 2:
                a, b = doc.normalized.span(h.start, end)
                best = Hit(h.start, end, "_".join(doc.article.text[a:b].split()), "head")
                break
        return best

    def story_group(self) -> str:
        """A story group (populations.yaml) the article names more than any other group, or ""."""
        labels = [h.label for h in self._hits["population_terms"] if h.label not in self._lex.nationalities]
        if not labels:
            return ""
        top = max(dict.fromkeys(labels), key=labels.count)
        ties = [x for x in set(labels) if labels.count(x) == labels.count(top)]
        return top if top in self._lex.story_groups and len(ties) == 1 and labels.count(top) >= 2 else ""

    def lead_place(self, text: str, reach: int = 400) -> str:
        """The place the headline and lead are about: the first named in the opening lines."""
        for h in self._hits["places"]:
            if h.start < reach:
                return h.label
        return ""

    def within(self, name: str, start: int, end: int) -> list[Hit]:
        starts = self._starts[name]
        return [h for h in self._hits[name][bisect_left(starts, start) : bisect_left(starts, end)] if h.end <= end]


class _Context:
    """One sentence's lexicon hits and the scoring that uses them."""

    def __init__(self, doc: AnnotatedDoc, lex: Lexicon, text: str, ss: int, se: int, mentions: Sequence, hits: _DocHits,
                 previous_event: str = "", main_place: str = ""):
        self.doc, self.lex, self.text, self.ss, self.se = doc, lex, text, ss, se
        self.mentions = mentions
        self.previous_event = previous_event
        self.main_place = main_place
        self.hits = hits
        self.story_group = ""  # the group the article is about, when it is a story group (migrants)
        self.figs: list[_Fig] = []
        self.place_hits = hits.within("places", ss, se)
        self.nc_hits = hits.within("non_claims", ss, se)
        self.scope_hits = hits.within("scope_cues", ss, se)
        self.people_hits = hits.within("people", ss, se)
        self.head_hits = hits.within("source_heads", ss, se)
        self.q_hits = hits.within("quantities", ss, se)
        self.p_hits = hits.within("population_terms", ss, se)
        self.side_hits = hits.within("sides", ss, se)
        self.e_hits = hits.within("event_cues", ss, se)
        self.o_hits = hits.within("other_cues", ss, se)
        self.src_hits = hits.within("sources", ss, se)
        self.prep_hits = hits.within("cue_prepositions", ss, se)
        self.verb_hits = hits.within("cue_verbs", ss, se)
        self.mod_hits = hits.within("modality", ss, se)
        self.clause_marks = [m.start() + ss for m in _CLAUSE.finditer(text[ss:se])]
        self.number_spans = [(m.start, m.end) for m in mentions]
        self._number_starts = [s for s, _ in self.number_spans]
        self._number_ends = [e for _, e in self.number_spans]
        self._word_runs: tuple[list[int], list[int]] | None = None
        # Stanza's ORG/PER entities are sources too when a cue introduces them and
        # the lexicon does not know them: attribution_text set, key left empty
        norm = doc.normalized
        self.src_hits = self.src_hits + [
            Hit(a, b, "", "entity")
            for a, b in ((norm.index(s), norm.index(e)) for s, e, label in doc.entities if label in ("ORG", "PER"))
            if ss <= a < se and not any(h.start < b and a < h.end for h in self.src_hits)
        ]
        # a source no list names: a phrase that starts with a head word (وزارة، المتحدث، منظمة)
        for h in self.head_hits:
            if any(x.start < h.end and h.start < x.end for x in self.src_hits):
                continue
            end = _phrase_end(text, h.start, se)
            if len(text[h.start:end].split()) < 2:
                continue  # "الوزارة" alone points back to a source named before: not a name
            a, b = doc.normalized.span(h.start, end)
            self.src_hits.append(Hit(h.start, end, "_".join(doc.article.text[a:b].split()), "head"))
        self.src_hits.sort(key=lambda h: h.start)

    # -- helpers (by bisection over the sentence's words and figures: counting them
    # afresh for every figure and word pair made long sentences cubic)
    def words_between(self, a: int, b: int) -> int:
        if b <= a:
            return 0
        if a < self.ss or b > self.se:
            return sum(1 for _ in _WORDS.finditer(self.text, a, b))
        if self._word_runs is None:
            runs = [(m.start(), m.end()) for m in _WORDS.finditer(self.text, self.ss, self.se)]
            self._word_runs = ([r[0] for r in runs], [r[1] for r in runs])
        starts, ends = self._word_runs
        # words that reach into [a, b): the same count as matching _WORDS inside it
        return bisect_left(starts, b) - bisect_right(ends, a)

    def crosses_clause(self, a: int, b: int) -> bool:
        i = bisect_left(self.clause_marks, a)
        return i < len(self.clause_marks) and self.clause_marks[i] < b

    def numbers_between(self, a: int, b: int) -> int:
        # number spans are sorted and disjoint, so their ends are sorted too
        return max(0, bisect_right(self._number_ends, b) - bisect_left(self._number_starts, a))

    def clause_of(self, pos: int) -> tuple[int, int]:
        i = bisect_left(self.clause_marks, pos)
        start = self.clause_marks[i - 1] + 1 if i > 0 else self.ss
        end = self.clause_marks[i] if i < len(self.clause_marks) else self.se
        return start, end

    # -- 1. is it a claim?
    def figure(self, m: NumberMention) -> _Fig | None:
        t = self.text
        before = t[max(self.ss, m.num_start - 12) : m.num_start]
        if m.unit == "count":
            # the noun it counts is a unit or a thing (14 شهرا، 500 منزل): no count of people
            nxt = next((h for h in self.nc_hits if h.start >= m.end), None)
            if nxt is not None and nxt.role in ("units", "things") and self.words_between(m.end, nxt.start) == 0:
                return None
            if _is_year(t, m) and self._after_year_word(m):
                return None
            # a number naming or ordering something (اليوم 128، الكتيبة 601)
            prev = next((h for h in reversed(self.nc_hits) if h.end <= m.num_start), None)
            if (prev is not None and prev.role == "named" and m.hedge == "exact"
                    and self.words_between(prev.end, m.num_start) == 0 and t[m.num_start : m.num_start + 1].isdigit()):
                return None
        if m.hedge == "exact" and _ORDINAL_PREFIX.search(before) and t[m.num_start : m.num_start + 1].isdigit():
            return None  # لليوم الـ23: an ordinal, not a count
        for h in self.src_hits + self.e_hits:
            if h.start <= m.num_start < h.end:
                return None  # part of a name: القناة 12
        return _Fig(m, m.start, m.end)

    def _after_year_word(self, m: NumberMention) -> bool:
        """Right after a year word (عام، حرب، منذ) or after a year joined by و (عامي 2014 و2015)."""
        prev = next((h for h in reversed(self.nc_hits) if h.end <= m.num_start), None)
        if prev is not None and prev.role == "years" and self.words_between(prev.end, m.num_start) <= 1:
            return True
        earlier = next((x for x in reversed(self.mentions) if x.end <= m.num_start), None)
        return (isinstance(earlier, NumberMention) and _is_year(self.text, earlier)
                and re.fullmatch(r"\s*و\s*", self.text[earlier.end : m.num_start]) is not None
                and self._after_year_word(earlier))

    # -- 2. quantity
    def quantity_for(self, f: _Fig) -> tuple[str, float]:
        best: Hit | None = None
        best_score = 99.0
        for h in self.q_hits:
            if h.end <= f.start:
                gap = self.words_between(h.end, f.start)
                a, b = h.end, f.start
            elif h.start >= f.end:
                gap = self.words_between(f.end, h.start)
                a, b = f.end, h.start
                if gap > _AFTER_REACH:
                    if h.role != "trigger":
                        continue
                    gap += 10  # a verb far after the figure: a last resort (... نزحوا)
            else:
                continue
            score = gap + _ROLE_COST[h.role]
            if self.crosses_clause(a, b):
                # words after a figure past a comma belong to the next clause (2350، والجرحى إلى ...)
                score += 3 if h.end <= f.start else 12
            score += 3 * self.numbers_between(a, b)
            if score < best_score:
                best, best_score = h, score
        tree = self.tree_noun_quantity(f)
        if tree:
            return tree, 0.0
        verb = self.predicate_before(f)
        own = self.counted_noun(f)
        if own is not None:
            # the counted noun, unless a verb of its clause says what happened to those it
            # names: "أعدم 13 ألف سجين" (before), "12751 معتقلا قتلوا" (right after the noun)
            after = next((h for h in self.q_hits if h.start >= own.end), None)
            if after is not None and _next_to(self.text, own.end, after.start) and after.label != own.label:
                if after.role == "trigger" and self.text[own.end : after.start].isspace():
                    return after.label, 0.0  # a verb, not a noun joined by و (541 إصابة ووفاة)
                for noun_q, chosen, becomes in self.lex.counted:  # 37 جثة للمختطفين: hostages dead
                    if after.role == "generic" and after.label == noun_q and own.label == chosen:
                        return becomes, 0.0
            if verb is not None:
                for noun_q, chosen, becomes in self.lex.counted:  # الإفراج عن 136 معتقلا: released
                    if own.label == noun_q and verb.label == chosen:
                        return becomes, 0.0
            return (verb or own).label, 0.0
        if verb is not None:
            return verb.label, 0.0
        if best is None:
            return "other", 99.0
        # the figure's own counted noun, when generic, refines the chosen word: جثث 3 رهائن
        noun = next((h for h in self.q_hits if h.start >= f.end and self.words_between(f.end, h.start) == 0), None)
        if noun is not None and noun.role == "generic":
            for noun_q, chosen, becomes in self.lex.counted:
                if noun.label == noun_q and best.label == chosen:
                    return becomes, best_score
        if best.role == "generic":
            # "أفرجت حماس ... عن 105 رهائن": the family's verb earlier in the clause decides
            family = self.lex.family.get(best.label)
            clause_start = self.clause_of(f.start)[0]
            for h in reversed(self.q_hits):
                if clause_start <= h.start and h.end <= f.start and h.role == "trigger" and family and self.lex.family.get(h.label) == family:
                    return h.label, best_score
        return best.label, best_score

    def counted_noun(self, f: _Fig) -> Hit | None:
        """The noun the number counts (its تمييز, right after it: 329 جريحا، 1305 حالة وفاة،
        332 شهيدا وجريحا) when the lexicon gives it a meaning of its own: it decides first."""
        if f.m.unit != "count":
            return None
        for h in self.q_hits:
            if h.start >= f.end:
                return h if h.role != "generic" and _next_to(self.text, f.end, h.start) else None
        return None

    def predicate_before(self, f: _Fig) -> Hit | None:
        """A trigger right before the figure in its clause (أعدم 13 ألف، مقتل 632) that is not
        itself the counted noun of an earlier number (632 وفاة و329 جريحا)."""
        h = next((h for h in reversed(self.q_hits) if h.end <= f.start), None)
        if h is None or h.role != "trigger" or self.words_between(h.end, f.start) != 0 or self.crosses_clause(h.end, f.start):
            return None
        if any(e <= h.start and self.words_between(e, h.start) == 0 for _s, e in self.number_spans):
            return None
        return h

    def tree_noun_quantity(self, f: _Fig) -> str | None:
        """With a parse: the lexicon meaning of the number's counted noun."""
        doc = self.doc
        if not doc.has_tree:
            return None
        for noun in _counted_nouns(doc, f):
            for h in self.q_hits:
                # a generic word (رهينة) names only the family: the scoring decides then
                if h.start <= noun < h.end and h.role != "generic":
                    return h.label
        return None

    # -- 3. parts
    def link_parts(self, figs: list[_Fig]) -> None:
        t = self.text
        for i, f in enumerate(figs):
            before = t[max(self.ss, f.start - 16) : f.start]
            if _OUT_OF.search(before) and i > 0:
                continue  # the whole of "11 من أصل 36": handled on the part below
            after = t[f.end : min(self.se, f.end + 16)]
            nxt = figs[i + 1] if i + 1 < len(figs) else None
            if nxt and re.match(r"\s*[\u0621-\u064a]*\s*من\s+(?:اصل|مجموع)\s*$", t[f.end : nxt.start]):
                f.whole = nxt
                continue
            if _PART_CONNECTOR.search(before) or _PART_CONNECTOR_AFTER.match(after):
                f.whole = self._container(figs[:i], f)
                continue
            if f.m.unit == "percent" and _SHARE_OF.match(after):
                # "67 في المئة من الشهداء": a share of the last whole figure before it
                f.whole = next((w for w in reversed(figs[:i]) if w.m.unit == "count" and w.whole is None), None)
                continue
            prev = figs[i - 1] if i > 0 else None
            if prev and prev.whole and re.fullmatch(r"\s*[،,]?\s*و\s*", t[_prev_phrase_end(t, prev) : f.start] or "x"):
                own = self.population_phrase(f)
                if own and own not in self.lex.nationalities:
                    f.whole = prev.whole  # a list of parts: 2913 طفلا و1709 نساء
            elif prev and prev.whole and self._bare_list_item(prev, f):
                f.whole = prev.whole  # a breakdown: 94 منها في ريف دمشق، و32 في حماة

    def _bare_list_item(self, prev: _Fig, f: _Fig) -> bool:
        """The next item of a breakdown by place (94 منها في ريف دمشق، و32 في حماة): joined to
        the item before by و, with no noun of its own but 'في ...' after it."""
        between = self.text[prev.end : f.start]
        return (re.search(r"(?:^|\s)و\s*$", between) is not None and not any(ch.isdigit() for ch in between)
                and len(between.split()) <= 7 and re.match(r"\s*(?:في|ب)\s", self.text[f.end : f.end + 6]) is not None)

    def _container(self, earlier: list[_Fig], part: _Fig) -> _Fig | None:
        for w in reversed(earlier):
            if w.m.unit != "count" or w.whole is part:
                continue
            if part.m.unit == "percent" or w.m.value >= part.m.value:
                return w
        return None

    # -- 4. population, event
    def population_phrase(self, f: _Fig) -> str | None:
        """Population named right after the figure: 2913 طفلا، 34 من الطواقم الطبية."""
        t = self.text
        pos = f.end
        m = re.match(r"\s*(?:(?:منهم|منهن|بينهم|من\s+بينهم)\s+)?(?:(?:هم\s+)?من\s+)?", t[pos : self.se])
        pos += m.end() if m else 0
        stop = self.se
        clause_end = self.clause_of(pos)[1]
        stop = min(stop, clause_end)
        for s, _e in self.number_spans:
            if s > f.end:
                stop = min(stop, s)
                break
        words = list(_WORDS.finditer(t, pos, stop))[: 6 if f.m.unit == "percent" else 3]  # 70% من الضحايا هم من الأطفال
        if not words:
            return None
        limit = words[-1].end()
        stopper = _STOP_WORDS.search(t, pos, limit)
        if stopper:
            limit = stopper.start()
        labels = []
        for h in self.p_hits:
            inside = f.m.num_start <= h.start < f.end  # a dual noun is its own figure: جنديين
            if (inside or pos <= h.start < limit) and h.label not in labels:
                labels.append(h.label)
        if not labels:
            return None
        for parts, becomes in self.lex.combine:
            if parts <= set(labels):
                return becomes
        subgroups = [x for x in labels if x not in self.lex.nationalities]
        return (subgroups or labels)[0]

    def subgroup_before(self, f: _Fig) -> str | None:
        """A subgroup named earlier in the figure's clause: عدد الشهداء من الأطفال بلغ 15 ألفا.
        Nationalities are not taken from there (الجيش الإسرائيلي is no population)."""
        a, _ = self.clause_of(f.start)
        before = [
            h.label for h in self.p_hits
            if a <= h.start and h.end <= f.start and h.label not in self.lex.nationalities
            and _OF_GROUP.search(self.text, max(a, h.start - 6), h.start)  # "من الأطفال", not "العمليات العسكرية"
        ]
        return before[-1] if before else None

    def sentence_group(self, f: _Fig) -> str | None:
        """The one group the sentence is about, named before the figure when the figure's own
        phrase names none: "غرق قارب يقل مهاجرين ... وفاة 41 شخصا" counts migrants. Only when a
        single group is named in the whole sentence (several: the figure's group is unclear)."""
        names = [h for h in self.src_hits + self.head_hits]
        terms = [h for h in self.p_hits if h.label not in self.lex.nationalities
                 and not any(n.start <= h.start < n.end for n in names)  # مفوضية اللاجئين is a source
                 # a group counted by another figure (بينهم 300 طفل) is that figure's, not the sentence's
                 and not any(e <= h.start and self.words_between(e, h.start) <= 2 for _s, e in self.number_spans)]
        if len({h.label for h in terms}) != 1:
            return None
        before = [h for h in terms if h.end <= f.start and self.words_between(h.end, f.start) <= 12]
        return before[-1].label if before else None

    def side(self, f: _Fig) -> str | None:
        hits = [h for h in self.side_hits if h.end <= f.start] or [h for h in self.side_hits if h.start >= f.end]
        if not hits:
            return None
        return min(hits, key=lambda h: abs(h.start - f.start)).label

    def classify(self, f: _Fig) -> None:
        lex = self.lex
        if f.whole is not None and f.whole.quantity == "other" and f.whole.quantity_score == 99.0:
            self.classify(f.whole)
        q, score = self.quantity_for(f)
        if f.whole is not None:
            wq = f.whole.quantity or self.quantity_for(f.whole)[0]
            if score > 4 or q == "other":
                q = wq
            for wholes, part_q, becomes in lex.refine:
                if wq in wholes and q == part_q:
                    q = becomes
                    break
        f.quantity, f.quantity_score = q, score
        human = q in lex.human
        pop = self.population_phrase(f) or self.subgroup_before(f)
        if pop is None and f.whole is not None and f.whole.population != "unspecified":
            pop = f.whole.population
        if pop is None and human and q not in lex.no_sides and f.whole is None and not any(g.whole is f for g in self.figs):
            pop = self.sentence_group(f)
        # a side phrase says whose figure it is, except for quantities counted where
        # people are rather than by side (hostages: taxonomy.yaml `sides: false`)
        if pop is None and human and q not in lex.no_sides:
            pop = self.side(f)
        # event: fixed by the quantity, a window cue, a cue in the figure's own
        # clause, its whole's event, a cue elsewhere in the sentence, defaults
        event = lex.quantity_event.get(q, "")
        if not event and human and self._window(f):
            event = "other"
        if not event:
            event = self._event_cue(f, q, clause_only=True, own=True) or ""
        if not event and f.whole is not None and f.whole.event:
            event = f.whole.event
        if not event:
            event = self._event_cue(f, q, own=True) or ""
        if not event:
            event = lex.event_for_quantity.get(q) or (lex.event_for_population.get(pop or "") if human else "") or ""
        if not event:  # a generic type (زلزال، فيضانات) after a story's own events and conventions
            event = self._event_cue(f, q, clause_only=True) or self._event_cue(f, q) or ""
        if not event and human and self.previous_event:
            event = self.previous_event  # "وأضاف أن 70% ..." goes on about the figures before it
        if not event:
            event = "other"
        etype = lex.event_type.get(event, event)
        for ev, q_from, becomes in lex.by_event:
            if ev == etype and f.quantity == q_from:
                f.quantity = becomes  # an injury in an epidemic is an infection
        if pop is None and human:
            # the event's own population by a profile's convention, else the general toll
            pop = (lex.event_population.get(event) or self.story_group
                   or ("all" if event != "other" or self.previous_event else None))
        f.population = pop or "unspecified"
        f.event = event
        f.place = lex.event_place.get(event, self._place(f, event)) if human else ""
        f.modality = self._modality(f)

    def date_event(self, m: DateMention) -> str | None:
        """The event a date is the date of: a cue around it (هجمات 7 أكتوبر, هجوم بري اعتبارا من 27 أكتوبر)."""
        event, best = None, None
        for h in self.e_hits:
            if h.start <= m.start < h.end or m.start <= h.start < m.end:
                if h.end - h.start > m.end - m.start:
                    return self.lex.event_for_type.get(h.label, h.label)  # inside a cue like "هجمات 7 أكتوبر"
                continue
            a, b = min(h.end, m.end), max(h.start, m.start)
            if self.crosses_clause(a, b) or self.words_between(a, b) > 4:
                continue
            d = m.start - h.end if h.end <= m.start else h.start - m.end
            d += 0 if h.label in self.lex.event_type else 1000  # a story's own event before a generic type
            if best is None or d < best:
                event, best = h.label, d
        if event is None or event not in self.lex.event_type:
            # no story cue, but a story event's own day (في 7 أكتوبر) in a year that fits it;
            # the first such event of the profile (the 7 October attack before the war)
            event = next((ev for ev, d in self.lex.event_dates.items()
                          if (d.month, d.day) == (m.month, m.day) and m.year in (None, d.year)), event)
        return self.lex.event_for_type.get(event, event) if event else None

    def _place(self, f: _Fig, event: str) -> str:
        """The place named in the figure's clause (nearest), else its event's own place by a
        profile's convention (the war's figures are Gaza's), else the one the lead is about."""
        a, b = self.clause_of(f.start)
        own = [h for h in self.place_hits if a <= h.start < b]
        if own:
            return min(own, key=lambda h: abs(h.start - f.start)).label
        return self.lex.event_default_place.get(event) or self.main_place

    def _window(self, f: _Fig) -> bool:
        """A window or place cue in the figure's clause, or earlier in its sentence."""
        a, b = self.clause_of(f.start)
        return any(a <= h.start < b or h.end <= f.start for h in self.o_hits)

    def _event_cue(self, f: _Fig, quantity: str, clause_only: bool = False, own: bool = False) -> str | None:
        """The nearest event cue (`own`: only a story profile's own events)."""
        best, best_d = None, None
        a, b = self.clause_of(f.start)
        for h in self.e_hits:
            if clause_only and not (a <= h.start < b):
                continue
            if own and h.label not in self.lex.event_type:
                continue
            allowed = self.lex.event_only_for.get(h.label)
            if allowed is not None and quantity not in allowed:
                continue
            d = f.start - h.end if h.end <= f.start else h.start - f.end
            d = max(d, 0) + (200 if self.crosses_clause(min(h.end, f.end), max(h.start, f.start)) else 0)
            if best_d is None or d < best_d:
                best, best_d = h.label, d
        return self.lex.event_for_type.get(best, best) if best else best

    def _modality(self, f: _Fig) -> str:
        a, b = self.clause_of(f.start)
        for h in self.mod_hits:  # نفى الهلال الأحمر وصول الحصيلة إلى 11 ألفا
            if h.label == "denial" and h.end <= f.start and self.words_between(h.end, f.start) <= 8:
                return "denial"
        for h in self.mod_hits:
            if h.label == "proposal" and (h.end <= f.start or a <= h.start < b):
                return "proposal"
        for h in self.mod_hits:
            if h.label == "estimate" and a <= h.start and h.end <= f.start:
                return "estimate"
        return "fact"

    def about_people(self, f: _Fig) -> bool:
        """Whether a figure is a claim about people: it has a quantity, a group, a part in a
        whole, or it counts people (شخصا، نسمة، حالة، a group's word) right after it."""
        if f.quantity != "other" or f.population != "unspecified" or f.whole is not None or f.m.unit != "count":
            return True
        words = self.people_hits + self.p_hits + self.q_hits
        if any(f.m.num_start < h.start < f.end for h in words):
            return True  # its noun inside the figure's span (79 شخصا على الأقل)
        nearest = min((h for h in words if h.start >= f.end), key=lambda h: h.start, default=None)
        return nearest is not None and self.words_between(f.end, nearest.start) <= 1 \
            and not self.crosses_clause(f.end, nearest.start)

    # -- scope notes
    def scope_notes(self, figs: list[_Fig]) -> str:
        """Set each figure's scope note from a cue after it in its sentence (632 وفاة في حصيلة
        أولية، 51 إصابة خطيرة). Returns the note of a cue that opens the sentence, for the
        figure before it (وتشمل هذه الحصيلة رهائن قتلوا ...)."""
        opener = ""
        for h in self.scope_hits:
            note = self._note_text(h)
            before = [f for f in figs if f.end <= h.start]
            if not before:
                if self.words_between(self.ss, h.start) <= 1:
                    opener = note
                continue
            if h.label == "provisional":  # "... في حصيلة أولية": every whole figure before it
                for g in before:
                    if g.whole is None and not g.scope_note:
                        g.scope_note = note
                continue
            f = before[-1]
            if f.whole is not None and h.label != "condition" and f.whole in figs:
                f = f.whole  # "بينهم 20 طفلا، وتشمل الحصيلة ..." qualifies the whole
            if self.words_between(f.end, h.start) <= 8 and not f.scope_note:
                f.scope_note = note
        return opener

    def _note_text(self, h: Hit) -> str:
        end = self.se
        m = re.search(r"[،,.؛;:\n]", self.text[h.end : self.se])
        if m:
            end = h.end + m.start()
        words = list(re.finditer(r"\S+", self.text[h.start : end]))[:14]
        end = h.start + words[-1].end() if words else h.end
        a, b = self.doc.normalized.span(h.start, end)
        return self.doc.article.text[a:b].strip()

    # -- 5. attribution
    def attribute(self, figs: list[_Fig]) -> None:
        """Who said it: cue + known source name, applied by cue type (see sources.yaml)."""
        occ: list[tuple[int, int, str, Hit]] = []  # (start, end, kind, source)
        for cues, kind, reach in ((self.prep_hits, "prep", 5), (self.verb_hits, "verb", 3)):
            for c in cues:
                for src in self.src_hits:
                    if src.start >= c.end and self.words_between(c.end, src.start) <= reach and not self.crosses_clause(c.end, src.start):
                        occ.append((c.start, src.end, kind, src))
                        break
        for src in self.src_hits:  # subject before its verb: "حماس ردت", "الجيش أعلن"
            for c in self.verb_hits:
                if c.start >= src.end and self.words_between(src.end, c.start) == 0:
                    occ.append((src.start, c.end, "verb", src))
        explicit = {o[0] for o in occ} | {o[1] for o in occ}
        for c in self.verb_hits:
            # a verb whose speaker was named before: "وأفاد المركز"، "وقال القدرة إن"، "وأضافت أن"
            if c.start in explicit or c.end in explicit:
                continue
            ref = self._referent_after(c)
            if ref is None:
                continue
            src = self.hits.antecedent(c.start, self.text, self.doc)
            if src is not None:
                a, b = ref if ref[1] > ref[0] else (src.start, src.end)
                occ.append((c.start, b if b > c.end else c.end, "verb", Hit(a, b, src.label, "referent")))
        for src in self.src_hits:  # a headline's "الأمم المتحدة: 731 قتيلا" covers its line
            m = re.match(r"\s*[:：]", self.text[src.end : src.end + 3])
            if m and (src.start == self.ss or self.text[max(0, src.start - 1)] in "\n"):
                occ.append((src.start, src.end + m.end(), "colon", src))
        occ.sort(key=lambda o: o[0])
        for f in figs:
            before = [o for o in occ if o[1] <= f.start]
            chosen = before[-1] if before else None
            for o in (o for o in occ if o[0] >= f.end):
                if o[2] == "verb" and not self.crosses_clause(f.end, o[0]) and self.numbers_between(f.end, o[0]) == 0:
                    chosen = o  # "بينهم 34 أعلن الجيش": the verb right after the figure
                    break
                if o[2] == "prep" and chosen is None and not any(g.start >= o[1] for g in figs):
                    chosen = o  # a closing "..., حسب X." covers the sentence before it
                    break
            if chosen:
                src = chosen[3]
                f.attribution = src.label
                a, b = self.doc.normalized.span(src.start, src.end)
                f.attribution_text = self.doc.article.text[a:b]

    def _referent_after(self, verb: Hit) -> tuple[int, int] | None:
        """What follows a cue verb with no named source: a single word that refers back (الوزارة،
        المنظمة، a surname) as its span, the start of what is said (أن، إن، ب) as an empty span."""
        m = re.match(r"\s*([^\s،,.:؛\"«»()]+)", self.text[verb.end : self.se])
        if m is None:
            return None
        word = m.group(1)
        a, b = verb.end + m.start(1), verb.end + m.end(1)
        if _SAID.match(word):
            return (a, a)
        if any(ch.isdigit() for ch in word) or _PHRASE_STOP.match(word) or len(word) < 3:
            return None
        if any(h.start <= a < h.end for h in self.q_hits + self.e_hits + self.place_hits):
            return None
        # the word is named again after it: a source, not a figure's noun (the word before أن/إن/،)
        nxt = re.match(r"\s*(?:[،,]|ان\b|بان\b|انه\b|انها\b|في\b|خلال\b|امس\b|اليوم\b)", self.text[b : self.se])
        return (a, b) if nxt else None


_PHRASE_STOP = re.compile(r"^(?:ان|بان|انه|انها|الي|على|عن|اليوم|امس|مساء|صباح|ليل|ليله|فجر|ظهر|الاحد|الاثنين|الثلاثاء|"
                          r"الاربعاء|الخميس|الجمعه|السبت|حتى|خلال|بعد|قبل|منذ|الذي|التي|الذين|فيما|بينما|كما|وقال|وقالت|"
                          r"ارتفاع|تراجع|انخفاض|حصيله|عدد|مقتل|وفاه|اصابه|تسجيل|استشهاد|ان|بان|عن)$")
_PHRASE_WORDS = 5
# a sentence that goes on with the previous one's report: its figures keep that speaker
_GOES_ON = re.compile(r"\s*(?:كما|فيما|بينما|في\s+حين|ومن\s+بين|من\s+بينهم|بينهم|منهم|وتابع|وتابعت|واضاف|واضافت)\b")
_SAID = re.compile(r"^(?:ان|انه|انها|بان|بانه|بانها|الى|:)$")


def _phrase_end(text: str, start: int, limit: int) -> int:
    """End of a source phrase from its head word: up to 5 words, before punctuation, a number,
    a time word or the start of what is said (أن)."""
    end = start
    for n, m in enumerate(re.finditer(r"\S+", text[start:limit])):
        word = m.group()
        core = word.strip("،,.:؛;\"«»()[]")
        if n >= _PHRASE_WORDS or not core or any(ch.isdigit() for ch in core):
            break
        if n > 0 and _PHRASE_STOP.match(core.removeprefix("و") if core.startswith("و") and len(core) > 3 else core):
            break
        end = start + m.start() + len(word.rstrip("،,.:؛;\"«»()[]"))
        if core != word.rstrip("،,.:؛;\"«»()[]") or word[-1] in "،,.:؛;\"«»()[]":
            break
    return end


_CLITICS_ONLY = re.compile(r"\s*(?:وبال|وال|بال|فال|لل|ال|و|ف|ب|ل|ك)?")


def _next_to(text: str, a: int, b: int) -> bool:
    """Nothing but space and a proclitic between a and b (جثة للمختطفين، 329 جريحا)."""
    return _CLITICS_ONLY.fullmatch(text, a, b) is not None


def _opening_note(doc: AnnotatedDoc, hits: _DocHits, text: str, ss: int, se: int) -> str:
    """The scope note a sentence with no figure opens with, or ""."""
    for h in hits.within("scope_cues", ss, se):
        if h.label != "condition" and len(text[ss : h.start].split()) <= 1:
            m = re.search(r"[،,.؛;:\n]", text[h.end : se])
            end = h.end + m.start() if m else se
            a, b = doc.normalized.span(h.start, end)
            return doc.article.text[a:b].strip()
    return ""


def _is_year(text: str, m: NumberMention) -> bool:
    digits = text[m.num_start : m.end]
    return m.hedge == "exact" and len(digits) == 4 and digits.isdigit() and 1900 <= m.value <= 2100


def _prev_phrase_end(t: str, prev: _Fig) -> int:
    """End of the counted noun phrase of `prev` (2913 طفلا| و1709 نساء)."""
    m = re.match(r"\s*[\u0621-\u064a]+(?:\s+و[\u0621-\u064a]+)?", t[prev.end :])
    return prev.end + (m.end() if m else 0)


def _counted_nouns(doc: AnnotatedDoc, f: _Fig) -> list[int]:
    """Normalized offsets of the nouns a number counts in the dependency tree."""
    norm = doc.normalized
    out = []
    toks = doc.tokens
    for i, tok in enumerate(toks):
        ts = norm.index(tok.start)
        if not (f.m.num_start <= ts < f.end):
            continue
        if tok.head is not None and tok.deprel in ("nummod", "nmod", "det", "amod") and 0 <= tok.head < len(toks):
            out.append(norm.index(toks[tok.head].start))
        for dep in toks:
            if dep.head == i and dep.deprel in ("nmod", "nmod:poss", "obl", "nsubj", "obj"):
                out.append(norm.index(dep.start))
    return out


# --------------------------------------------------------------------------- claims
def _claim(doc: AnnotatedDoc, lex: Lexicon, f: _Fig, sentence: str, ctx: _Context) -> Claim:
    art = doc.article
    a, b = doc.normalized.span(f.start, f.end)
    low, high = interval(
        f.m.value, f.m.hedge, f.m.rounding, lex.setting("approx_tolerance"), lex.setting("bound_units"), high=f.m.high
    )
    as_of, as_of_note = _as_of(ctx, f)
    whole_id = ""
    if f.whole is not None:
        wa, _ = doc.normalized.span(f.whole.start, f.whole.end)
        whole_id = f"{art.id}:{wa}"
    return Claim(
        claim_id=f"{art.id}:{a}",
        article_id=art.id,
        outlet=art.outlet,
        published=art.published,
        as_of=as_of,
        quantity=f.quantity,
        population=f.population,
        event=f.event,
        place=f.place,
        unit=f.m.unit,
        value=f.m.value,
        hedge=f.m.hedge,
        low=low,
        high=high,
        modality=f.modality,
        attribution=f.attribution,
        attribution_text=f.attribution_text,
        part_of=whole_id,
        scope_note=f.scope_note,
        sentence=sentence,
        surface=art.text[a:b],
        char_start=a,
        char_end=b,
        as_of_note=as_of_note,
        rounding=f.m.rounding,
        context=fold(sentence),
    )


def _as_of(ctx: _Context, f: _Fig) -> tuple[date | None, str]:
    """The date a figure is stated for, and how it was found (the claim's `as_of_note`):
    `حتى <date>` in its clause, else a full date in its sentence that dates no event and
    starts no window (منذ، قبل، بعد); else inferred from its sentence: the day or month of its
    event (في اليوم 128 للحرب، مع مرور 14 شهرا على بدء الحرب, from the event's date in
    rules/), yesterday (أمس، against the publication date); else the publication date."""
    a, b = ctx.clause_of(f.start)
    dates = [m for m in ctx.mentions if isinstance(m, DateMention) and m.day and m.month and m.year]
    for m in dates:
        if a <= m.start < b and _AS_OF.search(ctx.text, max(0, m.start - 12), m.start):
            return _safe_date(m.year, m.month, m.day), "stated"
    for m in dates:
        if not _NOT_AS_OF.search(ctx.text, max(0, m.start - 14), m.start) and ctx.date_event(m) is None:
            return _safe_date(m.year, m.month, m.day), "stated"
    sentence = ctx.text[ctx.ss : ctx.se]
    start = ctx.lex.event_dates.get(f.event)
    if start is not None:
        m = _DAY_OF.search(sentence)
        if m and 0 < int(m.group(1)) < 5000:
            return start + timedelta(days=int(m.group(1)) - 1), f"day {m.group(1)} of {f.event}"
        m = _SINCE_START.search(sentence)
        if m and 0 < int(m.group(1)) < 600:
            n, unit = int(m.group(1)), m.group(2)
            if unit.startswith(("شهر", "اشهر", "شهور")):
                month = start.month - 1 + n
                d = _safe_date(start.year + month // 12, month % 12 + 1, min(start.day, 28))
            else:
                d = start + timedelta(days=n)
            return d, f"{n} {'months' if unit.startswith(('شهر', 'اشهر', 'شهور')) else 'days'} after the start of {f.event}"
    published = ctx.doc.article.published
    if published is not None:
        m = _YESTERDAY.search(ctx.text, a, b) or _YESTERDAY.search(sentence)
        if m:
            back = 2 if m.group(1) else 1
            return published - timedelta(days=back), "the day before publication" if back == 1 else "two days before publication"
        return published, "publication date"
    return None, ""


def _stated_years(mentions: Sequence) -> dict[tuple[int, int], int]:
    years: dict[tuple[int, int], int] = {}
    for m in mentions:
        if isinstance(m, DateMention) and m.day and m.month and m.year:
            years.setdefault((m.month, m.day), m.year)
    return years


def _date_claim(doc: AnnotatedDoc, lex: Lexicon, ctx: _Context, m: DateMention, year_of: dict, sentence: str) -> Claim | None:
    """A date is a claim when it dates an event: a cue near it, or the event's own day."""
    event = ctx.date_event(m)
    if event is None:
        return None
    year = m.year or _infer_year(m, doc.article.published, year_of, lex.event_dates.get(event))
    if year is None:
        return None
    value = _safe_date(year, m.month, m.day)
    if value is None:
        return None
    art = doc.article
    a, b = doc.normalized.span(m.start, m.end)
    surface = art.text[a:b]
    return Claim(
        claim_id=f"{art.id}:{a}", article_id=art.id, outlet=art.outlet, published=art.published,
        as_of=art.published, quantity="other", population="unspecified", event=event, place="", unit="date",
        as_of_note="publication date" if art.published else "",
        value=value, hedge="exact", low=value, high=value, modality="fact", attribution="",
        attribution_text="", part_of="", scope_note="", sentence=sentence, surface=surface, char_start=a, char_end=b,
        context=fold(sentence),
    )


def _infer_year(m: DateMention, published: date | None, year_of: dict, event_date: date | None) -> int | None:
    if published:
        # the latest such day not after publication (الماضي says so; news mostly looks back)
        y = published.year
        if (m.month, m.day) > (published.month, published.day) and m.relative != "current":
            y -= 1
        return y
    if (m.month, m.day) in year_of:
        return year_of[(m.month, m.day)]
    if event_date and (event_date.month, event_date.day) == (m.month, m.day):
        return event_date.year
    return None


def _safe_date(y: int, mth: int, d: int) -> date | None:
    try:
        return date(y, mth, d)
    except ValueError:
        return None
