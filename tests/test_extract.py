"""Claim extraction on the seeds: offsets, the golden file, and the claims the issue names."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from discrepancy.report import _cell
from tests.conftest import GOLDEN

# a snapshot of the tool's own output, regenerated on purpose (--update-golden) and reviewed
# in the diff; the gold written by reading the seeds is seeds_gold.csv (test_score.py)
SNAPSHOT_CLAIMS = GOLDEN / "seeds_claims_snapshot.csv"
# The fields a person reviews in the golden file; sentence and offsets follow from claim_id/surface.
FIELDS = ("claim_id", "article_id", "char_start", "char_end", "surface", "unit", "value", "hedge", "low", "high", "quantity", "population",
          "event", "modality", "attribution", "part_of", "as_of")


def _rows(claims):
    return [{f: str(_cell(getattr(c, f))) for f in FIELDS} for c in claims]


def test_surface_is_exactly_the_text_span(seed_extraction):
    texts = {a.id: a.text for a in seed_extraction.articles}
    assert seed_extraction.claims
    for c in seed_extraction.claims:
        assert texts[c.article_id][c.char_start : c.char_end] == c.surface, c.claim_id
        assert c.claim_id == f"{c.article_id}:{c.char_start}"
        assert c.surface in c.sentence


def test_seed_claims_snapshot(seed_extraction, update_golden):
    got = _rows(seed_extraction.claims)
    if update_golden:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(got)
        SNAPSHOT_CLAIMS.write_text(buf.getvalue(), encoding="utf-8")
    expected = list(csv.DictReader(SNAPSHOT_CLAIMS.read_text(encoding="utf-8").splitlines()))
    exp_by_id = {r["claim_id"]: r for r in expected}
    got_by_id = {r["claim_id"]: r for r in got}
    assert sorted(got_by_id) == sorted(exp_by_id), "claims found differ from the snapshot"
    diffs = [
        f"{cid} {f}: expected {exp_by_id[cid][f]!r}, got {got_by_id[cid][f]!r}"
        for cid in exp_by_id
        for f in FIELDS
        if exp_by_id[cid][f] != got_by_id[cid][f]
    ]
    assert not diffs, "\n".join(diffs)


def _find(claims, surface, article_prefix):
    hits = [c for c in claims if c.surface == surface and c.article_id.startswith(article_prefix)]
    assert len(hits) == 1, f"{surface} in {article_prefix}: {hits}"
    return hits[0]


def test_named_claims(seed_extraction):
    cl = seed_extraction.claims
    by_id = {c.claim_id: c for c in cl}
    c = _find(cl, "نحو 1140", "000")
    assert (c.quantity, c.population, c.event, c.hedge, c.attribution) == (
        "killed", "israeli", "oct7_attack", "approx", "israeli_official")
    toll = _find(cl, "7028", "001")
    assert (toll.quantity, toll.population, toll.event) == ("killed", "palestinian", "gaza_war")
    for surface, pop in (("2913", "children"), ("1709", "women"), ("397", "elderly")):
        part = _find(cl, surface, "001")
        assert (part.part_of, part.population, part.quantity) == (toll.claim_id, pop, "killed")
    c1300 = _find(cl, "ما يزيد عن 1300", "001")
    assert (c1300.quantity, c1300.population, c1300.hedge) == ("killed", "israeli", "more_than")
    assert _find(cl, "291", "001").part_of == c1300.claim_id
    c = _find(cl, "1208", "002")
    assert (c.quantity, c.population, c.hedge, c.attribution) == ("killed", "israeli", "exact", "afp")
    assert _find(cl, "251", "002").quantity == "hostages_taken"
    held = _find(cl, "96", "002")
    dead = _find(cl, "34", "002")
    assert held.quantity == "hostages_held" and dead.quantity == "hostages_dead" and dead.part_of == held.claim_id
    c = _find(cl, "أكثر من 44758", "002")
    assert (c.quantity, c.population, c.hedge, c.attribution) == (
        "killed", "palestinian", "more_than", "gaza_health_ministry")
    c = _find(cl, "11", "004")
    assert c.modality == "proposal" and c.quantity.startswith("hostages_")
    held132 = _find(cl, "132", "000")
    assert (held132.quantity, held132.attribution) == ("hostages_held", "israel")
    assert by_id[held132.part_of].surface == "نحو 250"


def test_no_claims_from_navigation_or_non_figures(seed_extraction):
    surfaces = {c.surface for c in seed_extraction.claims}
    # years, times, meeting lengths, centuries, ordinals of days
    for s in ("1967", "2006", "01:02", "90", "12", "الـ23", "23", "40", "14"):
        assert s not in surfaces
    texts = {a.id: a for a in seed_extraction.articles}
    for c in seed_extraction.claims:
        nav = texts[c.article_id].navigation
        assert not any(a <= c.char_start < b for a, b in nav), c.claim_id


# one file per story profile (core.yaml: the generic core alone), each case read with it
CASES = [
    (path.stem, case)
    for path in sorted((Path(__file__).parent / "data" / "extraction").glob("*.yaml"))
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))
]


# the core's cases hold under every profile too (a profile adds, never replaces): an expected
# generic event may be read as the profile's own event of that type (war -> sudan_war)
PROFILES = sorted(p.stem for p in (Path(__file__).parent.parent / "rules" / "profiles").glob("*.yaml"))
CORE_UNDER_PROFILES = [(p, case) for p in PROFILES for prof, case in CASES if prof == "core"]


@pytest.mark.parametrize(("profile", "case"), CASES, ids=[f"{p}:{c['text'][:40]}" for p, c in CASES])
def test_sentence_cases(profile, case):
    _check_case(profile, case)


@pytest.mark.parametrize(("profile", "case"), CORE_UNDER_PROFILES,
                         ids=[f"core-under-{p}:{c['text'][:40]}" for p, c in CORE_UNDER_PROFILES])
def test_core_cases_hold_under_each_profile(profile, case):
    _check_case(profile, case, generic_events=True)


def _check_case(profile, case, generic_events=False):
    from discrepancy.backends.builtin import annotate
    from discrepancy.extract import extract
    from discrepancy.lexicon import load_lexicon
    from discrepancy.models import Article

    lex = load_lexicon(None, () if profile == "core" else (profile,))
    published = case.get("published")
    doc = annotate([Article("t", case["text"], published=published)], lex)[0]
    claims = extract(doc, lex)
    by_surface = {c.surface: c for c in claims}
    by_id = {c.claim_id: c for c in claims}
    for surface in case.get("no_claims", []):
        assert surface not in by_surface, f"{surface!r} is no claim"
    for expected in case["claims"]:
        assert expected["surface"] in by_surface, f"{expected['surface']!r} not in {list(by_surface)}"
        c = by_surface[expected["surface"]]
        if "char_start" in expected:  # one surface said twice: the mention at that offset
            c = next((d for d in claims if d.surface == c.surface and d.char_start == expected["char_start"]), c)
        for field, want in expected.items():
            got = getattr(c, field)
            if field == "part_of":
                got = by_id[got].surface if got else ""
            elif field == "as_of":
                got, want = (got.isoformat() if got else ""), str(want)
            elif field == "value":
                assert got == pytest.approx(want)
                continue
            elif field == "event" and generic_events and got != want:
                got = lex.event_type.get(got, got)  # the profile's war is a war
            assert got == want, f"{expected['surface']}: {field} {got!r} != {want!r}"


def test_a_country_speaking_first_in_the_lead_is_not_its_place():
    """قالت <country> إن: who says; the place the lead names after it (في <place>) is where the
    article's figures are (read with the generic core: a profile's own default place may win)."""
    _check_case("core", {
        "text": "قالت إيران إن عدد قتلاها في كارثة التدافع في الحج في السعودية ارتفع إلى 226 اليوم الاثنين بعدما "
                "كان 169 قتيلا. ونسبت وكالة تسنيم للانباء إلى سعيد أوحدي رئيس منظمة الحج الإيرانية قوله إن 246 "
                "إيرانيا ما زالوا في عداد المفقودين.",
        "claims": [{"surface": "246", "quantity": "missing", "population": "iranian", "place": "saudi_arabia"}],
    })


def test_a_town_of_nigerias_north_east_is_a_place():
    """Chibok, in Borno state, is a place of the gazetteer (rules/gazetteer/places.yaml): the girls
    taken there are counted there (chibok_06; read with the generic core: a profile's hostages are
    its own attack's)."""
    _check_case("core", {
        "text": "وفي 14 أبريل 2014، هاجم مسلحو بوكو حرام سكن طالبات المدرسة الثانوية للفتيات في شيبوك وخطفوا 276 طالبة.",
        "claims": [{"surface": "276", "quantity": "hostages_taken", "population": "students", "event": "attack",
                    "place": "chibok"}],
    })


def test_a_mass_kidnapping_is_an_attack_and_its_girls_set_free_are_hostages_released():
    """Girls taken from their school (خطفتهن، اختطافهن) are an attack's hostages, and those set free
    hostages released (rules/lexicon/events.yaml; chibok_08); abductions summed over the past months
    are a war's (chibok_06). Read with the generic core: a profile's hostages are its own attack's."""
    _check_case("core", {
        "text": "واطلقت بوكو حرام الخميس سراح 21 من تلميذات شيبوك اللواتي تحتجزهن منذ أكثر من عامين، بعد مفاوضات "
                "بين الحكومة والجماعة الإرهابية بمساعدة من سويسرا واللجنة الدولية للصليب الاحمر. وبين 276 تلميذة "
                "خطفتهن جماعة بوكو حرام في 14 أبريل 2014، تمكنت 57 من الفرار بعد اختطافهن.",
        "claims": [{"surface": "21", "quantity": "hostages_released", "population": "students", "event": "attack"},
                   {"surface": "276", "quantity": "hostages_taken", "population": "students", "event": "attack"}],
    })
    _check_case("core", {
        "text": "أعلنت منظمة العفو الدولية المعنية بحقوق الإنسان، أمس، أن جماعة بوكو حرام المتطرفة اختطفت 2000 امرأة "
                "وفتاة على الأقل، خلال ال15 شهرا الماضية، حيث تم تدريب كثير منهن على القتال.",
        "claims": [{"surface": "2000", "quantity": "hostages_taken", "population": "women", "event": "war"}],
    })


def test_the_girls_taken_from_a_school_are_the_students_the_article_names():
    """An attack's article about the pupils it took (التلميذات المختطفات) counts them in a figure
    that names no group of its own: '276 فتاة' are students (rules/lexicon/populations.yaml
    `story_groups`; chibok_13; read with the generic core: a profile's hostages are its own side's)."""
    _check_case("core", {
        "text": "العثور على تلميذة من التلميذات النيجيريات المختطفات من قبل جماعة بوكو حرام منذ اكثر من سنتين، اعاد "
                "الامل الى نفوس الاهالي بالافراج عن الاخريات.\nجماعة بوكو حرام كانت قد اختطفت 276 فتاة من ثانوية "
                "شيبوك عام 2014.",
        "claims": [{"surface": "276", "quantity": "hostages_taken", "population": "students", "event": "attack",
                    "place": "chibok"}],
    })


def test_a_nationality_after_the_counted_noun_of_a_count_word():
    """"عدد الشهداء <nationals> ... ارتفع إلى أربعة شهداء": the nationality agrees with the count
    word's counted noun, so it is whom the figure the count rose to counts; so too after a quote
    that opens on the count word (christchurch_14, christchurch_09; read with the generic core:
    the Gaza profile reads its martyrs as its own side)."""
    _check_case("core", {
        "text": "ففي الأردن أكد مدير مركز العمليات والناطق الرسمي باسم وزارة الخارجية وشؤون المغتربين السفير "
                "سفيان القضاة اليوم السبت، أن عدد الشهداء الأردنيين الذين استشهدوا جراء الحادث الإرهابي في "
                "نيوزيلندا قد ارتفع إلى أربعة شهداء بعد وفاة أحد المصابين، وقد تم إبلاغ ذويه.",
        "claims": [{"surface": "أربعة", "value": 4, "quantity": "killed", "population": "jordanian"}],
    })
    _check_case("core", {
        "text": "وذكر مركز العمليات التابع لوزارة الخارجية الأردنية أن \"عدد الضحايا الأردنيين جراء الحادث "
                "الإرهابي في نيوزيلندا ارتفع إلى شهيدين\".",
        "claims": [{"surface": "شهيدين", "value": 2, "quantity": "killed", "population": "jordanian"}],
    })


def test_an_armed_group_word_after_an_attack_cue_qualifies_the_attack():
    """"الاعتداءين المسلحين": the armed group's word right after an attack's cue (a dual one too) is
    the attack's adjective, not whom the toll counts (christchurch_03; read with the generic core:
    the Gaza profile reads an attack's dead as its own side)."""
    _check_case("core", {
        "text": "ارتفعت حصيلة الاعتداءين المسلحين على مسجدين في منطقة كرايست تشيرش إلى 49 قتيلا على الأقل وفق "
                "أخر أرقام أعلنتها الشرطة في نيوزيلندا .",
        "claims": [{"surface": "49 قتيلا على الأقل", "quantity": "killed", "population": "all", "hedge": "at_least",
                    "event": "attack", "place": "christchurch"}],
    })


def test_attacked_names_an_attack():
    """"بعد أن هاجم شخص مسلح لمسجدين": the verb names an attack, so the toll before it is the attack's,
    not an unknown event's (christchurch_07; read with the generic core: the Gaza profile reads an
    assault as its war's)."""
    _check_case("core", {
        "text": "قتل أكثر من 49 مصلي وسقط 20 جرحى، بعد أن هاجم شخص مسلح لمسجدين في نيوزيلندا، خلال صلاة الجمعة، "
                "في مدينة كرايست تشيرتش بجزيرة ساوث آيلاند.",
        "claims": [{"surface": "أكثر من 49", "quantity": "killed", "hedge": "more_than", "event": "attack"},
                   {"surface": "20", "quantity": "wounded", "event": "attack"}],
    })


def test_a_breakdown_word_right_after_a_figure_opens_a_part():
    """"وإصابة العشرات من بينهم مواطن سعودي": the nationality after من بينهم is a part's (one of the
    wounded), not whom the dozens are; only what the people are said or suspected to be after such a
    word is the figure's own (christchurch_06; read with the generic core: a profile's side may win)."""
    _check_case("core", {
        "text": "استيقظ العالم صباح اليوم الجمعة على أخبار مُفعجة إذ شن مسلحون هجومًا على مسجدين في مدينة "
                "كرايستشيرش، الذي أسفر عن مقتل 49 شخصًا على الأقل وإصابة العشرات من بينهم مواطن سعودي، كانوا "
                "يستعدون لأداء صلاة الجمعة.",
        "claims": [{"surface": "عشرات", "quantity": "wounded", "population": "all", "hedge": "more_than"}],
    })


def test_a_part_of_the_wounded_still_in_care():
    """"50 شخصًا آخرين تعرضوا لإصابات في الهجوم، بينهم 36 ما يزالون يتلقون العلاج": "ما يزالون" only says
    still (no hostages set free); the part still in care is counted for where it is now, `other`, a
    part of the wounded, and of the toll's people, no group of patients (docs/annotation.md, In
    hospital; christchurch_15; read with the generic core)."""
    _check_case("core", {
        "text": "وقال مفوض الشرطة النيوزيلندية مايك بوش بوش، في مؤتمر صحفي اليوم الاحد، بالعاصمة ويلينغتون، إن "
                "\"50 شخصًا آخرين تعرضوا لإصابات في الهجوم، بينهم 36 ما يزالون يتلقون العلاج في مستشفى كرايتس "
                "تشيرش\".",
        "claims": [{"surface": "50", "quantity": "wounded", "population": "all"},
                   {"surface": "36", "quantity": "other", "population": "all", "part_of": "50"}],
    })


def test_the_hurt_still_in_hospital_or_gone_home_are_no_toll_and_no_patients():
    """Those of the wounded still under treatment or discharged are `other`, the toll's people (never
    `patients`, who were patients before the event), while the toll beside them stays wounded
    (docs/annotation.md, In hospital; kuwait_16; read with the generic core; rabaa_06's are in
    tests/data/extraction/core.yaml)."""
    _check_case("core", {
        "text": "ارتفع عدد ضحايا حريق المنقف المروع الذي وقع أمس إلى 50 شخصًا.\n- حالة المصابين: لا يزال أكثر من 100 "
                "مصاب يتلقون العلاج في المستشفيات، وتتراوح حالاتهم بين مستقرة وخطيرة.",
        "claims": [{"surface": "أكثر من 100", "quantity": "other", "population": "all", "hedge": "more_than"}],
    })


def test_a_city_of_the_generated_gazetteer_after_madina():
    """Any story's cities are known: the world's cities of rules/gazetteer/cities.yaml (bench/gazetteer.py,
    docs/gazetteer.md) place a figure said "in the city of" one ("في مدينة تاكلوبان", a typhoon's toll
    in the Philippines: a real sentence of djazairess.com; read with the generic core)."""
    _check_case("core", {
        "text": "وكان الصليب الأحمر الفلبيني قد قدر عدد القتلى الذين سقطوا في مدينة تاكلوبان الساحلية الجمعة بأكثر "
                "من ألف قتيل.",
        "claims": [{"surface": "بأكثر من ألف", "quantity": "killed", "place": "tacloban"}],
    })


def test_a_relative_clause_after_a_speakers_name_goes_on_about_the_speaker():
    """"وفقا لما أعلنته رئيسة وزراء <country> <name>، التي اشارت أيضا إلى أن 12 ...": the relative clause is
    the speaker's, so the figure's place is not the country inside her title but where the sentence
    says the attack struck (christchurch_16; read with the generic core: a profile's event place wins)."""
    _check_case("core", {
        "text": "سقطت 100 ضحية بين قتيل وجريح في الهجوم الإرهابي على مسجدين بكرايست تشيرش، وفقا لما أعلنته رئيسة "
                "وزراء نيوزيلندا جاسيندا آردرن، التي اشارت أيضا إلى أن 12 من مصابي الهجوم الإرهابي في حالة حرجة، "
                "بينهم طفلة عمرها 4 سنوات .",
        "claims": [{"surface": "100", "quantity": "killed_or_wounded", "place": "christchurch"},
                   {"surface": "12", "quantity": "wounded", "place": "christchurch"}],
    })


def test_vehicles_are_no_boat():
    """مركبات (vehicles) is no مركب (a boat): bodies taken away by them are the crackdown's dead,
    not a shipwreck's (khartoum_09; read with the generic core: the Gaza profile reads its own war)."""
    _check_case("core", {
        "text": "منذ عملية فض الاعتصام فجر يوم الإثنين الماضي، إذ أعلنت في آخر بياناتها، امس، \"ارتفاع عدد "
                "الشهداء إلى 101 قتيل بعد انتشال 40 جثة من نهر النيل، كان قد تم أخذهم بمركبات تتبع ميليشيات "
                "الجنجويد لجهة غير معلومة\"، بحسب بيان على صفحة اللجنة على فيسبوك.",
        "claims": [{"surface": "101", "quantity": "killed", "event": "protests"},
                   {"surface": "40", "quantity": "killed", "event": "protests"}],
    })


def test_a_citys_outskirts_are_the_region_around_it():
    """ضواحي <city> is the region `around` the city (rules/gazetteer/places.yaml `outskirts`), not the
    city (crocus_09; read with the generic core: a war profile puts its own deaths in its territory)."""
    _check_case("core", {
        "text": "ارتفعت حصيلة الهجوم الذي وقع الجمعة في قاعة كروكوس سيتي هول للحفلات في ضواحي موسكو، إلى 137 قتيلا ، "
                "بينهم ثلاثة أطفال، على ما أفاد المحققون الروس الذين أعلنوا العثور على أسلحة وذخائر في مكان الحادث.",
        "claims": [{"surface": "137", "quantity": "killed", "population": "all", "event": "attack",
                    "place": "moscow_region"},
                   {"surface": "ثلاثة", "population": "children", "place": "moscow_region", "part_of": "137"}],
    })


def test_a_site_inside_a_city_is_a_part_of_the_citys_toll():
    """A city and a site inside it (rules/gazetteer/places.yaml `in`): the toll is the city's, the
    part said at the site (بمسرح <hall>) is the site's (paris_03; read with the generic core: a war
    profile puts its own deaths in its territory)."""
    _check_case("core", {
        "text": "ذكرت الشرطة الفرنسية ، في وقت متأخر الليلة ، أن سلسة الهجمات الإرهابية المتزامنة التي وقعت في أماكن "
                "متفرقة من العاصمة الفرنسية \"باريس\" ، قد أدت إلى مقتل ما لا يقل عن 112 شخصاً من بينهم نحو 70 بمسرح "
                "\"باتاكلان\" ، وذلك في حصيلة مرشحة للارتفاع.",
        "claims": [{"surface": "ما لا يقل عن 112", "quantity": "killed", "population": "all", "hedge": "at_least",
                    "event": "attack", "place": "paris"},
                   {"surface": "نحو 70", "quantity": "killed", "event": "attack", "place": "bataclan",
                    "part_of": "ما لا يقل عن 112"}],
    })


def test_people_present_where_an_attack_struck_are_its_people():
    """People said to have been at the site (كانوا موجودين: rules/lexicon/quantities.yaml `present`) are an
    `other` count of the event the sentence before told, at its site (paris_07; read with the generic
    core: a war profile puts its own people in its territory)."""
    _check_case("core", {
        "text": "ولقي نحو مائة شخص مصرعهم في عملية احتجاز رهائن نفذها مسلحون بمسرح باتاكلون في باريس، وانتهت "
                "باقتحام قوات الامن للمكان بحسب مصادر أمنية. وأوضحت المصادر ذاتها أن حوالى 1500 شخص كانوا "
                "موجودين في المسرح لحضور حفل موسيقي، مضيفة أن قوات الأمن قتلت ثلاثة إرهابيين مفترضين خلال "
                "اقتحامها المسرح.",
        "claims": [{"surface": "نحو مائة", "quantity": "killed", "event": "attack", "place": "bataclan"},
                   {"surface": "حوالى 1500", "quantity": "other", "population": "all", "event": "attack",
                    "place": "bataclan"}],
    })


def test_a_country_inside_its_nationals_word_is_no_place():
    """A country's name read inside the plural of its demonym (تشيليين: Chileans) is whom the figure
    counts, not where (paris_16; read with the generic core: a war profile has its own default place)."""
    _check_case("core", {
        "text": "والقتلى الأجانب هم ثلاثة بلجيكيين وثلاثة تشيليين وبرتغاليان ورومانيان وتونسيتان وجزائريان ومغربي "
                "وبريطاني، بحسب ما أفاد أقارب لهؤلاء أو حكوماتهم.",
        "claims": [{"surface": "برتغاليان", "population": "portuguese", "place": ""}],
    })


def test_parts_that_sum_to_the_total_they_raise_are_no_new_count():
    """Figures before a verb that adds them to a total (rules/lexicon/events.yaml `raises`) are a day's
    new count, unless they are the total's parts: of what it counts, summing to it (paris_07; gaza_11's
    8 killed and 6 wounded raising the dead to 14 stay new counts; read with the generic core: a war
    profile's events are its war's)."""
    _check_case("core", {
        "text": "ونقلت قنوات فرنسية عن مصادر أمنية، أن 100 قتيل سقطوا في القاعة، فيما قالت مصادر من الشرطة إن 42 "
                "آخرين قتلوا في هجمات وعمليات إطلاق نار في 6 أماكن مختلفة من العاصمة باريس، ليرتفع بذلك إجمالي "
                "ضحايا هجمات باريس إلى 142 قتيلا.",
        "claims": [{"surface": "100", "quantity": "killed", "event": "attack"},
                   {"surface": "42", "quantity": "killed", "event": "attack"},
                   {"surface": "142", "quantity": "killed", "event": "attack"}],
    })
    _check_case("core", {
        "text": "أعلن جيش الاحتلال الإسرائيلي، اليوم الأحد، مقتل ثمانية من ضباطه وجنوده خلال معارك في قطاع غزة، "
                "وإصابة 6 آخرين بجروح خطيرة، ليرتفع مجمل قتلاه منذ صباح السبت إلى 14.",
        "claims": [{"surface": "ثمانية", "quantity": "killed", "event": "other"},
                   {"surface": "6", "quantity": "wounded", "event": "other"}],
    })


def test_an_operation_of_opening_fire_is_an_attack():
    """عملية إطلاق النار (with its article, unlike a ceasefire's إطلاق النار) is an attack's cue
    (paris_15; read with the generic core: a war profile's events are its war's)."""
    _check_case("core", {
        "text": "خلفت عملية إطلاق النار في قاعة باتكلان بالعاصمة الفرنسية باريس مقتل 100 شخص بحسب ما أكدته وكالة "
                "الأنباء الفرنسية.",
        "claims": [{"surface": "100", "quantity": "killed", "event": "attack", "place": "bataclan", "attribution": "afp"}],
    })


def test_the_whole_a_group_is_taken_from_is_not_that_group():
    """A group named before "من أصل" (its number with an article too: الـ352) is the part's: the whole
    counts everyone (paris_16; read with the generic core: a war profile has its own side)."""
    _check_case("core", {
        "text": "وهناك أيضا جرحى أجانب من أصل الـ352 جريحاً، الذين سقطوا في الاعتداءات المتزامنة التي نفذها ثمانية "
                "انتحاريين في ستة مواقع مختلفة من باريس وضاحيتها الشمالية.",
        "claims": [{"surface": "352", "quantity": "wounded", "population": "all"}],
        "no_claims": ["ستة"],
    })


def test_the_lead_naming_a_citys_outskirts_is_about_the_region_around_it():
    """A dateline or headline names the city (or its country), the lead its outskirts: the
    article's figures that name no place are the region's (crocus_05, crocus_13)."""
    _check_case("core", {
        "text": "موسكو\nارتفع عدد قتلى الهجوم المسلح أمس الجمعة، على قاعة للحفلات الموسيقية في ضواحي العاصمة الروسية "
                "موسكو إلى أكثر من 60 شخصاً، وفقاً لما نقلت وكالات أنباء روسيّة عن لجنة التحقيق.\nوكانت قد أعلنت أجهزة "
                "الأمن الروسية في حصيلة سابقة مقتل 40 شخصاً وإصابة أكثر من 100 آخرین جراء الهجوم.",
        "claims": [{"surface": "40", "quantity": "killed", "place": "moscow_region"}],
    })
    _check_case("core", {
        "text": "بيان جديد من روسيا بشأن عدد ضحايا هجوم كروكوس\n\nأصدرت وزارة الطوارئ الروسية بيانًا اليوم الأحد، أكدت "
                "فيه مصرع 133 وإصابة 152 شخصًا في هجوم كروكوس بضواحي موسكو، لافتًا إلى مواصلة عمليات رفع الأنقاض بعد "
                "الحريق.\n\nوكانت وزارة الصحة الروسية أعلنت في وقت سابق عن إصابة 147 نتيجة هجوم كروكوس الإرهابي.",
        "claims": [{"surface": "147", "quantity": "wounded", "place": "moscow_region"}],
    })


def test_the_wounded_still_in_hospital_are_patients_of_the_toll_before_them():
    """Patients in care now (other) are the attack's people: the event of the toll before them (crocus_16;
    read with the generic core: a war profile makes its own deaths its war's)."""
    _check_case("core", {
        "text": "ارتفع عدد ضحايا الهجوم في ضواحي موسكو الأسبوع الماضي إلى 143 قتيلاً، وفق حصيلة جديدة أعلنتها السلطات "
                "الروسية، أمس، للهجوم الأكثر حصداً للأرواح الذي يتبناه «داعش» على الأراضي الأوروبية.\n\nونقلت وكالة «تاس» "
                "للأنباء عن وزير الصحة الروسي ميخائيل موراشكو قوله إن 80 مصاباً، بينهم ستة أطفال، ما زالوا يتلقون "
                "العلاج في المستشفى حتى منتصف نهار أمس.",
        "claims": [{"surface": "143", "quantity": "killed", "event": "attack", "place": "moscow_region"},
                   {"surface": "80", "quantity": "other", "population": "all", "event": "attack",
                    "place": "moscow_region"}],
    })


def test_gunmen_opening_fire_is_an_attack_whatever_fire_it_set_off():
    """إطلاق نار is an attack's cue (rules/lexicon/events.yaml), nearer the figures than the fire it
    set off (crocus_07; read with the generic core: a war profile makes its own deaths its war's)."""
    _check_case("core", {
        "text": "- ارتفع عدد قتلى الهجوم الذي تبناه تنظيم داعش الإرهابي، في العاصمة الروسية موسكو الجمعة إلى 92 "
                "قتيلًا وأصيب 146 بجروح إثر إطلاق نار أعقبه حريق ضخم مساء في قاعة للحفلات الموسيقيّ، بحسب لجنة "
                "التحقيق الروسية",
        "claims": [{"surface": "92", "quantity": "killed", "population": "all", "event": "attack", "place": "moscow"},
                   {"surface": "146", "quantity": "wounded", "event": "attack", "place": "moscow"}],
    })
    # the gunmen who open fire did the killing: they are not whom the toll counts (crocus_20)
    _check_case("core", {
        "text": "وقالت السلطات الروسية إن مسلحين فتحوا النار خلال حفل لموسيقى الروك في إحدى ضواحي موسكو فقتلوا ما لا "
                "يقل عن 40 شخصا وأصابوا 100 آخرين وأشعلوا حريقا في القاعة.",
        "claims": [{"surface": "ما لا يقل عن 40", "quantity": "killed", "population": "all"},
                   {"surface": "100", "quantity": "wounded", "population": "all"}],
    })


SUDAN = ("أعلنت وزارة الصحة السودانية مقتل 460 شخصا منذ بدء الاشتباكات بين الجيش وقوات الدعم السريع "
         "في 15 أبريل.")
GAZA_TOLL = ("أعلنت وزارة الصحة في غزة ارتفاع حصيلة الشهداء إلى 33 ألفا و175 شهيدا منذ السابع من أكتوبر، "
             "فيما لا تزال حماس تحتجز الرهائن في قطاع غزة.")


def test_the_sudan_profile_is_detected_on_sudanese_text_and_not_on_gaza_text():
    from discrepancy.lexicon import detect_profiles

    assert detect_profiles(SUDAN) == ("sudan_war",)
    assert "sudan_war" not in detect_profiles(GAZA_TOLL)
    assert "gaza_war" in detect_profiles(GAZA_TOLL)


# the 2019 sit-in in Khartoum (khartoum_12 of the corpus) names the Sudan war profile's cues
KHARTOUM_2019 = (
    "أمر النائب العام السوداني، ببدء التحقيقات في أحداث فض الاعتصام أمام مقر القيادة العامة في الخرطوم، "
    "والذي أدى إلى مقتل 61 شخصًا، بحسب وزارة الصحة السودانية، وإصابة مئات آخرين، وذلك وفقًا لفضائية "
    "\"العربية\".")


def test_an_article_published_before_a_profiles_story_began_does_not_take_it():
    from datetime import date

    from discrepancy.lexicon import detect_profiles

    assert detect_profiles(KHARTOUM_2019) == ("sudan_war",)  # undated: the cues decide
    assert detect_profiles(KHARTOUM_2019, None, date(2019, 6, 6)) == ()
    assert detect_profiles(KHARTOUM_2019, None, date(2023, 4, 15)) == ("sudan_war",)


def test_a_run_wide_profile_is_not_given_to_an_article_published_before_its_story(tmp_path):
    import json

    import discrepancy

    rows = [{"id": "new1", "text": SUDAN, "published": "2023-05-01"},
            {"id": "new2", "text": SUDAN, "published": "2023-06-01"},
            {"id": "old", "text": KHARTOUM_2019.replace("السودانية", "").replace("السوداني", ""),
             "published": "2019-06-06"}]
    path = tmp_path / "run.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    result = discrepancy.check([path], progress=False)
    assert result.profiles == {"sudan_war": 2}  # two of three name the war; the 2019 article stays out
    events = {c.article_id: c.event for c in result.claim_list}
    assert events["new1"] == "sudan_war" and events["old"] != "sudan_war"


# an article on Lebanon that recalls Gaza names the Gaza profile's cues but is not about its war
LEBANON_RECALLS_GAZA = (
    "قال المفوض السامي للأمم المتحدة لشؤون اللاجئين إن أكثر من 50 ألف شخص فروا من لبنان إلى سوريا، "
    "وسط تصاعد الغارات الجوية الإسرائيلية على لبنان. وأعلن متحدث باسم المفوضية أن العدد الإجمالي "
    "للنازحين في لبنان بلغ 211319 شخصا. وبدأ تبادل إطلاق النار بين الحزب المدعوم من إيران وإسرائيل "
    "غداة شن حماس في 7 أكتوبر هجوما على جنوب إسرائيل، شكل شرارة الحرب في قطاع غزة. وحولت إسرائيل "
    "تركيز عمليتها من غزة إلى لبنان.")


def test_a_profile_with_places_is_not_detected_on_an_article_about_another_country():
    from discrepancy.lexicon import detect_profiles

    assert detect_profiles(LEBANON_RECALLS_GAZA) == ()
    assert detect_profiles(GAZA_TOLL) == ("gaza_war",)


def test_the_sudan_profile_keys_a_sudanese_toll_with_its_own_war_and_the_core_with_the_generic_type():
    from discrepancy.backends.builtin import annotate
    from discrepancy.extract import extract
    from discrepancy.lexicon import load_lexicon
    from discrepancy.models import Article

    for profiles, event in (((), "war"), (("sudan_war",), "sudan_war")):
        lex = load_lexicon(None, profiles)
        [c] = [c for c in extract(annotate([Article("t", SUDAN)], lex)[0], lex) if c.unit == "count"]
        assert (c.surface, c.quantity, c.event) == ("460", "killed", event)
    sudan = load_lexicon(None, ("sudan_war",))
    [c] = [c for c in extract(annotate([Article("t", SUDAN)], sudan)[0], sudan) if c.unit == "count"]
    assert (c.place, c.attribution) == ("sudan", "sudan_health_ministry")


def test_a_running_total_is_the_war_and_the_days_attack_stays_an_attack():
    """lebanon_16: the total since a date is the war's; the day's attack in the same sentence, and
    the figures of the sentence after it, are that attack's (the generic core: a profile may map
    both to its own war)."""
    text = ("أسفرت هجمات حزب الله الصاروخية على شمال إسرائيل عن مقتل سبعة أشخاص في حقول زراعية بالقرب من المطلة"
            " وحيفا اليوم الخميس، مما يمثل ما بدا أنه اليوم الأكثر دموية منذ أشهر بالنسبة للمدنيين داخل إسرائيل، إذ"
            " رفع عدد المدنيين الذين قتلوا منذ الثامن من تشرين الأول 2023 الى 39 شخصا.\n"
            "أربعة ممن قتلوا هم عمال تيلانديين وإثنان إسرائيليان عربيان.")
    _check_case("core", {"text": text, "claims": [
        {"surface": "سبعة", "quantity": "killed", "event": "attack"},
        # no place in its clause: where the sentence's attacks struck (هجمات ... على شمال إسرائيل)
        {"surface": "39", "quantity": "killed", "event": "war", "place": "north_israel"},
        {"surface": "أربعة", "quantity": "killed", "event": "attack"},
    ]})


# (the generic core only: a profile's own place for its war's figures comes first)
@pytest.mark.parametrize("case", [
    # where no place is named, a country's own health minister gives its country, also for what
    # he goes on to say (lebanon_02); a health ministry too (covid_13)
    {"text": "القلعة نيوز أعلن وزير الصحة اللبناني فراس الأبيض، اليوم الأربعاء، استشهاد 12 شخصا بينهم طفلان نتيجة "
             "انفجارات سيبرانية استهدفت أجهزة اتصال لاسلكي\"بيجر\".\nوقال الأبيض في مؤتمر صحفي إن عدد الإصابات نتيجة "
             "الانفجارات يتراوح بين 2750 و2800 منها 300 إصابة خطرة، مبينا أن إن الإصابات تركزت على الوجه واليدين.",
     "claims": [{"surface": "12", "place": "lebanon"}, {"surface": "بين 2750 و2800", "place": "lebanon"}]},
    {"text": "وأفادت خلال الإيجاز الصادر عن رئاسة الوزراء ووزارة الصحة الأردنية، بأنه تم تسجيل 18 وفاة، و1050 إصابة "
             "جديدة بفيروس \"كورونا\" المستجدّ.",
     "claims": [{"surface": "18", "quantity": "killed", "place": "jordan"}]},
])
def test_a_health_ministry_gives_its_country_where_no_place_is_named(case):
    _check_case("core", case)


def test_a_country_that_leads_an_alliance_is_not_where_the_figures_are():
    # yemen_07: "التحالف العربي بقيادة <country>" names who acts; the lead's place is the one visited
    # after it (read with the core alone: a profile's own place for its war comes first)
    _check_case("core", {
        "text": "كشف منظمة الأمم المتحدة للطفولة \"يونيسف\"، أن عشرة آلاف طفل يمني إما قتلوا أو شوهوا منذ أن تدخل "
                "التحالف العربي بقيادة السعودية في البلاد.\nوأوضح المتحدث بإسم \"يونيسف\"، جيمس إلدر، في إفادة "
                "بالأمم المتحدة في جنيف، بعد عودته من زيارة لليمن، أن \"الصراع اليمني بلغ مستوى جديدا مشينا.",
        "claims": [{"surface": "عشرة آلاف", "population": "children", "place": "yemen"}]})


def test_an_armed_party_to_the_clashes_is_not_whom_the_sentence_counts():
    # rabaa_01: "بين مؤيدي <leader> وقوات الأمن" names who fought, not the wounded (populations.yaml
    # armed_groups); read with the core alone (a profile may give the toll its own population)
    _check_case("core", {
        "text": "(CNN)– أعلنت وزارة الصحة المصرية عن مقتل 149 شخصاً في الاشتباكات التي وقعت بين مؤيدي الرئيس "
                "“المعزول”، محمد مرسي، وقوات الأمن في عدد من المناطق المصرية، الأربعاء إلى جانب جرح 1403.",
        "claims": [{"surface": "149", "quantity": "killed", "population": "all"},
                   {"surface": "1403", "quantity": "wounded", "population": "all"}],
    })


def test_a_quote_left_open_is_read_from_the_last_quote_mark():
    """`quote_opens` reads a sentence from its last « “ » ” on (each straight quote after it
    turning it over): what reading it letter by letter gives, on every sentence of seen stories'
    passages with quotes and on every stretch of one that opens a quote and goes on."""
    from discrepancy.backends.builtin import split_sentences
    from discrepancy.extract.attribution import quote_opens

    def letter_by_letter(text: str, start: int, end: int) -> bool:
        open_ = False
        for ch in text[start:end]:
            open_ = not open_ if ch == '"' else True if ch in "«“" else False if ch in "»”" else open_
        return open_

    root = Path(__file__).resolve().parent / "corpus"
    texts = [yaml.safe_load(p.read_text(encoding="utf-8")).get("text")
             for story in ("covid19_arab", "gaza_war", "yemen", "syria_prisons") for p in sorted((root / story).glob("*.yaml"))]
    texts = [t for t in texts if isinstance(t, str) and any(q in t for q in '"«“»”')]
    assert texts
    opened = 0
    for text in texts:
        for s in split_sentences(text, []):
            for start in range(s.start, s.end, 7):
                assert quote_opens(text, start, s.end) == letter_by_letter(text, start, s.end)
                opened += letter_by_letter(text, start, s.end)
    assert opened  # some stretches leave a quote open
    sentence = 'وقال المتحدث إن "الصراع بلغ مستوى جديدا.'
    assert quote_opens(sentence, 0, len(sentence)) and not quote_opens(sentence + '"', 0, len(sentence) + 1)


@pytest.mark.parametrize(("text", "surface", "group"), [
    # a part's group is not the next item's (lebanon_05)
    ("وقال الأبيض، في مؤتمر صحفي مشترك مع نقيب أصحاب المستشفيات سليمان هارون، إن حصيلة القتلي في الغارات "
     "الإسرائيلية بلغت حتى الساعة 558 شخصا من بينهم 50 طفلا و94 امرأة إضافة إلى 1835 جريحا.", "1835", "women"),
    # nor a group that is the first item's own noun (sudan_09)
    ("وقالت مصادر محلية ل(صحيفة الكرامة) ، إن ضحايا الهجوم الذي شنته مليشيات الدعم السريع عصر امس على منطقة "
     "ودالنورة ، ارتفع إلى 112 مدنيًا، وأكثر من 220 جريحًا.", "أكثر من 220", "civilians"),
])
def test_only_a_nationality_goes_on_to_the_next_item_of_a_breakdown(text, surface, group):
    from discrepancy.backends.builtin import annotate
    from discrepancy.extract import extract
    from discrepancy.lexicon import load_lexicon
    from discrepancy.models import Article

    lex = load_lexicon(None, ())
    [c] = [c for c in extract(annotate([Article("t", text)], lex)[0], lex) if c.surface == surface]
    assert c.quantity == "wounded"
    assert c.population == "all", f"{surface} took the item before's group ({group})"


def test_a_name_before_a_participle_is_not_its_speaker():
    """"و7 في مستشفى <name>، مشيرا إلى أن 4": the participle goes on with the sentence's speaker (the
    ministry's statement), not with the hospital named right before it (giza_09)."""
    from discrepancy.backends.builtin import annotate
    from discrepancy.extract import extract
    from discrepancy.lexicon import load_lexicon
    from discrepancy.models import Article

    text = ("وأعلنت وزارة الصحة والسكان مغادرة اثنين من مصابي حادث الحريق الذي وقع صباح اليوم الأحد في كنيسة "
            "أبوسيفين بمنطقة إمبابة في محافظة الجيزة، بعد تلقي الرعاية الطبية اللازمة.\n\nوبحسب بيان للوزارة، "
            "يتلقى الرعاية الطبية حاليا 12 مصابا، منهم 5 في مستشفى العجوزة، و7 في مستشفى إمبابة العام، مشيرا إلى "
            "أن 4 من المصابين حالتهم غير مستقرة.")
    lex = load_lexicon(None, ())
    claims = {c.surface: c for c in extract(annotate([Article("t", text)], lex)[0], lex)}
    for surface in ("7", "4"):
        assert claims[surface].attribution_text, surface
        assert "مستشفى" not in claims[surface].attribution_text, claims[surface].attribution_text


def test_a_place_in_the_outlets_name_is_no_place():
    """The outlet's name written in the text (its first line, covid_15) names the outlet, not where
    the figures are: the country the report then names is their place."""
    from discrepancy.backends.builtin import annotate
    from discrepancy.extract import extract
    from discrepancy.lexicon import load_lexicon
    from discrepancy.models import Article

    text = ("صباح طنجة\nسجل المغرب في آخر 24 ساعة الماضية ، 2264 إصابة جديدة بفيروس كورونا المستجد ، و 2727حالة "
            "شفاء و 72حالة وفاة")
    lex = load_lexicon(None, ())
    places = {c.surface: c.place for c in extract(annotate([Article("t", text, outlet="صباح طنجة")], lex)[0], lex)}
    assert places["2264"] == places["72"] == "morocco"


def test_a_group_after_a_word_of_agency_did_the_act():
    """A group after بواسطة، على يد، من قبل did the act; it is not whom the figures count: the dead
    the doctors counted are the toll (khartoum_14; read with the generic core: a profile's own
    default population may win where no group is named)."""
    _check_case("core", {
        "text": "وأوضحت أن \"4 منهم بمدينة بورتسودان وشهيد بالخرطوم كان في العناية المكثفة\"، وأضافت: \"بهذا يزداد "
                "عدد شهدائنا الذين تم حصرهم بواسطة الأطباء إلى 113\"، مشيرة إلى \"صعوبة الحصر في ظل التضييق "
                "الأمني الخانق، وانقطاع خدمة الإنترنت عن السودان نهائيا\".",
        "claims": [{"surface": "113", "quantity": "killed", "population": "all"}],
    })


def test_bombings_and_suicide_bombers_are_an_attack():
    """التفجيرات (bombings, in the plural: a series someone set off) are an attack, not a blast (انفجار;
    the singular تفجير is an explosion unless the article is mostly about an attack), and a suicide bomber's words (انتحاري، الانتحارية) name an
    attack too (srilanka_02, srilanka_14,
    srilanka_17; read with the generic core: a war profile makes its own deaths its war's)."""
    _check_case("core", {
        "text": "وارتفعت حصيلة ضحايا التفجيرات التي ضربت ثلاث كنائس وثلاثة فنادق في سريلانكا الأحد إلى 156 قتيلاً، "
                "بينهم 35 أجنبيًّا، بحسب مصدر في الشرطة لفرانس برس.",
        "claims": [{"surface": "156", "quantity": "killed", "population": "all", "event": "attack",
                    "place": "sri_lanka"},
                   {"surface": "35", "population": "foreigners", "event": "attack", "part_of": "156"}],
    })
    _check_case("core", {
        "text": "ولا يزال 5 أجانب أصيبوا في العمليات الانتحارية، التي استهدفت كنائس وفنادق فخمة وتبناها تنظيم داعش "
                "الإرهابي، يتلقون العلاج في المستشفى.",
        "claims": [{"surface": "5", "quantity": "wounded", "population": "foreigners", "event": "attack"}],
    })


def test_a_blast_in_an_article_about_bombings_is_the_attack():
    """انفجار yields to the attack an article is mostly about by its other cues (events.yaml
    `yielding`): the two later blasts of a day of bombings are that attack's (srilanka_04); a blast
    in an article that names no attack stays an explosion (srilanka_01). Read with the generic core."""
    _check_case("core", {
        "text": "عقب التفجيرات التي شهدتها سيرلانكا اليوم الأحد؛ قالت وسائل إعلام محلية إن ما لا يقل عن 185 شخصا قتلوا "
                "وأصيب آخرون في سلسلة تفجيرات، فيما أعلنت الحكومة حظرا فوريا للتجوال.\nولاحقا أعلنت الشرطة مقتل "
                "شخصين في انفجارين جديدين بالعاصمة كولومبو.",
        "claims": [{"surface": "ما لا يقل عن 185", "quantity": "killed", "event": "attack", "place": "sri_lanka"},
                   {"surface": "شخصين", "value": 2, "quantity": "killed", "event": "attack", "place": "colombo"}],
    })
    _check_case("core", {
        "text": "وقال مدير مستشفى كولومبو الوطني في سريلانكا إن الانفجار أدى إلى مقتل أكثر من 20 شخصًا وإصابة 280 على "
                "الأقل.",
        "claims": [{"surface": "أكثر من 20", "quantity": "killed", "event": "explosion", "place": "colombo"},
                   {"surface": "280 على الأقل", "quantity": "wounded", "event": "explosion"}],
    })


def test_a_bomb_laden_vehicle_is_an_attack_and_its_blast_is_the_attack():
    """A truck or car packed with explosives (شاحنة مفخخة، سيارة مفخخة) names a bombing: an attack, and
    the singular blast (التفجير، انفجار) of an article about it yields to that attack (events.yaml;
    mogadishu_02, mogadishu_04). Read with the generic core: a war profile makes a bombing its war's."""
    _check_case("core", {
        "text": "مقديشيو فى 14 أكتوبر /أ ش أ/ أعلنت الشرطة الصومالية ارتفاع حصيلة ضحايا انفجار شاحنة مفخخة فى "
                "العاصمة (مقديشيو) الى 20 قتيلا وأكثر من 15 مصابا.",
        "claims": [{"surface": "20", "quantity": "killed", "event": "attack", "place": "mogadishu"},
                   {"surface": "أكثر من 15", "quantity": "wounded", "hedge": "more_than", "event": "attack"}],
    })
    _check_case("core", {
        "text": "قفزت حصيلة القتلى في التفجير الذي وقع وسط العاصمة الصومالية مقديشيو، السبت، إلى 189 شخصًا، وفق ما "
                "ذكرت مصادر أمنية. وأفادت مواقع محلية أن انفجارا قويا هز، أمس، العاصمة الصومالية مقديشيو، حيث سمع "
                "دوي الانفجار مختلف أحياء العاصمة، وأن \"سيارة مفخخة انفجرت بالقرب من مقر وزارة الخارجية الصومالية "
                "في مقديشيو\".",
        "claims": [{"surface": "189", "quantity": "killed", "event": "attack", "place": "mogadishu"}],
    })


def test_an_earlier_tally_said_with_kana_names_no_speaker():
    """"وكانت حصيلة سابقة أشارت إلى مقتل 137": the earlier tally is the verb's subject, so the figures
    it gave are nobody's the sentence names, not the last speaker's (mogadishu_09; the corpus leaves
    such figures unattributed, pakistan_04, baghdad_10); a tally someone is said to have issued
    ("وكانت حصيلة سابقة أعلنتها السلطات ...، أفادت") stays theirs (srilanka_08). Read with the generic core."""
    _check_case("core", {
        "text": "ارتفعت حصيلة الاعتداء بالشاحنة المفخخة، الذي وقع السبت، في وسط مقديشو إلى أكثر من 300 قتيل ومئات "
                "الجرحى، حسبما أعلنت وزارة الإعلام الصومالية، اليوم الاثنين. وأفادت الوزارة، في بيان، أن \" الحكومة "
                "الفدرالية الصومالية تؤكد مقتل 276 شخصا في التفجير، ونقل 300 شخص أصيبوا بجروح إلى مختلف مستشفيات "
                "مقديشو\". وكانت حصيلة سابقة أشارت إلى مقتل 137 شخصا على الأقل، وإصابة نحو 300 آخرين بجروح.",
        "claims": [{"surface": "276", "quantity": "killed", "attribution": "somalia_government"},
                   {"surface": "137 شخصا على الأقل", "quantity": "killed", "hedge": "at_least", "attribution": ""},
                   {"surface": "نحو 300", "quantity": "wounded", "hedge": "approx", "attribution": ""}],
    })
    _check_case("core", {
        "text": "أعلنت الشرطة السريلانكية أن حصيلة التفجيرات ارتفعت اليوم الإثنين إلى 290 قتيلا. وكانت حصيلة سابقة "
                "أعلنتها السلطات مساء أمس الأحد، أفادت بمقتل 228 أشخاص على الأقل وجرح أكثر من 450 في التفجيرات "
                "التي وقعت في الجزيرة الواقعة في جنوب آسيا أثناء إحتفال الأقلية الكاثوليكية بعيد الفصح.",
        "claims": [{"surface": "228 أشخاص على الأقل", "attribution_text": "السلطات"},
                   {"surface": "أكثر من 450", "attribution_text": "السلطات"}],
    })


def test_the_place_whose_history_a_record_is_set_in_is_not_where_the_people_were():
    """"الهجوم الأكثر دموية في تاريخ <country> ... عندما انفجرت شاحنة في <city>": the country is what
    the attack is measured against, the city is where its dead were (mogadishu_19). Read with the
    generic core."""
    _check_case("core", {
        "text": "أسفر الهجوم الأكثر دموية في تاريخ الصومال عن مقتل 512 شخصًا في الرابع عشر من أكتوبر الماضي، عندما "
                "انفجرت شاحنة في مقديشو، وفقًا لما أعلنته اليوم السبت لجنة تعمل على ضحايا هذا الهجوم.",
        "claims": [{"surface": "512", "quantity": "killed", "event": "attack", "place": "mogadishu"}],
    })


def test_where_a_sentence_says_its_attack_happened_is_where_its_toll_was():
    """"حصيلة الاعتداء ...، والذي وقع السبت في وسط العاصمة مقديشو، ارتفعت إلى 276": the city the
    sentence says the attack happened in (two words between في and the place: وسط العاصمة) is where
    its dead were, not the country the headline says it struck (mogadishu_08). Generic core."""
    _check_case("core", {
        "text": "أعنف اعتداء إرهابي يضرب الصومال\n\nارتفاع ضحايا هجوم مقديشو إلى 276 قتيل و300 جريح\n\n أعلنت "
                "وزارة الإعلام الصومالية، أمس، أن حصيلة الاعتداء بالشاحنة المفخخة، والذي وقع السبت في وسط العاصمة "
                "مقديشو، ارتفعت إلى 276 قتيل و300 جريح.",
        "claims": [{"surface": "276", "quantity": "killed", "place": "mogadishu"},
                   {"surface": "300", "quantity": "wounded", "place": "mogadishu"}],
    })


def test_an_ambulance_service_and_two_ministers_speak():
    """A country's ambulance service gives the toll of the dead it carried ("أعلن الإسعاف الصومالي ، عن
    ارتفاع"; mogadishu_10), and two ministers quoted together ("عن وزيري الإعلام والأمن الداخلي قولهما";
    mogadishu_15) speak, not the agency that carried their words; their phrase ends before قولهما.
    Read with the generic core."""
    _check_case("core", {
        "text": "أعلن الإسعاف الصومالي ، عن ارتفاع حصيلة ضحايا التفجيرين المتزامنين بالعاصمة الصوماليةمقديشيو إلى "
                "أكثر من 300 قتيل، فضلا عن إصابة مئات آخرين.",
        "claims": [{"surface": "أكثر من 300", "quantity": "killed", "attribution_text": "الإسعاف الصومالي"},
                   {"surface": "مئات", "quantity": "wounded", "attribution_text": "الإسعاف الصومالي"}],
    })
    _check_case("core", {
        "text": "ونقلت وكالة أنباء الصومال عن وزيري الإعلام والأمن الداخلي قولهما، إن 228 شخصا أصيبوا أيضا في أكثر "
                "هجوم دموية في تاريخ البلاد.",
        "claims": [{"surface": "228", "quantity": "wounded", "attribution_text": "وزيري الإعلام والأمن الداخلي"}],
    })


def test_an_official_spelled_with_the_ya_hamza_speaks_and_goes_on():
    """"وقال المسئول بالشرطة المحلية محمد حسين ... وأضاف أن": مسئول (Egypt's spelling of مسؤول) heads
    the speaker's phrase, and the masculine وأضاف goes on with him, not with the sources named before
    (mogadishu_04). Read with the generic core."""
    _check_case("core", {
        "text": "قفزت حصيلة القتلى في التفجير الذي وقع وسط العاصمة الصومالية مقديشيو، السبت، إلى 189 شخصًا، وفق ما "
                "ذكرت مصادر أمنية. وقال المسئول بالشرطة المحلية محمد حسين، في تصريح صحفي، اليوم الأحد: \"العديد "
                "من الضحايا توفوا في المستشفيات متأثرين بجراحهم\". وأضاف أن \"التقديرات الأولية تشير إلى أن عدد "
                "المصابين وصل إلى 200 شخص\"، بحسب وكالة أسوشيتد برس.",
        "claims": [{"surface": "200", "quantity": "wounded", "attribution_text": "المسئول بالشرطة المحلية محمد حسين"}],
    })


def test_attacks_told_as_one_occurrence_are_an_attack_not_a_war():
    """الاعتداءات (attacks, in the plural) are a war's assaults (a toll summed up over months), but
    told as one occurrence that took place or struck (الاعتداءات التي وقعت / التي ضربت) they are
    a day's coordinated attacks: an attack (events.yaml; srilanka_18, srilanka_03). The assaults of
    a war keep their war (lebanon_06). Read with the generic core."""
    _check_case("core", {
        "text": "أعلنت السلطات السريلانكية، اليوم الخميس، أن الاعتداءات التي وقعت في أحد الفصح في البلاد أسفرت عن "
                "سقوط 257 قتيلا حسب حصيلة جديدة، مشيرة إلى أن هذا العدد يمكن أن يرتفع.",
        "claims": [{"surface": "257", "quantity": "killed", "population": "all", "event": "attack",
                    "place": "sri_lanka"}],
    })
    _check_case("core", {
        "text": "وبذلك ترتفع حصيلة ضحايا هذه الاعتداءات التي ضربت سريلانكا في يوم عيد الفصح إلى 158 قتيلاً على الأقل.",
        "claims": [{"surface": "158 قتيلاً على الأقل", "value": 158, "quantity": "killed", "event": "attack",
                    "place": "sri_lanka"}],
    })
    _check_case("core", {
        "text": "وحول الشهداء والجرحى من القطاع الصحي، أشار الأبيض إلى أن عدد الشهداء منذ بداية الاعتداءات الإسرائيلية "
                "على لبنان بلغ 41 عاملاً صحياً أو إسعافياً.",
        "claims": [{"surface": "41", "quantity": "killed", "event": "war"}],
    })


def test_migrants_dead_on_the_routes_of_migration_are_counted_with_the_wrecks():
    """The IOM's yearly counts of migrants dead or missing on the routes of migration (في مسارات
    الهجرة، في رحلات الهجرة) name no boat and no wreck: they are the shipwrecks' event all the same,
    not `other` (events.yaml; shipwreck_16, shipwreck_17). Read with the generic core."""
    _check_case("core", {
        "text": "أشارت المنظمة الدولية للهجرة التابعة للأمم المتحدة، اليوم الأربعاء، إلى أنّ \"ما لا يقل عن 8565 شخصًا "
                "لقوا حتفهم في مسارات الهجرة عبر العالم في العام الماضي\".",
        "claims": [{"surface": "ما لا يقل عن 8565", "quantity": "killed", "hedge": "at_least", "event": "shipwreck",
                    "place": "world"}],
    })
    # the year the count is of, said to be that year ("2023 هو العام"), is no count
    _check_case("core", {
        "text": "أشارت المنظمة الدولية للهجرة التابعة للأمم المتحدة، اليوم الأربعاء، إلى أنّ \"ما لا يقل عن 8565 شخصًا "
                "لقوا حتفهم في مسارات الهجرة عبر العالم في العام الماضي، ما يجعل 2023 هو العام الذي يسجل فيه أكبر عدد "
                "من وفيات المهاجرين على الإطلاق\".",
        "claims": [{"surface": "ما لا يقل عن 8565", "event": "shipwreck"}],
        "no_claims": ["2023"],
    })
    _check_case("core", {
        "text": "وقالت المنظمة الأممية، في أحدث تقرير لها، إن \"عدد المهاجرين الذين فقدوا حياتهم أو أصبحوا في عداد "
                "المفقودين في رحلات الهجرة في منطقة الشرق الأوسط وشمال إفريقيا أو منها في عام 2023 ارتفع إلى 4 آلاف "
                "و984، مقابل 3 آلاف و820 في عام 2022\".",
        "claims": [{"surface": "4 آلاف و984", "quantity": "killed", "population": "migrants", "event": "shipwreck"},
                   {"surface": "3 آلاف و820", "quantity": "killed", "population": "migrants", "event": "shipwreck"}],
    })


def test_a_dateline_naming_the_country_yields_to_the_lead_city_of_a_sinking():
    """A dateline that names only the country ("<outlet> _ <country>") and a lead that names the city
    where a boat sank: the city is where the figures were, an event at one site (mosul_13). Read with
    the generic core: a war profile reads the militia's name as its war's and puts it in its territory."""
    _check_case("core", {
        "text": "العالم _ العراق\nاعداد كبيرة من المتطوعين ضمن صفوف الحشد الشعبي يجوبون نهر دجلة بمدينة الموصل من "
                "الصباح حتى المساء بحثًا عن جثث ضحايا العبارة التي ابتلعها الماء ومازالت لم تطفو على السطح بعد ،فمازال "
                "هناك العشرات من الاطفال والنساء مفقودون الحشد الشعبي استنفر امكانياته البحرية لانتشال الجثث المفقودة "
                "بحادثة عبارة الموت .\nالاطباء في دائرة الطب العدلي حذروا من تأخر الجثث في الماء خشية تفسّخها وتغيّر "
                "ملامحها وبالتالي عدم معرفة هوياتها ، بينما وصل عدد الجثث التي انتُشلت من النهر الى تسع وثمانين جثة، "
                "وعدد الذين تم إنقاذهم بحدود الثمانين، فيما تبقى مئة في عداد المفقودين.",
        "claims": [{"surface": "تسع وثمانين", "quantity": "killed", "event": "shipwreck", "place": "mosul"},
                   {"surface": "مئة", "quantity": "missing", "event": "shipwreck", "place": "mosul"}],
    })


def test_a_countrys_police_and_capital_name_where_its_toll_is():
    """A toll its country's police gives, in an article that names the country only by their adjective
    (الشرطة السريلانكية), is that country's (rules/gazetteer/places.yaml `bodies`; srilanka_14); عاصمة
    <country> is its capital (srilanka_02). Read with the generic core: a war profile puts its own
    deaths in its territory."""
    _check_case("core", {
        "text": "قالت الشرطة السريلانكية اليوم الأربعاء، إن عدد القتلى في التفجيرات الانتحارية التي استهدفت كنائس "
                "وفنادق يوم عيد القيامة، ارتفع إلى 359. ولم تذكر الشرطة مزيدا من التفاصيل.",
        "claims": [{"surface": "359", "quantity": "killed", "event": "attack", "place": "sri_lanka"}],
    })
    _check_case("core", {
        "text": "وقعت ستة انفجارات، استهدفت ثلاث كنائس وثلاثة فنادق، أمس الأحد في عاصمة سريلانكا ومحيطها أثناء "
                "الاحتفال بقداس عيد الفصح؛ وهو ما أدى إلى إصابة ما لا يقل عن ثمانين شخصًا، بحسب ما أفادت مصادر في "
                "الشرطة وفي أحد المستشفيات.",
        "claims": [{"surface": "ما لا يقل عن ثمانين", "quantity": "wounded", "place": "colombo"}],
    })


def test_an_event_named_as_a_time_gone_by_is_no_cue():
    """"أسوأ أعمال عنف منذ انتهاء الحرب الأهلية": the civil war that ended is when, not the event of the
    toll before it (rules/lexicon/events.yaml `past`; srilanka_09; read with the generic core: a war
    profile makes its own deaths its war's)."""
    _check_case("core", {
        "text": "ارتفعت حصيلة ضحايا التفجيرات التي ضربت كنائس وفنادق فخمة في سريلانكا، أمس الأحد، إلى 290 قتيلا على "
                "الأقل و500 جريحا، في أسوأ أعمال عنف تشهدها الجزيرة الواقعة في جنوب آسيا منذ انتهاء الحرب الأهلية "
                "قبل عقد.",
        "claims": [{"surface": "500", "quantity": "wounded", "event": "attack", "place": "sri_lanka"}],
    })


# the sentence of syria_prisons/04: "منهم" after the counted noun says the verb after it is what befell them
_OF_THEM_KILLED = ('وأكدت معلومات المرصد أن "ما يزيد على 30 ألف معتقل منهم قتلوا في سجن صيدنايا سيئ الصيت، في حين '
                   'كانت النسبة الثانية الغالبة هي في إدارة المخابرات الجوية".')


def test_the_breakdown_words_are_those_of_the_lexicon(tmp_path):
    """rules/lexicon/populations.yaml `breakdown` is what the stages' patterns take: a word taken out of the data
    is no breakdown word any more (the verb after the noun no longer says what befell them), one
    added becomes one (docs/annotation.md, parts)."""
    import shutil

    from discrepancy.backends.builtin import annotate
    from discrepancy.extract import extract, parts, population, quantity
    from discrepancy.lexicon import DEFAULT_RULES_DIR, load_lexicon
    from discrepancy.models import Article

    def counted(rules):
        lex = load_lexicon(rules, ())
        [c] = extract(annotate([Article("t", _OF_THEM_KILLED)], lex)[0], lex)
        return c.quantity

    root = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, root)
    pfile = root / "lexicon" / "populations.yaml"
    text = pfile.read_text(encoding="utf-8")
    assert "  of: [منهم, منهن]\n" in text
    pfile.write_text(text.replace("  of: [منهم, منهن]\n", "  of: [منهن]\n")
                     .replace("  among: [بينهم, بينهن]\n", "  among: [بينهم, بينهن, ضمنهم]\n"), encoding="utf-8")
    assert counted(None) == "killed"
    assert counted(root) == "detained"

    stock, changed = load_lexicon(None, ()), load_lexicon(root, ())
    for template, text in ((parts._PART_CONNECTOR_AFTER, " ضمنهم 20 طفلا"), (population._STOP_WORDS, "ضمنهم 20 طفلا"),
                           (parts._PART_CONNECTOR, " ضمنهم "), (quantity._BREAKS_DOWN, "، ضمنهم 20 طفلا")):
        assert not stock.breakdown_re(template).match(text)
        assert changed.breakdown_re(template).match(text)
    assert stock.breakdown_re(population._OF_THEM).match(" منهم حتفهم")
    assert not changed.breakdown_re(population._OF_THEM).match(" منهم حتفهم")


