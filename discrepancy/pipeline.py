"""The whole story in one screen: paths → articles → docs → claims → groups → conflicts.

Each step is one module with one public function (ARCHITECTURE.md).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from .align import align
from .backends import get_backend
from .extract import extract
from .ingest import read_articles
from .lexicon import Lexicon, load_lexicon
from .models import Article, Claim, ClaimGroup, Conflict, InputProblem
from .rules import evaluate, load_rules


@dataclass
class Extraction:
    articles: list[Article]
    claims: list[Claim]
    problems: list[InputProblem] = field(default_factory=list)
    backend: str = "builtin"


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
    with _gc_paused():
        for doc in _docs(annotate, articles, lex, progress):
            claims += extract(doc, lex)
    return Extraction(articles, claims, problems, backend)


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

    @cached_property
    def claims(self) -> pd.DataFrame:
        from .report import claims_frame

        return claims_frame(self.claim_list)

    @cached_property
    def groups(self) -> pd.DataFrame:
        from .report import groups_frame

        return groups_frame(self.group_list, self.conflict_list)

    @cached_property
    def conflicts(self) -> pd.DataFrame:
        from .report import conflicts_frame

        return conflicts_frame(self.conflict_list)


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


def compare(claims: list[Claim], lex: Lexicon, rule_set, articles=(), problems=(), backend="builtin") -> Result:
    """Claims → groups → conflicts; also used by the archive on old + new claims."""
    groups = align(claims, lex)
    conflicts = evaluate(groups, claims, rule_set, lex)
    return Result(list(articles), list(claims), groups, conflicts, list(problems), backend)


def _docs(annotate, articles: list[Article], lex: Lexicon, progress: bool | None):
    """Annotated docs in batches, with a progress bar on a terminal for long runs."""
    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show and len(articles) > 50:
        from tqdm import tqdm

        bar = tqdm(total=len(articles), unit="article", file=sys.stderr, desc="reading")
    batch = 64
    for i in range(0, len(articles), batch):
        chunk = articles[i : i + batch]
        yield from annotate(chunk, lex)
        if bar:
            bar.update(len(chunk))
    if bar:
        bar.close()

