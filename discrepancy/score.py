"""Score extracted claims against a gold CSV a fact-checker annotated.

The gold file has the claims CSV columns (any subset): at least
`article_id` and either `char_start`/`char_end` or `value`. A predicted claim
matches a gold claim of the same article when their spans overlap (or, when
the gold has no offsets, when their values are equal); each gold claim is
matched at most once. Then, per field, a matched pair counts as correct when
the field agrees:

    precision = correct / predicted claims,  recall = correct / gold claims

The `claim` row scores detection alone (a match is enough).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import pandas as pd

DEFAULT_FIELDS = ("value", "unit", "hedge", "quantity", "population", "event", "place", "modality", "attribution",
                  "part_of", "scope_note")
SCORE_COLUMNS = ("field", "precision", "recall", "f1", "correct", "predicted", "gold")


def _norm(v: object) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NaT:
        return ""
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    s = str(v).strip()
    try:
        f = float(s)
        return str(int(f)) if f.is_integer() else repr(round(f, 6))
    except ValueError:
        return s[:10] if len(s) >= 10 and s[4:5] == "-" and s[7:8] == "-" and s[:4].isdigit() else s


def match(gold: pd.DataFrame, predicted: pd.DataFrame) -> list[tuple[int, int]]:
    """(gold row, predicted row) pairs, greedy by article in text order."""
    has_offsets = {"char_start", "char_end"} <= set(gold.columns)
    by_article: dict[str, list[int]] = defaultdict(list)
    for j, art in enumerate(predicted["article_id"].astype(str)):
        by_article[art].append(j)
    used: set[int] = set()
    pairs = []
    for i, g in gold.reset_index(drop=True).iterrows():
        for j in by_article.get(str(g["article_id"]), []):
            if j in used:
                continue
            p = predicted.iloc[j]
            if has_offsets and pd.notna(g["char_start"]):
                ok = int(p["char_start"]) < int(g["char_end"]) and int(g["char_start"]) < int(p["char_end"])
            else:
                ok = _norm(p["value"]) == _norm(g["value"])
            if ok:
                used.add(j)
                pairs.append((int(i), j))
                break
    return pairs


def score(gold: pd.DataFrame, predicted: pd.DataFrame, fields: Sequence[str] | None = None) -> pd.DataFrame:
    """Precision, recall and F1 of `predicted` against `gold`, overall and per field."""
    if "article_id" not in gold.columns:
        raise ValueError("the gold CSV needs an article_id column")
    gold = gold.reset_index(drop=True)
    predicted = predicted.reset_index(drop=True)
    fields = [f for f in (fields or DEFAULT_FIELDS) if f in gold.columns]
    pairs = match(gold, predicted)
    n_gold, n_pred = len(gold), len(predicted)
    # part_of names claim ids; compare the matched gold ids, not the raw strings
    gold_to_pred_id = {}
    if "claim_id" in gold.columns:
        gold_to_pred_id = {str(gold.loc[i, "claim_id"]): str(predicted.loc[j, "claim_id"]) for i, j in pairs}
    rows = [_row("claim", len(pairs), n_pred, n_gold)]
    for f in fields:
        correct = 0
        for i, j in pairs:
            g, p = _norm(gold.loc[i, f]), _norm(predicted.loc[j, f])
            if f == "part_of" and g:
                g = gold_to_pred_id.get(g, "?" + g)
            correct += g == p
        rows.append(_row(f, correct, n_pred, n_gold))
    return pd.DataFrame(rows, columns=list(SCORE_COLUMNS))


def _row(field: str, correct: int, n_pred: int, n_gold: int) -> dict:
    p = correct / n_pred if n_pred else 0.0
    r = correct / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"field": field, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
            "correct": correct, "predicted": n_pred, "gold": n_gold}
