"""Tables a person reads: DataFrames with the SPEC's fixed columns, and their files.

CSV is written UTF-8 with BOM (Excel and LibreOffice then open Arabic right)
and made formula-safe: a text cell starting with = + - @ (or a tab/CR) gets a
leading apostrophe, so a crafted article cannot run a formula in the sheet.
"""

from __future__ import annotations

import io
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pandas as pd

from .models import CLAIM_COLUMNS, Claim, ClaimGroup, Conflict, InputProblem

CONFLICT_COLUMNS: tuple[str, ...] = (
    "conflict_id", "rule_id", "severity", "cause", "quantity", "population", "event", "place", "message",
    "claim_id", "article_id", "outlet", "published", "as_of", "value", "hedge", "low", "high",
    "attribution", "scope_note", "sentence", "surface", "char_start", "char_end",
)
PROBLEM_COLUMNS = ("path", "reason")
FORMATS = ("csv", "json", "html")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CELL_LIMIT = 32_767  # the most characters a spreadsheet cell holds (Excel); LibreOffice truncates too
_CUT = " … (cut: the cell held {n} characters)"


def claims_frame(claims: Sequence[Claim]) -> pd.DataFrame:
    rows = [{k: getattr(c, k) for k in CLAIM_COLUMNS} for c in claims]
    return _typed(pd.DataFrame(rows, columns=list(CLAIM_COLUMNS)))


def conflicts_frame(conflicts: Sequence[Conflict]) -> pd.DataFrame:
    rows = []
    for cf in conflicts:
        for c in cf.claims:
            rows.append(
                {
                    "conflict_id": cf.conflict_id, "rule_id": cf.rule_id, "severity": cf.severity,
                    "cause": cf.cause, "quantity": c.quantity, "population": c.population, "event": c.event,
                    "place": c.place, "message": cf.message, **{k: getattr(c, k) for k in CONFLICT_COLUMNS[9:]},
                }
            )
    return _typed(pd.DataFrame(rows, columns=list(CONFLICT_COLUMNS)))


GROUP_COLUMNS = ("group_id", "quantity", "population", "event", "place", "unit", "kind", "modality",
                 "claims", "articles", "conflicts", "claim_ids")


def groups_frame(groups: Sequence[ClaimGroup], conflicts: Sequence[Conflict] = ()) -> pd.DataFrame:
    per_group: dict[str, int] = {}
    for cf in conflicts:
        per_group[cf.group_id] = per_group.get(cf.group_id, 0) + 1
    rows = [
        {
            "group_id": g.group_id, "quantity": g.quantity, "population": g.population, "event": g.event,
            "place": g.place, "unit": g.unit, "kind": g.kind, "modality": g.modality, "claims": len(g.claims),
            "articles": len({c.article_id for c in g.claims}), "conflicts": per_group.get(g.group_id, 0),
            "claim_ids": ";".join(c.claim_id for c in g.claims),
        }
        for g in groups
    ]
    return pd.DataFrame(rows, columns=list(GROUP_COLUMNS))


def problems_frame(problems: Sequence[InputProblem]) -> pd.DataFrame:
    return pd.DataFrame([asdict(p) for p in problems], columns=list(PROBLEM_COLUMNS))


def numeric(df: pd.DataFrame) -> pd.DataFrame:
    """For analysis: value/low/high as numbers for counts and percents (NaN for dates),
    and the dates of date claims in `value_date`. The CSV keeps the SPEC's text form."""
    df = df.copy()
    is_date = df["value"].map(lambda v: isinstance(v, date))
    df["value_date"] = pd.to_datetime(df["value"].where(is_date), errors="coerce")
    for col in ("value", "low", "high"):
        df[col] = pd.to_numeric(df[col].where(~is_date), errors="coerce")
    return df


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """Dates as datetimes; value/low/high stay objects (a date claim's value is a date)."""
    for col in ("published", "as_of"):
        if col in df:
            df[col] = pd.to_datetime(df[col], errors="coerce")
    for col in ("char_start", "char_end"):
        if col in df:
            df[col] = df[col].astype("Int64")
    return df


