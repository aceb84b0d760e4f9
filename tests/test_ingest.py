"""Ingest (SPEC §2): encodings, bad files, folders, jsonl, html, stdin, manifest, page structure."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from discrepancy.ingest import UsageError, decode, load_manifest, read_articles, url_date
from tests.conftest import SEEDS

ARABIC = "قتل نحو 1140 شخصا في هجوم السابع من أكتوبر، حسب مصادر إسرائيلية رسمية.\n"


def test_seeds_are_five_files_and_their_related_stories():
    arts, problems = read_articles([str(SEEDS)], SEEDS / "manifest.csv")
    assert problems == []
    ids = [a.id for a in arts]
    assert len({i.split("#")[0] for i in ids}) == 5
    assert ids == [
        "000_a4e1b1a530825d43",
        "001_59abe512c9b76ea7", "001_59abe512c9b76ea7#r1",
        "002_9b40395f0cbb0cbe", "002_9b40395f0cbb0cbe#r1",
        "003_7df6cc381d377951", "003_7df6cc381d377951#r1",
        "004_45390325e43905a9", "004_45390325e43905a9#r1",
    ]
    by_id = {a.id: a for a in arts}
    assert by_id["001_59abe512c9b76ea7"].outlet == "RT Arabic"
    assert by_id["001_59abe512c9b76ea7"].published == date(2023, 10, 26)
    assert by_id["002_9b40395f0cbb0cbe"].published is None
    assert by_id["003_7df6cc381d377951"].published == date(2023, 10, 29)
    # related stories get no date from the manifest, and start with their headline
    assert by_id["001_59abe512c9b76ea7#r1"].published is None
    assert by_id["001_59abe512c9b76ea7#r1"].title == "بايدن وترامب يناقشان مسألة المختطفين في غزة"
    assert "1208" in by_id["002_9b40395f0cbb0cbe#r1"].text and "1208" not in by_id["002_9b40395f0cbb0cbe"].text


def test_metadata_from_the_text_without_manifest():
    arts, _ = read_articles([str(SEEDS)])
    by_id = {a.id: a for a in arts}
    assert by_id["000_a4e1b1a530825d43"].published == date(2024, 1, 19)  # "01:02 م، 19 يناير 2024"
    assert by_id["004_45390325e43905a9"].published == date(2025, 2, 3)  # "تاريخ النشر: 3rd, February 2025"
    assert by_id["001_59abe512c9b76ea7"].outlet == "RT Arabic"  # the last "المصدر:" line
    assert by_id["001_59abe512c9b76ea7#r1"].outlet == "نوفوستي"
    assert by_id["003_7df6cc381d377951"].outlet == "الجزيرة"


def test_navigation_is_marked():
    arts, _ = read_articles([str(SEEDS / "000_a4e1b1a530825d43.txt")])
    main = arts[0]
    nav_text = [main.text[a:b] for a, b in main.navigation]
    assert any(t.startswith("اقرأ ايضا:") for t in nav_text)  # headline links inside the story
    assert len(arts) == 1  # ... which do not split it
    arts, _ = read_articles([str(SEEDS / "001_59abe512c9b76ea7.txt")])
    related = arts[1]
    nav_text = [related.text[a:b] for a, b in related.navigation]
    assert any(t.strip().startswith("•") for t in nav_text)
    assert any("مقالات مشابهة" in t for t in nav_text)
    assert any(t.startswith("كلمات دلالية") for t in [arts[0].text[a:b] for a, b in arts[0].navigation])


def test_a_related_list_run_into_one_line_is_navigation(tmp_path):
    """A page's "أخبار ذات صلة" header with its headlines on the same line (maui_13): that line is
    the list, no claim comes from its headline's figure; the story goes on after it."""
    from discrepancy.pipeline import check

    page = ("ما زال 1100 شخص في عداد المفقودين بعد أسبوعين على اجتياح حرائق غابات مميتة جزيرة ماوي في ولاية هاواي الأميركية.\n\n"
            "أخبار ذات صلة 850 شخصاً في عداد المفقودين بعد حرائق غابات هاواي الأميركية اعتقال سيدة هددت بإطلاق النار على ترامب وابنه\n\n"
            "وأضاف أن مكتب التحقيقات الفدرالي أحصى حتى الثلاثاء 1100 مفقود، وهو عدد يرجّح ارتفاعه.\n")
    f = tmp_path / "a.txt"
    f.write_text(page, encoding="utf-8")
    arts, _ = read_articles([str(f)])
    assert [arts[0].text[a:b] for a, b in arts[0].navigation] == [page.split("\n")[2]]
    claims = check([str(f)], progress=False).claim_list
    assert [c.surface for c in claims] == ["1100", "1100"]


