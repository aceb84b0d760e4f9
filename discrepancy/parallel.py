"""Work spread over processes (`--workers N`) or a Dask cluster (`--scheduler ADDRESS`).

Extraction is per article and claims of different quantities never meet,
so both partition cleanly (docs: README "Scale"):

- reading: one task per slice of the input files;
- profile detection and extraction: one task per batch of articles (a batch
  holds articles of one story-profile set, so a worker compiles each lexicon
  once and reuses it for every batch);
- on Dask, alignment and the group rules run per partition of claims by
  quantity (`align` moves a claim only between buckets of one quantity, and
  the rules look across groups only at claims of one quantity); the
  per-article rules (parts, percent shares) then run on the client with every
  group known.

Results are put back in input order, so the output is the same whatever the
number of workers, and the same as a local run.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from .models import Article, Claim, ClaimGroup, Conflict, InputProblem

BATCH = 64  # articles per task: big enough to hide the cost of a task, small enough to balance


def default_workers() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class SchedulerError(Exception):
    """The Dask scheduler cannot be reached, or dask is not installed."""


# --------------------------------------------------------------------------- runners
class Runner:
    """`map(fn, items)` in order, on this process, a process pool or a Dask cluster."""

    workers = 1

    def map(self, fn: Callable, items: Sequence, done: Callable[[int], None] | None = None) -> Iterator:
        for i, item in enumerate(items):
            yield fn(*item)
            if done:
                done(i)

    def close(self) -> None:
        pass

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class ProcessRunner(Runner):
    """A pool of worker processes. Forked where the platform allows, so the workers
    start with everything the parent already compiled (lexicons, rules)."""

    def __init__(self, workers: int):
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    @property
    def forks(self) -> bool:
        """Are the workers forked from this process (and so start with what it compiled)? A fork
        copies only the calling thread: a lock another thread holds at that moment (the page's
        server threads, a Dask client) stays held in the child, which may then hang; so only a
        single-threaded process forks, others start fresh workers."""
        return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            methods = multiprocessing.get_all_start_methods()
            method = "fork" if self.forks else "forkserver" if "forkserver" in methods else "spawn"
            ctx = multiprocessing.get_context(method)
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx)
        return self._pool

    def fresh(self) -> None:
        """Drop the pool: the next map forks workers that see what the parent loaded since."""
        self.close()

    def map(self, fn: Callable, items: Sequence, done: Callable[[int], None] | None = None) -> Iterator:
        if len(items) <= 1:
            yield from Runner.map(self, fn, items, done)
            return
        futures = [self._executor().submit(fn, *item) for item in items]
        for i, f in enumerate(futures):
            yield f.result()
            if done:
                done(i)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


class DaskRunner(Runner):
    """Tasks on a Dask distributed cluster (`distributed.Client(address)`)."""

    def __init__(self, address: str | Any):
        try:
            from distributed import Client
        except ImportError:
            raise SchedulerError("--scheduler needs dask: pip install 'discrepancy[scale]'") from None
        if isinstance(address, Client):
            self.client, self._own = address, False
        else:
            try:
                self.client, self._own = Client(address), True  # timeout: distributed.comm.timeouts.connect
            except (OSError, TimeoutError, ValueError) as e:
                raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {e}") from None
        self.workers = max(1, sum(self.client.nthreads().values()))

    def map(self, fn: Callable, items: Sequence, done: Callable[[int], None] | None = None) -> Iterator:
        if not items:
            return
        futures = self.client.map(_star, [fn] * len(items), list(items), pure=False)
        for i, f in enumerate(futures):
            yield f.result()
            if done:
                done(i)

    def close(self) -> None:
        if self._own:
            self.client.close()


def _star(fn: Callable, args: tuple) -> Any:
    return fn(*args)


def runner_size(workers: int | None) -> int:
    """How many processes `--workers` means (None or 0: every core)."""
    return default_workers() if not workers else workers


def runner(workers: int | None = None, scheduler: str | Any | None = None) -> Runner:
    if scheduler is not None:
        return DaskRunner(scheduler)
    n = runner_size(workers)
    return ProcessRunner(n) if n > 1 else Runner()


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector during a bulk run.

    Claims accumulate by the hundred thousand, and each collection walks all of
    them, which made time grow faster than the corpus; the objects here are
    freed by reference counting, so nothing piles up meanwhile.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Progress:
    """A tqdm bar on a terminal (or when asked) for runs of more than 50 articles."""

    def __init__(self, total: int, show: bool | None, desc: str):
        show = sys.stderr.isatty() if show is None else show
        self.bar = None
        if show and total > 50:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="article", file=sys.stderr, desc=desc)

    def update(self, n: int) -> None:
        if self.bar:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar:
            self.bar.close()


def batches(items: Sequence, size: int = BATCH) -> list[Sequence]:
    return [items[i : i + size] for i in range(0, len(items), size)]


# --------------------------------------------------------------------------- tasks (module level: picklable)
def detect_task(articles: Sequence[tuple[str, date | None]], rules: str | None) -> list[tuple[str, ...]]:
    """Each (text, publication day)'s story profiles."""
    from .lexicon import detect_profiles

    return [detect_profiles(text, rules, published) for text, published in articles]


