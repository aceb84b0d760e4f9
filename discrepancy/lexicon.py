"""The word lists of `rules/` (taxonomy, lexicons, settings), loaded, checked and compiled.

Every entry is folded with the same `normalize()` as the text, and matched as
a whole word that may carry proclitics (و، ف، ب، ل، ك، ال) and a few
inflection endings: users write `قتيل` and it finds `والقتيل`. spaCy's
`PhraseMatcher` does the matching, all lexicons in one pass over a text
(`Matchers`, `Lexicon.match`).
A mistake in a file is a `RulesError` naming the file and the entry, with
its code (`L001 unknown key ...`, docs/errors.md). Every file is read as
rule files are: text only, bounded in size and in what its aliases expand to.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import Errors, RulesError
from .normalize import SPACED_WORD, fold, normalized_text
from .numbers import HedgeLexicon

# libyaml's safe loader when PyYAML was built with it: same safety, parsed in C
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEFAULT_RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
KINDS = ("fixed", "cumulative", "current")

_CLITICS = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "وب", "ول", "وك", "و", "ف", "ب", "ل", "ك")  # longest first
# a compound proclitic is matched as the pieces it is made of: "والصحة" is و + ال + صحة, so the
# phrase "الصحة" (ال + صحة) is found in it as in "الصحة"
_CLITIC_UNITS = {"وبال": ("و", "ب", "ال"), "وال": ("و", "ال"), "بال": ("ب", "ال"), "فال": ("ف", "ال"),
                 "كال": ("ك", "ال"), "وب": ("و", "ب"), "ول": ("و", "ل"), "وك": ("و", "ك")}
_ENDINGS = ("ه", "ا", "ها", "هم", "هن", "ون", "ين", "وا", "ان", "ات", "هما")  # shortest first: the longest word wins
# a word (letters, digits) or one sign; digits run into the word after them are apart (و 72حالة وفاة),
# and so is a proclitic glued before them (و3572مصابا: و، 3572، مصابا), not a word (قتيلا13)
_TOKEN = re.compile(r"\d+(?=[^\W\d_])|(?<![^\W\d_])(?:[وفبلك]|ال)(?=\d)|[\u0621-\u064a\w]+|\S")
_LETTER = re.compile(r"[\u0621-\u064a\w]")
CORE, CLITIC, ENDING = 0, 1, 2  # what a piece of a word is
_ORPHAN = re.compile(r"(?:^|\s)[لب]$")


# the feminine dual's endings after a nationality's -ي (<nisba>ي → <nisba>يتان، <nisba>يتين): two women of it
_FEMININE_DUAL = ("تان", "تين")

# quantities.yaml's lists of words by role that are no quantity's (Lexicon `aboard`, `all_of`)
_ROLE_WORDS = {"aboard": ("before", "after", "capacity"), "all_of": ("everyone", "number")}

_ABOARD_BEFORE = 5  # words before a figure that can say it counts people aboard ("على متن العبارة قبيل غرقها نحو 200")
_ABOARD_AFTER = 4  # words after it: its counted noun and the cue ("200 شخص كانوا على متن")


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    label: str
    role: str  # e.g. "trigger" / "noun" for quantities


class PhraseList:
    """The phrases of one lexicon: folded, each with its label and role (README, "Extending the lexicons").

    A phrase ending in `=` is bare (no inflection ending); one ending in a glued
    ل or ب (`وفقا ل`) is open-ended: it runs into the next word. Matching is
    done for several lists at once by `Matchers`; `find` is the one-list case.
    """

    def __init__(self, entries: Iterable[tuple[str, str, str]]):
        self.labels: dict[str, tuple[str, str]] = {}
        self.bare: set[str] = set()
        self._matchers: Matchers | None = None
        self._word_hits: dict[str, tuple[Hit, ...]] = {}  # `find` on one word: asked again and again
        for phrase, label, role in entries:
            key = _space(fold(phrase.rstrip().rstrip("=")))
            if key:
                self.labels.setdefault(key, (label, role))
                if phrase.rstrip().endswith("="):
                    self.bare.add(key)

    @property
    def words(self) -> frozenset[str]:
        return frozenset(w for phrase in self.labels for w in phrase.split(" "))

    @cached_property
    def solid_by_label(self) -> tuple[frozenset[str], ...]:
        """Per label, its phrases without their spaces (`detect_profiles`' letter pre-check)."""
        by_label: dict[str, set[str]] = {}
        for phrase, (label, _) in self.labels.items():
            by_label.setdefault(label, set()).add("".join(phrase.split()))
        return tuple(frozenset(v) for v in by_label.values())

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """The hits in folded `text` (between `start` and `end`), longest of overlapping ones first."""
        # a short text: phrase_end asks each word of a phrase, and the words after a head again for
        # each figure after it
        short = start == 0 and end is None and len(text) <= 200
        if short and (known := self._word_hits.get(text)) is not None:
            return list(known)
        end = len(text) if end is None else end
        hits = self._matchers_().find_all(text, start, end)[""]
        found = [h for h in hits if start <= h.start and h.end <= end]
        if short:
            if len(self._word_hits) > 50_000:
                self._word_hits.clear()
            self._word_hits[text] = tuple(found)
        return found

    def find_before(self, text: str, stop: int) -> list[Hit]:
        """The hits of `find(text)` that start before `stop`, found in `text` cut a few words after
        it (`Matchers.cut_after`): the same hits, without matching the rest."""
        return [h for h in self.find(text[: self._matchers_().cut_after(text, stop)]) if h.start < stop]

    def _matchers_(self) -> Matchers:
        if self._matchers is None:
            self._matchers = Matchers({"": self})
        return self._matchers


class Matchers:
    """Several `PhraseList`s matched by spaCy's `PhraseMatcher` in one pass over a text:
    its words are cut into pieces, and so are the phrases.

    A word the lists know stays whole; one they know with an inflection ending
    is cut before the ending (`العامين` is العام + ين); else a proclitic (و، ف،
    ب، ل، ك، ال and their compounds, as pieces: `والقتلى` is و + ال + قتلى) is cut
    off a word the lists know, with or without its ending. Each phrase becomes
    the pieces its words make in the text after every proclitic and before
    every ending (a listed `القتلى` holds the phrase `قتلى` two letters in).
    Of overlapping hits the one that starts a word wins, then the one after the
    longest proclitic, then the longest (README, "Extending the lexicons").
    """

    def __init__(self, lists: Mapping[str, PhraseList]):
        self.lists = dict(lists)
        self.vocabulary = frozenset(w for pl in self.lists.values() for phrase in pl.labels for w in _TOKEN.findall(phrase))
        self._pieces_cache: dict[str, tuple[tuple[str, int], ...]] = {}
        self._built: tuple[Any, Any, dict] | None = None
        self._reach = 0  # the most pieces a pattern holds (`cut_after`)
        self._ext: dict[str, set[tuple[str, str]]] | None = None
        self._pattern_cache: dict[tuple[str, bool], set[tuple[tuple[str, ...], int, int]]] = {}

    def __getstate__(self) -> dict:  # spaCy's matchers are rebuilt in the process that uses them
        return {"lists": self.lists}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["lists"])

    def pieces(self, word: str) -> tuple[tuple[str, int], ...]:
        """A folded word cut into (piece, kind): its proclitics, the word the lists know, its ending."""
        cached = self._pieces_cache.get(word)
        if cached is not None:
            return cached
        out = self._core(word)
        if out is None:
            for p in _CLITICS:
                if word.startswith(p) and len(word) - len(p) >= 2:
                    rest = self._core(word[len(p):])
                    if rest is not None:
                        out = tuple((u, CLITIC) for u in _CLITIC_UNITS.get(p, (p,))) + rest
                        break
        out = out or ((word, CORE),)
        if len(self._pieces_cache) > 200_000:
            self._pieces_cache.clear()
        self._pieces_cache[word] = out
        return out

    def _core(self, w: str) -> tuple[tuple[str, int], ...] | None:
        if w in self.vocabulary:
            return ((w, CORE),)
        for e in _ENDINGS:
            if w.endswith(e) and len(w) - len(e) >= 2 and w[: -len(e)] in self.vocabulary:
                return ((w[: -len(e)], CORE), (e, ENDING))
        return None

    def _covering(self, form: str, lo: int, hi: int) -> tuple[tuple[str, ...], int, int]:
        """The pieces of `form` that hold its letters lo:hi, and how far they reach beyond them."""
        out, pos, first_start, last_end = [], 0, 0, 0
        for piece, _ in self.pieces(form):
            a, pos = pos, pos + len(piece)
            if pos > lo and a < hi:
                if not out:
                    first_start = a
                out.append(piece)
                last_end = pos
        return tuple(out), lo - first_start, last_end - hi

    def _patterns(self, phrase: str, bare: bool) -> set[tuple[tuple[str, ...], int, int]]:
        """(pieces, letters before, letters after) of every form the phrase takes in a text:
        after each proclitic, before each ending. Forms cut as the phrase alone is
        (و + ال + صحة for الصحة) are the same pattern; only the others are added."""
        key = (phrase, bare)
        got = self._pattern_cache.get(key)
        if got is None:
            got = self._pattern_cache[key] = self._new_patterns(phrase, bare)
        return got

    def _new_patterns(self, phrase: str, bare: bool) -> set[tuple[tuple[str, ...], int, int]]:
        words = _TOKEN.findall(phrase)
        clitics, endings = ("", *_CLITICS), ("",) if bare else ("", *_ENDINGS)
        first, final = words[0], words[-1]
        base = tuple(piece for w in words for piece, _ in self.pieces(w))
        # the proclitics and endings after / before which the first / last word is cut otherwise
        odd_p = [p for p in clitics if self._covering(p + first, len(p), len(p) + len(first)) != (self.pieces_of(first), 0, 0)]
        odd_e = [e for e in endings if self._covering(final + e, 0, len(final)) != (self.pieces_of(final), 0, 0)]
        # after the preposition ل the article loses its alif (للأمم is ل + الأمم): the phrase is
        # then its letters from the article's lam on, in a word no list knows whole
        elided = ELIDING if first.startswith("ال") and len(first) > 3 else ()
        if len(words) == 1:
            pairs = {(p, e) for p in odd_p for e in endings} | {(p, e) for e in odd_e for p in clitics}
            # a listed word made of a proclitic, this one and the start of an ending (الوطني + ة)
            pairs |= {(p, e) for p, e1 in self._extended().get(first, ()) for e in endings if e.startswith(e1)}
            out = {(base, 0, 0)} | {self._covering(p + first + e, len(p), len(p) + len(first)) for p, e in pairs}
            return out | {self._covering(p + first[2:] + e, len(p) - 1, len(p) + len(first) - 2)
                          for p in elided for e in endings}
        firsts = {(self.pieces_of(first), 0)} | {self._covering(p + first, len(p), len(p) + len(first))[:2] for p in odd_p}
        firsts |= {self._covering(p + first[2:], len(p) - 1, len(p) + len(first) - 2)[:2] for p in elided}
        lasts = {(self.pieces_of(final), 0)} | {self._covering(final + e, 0, len(final))[::2] for e in odd_e}
        middle = tuple(piece for w in words[1:-1] for piece in self.pieces_of(w))
        return {(f + middle + last, fs, le) for f, fs in firsts for last, le in lasts}

    def _extended(self) -> dict[str, set[tuple[str, str]]]:
        """word -> (proclitic, letters) such that proclitic + word + letters is a listed word (1-3 letters)."""
        if self._ext is None:
            self._ext = {}
            for v in self.vocabulary:
                for p in ("", *_CLITICS):
                    if v.startswith(p):
                        for k in (1, 2, 3):
                            if len(v) - len(p) - k >= 2:
                                self._ext.setdefault(v[len(p) : len(v) - k], set()).add((p, v[len(v) - k :]))
        return self._ext

    def pieces_of(self, word: str) -> tuple[str, ...]:
        return tuple(piece for piece, _ in self.pieces(word))

    def _cut(self, text: str, start: int = 0, end: int | None = None,
             ) -> tuple[list[str], list[int], list[int], list[int], list[bool], list[int]]:
        """Pieces of `text` (from the word that holds `start` to `end`): strings, start and end
        offsets, kinds, whether each ends its word, and the offset of its word."""
        words: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        kinds: list[int] = []
        last: list[bool] = []
        word_at: list[int] = []
        cache, pieces = self._pieces_cache, self.pieces
        while 0 < start < len(text) and _LETTER.match(text, start - 1) and _LETTER.match(text, start):
            start -= 1  # a word is read whole, not from its middle
        for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
            word, w0 = m.group(), m.start()
            ps = cache.get(word) or pieces(word)
            if len(ps) == 1:  # most words: one piece
                words.append(word)
                starts.append(w0)
                ends.append(m.end())
                kinds.append(ps[0][1])
                last.append(True)
                word_at.append(w0)
                continue
            pos = w0
            for k, (piece, kind) in enumerate(ps):
                words.append(piece)
                starts.append(pos)
                pos += len(piece)
                ends.append(pos)
                kinds.append(kind)
                last.append(k == len(ps) - 1)
                word_at.append(w0)
        return words, starts, ends, kinds, last, word_at

    def compile(self) -> Matchers:
        """Build spaCy's matchers now (else at the first `find_all`)."""
        self._build()
        return self

    def _build(self) -> tuple[Any, Any, dict]:
        if self._built is None:
            from .backends.doc import import_spacy

            import_spacy()  # spaCy without torch on the builtin path
            from spacy.matcher import PhraseMatcher
            from spacy.tokens import Doc
            from spacy.vocab import Vocab

            vocab = Vocab()
            phrases = PhraseMatcher(vocab)
            targets: dict[int, list[tuple[str, str, str, bool, int, int]]] = {}
            for key, pieces, found in _kept_plan(self):
                self._reach = max(self._reach, len(pieces))
                kid = vocab.strings.add(key)
                phrases.add(key, [Doc(vocab, words=list(pieces))])
                targets[kid] = found
            self._built = (vocab, phrases, targets)
            _BUILT.append(self)
            del _BUILT[:-_KEEP_BUILT]
        return self._built

    def _plan(self) -> list[tuple[str, tuple[str, ...], list[tuple[str, str, str, bool, int, int]]]]:
        """What the spaCy matchers are built from: each pattern's key and pieces, with what a hit
        of it is in which list, in the order first made."""
        plan: dict[str, tuple[tuple[str, ...], list[tuple[str, str, str, bool, int, int]]]] = {}
        patterns = _Donor.find(self)
        for name, pl in self.lists.items():
            for phrase, (label, role) in pl.labels.items():
                bare = phrase in pl.bare
                for pieces, before, after in patterns(phrase, bare):
                    plan.setdefault(f"{before} {after} {' '.join(pieces)}", (pieces, []))[1].append(
                        (name, label, role, bare, before, after))
                words = tuple(piece for w in phrase.split(" ")[:-1] for piece in self.pieces_of(w))
                if _ORPHAN.search(phrase) and words:  # open-ended: ل / ب glued to the next word
                    # the glued letter is checked on the match
                    plan.setdefault("open " + " ".join(words) + " " + phrase[-1], (words, []))[1].append(
                        (name, label, role, False, 0, -1))
        return [(key, pieces, found) for key, (pieces, found) in plan.items()]

    def cut_after(self, text: str, stop: int) -> int:
        """Where `text` can be cut with the same hits starting before `stop` found in it.

        A hit is a run of at most `_reach` pieces, each in one whitespace-separated word, and its
        tests read the piece after it: so a hit that starts before `stop` lies in the word that
        holds `stop` and the `_reach` words after it. Of overlapping hits, the one kept is decided
        among those whose word starts no later than its own (`find_all`'s ranking), all of them
        found in the cut text too; and a word is cut into the same pieces whatever follows it.
        """
        self._build()
        for k, m in enumerate(SPACED_WORD.finditer(text, stop)):
            if k == self._reach:
                return m.end()
        return len(text)

    def find_all(self, text: str, start: int = 0, end: int | None = None) -> dict[str, list[Hit]]:
        """Every list's hits in folded `text` (in the words from `start` to `end`), in order and
        not overlapping."""
        vocab, phrases, targets = self._build()  # imports spaCy the builtin path's way first
        from spacy.tokens import Doc

        words, starts, ends, kinds, last, word_at = self._cut(text, start, end)
        # (word start, starts inside it, minus letters before it, minus end, order found, start, end,
        # label, role) per hit: ranked as tuples, a Hit made only for those kept (most overlap)
        found: dict[str, list[tuple]] = {name: [] for name in self.lists}
        if words:
            doc = Doc(vocab, words=words)
            strings = vocab.strings
            n = 0
            for kid, s, e in phrases(doc):
                if kinds[s] == ENDING:
                    continue  # a hit starts a word or follows its proclitics
                for name, label, role, bare, before, after in targets[kid]:
                    if after < 0:  # open-ended: the glued letter starts the next word
                        if e == len(words) or not last[e - 1] or words[e][0] != strings[kid][-1]:
                            continue
                        hs, he = starts[s], starts[e] + 1
                    else:
                        # a hit ends its word, or stands before the word's ending
                        if not (last[e - 1] or (not bare and kinds[e] == ENDING and last[e])):
                            continue
                        hs, he = starts[s] + before, ends[e - 1] - after
                    w0 = word_at[s]
                    n += 1
                    found[name].append((w0, hs > w0, w0 - hs, -he, n, hs, he, label, role))
        out: dict[str, list[Hit]] = {}
        for name, ranked in found.items():
            ranked.sort()  # by the first four, then the order found (unique): a stable sort on the four
            kept: list[Hit] = []
            reach = -1
            for r in ranked:
                if r[5] >= reach:
                    kept.append(Hit(r[5], r[6], r[7], r[8]))
                    reach = r[6]
            out[name] = kept  # in order of start: each kept hit starts at or after the end of the one before
        return out