def test_a_country_with_its_dead_in_parentheses_is_whose_nationals_not_where():
    """After a word of foreigners, "الهند (11 قتيلا) وبريطانيا (6 قتلى)" counts each country's
    nationals where the article's dead were (srilanka_17; read with the generic core: a profile's
    war may place an attack of another country in its own territory)."""
    text = ("42 قتيلا أجنبيا ضمن حصيلة اعتداءات عيد الفصح بسريلانكا\nالدول التي سجلت أكبر خسائر بشرية هي "
            "الهند (11 قتيلا) وبريطانيا (6 قتلى) والصين (4 قتلى) والدنمارك (3 قتلى).")
    _check_case("core", {"text": text, "claims": [
        {"surface": s, "quantity": "killed", "population": p, "place": "sri_lanka"}
        for s, p in (("11", "indian"), ("6", "british"), ("4", "chinese"), ("3", "danish"))]})


def test_people_a_crackdown_on_protests_holds_are_detainees():
    """المحتجزين in an article about a crackdown on protests are detainees, not hostages
    (rules/lexicon/quantities.yaml by_event; iran_18). Read with the generic core: the Gaza war
    profile's own convention makes them its hostages."""
    _check_case("core", {
        "text": "أفادت وكالة أنباء نشطاء حقوق الإنسان \"هرانا\"، التي تتخذ من الولايات المتحدة مقرًا لها، أن ما لا يقل عن "
                "455 شخصًا على الأقل لقوا حتفهم في ظل موجة الاحتجاجات، التي تجتاح إيران في الوقت الراهن.\n"
                "وقدرت الوكالة عدد الأطفال، الذين قتلوا بـ63، وأن عدد الاعتقالات بلغ 18 ألفًا و170، مع تحديد هوية 3234 "
                "من المحتجزين.",
        "claims": [{"surface": "3234", "quantity": "detained", "event": "protests"}],
    })


