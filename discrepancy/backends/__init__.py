"""NLP backends: an Article in, a spaCy `Doc` out (seen through `AnnotatedDoc`), the same shape from each.

`builtin` needs no model. `stanza` (optional extra) adds a dependency tree and
named entities; extraction uses them where present and falls back to the
lexicon where not. `doc.py` says what the Doc holds.
"""

from __future__ import annotations

from .doc import AnnotatedDoc, Sentence, Token, build_doc

__all__ = ["BACKENDS", "AnnotatedDoc", "Sentence", "Token", "build_doc", "get_backend"]

BACKENDS = ("builtin", "stanza")


def get_backend(name: str, **options):
    """The `annotate(articles) -> list[AnnotatedDoc]` function of a backend (`.doc` is the spaCy Doc)."""
    if name == "builtin":
        from .builtin import annotate

        return annotate
    if name == "stanza":
        from .stanza import make_annotator

        return make_annotator(**options)
    raise ValueError(f"unknown backend {name!r}; choose one of: {', '.join(BACKENDS)}")