def _cell(v: object) -> object:
    if v is None or (isinstance(v, float) and (pd.isna(v) or not math.isfinite(v))) or v is pd.NaT:
        return ""  # never NaN or Infinity: JSON stays valid
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, float):
        return int(v) if v.is_integer() else round(v, 6)
    return v


def _safe(v: object) -> object:
    if isinstance(v, str) and v.startswith(_FORMULA_START):
        v = "'" + v
    if isinstance(v, str) and len(v) > CELL_LIMIT:
        note = _CUT.format(n=len(v))
        v = v[: CELL_LIMIT - len(note)] + note
    return v


def to_csv(df: pd.DataFrame) -> str:
    # cells become text first: a column of 1300 and 1117.2 must not print 1300.0
    out = df.apply(lambda col: col.astype(object).map(lambda v: str(_safe(_cell(v)))))
    buf = io.StringIO()
    out.to_csv(buf, index=False, lineterminator="\r\n")
    return buf.getvalue()


def to_json(df: pd.DataFrame) -> str:
    records = [{k: _cell(v) for k, v in row.items()} for row in df.to_dict(orient="records")]
    return json.dumps(records, ensure_ascii=False, indent=1, allow_nan=False)


def to_parquet(df: pd.DataFrame, out: str | Path) -> None:
    """A claims table as Parquet (pyarrow) for big corpora: typed columns, compressed, read
    by pandas, Dask or Spark without parsing text. As `numeric()`: value/low/high are
    numbers (empty for date claims, whose dates are in `value_date`); dates are dates."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise ImportError("--format parquet needs pyarrow: pip install 'discrepancy[scale]'") from None
    numeric(df).to_parquet(out, engine="pyarrow", index=False)


def write(text: str, out: str | Path | None, bom: bool) -> None:
    """Write to a file, or to stdout for None / "-" (no BOM on a terminal)."""
    if out in (None, "-"):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    Path(out).write_text(text, encoding="utf-8-sig" if bom else "utf-8", newline="")


def summary(result) -> str:
    """The run in a few lines for stderr: what was read, found and skipped."""
    sev: dict[str, int] = {}
    for cf in result.conflict_list:
        sev[cf.severity] = sev.get(cf.severity, 0) + 1
    by_sev = ", ".join(f"{n} {s}" for s in ("high", "medium", "low") if (n := sev.get(s)))
    files = len({a.source if "://" in a.source else a.source.split(":")[0] for a in result.articles})  # a link, a file
    lines = [
        f"discrepancy: {len(result.articles)} articles from {files} inputs, {len(result.claim_list)} claims, "
        f"{len(result.group_list)} groups, {len(result.conflict_list)} conflicts" + (f" ({by_sev})" if by_sev else ""),
    ]
    if result.conflict_list:
        lines.append(f"discrepancy: {sev.get('high', 0)} to review first (high: confident frames, matching places, "
                     "no scope note explains them); reports list them first")
    lines += [f"discrepancy: {note}" for note in getattr(result, "notes", [])]
    profiles = getattr(result, "profiles", {})
    lines.append("discrepancy: story profile: " + (", ".join(f"{p} ({n} articles)" for p, n in sorted(profiles.items()))
                                                   if profiles else "none (generic core)"))
    if result.archived:
        lines.append(f"discrepancy: {len(result.archived)} new or changed articles added to the archive")
    skipped = sum(1 for p in result.problems if p.kind != "warning")
    warned = len(result.problems) - skipped
    if skipped:
        lines.append(f"discrepancy: {skipped} inputs skipped (listed above)")
    if warned:
        lines.append(f"discrepancy: {warned} warnings (listed above)")
    return "\n".join(lines)