def test_a_toll_before_a_province_with_a_part_of_it_is_the_countrys():
    """The opening gives a toll in a sentence that names no place, then a province with a smaller
    count: the toll, and the figures with no place of their own, are the country's (iran_19)."""
    _check_case("core", {
        "text": "كشفت منظمة حقوق الإنسان الإيرانية، عن ارتفاع عدد قتلى المظاهرات التي اندلعت عقب وفاة شابة على يد "
                "شرطة الأخلاق إلى 476.\n"
                "وبحسب تقرير نشرته المنظمة ومقرها النرويج، أوضحت أن 34 من المتظاهرين الذين قُتلوا هم من النساء و64 تحت سن 18.\n"
                "وقال التقرير، إن 130 شخصاً قُتلوا في محافظة سيستان بلوشستان ذات الغالبية السنية، و53 في محافظة "
                "كردستان، و55 في أذربيجان الغربية.",
        "claims": [{"surface": "476", "quantity": "killed", "place": "iran"},
                   {"surface": "64", "population": "children", "place": "iran"},
                   {"surface": "130", "place": "sistan_baluchestan"},
                   {"surface": "53", "place": "kordestan"}],
    })


def test_a_broadcaster_and_a_councillor_speak_for_their_figures():
    """A broadcaster (تلفزيون <name>) and a town's councillor (المستشار البلدي) named after a cue are
    the sources of the figures they report (greece_01, greece_06; rules/lexicon/sources.yaml heads)."""
    from discrepancy.backends.builtin import annotate
    from discrepancy.extract import extract
    from discrepancy.lexicon import load_lexicon
    from discrepancy.models import Article

    lex = load_lexicon(None, ())
    for text, surface, head in (
        ("وقبل ذلك بدقائق، أورد تلفزيون سكاي اليوناني معلومات عن أن ما يصل إلى 26 شخصاً لاقوا حتفهم، "
         "صباح اليوم الثلاثاء، في منتجع ماتي.", "ما يصل إلى 26", "تلفزيون سكاي اليوناني"),
        ("وقال ميرون تساغاراكيس، المستشار البلدي في رافينا كبرى مدن المنطقة الساحلية على الساحل الشرقي: "
         "«أحصينا 74 قتيلاً بينهم أطفال، والحصيلة يمكن أن ترتفع».", "74", "المستشار البلدي في رافينا"),
    ):
        [c] = [c for c in extract(annotate([Article("t", text)], lex)[0], lex) if c.surface == surface]
        assert c.attribution_text.startswith(head), c.attribution_text


