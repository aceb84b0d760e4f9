"""The builtin backend: Arabic-aware tokens and sentences, no model, no network.

The pieces below become the tokens of a spaCy `Doc` (`doc.py`), with their
original offsets. Digits glued to letters are split
(`و1709` → `و` `1709`, `الـ23` → `الـ` `23`), and so are proclitics (و، ف،
ب، ل، ك، ال/لل) when what remains is a word the lexicons know, or when the
clitic is marked by a tatweel (`بـ"القضاء"`). `lemma` is a light stem
(clitics and common endings off) used for matching, not a dictionary form.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import cached_property, lru_cache

from ..lexicon import Lexicon
from ..models import Article
from ..normalize import SPACED_WORD, fold
from .doc import AnnotatedDoc, Sentence, Token, build_doc

_WORD = re.compile(
    r"[\u0621-\u064a\u0671-\u06d3\u064b-\u065f\u0670\u0640]+"  # Arabic letters, diacritics, tatweel
    r"|[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,\u066b\u066c][0-9\u0660-\u0669\u06f0-\u06f9]+)*"  # numbers
    r"|[A-Za-z]+(?:['’][A-Za-z]+)?"
    r"|[^\s]"
)
_PROCLITICS = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_SUFFIXES = ("هما", "هم", "هن", "ها", "ون", "ين", "ات", "ان", "وا", "ه", "ا", "ي")
_TATWEEL_CLITIC = re.compile(r"(?:[وفبلك]|ال|وال|بال|لل)\u0640+")
_DIACRITIC_OR_TATWEEL = re.compile(r"[\u064b-\u065f\u0670\u0640]")

# Sentence ends: . ! ? ؟ (and …, and the raised dot · some papers print for a full stop: "قتلوا· ومضت")
# plus closing quotes/brackets, then space, or an Arabic letter: a stop glued to the next sentence's
# first word ("قتيل.وبدأت"), which pages often leave; not the dot after a tatweel inside a word
# (حمـ.اس, normalize.py).
_SENT_END = re.compile(r"(?:\.{1,3}|[!?؟…·])[\"'”’»)\]]*(?=\s|(?<!\u0640\.)[\u0621-\u064a])")
# A breakdown word after a full stop goes on with the sentence before it, whose count it breaks
# down ("ما يزال 485 شخصا في عداد المفقودين . من بينهم 191 من الذکور"): no sentence end. The
# splitter runs without the lexicon (a doc of another backend with no sentences is split again
# without one), so these few words of rules/lexicon/populations.yaml `breakdown` (among, of,
# of_things) are kept here: one added there is not added here.
_BREAKDOWN_GOES_ON = re.compile(r"\s+(?:من\s+)?(?:بينهم|بينهن|منهم|منهن|منها)\s+[0-9\u0660-\u0669\u06f0-\u06f9]")


def annotate(articles: Iterable[Article], lex: Lexicon | None = None, tokens: bool = True) -> list[AnnotatedDoc]:
    """The backend interface: articles in, docs out (clitics split against the lexicon's words).

    `tokens=False` makes the Doc's tokens the text's whitespace-separated
    words, without the clitic split and its lexicon look-ups (sentences are
    the same): claim extraction reads the builtin doc's sentences and
    normalized text only, and cutting the pieces was a third of its time.
    """
    vocabulary = lex.vocabulary if lex is not None else frozenset()
    verbs = speech_verbs(lex) if lex is not None else frozenset()
    return [annotate_one(a, vocabulary, tokens, verbs) for a in articles]


def speech_verbs(lex: Lexicon) -> frozenset[str]:
    """The lexicon's one-word cue verbs (أعلنت، قال), folded: a line that ends with one goes on
    with its speaker on the next line (`split_sentences`)."""
    return frozenset(p for p in lex.cue_verbs.labels if " " not in p)


def annotate_one(article: Article, vocabulary: frozenset[str] = frozenset(), tokens: bool = True,
                 verbs: frozenset[str] = frozenset()) -> AnnotatedDoc:
    text = article.text
    if tokens:
        pieces = cut(text, vocabulary)
    else:  # the text's whitespace-separated words: no clitic split, no per-piece folding
        pieces = [m.span() for m in SPACED_WORD.finditer(text)]
    sentences = split_sentences(text, [], verbs)
    if not tokens:
        pieces = _apart_at_stops(text, pieces, sentences)
    # a sentence starts with a piece of either kind: after whitespace, at a line's start, or after
    # a stop glued to the word it ends (cut apart above)
    piece_starts = [a for a, _ in pieces]
    starts = [False] * len(pieces)
    for s in sentences:
        # the splitter cuts an over-long word in its middle: that sentence starts at the next
        # piece, and at none when the cut word is the text's last
        i = bisect_left(piece_starts, s.start)
        if i < len(starts):
            starts[i] = True
    return _BuiltinDoc(article, pieces, starts)


def _apart_at_stops(text: str, pieces: list[tuple[int, int]], sentences: list[Sentence]) -> list[tuple[int, int]]:
    """The whitespace-separated words with a word that holds a sentence's end cut after its stop
    ("قتيلا.وبدأت": the next sentence starts at its verb, as it does among the cut pieces); not an
    over-long word the splitter cut in its middle (`_cap`), a letter before the cut."""
    cuts = sorted(s.start for s in sentences if s.start and not text[s.start - 1].isspace() and not text[s.start - 1].isalnum())
    if not cuts:
        return pieces
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        i = bisect_left(cuts, a + 1)
        while i < len(cuts) and cuts[i] < b:
            out.append((a, cuts[i]))
            a, i = cuts[i], i + 1
        out.append((a, b))
    return out


class _BuiltinDoc(AnnotatedDoc):
    """A builtin doc whose spaCy Doc is built when first read: extraction reads only the
    sentences (here from the pieces, as the Doc would give them), the normalized text, and
    that there is no tree and no entity (README, "Backends")."""

    has_tree = False
    entities: tuple[tuple[int, int, str], ...] = ()

    def __init__(self, article: Article, pieces: list[tuple[int, int]], starts: list[bool]):
        self.article, self.backend = article, "builtin"
        self._pieces, self._starts = pieces, starts

    @cached_property
    def doc(self):
        # no tagger, no lemmatizer: POS and LEMMA stay unset (the light stem is for matching only)
        return build_doc(self.article, self._pieces, "builtin", sent_starts=self._starts)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """`AnnotatedDoc.sentences` of the Doc: a sentence runs from a piece that starts one (the
        first piece always does) to the next; a Doc of one token is split as text instead."""
        pieces = self._pieces
        if len(pieces) < 2:
            return AnnotatedDoc.sentences.func(self)
        firsts = [0, *(i for i in range(1, len(pieces)) if self._starts[i]), len(pieces)]
        return tuple(Sentence(pieces[a][0], pieces[b - 1][1], a, b) for a, b in zip(firsts, firsts[1:], strict=False))


def cut(text: str, vocabulary: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """The (start, end) of each piece: words, numbers, signs, with clitics and glued digits apart."""
    return [span for m in _WORD.finditer(text) for span in _split_clitics(text, m.start(), m.end(), vocabulary)]


def tokenize(text: str, vocabulary: frozenset[str] = frozenset()) -> list[Token]:
    """The pieces with their folded form, light stem and a coarse POS (NUM, PUNCT, X)."""
    out: list[Token] = []
    for start, end in cut(text, vocabulary):
        piece = text[start:end]
        norm = fold(piece)
        out.append(Token(piece, start, end, norm, lemma=stem(norm), upos=_upos(norm)))
    return out


def _split_clitics(text: str, start: int, end: int, vocabulary: frozenset[str]) -> list[tuple[int, int]]:
    word = text[start:end]
    # a proclitic marked with tatweel: بـ"القضاء", الـ23 (the digits are already apart)
    tatweel = _TATWEEL_CLITIC.match(word) if "\u0640" in word else None
    if tatweel and tatweel.end() < len(word):
        return [(start, start + tatweel.end()), (start + tatweel.end(), end)]
    folded = fold(word)
    if len(folded) < 4 or folded in vocabulary or not vocabulary:
        return [(start, end)]
    for p in _PROCLITICS:
        rest = folded[len(p):]
        if folded.startswith(p) and len(rest) >= 2 and (rest in vocabulary or stem(rest) in vocabulary):
            cut = _original_index(word, len(p))
            return [(start, start + cut), (start + cut, end)]
    return [(start, end)]


def _original_index(word: str, n_folded: int) -> int:
    """Index in `word` after its first n letters, skipping diacritics and tatweel."""
    seen = 0
    for i, ch in enumerate(word):
        if _DIACRITIC_OR_TATWEEL.match(ch):
            continue
        if seen == n_folded:
            return i
        seen += 1
    return len(word)


@lru_cache(maxsize=65536)
def stem(norm: str) -> str:
    """Light stem of a folded word: one proclitic and one ending off, 3 letters kept."""
    w = norm
    for p in _PROCLITICS:
        if w.startswith(p) and len(w) - len(p) >= 3:
            w = w[len(p):]
            break
    for s in _SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= 3:
            w = w[: -len(s)]
            break
    return w


def _upos(norm: str) -> str:
    if norm[:1].isdigit():
        return "NUM"
    if not norm[:1].isalnum():
        return "PUNCT"
    return "X"


# No real sentence is this long; a run of text without stops (a table dumped as one
# line, a hostile input) is cut at clause marks so that reading stays linear.
MAX_SENTENCE = 1200
_CLAUSE_CUT = re.compile(r"[،,؛;:]\s*")


def _cap(text: str, a: int, b: int) -> list[tuple[int, int]]:
    out = []
    while b - a > MAX_SENTENCE:
        window = text[a : a + MAX_SENTENCE]
        cut = max((m.end() for m in _CLAUSE_CUT.finditer(window)), default=0)
        if cut < MAX_SENTENCE // 2:
            cut = max(window.rfind(" ") + 1, cut)
        if cut < MAX_SENTENCE // 2:
            cut = MAX_SENTENCE
        out.append((a, a + cut))
        a += cut
    out.append((a, b))
    return out


_LETTER = re.compile(r"[\u0621-\u064aA-Za-z]")


def _one_letter_before(line: str, pos: int) -> bool:
    """Does a one-letter word end right before `pos` (أ. ف. ب، أ.ف.ب)? Looks back only as far
    as it must: copying the line up to every stop made long lines quadratic."""
    k = pos
    while k > 0 and line[k - 1].isspace():
        k -= 1
    return k > 0 and bool(_LETTER.match(line[k - 1])) and (k == 1 or line[k - 2].isspace() or line[k - 2] == ".")


def _in_open_quote(line: str, i: int) -> bool:
    """A quote opened before position i of the line (“ or «) is not closed before it."""
    head = line[:i]
    return head.count("“") + head.count("«") > head.count("”") + head.count("»")


# a line that is one word opening with و (وقال، وفي، ونقلت): no headline, dateline or sentence
# ends there, the page broke the line after a paragraph's first word
_LONE_AND = re.compile(r"و[\u0621-\u064a]{2,}")

# A page hard-wrapped inside a sentence ("وحمّل <party> في بيان، <country> المسئولية الكاملة عن"
# then "الانفجارات."): the line break goes on with the sentence when the line cannot end one. Only
# signs no headline, dateline or list item carries (most of those stand on their own line with no
# full stop): the line ends with a comma, a word that needs what follows (a preposition, a
# particle), a count joined by و ("و182" then "مصابا"), a cue verb waiting for its speaker, or
# inside an open quote; or the next line opens with a comma or a closing mark, or ends the
# sentence in a few words ("نفسه."). A line that goes on from the one before and ends with no
# stop goes on in turn: the sentence has not ended.
_LINE_STOP = re.compile(r"(?:\.{1,3}|[!?؟…:])[\"'”’»)\]]*$")
_LINE_GOES_ON = re.compile(r"[،,؛]$|(?:^|\s)و[0-9\u0660-\u0669\u06f0-\u06f9]+$")
_NEEDS_WHAT_FOLLOWS = frozenset(
    "في من عن على إلى الى مع بين أن إن بأن وأن لأن بأنه إنه أنه لم لن قد ضد حتى منذ خلال نحو وفق بحسب حسب لدى"
    " أكثر وأكثر أقل غير و".split()
)
_TAIL_STOP = re.compile(r"[.!؟][\"'”’»)\]]*$")
_NEXT_GOES_ON = re.compile(r"\s*[،,؛.»”)\]]")
_NOT_PROSE = re.compile(r"\s*(?:[•\-–—*+]|[اإ]قرأ\s+[أا]يض)")  # a list item, a "read also" line


def _line_goes_on(line: str, following: str, continued: bool, verbs: frozenset[str]) -> bool:
    """Does the sentence at the end of `line` go on in `following` (the next line)?"""
    body, nxt = line.strip(), following.strip()
    if not body or not nxt or _LINE_STOP.search(body) or _NOT_PROSE.match(body) or _NOT_PROSE.match(nxt):
        return False
    if continued or _LINE_GOES_ON.search(body) or _NEXT_GOES_ON.match(nxt):
        return True
    words = body.split()
    if words[-1] in _NEEDS_WHAT_FOLLOWS:
        return True
    if verbs and (fold(words[-1]) in verbs or fold(words[-1][1:]) in verbs and words[-1][0] in "وف"):
        return True  # a cue verb waits for its speaker: "في وقت سابق، أعلنت" then "لجنة أطباء ..."
    # the sentence's last few words wrapped alone ("... وفق المصدر" then "نفسه."): a long line, then a
    # short one that ends with a stop and opens no sentence of its own (no و-word)
    tail = nxt.split()
    if len(words) >= 6 and len(tail) <= 4 and _TAIL_STOP.search(nxt) and not tail[0].startswith("و"):
        return True
    # a quote opened on the line and not closed: “ « or an odd count of straight quotes
    return body.count("“") + body.count("«") > body.count("”") + body.count("»") or body.count('"') % 2 == 1


def split_sentences(text: str, tokens: list[Token], verbs: frozenset[str] = frozenset()) -> list[Sentence]:
    """Sentences that survive quotes, `-` asides and numbers with dots.

    A line break ends a sentence (news paragraphs), except after a line that is
    one word opening with و (`_LONE_AND`) or one the page hard-wrapped inside a
    sentence (`_line_goes_on`; `verbs`: the lexicon's one-word cue verbs, see
    `speech_verbs`, none when no lexicon is at hand); inside a line, a stop followed by a
    space does, unless it ends a one-letter abbreviation (أ. ف. ب) or a breakdown
    of a count goes on after it (`_BREAKDOWN_GOES_ON`: ". من بينهم 191").
    """
    bounds: list[tuple[int, int]] = []
    pos = 0
    carry: int | None = None  # the start of a lone و-word line the next line goes on from
    lines = text.split("\n")
    continued = False  # the line goes on with a sentence begun on a line before
    for li, line in enumerate(lines):
        line_start = pos
        pos += len(line) + 1
        if carry is not None and not line.strip():
            bounds.append((carry, line_start - 1))  # nothing goes on from it: its own
            carry = None
        s = line_start if carry is None else carry
        carry = None
        if _LONE_AND.fullmatch(line.strip()):
            carry = s  # a page that broke the line after its first word: "وقال" then "وزير الصحة ..."
            continued = True
            continue
        for m in _SENT_END.finditer(line):
            cut = line_start + m.end()
            if _one_letter_before(line, m.start()):
                continue
            if m.group()[0] in ".…" and m.group().rstrip("\"'”’»)]") in ("...", "…") and _in_open_quote(line, m.start()):
                continue  # words left out inside a quote ("عدد الوفيات في المبنى… ارتفع إلى 49”"), not its end
            if m.group() == "." and _BREAKDOWN_GOES_ON.match(line, m.end()):
                continue
            bounds.append((s, cut))
            s = cut
        # the sentence at the line's end began on a line before when no stop cut this line
        continued = li + 1 < len(lines) and _line_goes_on(line[max(s - line_start, 0) :], lines[li + 1], continued and s < line_start, verbs)
        if continued:
            carry = s  # a page hard-wrapped inside the sentence: it goes on on the next line
            continue
        bounds.append((s, line_start + len(line)))
    if carry is not None:
        bounds.append((carry, len(text)))
    bounds = [piece for a, b in bounds for piece in _cap(text, a, b)]
    sentences: list[Sentence] = []
    ti = 0
    for a, b in bounds:
        # trim spaces so a sentence's text is its words
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        while ti < len(tokens) and tokens[ti].end <= a:
            ti += 1
        first = ti
        while ti < len(tokens) and tokens[ti].start < b:
            ti += 1
        sentences.append(Sentence(a, b, first, ti))
    return sentences
