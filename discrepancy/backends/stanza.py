"""The Stanza backend: Arabic tokenize, mwt, pos, lemma, depparse and ner.

Models are never downloaded implicitly (`download_method=None`): when they are
missing, `ModelsMissing` says where we looked and the command that installs
them (`discrepancy models download`). The pipeline is loaded once per process
and documents are processed in batches.

`to_doc()` converts a Stanza `Document` to a spaCy `Doc` (`doc.py`),
written here rather than taken from spacy-stanza (which pins stanza<1.7 and
replaces the text with the expanded words when they do not match it).
Arabic multi-word tokens (`وبلغت` → `و` + `بلغت`, `للمدنيين` → `ل` +
`المدنيين` with PADT's restored article) give several words for one written
token: each word is a spaCy token over its own piece of it (its NORM the
restored form), the written token is a span of `doc.spans["mwt"]`, and
`AnnotatedDoc` gives each word the offsets of its written token, so nothing
points outside the text. Entities are read from written tokens, so none is
dropped.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from itertools import accumulate
from pathlib import Path
from typing import Any

from ..lexicon import Lexicon
from ..models import Article
from ..normalize import fold
from .doc import AnnotatedDoc, build_doc

PROCESSORS = "tokenize,mwt,pos,lemma,depparse,ner"
MODEL_SIZE = "about 460 MB"


class ModelsMissing(Exception):
    """Stanza or its Arabic models are not installed; the message says how to fix it."""


def model_dir(explicit: str | os.PathLike | None = None) -> Path:
    """--stanza-dir, else $STANZA_RESOURCES_DIR, else Stanza's default (~/stanza_resources)."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("STANZA_RESOURCES_DIR")
    return Path(env).expanduser() if env else Path.home() / "stanza_resources"


def check_models(directory: Path) -> None:
    try:
        import stanza  # noqa: F401
    except ImportError:
        raise ModelsMissing(
            "the stanza backend needs the optional extra: pip install 'discrepancy[stanza]' "
            "(install torch==2.13.0 first on machines with its CPU build on disk)"
        ) from None
    if not (directory / "resources.json").exists() or not (directory / "ar").is_dir():
        raise ModelsMissing(
            f"Stanza Arabic models not found in {directory}; install them ({MODEL_SIZE}) with: "
            f"discrepancy models download --stanza-dir {directory}"
        )


_PIPELINES: dict[tuple[str, bool], Any] = {}


def load_pipeline(directory: Path, use_gpu: bool = False):
    """The Stanza pipeline for Arabic, loaded once per process per (dir, device)."""
    key = (str(directory), use_gpu)
    if key not in _PIPELINES:
        check_models(directory)
        import stanza

        try:
            _PIPELINES[key] = stanza.Pipeline(
                "ar", dir=str(directory), processors=PROCESSORS, download_method=None, use_gpu=use_gpu,
                logging_level="WARN",
            )
        except Exception as e:  # noqa: BLE001 - Stanza raises many kinds for a missing or broken model file
            raise ModelsMissing(
                f"Stanza Arabic models in {directory} are incomplete or unreadable ({_first_line(e)}); "
                f"reinstall them with: discrepancy models download --stanza-dir {directory}"
            ) from None
    return _PIPELINES[key]


def _first_line(e: Exception) -> str:
    lines = [x.strip() for x in str(e).splitlines() if x.strip() and not x.strip().startswith("---")]
    return lines[0] if lines else type(e).__name__


def download_models(directory: Path) -> Path:
    """Fetch the Arabic models into `directory` (needs internet); returns where they went."""
    try:
        import stanza
    except ImportError:
        raise ModelsMissing("the stanza backend needs the optional extra: pip install 'discrepancy[stanza]'") from None
    directory.mkdir(parents=True, exist_ok=True)
    stanza.download("ar", model_dir=str(directory), processors=PROCESSORS, logging_level="WARN")
    return directory / "ar"


RunPipeline = Callable[[Sequence[str]], list[Any]]


def make_annotator(model_dir: str | None = None, use_gpu: bool = False, run: RunPipeline | None = None):
    """The backend's `annotate(articles, lex)`.

    `run` maps texts to Stanza Documents; by default the real neural pipeline.
    Tests pass their own (Documents read from CoNLL-U): the seam replaces only
    the neural call, everything after it is the code users run.
    """
    if run is None:
        directory = _model_dir_checked(model_dir)

        def run(texts: Sequence[str]) -> list[Any]:
            import stanza

            nlp = load_pipeline(directory, use_gpu)
            return nlp.bulk_process([stanza.Document([], text=t) for t in texts])

    def annotate(articles: Sequence[Article], lex: Lexicon | None = None) -> list[AnnotatedDoc]:
        articles = list(articles)
        return [to_doc(a, d) for a, d in zip(articles, run([a.text for a in articles]), strict=True)]

    return annotate


