"""Issue 11, "nothing lost, nothing crashes": one test (or a few) per class of defect.

Each test is named after its class: odd digits, duplicate ids, size and time,
huge numbers, CSV cells, rules of the wrong type, silent drops, wrong readings,
archive edges.
"""

from __future__ import annotations

import pytest

from discrepancy.normalize import normalize
from discrepancy.numbers import MAX_FIGURE, NumberMention, Skipped, rounding_unit, scan


def _mentions(text, lex):
    n = normalize(text)
    return [(m, text[slice(*n.span(m.start, m.end))]) for m in scan(n.text, lex.hedges)]


# --------------------------------------------------------------------------- 1. odd digits
@pytest.mark.parametrize("text", ["قتل ² شخصا", "قتل ① شخصا", "قتل ₀ شخصا", "قتل ⁵ أشخاص", "قتل ５ أشخاص", "①②③ شخصا", "¹²³"])
def test_odd_digits_are_no_figures_and_no_crash(text, lex):
    assert [m for m, _ in _mentions(text, lex) if isinstance(m, NumberMention)] == []


@pytest.mark.parametrize("value", [float("1" + "0" * 308), float("inf"), float("nan"), 1e300, -7.0, 0.0])
def test_odd_digits_rounding_unit_is_total(value):
    assert rounding_unit(value) > 0
    assert rounding_unit(value, "1" + "0" * 309) > 0


# --------------------------------------------------------------------------- 4. huge numbers
@pytest.mark.parametrize("text", ["نحو 179" + "0" * 306 + " قتيل", "1" + "0" * 309, "قتل 9007199254740993 شخصا", "خسائر 2000 تريليون دولار"])
def test_huge_numbers_are_skipped_not_claimed(text, lex):
    found = _mentions(text, lex)
    assert not any(isinstance(m, NumberMention) and abs(m.value) > MAX_FIGURE for m, _ in found)
    assert any(isinstance(m, Skipped) and m.reason == "too large to be a figure" for m, _ in found)


# --------------------------------------------------------------------------- 8. wrong readings
def test_wrong_readings_a_sign_is_kept(lex):
    (m, surface), = _mentions("انخفضت الحرارة إلى -5 درجات", lex)
    assert (m.value, surface) == (-5, "-5")
    # a dash between figures or inside a name is no sign: "بين 20 -30" is the range 20 to 30
    assert [(m.value, m.high, m.hedge) for m, _ in _mentions("بين 20 -30 شخصا", lex)] == [(20, 30, "between")]
    assert [m.value for m, _ in _mentions("مرضى كوفيد-19", lex) if isinstance(m, NumberMention)] == [19]


@pytest.mark.parametrize("text, surface", [("قتل 32 مارس 2024", "32 مارس 2024"), ("قتل 0 مارس", "0 مارس"),
                                           ("في 31 أبريل", "31 أبريل"), ("في ٣٢ مارس", "٣٢ مارس")])
def test_wrong_readings_an_impossible_day_is_no_count_and_no_date(text, surface, lex):
    found = _mentions(text, lex)
    assert [(type(m).__name__, s) for m, s in found] == [("Skipped", surface)]


def test_wrong_readings_trillions(lex):
    assert [m.value for m, _ in _mentions("خسائر بقيمة 3 تريليون دولار", lex)] == [3e12]
    assert [m.value for m, _ in _mentions("ترليونا دولار", lex)] == [1e12]


def test_wrong_readings_a_change_is_two_figures_a_range_one(lex):
    assert [(m.value, m.hedge) for m, _ in _mentions("ارتفع عدد القتلى من 15 إلى 20", lex)] == [(15, "exact"), (20, "exact")]
    (m, s), = _mentions("قتل من 15 إلى 20 شخصا", lex)
    assert (m.value, m.high, m.hedge, s) == (15, 20, "between", "من 15 إلى 20")


# --------------------------------------------------------------------------- 1. a crash costs one input
GOOD = "قتل 5 أشخاص وأصيب 12 آخرون في القصف.\n"