# Matchers built in this process (the last few): one whose vocabulary is close to a new one's
# gives it the patterns of the phrases both cut alike (`_Donor`)
_BUILT: list[Matchers] = []
_KEEP_BUILT = 16
_AFFIX_BEFORE = frozenset(("", *_CLITICS))
# the proclitics ending in the preposition ل and the article's lam, before a word less its ال
ELIDING = ("لل", "ولل", "فلل")
_AFFIX_AFTER = frozenset(("", *_ENDINGS))


@lru_cache(maxsize=1)
def plan_cache() -> Path | None:
    """Where matchers' plans are kept between processes (`_kept_plan`): the user's cache folder
    (~/.cache/discrepancy/matchers on Linux), as fetched pages are; None: nowhere."""
    import platformdirs

    return platformdirs.user_cache_path("discrepancy") / "matchers"


@lru_cache(maxsize=1)
def _code() -> bytes | None:
    """The package's code, which cuts phrases into patterns (this file with what it imports:
    `normalize.fold`, the number words...): all of it, so that no change to it can leave a stale
    plan. None where it cannot be read (a zipped install)."""
    try:
        return b"".join(f.read_bytes() for f in sorted(Path(__file__).parent.rglob("*.py")))
    except OSError:
        return None


_KEEP_PLANS = 64  # plan files kept (the newest): a plan's rules and code change, its old files stay


