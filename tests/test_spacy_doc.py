"""The spaCy Doc between backends and extraction (discrepancy/backends/doc.py).

Both backends give a `Doc` whose text is the article's, whose tokens are the
backend's pieces with exact offsets, and whose NORM is the folded form.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from discrepancy.backends import builtin
from discrepancy.backends.stanza import _word_pieces, make_annotator
from discrepancy.models import Article

TEXTS = [
    "وبلغت حصيلة ضحايا القصف 7028 قتيلا بينهم 2913 طفلا و1709 نساء.",
    "  \nقال المتحدث:  \"قُتل ١٢٠ شخصاً\"\u200f.\n\n  وأُصيب 40 آخرون،\u00a0بحسب حمـ.اس  ",
    "سطر أول\r\nسطر ثان؟ نعم",
    "",
    " \n ",
]


@pytest.mark.parametrize("text", TEXTS)
def test_builtin_doc_text_is_the_article(text, lex):
    view = builtin.annotate([Article("t", text)], lex)[0]
    doc = view.doc
    assert doc.text == text
    assert doc._.article.text == text and doc._.backend == "builtin"
    for t in doc:
        assert text[t.idx : t.idx + len(t.text)] == t.text
        assert t.is_space == t.text.isspace()


def test_clitic_and_digits_are_tokens_without_space(lex):
    text = "قتل 2913 طفلا و1709 نساء"
    doc = builtin.annotate([Article("t", text)], lex)[0].doc
    words = [t.text for t in doc]
    assert words == ["قتل", "2913", "طفلا", "و", "1709", "نساء"]
    waw = doc[3]
    assert waw.whitespace_ == "" and doc[4].idx == text.index("1709")


@pytest.mark.parametrize(
    "word, norm",
    [("الشُّهداءِ", "الشهداء"), ("أعلنت", "اعلنت"), ("إسرائيل", "اسراييل"), ("١٧٠٩", "1709"), ("حصيلةُ", "حصيله"),
     ("مستشفى", "مستشفي")],
)
def test_norm_is_the_folded_form(word, norm, lex):
    doc = builtin.annotate([Article("t", f"قال {word} اليوم")], lex)[0].doc
    assert doc[1].text == word and doc[1].norm_ == norm


def test_sentence_starts_are_set(lex):
    text = 'قال: "قتل 5 أشخاص." وأضاف أن 3 أصيبوا.\nسطر ثان'
    doc = builtin.annotate([Article("t", text)], lex)[0].doc
    assert [s.text.strip() for s in doc.sents] == ['قال: "قتل 5 أشخاص."', "وأضاف أن 3 أصيبوا.", "سطر ثان"]
    assert not doc.has_annotation("POS") and not doc.has_annotation("DEP")


CONLLU = Path(__file__).parent / "data" / "conllu" / "s3_7028.conllu"


@pytest.fixture(scope="module")
def stanza_doc(lex):
    conll = pytest.importorskip("stanza.utils.conll")
    raw = CONLLU.read_text(encoding="utf-8")
    text = next(line.split("= ", 1)[1] for line in raw.splitlines() if line.startswith("# text"))
    sdoc = conll.CoNLL.conll2doc(input_str=raw)
    return text, make_annotator(run=lambda texts: [sdoc])([Article("t", text)], lex)[0].doc


def test_stanza_words_are_tokens_of_their_written_token(stanza_doc):
    text, doc = stanza_doc
    assert doc.text == text and doc._.backend == "stanza"
    written = {s.text: [t.text for t in s] for s in doc.spans["mwt"]}
    assert written["وبلغت"] == ["و", "بلغت"] and written["و1709"] == ["و", "1709"]
    num = next(t for t in doc if t.text == "1709")
    assert num.idx == text.index("و1709") + 1


def test_stanza_tree_pos_lemmas_on_the_doc(stanza_doc):
    _, doc = stanza_doc
    assert doc.has_annotation("DEP") and doc.has_annotation("POS") and doc.has_annotation("LEMMA")
    num = next(t for t in doc if t.text == "7028")
    assert num.pos_ == "NUM" and num.dep_ == "nummod" and num.head.norm_ == "قتيلا"
    assert len(list(doc.sents)) == 1


@pytest.mark.parametrize(
    "surface, words, pieces",
    [
        ("وبلغت", ["و", "بلغت"], ["و", "بلغت"]),
        ("للمدنيين", ["ل", "المدنيين"], ["ل", "لمدنيين"]),  # PADT restores the article the spelling drops
        ("غالبيتهم", ["غالبية", "هم"], ["غالبيت", "هم"]),
        ("عنه", ["عن", "ه"], ["عن", "ه"]),
    ],
)
def test_word_pieces_cover_the_written_token(surface, words, pieces):
    cuts = _word_pieces(surface, words)
    assert [surface[a:b] for a, b in cuts] == pieces
    assert cuts[0][0] == 0 and cuts[-1][1] == len(surface)


def test_restored_forms_are_the_norm_of_the_pieces(lex):
    conll = pytest.importorskip("stanza.utils.conll")
    text = "قتل 5 للمدنيين"
    raw = (
        f"# text = {text}\n"
        "1\tقتل\tقتل\tVERB\t_\t_\t0\troot\t_\tstart_char=0|end_char=3\n"
        "2\t5\t5\tNUM\t_\t_\t1\tnsubj\t_\tstart_char=4|end_char=5\n"
        "3-4\tللمدنيين\t_\t_\t_\t_\t_\t_\t_\tstart_char=6|end_char=14\n"
        "3\tل\tل\tADP\t_\t_\t4\tcase\t_\t_\n"
        "4\tالمدنيين\tمدني\tNOUN\t_\t_\t2\tnmod\t_\t_\n\n"
    )
    sdoc = conll.CoNLL.conll2doc(input_str=raw)
    view = make_annotator(run=lambda texts: [sdoc])([Article("t", text)], lex)[0]
    doc = view.doc
    assert [(t.text, t.norm_) for t in doc][2:] == [("ل", "ل"), ("لمدنيين", "المدنيين")]
    assert doc[3].head.text == "5" and doc[2].head.i == 3
    # extraction still sees each word over its written token
    assert [(t.text, t.norm) for t in view.tokens][2:] == [("للمدنيين", "ل"), ("للمدنيين", "المدنيين")]


@pytest.mark.parametrize("text", TEXTS)
def test_words_doc_has_the_same_sentences(text, lex):
    """`annotate(tokens=False)` (what `check` runs): whitespace words as tokens, the same sentences."""
    words = builtin.annotate([Article("t", text)], lex, tokens=False)[0]
    pieces = builtin.annotate([Article("t", text)], lex)[0]
    assert words.doc.text == text
    assert [t.text for t in words.doc if not t.is_space] == text.split()
    assert [(s.start, s.end) for s in words.sentences] == [(s.start, s.end) for s in pieces.sentences]


def test_builtin_sentences_without_the_doc_are_the_docs(lex):
    """The builtin doc gives extraction its sentences from the pieces, building no spaCy Doc
    (a tenth of `check`'s time): they are the sentences the Doc gives, on the seeds and on
    the texts above, with clitics split or not."""
    from discrepancy.backends.doc import AnnotatedDoc

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    texts = TEXTS + ["كلمة", "كلمة ", " كلمة"] + [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    for text in texts:
        for tokens in (False, True):
            view = builtin.annotate([Article("t", text)], lex, tokens=tokens)[0]
            sentences = view.sentences
            assert "doc" not in vars(view) or len(text.split()) < 2  # not built but for one word or none
            assert sentences == AnnotatedDoc(view.doc, view.article).sentences
            assert not view.has_tree and view.entities == ()
