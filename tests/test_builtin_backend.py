"""The builtin backend: Arabic-aware tokens with original offsets, and sentences."""

from __future__ import annotations

import pytest

from discrepancy.backends.builtin import split_sentences, stem, tokenize


@pytest.fixture(scope="module")
def vocab(lex):
    return lex.vocabulary


def _texts(text, vocab):
    return [t.text for t in tokenize(text, vocab)]


def test_offsets_are_the_text(vocab):
    text = "وبلغت حصيلة ضحايا القصف 7028 قتيلا بينهم 2913 طفلا و1709 نساء، توعدت بـ\"القضاء\" على حمـ.اس."
    for t in tokenize(text, vocab):
        assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    "text, pieces",
    [
        ("و1709", ["و", "1709"]),
        ("و١٧٠٩", ["و", "١٧٠٩"]),
        ("لليوم الـ23", ["لل", "يوم", "الـ", "23"]),  # يوم is a lexicon word (non_claims units)
        ('بـ"القضاء"', ["بـ", '"', "القضاء", '"']),
        ("للمدنيين", ["لل", "مدنيين"]),  # ل + the article, whose alef the spelling drops
        ("والقتلى", ["وال", "قتلى"]),
        ("وزارة", ["وزارة"]),  # a word that starts with و is not split
        ("44,758 شخصا", ["44,758", "شخصا"]),
        ("2.3 مليون", ["2.3", "مليون"]),
    ],
)
def test_clitics_and_glued_digits(text, pieces, vocab):
    assert _texts(text, vocab) == pieces


def test_norm_and_stem(vocab):
    (tok,) = tokenize("الشُّهداءِ", vocab)
    assert tok.norm == "الشهداء" and stem(tok.norm) == "شهداء"


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("قتل 5. وأصيب 10.", ["قتل 5.", "وأصيب 10."]),
        ("بلغ العدد 2.3 مليون. ثم ارتفع.", ["بلغ العدد 2.3 مليون.", "ثم ارتفع."]),
        ('قال: "قتل 5 أشخاص." وأضاف أن 3 أصيبوا.', ['قال: "قتل 5 أشخاص."', "وأضاف أن 3 أصيبوا."]),
        ("استدعت إسرائيل -اليوم الأحد- السفير. وقالت إنه احتجاج.", ["استدعت إسرائيل -اليوم الأحد- السفير.", "وقالت إنه احتجاج."]),
        ("نقلت أ. ف. ب. أن 5 قتلوا.", ["نقلت أ. ف. ب. أن 5 قتلوا."]),
        ("سطر أول\nسطر ثان؟ نعم", ["سطر أول", "سطر ثان؟", "نعم"]),
        # a line broken after a paragraph's first word (crocus_15) goes on; a lone و-word before an
        # empty line (an agency's initials) stays its own
        ("وقال\nوزير الصحة إن 5 قتلوا.", ["وقال\nوزير الصحة إن 5 قتلوا."]),
        ("ومع\n\nقتل 5 أشخاص.", ["ومع", "قتل 5 أشخاص."]),
        # a breakdown after a stop goes on with the count it breaks down (herat_15)
        ("ما يزال 485 شخصا في عداد المفقودين . من بينهم 191 من الذکور و294 من النساء.",
         ["ما يزال 485 شخصا في عداد المفقودين . من بينهم 191 من الذکور و294 من النساء."]),
    ],
)
def test_sentences(text, sentences, vocab):
    toks = tokenize(text, vocab)
    got = [text[s.start : s.end] for s in split_sentences(text, toks)]
    assert got == sentences


def test_an_over_long_last_word_is_read_not_an_error(vocab):
    """The sentence splitter cuts a word of thousands of letters (a pasted blob) in its middle;
    when that word ends the text the cut starts no piece, and the article is still read."""
    from discrepancy.backends.builtin import annotate_one
    from discrepancy.models import Article

    text = "قتل 5 أشخاص في القصف. " + "ب" * 3000
    doc = annotate_one(Article(id="a", text=text), vocab)
    assert [text[s.start : s.end] for s in doc.sentences][0] == "قتل 5 أشخاص في القصف."
    assert doc.sentences[-1].end == len(text)
