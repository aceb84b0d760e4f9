"""HTML views of results: for Jupyter (`_repr_html_`) and the self-contained report.

Arabic evidence is shown right-to-left (`dir="rtl"`), each figure highlighted
with `<mark>` at its exact offsets in its sentence. No external resources:
the report opens offline and in any browser.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from .messages import CAUSE_LEAD, describe_claim, reason
from .models import Claim, ClaimGroup, Conflict, around_figure, as_of_label
from .numbers import format_figure

STYLE = """
body { font-family: "Noto Naskh Arabic", "Amiri", "Segoe UI", Tahoma, sans-serif; margin: 2em; color: #222; }
h1, h2, h3 { font-family: "Segoe UI", Tahoma, sans-serif; }
table.dq { border-collapse: collapse; margin: 0.5em 0 1.5em; width: 100%; }
table.dq th, table.dq td { border: 1px solid #ccc; padding: 4px 8px; vertical-align: top; }
table.dq th { background: #f3f3f3; text-align: left; }
.dq-conflict { border-left: 6px solid #c0392b; padding: 0.2em 1em; margin-bottom: 2em; }
.dq-conflict.low { border-left-color: #e1b12c; }
.dq-conflict.medium { border-left-color: #e67e22; }
.dq-msg { font-weight: bold; }
.dq-ev { direction: rtl; text-align: right; unicode-bidi: embed; font-size: 1.1em; line-height: 1.8; }
.dq-ev mark { background: #ffe08a; padding: 0 2px; font-weight: bold; }
.dq-sev { text-transform: uppercase; font-size: 0.8em; font-weight: bold; }
.dq-cause { font-size: 0.8em; font-weight: normal; color: #555; }
.dq-scope { font-style: italic; }
"""


def evidence(c: Claim) -> str:
    """The claim's sentence, right-to-left, its figure highlighted at its exact place."""
    parts = around_figure(c)
    if parts is None:
        body = escape(c.sentence)
    else:
        body = escape(parts[0]) + f"<mark>{escape(c.surface)}</mark>" + escape(parts[1])
    return f'<div class="dq-ev" dir="rtl" lang="ar">{body}</div>'


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, float):
        return format_figure(v)
    return escape(str(v))


def claims_table(claims: Sequence[Claim], with_evidence: bool = True) -> str:
    head = ["outlet", "article", "as of", "figure", "hedge", "low", "high", "source", "scope note"] + (["evidence"] if with_evidence else [])
    rows = []
    for c in claims:
        cells = [
            _cell(c.outlet), _cell(c.article_id), escape(as_of_label(c)),
            f'<span dir="rtl">{escape(c.surface)}</span>', _cell(c.hedge), _cell(c.low), _cell(c.high),
            f'<span dir="rtl">{escape(c.attribution_text)}</span>' if c.attribution_text else _cell(c.attribution),
            f'<span dir="rtl" class="dq-scope">{escape(c.scope_note)}</span>' if c.scope_note else "",
        ]
        if with_evidence:
            cells.append(evidence(c))
        rows.append("<tr>" + "".join(f"<td>{x}</td>" for x in cells) + "</tr>")
    return (
        '<table class="dq"><thead><tr>' + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>"
        + "".join(rows) + "</tbody></table>"
    )


def _message(cf: Conflict) -> str:
    """The conflict's message with each outlet, source and scope note in its own
    <bdi>, so that Arabic names do not reorder the dates and figures around them."""
    head, sep, tail = cf.message.partition(CAUSE_LEAD)
    text = escape(head)
    for c in sorted(cf.claims, key=lambda c: -len(describe_claim(c))):
        text = text.replace(escape(describe_claim(c)), describe_claim(c, name=_isolated))
    if sep and tail == reason(cf.cause, cf.claims):
        tail = reason(cf.cause, cf.claims, name=_isolated)
    else:
        tail = escape(tail)
    return text + escape(sep) + tail


def _isolated(text: str) -> str:
    return f"<bdi>{escape(text)}</bdi>"


def conflict_html(cf: Conflict) -> str:
    return (
        f'<div class="dq-conflict {escape(cf.severity)}" id="{escape(cf.conflict_id)}">'
        f'<h3>{escape(cf.conflict_id)} <span class="dq-sev">{escape(cf.severity)}</span>'
        f' <span class="dq-cause">likely cause: {escape(cf.cause.replace("_", " "))}</span></h3>'
        f'<p class="dq-msg">{_message(cf)}</p>'
        f"<p>group <code>{escape(cf.group_id)}</code>, rule <code>{escape(cf.rule_id)}</code></p>"
        + claims_table(cf.claims) + "</div>"
    )


def group_html(g: ClaimGroup) -> str:
    return (
        f'<h3 id="{escape(g.group_id)}">{escape(g.group_id)} <small>({escape(g.kind)}, '
        f"{len(g.claims)} claims)</small></h3>" + claims_table(sorted(g.claims, key=_by_date), with_evidence=False)
    )


def _by_date(c: Claim) -> tuple:
    return (c.as_of is None, c.as_of or date.min, c.article_id)


def report(result, title: str = "discrepancy report") -> str:
    """One self-contained page: conflicts first (by severity), then every claim group."""
    order = {"high": 0, "medium": 1, "low": 2}
    # the engine's order: by severity, then the figures furthest apart first
    conflicts = sorted(result.conflict_list, key=lambda cf: order.get(cf.severity, 3))
    first = sum(cf.severity == "high" for cf in conflicts)
    groups = [g for g in result.group_list if len(g.claims) > 0]
    problems = "".join(f"<li>{escape(p.path)}: {escape(p.reason)}</li>" for p in result.problems)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1>"
        f"<p>{len(result.articles)} articles, {len(result.claim_list)} claims, {len(result.group_list)} groups, "
        f"{len(conflicts)} conflicts, {first} to review first (high).</p>"
        + (f"<h2>Inputs skipped</h2><ul>{problems}</ul>" if problems else "")
        + f'<h2 id="conflicts">Conflicts ({len(conflicts)})</h2>'
        + ("".join(conflict_html(cf) for cf in conflicts) or "<p>No conflict found.</p>")
        + f'<h2 id="groups">Claim groups ({len(groups)})</h2>'
        + "".join(group_html(g) for g in groups)
        + "</body></html>\n"
    )


def result_summary_html(result) -> str:
    return (
        f"<style>{STYLE}</style><p><b>discrepancy</b>: {len(result.articles)} articles, {len(result.claim_list)} claims, "
        f"{len(result.group_list)} groups, {len(result.conflict_list)} conflicts</p>"
        + "".join(conflict_html(cf) for cf in result.conflict_list)
    )

