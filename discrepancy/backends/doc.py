"""The document between backends and extraction: a spaCy `Doc`, and a view of it.

Both backends build a `spacy.tokens.Doc` on one shared vocabulary
(`spacy.blank("ar")`'s, no model) whose `doc.text` is the article's text,
character for character:

- every piece a backend cuts (a clitic `و` and the `1709` glued to it, a
  Stanza word of a multi-word token) is a token with its exact offsets and no
  space before the next piece; runs of whitespace other than one space are
  whitespace tokens, as spaCy's own tokenizer makes them;
- `NORM` is the normalized form (alef/hamza, diacritics, tatweel, digits
  folded: `normalize.fold`); for builtin tokens it is the lexeme's norm (the
  vocabulary computes it once per word), for Stanza words the restored form
  of the word (`ل` + `المدنيين` over `للمدنيين`);
- sentence starts are set (builtin) or follow from the tree (Stanza: heads,
  relations, POS, lemmas, entities);
- `doc.spans["mwt"]` holds the written tokens that carry several words, and
  `doc._.article` / `doc._.backend` say what was read and by whom.

`AnnotatedDoc` is a read-only view of such a Doc (or of any spaCy Doc, for the
`discrepancy_claims` component) with what extraction reads: the article, its
normalized text with the offset map, tokens with heads, sentences and
entities. A word of a multi-word token keeps the offsets of its written token
there, as extraction expects (README, "Backends").
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..models import Article
from ..normalize import Normalized, fold, normalize

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

MWT = "mwt"  # doc.spans key of the written tokens that hold several words


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
    ner: str = ""  # BIO tag of the Doc's entities ("B-ORG"), "" outside any


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int  # original offsets
    end: int
    first_token: int
    last_token: int  # exclusive


def import_spacy():
    """spaCy, imported so that the builtin path does not load torch.

    thinc (under spaCy) imports torch at import time whenever it is installed
    (the stanza extra installs it): 2-3 s and about 180 MB for nothing on the
    builtin path. When neither spaCy nor torch is loaded yet, torch is hidden
    while spaCy is imported, so thinc records "no torch" for this process;
    Stanza imports torch itself later if needed. Import spaCy (or torch) before
    discrepancy to keep thinc's torch support, e.g. for torch-based spaCy models.
    """
    if "spacy" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` raises ImportError
    try:
        import spacy
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]
    return spacy


_VOCAB: list[Vocab] = []


def vocab() -> Vocab:
    """The vocabulary every backend Doc shares: `spacy.blank("ar")`'s, with NORM = `fold`."""
    if not _VOCAB:
        spacy = import_spacy()
        from spacy.attrs import NORM

        v = spacy.blank("ar").vocab
        v.lex_attr_getters[NORM] = fold
        for lex in v:  # lexemes made before the getter was set
            lex.norm_ = fold(lex.orth_)
        register_extensions()
        _VOCAB.append(v)
    return _VOCAB[0]


def register_extensions() -> None:
    """`doc._.article` (the Article read) and `doc._.backend` (who built the Doc)."""
    from spacy.tokens import Doc

    for name, default in (("article", None), ("backend", "")):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def build_doc(
    article: Article,
    pieces: Sequence[tuple[int, int]],
    backend: str,
    *,
    norms: Sequence[str] | None = None,
    lemmas: Sequence[str] | None = None,
    pos: Sequence[str] | None = None,
    sent_starts: Sequence[bool] | None = None,
    heads: Sequence[int | None] | None = None,
    deps: Sequence[str] | None = None,
    ents: Sequence[tuple[int, int, str]] = (),
    mwt: Sequence[tuple[int, int]] = (),
) -> Doc:
    """A Doc over `article.text` whose tokens are `pieces` (in order, gaps only whitespace).

    Per-piece lists: `norms` where a piece's norm is not `fold(piece)` (Stanza's
    restored words), `heads` as piece indices (None: root). Whitespace between
    pieces becomes a space flag or a whitespace token attached to the piece
    before it, so `doc.text == article.text`.
    """
    v = vocab()  # imports spaCy the builtin path's way first
    from spacy.tokens import Doc

    text = article.text
    words: list[str] = []
    spaces: list[bool] = []
    at: list[int] = []  # piece index -> token index
    ws: list[int] = []  # token indices of whitespace tokens

    def add_space(a: int, b: int) -> None:
        """The text between two pieces: one space is the token's trailing space, more a token."""
        gap = text[a:b]
        if not gap:
            return
        if not gap.isspace():
            raise ValueError(f"{article.id}: pieces leave text out at {a}:{b} ({gap[:20]!r})")
        if gap[0] == " " and words:
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            ws.append(len(words))
            words.append(gap)
            spaces.append(False)

    prev = 0
    for start, end in pieces:
        if start < prev or end <= start:
            raise ValueError(f"{article.id}: pieces overlap or are empty at {start}:{end}")
        add_space(prev, start)
        at.append(len(words))
        words.append(text[start:end])
        spaces.append(False)
        prev = end
    add_space(prev, len(text))

    def per_token(values: Sequence[Any] | None, space_value: Any) -> list[Any] | None:
        if values is None:
            return None
        out = [space_value] * len(words)
        for i, value in zip(at, values, strict=True):
            out[i] = value
        return out

    lemma_list = per_token(lemmas, None)
    if lemma_list is not None:
        for i in ws:
            lemma_list[i] = words[i]
    starts = None
    if sent_starts is not None and heads is None:
        starts = per_token(sent_starts, False)
        if at and at[0] > 0:  # leading whitespace belongs to the first sentence
            starts[at[0]] = False
    head_list = dep_list = None
    if heads is not None:
        head_list = list(range(len(words)))
        for i, h in zip(at, heads, strict=True):
            head_list[i] = i if h is None else at[h]
        for i in ws:  # whitespace hangs on the token before it (the first token at the start)
            head_list[i] = i - 1 if i > 0 else min(i + 1, len(words) - 1)
        dep_list = per_token(deps, "dep")
    doc = Doc(
        v, words=words, spaces=spaces, lemmas=lemma_list, pos=per_token(pos, "SPACE"),
        sent_starts=starts, heads=head_list, deps=dep_list,
    )
    if norms is not None:
        for i, n in zip(at, norms, strict=True):
            token = doc[i]
            if n and n != token.norm_:
                token.norm_ = n
    if ents:
        doc.set_ents([_char_span(doc, a, b, article, label) for a, b, label in ents])
    if mwt:
        doc.spans[MWT] = [_char_span(doc, a, b, article) for a, b in mwt]
    doc._.article = article
    doc._.backend = backend
    return doc


