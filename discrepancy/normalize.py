"""Arabic text normalizers.

Everything downstream matches patterns on a *normalized* copy of the article
while reporting offsets in the *original* text. `normalize()` therefore returns
the normalized string together with a map from each of its characters back to
the original index, so that a span found in the copy maps back exactly
(`Normalized.span()`), and `surface == text[char_start:char_end]` always holds.

The pure `str -> str` helpers are there for lexicon entries and quick matching.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from pyarabic import araby

# Diacritics: pyarabic's harakat plus the dagger alef, Quranic marks and the
# maddah/hamza combining marks that appear in copy-pasted news text.
_DIACRITICS = frozenset(araby.TASHKEEL) | frozenset(
    chr(c) for c in [*range(0x0610, 0x061B), *range(0x0653, 0x0660), 0x0670, *range(0x06D6, 0x06EE)]
)
# Invisible characters that editors and CMSs sprinkle into Arabic text.
_INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u061c\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\ufeff\u00ad"
)
_TATWEEL = araby.TATWEEL
_INVISIBLE_RE = re.compile("[" + "".join(sorted(_INVISIBLE)) + "]")

# One character in, one character out.
_CHAR_MAP = {
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
    "\u066c": ",",  # Arabic thousands separator
    "\u066b": ".",  # Arabic decimal separator
    "\u066a": "%",  # Arabic percent sign
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
}

# Letter folding for matching only: hamza seats, alef variants, alef maqsura,
# taa marbuta and Persian look-alikes become one letter each.
_FOLD = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
        "ى": "ي", "ی": "ي", "ئ": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ک": "ك",
        "ە": "ه",
    }
)

# a whitespace-separated word, marks glued to it included: how text is cut where a word is a
# word whatever its letters (a source phrase, a surface, the builtin Doc's words)
SPACED_WORD = re.compile(r"\S+")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
# What normalize() drops (one regex pass): the
# dot of `حمـ.اس` is dropped when a tatweel precedes it and a letter follows.
_DROP = re.compile(
    "[" + "".join(re.escape(c) for c in sorted(_INVISIBLE | _DIACRITICS | {_TATWEEL})) + "]"
    + r"|(?<=\u0640)\.(?=[\u0621-\u064a\u0671-\u06d3])"
)
# The oblique dual of a word in -ي, its sukun written (<national>ييْن: two of them), is read as the
# nominative (<national>يان): once the marks are gone, -يين is also the plural. One letter for one.
_OBLIQUE_DUAL = re.compile(r"(?<=ي)ي(?=\u0652ن(?![\u0621-\u064a\u064b-\u0652]))")


def _duals_read(text: str) -> str:
    """`text` with its oblique duals whose sukun is written read as the nominative (`_OBLIQUE_DUAL`)."""
    return _OBLIQUE_DUAL.sub("ا", text) if "\u0652" in text else text


# one str.replace per mapped character: on Arabic text much faster than str.translate with a
# dict (no output character is itself mapped, so the order does not matter)
_REPLACE = tuple({**_CHAR_MAP, **{chr(k): v for k, v in _FOLD.items()}}.items())


def _mapped(text: str) -> str:
    for a, b in _REPLACE:
        if a in text:
            text = text.replace(a, b)
    return text


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalized copy of a text and where each of its characters came from."""

    text: str
    origin: tuple[int, ...]  # origin[i] = index in the original of text[i]; one extra entry = len(original)

    def index(self, original: int) -> int:
        """Position in the normalized text of the first character at or after `original`."""
        return bisect_left(self.origin, original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalized text to the matching span of the original."""
        if end <= start:
            pos = self.origin[start]
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


def normalize(text: str) -> Normalized:
    """Digits to ASCII, invisible marks, diacritics and tatweel out, letters folded.

    Also undoes the dotted obfuscation `حمـ.اس` (a dot after a tatweel inside a
    word), used by some outlets to dodge keyword filters, and reads an oblique dual
    whose sukun is written as the nominative (`_OBLIQUE_DUAL`).
    """
    text = _duals_read(text)
    drops = [m.start() for m in _DROP.finditer(text)]
    n = len(text)
    if not drops:
        return Normalized(_mapped(text), tuple(range(n + 1)))
    origin: list[int] = []
    prev = 0
    for d in drops:
        origin.extend(range(prev, d))
        prev = d + 1
    origin.extend(range(prev, n + 1))
    return Normalized(_mapped(_DROP.sub("", text)), tuple(origin))


def normalized_text(text: str) -> str:
    """`normalize(text).text` without the offset map, for a reader that needs no offsets
    (profile detection reads a whole article's words only)."""
    return _mapped(_DROP.sub("", _duals_read(text)))


# The weekdays as `fold` writes them, in `date.weekday()` order (Monday first): one list for every stage
# that reads a day name (dating a figure, a speaker's phrase, what follows a cue verb).
WEEKDAYS = ("الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد")


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """Normalized form of a short string (a token, a lexicon entry); cached, words repeat."""
    return normalize(text).text


def to_ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits and separators to ASCII, nothing else."""
    return "".join(_CHAR_MAP.get(ch, ch) if ch not in " \u00a0" else ch for ch in text)


def strip_invisible(text: str) -> str:
    """Bidi controls, zero-width characters and soft hyphens out."""
    return _INVISIBLE_RE.sub("", text)
