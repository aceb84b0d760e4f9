"""The whole story in one screen: paths → articles → docs → claims → groups → conflicts.

Each step is one module with one public function (ARCHITECTURE.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import pandas as pd

from .align import align
from .extract.dating import date_by_shared_figures
from .extract.event_place import spread_in_one_region
from .ingest import read_articles
from .lexicon import Lexicon, before_story, detection_matchers, load_lexicon, profile_names
from .models import Article, Claim, ClaimGroup, Conflict, InputProblem
from .rules import evaluate, load_rules, order_and_number, with_intervals


@dataclass
class Extraction:
    """What `extract_claims()` read: the claims as objects, and as a DataFrame in `table`."""

    articles: list[Article]
    claims: list[Claim]
    problems: list[InputProblem] = field(default_factory=list)
    backend: str = "builtin"
    profiles: dict[str, int] = field(default_factory=dict)  # story profile -> articles it applied to

    @cached_property
    def table(self) -> pd.DataFrame:
        """The claims with the SPEC §3 columns, values numeric (plus value_date for date claims)."""
        from .report import claims_frame, numeric

        return numeric(claims_frame(self.claims))


def extract_claims(
    paths: Sequence[str | Path],
    manifest: str | Path | None = None,
    rules: str | Path | None = None,
    backend: str = "builtin",
    progress: bool | None = None,
    profile: str | None = None,
    workers: int | None = 1,
    scheduler: str | None = None,
    fetcher=None,
    **backend_options,
) -> Extraction:
    """Read `paths` and return every claim in them (SPEC §3).

    Each article is read with the generic core plus the story profiles that
    apply to it: `profile` when named ("none": no profile), else those whose
    cues the article names (rules/profiles/*.yaml `detect`).

    `workers`: processes for reading and extraction (None: every core);
    `scheduler`: the address of a Dask scheduler (or a `distributed.Client`)
    to extract on instead. The claims are the same, in the same order, however
    the work is spread (discrepancy/parallel.py).

    Links among `paths` (`https://...`) are fetched here with `fetcher`
    (discrepancy/fetch.py; default: one with the user's cache folder).
    `progress` may also be a function called with (articles done, articles).
    """
    from . import parallel

    rules_arg = parallel.as_str(rules)
    if backend != "builtin" and scheduler is None:
        workers = 1  # a neural backend is one model per process, and uses the cores itself
    with parallel.runner(workers, scheduler) as run:
        return _extract(run, [str(p) for p in paths], parallel.as_str(manifest), rules_arg, backend, progress,
                        profile, backend_options, fetcher)


def _extract(run, paths: list[str], manifest: str | None, rules: str | None, backend: str, progress: bool | None,
             profile: str | None, backend_options: dict, fetcher=None) -> Extraction:
    from . import parallel
    from .fetch import is_link

    forks = isinstance(run, parallel.ProcessRunner) and run.forks  # workers forked from this process
    links = [p for p in paths if is_link(p)]
    paths = [p for p in paths if not is_link(p)]

    # reading, here: ids that tell files of the same name apart and the manifest rows that match
    # no input are decided over all the inputs at once (a slice per worker would see only its own)
    with parallel.gc_paused():
        articles, problems = read_articles(paths, manifest)
    if links:  # fetched here, a few at once (discrepancy/fetch.py), after the files
        from .fetch import Fetcher

        arts, probs = (fetcher or Fetcher()).read(links, taken={a.id.partition("#")[0] for a in articles})
        articles, problems = articles + arts, problems + probs
    # story profiles: each article's own, then those most of the run's articles name
    if profile == "none":
        own = [()] * len(articles)
    elif profile:
        own = [(profile,)] * len(articles)
    else:
        chunks = [([(a.text, a.published) for a in chunk], rules) for chunk in parallel.batches(articles, 4 * parallel.BATCH)]
        if forks and len(chunks) > 1:
            detection_matchers(rules).compile()  # built here, once, not in each worker
        own = parallel.flatten(run.map(parallel.detect_task, chunks))
    run_wide = _run_profiles(own)
    applied: dict[str, int] = {}
    by_profiles: dict[tuple[str, ...], list[Article]] = {}
    for a, mine in zip(articles, own, strict=True):
        names = tuple(sorted(set(mine) | {n for n in run_wide if not before_story(n, a.published, rules)}))
        for n in names:
            applied[n] = applied.get(n, 0) + 1
        by_profiles.setdefault(names, []).append(a)
    # extraction: batches of one profile set each, compiled once here (forked workers inherit it)
    tasks = []
    for names, group in by_profiles.items():
        lex = load_lexicon(rules, names)
        if forks:
            lex.compile()  # the workers forked below start with its matchers built
        tasks += [(batch, rules, names, backend, backend_options) for batch in parallel.batches(group)]
    if forks:
        run.fresh()
    bar = _Told(progress, len(articles)) if callable(progress) else parallel.Progress(len(articles), progress, "reading")
    claims: list[Claim] = []
    failed: set[str] = set()
    with parallel.gc_paused():
        for k, (found, probs, lost) in enumerate(run.map(parallel.extract_task, tasks)):
            claims += found
            problems += probs  # an article the tool failed on: reported, the others go on
            failed.update(lost)
            bar.update(len(tasks[k][0]))
    bar.close()
    if failed:
        articles = [a for a in articles if a.id not in failed]
    order = {a.id: i for i, a in enumerate(articles)}
    claims.sort(key=lambda c: (order.get(c.article_id, 0), c.char_start))
    # a spreading event's figures given for its country, when the run's show its whole toll in one
    # province, and an undated article's figures dated by another article of the run (they need all of them)
    claims = spread_in_one_region(claims, full_lexicon(rules))
    claims = date_by_shared_figures(claims)
    return Extraction(articles, claims, problems, backend, applied)


class _Told:
    """Progress told to a function (the page of `discrepancy serve`) instead of a bar."""

    def __init__(self, tell, total: int):
        self.tell, self.total, self.done = tell, total, 0

    def update(self, n: int) -> None:
        self.done += n
        self.tell(self.done, self.total)

    def close(self) -> None:
        pass


def _run_profiles(per_article: list[tuple[str, ...]]) -> set[str]:
    """Profiles detected in at least half of the articles of a run."""
    counts: dict[str, int] = {}
    for names in per_article:
        for n in names:
            counts[n] = counts.get(n, 0) + 1
    return {n for n, k in counts.items() if 2 * k >= len(per_article)}


@dataclass
class Result:
    """What `check()` found. `claims`, `groups`, `conflicts` are DataFrames (SPEC §7);
    the `*_list` fields hold the same as model objects."""

    articles: list[Article]
    claim_list: list[Claim]
    group_list: list[ClaimGroup]
    conflict_list: list[Conflict]
    problems: list[InputProblem] = field(default_factory=list)
    backend: str = "builtin"
    archived: list[str] = field(default_factory=list)  # article ids added to the archive by this run
    profiles: dict[str, int] = field(default_factory=dict)  # story profile -> articles it applied to
    notes: list[str] = field(default_factory=list)  # what the run summary must also say

    @cached_property
    def claims(self) -> pd.DataFrame:
        from .report import claims_frame, numeric

        return numeric(claims_frame(self.claim_list))

    @cached_property
    def groups(self) -> pd.DataFrame:
        from .report import groups_frame

        return groups_frame(self.group_list, self.conflict_list)

    @cached_property
    def conflicts(self) -> pd.DataFrame:
        from .report import conflicts_frame, numeric

        return numeric(conflicts_frame(self.conflict_list))

    @cached_property
    def skipped(self) -> pd.DataFrame:
        """Inputs that could not be read, with why (path, reason)."""
        from .report import problems_frame

        return problems_frame(self.problems)

    # -- helpers a fact-checker reaches for in a notebook
    def group(self, group_id: str) -> ClaimGroup:
        for g in self.group_list:
            if g.group_id == group_id:
                return g
        raise KeyError(f"no group {group_id!r}; see result.groups.group_id")

    def group_claims(self, group_id: str) -> pd.DataFrame:
        ids = {c.claim_id for c in self.group(group_id).claims}
        return self.claims[self.claims["claim_id"].isin(ids)]

    def article_conflicts(self, article_id: str) -> pd.DataFrame:
        """Conflicts that involve a claim of this article (all their rows)."""
        df = self.conflicts
        ids = set(df.loc[df["article_id"] == article_id, "conflict_id"])
        return df[df["conflict_id"].isin(ids)]

    def filter(self, quantity: str | None = None, severity: str | None = None, rule: str | None = None) -> pd.DataFrame:
        df = self.conflicts
        for col, want in (("quantity", quantity), ("severity", severity), ("rule_id", rule)):
            if want is not None:
                df = df[df[col] == want]
        return df

    def conflict(self, conflict_id: str) -> Conflict:
        """One conflict; in Jupyter it renders with its evidence highlighted."""
        for cf in self.conflict_list:
            if cf.conflict_id == conflict_id:
                return cf
        raise KeyError(f"no conflict {conflict_id!r}; see result.conflicts.conflict_id")

    def plot(self, group_id: str, ax=None):
        """The group's figures over as_of, one marker per outlet, intervals, conflicts ringed."""
        from .plot import plot_group

        g = self.group(group_id)
        return plot_group(g, [cf for cf in self.conflict_list if cf.group_id == group_id], ax=ax)

    def to_html(self, title: str = "discrepancy report") -> str:
        from .html import report

        return report(self, title)

    def _repr_html_(self) -> str:
        from .html import result_summary_html

        return result_summary_html(self)


def check(
    paths: Sequence[str | Path],
    manifest: str | Path | None = None,
    rules: str | Path | None = None,
    backend: str = "builtin",
    progress: bool | None = None,
    profile: str | None = None,
    workers: int | None = 1,
    scheduler: str | None = None,
    fetcher=None,
    **backend_options,
) -> Result:
    """Read, extract, align and apply the conflict rules (SPEC §4-§6).

    `workers` and `scheduler` as in `extract_claims`; with a scheduler or
    several workers (builtin backend), alignment and rules run there too, per
    partition of claim keys (discrepancy/parallel.py `compare_partitioned`).
    """
    from . import parallel

    lex = full_lexicon(rules)
    rule_set = load_rules(rules, lex)  # refuse a malformed rule before the long part
    local = scheduler is None and (backend != "builtin" or parallel.runner_size(workers) == 1)
    if local:
        ex = extract_claims(paths, manifest, rules, backend, progress, profile, workers, fetcher=fetcher, **backend_options)
        result = compare(ex.claims, lex, rule_set, articles=ex.articles, problems=ex.problems, backend=backend)
    else:  # the workers that extracted then align and apply the rules, per partition of claim keys
        with parallel.runner(workers, scheduler) as run:
            ex = _extract(run, [str(p) for p in paths], parallel.as_str(manifest), parallel.as_str(rules), backend,
                          progress, profile, backend_options, fetcher)
            claims, groups, conflicts = parallel.compare_partitioned(ex.claims, parallel.as_str(rules), run)
        result = Result(ex.articles, claims, groups, conflicts, ex.problems, backend)
    result.profiles = ex.profiles
    return result


def full_lexicon(rules: str | Path | None = None) -> Lexicon:
    """The core with every profile: what alignment and rules need to know of any claim's keys."""
    return load_lexicon(rules, tuple(profile_names(rules)))


def check_with_archive(
    paths: Sequence[str | Path],
    archive: str | Path,
    manifest: str | Path | None = None,
    rules: str | Path | None = None,
    backend: str = "builtin",
    include_old: bool = False,
    every_claim: bool = False,
    progress: bool | None = None,
    profile: str | None = None,
    workers: int | None = 1,
    scheduler: str | None = None,
    fetcher=None,
    **backend_options,
) -> Result:
    """Check new articles against everything archived, then archive them (SPEC §1.3).

    Reports conflicts that involve at least one new claim (all conflicts among
    the candidate groups with `include_old`). An article already archived with
    the same text brings no new claim; a changed one replaces its old version.
    Archived figures are compared once each, however many articles repeat
    them; a conflict lists one archived claim per figure and says how many
    more state it, or every one of them with `every_claim`.
    """
    from . import parallel
    from .archive import Archive

    lex = full_lexicon(rules)
    rule_set = load_rules(rules, lex)
    ex = extract_claims(paths, manifest, rules, backend, progress, profile, workers, scheduler, fetcher=fetcher,
                        **backend_options)
    with Archive(archive) as store:
        other_rules = store.read_with_other_rules(lex.version)
        fresh = {a.id for a in ex.articles if store.status(a) != "unchanged"}
        new_claims = [c for c in ex.claims if c.article_id in fresh]
        new_ids = {c.claim_id for c in new_claims}
        with parallel.gc_paused():  # tens of thousands of candidate claims: no collection walks them meanwhile
            if include_old:
                old = [c for c in store.claims() if c.article_id not in fresh]
            else:
                old = store.candidates({(c.quantity, c.event, c.unit) for c in new_claims}, exclude_articles=fresh)
            result = compare(old + new_claims, lex, rule_set, articles=ex.articles, problems=ex.problems,
                             backend=backend, focus=None if include_old else new_ids)
        if not include_old:
            kept = [cf for cf in result.conflict_list if any(c.claim_id in new_ids for c in cf.claims)]
            result.conflict_list = [_archived_figures(cf, store, new_ids, fresh, every_claim) for cf in order_and_number(kept)]
        store.add_all(ex.articles, new_claims, backend, lex.version, only=fresh)
    result.archived = sorted(fresh)
    result.profiles = ex.profiles
    if other_rules:
        result.notes.append(
            f"{other_rules} archived articles were read with other rules (rules/ changed since): their intervals "
            "are recomputed from today's settings.yaml, their keys and sources are as read then")
    return result


def _archived_figures(cf: Conflict, store, new_ids: set[str], fresh: set[str], every_claim: bool) -> Conflict:
    if every_claim:
        claims = tuple(x for c in cf.claims for x in ([c] if c.claim_id in new_ids else store.expand(c, fresh)))
        return replace(cf, claims=claims)
    more = sum(store.repeats.get(c.claim_id, 1) - 1 for c in cf.claims if c.claim_id not in new_ids)
    if more:
        return replace(cf, message=f"{cf.message} (archive: {more} more archived claims repeat these figures)")
    return cf


def compare(claims: list[Claim], lex: Lexicon, rule_set, articles=(), problems=(), backend="builtin",
            focus: set[str] | None = None) -> Result:
    """Claims → groups → conflicts; also used by the archive on old + new claims
    (`focus`: the new claims' ids, only conflicts that can list one are looked for).
    Intervals come from today's rules/settings.yaml, whatever was stored (SPEC §5)."""
    claims = with_intervals(claims, lex)
    groups = align(claims, lex)
    conflicts = evaluate(groups, claims, rule_set, lex, focus=focus)
    return Result(list(articles), list(claims), groups, conflicts, list(problems), backend)
