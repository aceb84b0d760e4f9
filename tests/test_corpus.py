"""The real-text corpus (tests/corpus/, docs/annotation.md) and the accuracy gate.

The corpus scores may not drop below the figures recorded in
tests/corpus/baseline.json; when they rise, record them on purpose
(`python bench/accuracy.py --record`) and let the diff show it.
"""

from __future__ import annotations

import json

import pytest

from bench.accuracy import BASELINE, evaluate
from bench.corpus import load_corpus

# higher is better for these; growth pairs flagged must not rise
GATED = ("value_f1", "quantity_f1", "hedge_f1", "strict_f1", "source", "conflicts_found", "listed_right")
LOWER_IS_BETTER = ("growth_flagged",)


@pytest.fixture(scope="module")
def stories():
    return load_corpus()  # raises with every problem when the corpus is malformed


@pytest.fixture(scope="module")
def figures(stories):
    return evaluate(stories)[0]


def test_corpus_is_large_and_varied_enough(stories):
    outlets = {a.outlet for s in stories for a in s.articles}
    assert len(stories) >= 10
    assert sum(len(s.articles) for s in stories) >= 100
    assert len(outlets) >= 50
    assert sum(len(s.claims) for s in stories) >= 600
    assert sum(s.unseen for s in stories) >= 3


def test_every_passage_has_its_url_and_is_a_passage(stories):
    for s in stories:
        for a in s.articles:
            assert a.url.startswith("http"), a.id
            assert len(a.text) < 6000, f"{a.id}: a passage, not a whole article"


def test_kept_out_stories_stay_out(stories):
    # the Derna floods, the Turkey–Syria earthquake and the Beirut port explosion measure the tool blind
    for s in stories:
        for a in s.articles:
            for words in (("درنة",), ("مرفأ بيروت",), ("زلزال", "تركيا", "سوريا")):
                assert not all(w in a.text for w in words), f"{a.id} mentions {' '.join(words)}"


def test_scores_do_not_drop_below_the_recorded_figures(figures):
    recorded = json.loads(BASELINE.read_text(encoding="utf-8"))
    drops = []
    for story, rec in recorded.items():
        got = figures.get(story)
        assert got is not None, f"story {story} disappeared from the corpus"
        drops += [f"{story} {m}: {got[m]} < {rec[m]}" for m in GATED if got[m] < rec[m] - 1e-9]
        drops += [f"{story} {m}: {got[m]} > {rec[m]}" for m in LOWER_IS_BETTER if got[m] > rec[m]]
    assert not drops, "\n".join(drops)
