"""The Stanza backend without its neural models.

Seed sentences written by hand as CoNLL-U (tests/data/conllu/, UD Arabic-PADT
style with multi-word tokens, offsets and NER in MISC) become Stanza
Documents through `CoNLL.conll2doc`; the backend runs on them through its one
seam, the function that would call the neural pipeline. Everything after
that (conversion, tree-based extraction, rules) is the code users run.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from discrepancy.backends.stanza import ModelsMissing, make_annotator
from discrepancy.extract import extract
from discrepancy.models import Article
from tests.conftest import SEEDS

stanza_conll = pytest.importorskip("stanza.utils.conll")

CONLLU = sorted((Path(__file__).parent / "data" / "conllu").glob("*.conllu"))
SEED_ARTICLE = {"000": "000_a4e1b1a530825d43", "001": "001_59abe512c9b76ea7",
                "002r1": "002_9b40395f0cbb0cbe#r1", "004r1": "004_45390325e43905a9#r1"}
FIELDS = ("value", "unit", "hedge", "quantity", "population", "event", "modality", "attribution")


def _read(path: Path):
    text = path.read_text(encoding="utf-8")
    sent_id = next(line.split("= ", 1)[1] for line in text.splitlines() if line.startswith("# sent_id"))
    sentence = next(line.split("= ", 1)[1] for line in text.splitlines() if line.startswith("# text"))
    return sent_id.split(":")[0], sentence, stanza_conll.CoNLL.conll2doc(input_str=text)


@pytest.fixture(scope="module")
def stanza_docs(seed_extraction, lex):
    """(sentence, seed article, annotated doc) for every hand-written file."""
    articles = {a.id: a for a in seed_extraction.articles}
    out = []
    for path in CONLLU:
        seed, conll_text, sdoc = _read(path)
        seed_art = articles[SEED_ARTICLE[seed]]
        # the seed's own sentence: CoNLL-U writes plain spaces where the page has no-break ones
        sentence = next(c.sentence for c in seed_extraction.claims
                        if c.article_id == seed_art.id and " ".join(c.sentence.split()) == conll_text)
        art = Article(id=f"{seed_art.id}~{path.stem}", text=sentence, outlet=seed_art.outlet, published=seed_art.published)
        annotate = make_annotator(run=lambda texts, d=sdoc: [d for _ in texts])
        out.append((sentence, seed_art, annotate([art], lex)[0]))
    return out


def test_at_least_eight_sentences():
    assert len(CONLLU) >= 8


def test_offsets_of_multiword_tokens(stanza_docs):
    for sentence, _, doc in stanza_docs:
        assert doc.backend == "stanza" and doc.has_tree
        for t in doc.tokens:
            assert sentence[t.start : t.end] == t.text
        # a multi-word token gives several words over one span: و + بلغت over وبلغت
        spans = [(t.start, t.end) for t in doc.tokens]
        assert len(spans) > len(set(spans)) or "1140" in sentence


def test_no_entity_dropped(stanza_docs):
    by_sentence = {s: doc for s, _, doc in stanza_docs}
    doc = next(d for s, d in by_sentence.items() if "1208" in s)
    names = [doc.article.text[a:b] for a, b, _ in doc.entities]
    assert "لوكالة فرانس برس" in names  # B-ORG on a multi-word token, then I, E
    doc = next(d for s, d in by_sentence.items() if "44758" in s)
    names = [doc.article.text[a:b] for a, b, _ in doc.entities]
    assert "لحماس" in names and "قطاع غزة" in names


def test_same_claims_as_the_golden_seed_claims(stanza_docs, seed_extraction, lex):
    for sentence, seed_art, doc in stanza_docs:
        expected = [c for c in seed_extraction.claims if c.article_id == seed_art.id and c.sentence == sentence]
        got = extract(doc, lex)
        assert expected, sentence
        assert [c.surface for c in got] == [c.surface for c in expected], sentence
        exp_by_id = {c.claim_id: c for c in expected}
        got_by_id = {c.claim_id: c for c in got}
        for g, e in zip(got, expected, strict=True):
            for f in FIELDS:
                assert getattr(g, f) == getattr(e, f), f"{g.surface} {f}: {getattr(g, f)!r} != {getattr(e, f)!r}"
            whole_e = exp_by_id[e.part_of].surface if e.part_of else ""
            whole_g = got_by_id[g.part_of].surface if g.part_of else ""
            assert whole_g == whole_e, g.surface


def test_tree_gives_the_counted_noun(lex):
    """The tree's nummod decides what is counted, even where words around mislead."""
    text = "بلغت الحصيلة 7028 قتيلا."
    conll = (
        "# text = بلغت الحصيلة 7028 قتيلا.\n"
        "1\tبلغت\tبلغ\tVERB\t_\t_\t0\troot\t_\tstart_char=0|end_char=4\n"
        "2\tالحصيلة\tحصيلة\tNOUN\t_\t_\t1\tnsubj\t_\tstart_char=5|end_char=12\n"
        "3\t7028\t7028\tNUM\t_\t_\t4\tnummod\t_\tstart_char=13|end_char=17\n"
        "4\tقتيلا\tقتيل\tNOUN\t_\t_\t1\tobj\t_\tstart_char=18|end_char=23|SpaceAfter=No\n"
        "5\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\tstart_char=23|end_char=24\n\n"
    )
    sdoc = stanza_conll.CoNLL.conll2doc(input_str=conll)
    doc = make_annotator(run=lambda texts: [sdoc])([Article("t", text, published=date(2023, 10, 26))], lex)[0]
    assert doc.tokens[3].head == 0 and doc.tokens[2].head == 3 and doc.tokens[2].deprel == "nummod"
    (claim,) = extract(doc, lex)
    assert (claim.surface, claim.quantity) == ("7028", "killed")


def test_missing_models_is_one_clear_message(tmp_path):
    with pytest.raises(ModelsMissing) as e:
        make_annotator(model_dir=str(tmp_path / "none"))
    msg = str(e.value)
    assert str(tmp_path / "none") in msg and "discrepancy models download" in msg and "\n" not in msg


def test_incomplete_models_folder_through_the_real_loading_code(tmp_path):
    """resources.json present, model files absent: stanza.Pipeline itself fails, we say so in one line."""
    import json

    from discrepancy.backends.stanza import load_pipeline

    (tmp_path / "ar").mkdir()
    (tmp_path / "resources.json").write_text(json.dumps({"ar": {"lang_name": "Arabic"}}), encoding="utf-8")
    with pytest.raises(ModelsMissing) as e:
        load_pipeline(tmp_path)
    msg = str(e.value)
    assert "incomplete or unreadable" in msg and "discrepancy models download" in msg and "\n" not in msg


def test_cli_without_models_exits_2_with_one_line(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "discrepancy", "check", str(SEEDS), "--backend", "stanza", "--stanza-dir", str(tmp_path)],
        capture_output=True, text=True,
    )
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Stanza Arabic models not found in" in lines[0] and "Traceback" not in r.stderr


def test_builtin_path_never_imports_torch_or_stanza():
    code = (
        "import sys, discrepancy\n"
        f"r = discrepancy.check([{str(SEEDS)!r}], manifest={str(SEEDS / 'manifest.csv')!r})\n"
        "assert r.conflict_list\n"
        "bad = [m for m in ('torch', 'stanza') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
