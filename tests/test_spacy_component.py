"""The `discrepancy_claims` spaCy component on real Arabic sentences (the seeds').

`spacy.blank("ar")` tokenizes with spaCy's own Arabic rules (`و1709` stays one
token); the component still gives one span per claim whose text is the
claim's surface, with the claim's fields on `span._`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy

from discrepancy.backends import builtin
from discrepancy.extract import extract
from discrepancy.lexicon import RulesError, detect_profiles, load_lexicon
from discrepancy.models import Article
from tests.conftest import SEEDS

TOLL = "وبلغت حصيلة ضحايا القصف الإسرائيلي 7028 قتيلا بينهم 2913 طفلا و1709 نساء و397 مسنا، وأكثر من 18 ألف جريح في القطاع."


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("ar")
    nlp.add_pipe("discrepancy_claims")  # found through the spacy_factories entry point
    return nlp


def test_spans_on_a_blank_arabic_pipeline(nlp):
    doc = nlp(TOLL)
    spans = doc.spans["claims"]
    assert [s.text for s in spans] == ["7028", "2913", "1709", "397", "أكثر من 18 ألف"]
    assert [s.label_ for s in spans] == ["killed", "killed", "killed", "killed", "wounded"]
    by_text = {s.text: s for s in spans}
    assert by_text["2913"]._.population == "children" and by_text["1709"]._.population == "women"
    assert by_text["2913"]._.part_of == by_text["7028"]._.claim_id
    wounded = by_text["أكثر من 18 ألف"]
    assert (wounded._.value, wounded._.hedge, wounded._.low, wounded._.high) == (18000, "more_than", 18000, 19000)


def test_span_text_is_the_claim_surface(nlp):
    doc = nlp(TOLL)
    for span in doc.spans["claims"]:
        claim = span._.claim
        assert span.text == claim.surface == TOLL[claim.char_start : claim.char_end]
        assert (span.start_char, span.end_char) == (claim.char_start, claim.char_end)
    assert doc.text == TOLL


def test_a_claim_inside_a_token_splits_it(nlp):
    assert [t.text for t in spacy.blank("ar")(TOLL)].count("و1709") == 1  # spaCy's tokenizer keeps it whole
    doc = nlp(TOLL)
    i = next(t.i for t in doc if t.text == "1709")
    assert doc[i - 1].text == "و" and doc[i - 1].whitespace_ == ""


def test_without_splitting_such_claims_get_no_span():
    nlp = spacy.blank("ar")
    nlp.add_pipe("discrepancy_claims", config={"split_tokens": False})
    doc = nlp(TOLL)
    # و1709, و397 and وأكثر are whole tokens of spaCy's tokenizer
    assert [s.text for s in doc.spans["claims"]] == ["7028", "2913"]


def test_attribution_and_hedge_fields(nlp):
    text = ("أسفر الهجوم الذي شنته حماس في السابع من أكتوبر عن مقتل 1208 أشخاص، "
            "معظمهم من المدنيين، بحسب حصيلة لوكالة فرانس برس تستند إلى أرقام رسمية إسرائيلية.")
    doc = nlp(text)
    (span,) = [s for s in doc.spans["claims"] if s._.unit == "count"]
    assert (span.text, span._.value, span._.hedge, span._.quantity) == ("1208", 1208, "exact", "killed")
    assert span._.attribution_text == "وكالة فرانس برس"


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_same_claims_as_the_builtin_backend(seed, nlp):
    """A seed read by the component gives the claims the builtin backend gives (sentences from the
    builtin splitter, profiles detected per article)."""
    text = (SEEDS / seed).read_text(encoding="utf-8")
    art = Article(id=Path(seed).stem, text=text)
    lex = load_lexicon(None, detect_profiles(text))
    expected = extract(builtin.annotate([art], lex)[0], lex)
    doc = nlp.make_doc(text)
    doc._.article = art
    doc = nlp.get_pipe("discrepancy_claims")(doc)
    assert [s._.claim for s in doc.spans["claims"]] == expected
    assert all(s.text == s._.claim.surface for s in doc.spans["claims"])


def test_with_a_sentencizer_and_a_parse():
    """Sentences and a tree from the pipeline are used when there: here a Stanza parse on the Doc."""
    conll = pytest.importorskip("stanza.utils.conll")
    from discrepancy.backends.stanza import make_annotator

    text = "بلغت الحصيلة 7028 قتيلا."
    raw = (
        f"# text = {text}\n"
        "1\tبلغت\tبلغ\tVERB\t_\t_\t0\troot\t_\tstart_char=0|end_char=4\n"
        "2\tالحصيلة\tحصيلة\tNOUN\t_\t_\t1\tnsubj\t_\tstart_char=5|end_char=12\n"
        "3\t7028\t7028\tNUM\t_\t_\t4\tnummod\t_\tstart_char=13|end_char=17\n"
        "4\tقتيلا\tقتيل\tNOUN\t_\t_\t1\tobj\t_\tstart_char=18|end_char=23|SpaceAfter=No\n"
        "5\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\tstart_char=23|end_char=24\n\n"
    )
    lex = load_lexicon()
    doc = make_annotator(run=lambda texts: [conll.CoNLL.conll2doc(input_str=raw)])([Article("t", text)], lex)[0].doc
    nlp = spacy.blank("ar")
    doc = nlp.add_pipe("discrepancy_claims", config={"profile": "none"})(doc)
    (span,) = doc.spans["claims"]
    assert (span.text, span.label_, span.root.dep_) == ("7028", "killed", "nummod")

    nlp = spacy.blank("ar")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("discrepancy_claims")
    doc = nlp("قتل 5 أشخاص. وأصيب 12 آخرون.")
    assert [(s.text, s.label_, s.sent.text.strip()) for s in doc.spans["claims"]] == [
        ("5", "killed", "قتل 5 أشخاص."), ("12", "wounded", "وأصيب 12 آخرون.")]


def test_an_unknown_profile_fails_when_the_pipe_is_added():
    with pytest.raises(RulesError, match="no such profile"):
        spacy.blank("ar").add_pipe("discrepancy_claims", config={"profile": "nope"})


def test_render_marks_each_claim_right_to_left(nlp):
    from discrepancy.spacy_component import render

    doc = nlp(TOLL)
    html = render(doc, page=True)
    assert 'direction: rtl">' in html and 'lang="ar"' in html
    marks = re.findall(r"<mark[^>]*>\s*(.*?)\s*<span[^>]*>(.*?)</span>", html, flags=re.S)
    assert marks == [("7028", "killed · exact"), ("2913", "killed · exact"), ("1709", "killed · exact"),
                     ("397", "killed · exact"), ("أكثر من 18 ألف", "wounded · more_than")]
    assert "طفلا و<mark" in html  # the clitic stays against its figure, as written
