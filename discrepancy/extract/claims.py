"""Claims from finished figures and from dates that date an event.

Needs: a figure every stage has run on, its sentence, the lexicon's
`approx_tolerance` and `bound_units` settings (the interval), `as_of_for`.
Sets: every `Claim` field; the surface is exactly the article's text between
`char_start` and `char_end`.
"""

from __future__ import annotations

from ..backends import AnnotatedDoc
from ..lexicon import Lexicon
from ..models import Claim
from ..normalize import fold
from ..numbers import DateMention, interval
from .context import Context, Fig
from .dating import as_of_for, infer_year, publication_note, safe_date
from .event_place import date_event


def figure_claim(doc: AnnotatedDoc, lex: Lexicon, f: Fig, sentence: str, ctx: Context) -> Claim:
    art = doc.article
    a, b = doc.normalized.span(f.start, f.end)
    low, high = interval(
        f.m.value, f.m.hedge, f.m.rounding, lex.setting("approx_tolerance"), lex.setting("bound_units"), high=f.m.high
    )
    as_of, as_of_note = as_of_for(ctx, f)
    whole_id = ""
    if f.whole is not None:
        wa, _ = doc.normalized.span(f.whole.start, f.whole.end)
        whole_id = f"{art.id}:{wa}"
    return Claim(
        claim_id=f"{art.id}:{a}",
        article_id=art.id,
        outlet=art.outlet,
        published=art.published,
        as_of=as_of,
        quantity=f.quantity,
        population=f.population,
        event=f.event,
        place=f.place,
        unit=f.m.unit,
        value=f.m.value,
        hedge=f.m.hedge,
        low=low,
        high=high,
        modality=f.modality,
        attribution=f.attribution,
        attribution_text=f.attribution_text,
        part_of=whole_id,
        scope_note=f.scope_note,
        sentence=sentence,
        surface=art.text[a:b],
        char_start=a,
        char_end=b,
        as_of_note=as_of_note,
        rounding=f.m.rounding,
        context=fold(sentence),
    )


def date_claim(doc: AnnotatedDoc, lex: Lexicon, ctx: Context, m: DateMention, year_of: dict, sentence: str) -> Claim | None:
    """A date is a claim when it dates an event: a cue near it, or the event's own day."""
    event = date_event(ctx, m)
    if event is None:
        return None
    year = m.year or infer_year(m, doc.article.published, year_of, lex.event_dates.get(event))
    if year is None:
        return None
    value = safe_date(year, m.month, m.day)
    if value is None:
        return None
    art = doc.article
    a, b = doc.normalized.span(m.start, m.end)
    surface = art.text[a:b]
    return Claim(
        claim_id=f"{art.id}:{a}", article_id=art.id, outlet=art.outlet, published=art.published,
        as_of=art.published, quantity="other", population="unspecified", event=event, place="", unit="date",
        as_of_note=publication_note(art),
        value=value, hedge="exact", low=value, high=value, modality="fact", attribution="",
        attribution_text="", part_of="", scope_note="", sentence=sentence, surface=surface, char_start=a, char_end=b,
        context=fold(sentence),
    )