def test_a_force_owning_a_tally_is_not_whom_it_counts():
    """A force said with the lam of possession right after a tally's word owns the tally ("آخر
    حصيلة للشرطة": the police's toll, christchurch_15); after the counted noun ("جريحا للشرطة",
    rabaa_02) it is the force's own wounded. Read with the generic core: a profile's side may
    stand in for `all`."""
    _check_case("core", {
        "text": "وكانت آخر حصيلة للشرطة تشير إلى 49 قتيلًا في الهجوم، قبل أن يعلن بوش، الأحد، عثور المحققين على جثة جديدة بأحد المسجدين.",
        "claims": [{"surface": "49", "quantity": "killed", "population": "all"}],
    })
    _check_case("core", {
        "text": "وسقط 5 قتلى و40 جريحا للشرطة في الاشتباكات.",
        "claims": [{"surface": "40", "quantity": "wounded", "population": "security_forces"}],
    })


def test_asking_not_to_be_named_is_no_student():
    """"طالبًا عدم كشف هويته": asking not to be named (populations.yaml `not_groups`), no group of
    students the figures of the sentence count (srilanka_02; read with the generic core: a
    profile's side may win)."""
    _check_case("core", {
        "text": "وقعت ستة انفجارات، استهدفت ثلاث كنائس وثلاثة فنادق، أمس الأحد في عاصمة سريلانكا ومحيطها أثناء "
                "الاحتفال بقداس عيد الفصح؛ وهو ما أدى إلى إصابة ما لا يقل عن ثمانين شخصًا، بحسب ما أفادت مصادر في "
                "الشرطة وفي أحد المستشفيات. وقال مسؤول في مستشفى كولومبو الوطني لوكالة فرانس برس طالبًا عدم كشف "
                "هويته: «تلقينا ثمانين شخصًا، وثمة المزيد يصلون تباعًا».",
        "claims": [{"surface": "ثمانين", "value": 80, "population": "all"}],
    })


