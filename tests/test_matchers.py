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
    # nor a proclitic glued before digits: the noun after them is found (rabaa_06: و3572مصابا)
    (["مصاب"], "و3572مصابا", [("مصاب", "مصاب")]),
    # after the preposition ل the article loses its alif (sudan_07: تقرير للأمم المتحدة): the hit
    # starts at the article's lam, for one word or several, after و too
    (["الأمم المتحدة"], "أفاد تقرير للأمم المتحدة", [("لامم المتحده", "الأمم المتحدة")]),
    (["الأمم المتحدة"], "وللأمم المتحدة", [("لامم المتحده", "الأمم المتحدة")]),
    (["المرصد"], "وفقا للمرصد", [("لمرصد", "المرصد")]),
    (["الأمم المتحدة"], "الأممية المتحدة", []),
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


def test_a_word_asked_again_gets_the_same_hits():
    """`PhraseList.find` on one word keeps its hits (a source phrase's words are each asked of
    the cue verbs, for every figure): the same hits again, whatever the caller did with them."""
    verbs = load_lexicon().cue_verbs
    first = verbs.find(fold("وأعلنت"))
    assert first and [h.label for h in first] == [h.label for h in verbs.find(fold("وأعلنت"))]
    first.clear()
    assert verbs.find(fold("وأعلنت")) and verbs.find(fold("الوزارة")) == verbs.find(fold("الوزارة"))


def test_a_profile_sets_matchers_take_alike_patterns_from_one_built_before(monkeypatch):
    """A profile set's matchers take the patterns of the phrases its vocabulary cuts as the
    vocabulary of matchers built before does (lexicon._Donor): the same patterns as built
    alone, on the real rules, whichever set was built first; a small list (cue verbs) too."""
    import discrepancy.lexicon as lexicon

    monkeypatch.setattr(lexicon, "plan_cache", lambda: None)  # computed here, not read from a run before

    def built(lists, donors):
        monkeypatch.setattr(lexicon, "_BUILT", list(donors))
        m = Matchers(lists).compile()
        phrases = len({(p, p in pl.bare) for pl in lists.values() for p in pl.labels})
        assert len(m._pattern_cache) < phrases / 2 if donors else len(m._pattern_cache) == phrases  # most taken
        vocab, _, targets = m._build()
        return sorted((vocab.strings[k], sorted(v)) for k, v in targets.items())

    sets = [(), ("gaza_war",), ("sudan_war",)]
    lexicons = [load_lexicon(None, s) for s in sets]
    for lex, first in ((lexicons[1], lexicons[0]), (lexicons[0], lexicons[2])):
        donor = Matchers(first.matchers.lists).compile()
        assert len(donor.vocabulary ^ lex.matchers.vocabulary) > 0  # the vocabularies differ
        assert built(lex.matchers.lists, [donor]) == built(lex.matchers.lists, [])
    verbs = {"": lexicons[1].cue_verbs}
    assert built(verbs, [Matchers({"": lexicons[0].cue_verbs}).compile()]) == built(verbs, [])


def test_matchers_built_from_the_plan_kept_on_disk_are_those_computed(monkeypatch, tmp_path):
    """A new process reads a lexicon's patterns from the plan a process before kept on disk
    (lexicon._kept_plan, keyed by the lists and the code): the same spaCy patterns and the
    same hits as computed; other lists get their own file; a damaged file is computed again."""
    import discrepancy.lexicon as lexicon

    lex = load_lexicon(None, ("gaza_war",))
    text = fold("وأعلنت وزارة الصحة في غزة ارتفاع حصيلة القتلى إلى 34 ألفا و183 قتيلا، والمصابين إلى 77 ألفا")

    def built():
        m = Matchers(lex.matchers.lists).compile()
        vocab, _, targets = m._build()
        return sorted((vocab.strings[k], v) for k, v in targets.items()), m.find_all(text)

    monkeypatch.setattr(lexicon, "plan_cache", lambda: None)
    computed = built()
    assert computed[1]["quantities"] and computed[1]["sources"]
    monkeypatch.setattr(lexicon, "plan_cache", lambda: tmp_path)
    assert built() == computed  # computed, and kept
    [kept] = tmp_path.glob("*.json")
    monkeypatch.setattr(Matchers, "_plan", lambda m: pytest.fail("read from disk, not computed"))
    assert built() == computed
    monkeypatch.undo()
    monkeypatch.setattr(lexicon, "plan_cache", lambda: tmp_path)
    Matchers({"": lex.cue_verbs}).compile()
    assert len(list(tmp_path.glob("*.json"))) == 2
    kept.write_text('[["0 0 قتلي", ', encoding="utf-8")
    assert built() == computed


