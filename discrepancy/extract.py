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
from dataclasses import dataclass
from datetime import date

from .backends import AnnotatedDoc
from .lexicon import Hit, Lexicon
from .models import Claim
from .normalize import fold
from .numbers import DateMention, NumberMention, interval, scan

_DURATION = re.compile(
    r"\s*(?:[وبل]?(?:دقيقه|دقايق|دقيقتين|ساعه|ساعات|ساعتين|يوم|يوما|ايام|يومين|اسبوع|اسبوعا|اسابيع|اسبوعين|"
    r"شهر|شهرا|اشهر|شهور|شهرين|سنه|سنوات|سنين|عام|عاما|اعوام|عامين|قرن|قرنا|قرون|عقد|عقود|عقدا|كيلومتر|كيلومترا|كلم|كم|متر|مترا|دولار|دولارا|يورو|شيكل|طن|اطنان|طنا)"
    r"(?![\u0621-\u064a]))"
)
_DURATION_BEFORE = re.compile(r"(?:مدته|مدتها|لمده|مده|طوال|خلال|بعد|قبل|منذ)\s*$")
_ORDINAL_PREFIX = re.compile(r"(?:^|\s)[وبل]?(?:ال|لل)$")  # الـ23 after tatweel removal: "ال23"
_PART_CONNECTOR = re.compile(r"(?:^|\s)(?:و?من\s+بينهم|و?بينهم|و?منهم|من\s+هولاء|منهن|بينهن)\s*$")
_PART_CONNECTOR_AFTER = re.compile(r"\s*(?:منهم|منهن|بينهم)(?![\u0621-\u064a])")
_SHARE_OF = re.compile(r"\s*من\s+(?:ال)?[\u0621-\u064a]+")
_OUT_OF = re.compile(r"\s*من\s+(?:اصل|بين|مجموع)\s*$")
_STOP_WORDS = re.compile(r"(?:معظمهم|غالبيتهم|اغلبهم|اكثرهم|جميعهم|معظمها|غالبيتها)")
_AS_OF = re.compile(r"(?:حتى|لغايه|حتى\s+تاريخ|حتى\s+يوم|وحتى)\s*$")
_ROLE_COST = {"trigger": 0.0, "noun": 1.5, "generic": 4.0}
_AFTER_REACH = 4  # words after a figure that can still be its counted noun or verb
_NATIONALITIES = frozenset({"israeli", "palestinian"})
_OF_GROUP = re.compile(r"(?:^|\s)و?من\s+$")
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
    hits = _DocHits(lex, text) if mentions else None
    previous_event = ""  # the event of the last human figure, for sentences that name none
    claims: list[Claim] = []
    for sent in doc.sentences:
        ss, se = norm.index(sent.start), norm.index(sent.end)
        sent_mentions = mentions[bisect_left(starts, ss) : bisect_left(starts, se)]
        if not sent_mentions:
            continue
        sentence_text = art.text[sent.start : sent.end]
        ctx = _Context(doc, lex, text, ss, se, sent_mentions, hits, previous_event)
        figs = [f for f in (ctx.figure(m) for m in sent_mentions if isinstance(m, NumberMention)) if f]
        ctx.link_parts(figs)
        for f in figs:
            ctx.classify(f)
            if f.quantity in lex.human and f.event not in ("", "other"):
                previous_event = ctx.previous_event = f.event
        ctx.attribute(figs)
        for f in figs:
            claims.append(_claim(doc, lex, f, sentence_text, ctx))
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
class _DocHits:
    """Every lexicon's hits in a document, matched once, sliced per sentence."""

    _MATCHERS = ("quantities", "population_terms", "sides", "event_cues", "other_cues", "sources",
                 "cue_prepositions", "cue_verbs", "modality")

    def __init__(self, lex: Lexicon, text: str):
        self._hits = {name: getattr(lex, name).find(text) for name in self._MATCHERS}
        self._starts = {name: [h.start for h in hits] for name, hits in self._hits.items()}

    def within(self, name: str, start: int, end: int) -> list[Hit]:
        starts = self._starts[name]
        return [h for h in self._hits[name][bisect_left(starts, start) : bisect_left(starts, end)] if h.end <= end]