def test_a_pointer_to_an_earlier_article_is_navigation(tmp_path):
    """"لمتابعة التفاصيل اقرأ:" and the earlier article's headline under it (mosul_07) are the page's
    links: no claim comes from that headline's figures."""
    from discrepancy.pipeline import check

    page = ("لقي 100 شخص على الأقل حتفهم، كما فقد 55 آخرون إثر غرق عبارة تقل عائلات وسط نهر دجلة في مدينة الموصل، ثاني أكبر مدن العراق شمالي البلاد.\n\n"
            "لمتابعة التفاصيل اقرأ:\n\n"
            "ـــ 82 قتيلاً و55 مفقوداً بغرق عبّارة في الموصل\n")
    f = tmp_path / "a.txt"
    f.write_text(page, encoding="utf-8")
    arts, _ = read_articles([str(f)])
    assert [arts[0].text[a:b] for a, b in arts[0].navigation] == [page.split("\n")[2], page.split("\n")[4]]
    claims = check([str(f)], progress=False).claim_list
    assert [c.surface for c in claims] == ["100 شخص على الأقل", "55"]


def test_bullet_lines_holding_figures_are_text(tmp_path):
    """A toll's breakdown in bullets is part of the story; a headline or a bare number is not."""
    from discrepancy.pipeline import check

    page = ("أعلنت وزارة الصحة اللبنانية أن غارات يوم أمس أسفرت عن:\n"
            "  • جنوب لبنان: 11 شهيدا و48 جريحا.\n"
            "  • النبطية: 6 شهداء و31 جريحا.\n"
            "  • 4\n"
            "  • 5/2/2023\n"
            "  • حركة حماس: مجزرة الاحتلال في بيت لاهيا إمعان في حرب الإبادة\n")
    f = tmp_path / "a.txt"
    f.write_text(page, encoding="utf-8")
    arts, _ = read_articles([str(f)])
    nav = {arts[0].text[a:b].strip() for a, b in arts[0].navigation}
    assert nav == {"• 4", "• 5/2/2023", "• حركة حماس: مجزرة الاحتلال في بيت لاهيا إمعان في حرب الإبادة"}
    claims = {c.surface: c for c in check([str(f)], progress=False).claim_list}
    assert (claims["11"].quantity, claims["48"].quantity) == ("killed", "wounded")
    assert (claims["6"].quantity, claims["31"].quantity) == ("killed", "wounded")
    assert "4" not in claims


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256"],
)
def test_encodings_are_decoded(tmp_path, encoding):
    f = tmp_path / "a.txt"
    f.write_bytes(ARABIC.encode(encoding))
    arts, problems = read_articles([str(f)])
    assert problems == []
    assert arts[0].text == ARABIC


def test_bad_files_are_reported_and_good_ones_read(tmp_path):
    (tmp_path / "good.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (tmp_path / "win.txt").write_bytes(ARABIC.encode("cp1256"))
    (tmp_path / "u16.txt").write_bytes(ARABIC.encode("utf-16"))
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    arts, problems = read_articles([str(tmp_path)])
    assert sorted(a.id for a in arts) == ["good", "u16", "win"]
    reasons = {p.path.rsplit("/", 1)[-1]: p.reason for p in problems}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "empty file"
    assert "binary" in reasons["image.txt"]
    assert "unsupported" in reasons["notes.docx"]


def test_missing_path_is_a_problem_not_a_crash():
    arts, problems = read_articles(["/nonexistent/x.txt"])
    assert arts == [] and problems[0].reason == "no such file or folder"


def test_jsonl(tmp_path):
    f = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": ARABIC, "outlet": "الجزيرة", "published": "2023-10-29"}, ensure_ascii=False),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": ARABIC}, ensure_ascii=False),
    ]
    f.write_text("\n".join(lines), encoding="utf-8")
    arts, problems = read_articles([str(f)])
    assert [a.id for a in arts] == ["a1", "batch-4"]
    assert arts[0].outlet == "الجزيرة" and arts[0].published == date(2023, 10, 29)
    assert [p.path.rsplit(":", 1)[-1] for p in problems] == ["2", "3"]