def _char_span(doc: Doc, start: int, end: int, article: Article, label: str = ""):
    span = doc.char_span(start, end, label=label)
    if span is None:
        raise ValueError(f"{article.id}: {start}:{end} does not fall on token boundaries")
    return span


class AnnotatedDoc:
    """What extraction reads, from a spaCy Doc: `article`, `normalized`, `tokens`, `sentences`, `entities`.

    Works on the backends' Docs and on any other spaCy Doc (the
    `discrepancy_claims` component): without `doc._.article` the article is
    the Doc's text; without sentence boundaries the builtin splitter decides.
    """

    def __init__(self, doc: Doc, article: Article | None = None):
        self.doc = doc
        ext = doc._.article if doc.has_extension("article") else None
        # `doc.text` joins every token in Python: read once, and not at all when the article is known
        self.article: Article = article or ext or Article(id="doc", text=doc.text)
        self.backend: str = (doc._.backend if doc.has_extension("backend") else "") or "spacy"

    @cached_property
    def normalized(self) -> Normalized:
        return normalize(self.article.text)

    @cached_property
    def _arrays(self):
        """Per Doc token: sentence start (1 = starts one), is space, char offset, length, relation.

        One `to_array` call: `Doc.has_annotation` and iterating Tokens walk the
        Doc in Python, which cost more than building it.
        """
        from spacy.attrs import DEP, IDX, IS_SPACE, LENGTH, SENT_START

        return self.doc.to_array([SENT_START, IS_SPACE, IDX, LENGTH, DEP])

    @cached_property
    def has_tree(self) -> bool:
        arr = self._arrays
        return bool(arr[arr[:, 1] == 0, 4].any()) if len(self.doc) else False  # relations on words, not spaces

    @cached_property
    def entities(self) -> tuple[tuple[int, int, str], ...]:
        return tuple((e.start_char, e.end_char, e.label_) for e in self.doc.ents)

    @cached_property
    def _index(self) -> dict[int, int]:
        """Token index in the Doc -> index in `tokens` (whitespace tokens left out)."""
        return {int(i): k for k, i in enumerate((self._arrays[:, 1] == 0).nonzero()[0])}

    def token_index(self, i: int) -> int | None:
        """Index in `tokens` of the Doc's token `i` (None for whitespace), e.g. of a matcher's hit."""
        return self._index.get(i)

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        doc, index, tree, text = self.doc, self._index, self.has_tree, self.article.text
        written: dict[int, tuple[int, int]] = {}
        for span in doc.spans.get(MWT, ()):
            for i in range(span.start, span.end):
                written[i] = (span.start_char, span.end_char)
        out = []
        for t in doc:
            if t.is_space:
                continue
            start, end = written.get(t.i, (t.idx, t.idx + len(t.text)))
            head = index.get(t.head.i) if tree and t.head.i != t.i else None
            ner = f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type else ""
            out.append(Token(text[start:end], start, end, t.norm_, fold(t.lemma_), t.pos_, head,
                             t.dep_ if tree else "", ner))
        return tuple(out)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        doc = self.doc
        if not doc:
            return ()
        arr = self._arrays
        if not (self.has_tree or (arr[1:, 0] != 0).any()):  # no sentence boundaries: the builtin splitter's
            from .builtin import split_sentences

            return tuple(split_sentences(self.article.text, list(self.tokens)))
        words = (arr[:, 1] == 0).nonzero()[0]  # Doc indices of the tokens that are not whitespace
        starts = [*(arr[:, 0] == 1).nonzero()[0].tolist(), len(doc)]
        if starts[0] != 0:
            starts.insert(0, 0)
        firsts = words.searchsorted(starts).tolist()  # index in `tokens` of each sentence's first word
        out = []
        for first, last in zip(firsts, firsts[1:], strict=False):
            if first < last:
                a, b = words[first], words[last - 1]
                out.append(Sentence(int(arr[a, 2]), int(arr[b, 2] + arr[b, 3]), first, last))
        return tuple(out)