def extract_task(articles: Sequence[Article], rules: str | None, profiles: tuple[str, ...], backend: str,
                 options: dict) -> tuple[list[Claim], list[InputProblem], list[str]]:
    """One batch's claims, and the articles that failed (a bug on one article never loses the
    others: a failing batch is annotated again one article at a time)."""
    from .backends.stanza import ModelsMissing
    from .extract import extract
    from .lexicon import load_lexicon

    lex = load_lexicon(rules, profiles)  # cached: compiled once per worker and profile set
    annotate = _annotator(backend, tuple(sorted(options.items())))
    claims: list[Claim] = []
    problems: list[InputProblem] = []
    failed: list[str] = []
    with gc_paused():
        try:
            docs = annotate(list(articles), lex)
        except ModelsMissing:
            raise  # the user's to fix, for every article: one line, exit 2
        except Exception:
            docs = []
            for a in articles:
                try:
                    docs += annotate([a], lex)
                except ModelsMissing:
                    raise
                except Exception as e:
                    problems.append(internal_error(a, e))
                    failed.append(a.id)
        for doc in docs:
            try:
                claims += extract(doc, lex)
            except Exception as e:
                problems.append(internal_error(doc.article, e))
                failed.append(doc.article.id)
    return claims, problems, failed


def internal_error(article: Article, e: Exception) -> InputProblem:
    """An article the tool failed on, reported like a bad input."""
    where = article.source or article.id
    if "#" in article.id:
        where += f" ({article.id})"
    return InputProblem(where, f"internal error while reading ({type(e).__name__}: {str(e)[:200]}); please report it")


@lru_cache(maxsize=4)
def _annotator(backend: str, options: tuple) -> Callable:
    from functools import partial

    from .backends import get_backend

    annotate = get_backend(backend, **dict(options))
    # the builtin doc's tokens are never read by extraction: do not build them
    return partial(annotate, tokens=False) if backend == "builtin" else annotate


@lru_cache(maxsize=4)
def _rule_set(rules: str | None):
    from .pipeline import full_lexicon
    from .rules import load_rules

    lex = full_lexicon(rules)
    return lex, load_rules(rules, lex)


def compare_task(claims: Sequence[Claim], rules: str | None,
                 unordered: Mapping[tuple[str, str], str] | None = None,
                 sites: dict[tuple[str, str], str] | None = None) -> tuple[list[ClaimGroup], list[Conflict]]:
    """Alignment and the group rules on claims whose keys no other partition holds
    (`unordered`: what `rules.growth_ruled_out` found among every claim; `sites`: the events'
    sites, `align.event_sites` of every claim)."""
    from .align import align
    from .rules import SELECTORS, evaluate

    lex, rule_set = _rule_set(rules)
    with gc_paused():
        groups = align(claims, lex, sites)
        group_rules = [r for r in rule_set if SELECTORS[r.compare][0] == "group"]
        return groups, evaluate(groups, [], group_rules, lex, unordered=unordered or {})


# --------------------------------------------------------------------------- distributed compare
def partition_key(c: Claim) -> str:
    """Claims of different partition keys never meet: `align` moves a claim only
    between buckets of one quantity, and the rules look across groups only at
    claims of one quantity (a sentence's breakdown by place)."""
    return c.quantity


def compare_partitioned(claims: Sequence[Claim], rules: str | None, run: Runner, partitions: int | None = None):
    """Claims → (claims with intervals, groups, conflicts) as `pipeline.compare` gives them,
    the alignment and group rules run per partition of claim keys. The one look across
    keys, what two articles' other running totals say of their figures (`rules.growth_ruled_out`),
    is taken first on every claim; each partition gets the pairs of its own claims."""
    from .align import event_sites
    from .rules import (
        SELECTORS,
        SEVERITIES,
        evaluate,
        growth_ruled_out,
        order_and_number,
        with_intervals,
    )

    lex, rule_set = _rule_set(rules)
    claims = with_intervals(claims, lex)
    unordered = growth_ruled_out(claims, lex)
    sites = event_sites(claims, lex)  # an event's site is read from all its figures, whatever their quantity
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        by_key[partition_key(c)].append(i)
    n = max(1, min(len(by_key), partitions or 4 * run.workers))
    parts: list[list[int]] = [[] for _ in range(n)]
    for key in sorted(by_key, key=lambda k: (-len(by_key[k]), k)):  # biggest keys first, to the lightest partition
        lightest = min(range(n), key=lambda j: len(parts[j]))
        parts[lightest] += by_key[key]
    # each partition keeps the claims in input order, as `align` would see them in a local run
    tasks = []
    for p in parts:
        if p:
            mine = {claims[i].claim_id for i in p}
            tasks.append(([claims[i] for i in sorted(p)], rules, {x: why for x, why in unordered.items() if x[0] in mine}, sites))
    groups: list[ClaimGroup] = []
    group_conflicts: list[Conflict] = []
    for gs, cfs in run.map(compare_task, tasks):
        groups += gs
        group_conflicts += cfs
    # the order of a local run: groups by bucket key, then cluster; conflicts as `rules.evaluate` orders them
    groups.sort(key=lambda g: (g.quantity, g.population, g.event, g.place, g.unit, g.modality == "proposal"))
    rank = {g.group_id: i for i, g in enumerate(groups)}
    by_rule: dict[str, list[Conflict]] = defaultdict(list)
    for cf in sorted(group_conflicts, key=lambda cf: rank[cf.group_id]):
        by_rule[cf.rule_id].append(cf)
    article_rules = [r for r in rule_set if SELECTORS[r.compare][0] == "article"]
    for cf in evaluate(groups, claims, article_rules, lex):
        by_rule[cf.rule_id].append(cf)
    conflicts = [cf for r in sorted(rule_set, key=lambda r: SEVERITIES.index(r.severity)) for cf in by_rule.pop(r.id, [])]
    return claims, groups, order_and_number(conflicts)


def flatten(chunks: Iterable[list]) -> list:
    out: list = []
    for chunk in chunks:
        out += chunk
    return out


def as_str(p: str | Path | None) -> str | None:
    return None if p is None else str(p)
