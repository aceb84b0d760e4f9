"""NLP backends: an Article in, an `AnnotatedDoc` out, the same shape from each.

`builtin` needs no model. `stanza` (optional extra) adds a dependency tree and
named entities; extraction uses them where present and falls back to the
lexicon where not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Article
from ..normalize import Normalized, normalize

BACKENDS = ("builtin", "stanza")


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # exactly article.text[start:end]
    start: int
    end: int
    norm: str  # normalized, folded form (PADT-style restored forms for Stanza words)
    lemma: str = ""
    upos: str = ""
    head: int | None = None  # index into AnnotatedDoc.tokens, None for the root / no parse
    deprel: str = ""
    ner: str = ""  # BIOES tag from Stanza, "" from builtin


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int  # original offsets
    end: int
    first_token: int
    last_token: int  # exclusive


@dataclass(frozen=True)
class AnnotatedDoc:
    article: Article
    normalized: Normalized
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    backend: str = "builtin"
    entities: tuple[tuple[int, int, str], ...] = field(default=())  # (start, end, label), original offsets
    has_tree: bool = False  # tokens carry heads and relations (Stanza)


def make_doc(article: Article, tokens: list[Token], sentences: list[Sentence], backend: str, entities=()) -> AnnotatedDoc:
    has_tree = any(t.head is not None for t in tokens)
    return AnnotatedDoc(article, normalize(article.text), tuple(tokens), tuple(sentences), backend, tuple(entities), has_tree)


def get_backend(name: str, **options):
    """The `annotate(articles) -> list[AnnotatedDoc]` function of a backend."""
    if name == "builtin":
        from .builtin import annotate

        return annotate
    if name == "stanza":
        from .stanza import make_annotator

        return make_annotator(**options)
    raise ValueError(f"unknown backend {name!r}; choose one of: {', '.join(BACKENDS)}")
