"""Scoring extraction against a hand-annotated gold CSV."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from discrepancy.report import claims_frame
from discrepancy.score import score
from tests.conftest import GOLDEN, SEEDS


@pytest.fixture(scope="module")
def gold():
    return pd.read_csv(GOLDEN / "seeds_claims.csv", dtype=str, keep_default_na=False)


def test_the_golden_file_scores_perfectly(gold, seed_extraction):
    table = score(gold, claims_frame(seed_extraction.claims)).set_index("field")
    assert (table["f1"] == 1.0).all()
    assert table.loc["claim", "gold"] == len(gold)


def test_missed_wrong_and_extra_claims_are_counted(gold, seed_extraction):
    g = gold.copy()
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
    assert table.loc["quantity", "f1"] > 0.95


def test_score_command(tmp_path):
    out = tmp_path / "scores.csv"
    r = subprocess.run([sys.executable, "-m", "discrepancy", "score", str(GOLDEN / "seeds_claims.csv"), str(SEEDS),
                        "--manifest", str(SEEDS / "manifest.csv"), "-o", str(out), "-q"], capture_output=True)
    assert r.returncode == 0, r.stderr
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert set(table["field"]) >= {"claim", "value", "hedge", "quantity", "population"}
