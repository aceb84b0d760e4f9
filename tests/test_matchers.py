"""The lexicons matched by spaCy's PhraseMatcher and Matcher (lexicon.Matchers), on real Arabic forms."""

from __future__ import annotations

import pickle

import pytest

from discrepancy.lexicon import Matchers, PhraseList, load_lexicon
from discrepancy.normalize import fold


def hits(phrases: list[str], text: str) -> list[tuple[str, str]]:
    """(surface in the folded text, label) of each hit; each phrase is its own label."""
    folded = fold(text)
    return [(folded[h.start:h.end], h.label) for h in PhraseList([(p, p, "cue") for p in phrases]).find(folded)]


@pytest.mark.parametrize("phrases, text, expected", [
    # proclitics off, the hit starts after them
    (["قتلى"], "والقتلى في القصف", [("قتلي", "قتلى")]),
    (["مفقود"], "للمفقودين أسماء", [("مفقود", "مفقود")]),
    # inflection endings: the hit stops before them
    (["جريح"], "جريحا", [("جريح", "جريح")]),
    (["لقوا حتفهم"], "ولقوا حتفهم", [("لقوا حتفهم", "لقوا حتفهم")]),
    # و in وزارة is no clitic; in ووزارة the first one is
    (["وزارة الصحة"], "ووزارة الصحة", [("وزاره الصحه", "وزارة الصحة")]),
    (["وزارة الصحة"], "وزارة الصحة", [("وزاره الصحه", "وزارة الصحة")]),
    # a word inside a phrase takes no clitic and no ending
    (["وزارة الصحة"], "وزارة والصحة", []),
    (["القتلى والجرحى"], "القتلاهم والجرحى", []),
    # a bare entry (=) takes no ending: أسر is captured, أسرة a family
    (["أسر="], "أسرة", []),
    (["أسر="], "وأسر 250 شخصا", [("اسر", "أسر=")]),
    # a listed word with ال still holds the shorter phrase (القتلى والجرحى lists القتلى)
    (["قتلى", "القتلى والجرحى"], "القتلى", [("قتلي", "قتلى")]),
    (["قتلى", "القتلى والجرحى"], "القتلى والجرحى", [("القتلي والجرحي", "القتلى والجرحى")]),
    # a listed word with an ending wins over the shorter word + ending (العام + ين, not ال + عامين)
    (["العام", "عامين"], "العامين الماضيين", [("العام", "العام")]),
    (["العام", "عامين"], "منذ عامين", [("عامين", "عامين")]),
    # open-ended phrases run into the next word
    (["وفقا ل"], "وفقا لوزارة الصحة", [("وفقا ل", "وفقا ل")]),
    (["وفقا ل"], "وفقاً لـ\"الدفاع المدني\"", [("وفقا ل", "وفقا ل")]),
    # signs inside a phrase
    (["كوفيد-19", "أ.ف.ب"], "فيروس كوفيد-19 (أ.ف.ب)", [("كوفيد-19", "كوفيد-19"), ("ا.ف.ب", "أ.ف.ب")]),
    # a word may follow digits with no space (و 72حالة وفاة), not run into digits after it
    (["قتيل"], "13قتيلا", [("قتيل", "قتيل")]),
    (["قتيل"], "قتيلا13", []),
])
def test_forms(phrases, text, expected):
    assert hits(phrases, text) == expected


def test_overlaps_keep_the_word_start_then_the_longest():
    # بحسب is listed and so is حسب: the one that starts the word wins
    assert hits(["حسب", "بحسب", "بحسب ما"], "وذلك بحسب ما أعلنت") == [("بحسب ما", "بحسب ما")]
    # after a compound proclitic the longest one wins (بال + حرائق, not ب + الحرائق)
    assert hits(["حرائق", "الحرائق"], "معنية بالحرائق") == [("حرايق", "حرائق")]


def test_several_lists_in_one_pass():
    m = Matchers({"q": PhraseList([("مقتل", "killed", "trigger")]),
                  "src": PhraseList([("وزارة الصحة", "moh", "source")]),
                  "v": PhraseList([("أعلنت", "verb", "cue")])})
    text = fold("وأعلنت وزارة الصحة مقتل 20 فلسطينيا")
    found = m.find_all(text)
    assert [(text[h.start:h.end], h.label) for name in ("q", "src", "v") for h in found[name]] == [
        ("مقتل", "killed"), ("وزاره الصحه", "moh"), ("اعلنت", "verb")]


def test_lexicon_match_offsets_are_the_folded_text():
    lex = load_lexicon()
    text = fold("وأفادت الأمم المتحدة بمقتل 12 شخصاً وإصابة العشرات في الفيضانات")
    found = lex.match(text)
    assert [(text[h.start:h.end], h.label) for h in found["quantities"]] == [("مقتل", "killed"), ("اصابه", "wounded")]
    assert [h.label for h in found["sources"]] == ["un"]
    assert [h.label for h in found["cue_verbs"]] == ["verb"]
    assert [h.label for h in found["people"]] == ["people"]


def test_the_matchers_survive_pickling():
    """Parallel workers get the lexicon pickled: spaCy's matchers are rebuilt there."""
    lex = load_lexicon()
    text = fold("استشهاد 30 فلسطينيا")
    before = lex.match(text)
    again = pickle.loads(pickle.dumps(lex))
    assert again.match(text) == before and before["quantities"]