def _kept_plan(m: Matchers) -> list[tuple[str, tuple[str, ...], list[tuple[str, str, str, bool, int, int]]]]:
    """`m._plan()`, read from disk when a process made it before for the same lists and this
    file's code (cutting every phrase into its patterns is two thirds of building the matchers,
    in every process and every worker not forked: docs/performance.md). Kept as JSON, written
    whole or not at all; a file that cannot be read or written is passed over."""
    folder = plan_cache()
    code = _code()
    if folder is None or code is None:
        return m._plan()
    h = hashlib.sha256(code)
    h.update(json.dumps([(n, list(pl.labels.items()), sorted(pl.bare)) for n, pl in m.lists.items()],
                        ensure_ascii=False).encode())
    path = folder / f"{h.hexdigest()[:32]}.json"
    try:
        return [(key, tuple(pieces), [tuple(t) for t in found])
                for key, pieces, found in json.loads(path.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        pass
    plan = m._plan()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{path.stem}.{os.getpid()}.part")
        part.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        os.replace(part, path)
        for old in sorted(folder.glob("*.json"), key=lambda f: f.stat().st_mtime)[:-_KEEP_PLANS]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
    return plan


class _Donor:
    """The patterns of a phrase, taken from a Matchers built before when it would compute the same.

    Each profile set has its own lexicon, whose vocabulary (the words it knows) decides how a
    word is cut into pieces, and so each phrase's patterns: computing them was most of the
    0.3 s a set's matchers took to build, for each set in each process. A word's pieces
    (`Matchers.pieces`) read only whether the vocabulary holds the word, the word less a
    proclitic, less an ending, or less both; so a word is cut alike by two vocabularies unless
    it is a proclitic + a word one of them lacks + an ending. A phrase's patterns read the
    pieces of its words with every proclitic and ending around them, and for a one-word phrase
    which listed words hold it between a proclitic and 1-3 letters (`_extended`): where none of
    these reads a word the two vocabularies do not share, the donor's patterns are this
    lexicon's (the same `_new_patterns` would compute them).
    """

    def __init__(self, donor: Matchers, delta: frozenset[str]):
        self.donor = donor
        # the words a form of which (proclitic + word + ending) is p + d + e for a word d of one
        # vocabulary and not the other: the forms cut otherwise
        touched: set[str] = set()
        for d in delta:
            for x in {p + d + e for p in _AFFIX_BEFORE for e in _AFFIX_AFTER}:
                before = [p for p in (x[:k] for k in range(5)) if p in _AFFIX_BEFORE]
                after = [len(x) - len(e) for e in ("", x[-1:], x[-2:], x[-3:]) if e in _AFFIX_AFTER]
                touched.update(x[len(p) : k] for p in before for k in after)
        self.touched = touched
        self.extended_otherwise = {d[len(p) : len(d) - k] for d in delta for p in _AFFIX_BEFORE if d.startswith(p)
                                   for k in (1, 2, 3)}

    @staticmethod
    def find(m: Matchers):
        """`m._patterns`, or a function that takes the patterns from the nearest Matchers built."""
        best = min(((len(m.vocabulary ^ d.vocabulary), d) for d in _BUILT), default=None, key=lambda x: x[0])
        if best is None or best[0] > 200:  # far apart: most words would be cut otherwise
            return m._patterns
        return _Donor(best[1], m.vocabulary ^ best[1].vocabulary).patterns(m)

    def patterns(self, m: Matchers):
        def get(phrase: str, bare: bool) -> set[tuple[tuple[str, ...], int, int]]:
            words = _TOKEN.findall(phrase)
            if (len(words) == 1 and words[0] in self.extended_otherwise) or any(w in self.touched for w in words) \
                    or (words[0].startswith("ال") and words[0][2:] in self.touched):  # its elided forms
                return m._patterns(phrase, bare)
            return self.donor._patterns(phrase, bare)

        return get


def _space(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip())


class TreePatterns:
    """Dependency-tree patterns (`rules/lexicon/trees.yaml`) matched by spaCy's `DependencyMatcher`
    on a parsed Doc (heads and relations set: the Stanza backend), once per Doc.

    `pairs(doc, name)` gives, for the patterns under `name`, the (first node,
    last node) token indices of every match: for `counted`, (number, noun).
    """

    NAMES = ("counted",)

    def __init__(self, patterns: Mapping[str, list], path: Path | str = "trees.yaml"):
        self.patterns = {name: list(patterns.get(name) or []) for name in self.NAMES}
        self._path = path
        self._matcher: Any = None
        self._last: tuple[Any, dict[str, list[tuple[int, int]]]] | None = None
        self._build()  # a broken pattern is refused when the rules are read

    def __getstate__(self) -> dict:
        return {"patterns": self.patterns, "path": self._path}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["patterns"], state["path"])

    def _build(self) -> Any:
        if self._matcher is None:
            from .backends.doc import import_spacy, vocab

            import_spacy()
            from spacy.matcher import DependencyMatcher

            matcher = DependencyMatcher(vocab())
            self._keys: dict[int, tuple[str, int]] = {}
            for name, patterns in self.patterns.items():
                for n, pattern in enumerate(patterns, 1):
                    key = f"{name} #{n}"
                    self._keys[matcher.vocab.strings.add(key)] = (name, n)
                    try:
                        matcher.add(key, [pattern])
                    except (ValueError, KeyError, TypeError, AttributeError) as e:
                        problem = next((line.strip() for line in str(e).splitlines() if line.strip()), type(e).__name__)
                        raise RulesError.at(self._path, Errors.L023, name=f"{name} #{n}", problem=problem) from None
            self._matcher = matcher
        return self._matcher

    def pairs(self, doc: Any, name: str) -> list[tuple[int, int]]:
        """(first node, last node) of each match, by first node, then pattern order, then last node."""
        if self._last is None or self._last[0] is not doc:
            found: dict[str, list[tuple[int, int, int]]] = {n: [] for n in self.NAMES}
            for key, tokens in self._build()(doc):
                name_of, n = self._keys[key]
                found[name_of].append((tokens[0], n, tokens[-1]))
            self._last = (doc, {k: [(a, b) for a, _, b in sorted(set(v))] for k, v in found.items()})
        return self._last[1][name]


@dataclass(frozen=True)
class Lexicon:
    rules_dir: Path
    settings: Mapping[str, float]
    hedges: HedgeLexicon
    kinds: Mapping[str, Mapping[str, str]]  # quantity -> {event or "default": kind}
    human: frozenset[str]
    quantity_event: Mapping[str, str]  # quantities whose event is always the same (population: other)
    family: Mapping[str, str]  # quantity -> family (hostages_* -> hostages)
    event_only_for: Mapping[str, frozenset[str]]
    event_for_quantity: Mapping[str, str]
    event_for_population: Mapping[str, str]
    event_dates: Mapping[str, date]
    event_kind: Mapping[str, str]
    event_population: Mapping[str, str]
    event_type: Mapping[str, str]  # a profile's event -> its generic type (a story attack -> attack)
    event_for_type: Mapping[str, str]  # a generic type -> the profile's event that takes it (war -> the story's war)
    event_place: Mapping[str, str]  # events that fix their figures' place ("" : the event alone locates them)
    event_default_place: Mapping[str, str]  # an event's place when a figure's clause names none
    named_after_epicentre: frozenset[str]  # event types named after where they struck, reaching beyond it (events.yaml)
    at_one_site: frozenset[str]  # event types that happen at one site: where a sentence puts one is its figures' place (events.yaml)
    spreads: frozenset[str]  # event types that spread over several places at once (events.yaml)
    yield_to: frozenset[str]  # event types that take the yielding cues of an article mostly about them (events.yaml)
    # words before an event that name it as a time gone by (منذ انتهاء الحرب): no cue of the figures (events.yaml `past`)
    event_past: tuple[str, ...]
    # words before an event that, with a year after it, name a past event (events.yaml `since`)
    event_since: tuple[str, ...]
    populations: tuple[str, ...]
    nationalities: frozenset[str]
    events: tuple[str, ...]
    profiles: tuple[str, ...]  # the story profiles merged into this lexicon
    no_sides: frozenset[str]  # quantities whose population a side phrase never sets
    by_event: tuple[tuple[str, str, str, str], ...]  # (event type, quantity, becomes, unless: a quantity whose word in the sentence keeps it)
    share_base: frozenset[str]  # quantities whose noun after a share names its base (من السكان)
    living_where: frozenset[str]  # quantities a place people live in says (في مخيمات: displaced)
    by_population: tuple[tuple[str, str, str], ...]  # (population, quantity, becomes): a profile's convention
    places: PhraseList
    place_parent: Mapping[str, str]
    labels: Mapping[str, str]  # words for messages
    quantities: PhraseList
    refine: tuple[tuple[frozenset[str], str, str], ...]
    counted: tuple[tuple[str, str, str], ...]  # (generic noun's quantity, chosen quantity, becomes)
    population_terms: PhraseList
    sides: PhraseList
    combine: tuple[tuple[frozenset[str], str], ...]
    story_groups: frozenset[str]  # groups an event defines for everyone it counts (migrants)
    story_group_events: dict[str, frozenset[str]]  # the event types whose people a story group is
    story_group_quantities: dict[str, frozenset[str]]  # what a story group's people are counted for
    cross_groups: frozenset[str]  # groups by age or sex, found inside any other group (children)
    armed_groups: frozenset[str]  # groups that may be who did the harm (populations.yaml `armed_groups`)
    by_nationality: frozenset[str]  # groups named by nationality (foreigners): mixed with one, of none
    people: PhraseList  # words that count people without naming a group (شخصا، نسمة)
    event_cues: PhraseList
    other_cues: PhraseList
    sources: PhraseList
    source_heads: PhraseList
    non_claims: PhraseList  # units, things and naming words: a number next to one is no claim
    scope_cues: PhraseList  # what a figure includes or excludes (scope_notes.yaml)
    cue_prepositions: PhraseList
    cue_verbs: PhraseList
    modality: PhraseList
    trees: TreePatterns  # dependency-tree patterns for a parsed document (trees.yaml)
    # the nominative duals of the nationality words (إسباني → إسبانيان), and the feminine's (-يتان،
    # -يتين): a dual is a figure of two
    dual_people: frozenset[str] = frozenset()
    # the singulars of the nationality words (<national>ي، <national>يا، <national>ية): one person of it
    # when the noun is an item of a list of counted people (docs/annotation.md, lists by nationality)
    single_people: frozenset[str] = frozenset()
    # every form of the nationality words, folded: a list's items are counted people of one of them
    nationality_words: frozenset[str] = frozenset()
    # words as written that start like a source head but name no speaker (sources.yaml `not_heads`)
    not_heads: frozenset[str] = frozenset()
    # nouns of what a source issues (sources.yaml `reports`), folded: "التقرير" after a cue is its issuer
    report_nouns: frozenset[str] = frozenset()
    # words that say which tally a cue names (sources.yaml `latest`: آخر، أحدث), folded: no speaker
    latest: frozenset[str] = frozenset()
    # bodies a bare noun names (sources.yaml `self_named`), folded, without their article
    self_named: frozenset[str] = frozenset()
    # "في بيان لها" after a name or a referring noun: its speaker (sources.yaml `statements`), folded
    statements: tuple[str, ...] = ()
    # heads that name a body only with a country's adjective after them (sources.yaml `country_heads`)
    country_heads: frozenset[str] = frozenset()
    # words that set one source's figure against another's (sources.yaml `contrasts`), folded
    contrasts: tuple[str, ...] = ()
    # ... and those that open a sentence to set it against an earlier one (sources.yaml `contrast_openers`), folded
    contrast_openers: tuple[str, ...] = ()
    # ... and those that say a figure was given before the article's time (sources.yaml `earlier`), folded
    earlier: tuple[str, ...] = ()
    # region → the city whose outskirts it is (rules/gazetteer/places.yaml `around`)
    place_around: Mapping[str, str] = field(default_factory=dict)
    # words that name the country a text is about without its name (rules/gazetteer/places.yaml `the_country`), folded
    the_country: tuple[str, ...] = ()
    # the place of a count over a number of countries no region holds (rules/gazetteer/places.yaml `the_world`)
    the_world: str = ""
    # words that call a place the one an event hit hardest (rules/gazetteer/places.yaml `worst_hit`), folded
    worst_hit: tuple[str, ...] = ()
    place_holds: Mapping[str, frozenset[str]] = field(default_factory=dict)  # a region → the countries it groups
    news_agencies: frozenset[str] = frozenset()  # source keys of news agencies (sources.yaml `agencies`)
    carry_verbs: frozenset[str] = frozenset()  # cue verbs of carried words (sources.yaml `carries`), folded
    # ... of which those whose speaker comes after إلى (sources.yaml `ascribes`: نسبت), folded
    ascribe_verbs: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()  # words that open a person's name (sources.yaml `honorifics`), folded
    participles: frozenset[str] = frozenset()  # cue verbs' participles (sources.yaml `participles`), folded
    # a cue verb's gender where the list has both forms (قال/قالت، يقول/تقول، مشيرا/مشيرة): "m" or "f"
    verb_gender: Mapping[str, str] = field(default_factory=dict)
    # a national body no list names → its key: (folded words of the body, body) and the country's
    # folded adjectives → the key's country (sources.yaml `national_bodies`, `country_of`)
    national_bodies: tuple[tuple[tuple[str, ...], str], ...] = ()
    country_adjectives: Mapping[str, str] = field(default_factory=dict)
    # a place whose body is keyed by it ("وزارة الصحة في إسبانيا") → the key's country: the gazetteer's
    # countries, under sources.yaml `place_prefix` where the key is not the place's (the United Kingdom's key → uk)
    body_places: Mapping[str, str] = field(default_factory=dict)
    # a group everyone counted by these quantities is in (patients who recovered): no subgroup
    implied: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # a country's place key → its nationals' population (sources.yaml `country_of`, read backwards)
    country_nationality: Mapping[str, str] = field(default_factory=dict)
    # folded words that say an article breaks its toll down by nationality (populations.yaml `by_country`)
    by_country_cues: tuple[str, ...] = ()
    # folded words that introduce a toll of foreigners by country in parentheses, and the quantities
    # such an item counts (populations.yaml `by_country_listed`)
    by_country_listed_cues: tuple[str, ...] = ()
    by_country_listed_quantities: frozenset[str] = frozenset()
    # folded words naming a country's own people with its pronoun (populations.yaml `owned`)
    owned_words: frozenset[str] = frozenset()
    # folded words of the care a place gives its people (populations.yaml `served`)
    served_words: frozenset[str] = frozenset()
    # folded nouns of one person (populations.yaml `one_person`)
    one_person_words: frozenset[str] = frozenset()
    # folded rank words any armed force has, and the forces they are read as (populations.yaml `ranks`)
    rank_words: frozenset[str] = frozenset()
    rank_forces: frozenset[str] = frozenset()
    # the forces a sentence names as institutions (الشرطة), each with its folded names, and the folded
    # words of an army that make its ranks soldiers (populations.yaml `ranks`)
    rank_institutions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    rank_armies: tuple[str, ...] = ()
    # folded words that open a breakdown of a figure, by kind (populations.yaml `breakdown`)
    breakdown: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # words of care now or of leaving it (quantities.yaml `in_care`): the harmed they are said of
    # are counted for where they are now (`other`), not the toll
    in_care: PhraseList = field(default_factory=lambda: PhraseList(()))
    # words of fleeing said of the people a hostage-taking held (quantities.yaml `escape`): they escaped
    escape: PhraseList = field(default_factory=lambda: PhraseList(()))
    # words that open a sentence going on with the list before (quantities.yaml `list_goes_on`), folded
    list_goes_on: tuple[str, ...] = ()
    # verbs of killing said of a place right after it and right before it (quantities.yaml `kills`:
    # `after`, `before`), folded: the place is who killed (context.kills)
    kills: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    # words of being at the place an event struck (quantities.yaml `present`): `other` triggers whose
    # people are that event's
    present: PhraseList = field(default_factory=lambda: PhraseList(()))
    # words of people aboard a craft, before a figure or after it (`before`, `after`), and of what a
    # craft can hold (`capacity`): quantities.yaml `aboard`, read by alignment and by place
    aboard: Mapping[str, PhraseList] = field(default_factory=dict)
    # event types that spread like `spreads` when a run names them by one of these words (events.yaml
    # `spreads_when_named`: a forest fire spreads, a building's fire stays at its site)
    spreads_when_named: Mapping[str, PhraseList] = field(default_factory=dict)
    # words of everyone a harm befell and of their number (`everyone`, `number`): quantities.yaml
    # `all_of`, read by quantity.all_of
    all_of: Mapping[str, PhraseList] = field(default_factory=dict)

    def aboard_around(self, before: str, after: str) -> bool:
        """The folded text before a figure and after it say it counts the people aboard a craft
        (quantities.yaml `aboard`): a word of `before` in the few words before it (its hedge aside:
        "لا يقل عن" carries no one) or of `after` right after it, and no word of what a craft can
        hold (`capacity`) before it."""
        words = self.aboard
        if not words:
            return False
        before = " ".join(before.split()[-_ABOARD_BEFORE:])
        if words["capacity"].find(before):
            return False
        return bool(words["before"].find(before) or words["after"].find(" ".join(after.split()[:_ABOARD_AFTER])))

    def kills_re(self) -> tuple[re.Pattern, re.Pattern]:
        """The verbs of killing (quantities.yaml `kills`) right after a place and right before it."""
        return _kills_re(self.kills)

    def breakdown_re(self, template: str) -> re.Pattern:
        """`template` compiled with each `<kind>` in it replaced by the alternation of that kind's
        breakdown words (populations.yaml `breakdown`): `(?:<among>|<of>)` matches بينهم ... منهن."""
        return _breakdown_re(template, self.breakdown)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every folded word of every lexicon: the builtin tokenizer splits clitics off these."""
        matchers = (self.quantities, self.population_terms, self.sides, self.event_cues, self.other_cues,
                    self.sources, self.source_heads, self.non_claims, self.people, self.cue_prepositions, self.cue_verbs, self.modality,
                    self.places)
        return frozenset().union(*(m.words for m in matchers))

    @cached_property
    def matchers(self) -> Matchers:
        """Every phrase list of `MATCHED` in one set of spaCy matchers: one pass over a text finds them all."""
        return Matchers({name: getattr(self, name) for name in MATCHED})

    def match(self, text: str) -> dict[str, list[Hit]]:
        """The hits of every list of `MATCHED` in folded `text`, by list name."""
        return self.matchers.find_all(text)

    def compile(self) -> Lexicon:
        """Build the matchers now rather than at the first match: a process about to fork
        workers builds them once, and the workers start with them built."""
        self.matchers.compile()
        return self

    @cached_property
    def version(self) -> str:
        """A short hash of every file under rules/: which rules produced an archived claim."""
        h = hashlib.sha256()
        for path in sorted(self.rules_dir.rglob("*.yaml")):
            h.update(path.relative_to(self.rules_dir).as_posix().encode() + b"\0" + path.read_bytes())
        return h.hexdigest()[:12]

    def label(self, key: str) -> str:
        return self.labels.get(key, key.replace("_", " "))

    def kind(self, quantity: str, event: str) -> str:
        if event in self.event_kind:  # an event's own kind wins (other: current)
            return self.event_kind[event]
        k = self.kinds.get(quantity, {})
        return k.get(event) or k.get(self.event_type.get(event, "")) or k.get("default") or "current"

    def setting(self, name: str) -> float:
        return float(self.settings[name])


# the phrase lists a document is matched against (Lexicon.match)
NOT_GROUP = "not_group"  # the label and role of a populations.yaml `not_groups` phrase
MATCHED = ("quantities", "population_terms", "sides", "event_cues", "other_cues", "sources", "source_heads",
           "non_claims", "scope_cues", "cue_prepositions", "cue_verbs", "modality", "places", "people")

_SETTINGS_DEFAULTS = {"approx_tolerance": 0.02, "bound_units": 1, "settle_days": 14, "match_threshold": 60, "site_share": 0.5}


@lru_cache(maxsize=16)
def load_lexicon(rules_dir: str | Path | None = None, profiles: tuple[str, ...] = ()) -> Lexicon:
    """Read and check `rules/`: the generic core, plus the story `profiles` named.

    Cached: every article with the same profiles uses the same lexicon.
    A profile (rules/profiles/NAME.yaml) adds to the core's sections
    (`taxonomy`, `quantities`, `populations`, `events`, `sources`), never
    replacing them: lists are extended, mappings merged.
    """
    root = Path(rules_dir) if rules_dir else DEFAULT_RULES_DIR
    if not root.is_dir():
        raise RulesError.at(root, Errors.L005)
    lex = root / "lexicon"
    extra: dict[str, list[tuple[Path, dict]]] = {}
    for name in profiles:
        ppath = root / "profiles" / f"{name}.yaml"
        if not ppath.exists():
            known = ", ".join(sorted(profile_names(root))) or "none"
            raise RulesError.at(ppath, Errors.L004, known=known)
        pdata = _load(ppath, dict)
        for section in ("taxonomy", "quantities", "populations", "events", "sources"):
            if pdata.get(section) is not None:
                extra.setdefault(section, []).append((ppath, pdata[section]))

    def load(path: Path, section: str, optional: bool = False) -> Any:
        data = _load(path, dict, optional=optional) or {}
        for ppath, more in extra.get(section, []):
            if not isinstance(more, dict):
                raise RulesError.at(ppath, Errors.L013, section=section)
            data = _merge(data, more)
        return data

    def origin(path: Path, section: str, *keys: str) -> Path:
        """The file an entry of a merged section comes from: the last profile naming it, else the core's."""
        for ppath, more in reversed(extra.get(section, [])):
            node = more
            for k in keys:
                node = node.get(k) if isinstance(node, dict) else None
            if node is not None:
                return ppath
        return path

    tfile = root / "taxonomy.yaml"
    tax = load(tfile, "taxonomy")
    settings = {**_SETTINGS_DEFAULTS, **(_load(root / "settings.yaml", dict, optional=True) or {})}
    for k, v in settings.items():
        if not isinstance(v, int | float):
            raise RulesError.at(root / "settings.yaml", Errors.L014, name=k, value=v)

    quantities = _section(tax, "quantities", root / "taxonomy.yaml", dict)
    kinds: dict[str, dict[str, str]] = {}
    human = set()
    quantity_event: dict[str, str] = {}
    family: dict[str, str] = {}
    no_sides = set()
    share_base = set()
    living_where = set()
    for q, spec in quantities.items():
        spec = spec or {}
        if spec.get("share_base"):
            share_base.add(q)
        if spec.get("living_where"):
            living_where.add(q)
        if "event" in spec:
            quantity_event[q] = str(spec["event"])
        if "family" in spec:
            family[q] = str(spec["family"])
        if spec.get("sides") is False:
            no_sides.add(q)
        kind = spec.get("kind", "current")
        kinds[q] = dict(kind) if isinstance(kind, dict) else {"default": kind}
        for ev, kd in kinds[q].items():
            if kd not in KINDS:
                raise RulesError.at(f"{origin(tfile, 'taxonomy', 'quantities', q)}: quantity {q} for {ev}", Errors.L015, kind=kd, known=", ".join(KINDS))
        if spec.get("human", True):
            human.add(q)
    nat_file = root / "gazetteer" / "nationalities.yaml"
    nat = _load(nat_file, dict)
    populations = tuple(_section(tax, "populations", root / "taxonomy.yaml", list)) + tuple(
        k for k in nat if k not in tax["populations"])
    events = _section(tax, "events", root / "taxonomy.yaml", dict)
    event_dates, event_population, event_kind, event_type, event_place, event_default_place = {}, {}, {}, {}, {}, {}
    for ev, spec in events.items():
        spec = spec or {}
        efrom = origin(tfile, "taxonomy", "events", ev)
        if "kind" in spec:
            if spec["kind"] not in KINDS:
                raise RulesError.at(f"{efrom}: event {ev}", Errors.L015, kind=spec["kind"], known=", ".join(KINDS))
            event_kind[ev] = spec["kind"]
        if "date" in spec:
            d = spec["date"]
            event_dates[ev] = d if isinstance(d, date) else _date(d, efrom, f"event {ev} date")
        if "default_population" in spec:
            event_population[ev] = _known(spec["default_population"], populations, efrom, f"event {ev} default_population")
        if "type" in spec:
            event_type[ev] = _known(spec["type"], events, efrom, f"event {ev} type")
        if "place" in spec:
            event_place[ev] = str(spec["place"] or "")
        if spec.get("default_place"):
            event_default_place[ev] = str(spec["default_place"])

    qfile = lex / "quantities.yaml"
    qdata = load(qfile, "quantities")
    q_entries = []
    refine = []
    counted: list[tuple[str, str, str]] = []
    by_event: list[tuple[str, str, str, str]] = []
    by_population: list[tuple[str, str, str]] = []
    care_entries: list[tuple[str, str, str]] = []
    escape_entries: list[tuple[str, str, str]] = []
    present_entries: list[tuple[str, str, str]] = []
    role_words: dict[str, dict[str, PhraseList]] = {q: {} for q in _ROLE_WORDS}
    kills: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    list_goes_on: tuple[str, ...] = ()
    for q, spec in qdata.items():
        if q == "counted":
            for r in spec or []:
                counted.append((_known(r.get("noun"), quantities, qfile, "counted"), _known(r.get("quantity"), quantities, qfile, "counted"),
                                _known(r.get("becomes"), quantities, qfile, "counted")))
            continue
        if q == "refine":
            for r in spec or []:
                wholes = frozenset(_known(w, quantities, qfile, "refine") for w in r.get("whole", []))
                refine.append((wholes, _known(r.get("part"), quantities, qfile, "refine"), _known(r.get("becomes"), quantities, qfile, "refine")))
            continue
        if q == "by_event":
            for r in spec or []:
                by_event.append((_known(r.get("event"), events, qfile, "by_event"), _known(r.get("quantity"), quantities, qfile, "by_event"),
                                 _known(r.get("becomes"), quantities, qfile, "by_event"),
                                 _known(r["unless"], quantities, qfile, "by_event") if r.get("unless") else ""))
            continue
        if q in ("in_care", "present"):
            # words of care now or of leaving it (`in_care`), of being there (`present`): `other`
            # triggers, and what each list finds
            found = care_entries if q == "in_care" else present_entries
            for phrase in spec or []:
                q_entries.append((str(phrase), "other", "trigger"))
                found.append((str(phrase), "other", "trigger"))
            continue
        if q == "escape":
            # words of fleeing said of hostages: no quantity's triggers of their own (quantity.escaped)
            escape_entries += [(str(w), "other", "escape") for w in spec or []]
            continue
        if q == "names":
            # a name that holds a word of harm or release (a square's): it wins the match and counts nothing
            q_entries += [(str(w), "", "name") for w in spec or []]
            continue
        if q == "list_goes_on":
            list_goes_on = tuple(fold(str(w)) for w in spec or [])  # classify: no quantity's triggers
            continue
        if q in _ROLE_WORDS:
            # people aboard a craft and what a craft can hold (align.py), everyone a harm befell and
            # their number (quantity.all_of): no quantity of their own
            role_words[q] = {role: PhraseList((str(w), role, role) for w in (spec or {}).get(role) or [])
                             for role in _ROLE_WORDS[q]}
            continue
        if q == "kills":
            # verbs of killing that make a place who killed (context.kills): no quantity's triggers
            kills = tuple(tuple(fold(str(w)) for w in (spec or {}).get(side) or []) for side in ("after", "before"))
            continue
        if q == "by_population":
            for r in spec or []:
                by_population.append((_known(r.get("population"), populations, qfile, "by_population"),
                                      _known(r.get("quantity"), quantities, qfile, "by_population"),
                                      _known(r.get("becomes"), quantities, qfile, "by_population")))
            continue
        _known(q, quantities, origin(qfile, "quantities", q), "quantity")
        unknown = set(spec or {}) - {"triggers", "nouns", "generic"}
        if unknown:
            raise RulesError.at(f"{origin(qfile, 'quantities', q)}: quantity {q}", Errors.L017, fields=", ".join(sorted(map(str, unknown))),
                                known="triggers, nouns, generic")
        for role, name in (("triggers", "trigger"), ("nouns", "noun"), ("generic", "generic")):
            for phrase in (spec or {}).get(role, []) or []:
                q_entries.append((str(phrase), q, name))

    pfile = lex / "populations.yaml"
    pdata = load(pfile, "populations")
    p_entries = [(str(w), _known(p, populations, pfile, "terms"), "term") for p, ws in (pdata.get("terms") or {}).items() for w in ws]
    p_entries += [(str(w), str(p), "term") for p, ws in nat.items() for w in ws or []]
    # the feminine's dual names its nationality too (-يتان: two women of it), as the masculine's
    # does through its ending
    p_entries += [(str(w) + end, str(p), "term") for p, ws in nat.items() for w in ws or [] if str(w).endswith("ي")
                  for end in _FEMININE_DUAL]
    # phrases in which a group's word names no one (populations.yaml `not_groups`): matched with the
    # terms, so the longer phrase wins over the word inside it; Context drops them
    p_entries += [(str(w), NOT_GROUP, NOT_GROUP) for w in pdata.get("not_groups") or []]
    s_entries = [(str(w), _known(p, populations, pfile, "sides"), "side") for p, ws in (pdata.get("sides") or {}).items() for w in ws]
    combine = tuple(
        (frozenset(_known(x, populations, pfile, "combine") for x in c["all"]), _known(c["becomes"], populations, pfile, "combine"))
        for c in pdata.get("combine") or []
    )
    sg = pdata.get("story_groups") or {}
    sg = {g: v or {} for g, v in (sg if isinstance(sg, dict) else dict.fromkeys(sg)).items()}
    story_groups = frozenset(_known(g, populations, pfile, "story_groups") for g in sg)
    # the event types whose people a story group is, and what they are counted for (none listed: any)
    story_group_events = {str(g): frozenset(_known(t, events, pfile, f"story_groups {g}") for t in v.get("events") or [])
                          for g, v in sg.items() if v.get("events")}
    story_group_quantities = {str(g): frozenset(_known(q, quantities, pfile, f"story_groups {g}") for q in v.get("quantities") or [])
                              for g, v in sg.items() if v.get("quantities")}
    cross_groups = frozenset(_known(g, populations, pfile, "cross_groups") for g in pdata.get("cross_groups") or [])
    armed_groups = frozenset(_known(g, populations, pfile, "armed_groups") for g in pdata.get("armed_groups") or [])
    by_nationality = frozenset(_known(g, populations, pfile, "by_nationality") for g in pdata.get("by_nationality") or [])
    people_entries = [(str(w), "people", "people") for w in pdata.get("people") or []]
    implied = {_known(g, populations, pfile, "implied"): frozenset(_known(q, quantities, pfile, "implied") for q in qs or [])
               for g, qs in (pdata.get("implied") or {}).items()}

    efile = lex / "events.yaml"
    edata = load(efile, "events")
    yielding = edata.get("yielding") or {}
    yields = {str(w) for w in yielding.get("cues") or []}
    e_entries = [(str(w), _known(e, events, efile, "cues"), "yields" if str(w) in yields else "cue")
                 for e, ws in (edata.get("cues") or {}).items() for w in ws]
    yield_to = frozenset(_known(t, events, efile, "yielding") for t in yielding.get("to") or [])
    o_entries = [(str(w), "other", "window") for w in edata.get("other") or []]
    o_entries += [(str(w), "other", "day") for w in edata.get("day") or []]
    o_entries += [(str(w), "other", "new") for w in edata.get("new") or []]
    o_entries += [(str(w), "other", "total") for w in edata.get("total") or []]
    o_entries += [(str(w), "other", "raises") for w in edata.get("raises") or []]
    only_for = {
        _known(e, events, efile, "only_for"): frozenset(_known(q, quantities, efile, f"only_for {e}") for q in qs)
        for e, qs in (edata.get("only_for") or {}).items()
    }
    for_quantity = {
        _known(q, quantities, efile, "default_for_quantity"): _known(e, events, efile, "default_for_quantity")
        for q, e in (edata.get("default_for_quantity") or {}).items()
    }
    for_population = {
        _known(p, populations, efile, "default_for_population"): _known(e, events, efile, "default_for_population")
        for p, e in (edata.get("default_for_population") or {}).items()
    }
    for_type = {_known(t, events, efile, "map_types"): _known(e, events, efile, "map_types")
                for t, e in (edata.get("map_types") or {}).items()}
    epicentre = frozenset(_known(t, events, efile, "named_after_epicentre") for t in edata.get("named_after_epicentre") or [])
    one_site = frozenset(_known(t, events, efile, "at_one_site") for t in edata.get("at_one_site") or [])
    spreads = frozenset(_known(t, events, efile, "spreads") for t in edata.get("spreads") or [])
    spreads_when_named = {_known(t, events, efile, "spreads_when_named"): PhraseList((str(w), t, "spreads") for w in ws or [])
                          for t, ws in (edata.get("spreads_when_named") or {}).items()}
    for q, e in quantity_event.items():
        _known(e, events, origin(tfile, "taxonomy", "quantities", q), f"quantity {q} event")

    sfile = lex / "sources.yaml"
    sdata = load(sfile, "sources")
    src_entries = [(str(w), key, "source") for key, ws in (sdata.get("names") or {}).items() for w in ws]
    head_entries = [(str(w), "head", "head") for w in [*(sdata.get("heads") or []), *(sdata.get("country_heads") or [])]]
    prep = [(str(w), "prep", "cue") for w in sdata.get("prepositions") or []]
    verb_words = [str(w) for w in (sdata.get("verbs") or []) + (sdata.get("participles") or [])]
    verbs = [(w, "verb", "cue") for w in verb_words]

    gfile = root / "gazetteer" / "places.yaml"
    gdata = _gazetteer(root)
    place_entries, place_parent, place_around, place_holds = [], {}, {}, {}
    for key, names in (gdata.get("countries") or {}).items():
        place_entries += [(str(w), str(key), "place") for w in names or []]
    for key, names in (gdata.get("bodies") or {}).items():  # a country's own ministries: a last resort
        place_entries += [(str(w), str(key), "body") for w in names or []]
    place_entries += [(str(w), "", "not_place") for w in gdata.get("not_places") or []]
    for key, spec in (gdata.get("regions") or {}).items():
        if not isinstance(spec, dict):
            raise RulesError.at(f"{gfile}: region {key}", Errors.L018, value=_short(spec))
        place_entries += [(w, str(key), "place") for w in _region_names(gdata, spec)]
        if spec.get("in"):
            place_parent[str(key)] = str(spec["in"])
        if spec.get("around"):
            place_around[str(key)] = str(spec["around"])
        if spec.get("holds"):
            place_holds[str(key)] = frozenset(str(k) for k in spec["holds"])

    nfile = lex / "non_claims.yaml"
    ndata = _load(nfile, dict)
    roles = ("units", "things", "named", "capacity", "years", "days")
    unknown = set(ndata) - set(roles)
    if unknown:
        raise RulesError.at(nfile, Errors.L019, sections=", ".join(sorted(map(str, unknown))), known=", ".join(roles))
    non_claim_entries = [(str(w), role, role) for role in roles for w in ndata.get(role) or []]

    scfile = lex / "scope_notes.yaml"
    scdata = _load(scfile, dict, optional=True) or {}
    scope_entries = [(str(w), str(kind), "scope") for kind, ws in scdata.items() for w in ws or []]

    mfile = lex / "modality.yaml"
    mdata = _load(mfile, dict)
    m_entries = []
    for mod, ws in mdata.items():
        # `fact`: phrases that hold a cue's word without its sense (في عرض البحر: off the coast, no offer);
        # the longer phrase wins the match, and a fact cue changes nothing
        if mod not in ("estimate", "proposal", "denial", "fact"):
            raise RulesError.at(mfile, Errors.L020, modality=mod, known="estimate, proposal, denial, fact")
        m_entries += [(str(w), mod, "cue") for w in ws or []]

    trfile = lex / "trees.yaml"
    trdata = _load(trfile, dict, optional=True) or {}
    unknown = set(trdata) - set(TreePatterns.NAMES)
    if unknown:
        raise RulesError.at(trfile, Errors.L019, sections=", ".join(sorted(map(str, unknown))), known=", ".join(TreePatterns.NAMES))
    for name, patterns in trdata.items():
        if not isinstance(patterns, list) or not all(isinstance(p, list) and p and all(isinstance(n, dict) for n in p)
                                                     for p in patterns):
            raise RulesError.at(trfile, Errors.L023, name=name, problem="must be a list of patterns, each a list of nodes")
    trees = TreePatterns(trdata, trfile)

    hfile = lex / "hedges.yaml"
    try:
        hedges = HedgeLexicon.from_mapping(_load(hfile, dict))
    except (ValueError, AttributeError) as e:
        raise RulesError.at(hfile, Errors.L021, problem=e) from None

    return Lexicon(
        rules_dir=root,
        settings=settings,
        hedges=hedges,
        kinds=kinds,
        human=frozenset(human),
        quantity_event=quantity_event,
        family=family,
        event_only_for=only_for,
        event_for_quantity=for_quantity,
        event_for_population=for_population,
        event_dates=event_dates,
        event_kind=event_kind,
        event_population=event_population,
        event_type=event_type,
        event_place=event_place,
        event_default_place=event_default_place,
        named_after_epicentre=epicentre,
        at_one_site=one_site,
        spreads=spreads,
        spreads_when_named=spreads_when_named,
        yield_to=yield_to,
        event_past=tuple(fold(str(w)) for w in edata.get("past") or []),
        event_since=tuple(fold(str(w)) for w in edata.get("since") or []),
        event_for_type=for_type,
        populations=populations,
        nationalities=frozenset(nat),
        events=tuple(events),
        profiles=tuple(profiles),
        no_sides=frozenset(no_sides),
        by_event=tuple(by_event),
        by_population=tuple(by_population),
        share_base=frozenset(share_base),
        living_where=frozenset(living_where),
        places=PhraseList(place_entries),
        place_parent=place_parent,
        place_around=place_around,
        place_holds=place_holds,
        labels={str(k): str(v or "") for k, v in (tax.get("labels") or {}).items()},
        quantities=PhraseList(q_entries),
        in_care=PhraseList(care_entries),
        escape=PhraseList(escape_entries),
        list_goes_on=list_goes_on,
        kills=kills,
        present=PhraseList(present_entries),
        aboard=role_words["aboard"],
        all_of=role_words["all_of"],
        refine=tuple(refine),
        counted=tuple(counted),
        population_terms=PhraseList(p_entries),
        sides=PhraseList(s_entries),
        combine=combine,
        story_groups=story_groups,
        story_group_events=story_group_events,
        story_group_quantities=story_group_quantities,
        cross_groups=cross_groups,
        armed_groups=armed_groups,
        by_nationality=by_nationality,
        implied=implied,
        people=PhraseList(people_entries),
        event_cues=PhraseList(e_entries),
        other_cues=PhraseList(o_entries),
        sources=PhraseList(src_entries),
        source_heads=PhraseList(head_entries),
        non_claims=PhraseList(non_claim_entries),
        scope_cues=PhraseList(scope_entries),
        cue_prepositions=PhraseList(prep),
        cue_verbs=PhraseList(verbs),
        modality=PhraseList(m_entries),
        trees=trees,
        not_heads=frozenset(str(w) for w in sdata.get("not_heads") or []),
        report_nouns=frozenset(fold(str(w)) for w in sdata.get("reports") or []),
        latest=frozenset(fold(str(w)) for w in sdata.get("latest") or []),
        self_named=frozenset(re.sub(r"^ال", "", fold(str(w))) for w in sdata.get("self_named") or []),
        news_agencies=frozenset(str(k) for k in sdata.get("agencies") or []),
        carry_verbs=frozenset(fold(str(w)) for w in [*(sdata.get("carries") or []), *(sdata.get("ascribes") or [])]),
        ascribe_verbs=frozenset(fold(str(w)) for w in sdata.get("ascribes") or []),
        honorifics=frozenset(fold(str(w)) for w in sdata.get("honorifics") or []),
        verb_gender=_verb_gender(fold(w) for w in verb_words),
        participles=frozenset(fold(str(w)) for w in sdata.get("participles") or []),
        country_heads=frozenset(re.sub(r"^ال", "", fold(str(w))) for w in sdata.get("country_heads") or []),
        statements=tuple(sorted({fold(str(w)) for w in sdata.get("statements") or []}, key=len, reverse=True)),
        contrasts=tuple(fold(str(w)) for w in sdata.get("contrasts") or []),
        contrast_openers=tuple(fold(str(w)) for w in sdata.get("contrast_openers") or []),
        earlier=tuple(fold(str(w)) for w in sdata.get("earlier") or []),
        national_bodies=tuple(sorted(((tuple(fold(str(w)).split()), str(body))
                                      for body, ws in (sdata.get("national_bodies") or {}).items() for w in ws or []),
                                     key=lambda x: -len(x[0]))),
        # a country's adjective, and its plural after people (المحققون الروس، مسؤولون روس)
        country_adjectives={form: str(country) for nationality, country in (sdata.get("country_of") or {}).items()
                            for w in nat.get(nationality) or []
                            for form in ((fold(str(w)), fold(str(w)) + "ه", "ال" + fold(str(w)), "ال" + fold(str(w)) + "ه")
                                         if fold(str(w)).endswith("ي") else (fold(str(w)), "ال" + fold(str(w))))},
        # (and the feminine's, in either case: -ي → -يتان، -يتين; the masculine -يين is also a plural)
        dual_people=frozenset(fold(w) + end for forms in nat.values() for w in (forms or ()) if fold(w).endswith("ي")
                              for end in ("ان", *_FEMININE_DUAL)),
        # (bare, accusative and feminine: <national>ي، <national>يا، <national>ية)
        single_people=frozenset(f + end for forms in nat.values() for f in map(fold, forms or ())
                                for end in (("", "ا", "ه") if f.endswith("ي") else ("",) if f.endswith("يه") else ())),
        nationality_words=frozenset(fold(w) for forms in nat.values() for w in (forms or ())),
        body_places={str(k): str(v) for k, v in {**{k: k for k in gdata.get("countries") or {}},
                                                 **(sdata.get("place_prefix") or {})}.items()},
        the_country=tuple(fold(str(w)) for w in gdata.get("the_country") or []),
        the_world=str(gdata.get("the_world") or ""),
        worst_hit=tuple(fold(str(w)) for w in gdata.get("worst_hit") or []),
        # a country whose key's prefix is another (the United Kingdom's key → uk) is found by the prefix too
        country_nationality={str(place): str(nationality) for nationality, country in (sdata.get("country_of") or {}).items()
                             for place in {str(country), *(str(k) for k, v in (sdata.get("place_prefix") or {}).items()
                                                           if str(v) == str(country))}
                             if place in (gdata.get("countries") or {})},
        by_country_cues=tuple(fold(str(w)) for w in pdata.get("by_country") or []),
        by_country_listed_cues=tuple(fold(str(w)) for w in (pdata.get("by_country_listed") or {}).get("words") or []),
        by_country_listed_quantities=frozenset(_known(q, quantities, pfile, "by_country_listed")
                                               for q in (pdata.get("by_country_listed") or {}).get("quantities") or []),
        owned_words=frozenset(fold(str(w)) for w in pdata.get("owned") or []),
        served_words=frozenset(fold(str(w)) for w in pdata.get("served") or []),
        one_person_words=frozenset(fold(str(w)) for w in pdata.get("one_person") or []),
        rank_words=frozenset(fold(str(w)) for w in (pdata.get("ranks") or {}).get("words") or []),
        rank_forces=frozenset(_known(g, populations, pfile, "ranks")
                              for g in (pdata.get("ranks") or {}).get("forces") or []),
        rank_institutions=tuple((_known(g, populations, pfile, "ranks"), tuple(fold(str(w)) for w in ws or []))
                                for g, ws in ((pdata.get("ranks") or {}).get("institutions") or {}).items()),
        rank_armies=tuple(fold(str(w)) for w in (pdata.get("ranks") or {}).get("armies") or []),
        breakdown=_breakdown(pdata.get("breakdown"), pfile),
    )


_BREAKDOWN_KINDS = ("among", "of", "among_things", "of_things")


def _breakdown(data: Any, path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """populations.yaml `breakdown`: each kind a list of single words, folded (L024 otherwise)."""
    if not (isinstance(data, dict) and set(data) == set(_BREAKDOWN_KINDS)
            and all(isinstance(v, list) and v and all(isinstance(w, str) and len(w.split()) == 1 for w in v)
                    for v in data.values())):
        raise RulesError.at(f"{path}: breakdown", Errors.L024, value=_short(data))
    return tuple((k, tuple(fold(w) for w in data[k])) for k in _BREAKDOWN_KINDS)


@lru_cache(maxsize=8)
def _kills_re(kills: tuple[tuple[str, ...], tuple[str, ...]]) -> tuple[re.Pattern, re.Pattern]:
    after, before = ("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)" for words in kills)
    return (re.compile(rf"[^\S\n]*(?:{after})(?!\S)"), re.compile(rf"(?<!\S)(?:{before})[^\S\n]+$"))


@lru_cache(maxsize=64)
def _breakdown_re(template: str, breakdown: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern:
    for kind, words in breakdown:
        template = template.replace(f"<{kind}>", "|".join(re.escape(w) for w in words))
    return re.compile(template)


def _verb_gender(verbs: Iterable[str]) -> dict[str, str]:
    """The gender of the cue verbs (folded) whose other form the list holds too: past قال/قالت,
    present يقول/تقول, participle مشيرا/مشيره; a verb alone in the list is left out."""
    have = set(verbs)
    gender: dict[str, str] = {}
    for w in have:
        for fem, masc in ((w, w[:-1]) if w.endswith("ت") else ("", ""),
                          (w, "ي" + w[1:]) if w.startswith("ت") else ("", ""),
                          (w, w[:-1] + "ا") if w.endswith("ه") else ("", "")):
            if fem and masc in have:
                gender[fem], gender[masc] = "f", "m"
    return gender


def profile_names(rules_dir: str | Path | None = None) -> list[str]:
    root = Path(rules_dir) if rules_dir else DEFAULT_RULES_DIR
    return sorted(p.stem for p in (root / "profiles").glob("*.yaml")) if (root / "profiles").is_dir() else []


@lru_cache(maxsize=8)
def _profile_detectors(rules_dir: str | Path | None) -> tuple[tuple[str, int, PhraseList, frozenset[str], date | None], ...]:
    root = Path(rules_dir) if rules_dir else DEFAULT_RULES_DIR
    out = []
    for name in profile_names(root):
        path = root / "profiles" / f"{name}.yaml"
        detect = _load(path, dict).get("detect") or {}
        cues = detect.get("cues") if isinstance(detect, dict) else None
        need = detect.get("min_cues", 3) if isinstance(detect, dict) else None
        places = detect.get("places") if isinstance(detect, dict) else None
        since = _day(detect.get("since")) if isinstance(detect, dict) else None
        if (not isinstance(cues, list | type(None)) or not isinstance(need, int) or isinstance(need, bool) or need < 1
                or not isinstance(places, list | type(None)) or since is False):
            raise RulesError.at(f"{path}: detect", Errors.L022, value=_short(detect))
        if cues:
            out.append((name, need, PhraseList([(str(c), str(c), "cue") for c in cues]),
                        frozenset(str(p) for p in places or []), since or None))
    return tuple(out)


def _day(value: Any) -> date | None | bool:
    """A `detect.since` day (YAML reads 2023-04-15 as a date; a quoted one is a string); False
    when it is no day."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return False


@lru_cache(maxsize=8)
def _gazetteer(root: Path) -> dict:
    """rules/gazetteer/places.yaml, with the cities of cities.yaml (generated by
    bench/gazetteer.py, docs/gazetteer.md) among its regions; a hand-written region keeps its key.
    Read once per rules folder (the lexicon and the countries' list both read it); not to be changed."""
    gdata = _load(root / "gazetteer" / "places.yaml", dict)
    cfile = root / "gazetteer" / "cities.yaml"
    cities = (_load(cfile, dict, optional=True) or {}).get("cities") or {}
    if cities:
        regions = dict(gdata.get("regions") or {})
        for key, spec in cities.items():
            if not isinstance(spec, dict):
                raise RulesError.at(f"{cfile}: city {key}", Errors.L018, value=_short(spec))
            regions.setdefault(str(key), spec)
        gdata = {**gdata, "regions": regions}
    return gdata


def _region_names(gdata: dict, spec: dict) -> list[str]:
    """A region's names; for one `around` a city (the city's outskirts, rules/gazetteer/places.yaml),
    also each `outskirts` word before each of the city's names (ضواحي <city>، بالقرب من <city>): the
    longer name wins over the city's own, so a toll "near the city" is counted in its region."""
    names = [str(w) for w in spec.get("names") or []]
    city = spec.get("around")
    if city:
        places = {**(gdata.get("countries") or {}),
                  **{k: (v or {}).get("names") for k, v in (gdata.get("regions") or {}).items() if isinstance(v, dict)}}
        names += [f"{w} {n}" for w in gdata.get("outskirts") or [] for n in places.get(city) or []]
    return names


@lru_cache(maxsize=8)
def _countries(rules_dir: str | Path | None) -> tuple[PhraseList, dict[str, str]]:
    """The gazetteer's names, each to the country (top place) it lies in."""
    root = Path(rules_dir) if rules_dir else DEFAULT_RULES_DIR
    gdata = _gazetteer(root)
    parent = {str(k): str(v["in"]) for k, v in (gdata.get("regions") or {}).items() if isinstance(v, dict) and v.get("in")}
    entries = [(str(w), str(k), "place") for k, ws in (gdata.get("countries") or {}).items() for w in ws or []]
    entries += [(w, str(k), "place") for k, v in (gdata.get("regions") or {}).items()
                if isinstance(v, dict) for w in _region_names(gdata, v)]
    top = {}
    for key in {k for _, k, _ in entries}:
        p, seen = key, set()
        while p in parent and p not in seen:
            seen.add(p)
            p = parent[p]
        top[key] = p
    return PhraseList(entries), top


def before_story(name: str, published: date | None, rules_dir: str | Path | None = None) -> bool:
    """Whether an article published on `published` predates profile `name`'s story (its
    `detect.since`): such an article never takes the profile, not even from the run's majority."""
    since = next((d[4] for d in _profile_detectors(rules_dir) if d[0] == name), None)
    return bool(published and since and published < since)


def detect_profiles(text: str, rules_dir: str | Path | None = None, published: date | None = None) -> tuple[str, ...]:
    """The profiles whose cues an article names: at least `detect.min_cues` distinct ones, and,
    for a profile with `detect.places`, an article about one of those places: the country it
    names most (a city counts for its country, rules/gazetteer/places.yaml) is one of them, or it
    names none (an article about one country that recalls a war elsewhere is not about that war).
    An article published before a profile's `detect.since` (the story's first day) is not about
    that story, whatever it names: a 2019 report from a capital is no report on its 2023 war.

    A cue's hit holds its letters in a row, spaces aside (`Matchers` matches
    pieces of words, in a row, spaces between them or not), so a profile with
    fewer cues whose letters are in the text than it needs is not matched."""
    folded = normalized_text(text)  # not fold(): its cache is for short strings, not whole articles
    solid = "".join(folded.split())
    maybe = [(name, need, places) for name, need, cues, places, _ in _profile_detectors(rules_dir)
             if not before_story(name, published, rules_dir)
             and sum(any(w in solid for w in solid_cues) for solid_cues in cues.solid_by_label) >= need]
    if not maybe:
        return ()
    hits = detection_matchers(rules_dir).find_all(folded)  # one pass for every profile's cues and the places
    out, about = [], None
    for name, need, places in maybe:
        if len({h.label for h in hits[name]}) < need:
            continue
        if places:
            if about is None:
                counts = Counter(_countries(rules_dir)[1][h.label] for h in hits[""])
                most = max(counts.values(), default=0)
                about = {c for c, k in counts.items() if k == most}
            if about and not about & places:
                continue
        out.append(name)
    return tuple(out)


@lru_cache(maxsize=8)
def detection_matchers(rules_dir: str | Path | None) -> Matchers:
    """Every profile's cues (under its name) and the gazetteer's places (under ""), matched in one
    pass: an article is cut into pieces once for detection, not once per profile and once more
    for the places (lists are matched apart, as `Matchers` does for extraction's lexicons)."""
    return Matchers({**{name: cues for name, _, cues, *_ in _profile_detectors(rules_dir)}, "": _countries(rules_dir)[0]})


def _merge(base: Any, more: Any) -> Any:
    """A profile on top of the core: mappings merged key by key, lists extended."""
    if isinstance(base, dict) and isinstance(more, dict):
        out = dict(base)
        for k, v in more.items():
            out[k] = _merge(base[k], v) if k in base else v
        return out
    if isinstance(base, list) and isinstance(more, list):
        return base + [x for x in more if x not in base]
    return more


MAX_RULE_FILE_BYTES = 1_000_000
MAX_YAML_NODES = 100_000  # nodes once aliases are expanded: an "alias bomb" is refused, not expanded
# the code of each way reading a file can fail, for rule files (R) and the other files of rules/ (L)
_READ_CODES = {
    "R": {"unreadable": "R023", "large": "R008", "binary": "R010", "aliases": "R011", "yaml": "R007", "deep": "R012"},
    "L": {"unreadable": "L010", "large": "L006", "binary": "L007", "aliases": "L008", "yaml": "L003", "deep": "L009"},
}
_TYPE_WORDS = {dict: "mapping", list: "list", str: "string", int: "whole number", float: "number", type(None): "nothing"}


def read_yaml(path: Path, family: str = "L") -> Any:
    """A YAML file of `rules/`, read safely: text only, bounded in size and in what
    its aliases expand to (a few KB of anchors can stand for billions of nodes).
    `family` picks the codes of its errors: "R" for a conflict rule file, "L" otherwise."""
    codes = _READ_CODES[family]

    def fail(how: str, where: object = path, **fields: Any) -> RulesError:
        return RulesError.at(where, getattr(Errors, codes[how]), **fields)

    try:
        raw = path.read_bytes()
    except OSError as e:
        raise fail("unreadable", why=e.strerror or e) from None
    if len(raw) > MAX_RULE_FILE_BYTES:
        raise fail("large", size=len(raw), limit=MAX_RULE_FILE_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise fail("binary", why="binary?") from None
    if "\x00" in text:
        raise fail("binary", why="contains NUL bytes")
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()  # parsed once: its size is checked before anything is built from it
        size = _expanded_size(node)
        if size > MAX_YAML_NODES:
            raise fail("aliases", size=f"{size:,.0f}", limit=MAX_YAML_NODES)
        return None if node is None else loader.construct_document(node)
    except yaml.YAMLError as e:
        if "nesting depth" in str(getattr(e, "problem", "")):
            raise fail("deep") from None  # PyYAML 6.0.4 (libyaml) stops deep nesting itself, before a RecursionError
        mark = getattr(e, "problem_mark", None)
        raise fail("yaml", f"{path}{f' line {mark.line + 1}' if mark else ''}", problem=getattr(e, "problem", None) or e) from None
    except ValueError as e:  # a value YAML reads but cannot build: a 13th month (2023-13-07)
        raise fail("yaml", problem=e) from None
    except RecursionError:
        raise fail("deep") from None
    finally:
        loader.dispose()


def _expanded_size(node: Any) -> float:
    """Nodes of a composed YAML graph as if every alias were copied out (memoized, so cheap)."""
    sizes: dict[int, float] = {}
    busy: set[int] = set()

    def size(n: Any) -> float:
        key = id(n)
        if key in sizes:
            return sizes[key]
        if key in busy:
            return float("inf")  # an anchor inside itself: endless once expanded
        busy.add(key)
        total = 1.0
        if isinstance(n, yaml.SequenceNode):
            total += sum(size(c) for c in n.value)
        elif isinstance(n, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in n.value)
        busy.discard(key)
        sizes[key] = total
        return total

    return 0 if node is None else size(node)


def _load(path: Path, expected: type, optional: bool = False) -> Any:
    if not path.exists():
        if optional:
            return None
        raise RulesError.at(path, Errors.L002)
    data = read_yaml(path, "L")
    if not isinstance(data, expected):
        raise RulesError.at(path, Errors.L011, expected=_TYPE_WORDS.get(expected, expected.__name__),
                            found=_TYPE_WORDS.get(type(data), type(data).__name__))
    return data


def _short(x: Any, limit: int = 60) -> str:
    r = repr(x)
    return r if len(r) <= limit else r[: limit - 3] + "..."


def _section(data: Mapping[str, Any], key: str, path: Path, expected: type) -> Any:
    if not isinstance(data.get(key), expected):
        raise RulesError.at(path, Errors.L012, key=key, expected=_TYPE_WORDS.get(expected, expected.__name__))
    return data[key]


def _known(name: Any, known: Iterable[str], path: Path, where: str) -> str:
    known = list(known)
    if name not in known:
        raise RulesError.at(f"{path}: {where}", Errors.L001, name=name, known=", ".join(known))
    return str(name)


def _date(value: Any, path: Path, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise RulesError.at(f"{path}: {where}", Errors.L016, value=value) from None