# a hand-written parse in UD Arabic-PADT style (a multi-word token, offsets in MISC), as the Stanza tests do
HELD = (
    "# text = واحتجز المسلحون 240 رهينة، وأطلق سراح حوالي 100 منهم.\n"
    "1-2\tواحتجز\t_\t_\t_\t_\t_\t_\t_\tstart_char=0|end_char=6\n"
    "1\tو\tو\tCCONJ\t_\t_\t2\tcc\t_\t_\n"
    "2\tاحتجز\tاحتجز\tVERB\t_\t_\t0\troot\t_\t_\n"
    "3\tالمسلحون\tمسلح\tNOUN\t_\t_\t2\tnsubj\t_\tstart_char=7|end_char=15\n"
    "4\t240\t240\tNUM\t_\t_\t5\tnummod\t_\tstart_char=16|end_char=19\n"
    "5\tرهينة\tرهينة\tNOUN\t_\t_\t2\tobj\t_\tstart_char=20|end_char=25|SpaceAfter=No\n"
    "6\t،\t،\tPUNCT\t_\t_\t8\tpunct\t_\tstart_char=25|end_char=26\n"
    "7-8\tوأطلق\t_\t_\t_\t_\t_\t_\t_\tstart_char=27|end_char=32\n"
    "7\tو\tو\tCCONJ\t_\t_\t8\tcc\t_\t_\n"
    "8\tأطلق\tأطلق\tVERB\t_\t_\t2\tconj\t_\t_\n"
    "9\tسراح\tسراح\tNOUN\t_\t_\t8\tobj\t_\tstart_char=33|end_char=37\n"
    "10\tحوالي\tحوالي\tADV\t_\t_\t11\tadvmod\t_\tstart_char=38|end_char=43\n"
    "11\t100\t100\tNUM\t_\t_\t9\tnmod\t_\tstart_char=44|end_char=47\n"
    "12-13\tمنهم\t_\t_\t_\t_\t_\t_\t_\tstart_char=48|end_char=52|SpaceAfter=No\n"
    "12\tمن\tمن\tADP\t_\t_\t13\tcase\t_\t_\n"
    "13\tهم\tهم\tPRON\t_\t_\t11\tnmod\t_\t_\n"
    "14\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\tstart_char=52|end_char=53\n\n"
)


def test_tree_patterns_find_the_counted_noun_on_a_parse():
    conll = pytest.importorskip("stanza.utils.conll")
    from discrepancy.backends.stanza import make_annotator
    from discrepancy.models import Article

    lex = load_lexicon()
    text = "واحتجز المسلحون 240 رهينة، وأطلق سراح حوالي 100 منهم."
    sdoc = conll.CoNLL.conll2doc(input_str=HELD)
    doc = make_annotator(run=lambda texts: [sdoc])([Article("t", text)], lex)[0]
    pairs = [(doc.doc[a].text, doc.doc[b].text) for a, b in lex.trees.pairs(doc.doc, "counted")]
    # 240 modifies رهينة; 100 modifies سراح and has منهم hanging on it (extraction keeps the
    # pairs whose first node is in a figure: the verbs' subjects and objects are left out there)
    assert [p for p in pairs if p[0].isdigit()] == [("240", "رهينة"), ("100", "سراح"), ("100", "هم")]
    assert ("احتجز", "رهينة") in pairs


