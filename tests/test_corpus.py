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


def test_the_tool_fails_on_no_article_of_the_corpus(figures):
    """An article the extractor crashed on is reported by check and would only lower the scores
    a little: the gate says it outright."""
    assert figures["all"]["failed_articles"] == 0


def test_a_failed_article_is_counted_and_named(monkeypatch):
    """A crash in extraction (simulated on one article) is counted and named in the notes."""
    import discrepancy.extract as extract
    from bench.accuracy import run_story

    story = next(s for s in load_corpus() if s.id == "morocco_earthquake_2023")
    real = extract.extract
    victim = story.articles[0].text

    def failing(doc, lex):
        if doc.article.text == victim:
            raise RuntimeError("simulated crash")
        return real(doc, lex)

    monkeypatch.setattr(extract, "extract", failing)
    tally, notes = run_story(story)
    assert tally.failed == 1
    assert any(n.startswith("the tool failed on ") and "simulated crash" in n for n in notes)


def test_a_missed_conflict_note_says_its_class():
    """bench/accuracy.py --notes: why an expected conflict was missed (keys, one group, unread)."""
    from bench.accuracy import _why_missed
    from bench.corpus import GoldClaim
    from discrepancy.models import Claim, ClaimGroup

    def claim(art: str, start: int, value: float, population: str, event: str, place: str) -> Claim:
        return Claim(f"{art}:{start}", art, "", None, None, "killed", population, event, place, "count", value,
                     "exact", value, value, "fact", "", "", "", "", "", str(int(value)), start, start + 4)

    def gold(art: str, start: int, value: float) -> GoldClaim:
        return GoldClaim(art, str(int(value)), start, start + 4, value, quantity="killed", population="israeli",
                         event="oct7_attack")

    # Israel's 1400 read as a Palestinian toll of the war in Gaza: a key differs from the gold
    a, b = claim("gaza_05", 655, 1400, "palestinian", "gaza_war", "gaza"), claim("gaza_05", 206, 1200, "israeli", "oct7_attack", "")
    groups = [ClaimGroup("killed/palestinian", "killed", "palestinian", "gaza_war", "gaza", "count", "cumulative", (a,)),
              ClaimGroup("killed/israeli", "killed", "israeli", "oct7_attack", "", "count", "fixed", (b,))]
    gold_of = {a.claim_id: gold("gaza_05", 655, 1400), b.claim_id: gold("gaza_05", 206, 1200)}
    why = _why_missed(["gaza_05:655", "gaza_05:206"], gold_of, groups)
    assert why.startswith("read under different keys:")
    assert "gaza_05:655: population palestinian (gold israeli), event gaza_war (gold oct7_attack)" in why
    assert "gaza_05:206: key as gold" in why
    # both in one group, undated: no conflict lists them together
    b2 = claim("gaza_12", 518, 1140, "israeli", "oct7_attack", "")
    one = [ClaimGroup("killed/israeli", "killed", "israeli", "oct7_attack", "", "count", "fixed", (b, b2))]
    why = _why_missed(["gaza_05:206", "gaza_12:518"], {b.claim_id: gold("gaza_05", 206, 1200),
                                                       b2.claim_id: gold("gaza_12", 518, 1140)}, one)
    assert why == "one group (killed/israeli), listed together by no conflict: fixed; undated gaza_05:206, gaza_12:518"
    # a figure not read with its value
    assert _why_missed(["gaza_05:206", "gaza_12:518"], {b.claim_id: gold("gaza_05", 206, 1200)}, one) \
        == "not read with their value: gaza_12:518"
