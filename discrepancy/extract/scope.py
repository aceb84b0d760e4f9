"""Stage 8, scope note: what a figure covers (حصيلة أولية، إصابة خطيرة، تشمل ...).

Needs: the sentence's `scope_hits` (rules/lexicon scope cues, labels
`provisional` and `condition`), the figures' `whole`.
Sets: `Fig.scope_note`. A cue that opens a sentence qualifies the figure
before it: `scope_notes` returns it, `opening_note` reads it from a sentence
with no figure; the loop gives it to the last whole figure.
"""

from __future__ import annotations

import re

from ..backends import AnnotatedDoc
from ..lexicon import Hit
from .context import Context, DocHits, Fig

# where a note ends: its clause's punctuation, or the quote that closes the words it is in
# ("و32 إصابة بعضها خطرة”.")
_NOTE_END = re.compile(r"[،,.؛;:\n\"»”]")


def scope_notes(ctx: Context, figs: list[Fig]) -> str:
    """Set each figure's scope note from a cue after it in its sentence (632 وفاة في حصيلة
    أولية، 51 إصابة خطيرة). Returns the note of a cue that opens the sentence, for the
    figure before it (وتشمل هذه الحصيلة رهائن قتلوا ...)."""
    opener = ""
    for h in ctx.scope_hits:
        if h.label == "counted_as":
            # what the `other` count after it in its clause is: the cue's words
            after = [f for f in figs if f.start >= h.end and not ctx.crosses_clause(h.end, f.start)]
            if after and after[0].quantity == "other" and ctx.words_between(h.end, after[0].start) <= 4 \
                    and not after[0].scope_note:
                a, b = ctx.doc.normalized.span(h.start, h.end)
                after[0].scope_note = ctx.doc.article.text[a:b].strip()
            continue
        note = _note_text(ctx, h)
        before = [f for f in figs if f.end <= h.start]
        if not before:
            if ctx.words_between(ctx.ss, h.start) <= 1:
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
        if ctx.words_between(f.end, h.start) <= 8 and not f.scope_note:
            f.scope_note = note
    return opener


def _note_text(ctx: Context, h: Hit) -> str:
    end = ctx.se
    m = _NOTE_END.search(ctx.text[h.end : ctx.se])
    if m:
        end = h.end + m.start()
    words = list(re.finditer(r"\S+", ctx.text[h.start : end]))[:14]
    end = h.start + words[-1].end() if words else h.end
    a, b = ctx.doc.normalized.span(h.start, end)
    return ctx.doc.article.text[a:b].strip()


def opening_note(doc: AnnotatedDoc, hits: DocHits, text: str, ss: int, se: int) -> str:
    """The scope note a sentence with no figure opens with, or ""."""
    for h in hits.within("scope_cues", ss, se):
        if h.label not in ("condition", "counted_as") and len(text[ss : h.start].split()) <= 1:
            m = _NOTE_END.search(text[h.end : se])
            end = h.end + m.start() if m else se
            a, b = doc.normalized.span(h.start, end)
            return doc.article.text[a:b].strip()
    return ""