def test_a_gas_site_is_the_town_the_press_names_it_by():
    """"الموقع الغازي لتيقنتورين (إن أمناس-إليزي)": the site and its town are one place, inside its
    wilaya (inamenas_01; read with the generic core: a profile's own default place may win)."""
    _check_case("core", {
        "text": "وقد أسفر الهجوم الذي قامت به القوات الخاصة التابعة للجيش الوطني الشعبي لتحرير الرهائن المحتجزين "
                "من قبل جماعة إرهابية على مستوى الموقع الغازي لتيقنتورين (إن أمناس-إليزي) عن القضاء على 32 إرهابيا "
                "و وفاة 23 شخصا، حسب حصيلة مؤقتة قدمت أمس السبت.",
        "claims": [{"surface": "32", "quantity": "killed", "population": "fighters", "event": "attack", "place": "in_amenas"},
                   {"surface": "23", "quantity": "killed", "population": "all", "event": "attack", "place": "in_amenas"}],
    })


def test_hostages_of_a_nationality_and_foreigners_are_everyone():
    """"25 رهينة <nationals> وأجانب"، "من الرهائن الأجانب و<nationals>": the counted noun's two
    adjectives joined by و, one of them foreigners, make people of neither (inamenas_09; read with
    the generic core: the Gaza profile reads its hostages as its own side)."""
    _check_case("core", {
        "text": "اكد مصدر امني مقتل ما بين 25 الى 27 رهينة جزائريا واجنبيا في عملية خطف الرهائن التي نفذتها مجموعة "
                "اسلامية مسلحة على مصنع للغاز في ان امناس بالجنوب الجزائري ودامت اربعة ايام وانتهت بهجوم نهائي شنه "
                "الجيش الجزائري.واكد المصدر اليوم السبت \"قتل ما بين 25 و27 من الرهائن الاجانب والجزائريين، بحسب "
                "حصيلة اولية توفرت بعد الهجوم النهائي للجيش هذا الصباح.\"",
        "claims": [{"surface": "ما بين 25 الى 27", "quantity": "hostages_dead", "population": "all", "hedge": "between"},
                   {"surface": "ما بين 25 و27", "quantity": "hostages_dead", "population": "all", "hedge": "between"}],
    })


