"""`discrepancy_claims`: the claim extractor as a spaCy pipeline component.

    import spacy
    nlp = spacy.blank("ar")
    nlp.add_pipe("discrepancy_claims")            # config: rules, profile, spans_key, split_tokens
    doc = nlp("أعلنت وزارة الصحة مقتل 7028 شخصا بينهم 2913 طفلا")
    for span in doc.spans["claims"]:
        span.text, span._.quantity, span._.value, span._.hedge, span._.attribution

The factory is registered under spaCy's `spacy_factories` entry point, so
`add_pipe` finds it without importing this module first. Any Arabic pipeline
will do: the component reads the Doc through `backends.AnnotatedDoc` (its
sentences when it has them, the builtin splitter's when not; its dependency
tree and entities when it has them), and writes one span per claim into
`doc.spans[spans_key]`, labelled with the claim's quantity. Each span carries
the claim's fields as extension attributes (`span._.population`, `._.event`,
`._.place`, `._.value`, `._.low`, `._.high`, `._.hedge`, `._.modality`,
`._.attribution`, `._.attribution_text`, `._.part_of`, `._.as_of`, ...; see
`CLAIM_COLUMNS` in models.py) and the `Claim` itself (`span._.claim`); the
span's characters are the claim's (`span.text == claim.surface`).

A claim can begin inside a token of another tokenizer (spaCy's Arabic
tokenizer keeps `و1709` whole, the claim is `1709`): with `split_tokens`
(the default) such tokens are split at the claim's edges with spaCy's
retokenizer, the pieces attached to the piece the claim starts or ends in;
without it those claims get no span.

The publication date, outlet and id come from `doc._.article` (an `Article`
whose text is the Doc's) when set; otherwise the Doc is an undated article.
`render(doc)` shows the claims highlighted with displaCy, right to left.

`rules` is a rules folder (default: the package's), `profile` a story profile
name, "none" for the core alone, or empty to detect profiles per Doc as
`discrepancy check` does (README, "Stories").
"""


from spacy.language import Language
from spacy.tokens import Doc, Span

from .backends.doc import AnnotatedDoc, register_extensions
from .extract import extract
from .lexicon import Lexicon, detect_profiles, load_lexicon
from .models import CLAIM_COLUMNS, Article, Claim

NAME = "discrepancy_claims"
SPAN_FIELDS = tuple(c for c in CLAIM_COLUMNS if c not in ("surface", "char_start", "char_end")) + ("claim",)


def _register() -> None:
    register_extensions()
    for name in SPAN_FIELDS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


_register()


class ClaimsComponent:
    """Writes `doc.spans[spans_key]`: one span per claim, its fields on `span._`."""

    def __init__(self, rules: str | None, profile: str | None, spans_key: str, split_tokens: bool):
        self.rules = rules or None
        self.profile = profile or None
        self.spans_key = spans_key
        self.split_tokens = split_tokens
        self._lexicon(())  # a broken rules folder or unknown profile fails when the pipe is added

    def _lexicon(self, detected: tuple[str, ...]) -> Lexicon:
        names = () if self.profile == "none" else (self.profile,) if self.profile else detected
        return load_lexicon(self.rules, names)

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.article or Article(id="doc", text=doc.text)
        detected = () if self.profile else detect_profiles(article.text, self.rules, article.published)
        claims = extract(AnnotatedDoc(doc, article), self._lexicon(detected))
        if self.split_tokens:
            _split_at(doc, [(c.char_start, c.char_end) for c in claims])
        spans = []
        for c in claims:
            span = doc.char_span(c.char_start, c.char_end, label=c.quantity)
            if span is None:
                continue  # inside a token and split_tokens off
            _set_fields(span, c)
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


def _set_fields(span: Span, c: Claim) -> None:
    for name in SPAN_FIELDS[:-1]:
        span._.set(name, getattr(c, name))
    span._.claim = c


def _split_at(doc: Doc, claims: list[tuple[int, int]]) -> None:
    """Split the tokens a claim's edge falls strictly inside, so that every claim is whole tokens."""
    offsets = {x for span in claims for x in span}
    cuts = []
    for t in doc:
        inside = sorted(x - t.idx for x in offsets if t.idx < x < t.idx + len(t.text))
        if inside:
            cuts.append((t, [0, *inside, len(t.text)]))
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for t, edges in cuts:
            pieces = list(zip(edges, edges[1:], strict=False))
            # the piece a claim covers keeps the token's head (and the root stays root); the others hang on it
            main = next((k for k, (a, b) in enumerate(pieces)
                         if any(s <= t.idx + a and t.idx + b <= e for s, e in claims)), 0)
            head = t.head if t.head.i != t.i else (t, main)
            heads = [head if k == main else (t, main) for k in range(len(pieces))]
            retokenizer.split(t, [t.text[a:b] for a, b in pieces], heads=heads)


def render(doc: Doc, spans_key: str = "claims", page: bool = False) -> str:
    """displaCy's highlighting of the claims, right to left: each figure marked with its quantity and hedge.

    displaCy's entity view is used, on the characters of the text, with its
    right-to-left template passed in: its span view joins tokens with spaces
    (it would show `و 1709` for `و1709`), and spaCy 3.8 picks the
    right-to-left templates before it reads the language's direction.
    Overlapping claims (a date inside a figure's phrase) keep the first.
    """
    from spacy import displacy
    from spacy.displacy.templates import TPL_ENT_RTL

    ents, end = [], -1
    for span in sorted(doc.spans[spans_key], key=lambda s: (s.start_char, -s.end_char)):
        if span.start_char >= end:
            ents.append({"start": span.start_char, "end": span.end_char, "label": f"{span.label_} · {span._.hedge}"})
            end = span.end_char
    parsed = {"text": doc.text, "ents": ents, "title": None, "settings": {"lang": "ar", "direction": "rtl"}}
    # the template without its outer line breaks (no space between a clitic and its figure: و1709),
    # a figure and its label kept on one line, the label isolated so that bidi keeps it after the figure
    template = (TPL_ENT_RTL.strip().replace('style="', 'style="white-space: nowrap; ', 1)
                .replace('<span style="', '<span style="unicode-bidi: isolate; ', 1))
    return displacy.render(parsed, style="ent", manual=True, page=page, options={"template": template})


@Language.factory(
    NAME,
    default_config={"rules": None, "profile": None, "spans_key": "claims", "split_tokens": True},
    assigns=["doc.spans"],
)
def make_claims_component(
    nlp: Language, name: str, rules: str | None, profile: str | None, spans_key: str, split_tokens: bool
) -> ClaimsComponent:
    return ClaimsComponent(rules, profile, spans_key, split_tokens)
