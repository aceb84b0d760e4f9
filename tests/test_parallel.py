"""The same output on every core, on a Dask cluster, and in Parquet (discrepancy/parallel.py)."""

from __future__ import annotations

import pytest
from conftest import SEEDS

from bench.generate import generate
from discrepancy.cli import main
from discrepancy.parallel import Runner, compare_partitioned
from discrepancy.pipeline import check
from discrepancy.report import claims_frame, conflicts_frame, groups_frame, to_csv

MANIFEST = SEEDS / "manifest.csv"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A generated corpus: one story told by many outlets, related stories, page furniture."""
    return generate(300, tmp_path_factory.mktemp("corpus") / "corpus.jsonl")


def _tables(result) -> tuple[str, str, str]:
    return (to_csv(claims_frame(result.claim_list)), to_csv(conflicts_frame(result.conflict_list)),
            to_csv(groups_frame(result.group_list, result.conflict_list)))


@pytest.fixture(scope="module")
def local(corpus):
    return {
        "seeds": check([SEEDS], manifest=MANIFEST, progress=False, workers=1),
        "corpus": check([corpus], progress=False, workers=1),
    }


def test_seeds_on_two_workers_same_as_one(local):
    two = check([SEEDS], manifest=MANIFEST, progress=False, workers=2)
    assert _tables(two) == _tables(local["seeds"])
    assert two.profiles == local["seeds"].profiles
    # the Israeli toll of 7 October is still one conflict, whatever the workers
    fixed = [cf for cf in two.conflict_list if cf.rule_id == "fixed-disagreement"]
    assert any({round(c.value) for c in cf.claims} >= {1140, 1208, 1300} for cf in fixed)


def test_a_threaded_process_starts_fresh_workers_with_the_same_output(local):
    """A process with other threads (the page's server, a Dask client) does not fork its workers:
    a lock another thread held would stay held in the child. They start fresh, same output."""
    import threading

    from discrepancy.parallel import ProcessRunner

    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert not ProcessRunner(2).forks
        two = check([SEEDS], manifest=MANIFEST, progress=False, workers=2)
    finally:
        stop.set()
        other.join()
    assert _tables(two) == _tables(local["seeds"])


def test_generated_corpus_on_two_workers_same_as_one(local, corpus):
    one = local["corpus"]
    assert len(one.articles) > 300  # related stories are articles of their own
    assert len(one.claim_list) > 1000 and one.conflict_list
    assert _tables(check([corpus], progress=False, workers=2)) == _tables(one)


def test_folder_of_files_same_as_one_process(local, tmp_path):
    """Order, ids and skipped files as in one process."""
    (tmp_path / "empty.txt").write_text("")
    for f in sorted(SEEDS.glob("*.txt")):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    one = check([tmp_path], progress=False, workers=1)
    two = check([tmp_path], progress=False, workers=2)
    assert [a.id for a in two.articles] == [a.id for a in one.articles]
    assert [p.path for p in two.problems] == [p.path for p in one.problems] == [str(tmp_path / "empty.txt")]
    assert _tables(two) == _tables(one)


def test_manifest_and_same_names_are_decided_over_all_inputs(tmp_path):
    """Two files of one name in two folders keep distinct ids, and a manifest row matching an
    input is no warning, however many workers read (the README's first command: no warnings)."""
    for sub in ("o1", "o2"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "article.txt").write_text("قتل 12 مدنيا في قصف على المدينة.\n", encoding="utf-8")
    two = check([tmp_path], progress=False, workers=2)
    assert sorted(a.id for a in two.articles) == ["o1/article", "o2/article"]
    seeds = check([SEEDS], manifest=SEEDS / "manifest.csv", progress=False, workers=2)
    assert not [p for p in seeds.problems if p.kind == "warning"]


def test_alignment_partitioned_by_claim_key_same_as_whole(local):
    """Claims of different keys never meet: partitions of keys give the same groups and conflicts."""
    whole = local["corpus"]
    claims, groups, conflicts = compare_partitioned(whole.claim_list, None, Runner(), partitions=7)
    assert claims == whole.claim_list
    assert [g.group_id for g in groups] == [g.group_id for g in whole.group_list]
    assert [(cf.conflict_id, cf.message) for cf in conflicts] == [(cf.conflict_id, cf.message) for cf in whole.conflict_list]


def test_dask_local_cluster_same_as_local_run(local, corpus):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        assert cluster.scheduler_address.startswith(("tcp://127.0.0.1", "inproc://"))
        for name, paths, manifest in (("seeds", [SEEDS], MANIFEST), ("corpus", [corpus], None)):
            remote = check(paths, manifest=manifest, progress=False, scheduler=client)
            assert _tables(remote) == _tables(local[name]), name


def test_claims_as_parquet(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    out = tmp_path / "claims.parquet"
    assert main(["claims", str(SEEDS), "--manifest", str(MANIFEST), "--format", "parquet", "-o", str(out), "-q",
                 "--workers", "2"]) == 0
    df = pd.read_parquet(out)
    row = df[df["surface"] == "نحو 1140"].iloc[0]
    assert row["value"] == 1140 and row["hedge"] == "approx" and row["quantity"] == "killed"
    assert str(row["published"].date()) == "2024-01-19"  # seed 000, from the manifest
    assert (df["unit"] == "date").any() and df.loc[df["unit"] == "date", "value_date"].notna().all()


def test_parquet_needs_a_file(capsys):
    assert main(["claims", str(SEEDS), "--format", "parquet"]) == 2
    assert "-o FILE.parquet" in capsys.readouterr().err


def test_unreachable_scheduler_is_one_line(capsys):
    dask = pytest.importorskip("dask")
    pytest.importorskip("distributed")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        assert main(["check", str(SEEDS / "000_a4e1b1a530825d43.txt"), "--scheduler", "tcp://127.0.0.1:9", "-q"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("discrepancy: error: cannot reach the Dask scheduler") and "\n" not in err
