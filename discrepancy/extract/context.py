"""What every stage shares: the figure being built, the document's lexicon hits, the sentence.

- `Fig`: one figure on its way to a claim; each stage fills some of its fields.
- `DocHits`: every lexicon's hits in a document, matched once by spaCy's
  matchers (`Lexicon.match`), kept in the whole text for the lexicons a later
  sentence refers back to, else only in the sentences that hold a figure,
  sliced per sentence; also the document-level readings:
  the main event, the lead place, the story group, a source's antecedent.
- `Context`: one sentence: its hits per lexicon (`q_hits` quantities, `p_hits`
  population terms, `side_hits`, `e_hits` event cues, `o_hits` other cues,
  `place_hits`, `nc_hits` non-claims, `scope_hits`, `people_hits`, `src_hits`
  sources (plus Stanza's ORG/PER entities and phrases from a source head),
  `head_hits`, `prep_hits`/`verb_hits` cues, `mod_hits` modality), its figures
  (`figs`), and the distances the stages score with: `words_between`,
  `crosses_clause`, `numbers_between`, `clause_of`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from ..backends import AnnotatedDoc
from ..lexicon import ELIDING, NOT_GROUP, Hit, Lexicon
from ..normalize import SPACED_WORD, WEEKDAYS, fold
from ..numbers import NumberMention

# a year after an event's cue, within its phrase ("زلزال 2010"، "الزلزال الذي ضربها في عام 2010"، "الزلزال الذي بلغت
# قوته 8,8 درجات والذي أعقبه تسونامي في 27 شباط 2010")
_YEAR_AFTER = re.compile(r"[^.!?؟\n]{0,80}?(?<!\d)(?:19|20)\d\d(?!\d)")
_CLAUSE = re.compile(r"[؛;:]|(?<!\d)[،,]|[،,](?!\d)")  # a comma between digits (14,000) is a thousands mark
_NISBA = re.compile(r"\s+ال[\u0621-\u064a]{2,}(?:يه|ي)\b")
# a word that names people in the masculine plural (folded: "ال<nationals>ين"، "ال<nationals>ون"), from where it starts
_PLURAL_PEOPLE = re.compile(r"[\u0621-\u064a]*(?:يين|يون)(?![\u0621-\u064a])")
_AND_OTHERS = re.compile(r"\s*و\s*(?:باقي\s+|بقيه\s+)?(?:ال)?(?:مدن|محافظات|مناطق|ولايات|اقاليم)(?![\u0621-\u064a])")
# a town named with its country: "<town> في <country>"، "في دولة <country>" (folded: دوله), or with
# its state, also after a glued ب: "<island> بولاية <state>"، "<town> ب<country>"
IN_COUNTRY = re.compile(r"\s*(?:(?:في|فى)\s+|ب)(?:(?:دوله|ولايه)\s+)?")
# what follows a dateline's place: its country after a comma ("<city> ، <country> (AP) –"), then a
# date (also after في: "<city> في 17 أكتوبر /<agency>/", or after a slash: "<city>/26 أبريل 2015/<agency>/"),
# the agency in brackets, a dash, or a slash and its country ("<reporter>، <city>/<country>"); or, on
# the text's first line, a colon and the report (a colon then a figure heads a list item instead:
# event_place._label_place)
_DATELINE = re.compile(r"[ \t]*(?:[،,][ \t]*[\u0621-\u064a]+(?:[ \t]+[\u0621-\u064a]+){0,3}[ \t]*)?"
                       r"(?:(?:(?:في|فى)[ \t]+)?\d|\(|/[ \t]*[\u0621-\u064a\d]|[-–—][ \t])")
_FIRST_LINE_DATELINE = re.compile(r"[ \t]*:[ \t]*[\u0621-\u064a]")
# what may stand before a dateline's place at the start of its line: nothing, or its city (or the
# reporter's name: "<first> <last>، <city>/<country>") and a comma, or the outlet's name and a bar
# ("<outlet> | <city> – <country> – (وكالات)")
_DATELINE_CITY = re.compile(r"(?:[\u0621-\u064a]+(?:[ \t]+[\u0621-\u064a]+){0,2}[ \t]*[،,|][ \t]*)?")
# a dateline's place and its dash, before the country that follows it on its line
_DATELINE_THEN = re.compile(_DATELINE_CITY.pattern + r"[\u0621-\u064a]+(?:[ \t]+[\u0621-\u064a]+){0,2}[ \t]+[-–—][ \t]+")
# a byline's dash in the original text (a run of tatweel is one too: "<outlet> ـــ <city>")
_BYLINE_DASH = re.compile(r"(?:^|\s)[-–—ـ]+\s*$")


def _is_byline(doc: AnnotatedDoc, text: str, h: Hit) -> bool:
    """A place that ends the text's first line after a dash ("<outlet> - <city>"): where the
    outlet writes from."""
    line_end = text.find("\n", h.end)
    if "\n" in text[: h.start] or line_end < 0 or text[h.end : line_end].strip():
        return False
    return bool(_BYLINE_DASH.search(doc.article.text, 0, doc.normalized.origin[h.start]))


# a diplomat or mission, up to three words of its own (no في, no clause mark), then في (or a name
# listed with its في: في <city>)
_SEAT = re.compile(r"(?:^|\s)[وف]?(?:ال)?(?:سفير|سفاره|سفارات|قنصل|قنصليه|القنصل)"
                   r"(?:\s+(?!في\s|فى\s)[\u0621-\u064a]+){0,3}(?:\s+(?:في|فى))?\s+$")
_LED_BY = re.compile(r"(?:^|\s)(?:بقياده|بزعامه)\s+$")
# the history a record is set in ("الأكثر دموية في تاريخ <country>"، "أسوأ هجوم في تاريخ <city>")
_HISTORY_OF = re.compile(r"(?:^|\s)[وب]?تاريخ\s+$")
# a body's seat ("ومقرها <country>"، "ومقره في <city>"، "ومقره ب<city>"، "التي تتخذ من <country> مقرا لها")
_BASED_IN = re.compile(r"(?:^|\s)و?(?:ال)?مقر(?:ها|ه|هم)?\s+(?:(?:في|فى)\s+)?(?:العاصمه\s+(?:[\u0621-\u064a]+\s+)?)?ب?$")
_BASE_AFTER = re.compile(r"\s*مقرا(?![\u0621-\u064a])")
# the continent or region a country is said to lie in ("في الجزيرة الواقعة في <region>"، "الدولة الواقعة <region>")
_COUNTRY_LIES_IN = re.compile(r"(?:^|\s)[وفب]?(?:ال)?(?:دوله|بلد|جزيره|ارخبيل|مملكه|جمهوريه)\s+(?:ال)?واقع[هة]?\s+(?:(?:في|فى)\s+)?$")
_SECTION = re.compile(r"(?:^|\s)اخبار\s+$")  # a site's news section: "آخر أخبار <country>"، "اخبار <country>"
# an outlet's credit line: "المصدر / <city>:<outlet>" says where the outlet is, not what the news is about
_CREDIT = re.compile(r"(?:^|\s)المصدر\s*[/:]\s*$")
# a country whose citizens are counted ("العشرات من مواطني <country>") says who they are, not where
_CITIZENS = re.compile(r"(?:^|\s)(?:مواطني|رعايا)\s+$")
_CLAUSE_END = re.compile(r"[.!?؟\n،,؛]")  # where a clause ends (folded)
_WEATHER = re.compile(r"[ \t]*\n\s*-?\d+\s*°")  # the rest of a place's line, then a temperature on the next
_OF_ORIGIN = re.compile(r"[\u0621-\u064a]*\s+من\s+")  # the end of a group word, then من
_AGREES = re.compile(r"[\u0621-\u064a]{2,}(?<!و)ا\s+$")  # an accusative noun (not a verb's وا) before a word
WORDS = re.compile(r"[\u0621-\u064a0-9A-Za-z]+")
_JOINT = re.compile(r"\s+و")  # the و that joins a phrase's two words (مصرع وإصابة)
_NEXT = re.compile(r"\s*(?:ال)?")  # a number and the word next to it (26 وفاة، وإصابة العشرات)


# the quantities of harm done to people by the event (the toll's own counts), as against people
# counted for where they are or what else befell them
HARMS = frozenset({"killed", "wounded", "killed_or_wounded"})


# the quantity score of a figure no word of the lexicon counts: `other`, with nothing decided
# (classify may still give it the quantity of a list, a whole or a figure said again)
UNDECIDED = 99.0


@dataclass
class Fig:
    """A figure being turned into a claim: mention, place and what is known so far."""

    m: NumberMention
    start: int  # normalized offsets of the surface
    end: int
    quantity: str = "other"  # classify (quantity, parts' refine)
    quantity_score: float = UNDECIDED
    population: str = "unspecified"  # classify (population)
    at_large: bool = False  # classify: people counted for another reason, no group named (population all)
    event: str = ""  # classify (event_place)
    place: str = ""  # classify (event_place)
    scope_note: str = ""  # scope
    whole: Fig | None = None  # parts
    attribution: str = ""  # attribution
    attribution_text: str = ""
    speaker: Hit | None = None  # attribution: the words that name the source (normalized offsets)
    modality: str = "fact"  # classify (modality)
    running: bool = False  # classify: a running total read as a war (event_place.running_total)
    past: bool = False  # classify: a figure of a past event set beside the story's (event_place.past_event)


class DocHits:
    """Every lexicon's hits in a document, matched once, sliced per sentence.

    The lexicons in `_WHOLE_TEXT` are kept in the whole text; the others only
    in the sentences that hold a figure, a third of a news text.
    """

    _MATCHERS = ("quantities", "population_terms", "sides", "event_cues", "other_cues", "sources",
                 "source_heads", "non_claims", "scope_cues", "cue_prepositions", "cue_verbs", "modality", "places",
                 "people")
    # read beyond the sentences with a figure: the main event, the lead place, the source a
    # later "الوزارة" refers back to, the scope note a sentence with no figure opens with,
    # and the group the article is about (a story group: migrants)
    _WHOLE_TEXT = ("event_cues", "places", "sources", "source_heads", "scope_cues", "population_terms",
                   "cue_verbs", "cue_prepositions")  # and the cues that make a source a speaker (_speaks)

    def __init__(self, lex: Lexicon, text: str, spans: Sequence[tuple[int, int]], doc: AnnotatedDoc | None = None):
        found = lex.match(text)  # spaCy's matchers, one pass over the text (lexicon.Matchers)
        ends = [b for _, b in spans]
        self._hits = {
            name: found[name] if name in self._WHOLE_TEXT
            else [h for h in found[name] if (i := bisect_right(ends, h.start)) < len(spans)
                  and spans[i][0] <= h.start and h.end <= spans[i][1]]
            for name in self._MATCHERS
        }
        # an event named as a time gone by ("أسوأ أعمال عنف منذ انتهاء الحرب الأهلية") is no cue of
        # the figures near it, nor of what the article is about (events.yaml `past`)
        if lex.event_past:
            self._hits["event_cues"] = [h for h in self._hits["event_cues"]
                                        if not text[max(0, h.start - 24) : h.start].rstrip().endswith(lex.event_past)]
        # an event named after منذ or في إشارة إلى with its year ("أكبر مأساة منذ زلزال 2010"): a past event set
        # beside the story's, whose cue serves only the figures after it in its clause (events.yaml `since`)
        if lex.event_since:
            self._hits["event_cues"] = [Hit(h.start, h.end, h.label, "past")
                                        if text[max(0, h.start - 16) : h.start].rstrip().endswith(lex.event_since)
                                        and _YEAR_AFTER.match(text, h.end) else h
                                        for h in self._hits["event_cues"]]
        # a dateline ("<city> 21 نوفمبر 2024 (شينخوا)", "مدريد - ", "<city> ، <country> (AP) –") or a
        # byline ("<outlet> - <city>") says where the reporter is, not the figures
        self._hits["places"] = [h for h in self._hits["places"]
                                if not (h.role == "place" and (self._dateline(lex, text, h)
                                                               or (doc is not None and _is_byline(doc, text, h))))]
        # a place in the outlet's own name where the text writes it ("صباح <city>" on its first line,
        # "صحيفة <city> اليوم") names the outlet, not where the figures are
        outlet = fold(doc.article.outlet).strip() if doc is not None and doc.article.outlet else ""
        if len(outlet.split()) > 1:
            named = [(m.start(), m.end()) for m in re.finditer(re.escape(outlet), text)]
            self._hits["places"] = [h for h in self._hits["places"]
                                    if not any(a <= h.start and h.end <= b and h.end - h.start < b - a for a, b in named)]
        # a diplomat's seat ("القنصل العام <adjective> في <city>"، "سفارة <country> في <capital>") is where
        # the mission is, not where the nationals it counts were
        self._hits["places"] = [h for h in self._hits["places"]
                                if not _SEAT.search(text, max(0, h.start - 60), h.start)]
        # a body's seat ("منظمة ... ومقرها <country>") is where it works from, not where the people it
        # counts were
        self._hits["places"] = [h for h in self._hits["places"]
                                if not (_BASED_IN.search(text, max(0, h.start - 40), h.start) or _BASE_AFTER.match(text, h.end))]
        # nor is the continent or region the article's country is said to lie in: it says which country
        self._hits["places"] = [h for h in self._hits["places"] if not _COUNTRY_LIES_IN.search(text, max(0, h.start - 30), h.start)]
        # the place whose history a record is set in ("الهجوم الأكثر دموية في تاريخ <country> ... في <city>")
        # is what the event is measured against, not where its people were
        self._hits["places"] = [h for h in self._hits["places"] if not _HISTORY_OF.search(text, max(0, h.start - 12), h.start)]
        # a country that leads an alliance ("التحالف العربي بقيادة <country>") is one who acts, not where;
        # a page's weather widget (a city alone on its line, then its temperature) is no place of the text
        self._hits["places"] = [h for h in self._hits["places"]
                                if not _LED_BY.search(text, max(0, h.start - 12), h.start)
                                and not (not text[text.rfind("\n", 0, h.start) + 1 : h.start].strip()
                                         and _WEATHER.match(text, h.end))]
        # a place and the others of its kind ("<capital> والمحافظات"، "<city> ومدن أخرى") are the place it lies in
        self._hits["places"] = [Hit(h.start, h.end, lex.place_parent[h.label], h.role)
                                if h.label in lex.place_parent and _AND_OTHERS.match(text, h.end) else h
                                for h in self._hits["places"]]
        # the country a group comes from ("يسكنه عمال مهاجرون من <country>") is their origin, not a
        # place of the article's figures (population.from_country reads it as their nationality)
        # a group's word inside a phrase that names no group ("السجل المدني"، populations.yaml `not_groups`)
        self._hits["population_terms"] = [h for h in self._hits["population_terms"] if h.role != NOT_GROUP]
        groups = self._hits["population_terms"]
        self._hits["places"] = [h for h in self._hits["places"]
                                if not (h.label in lex.country_nationality
                                        and any(_OF_ORIGIN.fullmatch(text, g.end, h.start) for g in groups
                                                if g.end <= h.start <= g.end + 8))]
        # a verb takes no article ("التابع لوزارة" is no "تابع": continued) and ends in no ة ("في
        # إفادة" is a statement, no "أفاد")
        self._hits["cue_verbs"] = [h for h in self._hits["cue_verbs"] if text[h.start - 2 : h.start] != "ال"
                                   and not (doc is not None and _ends_in_ta_marbuta(doc, text, h))]
        # a country's name may read as its demonym with a case ending (ألمانيا is ألماني + ا):
        # a group term inside a longer place name is that place, not whom a figure counts,
        # unless it agrees with the accusative noun before it (مواطنا ألمانيا: a German citizen)
        places = sorted((h.start, h.end) for h in found["places"])
        reach = []  # the furthest end of the place names starting at or before each one
        for _s, e in places:
            reach.append(max(e, reach[-1]) if reach else e)
        self._hits["population_terms"] = [
            h for h in self._hits["population_terms"]
            if _AGREES.search(text, max(0, h.start - 20), h.start)
            or not ((i := bisect_right(places, (h.start, len(text)))) and reach[i - 1] >= h.end
                    and any(s <= h.start and e >= h.end and e - s > h.end - h.start for s, e in places[max(0, i - 4) : i]))]
        # and a place name inside a longer nationality's word is that word's stem (تشيليين: Chileans), whom a
        # figure counts, not where
        nationals = [(g.start, g.end) for g in self._hits["population_terms"] if g.label in lex.nationalities]
        self._hits["places"] = [h for h in self._hits["places"]
                                if not any(s <= h.start and h.end <= e and e - s > h.end - h.start for s, e in nationals)]
        # a country's own ministry stands for its country only where no place is named (place_of)
        # (and a phrase that holds a place's name without naming it is neither: places.yaml `not_places`)
        self._hits["bodies"] = [h for h in self._hits["places"] if h.role == "body"]
        self._hits["places"] = [h for h in self._hits["places"] if h.role == "place"]
        # a name that holds a word of harm or release names a place, not what befell anyone (quantities.yaml `names`)
        self._hits["quantities"] = [h for h in self._hits["quantities"] if h.role != "name"]
        self._lex = lex
        # clashes and a massacre are those of the event the article is mostly about by its other
        # cues, when that is one of the types they yield to (events.yaml `yielding`)
        main = self.main_event()
        if main and lex.event_type.get(main, main) in lex.yield_to:
            # and the word of harm inside such a cue, read as another event's, names who they are, not
            # what befell them: the patients of a burnt isolation ward (مركز عزل مصابي كورونا) are no
            # count of wounded (a kidnapping's word in an attack's article still counts the kidnapped)
            yielded = [h for h in self._hits["event_cues"] if h.role == "yields"
                       and lex.event_type.get(h.label, h.label) != lex.event_type.get(main, main)]
            self._hits["event_cues"] = [Hit(h.start, h.end, main, h.role) if h.role == "yields" else h
                                        for h in self._hits["event_cues"]]
            self._hits["quantities"] = [q for q in self._hits["quantities"]
                                        if not any(y.start <= q.start and q.end <= y.end for y in yielded)]
        self._starts = {name: [h.start for h in hits] for name, hits in self._hits.items()}
        self._speakers: dict[tuple[int, int], bool] = {}  # _speaks by source span: asked again for every figure

    def _dateline(self, lex: Lexicon, text: str, h: Hit) -> bool:
        """A place opening its line before a date, an agency or a dash; or a town opening the text
        with a colon, whose line then names the country it lies in ("<city>: سجلت وزارة الصحة
        <country>"): where the report is filed. A headline that opens with its subject and a colon
        ("<country>: ارتفاع ..."، "<town>: 30 قتيلا") is not one."""
        line_start = text.rfind("\n", 0, h.start) + 1
        if _DATELINE_CITY.fullmatch(text, line_start, h.start) is None:
            # the dateline's country after its city and a dash ("<outlet> | <city> – <country> – (وكالات)")
            return bool(_DATELINE_THEN.fullmatch(text, line_start, h.start) and _DATELINE.match(text, h.end))
        if _DATELINE.match(text, h.end):
            return True
        line_end = text.find("\n", h.end)
        line_end = len(text) if line_end < 0 else line_end
        if "\n" in text[: h.start] or not _FIRST_LINE_DATELINE.match(text, h.end):
            return False
        outer = set(place_chain(lex, h.label))
        return any(k.label in outer and h.end < k.start < line_end for k in self._hits["places"])

    def main_event(self) -> str:
        """The event the document names most often (a profile's events first), or ""."""
        lex = self._lex
        # a yielding cue (a war's clashes, events.yaml) counts only where the article names no other
        # (a past event set beside the story's is not what the article is about)
        cues = [h for h in self._hits["event_cues"] if h.role != "past"]
        labels = [h.label for h in cues if h.role != "yields"] or [h.label for h in cues]
        own = [x for x in labels if x in lex.event_type] or [lex.event_for_type.get(x, x) for x in labels]
        return max(dict.fromkeys(own), key=own.count) if own else ""

    def antecedent(self, pos: int, text: str, doc: AnnotatedDoc, word: str = "") -> Hit | None:
        """The last source named before `pos` in the document: who "الوزارة", "وأضاف" or a bare
        surname (فورار، القدرة) after a cue most likely refers back to. A referring noun (`word`:
        المنظمة، الشبكة، الوزارة) refers back to the last source whose name it starts, when the
        document names one: "كشفت المنظمة" after "منظمة ..." and then الأمم المتحدة is the former."""
        if word and (same := self.named_by(word, pos, text, doc) or self.titled(word, pos, text, doc)) is not None:
            return same
        best: Hit | None = None
        i = bisect_left(self._starts["sources"], pos)
        if i:
            best = self._hits["sources"][i - 1]
        heads = self._hits["source_heads"][: bisect_left(self._starts["source_heads"], pos)]
        for i in range(len(heads) - 1, -1, -1):
            h = heads[i]
            if best is not None and h.start < best.start:
                break
            if _of_a_toll(self._hits["quantities"], text, h.start):
                continue
            named = head_source(doc, text, h, pos, self._hits["sources"], self._lex)
            while named is not None and i > 0:  # a head inside an earlier head's phrase: وزير (الصحة ...)
                outer = head_source(doc, text, heads[i - 1], pos, self._hits["sources"], self._lex)
                if outer is None or not outer.start < named.start < outer.end:
                    break
                named, i = outer, i - 1
            h = heads[i]  # the outermost head, whose phrase holds the others
            if named is not None and best is not None and best.start <= h.start < best.end \
                    and not _NISBA.match(text, best.end, named.end):
                break  # the head of a listed name ("منظمة" of منظمة الصحة العالمية): the name, not a phrase
            if named is not None:
                best = named
                break
        if best is None or self._speaks(best, text):
            return best
        # the last source named is no speaker (التابعة للأمم المتحدة، محافظة المدينة): the last one
        # a cue introduced is who "وأضاف" goes on with
        known = self._hits["sources"][:i]
        heads = self._hits["source_heads"][: bisect_left(self._starts["source_heads"], pos)]
        for h in sorted(known + heads, key=lambda h: h.start, reverse=True)[:12]:
            cand = h if h.role != "head" else head_source(doc, text, h, pos, self._hits["sources"], self._lex)
            if cand is not None and self._speaks(cand, text):
                return cand
        return best

    def named_by(self, word: str, pos: int, text: str, doc: AnnotatedDoc) -> Hit | None:
        """The last source before `pos` whose name starts with the noun `word` (its article aside)."""
        noun = bare_noun(word)
        if len(noun) < 3:
            return None
        known = self._hits["sources"][: bisect_left(self._starts["sources"], pos)]
        heads = self._hits["source_heads"][: bisect_left(self._starts["source_heads"], pos)]
        heads = [h for h in heads if not any(k.start <= h.start < k.end for k in known)]  # a listed name's own
        for h in sorted(known + heads, key=lambda h: h.start, reverse=True)[:40]:
            if h.start < pos and bare_noun(text[h.start : h.end].split()[0]) == noun:
                cand = h if h.role != "head" else head_source(doc, text, h, pos, self._hits["sources"], self._lex)
                if cand is not None and cand.end <= pos and len(text[cand.start : cand.end].split()) > 1 \
                        and (h.role != "head" or self._speaks(cand, text)):
                    return cand  # (a phrase no list names is a name where a cue introduces it)
        return None

    def titled(self, name: str, pos: int, text: str, doc: AnnotatedDoc) -> Hit | None:
        """The source whose title a person's name (`name`: فلان، عبد الله) follows where it was named
        before `pos`: "المفوض السامي للأمم المتحدة لشؤون اللاجئين، فلان الفلاني" (docs/annotation.md:
        a person with a title is keyed by their body); None if no earlier mention follows one."""
        if len(name) < 3:
            return None
        for m in reversed(list(re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text[:pos]))):
            a = max(0, m.start() - 80)
            cut = max(text.rfind(ch, a, m.start()) for ch in ".؛\n:")
            a = max(a, cut + 1)
            known = self.within("sources", a, m.start())
            heads = [h for h in self.within("source_heads", a, m.start()) if not any(k.start <= h.start < k.end for k in known)]
            for h in sorted(known + heads, key=lambda h: h.start):
                cand = h if h.role != "head" else head_source(doc, text, h, m.end(), self._hits["sources"], self._lex)
                # the title ends up to 3 words before the name (a first name, an honorific between)
                if cand is not None and cand.start < m.start() and len(WORDS.findall(text, cand.end, m.start())) <= _TITLE_GAP:
                    return Hit(cand.start, cand.end, cand.label, cand.role)
        return None

    def _speaks(self, src: Hit, text: str) -> bool:
        """A source a cue introduces: a cue verb or preposition up to 3 words before it in its
        clause (قالت الوزارة، وفق منظمة)، a cue verb right after it (الجيش أعلن)، or a line it opens
        with a colon (الأمم المتحدة: 731 قتيلا). The cues are the document's hits, matched once."""
        key = (src.start, src.end)
        known = self._speakers.get(key)
        if known is None:
            known = self._speakers[key] = self._introduced(src, text)
        return known

    def _introduced(self, src: Hit, text: str) -> bool:
        a = max(0, src.start - 40)
        before = text[a : src.start]
        cut = max(before.rfind(ch) for ch in "،,.؛:\n")
        a += cut + 1
        for c in self.within("cue_verbs", a, src.start) + self.within("cue_prepositions", a, src.start):
            if len(text[c.end : src.start].split()) <= 3 and text[c.start - 2 : c.start] != "ال" \
                    and not CAUSE.search(text, c.end, src.start):
                return True  # (a verb takes no article: "التابعة" is no "تابع"; what a figure was
                # recorded because of is no speaker: "5 جرحى سجلت جراء حريق مركز <name>")
        after = text[src.end : src.end + 20]
        if after.lstrip().startswith(":"):
            return True
        if (qad := _THEN_QAD.match(text, src.end, src.end + 60)) is not None:
            # "وكان المفوض السامي ... فلان الفلاني، قد أعلن": its verb after its name and قد
            return bool(self.within("cue_verbs", qad.end(), qad.end() + 12))
        nxt = after.split()
        if not nxt:
            return False
        w0 = src.end + len(after) - len(after.lstrip())
        w1 = w0 + len(nxt[0])
        if w1 == src.end + 20 and w1 < len(text) and not text[w1].isspace():
            return bool(self._lex.cue_verbs.find(nxt[0]))  # the 20 letters cut the word: as it reads cut
        return bool(self.within("cue_verbs", w0, w1))

    def story_group(self) -> str:
        """A story group (populations.yaml) the article names at least as often as any other
        group, or "": the women and children among a boat's migrants are a part of them, so
        groups by age or sex (`cross_groups`) are not counted against it."""
        labels = [h.label for h in self._hits["population_terms"]
                  if h.label not in self._lex.nationalities and h.label not in self._lex.cross_groups]
        if not labels:
            return ""
        most = max(labels.count(x) for x in labels)
        tops = [x for x in dict.fromkeys(labels) if labels.count(x) == most and x in self._lex.story_groups]
        return tops[0] if len(tops) == 1 else ""

    def _nationals_country(self, text: str, reach: int) -> str:
        """The country of a lead that names no place, only the people of one nationality in the plural
        ("مئات آلاف المتظاهرين <nationals>") and the country by a word for it ("تشهدها البلاد",
        places.yaml `the_country`). A nationality's adjective in the singular ("مقاطعة <city> <adjective>"،
        "الشبكة الإخبارية <adjective>") says whose a thing is, not whose people the article is about; so
        does one inside a source's name."""
        if not any(re.search(rf"(?<!\S){re.escape(w)}(?!\S)", text[:reach]) for w in self._lex.the_country):
            return ""
        nationals = {h.label for h in self._hits["population_terms"] if h.start < reach and h.label in self._lex.nationalities
                     and _PLURAL_PEOPLE.match(text, h.start)
                     and not any(n.start <= h.start and h.end <= n.end for n in self._hits["sources"])}
        if len(nationals) != 1:
            return ""
        return next((c for c, n in self._lex.country_nationality.items() if n in nationals), "")

    def lead_place(self, text: str, reach: int = 400, doc: AnnotatedDoc | None = None,
                   counts: Sequence[tuple[int, float]] = ()) -> str:
        """The place the headline and lead are about: the first named in the opening lines, unless
        it is a country speaking (قالت <country> إن) and the lead names where things happened after
        it (في <place>): then that place; or a town in the first they name with it ("<town> في <country>");
        or the region around the first, a city, when they name its outskirts too (ضواحي <city>).
        A first place inside the name of a speaker (مسؤولون في <state>، موقع <city> الإخبارية) is not
        what the lead is about when its sentence names another outside every name a cue makes a
        speaker's (حرائق <island>، بحريق مستشفى <city>), other than one it lies in (مسؤولون في <county> بولاية <state>: the county); a
        body's place its sentence names no other with counts its own people. A toll the opening gives
        in a sentence that names no place, then a town or province with a smaller count (`counts`: the
        figures' starts and values), is the country's: the town has a part of it."""
        opening = [h for h in self._hits["places"] if h.start < reach]
        # a site's news section ("آخر أخبار <country>") names what the site covers: the lead's place
        # only when the opening names no other
        opening = [h for h in opening if not _SECTION.search(text, max(0, h.start - 8), h.start)] or opening
        opening = [h for h in opening if not _CREDIT.search(text, max(0, h.start - 12), h.start)
                   and not _CITIZENS.search(text, max(0, h.start - 12), h.start) and not kills(self._lex, text, h)]
        # the place an event hit hardest is one of those it hit: the lead is about the others, when it names them
        opening = [h for h in opening if not self._worst_hit(text, h, opening)] or opening
        if not opening:
            return self._nationals_country(text, reach)
        if doc is not None:
            named = [h for h in self._hits["sources"] if h.start < reach] + [
                n for h in self._hits["source_heads"] if h.start < reach
                if (n := head_source(doc, text, h, reach, self._hits["sources"], self._lex)) is not None]

            def spoken(h: Hit, speaking: bool = False) -> bool:
                return any(n.start <= h.start and h.end <= n.end and (not speaking or self._speaks(n, text))
                           for n in named)

            if spoken(opening[0]):
                stop = _SENTENCE_END.search(text, opening[0].end)
                end = stop.start() if stop else len(text)
                other = next((h for h in opening[1:] if h.start < end and not spoken(h, speaking=True)
                              and not lies_in(self._lex, opening[0].label, h.label)), None)
                if other is not None:
                    opening = [h for h in opening if h.start >= other.start]
        first = opening[0]
        # a dateline that names only the country ("<outlet> _ <country>" on its own short line) of an
        # event at one site (a fire, a sinking): the lead names where in it things happened ("بمدينة
        # <city>"); not protests or a war, which reach the whole country
        line_end = text.find("\n", first.end)
        line_start = text.rfind("\n", 0, first.start) + 1
        main = self.main_event()
        if first.label not in self._lex.place_parent and line_end != -1 and line_end - line_start <= 30 \
                and self._lex.event_type.get(main, main) in self._lex.at_one_site:
            inside = next((h for h in opening[1:] if h.start > line_end and lies_in(self._lex, h.label, first.label)), None)
            if inside is not None:
                first = inside
                opening = [h for h in opening if h.start >= inside.start]
        chain = place_chain(self._lex, first.label)
        if chain and counts and _IN_TOWN.search(text, max(0, first.start - 20), first.start) \
                and not any(h.label == chain[-1] for h in self._hits["places"] if h.start < reach):
            # "مقتل 50 شخصا ... بعد مقتل ستة أشخاص في بلدة <town>"، "قتلى المظاهرات إلى 476 ... إن 130 شخصا
            # قتلوا في محافظة <province>": the first sentence's toll is the country's, when the opening
            # does not name the country (then the lead is about the town it names with it)
            own_start = text.rfind("\n", 0, first.start) + 1
            stop = _SENTENCE_END.search(text[::-1], len(text) - first.start)
            own_start = max(own_start, len(text) - stop.start() if stop else 0)
            earlier = [v for s, v in counts if s < own_start]
            mine = [(s, v) for s, v in counts if own_start <= s < first.start]
            if earlier and mine and mine[-1][1] < earlier[0]:
                return chain[-1]
            # or the town's is a part its own sentence gives of a larger count before it ("اعتقلت ما
            # لا يقل عن 4 آلاف شخص ...، بما في ذلك 2500 في <city>"): the larger is the country's
            if len(mine) >= 2 and mine[-1][1] < max(v for _, v in mine[:-1]) and self._part_before(text, mine[-2][0], mine[-1][0]):
                return chain[-1]
        verbs = self._hits["cue_verbs"]
        if any(v.end <= first.start and not text[v.end : first.start].strip() for v in verbs):
            where = next((h for h in opening[1:] if _IN_PLACE.search(text, max(0, h.start - 4), h.start)), None)
            if where is not None:
                return where.label
        for k, h in zip(opening, opening[1:], strict=False):
            if h.label == first.label and IN_COUNTRY.fullmatch(text, k.end, h.start) \
                    and self._lex.place_parent.get(k.label) == h.label:
                return k.label
        # a headline or dateline names the city, the lead its outskirts (هجوم <city> .. بضواحي <city>):
        # where things happened is the region around it
        around = next((h for h in opening[1:] if self._lex.place_around.get(h.label) == first.label), None)
        if around is None and first.label not in self._lex.place_parent:
            around = next((h for h in opening[1:] if self._lex.place_around.get(h.label)
                           and self._lex.place_parent.get(h.label) == first.label), None)
        return around.label if around is not None else first.label

    def _worst_hit(self, text: str, h: Hit, places: Sequence[Hit]) -> bool:
        """A place its clause calls the one the event hit hardest (places.yaml `worst_hit`): the
        words right after it, past only the places that hold it ("إقليم <province> بغرب <country>
        الأكثر تضررا": the province, not the country that says where it is), or right before it
        ("أكثر الأقاليم تضررا كان إقليم <province>")."""
        if any(h.start - 20 <= o.end <= h.start and lies_in(self._lex, o.label, h.label) for o in places):
            return False
        stop = _CLAUSE_END.search(text, h.end)
        after = text[h.end : min(stop.start() if stop else len(text), h.end + 60)]
        before = _CLAUSE_END.split(text[max(0, h.start - 40) : h.start])[-1]
        for w in self._lex.worst_hit:
            i = after.find(w)
            if i >= 0 and all(lies_in(self._lex, h.label, o.label) for o in places if h.end <= o.start < h.end + i):
                return True
            if re.search(rf"{re.escape(w)}\s+(?:(?:كان|كانت|هي|هو)\s+)?(?:[\u0621-\u064a]+\s+)?$", before):
                return True
        return False

    def _part_before(self, text: str, start: int, end: int) -> bool:
        """A part's word right before the count at `end`, after the count at `start`: a breakdown
        word (بينهم، منهم: populations.yaml `breakdown`) or what a whole includes (بما في ذلك، بمن
        فيهم: scope_notes.yaml `includes`)."""
        return bool(self._lex.breakdown_re(_PART_BEFORE).search(text, start, end)) or any(
            h.label == "includes" and start < h.start and h.end <= end and not text[h.end : end].strip()
            for h in self._hits["scope_cues"])

    def within(self, name: str, start: int, end: int) -> list[Hit]:
        starts = self._starts[name]
        return [h for h in self._hits[name][bisect_left(starts, start) : bisect_left(starts, end)] if h.end <= end]


def place_chain(lex: Lexicon, place: str) -> list[str]:
    """The places `place` lies in, the nearest first (rules/gazetteer/places.yaml `in`, followed up)."""
    chain = []
    while place in lex.place_parent:
        place = lex.place_parent[place]
        chain.append(place)
    return chain


def lies_in(lex: Lexicon, place: str, outer: str) -> bool:
    """`place` lies in `outer`."""
    return outer in place_chain(lex, place)


_IN_PLACE = re.compile(r"(?:^|\s)في\s+$")
# a breakdown word right before a part's count: "بينهم 15"، "ومن بينهم 15" (Lexicon.breakdown_re)
_PART_BEFORE = r"(?<!\S)و?(?:من\s+)?(?:<among>|<of>)\s*$"
_SENTENCE_END = re.compile(r"[.!?؟\n]")
# where people were: "في <town>"، "في محافظة <province>"، "ببلدة <town>" (folded)
_IN_TOWN = re.compile(r"(?<!\S)(?:(?:في|فى)\s+|ب)(?:(?:ال)?(?:محافظه|بلده|مدينه|ولايه|اقليم|منطقه)\s+)?$")
_COUNT = re.compile(r"(?<![\d:/.])\d+(?![\d:/])\s+[\u0621-\u064a]")  # a count and its word (no time or date digits)


def kills(lex: Lexicon, text: str, h) -> bool:
    """A place that kills ("<country> قتلت 8796 شخصا"، "قتلتهم <country>"): who acts, not where the
    victims were (folded text; the verbs right after it or right before it with no preposition:
    quantities.yaml `kills`)."""
    after, before = lex.kills_re()
    return bool(after.match(text, h.end) or before.search(text, max(0, h.start - 12), h.start))


def common_place(lex: Lexicon, labels: set[str]) -> str:
    """The smallest place that all of `labels` are or lie in, else the smallest region that holds
    the countries they lie in (rules/gazetteer/places.yaml `holds`), or ""."""
    chains = [[label, *place_chain(lex, label)] for label in labels]
    shared = set(chains[0]).intersection(*chains[1:])
    if common := next((p for p in chains[0] if p in shared), ""):
        return common
    return holding_region(lex, {chain[-1] for chain in chains})


def holding_region(lex: Lexicon, countries: set[str]) -> str:
    """The smallest region that holds all of `countries` (rules/gazetteer/places.yaml `holds`), or ""."""
    return min((r for r, held in lex.place_holds.items() if countries <= held), key=lambda r: len(lex.place_holds[r]), default="")


# "<place> و<place>"، "<place>، و<place>"، "<place> وفي <place>"، "<town> وبلدة <town>" (folded: ة → ه)
AND_PLACE = re.compile(r"\s*(?:[،,]\s*)?و\s*(?:في\s+)?(?:(?:بلد|مدين|قري|محافظ|ولاي)[ةه]\s+)?")


class Context:
    """One sentence's lexicon hits and the scoring that uses them."""

    def __init__(self, doc: AnnotatedDoc, lex: Lexicon, text: str, ss: int, se: int, mentions: Sequence, hits: DocHits,
                 previous_event: str = "", main_place: str = ""):
        self.doc, self.lex, self.text, self.ss, self.se = doc, lex, text, ss, se
        self.mentions = mentions
        self.previous_event = previous_event
        self.main_place = main_place
        self.hits = hits
        self.story_group = ""  # the group the article is about, when it is a story group (migrants)
        # the year an undated article says it was written in (dating.written_about), for its figures
        self.written: tuple[date, str] | None = None
        self.figs: list[Fig] = []
        self.previous_fig: Fig | None = None  # the last human figure before this one (extract sets it)
        # the article's earlier human counts by value: a figure said again (extract fills it)
        self.said_before: dict[float, Fig] = {}
        # the words that named the last speaker before the sentence (extract sets it, found when asked):
        # whom a verb of saying with no subject goes on with
        self.speaker_before: Callable[[], Hit | None] = lambda: None
        self.place_hits = hits.within("places", ss, se)
        self.nc_hits = hits.within("non_claims", ss, se)
        self.scope_hits = hits.within("scope_cues", ss, se)
        self.people_hits = hits.within("people", ss, se)
        self.head_hits = hits.within("source_heads", ss, se)
        self.q_hits = hits.within("quantities", ss, se)
        self.p_hits = hits.within("population_terms", ss, se)
        self.side_hits = hits.within("sides", ss, se)
        self.e_hits = hits.within("event_cues", ss, se)
        self.o_hits = hits.within("other_cues", ss, se)
        self.src_hits = hits.within("sources", ss, se)
        self.prep_hits = hits.within("cue_prepositions", ss, se)
        self.verb_hits = hits.within("cue_verbs", ss, se)
        self.mod_hits = hits.within("modality", ss, se)
        self.clause_marks = [m.start() + ss for m in _CLAUSE.finditer(text[ss:se])]
        self.number_spans = [(m.start, m.end) for m in mentions]
        self._number_starts = [s for s, _ in self.number_spans]
        self._number_ends = [e for _, e in self.number_spans]
        self._word_runs: tuple[list[int], list[int]] | None = None
        self.q_hits = [piece for h in self.q_hits for piece in self._apart(h)]
        # Stanza's ORG/PER entities are sources too when a cue introduces them and
        # the lexicon does not know them: attribution_text set, key left empty
        norm = doc.normalized
        self.src_hits = self.src_hits + [
            Hit(a, b, "", "entity")
            for a, b in ((norm.index(s), norm.index(e)) for s, e, label in doc.entities if label in ("ORG", "PER"))
            if ss <= a < se and not any(h.start < b and a < h.end for h in self.src_hits)
        ]
        # a source no list names: a phrase that starts with a head word (وزارة، المتحدث، منظمة)
        self.name_spans: list[tuple[int, int]] = []  # phrases a word like a head starts that name no speaker
        for h in self.head_hits:
            known = [x for x in self.src_hits if x.start < h.end and h.start < x.end]
            if any(x.role != "source" or x.start != h.start for x in known):
                continue
            named = head_source(doc, text, h, se, hits.within("sources", h.start, se), lex, speakers_only=False)
            if named is None or (known and named.end <= known[0].end):
                continue
            if not _whole_head(lex, doc, text, h) or _of_a_toll(self.q_hits, text, h.start):
                self.name_spans.append((named.start, named.end))  # no speaker; a number in it stays no count
                continue
            if known:  # a country's own (وزارة الصحة الإسبانية، وزارة الصحة العامة في إسبانيا), not the list's
                # (a profile's وزارة الصحة): a key the lexicon gives is ASCII, a phrase's is its Arabic words
                if not _NISBA.match(text, known[0].end, named.end) and not named.label.isascii():
                    continue
                self.src_hits.remove(known[0])
            self.src_hits.append(named)
        self.src_hits.sort(key=lambda h: h.start)

    def _apart(self, h: Hit) -> list[Hit]:
        """A phrase of two words joined by و (مصرع وإصابة: one count of both) read as its words when a
        number stands right before it and another right after: "26 وفاة وإصابة 12 شخصا" is the first
        number's counted noun, then the second's verb (docs/annotation.md, several numbers for one thing)."""
        joint = _JOINT.search(self.text, h.start, h.end)
        if joint is None or not any(_NEXT.fullmatch(self.text, e, h.start) for e in self._number_ends if e <= h.start) \
                or not any(_NEXT.fullmatch(self.text, h.end, s) for s in self._number_starts if s >= h.end):
            return [h]
        first = self.lex.quantities.find(self.text, h.start, joint.start())
        second = self.lex.quantities.find(self.text, joint.start(), h.end)
        # both halves words of their own; not a word that only starts with و (حالة وفاة)
        return first + second if first and second else [h]

    # -- helpers (by bisection over the sentence's words and figures: counting them
    # afresh for every figure and word pair made long sentences cubic)
    def words_between(self, a: int, b: int) -> int:
        if b <= a:
            return 0
        if a < self.ss or b > self.se:
            return sum(1 for _ in WORDS.finditer(self.text, a, b))
        if self._word_runs is None:
            runs = [(m.start(), m.end()) for m in WORDS.finditer(self.text, self.ss, self.se)]
            self._word_runs = ([r[0] for r in runs], [r[1] for r in runs])
        starts, ends = self._word_runs
        # words that reach into [a, b): the same count as matching WORDS inside it
        return bisect_left(starts, b) - bisect_right(ends, a)

    def crosses_clause(self, a: int, b: int) -> bool:
        i = bisect_left(self.clause_marks, a)
        return i < len(self.clause_marks) and self.clause_marks[i] < b

    def numbers_between(self, a: int, b: int) -> int:
        # number spans are sorted and disjoint, so their ends are sorted too
        return max(0, bisect_right(self._number_ends, b) - bisect_left(self._number_starts, a))

    def clause_of(self, pos: int) -> tuple[int, int]:
        i = bisect_left(self.clause_marks, pos)
        start = self.clause_marks[i - 1] + 1 if i > 0 else self.ss
        end = self.clause_marks[i] if i < len(self.clause_marks) else self.se
        return start, end


def _of_a_toll(quantity_hits: Sequence[Hit], text: str, start: int) -> bool:
    """A name in construct with a toll's noun says whose victims, not who speaks: "حصيلة ضحايا
    مستشفى <name>، تشير إلى" (the toll indicates)."""
    return any(q.role == "noun" and q.end < start and text[q.end : start].isspace() for q in quantity_hits)


# a word of cause between a cue verb and a name: the name is what caused it (جراء حريق <place>)
CAUSE = re.compile(r"(?<!\S)(?:جراء|جرّاء|بسبب|اثر|إثر|نتيجه|نتيجة)(?!\S)")
_THEN_QAD = re.compile(r"(?:[\s،,]+[^\s،,.:؛]+){0,2}[\s،,]+قد\s+")  # a subject's name, then قد before its verb
_TITLE_GAP = 3  # words between a title and the name it goes with: a first name, الدكتور
PHRASE_STOP = re.compile(r"^(?:ان|بان|فان|انه|انها|الي|على|عن|اليوم|امس|مساء|صباح|ليل|ليله|فجر|ظهر|" + "|".join(WEEKDAYS)
                         + r"|حتى|خلال|بعد|قبل|منذ|الذي|التي|الذين|فيما|بينما|كما|وقال|وقالت|"
                         r"ارتفاع|تراجع|انخفاض|حصيله|عدد|مقتل|وفاه|اصابه|تسجيل|استشهاد|ان|بان|عن|من|عبر|امام|تقرير|تقريرا|تقريرها|تقريره|"
                         r"بيان|بيانا|بيانها|بيانه|جاء|كالتالي|حيث|الا|قوله|قولها|قولهما|قولهم|نفيه|نفيها|قد|لقد|يوم|الليله|الليلة|"
                         r"بينهم|بينهن|منهم|منهن|وهي|وهو|وهم|هي|هو|هم|ظل|معقل)$")  # a breakdown never goes on a name: "المستشفى بينهم أربع وفيات"
# (nor a pronoun that opens what the name is: "<body> وهي هيئة غير حكومية", or the copula that gives
# what a count before it is: "عدد الوفيات في حريق مستشفى <name> هو اثنين وثمانين", nor "في ظل", amid:
# "أفاد مسؤول في ظل توقعات بارتفاع عدد الضحايا", nor معقل, a stronghold: what the place in the name is,
# "مفوض التعليم بولاية <state> معقل جماعة ...")
# (its breakdown words are those of populations.yaml `breakdown`, of people, spelled here as the
# helpers of attribution.py that test a word against this list are called without the lexicon)
# words a source phrase does not end on: "منظمة في (تقرير)" is "منظمة"
_DANGLING = re.compile(r"^(?:في|ل|لل|و|ب|مع|لدي)$")
_PHRASE_WORDS = 5
# the agency a speaker told the words to ("قال <title> لوكالة <agency>"): no more of the speaker's name
_TOLD = re.compile(r"^لل?وكال(?:ه|ات)$")


def _whole_head(lex: Lexicon, doc: AnnotatedDoc, text: str, head: Hit) -> bool:
    """A head word as the text writes it: the whole word (clitics aside) or its feminine
    (المتحدثة), not the start of another word (المستشفيات is no مستشفى), nor a word the lexicon
    says names no speaker (`not_heads`: محافظة)."""
    end = head.end
    while end < len(text) and text[end].isalpha():
        end += 1
    if text[head.end : end] not in ("", "ه"):
        return False
    start = head.start
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    a, b = doc.normalized.span(start, end)
    word = _DIACRITICS.sub("", doc.article.text[a:b])
    return not any(w in lex.not_heads for w in (word, _CLITICS.sub("", word), _CLITICS.sub("", word).removeprefix("ال")))


def _ends_in_ta_marbuta(doc: AnnotatedDoc, text: str, hit: Hit) -> bool:
    """Does the word `hit` starts end in ة as written (folding writes it ه)?"""
    end = hit.end
    while end < len(text) and text[end].isalpha():
        end += 1
    if end == hit.end or text[end - 1] != "ه":
        return False
    a, b = doc.normalized.span(end - 1, end)
    return doc.article.text[a:b] == "ة"


def bare_noun(word: str) -> str:
    """A folded noun without its conjunction, preposition and article: "والمنظمه" → "منظمه"."""
    return re.sub(r"^(?:و|ف)?(?:ب|ل)?(?:ال|ل)?", "", word, count=1)


_DIACRITICS = re.compile("[\u064b-\u0652\u0640]")
_CLITICS = re.compile("^(?:و|ف)?(?:ب|ل)?")


def head_source(doc: AnnotatedDoc, text: str, head: Hit, limit: int, known: Sequence[Hit] = (),
                lex: Lexicon | None = None, speakers_only: bool = True) -> Hit | None:
    """The source a head word starts (وزارة الصحة الإسبانية), keyed by the phrase as written; None
    for a head alone ("الوزارة" points back to a source named before: it is not a name).
    A phrase that goes on into a source a list names (`known`, sorted) is that source's office
    or person, keyed by it: "مكتب منظمة الصحة العالمية", "المتحدث باسم الجيش" (docs/annotation.md:
    a person with a title is keyed by their body); a national body by its country (`national_key`).
    `speakers_only`: None for a word a head only starts (المستشفيات، محافظة)."""
    if lex is not None and speakers_only and not _whole_head(lex, doc, text, head):
        return None
    start = head.start
    if text[start - 2 : start] == "ال" and (start == 2 or not text[start - 3].isalpha()):
        start -= 2  # the article is the phrase's: "الهيئة الوطنية", not "هيئة الوطنية"
    end = phrase_end(text, start, limit, lex)
    if len(text[start:end].split()) < 2:
        return None
    i = bisect_right([k.start for k in known], head.start)
    # a name a list holds that starts with the head is the phrase's, before one further in it
    # (مفوضية شؤون اللاجئين التابعة للأمم المتحدة is the refugee agency), unless its country
    # keys it (below)
    at_head = known[i - 1] if i and known[i - 1].start == head.start and known[i - 1].role == "source" else None
    inner = [k for k in known[i:] if k.start < end and k.role == "source"][:1]
    if at_head is None and inner and inner[0].label:
        return Hit(start, max(end, inner[0].end), inner[0].label, "head")
    a, b = doc.normalized.span(start, end)
    # after the preposition ل the article lost its alif (للدفاع المدني): the phrase starts at its
    # lam, and is keyed with the alif back, as the same body is keyed elsewhere
    alif = "ا" if _after_elided_article(text, start) else ""
    # the country may come after the words the phrase keeps: "وزير الصحة في حكومة تصريف الأعمال الإسبانية"
    key = national_key(lex, alif + text[start : phrase_end(text, start, limit, lex, _PHRASE_WORDS + _COUNTRY_REACH)]) \
        if lex is not None else ""
    if not key and at_head is not None and at_head.label:
        return at_head
    if not key and lex is not None and bare_noun(text[head.start : head.end]) in lex.country_heads and not (
            text[head.start : head.start + 2] != "ال" and any(h.start == 0 for h in lex.places.find(text[head.end : end].lstrip()))):
        # "الصحة العامة": a body's word with no country names no speaker; the word without its article
        # before a place's name is that place's body: "وقالت صحة <province>"
        return None
    return Hit(start, end, key or alif + "_".join(doc.article.text[a:b].split()), "head")


def _after_elided_article(text: str, start: int) -> bool:
    """Does folded `text` at `start` hold the lam of an article whose alif the preposition ل
    before it took: is its word up to there one of the lexicon's eliding proclitics?"""
    word = start
    while word > 0 and text[word - 1].isalpha():
        word -= 1
    return text[word : start + 1] in ELIDING


def national_key(lex: Lexicon, phrase: str) -> str:
    """<country>_<body> for a national body's phrase (folded) whose country's adjective follows
    its words (sources.yaml `national_bodies`, `country_of`): "وزير الصحه" and a country's
    adjective → <country>_health_ministry; "" when the phrase names no country."""
    words = phrase.split()
    for body_words, body in lex.national_bodies:
        if tuple(words[: len(body_words)]) == body_words:
            rest = words[len(body_words) : len(body_words) + _COUNTRY_REACH]
            country = next((lex.country_adjectives[w] for w in rest if w in lex.country_adjectives), "")
            if not country and "في" in rest[:2]:  # "وزارة الصحة (العامة) في إسبانيا": the place it serves
                after = " ".join(rest[rest.index("في") + 1 :])
                place = next((h for h in lex.places.find(after) if h.start == 0), None)
                country = lex.body_places.get(place.label, "") if place is not None else ""
            if not country and rest and not body_words[0].startswith("ال"):
                # a body's noun without its article is the country's named next: "خارجية <country>"
                place = next((h for h in lex.places.find(" ".join(rest)) if h.start == 0), None)
                country = lex.body_places.get(place.label, "") if place is not None else ""
            return f"{country}_{body}" if country else ""
    return ""


# how far after a body's words its country's adjective may come: "وزير الصحة في حكومة تصريف الأعمال
# الإسبانية" (a government's adjective is its country's)
_COUNTRY_REACH = 5


# a member of parliament, whose عن names the seat, not whose words are carried (folded as the text is)
_MEMBER_FOR = frozenset(fold(w) for w in ("النائب", "نائب", "النائبة", "نائبة"))


def phrase_end(text: str, start: int, limit: int, lex: Lexicon | None = None, words: int = _PHRASE_WORDS) -> int:
    """End of a source phrase from its head word: up to 5 words, before punctuation, a number,
    a time word, a cue verb (its own: "وكانت وزارة الداخلية أعلنت") or the start of what is said (أن)."""
    end = start
    previous = ""
    for n, m in enumerate(SPACED_WORD.finditer(text, start, limit)):
        word = m.group()
        core = word.strip("،,.:؛;\"«»()[]")
        if n >= words or not core or any(map(str.isdigit, core)):
            break
        sits_for, previous = core == "عن" and previous in _MEMBER_FOR, core.removeprefix("و")
        if sits_for:
            continue  # "النائب عن مدينة <place> <name>": whom a member of parliament sits for is the title's
        if n > 0 and lex is not None and any(h.start <= (core[0] == "و") and h.end == len(core) for h in lex.cue_verbs.find(core)):
            break
        if n > 0 and (PHRASE_STOP.match(core) or core.startswith("و") and len(core) > 3 and PHRASE_STOP.match(core[1:])):
            break  # "وقال", and a word whose و is its own: "وفاة" ends "وزارة <body> وفاة أكثر من 30"
        if n > 0 and lex is not None and any(h.role == "trigger" and h.end == len(core) for h in lex.quantities.find(core)):
            break  # what befell people is said, no longer who says it: "السلطات بإجلاء المئات"
        if n > 0 and (_TOLD.match(core) or core[0] == "ل" and lex is not None and any(
                h.label in lex.news_agencies for h in lex.sources.find_before(text[m.start() + 1 : limit], 1))):
            break  # "المدير العام لإدارة الصحة لوكالة فرانس برس": the director, who told the agency
        if n > 0 and (core[0] in "'“" or "'" in core):
            break  # a quote opens what is said: "الحكومة إيلياس سياكانتاري 'لا نعلم"
        if n > 0 and word[0] == "(" and ")" not in word:
            break  # a note of several words on the name is not more of it: "اللجنة (غير حكومية)" (one
            # word in brackets is: "وكالة (أنسا)"، "المجلس (العسكري)")
        end = m.start() + len(word.rstrip("،,.:؛;\"«»()[]"))
        if core != word.rstrip("،,.:؛;\"«»()[]") or word[-1] in "،,.:؛;\"«»()[]":
            break
    if lex is not None:
        # a place's name the word limit cuts ends the phrase whole: "الناطق الرسمي لمديرية صحة <province of two words>"
        end = max([end] + [start + h.end for h in lex.places.find_before(text[start:limit], end - start) if end < start + h.end])
    words = text[start:end].split()
    while len(words) > 1 and _DANGLING.match(words[-1]):
        words.pop()
        end = start + text[start:end].rstrip().rfind(" ")
        end = start + len(text[start:end].rstrip())
    return end