def test_a_reporters_byline_with_city_and_country_is_no_place_of_the_figures():
    """"<first> <last>، <city>/<country>" on its own first line (herat_15) says where the reporter
    writes from: the report's figures are not the city's."""
    from discrepancy.backends.builtin import annotate
    from discrepancy.extract import extract
    from discrepancy.lexicon import load_lexicon
    from discrepancy.models import Article

    lex = load_lexicon(None, ())
    text = ("أحمد جاويد، کابل/أفغانستان\n"
            "وطبقا لتقرير جديد لهذه المنظمات، فان حصيلة قتلى الزلزال هي 2700 شخص معظمهم من النساء والأطفال.")
    [c] = [c for c in extract(annotate([Article("t", text)], lex)[0], lex) if c.surface == "2700"]
    assert (c.quantity, c.event) == ("killed", "earthquake")
    assert c.place != "kabul"


def test_a_post_a_body_put_out_gives_its_figures():
    """"وجاء في تغريدة أطلقتها المنظمة الدولية للهجرة ...، مشددة على أن ... تشير إلى 400 راكب": the body
    that put the post out gives its figure, not the speaker of the sentence before (shipwreck_02).
    Read with the generic core."""
    _check_case("core", {
        "text": "من جهته، قال المتحدث باسم الحكومة إيلياس سياكانتاري 'لا نعلم ما هو عدد الأشخاص الذين كانوا بداخل "
                "المركب'. وجاء في تغريدة أطلقتها المنظمة الدولية للهجرة 'نخشى مزيدا من الخسائر في الأرواح'، مشددة على "
                "أن عمليات التعداد الأولية تشير إلى 400 راكب.",
        "claims": [{"surface": "400", "attribution": "iom"}],
    })


