"""The claim archive: checking articles one by one, versions, crashes, concurrency."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date

import pytest

from discrepancy.archive import Archive, ArchiveError
from discrepancy.pipeline import check_with_archive, extract_claims
from tests.conftest import SEEDS

MANIFEST = SEEDS / "manifest.csv"
# the seeds in the order their news appeared (002 is undated: last)
IN_DATE_ORDER = ["001_59abe512c9b76ea7", "003_7df6cc381d377951", "000_a4e1b1a530825d43",
                 "004_45390325e43905a9", "002_9b40395f0cbb0cbe"]


def _check(path, db, **kw):
    return check_with_archive([str(SEEDS / f"{path}.txt")], db, manifest=MANIFEST, progress=False, **kw)


def test_seeds_one_by_one_report_the_toll_conflict_as_it_arrives(tmp_path, seed_extraction):
    db = tmp_path / "news.db"
    reports = {name: _check(name, db) for name in IN_DATE_ORDER}
    assert reports["001_59abe512c9b76ea7"].conflict_list == []  # nothing to compare with yet
    fixed_000 = [cf for cf in reports["000_a4e1b1a530825d43"].conflict_list if cf.rule_id == "fixed-disagreement"]
    assert len(fixed_000) == 1
    assert sorted(c.surface for c in fixed_000[0].claims) == ["ما يزيد عن 1300", "نحو 1140"]
    fixed_002 = [cf for cf in reports["002_9b40395f0cbb0cbe"].conflict_list if cf.rule_id == "fixed-disagreement"]
    assert len(fixed_002) == 1
    assert sorted(c.surface for c in fixed_002[0].claims) == sorted(["1208", "نحو 1140", "ما يزيد عن 1300"])
    for r in reports.values():
        for cf in r.conflict_list:
            assert {c.quantity for c in cf.claims} != {"hostages_taken"}
            assert not cf.group_id.startswith("killed/palestinian")
    with Archive(db) as store:
        assert store.counts()[0] == 9
        assert len(store.claims()) == len(seed_extraction.claims)  # every claim of every seed, once


def test_same_text_is_a_no_op_and_changed_text_a_new_version(tmp_path):
    db = tmp_path / "news.db"
    ex = extract_claims([SEEDS / "000_a4e1b1a530825d43.txt"], manifest=MANIFEST, progress=False)
    art = ex.articles[0]
    with Archive(db) as store:
        assert store.add(art, ex.claims, "builtin", "v") == "added"
        assert store.add(art, ex.claims, "builtin", "v") == "unchanged"
        changed = replace(art, text=art.text.replace("نحو 1140", "نحو 1200"))
        claims = [replace(c, value=1200.0, surface="نحو 1200") if c.surface == "نحو 1140" else c for c in ex.claims]
        assert store.add(changed, claims, "builtin", "v") == "new version"
        current = store.claims()
        assert len(current) == len(ex.claims)
        assert {c.value for c in current if c.quantity == "killed" and c.population == "israeli"} == {1200.0}
        every = store.claims(all_versions=True)
        assert len(every) == 2 * len(ex.claims)  # the old version's claims stay traceable
        versions = store.articles_frame()
        assert list(versions["version"]) == [1, 2] and list(versions["current"]) == [0, 1]


def test_api_and_export(tmp_path, seed_extraction):
    db = tmp_path / "news.db"
    r = subprocess.run([sys.executable, "-m", "discrepancy", "archive", "add", str(SEEDS), "--manifest", str(MANIFEST),
                        "--archive", str(db)], capture_output=True, text=True)
    assert r.returncode == 0 and "9 added" in r.stderr
    with Archive(db) as store:
        df = store.claims_frame()
    assert len(df) == len(seed_extraction.claims) and df["published"].dtype.kind == "M"
    out = tmp_path / "claims.csv"
    r = subprocess.run([sys.executable, "-m", "discrepancy", "archive", "export", "--archive", str(db), "-o", str(out)])
    assert r.returncode == 0 and out.read_bytes().startswith(b"\xef\xbb\xbf")
    r = subprocess.run([sys.executable, "-m", "discrepancy", "archive", "list", "--archive", str(tmp_path / "nope.db")],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "no archive at" in r.stderr


def test_not_an_archive(tmp_path):
    bad = tmp_path / "x.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ArchiveError):
        Archive(bad)


def _jsonl(tmp_path, name: str, n: int, tag: str):
    text = (SEEDS / "001_59abe512c9b76ea7.txt").read_text(encoding="utf-8")
    path = tmp_path / name
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"{tag}-{i}", "text": text + f"\n{i}", "published": str(date(2023, 10, 26))},
                               ensure_ascii=False) + "\n")
    return path


def _archive_add(path, db):
    return subprocess.Popen([sys.executable, "-m", "discrepancy", "archive", "add", str(path), "--archive", str(db), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _whole_articles_only(db):
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = con.execute(
        "SELECT a.article_id, a.n_claims, COUNT(c.rowid) FROM articles a LEFT JOIN claims c ON c.article_rowid = a.rowid"
        " GROUP BY a.rowid"
    ).fetchall()
    con.close()
    assert all(n == k for _, n, k in rows), [r for r in rows if r[1] != r[2]]
    return len(rows)


def test_a_killed_run_leaves_whole_articles(tmp_path):
    db = tmp_path / "news.db"
    total = 3000
    proc = _archive_add(_jsonl(tmp_path, "big.jsonl", total, "k"), db)
    # reading the 3,000 articles comes before the first write and takes minutes on a loaded machine:
    # wait for the writes, however long the reading takes (the bound only stops a hung run)
    deadline = time.time() + 900
    seen = 0
    while time.time() < deadline and proc.poll() is None:
        try:
            con = sqlite3.connect(db, timeout=1)
            seen = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            con.close()
        except sqlite3.DatabaseError:
            seen = 0
        if seen >= 20:
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.005)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    n = _whole_articles_only(db)
    assert 20 <= n < total * 2  # each line is an article and its related story
    with Archive(db) as store:  # still usable
        assert store.counts()[0] == n


def test_two_processes_adding_at_once(tmp_path):
    db = tmp_path / "news.db"
    Archive(db).close()
    a = _archive_add(_jsonl(tmp_path, "a.jsonl", 150, "a"), db)
    b = _archive_add(_jsonl(tmp_path, "b.jsonl", 150, "b"), db)
    assert a.wait(timeout=300) == 0, a.stderr.read()
    assert b.wait(timeout=300) == 0, b.stderr.read()
    assert _whole_articles_only(db) == 600  # 2 x 150 lines, each with a related story


def test_archived_claims_take_todays_settings_and_other_rules_are_said(tmp_path):
    """Intervals are computed when rules evaluate (rules/settings.yaml), not kept from the archive;
    an archive read with other rules is named in the run summary."""
    import shutil

    from discrepancy.lexicon import DEFAULT_RULES_DIR
    from discrepancy.report import summary

    db = tmp_path / "news.db"
    _check("000_a4e1b1a530825d43", db)  # نحو 1140 archived with t = 0.02: [1117.2, 1162.8]
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    settings = rules / "settings.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("approx_tolerance: 0.02", "approx_tolerance: 0.2"),
                        encoding="utf-8")
    # with t = 0.2 نحو 1140 allows [912, 1368]: RT's more than 1300 and the AFP's 1208 now agree with it
    r = check_with_archive([str(SEEDS / "001_59abe512c9b76ea7.txt")], db, manifest=MANIFEST, rules=rules, progress=False)
    assert [cf for cf in r.conflict_list if cf.rule_id == "fixed-disagreement"] == []
    approx = [c for c in r.claim_list if c.surface == "نحو 1140"]
    assert approx and approx[0].low == pytest.approx(912.0)
    assert "archived articles were read with other rules" in summary(r)


def _tables(db):
    con = sqlite3.connect(db)
    out = {
        "articles": con.execute("SELECT rowid, article_id, version, content_hash, outlet, published, n_claims, current"
                                " FROM articles ORDER BY rowid").fetchall(),
        "claims": con.execute("SELECT * FROM claims ORDER BY rowid").fetchall(),
        "figures": con.execute("SELECT * FROM figures ORDER BY rowid").fetchall(),
    }
    con.close()
    return out


def test_bulk_loading_stores_what_adding_one_by_one_stores(tmp_path, seed_extraction):
    """add_many (one transaction per batch, executemany) leaves the same rows as add, article by
    article: the same claims, figures and representatives, versions for a changed text."""
    ex = seed_extraction
    by_article = {a.id: [c for c in ex.claims if c.article_id == a.id] for a in ex.articles}
    art = next(a for a in ex.articles if a.id == "000_a4e1b1a530825d43")
    changed = replace(art, text=art.text.replace("نحو 1140", "نحو 1200"))
    changed_claims = [replace(c, value=1200.0, surface="نحو 1200") if c.surface == "نحو 1140" else c
                      for c in by_article[art.id]]
    items = [(a, by_article[a.id]) for a in ex.articles] + [(art, by_article[art.id]), (changed, changed_claims)]
    one, many = tmp_path / "one.db", tmp_path / "many.db"
    with Archive(one) as store:
        singly = [store.add(a, claims, "builtin", "v") for a, claims in items]
    with Archive(many) as store:
        outcomes = store.add_many(items, "builtin", "v", batch=4)  # batches of 4: the changed text comes in a later one
        others = [(a, claims) for a, claims in items[: len(ex.articles)] if a.id != art.id]
        assert store.add_many(others, "builtin", "v") == {"unchanged": len(others)}
        keys = {(c.quantity, c.event, c.unit) for c in ex.claims}
        with Archive(one) as other:
            assert sorted(c.claim_id for c in store.candidates(keys)) == sorted(c.claim_id for c in other.candidates(keys))
    assert outcomes == {"added": len(ex.articles), "unchanged": 1, "new version": 1}
    assert singly.count("added") == len(ex.articles) and singly[-2:] == ["unchanged", "new version"]
    a, b = _tables(one), _tables(many)
    assert a["articles"] == b["articles"] and a["figures"] == b["figures"] and a["claims"] == b["claims"]
    assert [r[-1] for r in a["articles"]].count(0) == 1  # the first version of 000, superseded


def test_looking_only_for_the_new_claims_conflicts_finds_what_a_full_evaluation_finds(seed_extraction, lex, tmp_path):
    """check --archive asks the rules only for conflicts that can list a new claim (`focus`):
    they are those of a full evaluation that list one (ids aside: numbered within the report)."""
    from bench.generate import generate
    from discrepancy.pipeline import compare
    from discrepancy.rules import load_rules

    rules = load_rules(None, lex)
    generated = extract_claims([generate(150, tmp_path / "g.jsonl")], progress=False).claims
    for claims, new_articles in ((seed_extraction.claims, ["002_9b40395f0cbb0cbe#r1", "000_a4e1b1a530825d43"]),
                                 (generated, ["syn-000007", "syn-000100", "syn-000149"])):
        whole = compare(claims, lex, rules).conflict_list
        for article in new_articles:
            new = {c.claim_id for c in claims if c.article_id == article}
            full = [cf for cf in whole if any(c.claim_id in new for c in cf.claims)]
            focused = compare(claims, lex, rules, focus=new).conflict_list
            assert full, article
            assert [(cf.rule_id, cf.severity, cf.message, cf.claims) for cf in focused] == [
                (cf.rule_id, cf.severity, cf.message, cf.claims) for cf in full]
            if article.startswith("002"):
                assert sorted(c.surface for c in focused[0].claims) == sorted(["1208", "نحو 1140", "ما يزيد عن 1300"])


def _seeded(tmp_path):
    db = tmp_path / "news.db"
    _check("000_a4e1b1a530825d43", db)
    _check("001_59abe512c9b76ea7", db)
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return db


@pytest.mark.parametrize(("cut", "said"), [(4096, "its header counts 19: cut short"),
                                            (1000, "not a whole number of 4096-byte pages")])
def test_a_copy_cut_short_is_refused_even_without_reading_every_page(tmp_path, monkeypatch, cut, said):
    """The header's page count and page size against the file's size: no page is read for it."""
    import discrepancy.archive as archive

    db = _seeded(tmp_path)
    data = db.read_bytes()
    assert len(data) == 19 * 4096
    db.write_bytes(data[: len(data) - cut])
    monkeypatch.setattr(archive, "FULL_CHECK_BYTES", 0)  # as a big archive is opened
    with pytest.raises(ArchiveError, match=f"damaged.*{said}"):
        Archive(db)


def test_a_big_archive_is_opened_on_its_header_and_archive_check_reads_every_page(tmp_path, monkeypatch, capsys):
    """Past FULL_CHECK_BYTES, opening checks the header, size, schema and meta table only (reading
    every page costs about a second per 100 MB); `archive check` reads every page."""
    import discrepancy.archive as archive
    from discrepancy.cli import main

    db = _seeded(tmp_path)
    assert main(["archive", "check", "--archive", str(db)]) == 0
    assert "ok" in capsys.readouterr().err
    with db.open("r+b") as f:  # a page of claims in the middle, overwritten
        f.seek(4096 * 12)
        f.write(b"\xde\xad\xbe\xef" * 1024)
    with pytest.raises(ArchiveError, match="damaged"):
        Archive(db)
    monkeypatch.setattr(archive, "FULL_CHECK_BYTES", 0)  # the file now counts as big
    Archive(db).close()
    assert main(["archive", "check", "--archive", str(db)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "damaged" in err[0]


def test_a_figure_dated_to_a_month_is_not_archived_as_the_one_of_its_first_day():
    from discrepancy.archive import _signature

    ex = extract_claims([SEEDS / "000_a4e1b1a530825d43.txt"], manifest=MANIFEST, progress=False)
    day = replace(next(c for c in ex.claims if c.unit == "count"), as_of=date(2018, 9, 1), as_of_note="stated")
    month = replace(day, as_of_note="month: stated (until)")
    assert _signature(day) != _signature(month)
    assert _signature(day) == _signature(replace(day, as_of_note="publication date"))  # how it was dated is no matter
    assert len(json.loads(_signature(day))) == len(json.loads(_signature(month))) - 1  # a day's figure keeps its old signature


def test_a_new_undated_bulletin_out_of_order_with_an_archived_one(tmp_path):
    """The archive's check looks at the order of the new article against the archived ones
    sharing its running totals (`rules.out_of_order` with the new articles only)."""
    from tests.test_check import _BULLETIN_EARLIER, _BULLETIN_LATER

    for name, text in (("old", _BULLETIN_EARLIER), ("new", _BULLETIN_LATER)):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.txt").write_text(text, encoding="utf-8")
    check_with_archive([tmp_path / "old"], tmp_path / "a.db", progress=False)
    result = check_with_archive([tmp_path / "new"], tmp_path / "a.db", progress=False)
    assert any(cf.rule_id == "undated-disagreement" and sorted(c.surface for c in cf.claims) == ["14176", "764489"]
               for cf in result.conflict_list)


def test_a_new_figure_still_conflicts_with_archived_ones_found_by_walking_from_it(tmp_path, seed_extraction):
    """A check looks at the last pair rule of a group (undated-disagreement) only from the new
    figures (`rules._unordered_near`): the archived figures they disagree with are still found,
    with the archived figure the walk reaches through them (132 with 59, then 96 with both)."""
    db = tmp_path / "news.db"
    reports = {name: _check(name, db) for name in IN_DATE_ORDER}

    def undated(name):
        return [sorted(c.surface for c in cf.claims) for cf in reports[name].conflict_list
                if cf.rule_id == "undated-disagreement" and cf.group_id == "hostages_held/israeli/oct7_attack/count"]

    assert undated("004_45390325e43905a9") == [["132", "59"]]  # 59 new, 132 archived
    assert undated("002_9b40395f0cbb0cbe") == [["132", "59", "96"]]  # 96 new, undated: walked from it to both
