"""The plain data passed between pipeline stages (see ARCHITECTURE.md)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    outlet: str = ""
    published: date | None = None
    url: str = ""
    title: str = ""
    source: str = ""  # path (or "-") the article was read from
    # where `published` came from when the input did not give it: "url" (a date in the
    # page's address, README "Input"); empty when given or found in the page
    published_from: str = ""
    # spans of text that are page furniture (headline lists, tag lines, share
    # prompts): kept in `text` so that offsets stay those of the file, but no
    # claim is taken from them
    navigation: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class InputProblem:
    """An input that could not be read, with why; reported, never fatal.

    `kind` is "skipped" (nothing was read from `path`) or "warning" (it was
    read, but something in it or about it was ignored: a manifest row for a
    missing file, an impossible date, a renamed duplicate id).
    """

    path: str
    reason: str
    kind: str = "skipped"


@dataclass(frozen=True, slots=True)
class Claim:
    """One figure in one article (SPEC §3). Field order is the CSV column order."""

    claim_id: str
    article_id: str
    outlet: str
    published: date | None
    as_of: date | None
    quantity: str
    population: str
    event: str
    place: str
    unit: str  # count | percent | date
    value: float | date
    hedge: str
    low: float | date | None
    high: float | date | None
    modality: str
    attribution: str
    attribution_text: str
    part_of: str
    scope_note: str
    sentence: str
    surface: str
    char_start: int
    char_end: int
    # how as_of was found: "stated", "publication date", "day 128 of <event>", "the day before
    # publication"... (an extra column after the SPEC's)
    as_of_note: str = ""
    # not in the CSV: what the interval was computed from, and the words around
    # the figure that alignment compares
    rounding: float = field(default=1.0, compare=False)
    context: str = field(default="", compare=False)


CLAIM_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Claim) if f.name not in ("rounding", "context"))


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """Claims from several articles that state the same measurable thing."""

    group_id: str
    quantity: str
    population: str
    event: str
    place: str
    unit: str
    kind: str  # fixed | cumulative | current
    claims: tuple[Claim, ...]
    modality: str = "fact"  # "proposal": figures from demands/offers in talks, kept apart from facts


@dataclass(frozen=True, slots=True)
class Conflict:
    conflict_id: str
    rule_id: str
    severity: str
    group_id: str
    message: str
    claims: tuple[Claim, ...]
    cause: str = "unknown"  # revision | retraction | different_sources | definition | early_estimate | rounding | unknown

    def _repr_html_(self) -> str:  # Jupyter: the message and each claim's evidence, right-to-left
        from .html import STYLE, conflict_html

        return f"<style>{STYLE}</style>" + conflict_html(self)