def test_an_arrest_said_second_after_and_is_detained():
    """"تم القضاء على 29 إرهابيا و القبض على 3 من مختطفي الرهائن": the second of the two things done is an
    arrest (و القبض على, its و written apart or joined), so its 3 are detained, not killed like the 29
    before it (inamenas_02). Read with the generic core."""
    _check_case("core", {
        "text": "من جهة أخرى أكد الوزير الأول أنه تم القضاء على 29 إرهابيا و القبض على 3 من مختطفي الرهائن.",
        "claims": [{"surface": "29", "quantity": "killed"}, {"surface": "3", "quantity": "detained"}],
    })


def test_figures_a_list_leaves_out_carry_that_scope_note():
    """"والتى تجاوزت ٣٠٠ جثة، لم تُدرج ضمن قائمة الوفيات التى أصدرتها وزارة الصحة": the bodies the
    ministry's list leaves out are said to be outside that count (scope_notes.yaml `excludes`;
    rabaa_12), so they are not its figure against the ministry's. Read with the generic core."""
    _check_case("core", {
        "text": "وأكدت مصادر طبية أن عدد الجثامين المتواجدة بمسجد الإيمان، بمدينة نصر، والتى تجاوزت ٣٠٠ جثة، لم "
                "تُدرج ضمن قائمة الوفيات التى أصدرتها وزارة الصحة،",
        "claims": [{"surface": "تجاوزت ٣٠٠", "scope_note": "لم تُدرج ضمن قائمة الوفيات التى أصدرتها وزارة الصحة"}],
    })