@pytest.mark.parametrize(("url", "expected"), [
    ("https://sabahtanja.com/2020/10/26/%D9%83%D9%88%D8%B1%D9%88%D9%86%D8%A7/", date(2020, 10, 26)),
    ("https://www.albayan.ae/one-world/overseas/2020-04-06-1.3822863", date(2020, 4, 6)),
    ("http://example.com/news/2015/03/13/story", date(2015, 3, 13)),
    ("https://al-jazirah.com./2018/20180715/du3.htm", date(2018, 7, 15)),
    # a month is no day; ids, a query and impossible days are no dates
    ("https://syriafriends.net/2022/09/%d9%85%d8%b5%d8%b1%d8%b9/", None),
    ("http://www.elaph.com/Web/News/2015/3/990630.html", None),
    ("https://al-arabe.com/?p=20200406", None),
    ("https://www.alittihad.ae/article/43429/2017/1858-story", None),
    ("https://example.com/2021/02/30/story", None),
])
def test_url_date(url, expected):
    assert url_date(url) == expected


def test_publication_date_from_the_url_only_when_the_input_has_none(tmp_path):
    text = "وأضافت وزارة الصحة أن مجموع حالات الشفاء التام وصل إلى 165922 حالة، فيما ارتفع عدد الوفيات إلى 3373 حالة."
    url = "https://sabahtanja.com/2020/10/26/corona/"
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in [
        {"id": "undated", "text": text, "url": url},
        {"id": "dated", "text": text, "url": url, "published": "2020-10-27"},
    ]), encoding="utf-8")
    arts, _ = read_articles([str(f)])
    by_id = {a.id: a for a in arts}
    assert (by_id["undated"].published, by_id["undated"].published_from) == (date(2020, 10, 26), "url")
    assert (by_id["dated"].published, by_id["dated"].published_from) == (date(2020, 10, 27), "")
    import discrepancy

    result = discrepancy.check([str(f)], progress=False)
    notes = {c.article_id: c.as_of_note for c in result.claim_list if c.unit == "count"}
    assert notes == {"undated": "publication date (from the URL)", "dated": "publication date"}


def test_html_main_text(tmp_path):
    body = "".join(f"<p>{s}</p>" for s in [ARABIC.strip()] * 3)
    html = (
        "<html><head><title>عنوان الخبر</title></head><body>"
        "<nav><a href='/'>الرئيسية</a> <a href='/x'>رياضة 2024</a></nav>"
        f"<article><h1>عنوان الخبر</h1>{body}</article>"
        "<footer>جميع الحقوق محفوظة 2024</footer></body></html>"
    )
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    arts, problems = read_articles([str(tmp_path / "page.html")])
    assert problems == []
    assert "نحو 1140" in arts[0].text
    assert "الرئيسية" not in arts[0].text and "محفوظة" not in arts[0].text


def test_stdin(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "discrepancy", "claims", "-", "-q"],
        input=ARABIC.encode("utf-8"), capture_output=True, check=True,
    )
    text = out.stdout.decode("utf-8-sig")
    assert "stdin:" in text and "نحو 1140" in text


def test_manifest_errors_are_usage_errors(tmp_path):
    bad = tmp_path / "m.csv"
    bad.write_text("file,outlet\nx.txt,RT\n", encoding="utf-8")
    with pytest.raises(UsageError, match="published"):
        load_manifest(bad)
    bad.write_text("file,outlet,published\nx.txt,RT,19/01/2024\n", encoding="utf-8")
    with pytest.raises(UsageError, match="line 2"):
        load_manifest(bad)


def test_decode_rejects_binary():
    with pytest.raises(ValueError, match="binary"):
        decode(b"\x00\x01\x02\x03\xff\xfe\x00\x00abc\x00")


def test_news_page_html_end_to_end():
    """A news page: menus, a 'most read' list and the footer give no claim; metadata from the page."""
    from discrepancy.pipeline import extract_claims
    from tests.conftest import ROOT

    ex = extract_claims([ROOT / "tests" / "data" / "news_page.html"], progress=False)
    (art,) = ex.articles
    assert art.outlet == "موقع الأخبار" and art.published == date(2024, 1, 20)
    surfaces = [c.surface for c in ex.claims]
    assert "12" not in surfaces and "30%" not in surfaces and "0123456789" not in surfaces
    toll = [c for c in ex.claims if c.surface == "24927"]
    assert toll and all((c.quantity, c.population, c.event) == ("killed", "palestinian", "gaza_war") for c in toll)
    assert any(c.surface == "نحو 1140" and c.population == "israeli" for c in ex.claims)