def test_tree_patterns_are_data(tmp_path):
    """Another pattern set, read from YAML: only the noun the number modifies."""
    conll = pytest.importorskip("stanza.utils.conll")
    import shutil

    from discrepancy.backends.stanza import make_annotator
    from discrepancy.lexicon import DEFAULT_RULES_DIR
    from discrepancy.models import Article

    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    (rules / "lexicon" / "trees.yaml").write_text(
        "counted:\n"
        "  - - {RIGHT_ID: number, RIGHT_ATTRS: {DEP: nummod}}\n"
        "    - {LEFT_ID: number, REL_OP: '<', RIGHT_ID: noun, RIGHT_ATTRS: {POS: NOUN}}\n", encoding="utf-8")
    lex = load_lexicon(rules)
    text = "واحتجز المسلحون 240 رهينة، وأطلق سراح حوالي 100 منهم."
    sdoc = conll.CoNLL.conll2doc(input_str=HELD)
    doc = make_annotator(run=lambda texts: [sdoc])([Article("t", text)], lex)[0]
    assert [(doc.doc[a].text, doc.doc[b].text) for a, b in lex.trees.pairs(doc.doc, "counted")] == [("240", "رهينة")]


def test_find_in_part_of_a_text_reads_whole_words():
    """`find(text, start, end)` reads only the words there, and a word cut by `start` whole:
    the قال of "استقال" (resigned) is no cue verb when the part starts inside it."""
    verbs = PhraseList([("قال", "verb", "cue")])
    text = fold("استقال الوزير وقال مساعده")
    assert [text[h.start:h.end] for h in verbs.find(text, text.index("قال"))] == ["قال"]
    assert verbs.find(text, text.index("قال"), text.index("وقال")) == []


def test_the_hits_before_a_point_are_found_in_the_text_cut_a_few_words_after_it():
    """`find_before(text, stop)` matches only the words a hit starting before `stop` can reach:
    the hits `find(text)` gives that start before it, in real articles and at every word, with
    a name the stop falls inside (الأمم | المتحدة) kept whole."""
    from pathlib import Path

    lex = load_lexicon()
    text = fold("أفاد تقرير للأمم المتحدة بمقتل 12 شخصاً")
    stop = text.index("المتحده")
    assert [text[h.start:h.end] for h in lex.sources.find_before(text, stop)] == ["لامم المتحده"]
    root = Path(__file__).resolve().parent.parent
    for path in sorted((root / "seeds").glob("*.txt"))[:4]:
        folded = fold(path.read_text(encoding="utf-8"))[:1500]
        for pl in (lex.places, lex.sources, lex.quantities):
            whole = pl.find(folded)
            for stop in [i for i in range(len(folded)) if folded[i - 1 : i] in ("", " ", "\n")][::3]:
                assert pl.find_before(folded, stop) == [h for h in whole if h.start < stop], (path.name, stop)


@pytest.mark.parametrize("text, expected", [
    # a digit glued to the month (7أكتوبر) is the cue "7 أكتوبر": letters in a row, spaces aside
    ("قصفت إسرائيل رفح وجباليا منذ 7أكتوبر", ("gaza_war",)),
    ("قصفت إسرائيل رفح وجباليا منذ 7 أكتوبر", ("gaza_war",)),
    ("قصفت إسرائيل رفح وجباليا", ()),  # two of the three cues gaza_war needs
    ("اشتد القتال في الخرطوم ودارفور والفاشر", ("sudan_war",)),  # proclitics on the cues
])
def test_profiles_are_detected_by_their_cues_in_the_text_and_only_then(text, expected):
    from discrepancy.lexicon import detect_profiles

    assert detect_profiles(text) == expected


def test_detection_matches_every_profile_and_the_places_in_one_pass_with_the_hits_of_each_alone():
    """`detect_profiles` cuts an article into pieces once for all the profiles' cues and the
    gazetteer's places: each list still finds, in real articles, what it finds matched alone."""
    from pathlib import Path

    import yaml

    from discrepancy.lexicon import _countries, _profile_detectors, detection_matchers
    from discrepancy.normalize import normalize, normalized_text

    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "seeds").glob("*.txt"))]
    for story in ("gaza_war", "sudan_war", "lebanon_war_2024", "yemen"):
        for f in sorted((root / "tests" / "corpus" / story).glob("*.yaml"))[:6]:
            texts.append(yaml.safe_load(f.read_text(encoding="utf-8"))["text"])
    lists = {name: cues for name, _, cues, *_ in _profile_detectors(None)} | {"": _countries(None)[0]}
    assert len(lists) >= 3
    for text in texts:
        folded = normalized_text(text)
        assert folded == normalize(text).text
        together = detection_matchers(None).find_all(folded)
        for name, alone in lists.items():
            assert together[name] == alone.find(folded), name