def test_a_chemical_attacks_weapons_name_the_attack_in_a_bombardment():
    """A chemical attack's weapons (its gas, its chemical arms) name the attack, also in a sentence
    that calls it a bombardment: the gas nearer the figure than the word of shelling, or one phrase
    holding both (ghouta_16, ghouta_07; read with the generic core: the Gaza profile reads an attack
    as its war)."""
    _check_case("core", {
        "text": "وأضاف التقرير المكون من 4 صفحات، أن قصف ريف دمشق بـالسلاح الكيماوي بتاريخ 21 أغسطس (آب) الماضي، "
                "أسفر عن مقتل 1429 شخصاً بينهم أكثر من 400 طفل.",
        "claims": [{"surface": "1429", "quantity": "killed", "population": "all", "event": "attack"},
                   {"surface": "أكثر من 400", "quantity": "killed", "population": "children", "event": "attack",
                    "part_of": "1429"}],
    })
    _check_case("core", {
        "text": "وكانت مصادر في المعارضة السورية قالت الأربعاء، إن أكثر من 1300 شخصا قتلوا في قصف بأسلحة كيماوية على "
                "بلدتي عين ترما وزملكا في الغوطة الشرقية بريف دمشق.",
        "claims": [{"surface": "أكثر من 1300", "quantity": "killed", "population": "all", "event": "attack"}],
    })
