"""Annotated doc → Claims (SPEC §3), in stages.

`extract()` reads every figure `numbers.scan()` finds outside page furniture
and runs the stages on each sentence that holds one, in this order; each stage
is a module that says what it needs and what it sets:

1. `figures`: drop non-claims: durations, things, ordinals (`لليوم الـ23`),
   times, years, numbers in names;
2. `quantity`: the nearest lexicon trigger (verb/event noun) or counted noun,
   scored by distance in words (a clause boundary or another figure in
   between costs extra; a trigger beats a noun at equal distance), the
   counted noun and the clause's predicate first;
3. `parts`: `بينهم/منهم` links a figure to the nearest earlier one that can
   hold it, `و...` continues a list of parts, `من أصل` points forward;
   a part's words are refined by its whole (`rules/lexicon/quantities.yaml`);
4. `population`: from the counted phrase, then quantity and side defaults;
5. `event_place`: event from cues, then defaults (`rules/lexicon/events.yaml`);
   place from the clause, the event, the lead;
6. `modality`: from cues (`classify` runs stages 2 and 4 to 6 per figure);
   then `figures.about_people` keeps the counts about people;
7. `attribution`: cue + source name (or a speaker named before);
8. `scope`: scope notes from cues after a figure or opening the next sentence;
9. `dating`: as_of from a stated `حتى <date>`, the event's day, yesterday or
   the publication date (when `claims` builds each Claim).

`context` holds what the stages share: the figure being built (`Fig`), the
document's lexicon hits (`DocHits`) and the sentence (`Context`).

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
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache, partial

from ..backends import AnnotatedDoc
from ..lexicon import Hit, Lexicon
from ..models import Claim
from ..numbers import DateMention, NumberMention, scan
from .attribution import (
    GOES_ON,
    LIST_OPENS,
    as_source,
    attribute,
    in_list,
    list_speaker,
    quote_closes,
    quote_opens,
    sentence_speaker,
)
from .claims import date_claim, figure_claim
from .classify import classify
from .context import Context, DocHits, Fig
from .dating import stated_years, written_about
from .figures import about_people, figure
from .parts import link_parts, link_place_parts
from .scope import opening_note, scope_notes

__all__ = ["extract"]


def extract(doc: AnnotatedDoc, lex: Lexicon) -> list[Claim]:
    art = doc.article
    norm = doc.normalized
    text = norm.text
    nav = sorted((norm.index(a), norm.index(b)) for a, b in art.navigation)
    mentions = [m for m in scan(text, lex.hedges, lex.dual_people, lex.single_people, lex.nationality_words) if not _inside(nav, m.start)]
    starts = [m.start for m in mentions]  # sorted: each sentence takes its slice by bisection
    year_of = stated_years(mentions)
    written = written_about(text, mentions) if art.published is None else None
    hits = DocHits(lex, text, _numeric_sentences(doc, mentions), doc) if mentions else None
    # the event type and place the article is mostly about: for figures whose sentence names none
    main_event = hits.main_event() if hits else ""
    counts = [(m.start, m.value) for m in mentions if getattr(m, "unit", "") == "count" and not m.vague]
    main_place = hits.lead_place(text, doc=doc, counts=counts) if hits else ""
    story_group = hits.story_group() if hits else ""
    previous_event = main_event  # the event of the last human figure, for sentences that name none
    previous_fig: Fig | None = None  # the last human figure: whom "و100 آخرين" are others of
    said_before: dict[float, Fig] = {}  # the human counts of the sentences before, by value
    last_source: tuple[str, str, int] | None = None  # (key, text, where) of the last sourced figure
    # the words that named the speaker of the last sentence with figures, if it had one, and the
    # speakers of the sentences with none since (each found only when a figure after them asks)
    speaker_before: Hit | None = None
    speakers_since: list[Callable[[], Fig]] = []
    list_source: tuple[str, str, int] | None = None  # (key, text, where) of the speaker of a list opened by ":"
    quote_source: tuple[str, str, int] | None = None  # ... of a quote a sentence before opened and left open
    # the sentence before, when it held no figure: where it starts and its speaker (found only when a
    # figure after it needs it)
    report: tuple[int, Callable[[], tuple[str, str, int] | None]] | None = None
    last_sentence: list[int] = []  # the claims of the last sentence with figures, if it was the sentence before
    figs_end = 0  # where that sentence ends
    last_whole: Fig | None = None  # the last figure that is no part, and its index in claims
    totals: dict[tuple[str, str], Fig] = {}  # the last whole with a place, by quantity and event: of the parts by place after it
    last_claim = -1
    claims: list[Claim] = []
    for sent in doc.sentences:
        ss, se = norm.index(sent.start), norm.index(sent.end)
        sent_mentions = mentions[bisect_left(starts, ss) : bisect_left(starts, se)]
        if not sent_mentions:
            opener = opening_note(doc, hits, text, ss, se) if hits and last_whole is not None else ""
            if opener and not last_whole.scope_note:  # "وتشمل هذه الحصيلة رهائن قتلوا ..." after the figure
                last_whole.scope_note = opener
                claims[last_claim] = replace(claims[last_claim], scope_note=opener)
            # the speaker this figure-less sentence names, found once whichever use below needs it
            said = cache(lambda ss=ss, se=se, event=previous_event:
                         sentence_speaker(Context(doc, lex, text, ss, se, (), hits, event, main_place)))
            speaker = cache(lambda se=se, said=said: as_source(said(), se))
            speakers_since.append(said)
            if hits and LIST_OPENS.search(text, ss, se):
                list_source = speaker()
            if quote_source is not None:
                if quote_closes(text, ss, se) is not None:
                    quote_source = None
            elif hits and quote_opens(text, ss, se):
                quote_source = speaker()
            unsourced = [i for i in last_sentence if not claims[i].attribution]
            if unsourced and hits and "\n" not in text[figs_end:ss] \
                    and any(c.start == ss + len(text[ss:se]) - len(text[ss:se].lstrip()) for c in hits.within("cue_prepositions", ss, se)):
                # "... إلى 1037 وفاة. وفق حصيلة محينة لوزارة الداخلية.": a closing preposition cut off
                # by a full stop covers the sentence before it
                closing = speaker()
                if closing is not None:
                    for i in unsourced:
                        claims[i] = replace(claims[i], attribution=closing[0], attribution_text=closing[1])
            report = (ss, speaker)
            last_sentence = []
            continue
        sentence_text = art.text[sent.start : sent.end]
        ctx = Context(doc, lex, text, ss, se, sent_mentions, hits, previous_event, main_place)
        ctx.story_group = story_group
        ctx.written = written
        ctx.previous_fig = previous_fig
        ctx.said_before = said_before
        ctx.speaker_before = partial(_last_speaker, speaker_before, tuple(speakers_since))
        figs = [f for f in (figure(ctx, m) for m in sent_mentions if isinstance(m, NumberMention)) if f]
        ctx.figs = figs
        link_parts(ctx, figs)
        for f in figs:
            classify(ctx, f)
            if f.quantity in lex.human and f.event not in ("", "other") and not f.running and not f.past:
                previous_event = ctx.previous_event = f.event
            if f.quantity in lex.human:
                previous_fig = ctx.previous_fig = f
        said_before = said_before | {f.m.value: f for f in figs if f.quantity in lex.human and f.m.unit == "count"}
        # a count of nothing known (1666 alone, 40 آلية, 19°) is no claim about people
        figs = [f for f in figs if about_people(ctx, f) or any(g.whole is f for g in figs)]
        link_place_parts(ctx, figs, totals)
        attribute(ctx, figs)
        opener = scope_notes(ctx, figs)
        if opener and last_whole is not None and not last_whole.scope_note:
            last_whole.scope_note = opener  # "وتشمل هذه الحصيلة ..." qualifies the figure before it
            claims[last_claim] = replace(claims[last_claim], scope_note=opener)
        close = quote_closes(text, ss, se) if quote_source is not None else None
        for f in figs:
            if not f.attribution and quote_source is not None and (close is None or f.start < close):
                # a quote that goes on from a sentence before: its speaker's words
                f.attribution, f.attribution_text = quote_source[0], quote_source[1]
            if not f.attribution and last_source and "\n" not in text[last_source[2] : f.start] \
                    and lex.breakdown_re(GOES_ON).match(text, ss):
                # the paragraph's speaker goes on: "وأضافت المنظمة ... . كما تم تسجيل 1858 حالة وفاة"
                f.attribution, f.attribution_text = last_source[0], last_source[1]
            if not f.attribution and list_source and in_list(text, list_source[2], f.start):
                # a list the speaker opened ("الحصيلة التفصيلية التالية:"): its short lines are its own
                f.attribution, f.attribution_text = list_source[0], list_source[1]
            if not f.attribution and report is not None and "\n" not in text[report[0] : f.start] \
                    and not ctx.prep_hits and not _ASIDE.match(text, ss):
                # a report's speaker named in the sentence before, with no figure, goes on in the next
                # one: "وقالت المفوضية ..., في تقرير حديث لها، إن ... . ويقدر بنحو 4.3 مليون نازح"
                # (unless it names its own source, or recalls or sets apart: وكانت، أما)
                said = report[1]()
                if said is not None:
                    f.attribution, f.attribution_text = said[0], said[1]
            claims.append(figure_claim(doc, lex, f, sentence_text, ctx))
        last_sentence, figs_end = list(range(len(claims) - len(figs), len(claims))), se
        report = None
        wholes = [f for f in figs if f.whole is None and f.quantity in lex.human]
        for f in wholes:
            if f.place and f.population == "all" and f.m.unit == "count" and f.event not in ("", "other"):
                totals[(f.quantity, f.event)] = f
        if wholes:
            last_whole, last_claim = wholes[-1], len(claims) - len(figs) + figs.index(wholes[-1])
        if LIST_OPENS.search(text, ss, se):
            list_source = list_speaker(ctx)
        if quote_source is not None:
            if close is not None:
                quote_source = None
        elif quote_opens(text, ss, se):
            quote_source = list_speaker(ctx)
        sourced = [f for f in figs if f.attribution]
        if sourced:
            last_source = (sourced[-1].attribution, sourced[-1].attribution_text, sourced[-1].end)
        speaker_before, speakers_since = (sourced[-1].speaker if sourced else None), []
        for m in sent_mentions:
            if isinstance(m, DateMention) and m.day and m.month:
                c = date_claim(doc, lex, ctx, m, year_of, sentence_text)
                if c:
                    claims.append(c)
    claims.sort(key=lambda c: c.char_start)
    return claims


def _last_speaker(named: Hit | None, since: tuple[Callable[[], Fig], ...]) -> Hit | None:
    """The words that named the last speaker before a sentence: of the last sentence with no figure
    since the last one with figures that names one ("وفقا لما قاله وزير الداخلية ... . وأضاف أنه تم
    تحديد هوية 39"), else of that one's figures."""
    return next((f.speaker for said in reversed(since) if (f := said()).speaker is not None), named)


# a sentence that recalls an earlier time or sets a topic apart: no report before it goes on in it
_ASIDE = re.compile(r"\s*(?:وكان|وكانت|كان|كانت|اما)\b")


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Is `pos` in one of the sorted, disjoint `spans`? (Navigation lines: one test per figure.)"""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


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
