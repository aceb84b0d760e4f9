"""The whole story in one screen: paths → articles → docs → claims → groups → conflicts.

Each step is one module with one public function (ARCHITECTURE.md).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .backends import get_backend
from .extract import extract
from .ingest import read_articles
from .lexicon import Lexicon, load_lexicon
from .models import Article, Claim, InputProblem

Progress = Callable[[Iterable], Iterable]


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
    for doc in _docs(annotate, articles, lex, progress):
        claims += extract(doc, lex)
    return Extraction(articles, claims, problems, backend)


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