def test_odd_digits_cli_run_keeps_the_good_files(tmp_path, capsys):
    from discrepancy.cli import main

    (tmp_path / "s.txt").write_text("قتل ² شخصا\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "claims.csv"
    assert main(["claims", str(tmp_path), "-o", str(out)]) == 0
    assert "good:" in out.read_text(encoding="utf-8-sig")


def test_odd_digits_a_crash_on_one_article_loses_no_other(tmp_path, monkeypatch):
    import discrepancy.extract as extract_module
    import discrepancy.pipeline as pipeline

    (tmp_path / "bad.txt").write_text("قتل 7 أشخاص\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    real = extract_module.extract

    def flaky(doc, lex):
        if doc.article.id == "bad":
            raise ZeroDivisionError("boom")
        return real(doc, lex)

    monkeypatch.setattr(extract_module, "extract", flaky)  # what each extraction task calls
    ex = pipeline.extract_claims([tmp_path], progress=False)
    assert [a.id for a in ex.articles] == ["good"] and {c.article_id for c in ex.claims} == {"good"}
    (p,) = ex.problems
    assert p.path.endswith("bad.txt") and "internal error" in p.reason and "ZeroDivisionError" in p.reason


def test_odd_digits_an_internal_error_exits_3_not_1(tmp_path, monkeypatch, capsys):
    import discrepancy.pipeline as pipeline
    from discrepancy.cli import main

    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")

    def broken(*a, **k):
        raise KeyError("a bug")

    monkeypatch.setattr(pipeline, "check", broken)
    assert main(["check", str(tmp_path), "--fail-on-conflict"]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("discrepancy: internal error: KeyError")


# --------------------------------------------------------------------------- 2. same file names
def test_duplicate_ids_same_name_in_two_folders_stay_two_articles(tmp_path):
    from discrepancy.ingest import read_articles, unique_ids

    for outlet, n in (("o1", 5), ("o2", 7)):
        (tmp_path / outlet).mkdir()
        (tmp_path / outlet / "article.txt").write_text(f"قتل {n} أشخاص.\n", encoding="utf-8")
    (tmp_path / "solo.txt").write_text(GOOD, encoding="utf-8")
    arts, problems = read_articles([str(tmp_path), str(tmp_path / "o1" / "article.txt")])  # o1's given twice
    assert problems == []
    assert [a.id for a in arts] == ["o1/article", "o2/article", "solo"]
    assert unique_ids(["a/x/n.txt", "b/x/n.txt"]) == {"a/x/n.txt": "a/x/n", "b/x/n.txt": "b/x/n"}
    assert unique_ids(["d/n.txt", "d/n.html"]) == {"d/n.txt": "n.txt", "d/n.html": "n.html"}


def test_duplicate_ids_jsonl_ids_repeated_are_renamed_and_warned(tmp_path):
    import json

    from discrepancy.ingest import read_articles

    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join(json.dumps({"id": "a1", "text": t}, ensure_ascii=False) for t in (GOOD, "قتل 9 أشخاص.")),
                 encoding="utf-8")
    arts, problems = read_articles([str(f)])
    assert [a.id for a in arts] == ["a1", "a1~2"]
    assert [p.kind for p in problems] == ["warning"] and "a1~2" in problems[0].reason


# --------------------------------------------------------------------------- 3. size and time
def test_size_an_input_too_large_to_be_an_article_is_refused_in_one_line(tmp_path, monkeypatch):
    import discrepancy.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_ARTICLE_CHARS", 1000)
    (tmp_path / "huge.txt").write_text(GOOD * 100, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    arts, problems = ingest.read_articles([str(tmp_path)])
    assert [a.id for a in arts] == ["good"]
    (p,) = problems
    assert p.path.endswith("huge.txt") and p.reason.startswith("too large to be an article") and "split" in p.reason


def test_size_a_sentence_without_stops_is_cut_at_clause_marks():
    from discrepancy.backends.builtin import MAX_SENTENCE, split_sentences, tokenize

    text = "قتل 5 أشخاص وأصيب 12 آخرون، " * 400
    sents = split_sentences(text, tokenize(text))
    assert len(sents) > 1 and max(s.end - s.start for s in sents) <= MAX_SENTENCE
    assert all(text[s.end - 1] == "،" for s in sents[:-1])  # cut after a clause mark
    assert sents[0].start == 0 and all(a.end <= b.start for a, b in zip(sents, sents[1:], strict=False))


def test_size_many_figures_read_right(lex):
    """20,000 figures in one text: every one read once, in order (the span search is by bisection)."""
    text = " ".join(f"قتل {i + 1} أشخاص، و" for i in range(20_000))
    values = [m.value for m, _ in _mentions(text, lex)]
    assert values == [float(i + 1) for i in range(20_000)]


# --------------------------------------------------------------------------- 7. silent drops
def test_silent_drops_every_odd_entry_of_a_folder_is_reported(tmp_path, monkeypatch):
    import os

    import discrepancy.ingest as ingest

    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "locked").mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "sub" / "also.txt").write_text(GOOD, encoding="utf-8")
    (d / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    (d / "paper.pdf").write_bytes(b"%PDF-1.4")
    (d / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (d / "loop.txt").symlink_to(d / "loop.txt")
    (d / "sub" / "up").symlink_to(d, target_is_directory=True)
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):  # chmod 000 does not stop root: simulate it
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(ingest.os, "scandir", scandir)
    arts, problems = ingest.read_articles([str(d)])
    assert sorted(a.id for a in arts) == ["also", "good"]
    reasons = {p.path.rsplit("/", 1)[-1]: p.reason for p in problems}
    assert reasons["locked"].startswith("cannot read folder")
    assert reasons[".hidden.txt"] == "hidden file"
    assert reasons["paper.pdf"] == "unsupported file type .pdf"
    assert reasons["dangling.txt"].startswith("dangling symlink")
    assert reasons["loop.txt"].startswith("symlink loop")
    assert reasons["up"].startswith("symlink loop")


def test_silent_drops_hidden_and_unsupported_files_are_one_line_each(tmp_path, capsys):
    from discrepancy.cli import main

    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    for name in (".a", ".b", "x.pdf", "y.docx"):
        (tmp_path / name).write_bytes(b"x")
    assert main(["claims", str(tmp_path), "-o", str(tmp_path / "out.csv")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert any(line.startswith("discrepancy: skipped 2 hidden files:") and ".a" in line and ".b" in line for line in err)
    assert any(line.startswith("discrepancy: skipped 2 files of unsupported types:") and "x.pdf (.pdf)" in line for line in err)


def test_silent_drops_manifest_problems(tmp_path):
    from discrepancy.ingest import UsageError, read_articles

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    m = tmp_path / "m.csv"
    m.write_text('file,outlet,published\na.txt,"RT,2024-01-02\nb.txt,X,2024-01-03\n', encoding="utf-8")
    with pytest.raises(UsageError, match="line 2.*never closed"):
        read_articles([str(tmp_path / "a.txt")], m)
    m.write_text("file,outlet,published\na.txt,RT,2024-01-02\na.txt,BBC,2024-01-03\nmissing.txt,X,\n", encoding="utf-8")
    arts, problems = read_articles([str(tmp_path / "a.txt")], m)
    assert arts[0].outlet == "BBC"
    assert [(p.path.rsplit("/", 1)[-1], p.kind) for p in problems] == [("m.csv:3", "warning"), ("m.csv:4", "warning")]
    assert "again" in problems[0].reason and "missing.txt" in problems[1].reason


def test_silent_drops_an_impossible_jsonl_date_is_warned(tmp_path):
    import json

    from discrepancy.ingest import read_articles

    f = tmp_path / "b.jsonl"
    f.write_text(json.dumps({"id": "x", "text": GOOD, "published": "2024-02-30"}), encoding="utf-8")
    arts, problems = read_articles([str(f)])
    assert arts[0].published is None
    assert [(p.kind, "2024-02-30" in p.reason) for p in problems] == [("warning", True)]


# --------------------------------------------------------------------------- 8. wrong readings (pages)
def test_wrong_readings_a_copyright_line_is_no_publication_date(tmp_path):
    from discrepancy.ingest import read_articles

    page = ("<html><head><title>خبر</title></head><body><article><h1>مقتل 5 أشخاص</h1>"
            "<p>قتل 5 أشخاص في قصف على المدينة صباح اليوم بحسب مصادر طبية في المستشفى المحلي.</p>"
            "<p>وأضافت المصادر أن 12 آخرين أصيبوا بجروح مختلفة.</p></article>"
            "<footer>جميع الحقوق محفوظة 2024</footer></body></html>")
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    arts, _ = read_articles([str(tmp_path / "p.html")])
    assert arts[0].published is None


# --------------------------------------------------------------------------- 6. rules of the wrong type
# Each malformed rule file, wrong types included, is a case of tests/test_errors.py (RULE_CASES), where the
# loader and `check` are both run on it: one line, its code, exit 2.
def test_rules_of_the_wrong_type_every_bad_rule_is_named(tmp_path, lex):
    from discrepancy.lexicon import RulesError
    from discrepancy.rules import load_rules
    from tests.test_errors import RULE, _rules_copy

    root = _rules_copy(tmp_path, {"conflicts/x.yaml": RULE.replace("compare: pairs", "compare: [pairs]"),
                                  "conflicts/y.yaml": RULE.replace("id: x", "id: y").replace('message: "{values}"', "message: 7")})
    with pytest.raises(RulesError) as e:
        load_rules(root, lex)
    lines = str(e.value).splitlines()
    assert len(lines) == 2 and "rule x: R003 compare" in lines[0] and "rule y: R003 message" in lines[1]


# --------------------------------------------------------------------------- 4./5. reports stay valid
def test_huge_numbers_json_is_always_valid(tmp_path, capsys):
    import json

    from discrepancy.cli import main

    (tmp_path / "a.txt").write_text("قتل نحو 179" + "0" * 306 + " شخصا، وقتل 9007199254740993 آخرون و5 جنود.\n",
                                    encoding="utf-8")
    assert main(["claims", str(tmp_path / "a.txt"), "--format", "json", "-q"]) == 0
    records = json.loads(capsys.readouterr().out)  # no Infinity, no NaN
    assert [r["value"] for r in records] == [5]


def test_conflict_csv_cells_never_pass_the_spreadsheet_limit(tmp_path):
    import csv
    import io

    from discrepancy.messages import MESSAGE_FIGURES
    from discrepancy.pipeline import check
    from discrepancy.report import CELL_LIMIT, conflicts_frame, to_csv

    for i in range(60):  # 60 outlets, 60 different tolls of one fixed event
        (tmp_path / f"a{i}.txt").write_text(
            f"قتل {1000 + 37 * i} إسرائيليا في هجوم السابع من أكتوبر 2023 حسب مصادر إسرائيلية رسمية.\n", encoding="utf-8")
    result = check([tmp_path], progress=False)
    msg = max((cf.message for cf in result.conflict_list), key=len)
    assert f"and {60 - MESSAGE_FIGURES} more" in msg and len(msg) < 2000
    cells = [c for row in csv.reader(io.StringIO(to_csv(conflicts_frame(result.conflict_list)))) for c in row]
    assert max(map(len, cells)) < CELL_LIMIT
    from discrepancy.report import _safe

    assert len(_safe("=" + "x" * 100_000)) == CELL_LIMIT


# --------------------------------------------------------------------------- 9. archive edges
@pytest.fixture(scope="module")
def seeded_archive(tmp_path_factory):
    from discrepancy.cli import main
    from tests.conftest import SEEDS

    db = tmp_path_factory.mktemp("archive") / "news.db"
    assert main(["archive", "add", str(SEEDS), "--manifest", str(SEEDS / "manifest.csv"), "--archive", str(db), "-q"]) == 0
    import sqlite3

    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return db


def _run(args, capsys):
    from discrepancy.cli import main

    code = main(args)
    return code, capsys.readouterr().err.strip().splitlines()


def test_archive_edges_list_and_export_only_read(seeded_archive, tmp_path, capsys):
    import hashlib
    import shutil

    db = tmp_path / "copy.db"
    shutil.copy(seeded_archive, db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    assert _run(["archive", "list", "--archive", str(db), "-o", str(tmp_path / "l.csv")], capsys)[0] == 0
    assert _run(["archive", "export", "--archive", str(db), "-o", str(tmp_path / "e.csv")], capsys)[0] == 0
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert "000_a4e1b1a530825d43" in (tmp_path / "l.csv").read_text(encoding="utf-8-sig")


def test_archive_edges_a_damaged_archive_is_refused_and_left_alone(seeded_archive, tmp_path, capsys):
    import hashlib
    import shutil

    from tests.conftest import SEEDS

    db = tmp_path / "damaged.db"
    shutil.copy(seeded_archive, db)
    with db.open("r+b") as f:  # overwrite a page in the middle
        f.seek(4096 * 12)
        f.write(b"\xde\xad\xbe\xef" * 1024)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for args in (["archive", "list", "--archive", str(db)],
                 ["archive", "export", "--archive", str(db), "-o", str(tmp_path / "e.csv")],
                 ["archive", "add", str(SEEDS / "000_a4e1b1a530825d43.txt"), "--archive", str(db), "-q"],
                 ["check", str(SEEDS / "000_a4e1b1a530825d43.txt"), "--archive", str(db), "-q", "-o", str(tmp_path / "c.csv")]):
        code, err = _run(args, capsys)
        assert code == 2 and len(err) == 1 and "damaged" in err[0], (args, err)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_archive_edges_another_programs_sqlite_file_is_not_touched(tmp_path, capsys):
    import hashlib
    import sqlite3

    from tests.conftest import SEEDS

    db = tmp_path / "app.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE users (id INTEGER, name TEXT)")
    con.execute("INSERT INTO users VALUES (1, 'x')")
    con.commit()
    con.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for args in (["archive", "list", "--archive", str(db)],
                 ["archive", "add", str(SEEDS / "000_a4e1b1a530825d43.txt"), "--archive", str(db), "-q"]):
        code, err = _run(args, capsys)
        assert code == 2 and len(err) == 1 and "not a discrepancy archive" in err[0] and "users" in err[0]
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.db"]  # no -wal, no -shm


def test_archive_edges_claims_are_indexed_by_article_id(seeded_archive):
    import sqlite3

    con = sqlite3.connect(seeded_archive)
    plan = " ".join(r[-1] for r in con.execute(
        "EXPLAIN QUERY PLAN SELECT figure FROM claims WHERE article_id=? AND current=1", ("x",)))
    con.close()
    assert "claims_article_id" in plan
