"""Stage 6, modality: fact, estimate, proposal or denial.

Needs: the sentence's `mod_hits` (rules/lexicon modality cues) and the figure's clause.
Sets nothing itself: `classify` sets `Fig.modality` from `modality_of`.
"""

from __future__ import annotations

from .context import Context, Fig


def modality_of(ctx: Context, f: Fig) -> str:
    a, b = ctx.clause_of(f.start)
    for h in ctx.mod_hits:  # نفى الهلال الأحمر وصول الحصيلة إلى 11 ألفا
        if h.label == "denial" and h.end <= f.start and ctx.words_between(h.end, f.start) <= 8:
            return "denial"
    for h in ctx.mod_hits:
        if h.label == "proposal" and (h.end <= f.start or a <= h.start < b):
            return "proposal"
    for h in ctx.mod_hits:
        if h.label == "estimate" and a <= h.start and h.end <= f.start:
            return "estimate"
    return "fact"
