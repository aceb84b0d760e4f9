"""Scoring extraction against a hand-annotated gold CSV."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from discrepancy.report import claims_frame
from discrepancy.score import score
from tests.conftest import GOLDEN, SEEDS

# The gold written by reading the seeds (never copied from the tool's output).
SEEDS_GOLD = GOLDEN / "seeds_gold.csv"
# What the extractor scores on it today: a floor that may rise, never drop (raise it on purpose).
SEEDS_FLOOR = {"claim": 0.91, "quantity": 0.91, "hedge": 0.91, "population": 0.89, "event": 0.87}


@pytest.fixture(scope="module")
def gold():
    return pd.read_csv(SEEDS_GOLD, dtype=str, keep_default_na=False)


def test_seeds_gold_offsets_are_the_text(gold, seed_extraction):
    texts = {a.id: a.text for a in seed_extraction.articles}
    for row in gold.itertuples():
        assert texts[row.article_id][int(row.char_start) : int(row.char_end)] == row.surface, row.claim_id


def test_extraction_on_the_seeds_gold_does_not_drop(gold, seed_extraction):
    table = score(gold, claims_frame(seed_extraction.claims)).set_index("field")
    assert table.loc["claim", "gold"] == len(gold)
    for field, floor in SEEDS_FLOOR.items():
        assert table.loc[field, "f1"] >= floor, f"{field}: F1 {table.loc[field, 'f1']} below {floor}"


@pytest.fixture(scope="module")
def tool_output(seed_extraction):
    """The tool's own claims as a 'gold': only to test the scorer's counting, never its accuracy."""
    return claims_frame(seed_extraction.claims).astype(str)


def test_missed_wrong_and_extra_claims_are_counted(tool_output, seed_extraction):
    g = tool_output.copy()
    g = g[g["surface"] != "1208"]  # the tool finds a claim the gold lacks: a false positive
    g.loc[g["surface"] == "نحو 1140", "hedge"] = "exact"  # a field the tool gets "wrong"
    extra = g.iloc[[0]].copy()
    extra["char_start"], extra["char_end"], extra["claim_id"] = "0", "3", "000_a4e1b1a530825d43:0"
    g = pd.concat([g, extra])  # a gold claim the tool misses
    table = score(g, claims_frame(seed_extraction.claims)).set_index("field")
    n_pred, n_gold = len(seed_extraction.claims), len(g)
    assert table.loc["claim", "correct"] == n_gold - 1
    assert table.loc["claim", "precision"] == round((n_gold - 1) / n_pred, 4)
    assert table.loc["claim", "recall"] == round((n_gold - 1) / n_gold, 4)
    assert table.loc["hedge", "correct"] == n_gold - 2
    assert table.loc["quantity", "correct"] == n_gold - 1


def test_gold_without_offsets_matches_by_value(gold, seed_extraction):
    g = gold[["article_id", "value", "quantity"]]
    table = score(g, claims_frame(seed_extraction.claims)).set_index("field")
    assert table.loc["quantity", "f1"] >= SEEDS_FLOOR["quantity"] - 0.05


def test_score_command(tmp_path):
    out = tmp_path / "scores.csv"
    r = subprocess.run([sys.executable, "-m", "discrepancy", "score", str(SEEDS_GOLD), str(SEEDS),
                        "--manifest", str(SEEDS / "manifest.csv"), "-o", str(out), "-q"], capture_output=True)
    assert r.returncode == 0, r.stderr
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert set(table["field"]) >= {"claim", "value", "hedge", "quantity", "population"}