class _Context:
    """One sentence's lexicon hits and the scoring that uses them."""

    def __init__(self, doc: AnnotatedDoc, lex: Lexicon, text: str, ss: int, se: int, mentions: Sequence, hits: _DocHits,
                 previous_event: str = ""):
        self.doc, self.lex, self.text, self.ss, self.se = doc, lex, text, ss, se
        self.mentions = mentions
        self.previous_event = previous_event
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
        if m.unit == "count" and _DURATION.match(t, m.end):
            return None
        if m.unit == "count" and _DURATION_BEFORE.search(before) and _DURATION.match(t, m.end):
            return None
        if m.hedge == "exact" and _ORDINAL_PREFIX.search(before) and t[m.num_start : m.num_start + 1].isdigit():
            return None  # لليوم الـ23: an ordinal, not a count
        for h in self.src_hits + self.e_hits:
            if h.start <= m.num_start < h.end:
                return None  # part of a name: القناة 12
        return _Fig(m, m.start, m.end)

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
                score += 3
            score += 3 * self.numbers_between(a, b)
            if score < best_score:
                best, best_score = h, score
        tree = self.tree_noun_quantity(f)
        if tree:
            return tree, 0.0
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
                if own and own not in ("israeli", "palestinian"):
                    f.whole = prev.whole

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
        subgroups = [x for x in labels if x not in _NATIONALITIES]
        return (subgroups or labels)[0]

    def subgroup_before(self, f: _Fig) -> str | None:
        """A subgroup named earlier in the figure's clause: عدد الشهداء من الأطفال بلغ 15 ألفا.
        Nationalities are not taken from there (الجيش الإسرائيلي is no population)."""
        a, _ = self.clause_of(f.start)
        before = [
            h.label for h in self.p_hits
            if a <= h.start and h.end <= f.start and h.label not in _NATIONALITIES
            and _OF_GROUP.search(self.text, max(a, h.start - 6), h.start)  # "من الأطفال", not "العمليات العسكرية"
        ]
        return before[-1] if before else None

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
        # a side phrase (في قطاع غزة) says where hostages are, not who: by the convention
        # they take their event's population (israeli) unless their phrase names a group
        if pop is None and human and lex.family.get(q) != "hostages":
            pop = self.side(f)
        # event: fixed by the quantity, a window cue, a cue in the figure's own
        # clause, its whole's event, a cue elsewhere in the sentence, defaults
        event = lex.quantity_event.get(q, "")
        if not event and human and self._window(f):
            event = "other"
        if not event:
            event = self._event_cue(f, q, clause_only=True) or ""
        if not event and f.whole is not None and f.whole.event:
            event = f.whole.event
        if not event:
            event = self._event_cue(f, q) or ""
        if not event:
            event = lex.event_for_quantity.get(q) or (lex.event_for_population.get(pop or "") if human else "") or ""
        if not event and human and self.previous_event:
            event = self.previous_event  # "وأضاف أن 70% ..." goes on about the figures before it
        if not event:
            event = "other"
        if pop is None and human:
            pop = lex.event_population.get(event)
        f.population = pop or "unspecified"
        f.event = event
        f.modality = self._modality(f)

    def date_event(self, m: DateMention) -> str | None:
        """The event a date is the date of: a cue around it (هجمات 7 أكتوبر, هجوم بري اعتبارا من 27 أكتوبر)."""
        event, best = None, None
        for h in self.e_hits:
            if h.start <= m.start < h.end or m.start <= h.start < m.end:
                if h.end - h.start > m.end - m.start:
                    return h.label  # the date is inside a cue like "هجمات 7 أكتوبر"
                continue
            a, b = min(h.end, m.end), max(h.start, m.start)
            if self.crosses_clause(a, b) or self.words_between(a, b) > 4:
                continue
            d = m.start - h.end if h.end <= m.start else h.start - m.end
            if best is None or d < best:
                event, best = h.label, d
        if event is None:
            # no cue, but an event's own day (في 7 أكتوبر) in a year that fits it; the
            # first such event in taxonomy.yaml (the 7 October attack before the war)
            event = next((ev for ev, d in self.lex.event_dates.items()
                          if (d.month, d.day) == (m.month, m.day) and m.year in (None, d.year)), None)
        return event

    def _window(self, f: _Fig) -> bool:
        """A window or place cue in the figure's clause, or earlier in its sentence."""
        a, b = self.clause_of(f.start)
        return any(a <= h.start < b or h.end <= f.start for h in self.o_hits)

    def _event_cue(self, f: _Fig, quantity: str, clause_only: bool = False) -> str | None:
        best, best_d = None, None
        a, b = self.clause_of(f.start)
        for h in self.e_hits:
            if clause_only and not (a <= h.start < b):
                continue
            allowed = self.lex.event_only_for.get(h.label)
            if allowed is not None and quantity not in allowed:
                continue
            d = f.start - h.end if h.end <= f.start else h.start - f.end
            d = max(d, 0) + (200 if self.crosses_clause(min(h.end, f.end), max(h.start, f.start)) else 0)
            if best_d is None or d < best_d:
                best, best_d = h.label, d
        return best

    def _modality(self, f: _Fig) -> str:
        a, b = self.clause_of(f.start)
        for h in self.mod_hits:
            if h.label == "proposal" and (h.end <= f.start or a <= h.start < b):
                return "proposal"
        for h in self.mod_hits:
            if h.label == "estimate" and a <= h.start and h.end <= f.start:
                return "estimate"
        return "fact"

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
    as_of = _as_of(ctx, f) or art.published
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
        unit=f.m.unit,
        value=f.m.value,
        hedge=f.m.hedge,
        low=low,
        high=high,
        modality=f.modality,
        attribution=f.attribution,
        attribution_text=f.attribution_text,
        part_of=whole_id,
        sentence=sentence,
        surface=art.text[a:b],
        char_start=a,
        char_end=b,
        rounding=f.m.rounding,
        context=fold(sentence),
    )


def _as_of(ctx: _Context, f: _Fig) -> date | None:
    """The date a figure is stated for: `حتى <date>` in its clause, else a full date in its
    sentence that dates no event and starts no window (منذ، قبل، بعد)."""
    a, b = ctx.clause_of(f.start)
    dates = [m for m in ctx.mentions if isinstance(m, DateMention) and m.day and m.month and m.year]
    for m in dates:
        if a <= m.start < b and _AS_OF.search(ctx.text, max(0, m.start - 12), m.start):
            return _safe_date(m.year, m.month, m.day)
    for m in dates:
        if not _NOT_AS_OF.search(ctx.text, max(0, m.start - 14), m.start) and ctx.date_event(m) is None:
            return _safe_date(m.year, m.month, m.day)
    return None


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
        as_of=art.published, quantity="other", population="unspecified", event=event, unit="date",
        value=value, hedge="exact", low=value, high=value, modality="fact", attribution="",
        attribution_text="", part_of="", sentence=sentence, surface=surface, char_start=a, char_end=b,
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
