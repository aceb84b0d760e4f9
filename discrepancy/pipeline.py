"""The whole story in one screen: paths → articles → docs → claims → groups → conflicts.

Each step is one module with one public function (ARCHITECTURE.md).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import pandas as pd

from .align import align
from .backends import get_backend
from .backends.stanza import ModelsMissing
from .extract import extract
from .ingest import read_articles
from .lexicon import Lexicon, load_lexicon
from .models import Article, Claim, ClaimGroup, Conflict, InputProblem
from .rules import evaluate, load_rules


@dataclass
class Extraction:
    """What `extract_claims()` read: the claims as objects, and as a DataFrame in `table`."""

    articles: list[Article]
    claims: list[Claim]
    problems: list[InputProblem] = field(default_factory=list)
    backend: str = "builtin"

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
    **backend_options,
) -> Extraction:
    """Read `paths` and return every claim in them (SPEC §3)."""
    lex = load_lexicon(rules)
    articles, problems = read_articles([str(p) for p in paths], manifest)
    annotate = get_backend(backend, **backend_options)
    claims: list[Claim] = []
    failed: set[str] = set()
    with _gc_paused():
        for doc in _docs(annotate, articles, lex, progress, problems, failed):
            try:
                claims += extract(doc, lex)
            except Exception as e:  # a bug on one article must not lose the others
                problems.append(_internal(doc.article, e))
                failed.add(doc.article.id)
    if failed:
        articles = [a for a in articles if a.id not in failed]
    return Extraction(articles, claims, problems, backend)


def _internal(article: Article, e: Exception) -> InputProblem:
    where = article.source or article.id
    if "#" in article.id:
        where += f" ({article.id})"
    return InputProblem(where, f"internal error while reading ({type(e).__name__}: {str(e)[:200]}); please report it")


@contextmanager
def _gc_paused():
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
    **backend_options,
) -> Result:
    """Read, extract, align and apply the conflict rules (SPEC §4-§6)."""
    lex = load_lexicon(rules)
    rule_set = load_rules(rules, lex)  # refuse a malformed rule before the long part
    ex = extract_claims(paths, manifest, rules, backend, progress, **backend_options)
    return compare(ex.claims, lex, rule_set, articles=ex.articles, problems=ex.problems, backend=backend)


def check_with_archive(
    paths: Sequence[str | Path],
    archive: str | Path,
    manifest: str | Path | None = None,
    rules: str | Path | None = None,
    backend: str = "builtin",
    include_old: bool = False,
    every_claim: bool = False,
    progress: bool | None = None,
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
    from .archive import Archive

    lex = load_lexicon(rules)
    rule_set = load_rules(rules, lex)
    ex = extract_claims(paths, manifest, rules, backend, progress, **backend_options)
    with Archive(archive) as store:
        fresh = {a.id for a in ex.articles if store.status(a) != "unchanged"}
        new_claims = [c for c in ex.claims if c.article_id in fresh]
        if include_old:
            old = [c for c in store.claims() if c.article_id not in fresh]
        else:
            old = store.candidates({(c.quantity, c.event, c.unit) for c in new_claims}, exclude_articles=fresh)
        result = compare(old + new_claims, lex, rule_set, articles=ex.articles, problems=ex.problems, backend=backend)
        if not include_old:
            new_ids = {c.claim_id for c in new_claims}
            kept = [cf for cf in result.conflict_list if any(c.claim_id in new_ids for c in cf.claims)]
            result.conflict_list = [_archived_figures(cf, store, new_ids, fresh, every_claim) for cf in kept]
        store.add_all(ex.articles, new_claims, backend, lex.version, only=fresh)
    result.archived = sorted(fresh)
    return result


def _archived_figures(cf: Conflict, store, new_ids: set[str], fresh: set[str], every_claim: bool) -> Conflict:
    if every_claim:
        claims = tuple(x for c in cf.claims for x in ([c] if c.claim_id in new_ids else store.expand(c, fresh)))
        return replace(cf, claims=claims)
    more = sum(store.repeats.get(c.claim_id, 1) - 1 for c in cf.claims if c.claim_id not in new_ids)
    if more:
        return replace(cf, message=f"{cf.message} (archive: {more} more archived claims repeat these figures)")
    return cf


def compare(claims: list[Claim], lex: Lexicon, rule_set, articles=(), problems=(), backend="builtin") -> Result:
    """Claims → groups → conflicts; also used by the archive on old + new claims."""
    groups = align(claims, lex)
    conflicts = evaluate(groups, claims, rule_set, lex)
    return Result(list(articles), list(claims), groups, conflicts, list(problems), backend)


def _docs(annotate, articles: list[Article], lex: Lexicon, progress: bool | None, problems: list[InputProblem],
          failed: set[str]):
    """Annotated docs in batches, with a progress bar on a terminal for long runs.

    When a batch fails, its articles are annotated one by one so that only the
    one that fails is lost (reported in `problems`, its id added to `failed`).
    """
    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show and len(articles) > 50:
        from tqdm import tqdm

        bar = tqdm(total=len(articles), unit="article", file=sys.stderr, desc="reading")
    batch = 64
    for i in range(0, len(articles), batch):
        chunk = articles[i : i + batch]
        try:
            docs = annotate(chunk, lex)
        except ModelsMissing:
            raise  # the user's to fix, for every article: one line, exit 2
        except Exception:
            docs = []
            for a in chunk:
                try:
                    docs += annotate([a], lex)
                except ModelsMissing:
                    raise
                except Exception as e:
                    problems.append(_internal(a, e))
                    failed.add(a.id)
        yield from docs
        if bar:
            bar.update(len(chunk))
    if bar:
        bar.close()

