"""Words a person reads: how a claim is described and why a conflict is likely.

The rule engine (`rules.py`) decides; this module says it. It imports only
the models and number formatting, so the HTML views can use it without
importing the engine (no `html` → `rules` → `models` → `html` cycle).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from .models import Claim, as_of_label
from .numbers import format_figure

CAUSE_LEAD = ". Likely cause: "
# A message lists this many distinct figures, then "and N more": a conflict of a big
# group must not make a cell longer than a spreadsheet holds (Excel: 32,767 characters).
MESSAGE_FIGURES = 12
HEDGE_WORDS = {"exact": "", "approx": "about ", "more_than": "more than ", "at_least": "at least ",
               "less_than": "less than ", "at_most": "at most ", "between": "between "}

# what a fact-checker should do first, per cause (SPEC §6)
CAUSES: dict[str, str] = {
    "retraction": "drop the figure attributed to it",
    "definition": "the figures count different things (see the scope notes): compare like with like",
    "revision": "use its latest statement",
    "early_estimate": "from the first days after the event, while the dead were still counted: use the settled count",
    "different_sources": "compare each source's own statement",
    "rounding": "a rounded figure against an exact one: check whether they stand for the same count",
    "unknown": "no likely reason found: check each source's own statement",
}


def figure(c: Claim) -> str:
    """'about 1140', 'more than 24000', '2023-10-07', '70%'."""
    value = c.value.isoformat() if isinstance(c.value, date) else format_figure(c.value)
    if c.hedge == "between" and c.high is not None and not isinstance(c.high, date):
        value = f"{value} and {format_figure(c.high)}"
    unit = "%" if c.unit == "percent" else ""
    return f"{HEDGE_WORDS.get(c.hedge, '')}{value}{unit}"


def describe_claim(c: Claim, name: Callable[[str], str] = str) -> str:
    """'about 1140 (outlet, date, source)'; `name` wraps the outlet and the source
    (the HTML report isolates them with <bdi> so Arabic names do not reorder the line)."""
    source = c.attribution_text or c.attribution
    who = [name(c.outlet or c.article_id), as_of_label(c)]
    who += [name(source)] if source else []
    who += [f"scope: {name(c.scope_note)}"] if c.scope_note else []
    return f"{figure(c)} ({', '.join(who)})"


def values(claims: Sequence[Claim], name: Callable[[str], str] = str) -> str:
    """The figures of a conflict, each once: the first MESSAGE_FIGURES, then how many more."""
    described = list(dict.fromkeys(describe_claim(c, name) for c in claims))
    shown = "; ".join(described[:MESSAGE_FIGURES])
    more = len(described) - MESSAGE_FIGURES
    return f"{shown}; and {more} more" if more > 0 else shown


def source_name(c: Claim) -> str:
    return c.attribution_text or c.attribution.replace("_", " ") or c.outlet or c.article_id


def reason(cause: str, claims: Sequence[Claim], name: Callable[[str], str] = str) -> str:
    """The cause in one line a person can act on: what happened, with which figures, and what to do."""
    advice = CAUSES.get(cause, CAUSES["unknown"])
    said = ""
    if cause == "retraction":
        denied = [c for c in claims if c.modality == "denial"]
        if denied:
            said = f"{name(source_name(denied[0]))} denied {figure(denied[0])}"
    elif cause == "definition":
        said = ", ".join(figure(c) for c in claims if c.scope_note) + " with a scope note"
    elif cause == "revision":
        dated = sorted((c for c in claims if c.as_of), key=lambda c: c.as_of)
        if len(dated) >= 2:
            said = (f"{name(source_name(dated[0]))} gave {figure(dated[0])} on {as_of_label(dated[0])}, "
                    f"then {figure(dated[-1])} on {as_of_label(dated[-1])}")
    elif cause == "early_estimate":
        early = min((c for c in claims if c.as_of), key=lambda c: c.as_of, default=None)
        if early is not None:
            said = f"{figure(early)} on {as_of_label(early)} is"
    elif cause == "different_sources":
        # a figure no source is named for, which a named source also gives (a headline restating
        # the body), says nothing of who gives it: its outlet is no source of it
        named = {(c.value, c.hedge) for c in claims if c.attribution}
        sourced = [c for c in claims if c.attribution or (c.value, c.hedge) not in named]
        said = ", ".join(f"{name(source_name(c))} says {figure(c)}" for c in _distinct(sourced, lambda c: c.attribution)[:3])
    return f"{cause.replace('_', ' ')}: {said}{' ' if cause == 'early_estimate' and said else '; ' if said else ''}{advice}"


def _distinct(claims: Sequence[Claim], key: Callable[[Claim], object]) -> list[Claim]:
    seen, out = set(), []
    for c in claims:
        k = key(c)
        if k not in seen:
            seen.add(k)
            out.append(c)
    return out


def conflict_message(template: str, what: str, claims: Sequence[Claim], cause: str, fields: dict[str, object],
                     name: Callable[[str], str] = str) -> str:
    """The rule's template filled in, then the likely cause: one line."""
    head = template.format(what=what, values=values(claims, name), **fields)
    return f"{head}{CAUSE_LEAD}{reason(cause, claims, name)}"
