"""The plain data passed between pipeline stages (see ARCHITECTURE.md)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, timedelta


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
    # publication"... (an extra column after the SPEC's). A figure dated only to a month or a
    # year has the period's first day as as_of and a note that starts "month: " or "year: "
    # (`as_of_span`)
    as_of_note: str = ""
    # not in the CSV: what the interval was computed from, and the words around
    # the figure that alignment compares
    rounding: float = field(default=1.0, compare=False)
    context: str = field(default="", compare=False)


_MONTH, _YEAR = "month: ", "year: "  # how the note of a figure dated to a month or a year starts
_PERIODS = (_MONTH, _YEAR)
# how the note of a figure whose sentence names its day back from its article's day starts (أمس، أول أمس)
_DAYS_BACK = ("the day before ", "two days before ")


def day_named(c: Claim) -> bool:
    """Is the claim's `as_of` a day its sentence names (أمس، أول أمس), not only the day its
    article was published?"""
    return c.as_of is not None and c.as_of_note.startswith(_DAYS_BACK)


def around_figure(c: Claim) -> tuple[str, str] | None:
    """The claim's sentence before its figure and after it, as written (the surface's first place
    in the sentence), or None where the sentence does not hold the surface."""
    k = c.sentence.find(c.surface)
    return None if k == -1 else (c.sentence[:k], c.sentence[k + len(c.surface):])


def as_of_period(c: Claim) -> str:
    """What a claim's `as_of` stands for: "month" or "year" (its note starts "month: " or
    "year: ", as_of being the period's first day), else "day"."""
    return "month" if c.as_of_note.startswith(_MONTH) else "year" if c.as_of_note.startswith(_YEAR) else "day"


def as_of_span(c: Claim) -> tuple[date, date] | None:
    """The days a claim's `as_of` may be: one day, or the whole month or year a figure was
    dated to (`حتى يونيو 2018`, `خلال العام 2016`). Rules order two figures in time only when
    their spans do not overlap (README "How a conflict is decided")."""
    if c.as_of is None:
        return None
    if not c.as_of_note.startswith(_PERIODS):  # most figures: one day (the rules ask hundreds of thousands of times)
        return c.as_of, c.as_of
    period = as_of_period(c)
    if period == "month":
        nxt = date(c.as_of.year + c.as_of.month // 12, c.as_of.month % 12 + 1, 1)
        return c.as_of, nxt - timedelta(days=1)
    return c.as_of, date(c.as_of.year, 12, 31)



def as_of_label(c: Claim) -> str:
    """`as_of` as a person reads it: `2018-06` for a month, `2016` for a year, else the day."""
    if c.as_of is None:
        return "undated"
    period = as_of_period(c)
    if period == "month":
        return c.as_of.strftime("%Y-%m")
    if period == "year":
        return str(c.as_of.year)
    return c.as_of.isoformat()


CLAIM_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Claim) if f.name not in ("rounding", "context"))


# the mark a group id ends with (`#aboard`) when its figures count the people aboard a craft
# (align.aboard), and the key of its label (taxonomy.yaml `labels`) in messages
ABOARD = "aboard"


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