def _model_dir_checked(explicit: str | None) -> Path:
    directory = model_dir(explicit)
    check_models(directory)  # fail before reading any article, with the one-line message
    return directory


def to_doc(article: Article, sdoc: Any) -> AnnotatedDoc:
    """A Stanza Document of `article.text` → a spaCy Doc of the same text, seen as AnnotatedDoc.

    Words, lemmas, UPOS, heads, relations and entities go onto the Doc as
    spacy-stanza does. Each word of a multi-word token gets its own piece of
    the written token (`_word_pieces`), and the written token goes into
    `doc.spans["mwt"]`.
    """
    text = article.text
    pieces: list[tuple[int, int]] = []
    forms: list[str] = []
    lemmas: list[str] = []
    pos: list[str] = []
    heads: list[int | None] = []
    deps: list[str] = []
    written: list[tuple[int, int, str]] = []  # each written token once, with its BIOES tag
    mwt: list[tuple[int, int]] = []
    for sent in sdoc.sentences:
        index: dict[int, int] = {}  # word id within the sentence -> piece index
        sent_heads: list[tuple[int, Any]] = []
        for tok in sent.tokens:
            start, end = tok.start_char, tok.end_char
            if start is None or end is None or not 0 <= start <= end <= len(text) or (pieces and start < pieces[-1][1]):
                raise ValueError(f"{article.id}: Stanza token {tok.text!r} has no usable offsets ({start}:{end})")
            if start == end:
                continue  # nothing written: no token of the text
            written.append((start, end, tok.ner or "O"))
            words = list(tok.words)
            cuts = _word_pieces(text[start:end], [w.text for w in words])
            if cuts is None:  # fewer characters than words: the word the others hang on stands for all
                inside = {w.id for w in words}
                keep = next((w for w in words if w.head not in inside), words[-1])
                for w in words:
                    index[w.id] = len(pieces)
                words, cuts = [keep], [(0, end - start)]
            elif len(words) > 1:
                mwt.append((start, end))
            for w, (a, b) in zip(words, cuts, strict=True):
                index[w.id] = len(pieces)
                sent_heads.append((len(pieces), w))
                pieces.append((start + a, start + b))
                forms.append(fold(w.text))
                lemmas.append(w.lemma or w.text)
                pos.append(w.upos if w.upos in _UPOS else "")
                deps.append(w.deprel or "")
                heads.append(None)
        for k, w in sent_heads:
            heads[k] = index.get(w.head) if w.head else None
            if heads[k] == k:
                heads[k] = None
    ents = _entities_from_tokens(written)
    doc = build_doc(article, pieces, "stanza", norms=forms, lemmas=lemmas, pos=pos, heads=heads, deps=deps,
                    ents=ents, mwt=mwt)
    return AnnotatedDoc(doc, article)


_UPOS = frozenset("ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X".split())


def _word_pieces(surface: str, forms: Sequence[str]) -> list[tuple[int, int]] | None:
    """Cut a written token into one non-empty piece per word, in order; None if too short.

    `و` + `بلغت` cut `وبلغت` as written. Where the words restore letters the
    spelling drops (`ل` + `المدنيين` over `للمدنيين`), the cuts follow the
    characters the words and the surface share (difflib's matching blocks).
    """
    n = len(forms)
    if n == 1:
        return [(0, len(surface))]
    if len(surface) < n:
        return None
    joined = "".join(forms)
    ends = list(accumulate(len(f) for f in forms))
    if joined != surface:
        blocks = SequenceMatcher(None, joined, surface, autojunk=False).get_matching_blocks()
        ends = [_mapped(e, blocks, len(surface)) for e in ends]
    cuts, prev = [], 0
    for i, e in enumerate(ends):
        e = len(surface) if i == n - 1 else min(max(e, prev + 1), len(surface) - (n - 1 - i))
        cuts.append((prev, e))
        prev = e
    return cuts


def _mapped(pos: int, blocks, surface_len: int) -> int:
    """Where position `pos` of the joined words falls in the surface."""
    for a, b, size in blocks:
        if pos <= a:
            return b
        if pos < a + size:
            return b + pos - a
    return surface_len


def _entities_from_tokens(written: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """BIOES tags of written tokens (start, end, tag) → entities (start, end, type)."""
    ents: list[tuple[int, int, str]] = []
    start, label = None, ""
    for a, b, tag in written:
        prefix, _, typ = (tag or "O").partition("-")
        if prefix in ("B", "S") or (prefix in ("I", "E") and start is None):
            start, label = a, typ
        if prefix in ("S", "E") and start is not None:
            ents.append((start, b, label))
            start = None
        if prefix == "O":
            start = None
    return ents
