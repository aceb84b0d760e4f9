"""The Stanza backend: Arabic tokenize, mwt, pos, lemma, depparse and ner.

Models are never downloaded implicitly (`download_method=None`): when they are
missing, `ModelsMissing` says where we looked and the command that installs
them (`discrepancy models download`). The pipeline is loaded once per process
and documents are processed in batches.

`to_doc()` converts a Stanza `Document` to the project's `AnnotatedDoc`,
written here rather than taken from spacy-stanza (which pins stanza<1.7).
Arabic multi-word tokens (`وبلغت` → `و` + `بلغت`, `للمدنيين` → `ل` +
`المدنيين` with PADT's restored article) give several words for one span of
text: every word keeps the offsets of its token, so nothing points outside
the text, and entities are read from tokens, so none is dropped.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..lexicon import Lexicon
from ..models import Article
from ..normalize import fold
from . import AnnotatedDoc, Sentence, Token, make_doc

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
    """A Stanza Document of `article.text` → AnnotatedDoc (offsets of the article)."""
    text = article.text
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    entities: list[tuple[int, int, str]] = []
    for sent in sdoc.sentences:
        first = len(tokens)
        index: dict[int, int] = {}  # word id within the sentence -> index in `tokens`
        pending: list[tuple[Any, Any]] = []
        for tok in sent.tokens:
            start, end = tok.start_char, tok.end_char
            if start is None or end is None or not 0 <= start <= end <= len(text):
                raise ValueError(f"{article.id}: Stanza token {tok.text!r} has no usable offsets ({start}:{end})")
            # the offsets are the truth: a token's text is the article's own characters there
            for w in tok.words:
                index[w.id] = len(tokens)
                pending.append((tok, w))
                tokens.append(Token(text[start:end], start, end, fold(w.text)))
        for k, (tok, w) in enumerate(pending):
            head = index.get(w.head) if w.head else None
            tokens[first + k] = Token(
                text=tokens[first + k].text, start=tok.start_char, end=tok.end_char, norm=fold(w.text),
                lemma=fold(w.lemma or w.text), upos=w.upos or "", head=head, deprel=w.deprel or "", ner=tok.ner or "",
            )
        if sent.tokens:
            sentences.append(Sentence(sent.tokens[0].start_char, sent.tokens[-1].end_char, first, len(tokens)))
    entities = _entities_from_tokens(tokens)
    return make_doc(article, tokens, sentences, "stanza", entities)


def _entities_from_tokens(tokens: Sequence[Token]) -> list[tuple[int, int, str]]:
    """BIOES tags of tokens → (start, end, type); multi-word tokens count once."""
    ents: list[tuple[int, int, str]] = []
    start, label, last_end = None, "", None
    for t in tokens:
        if (t.start, t.end) == last_end:
            continue  # another word of the same multi-word token
        last_end = (t.start, t.end)
        tag = t.ner or "O"
        prefix, _, typ = tag.partition("-")
        if prefix in ("B", "S") or (prefix in ("I", "E") and start is None):
            start, label = t.start, typ
        if prefix in ("S", "E") and start is not None:
            ents.append((start, t.end, label))
            start = None
        if prefix == "O":
            start = None
    return ents
