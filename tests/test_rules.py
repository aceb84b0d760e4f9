"""The rule engine: one YAML file of pass/fail cases per rule, and strict rule loading."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from discrepancy.align import align
from discrepancy.lexicon import RulesError
from discrepancy.models import Claim
from discrepancy.numbers import interval, rounding_unit
from discrepancy.rules import evaluate, load_rules, parse_rule, severity_of

CASES_DIR = Path(__file__).parent / "rules"
# each rule's pass/fail cases are found by its id: tests/rules/<rule id>.yaml (adding a rule needs no Python edit)
RULE_IDS = sorted(p.stem for p in (Path(__file__).parent.parent / "rules" / "conflicts").glob("*.yaml"))


def make_claim(spec: dict, lex) -> Claim:
    article = spec.get("article") or f"art-{spec['id']}"
    unit = spec.get("unit", "count")
    value = spec["value"]
    hedge = spec.get("hedge", "exact")
    if unit == "date":
        value = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
        low = high = value
        u = 1.0
    else:
        u = rounding_unit(value)
        low, high = interval(value, hedge, u, lex.setting("approx_tolerance"), lex.setting("bound_units"))
    as_of = spec.get("as_of")
    part_of = spec.get("part_of")
    # a case may give the figure's sentence (its article's text from the sentence on): the surface is found in it,
    # `offset` characters into the article (where the sentence starts: figures of two sentences in their order)
    sentence = spec.get("sentence", "")
    surface = str(spec.get("surface", spec["value"]))
    start = spec.get("offset", 0) + sentence.find(surface) if sentence else 0
    return Claim(
        claim_id=spec["id"], article_id=article, outlet="", published=as_of, as_of=as_of,
        quantity=spec.get("quantity", "killed"), population=spec.get("population", "israeli"),
        event=spec.get("event", "oct7_attack"), place=spec.get("place", ""), unit=unit, value=value, hedge=hedge, low=low, high=high,
        modality=spec.get("modality", "fact"), attribution=spec.get("attribution", ""),
        attribution_text=spec.get("attribution_text", ""), part_of=part_of or "",
        scope_note=spec.get("scope_note", ""), sentence=sentence, surface=surface, char_start=start,
        char_end=start + len(surface) if sentence else 0,
        as_of_note=spec.get("as_of_note", ""), rounding=u,
    )


def _cases():
    for rule_id in RULE_IDS:
        cases = yaml.safe_load((CASES_DIR / f"{rule_id}.yaml").read_text(encoding="utf-8"))
        for case in cases:
            yield pytest.param(rule_id, case, id=f"{rule_id}: {case['name']}")


def test_every_default_rule_has_cases(lex):
    ids = {r.id for r in load_rules(None, lex)}
    assert ids == set(RULE_IDS)
    assert {p.stem for p in CASES_DIR.glob("*.yaml")} == ids, "one tests/rules/<rule id>.yaml per rule, no other"
    for rule_id in RULE_IDS:
        cases = yaml.safe_load((CASES_DIR / f"{rule_id}.yaml").read_text(encoding="utf-8"))
        assert any(c["conflict"] for c in cases) and any(not c["conflict"] for c in cases)


@pytest.mark.parametrize("rule_id, case", list(_cases()))
def test_rule_case(rule_id, case, lex):
    rules = [r for r in load_rules(None, lex) if r.id == rule_id]
    claims = [make_claim(spec, lex) for spec in case["claims"]]
    conflicts = evaluate(align(claims, lex), claims, rules, lex)
    if not case["conflict"]:
        assert conflicts == [], [c.message for c in conflicts]
    else:
        assert len(conflicts) == 1, [c.message for c in conflicts]
        assert sorted(c.claim_id for c in conflicts[0].claims) == sorted(case["conflict"])
        assert conflicts[0].rule_id == rule_id
        for key in ("severity", "cause"):  # optional: what the case also pins down
            if key in case:
                assert getattr(conflicts[0], key) == case[key], conflicts[0].message


GOOD = {
    "id": "x", "description": "d", "severity": "high", "applies_to": {"kind": ["fixed"]},
    "compare": "pairs", "when": [{"metric": "intervals_overlap", "op": "eq", "value": False}], "message": "{values}",
}


@pytest.mark.parametrize(
    "change, complaint",
    [
        ({"severity": "urgent"}, "R013 unknown severity 'urgent'"),
        ({"compare": "triples"}, "R014 unknown compare 'triples'"),
        ({"when": [{"metric": "overlapz", "op": "eq", "value": False}]}, "R001 unknown metric 'overlapz'"),
        ({"when": [{"metric": "intervals_overlap", "op": "equals", "value": False}]}, "R002 unknown operator 'equals'"),
        ({"applies_to": {"kind": ["fixd"]}}, "R004 applies_to kind: unknown value(s) fixd"),
        ({"applies_to": {"colour": ["red"]}}, "R015 applies_to: unknown key 'colour'"),
        ({"message": "{vals}"}, "R018 message: unknown placeholder(s) vals"),
        ({"extra": 1}, "R006 unknown field(s): extra"),
        ({"when": []}, "R003 when: [] is not a non-empty list"),
    ],
)
def test_malformed_rule_is_refused_with_file_rule_and_problem(change, complaint, lex):
    with pytest.raises(RulesError) as e:
        parse_rule({**GOOD, **change}, "rules/conflicts/x.yaml", lex)
    assert str(e.value).startswith(f"rules/conflicts/x.yaml: rule x: {complaint}"), str(e.value)
    assert e.value.codes == [complaint[:4]]


def test_missing_field(lex):
    item = dict(GOOD)
    del item["severity"]
    with pytest.raises(RulesError, match="f.yaml: rule x: R005 missing field.*severity"):
        parse_rule(item, "f.yaml", lex)


def test_broken_yaml_file_is_refused(tmp_path, lex):
    import shutil

    from discrepancy.lexicon import DEFAULT_RULES_DIR

    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    (rules / "conflicts" / "bad.yaml").write_text("id: bad\nwhen: [unclosed\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"bad.yaml line \d+: R007 not valid YAML"):
        load_rules(rules, lex)


def test_a_user_rule_without_python(tmp_path, lex):
    """A rule added as a file is picked up: here, any 10% gap between sources on hostages taken."""
    import shutil

    from discrepancy.lexicon import DEFAULT_RULES_DIR

    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    (rules / "conflicts" / "gap.yaml").write_text(
        "id: big-gap\ndescription: more than 10% apart\nseverity: low\n"
        "applies_to: {quantity: [hostages_taken]}\ncompare: pairs\n"
        "when:\n  - {metric: relative_difference, op: gt, value: 0.1}\n"
        "message: '{what}: {values}'\n",
        encoding="utf-8",
    )
    rule_set = [r for r in load_rules(rules, lex) if r.id == "big-gap"]
    claims = [make_claim({"id": "a", "quantity": "hostages_taken", "value": 250}, lex),
              make_claim({"id": "b", "quantity": "hostages_taken", "value": 200, "hedge": "more_than"}, lex)]
    conflicts = evaluate(align(claims, lex), claims, rule_set, lex)
    assert [c.rule_id for c in conflicts] == ["big-gap"]


@pytest.mark.parametrize(
    "spec, cause, severity",
    [
        ({"population": "unspecified"}, "different_sources", "low"),  # an unclear frame is never high (SPEC §3)
        ({"quantity": "other"}, "unknown", "low"),
        ({"scope_note": "بما في ذلك المفقودين"}, "definition", "medium"),
        ({"place": "rafah"}, "different_sources", "medium"),  # places that do not match
        ({}, "different_sources", "high"),
    ],
)
def test_severity_means_confidence(spec, cause, severity, lex):
    a = make_claim({"id": "a", "value": 1140, "place": "gaza"}, lex)
    b = make_claim({"id": "b", "value": 1300, "place": "gaza", **spec}, lex)
    assert severity_of("high", [a, b], cause) == severity
    assert severity_of("low", [a, b], cause) == "low"


def test_message_and_html_say_the_cause_and_the_scope_note(lex):
    """One line a person can act on: the figures, their sources and dates, the cause; the HTML shows the scope note."""
    from discrepancy.html import conflict_html

    rules = [r for r in load_rules(None, lex) if r.id == "fixed-disagreement"]
    claims = [make_claim({"id": "a", "value": 1140, "as_of": dt.date(2024, 1, 19), "attribution": "israeli_official"}, lex),
              make_claim({"id": "b", "value": 1208, "as_of": dt.date(2024, 2, 1), "attribution": "afp",
                          "scope_note": "وتشمل هذه الحصيلة رهائن قتلوا في الأسر"}, lex)]
    [cf] = evaluate(align(claims, lex), claims, rules, lex)
    assert cf.cause == "definition" and cf.severity == "medium"
    assert "1208 (art-b, 2024-02-01, afp, scope: وتشمل هذه الحصيلة رهائن قتلوا في الأسر)" in cf.message
    assert "Likely cause: definition: 1208 with a scope note" in cf.message
    html = conflict_html(cf)
    assert "likely cause: definition" in html and "<bdi>وتشمل هذه الحصيلة رهائن قتلوا في الأسر</bdi>" in html
    denied = [claims[0], make_claim({"id": "c", "value": 11000, "as_of": dt.date(2024, 2, 1),
                                     "attribution": "palestinian_red_crescent", "modality": "denial"}, lex)]
    [cf] = evaluate(align(denied, lex), denied, rules, lex)
    assert cf.cause == "retraction" and "retraction: palestinian red crescent denied 11000" in cf.message


def test_a_month_or_a_year_is_a_span_of_days(lex):
    from discrepancy.models import as_of_label, as_of_span

    def dated(day, note):
        return make_claim({"id": "x", "value": 10, "as_of": day, "as_of_note": note}, lex)

    month = dated(dt.date(2024, 12, 1), "month: stated (until)")
    assert as_of_span(month) == (dt.date(2024, 12, 1), dt.date(2024, 12, 31)) and as_of_label(month) == "2024-12"
    year = dated(dt.date(2016, 1, 1), "year: stated")
    assert as_of_span(year) == (dt.date(2016, 1, 1), dt.date(2016, 12, 31)) and as_of_label(year) == "2016"
    day = dated(dt.date(2018, 7, 15), "publication date")
    assert as_of_span(day) == (day.as_of, day.as_of) and as_of_label(day) == "2018-07-15"
    assert as_of_span(dated(None, "")) is None and as_of_label(dated(None, "")) == "undated"


def test_out_of_order_pairs_are_those_every_pair_of_articles_would_give(lex):
    """`out_of_order` looks only at pairs of articles that two groups order differently (a sweep
    per pair of groups), or with `articles` at their pairs only: the same answer as voting on
    every pair of articles."""
    import itertools
    import random
    from collections import defaultdict

    from discrepancy.rules import below, out_of_order, overlap

    def every_pair(claims):
        top: dict = defaultdict(dict)
        for c in claims:
            key = (c.quantity, c.event, c.place, c.population)
            held = top[c.article_id].get(key)
            if held is None or (c.low, c.high) > (held.low, held.high):
                top[c.article_id][key] = c
        out = set()
        for a, b in itertools.combinations(sorted(top), 2):
            said, pairs = defaultdict(set), defaultdict(list)
            for key, x in top[a].items():
                y = top[b].get(key)
                if y is None or (x.as_of and y.as_of) or overlap(x, y):
                    continue
                said[key[:3]].add(1 if below(y, x) else -1)
                pairs[key[:3]].append((x.claim_id, y.claim_id))
            signs = [next(iter(v)) for v in said.values() if len(v) == 1]
            up, down = signs.count(1), signs.count(-1)
            if up and down and up != down:
                minority = 1 if up < down else -1
                out |= {p for w, v in said.items() if v == {minority} for x, y in pairs[w] for p in ((x, y), (y, x))}
        return frozenset(out)

    rng = random.Random(11)
    found = 0
    for _ in range(30):
        specs = []
        for art in range(rng.randrange(2, 14)):
            day = dt.date(2020, 9, 1) + dt.timedelta(days=rng.randrange(0, 60))
            undated = rng.random() < 0.6
            for quantity, base in (("infected", 100000), ("killed", 2000), ("recovered", 90000), ("wounded", 500)):
                for population in rng.sample(("all", "children"), rng.randrange(0, 3)):
                    slip = rng.random() < 0.15  # a misprint: far below its series
                    value = (base + 900 * (day - dt.date(2020, 9, 1)).days) // (10 if slip else 1)
                    specs.append({"id": f"{art}-{quantity}-{population}", "article": f"a{art:02d}", "quantity": quantity,
                                  "population": population, "event": "epidemic", "place": "morocco", "value": value,
                                  "as_of": None if undated else day})
        claims = [make_claim(s, lex) for s in specs]
        want = every_pair(claims)
        found += bool(want)
        assert out_of_order(claims, lex) == want
        some = {c.article_id for c in claims[:5]}
        article_of = {c.claim_id: c.article_id for c in claims}
        assert out_of_order(claims, lex, some) == {p for p in want if {article_of[p[0]], article_of[p[1]]} & some}
    assert found > 5


def test_an_undated_figure_fits_the_series_exactly_where_some_position_allows_it(lex):
    """`Ctx.fits_series` finds a position by two binary searches (a big group has thousands of
    dated figures and hundreds of undated ones): the same answer as trying every position."""
    import random

    from discrepancy.models import ClaimGroup
    from discrepancy.rules import Ctx, _num, _num_hi

    rng = random.Random(7)
    for _ in range(40):
        specs = [{"id": f"d{k}", "value": rng.choice((100, 250, 1140, 1200, 1300, 5000, 24000)) + rng.randrange(0, 60),
                  "hedge": rng.choice(("exact", "approx", "more_than", "at_least", "less_than")),
                  "as_of": dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 90))} for k in range(rng.randrange(0, 12))]
        specs += [{"id": f"u{k}", "value": rng.randrange(50, 30000), "hedge": rng.choice(("exact", "approx", "more_than"))}
                  for k in range(8)]
        claims = [make_claim(s, lex) for s in specs]
        group = ClaimGroup("g", "killed", "palestinian", "gaza_war", "", "count", "cumulative", tuple(claims))
        ctx = Ctx(group, lex)
        dated = sorted((c for c in claims if c.as_of is not None), key=lambda c: c.as_of)
        for c in claims:
            if c.as_of is not None:
                continue
            lo, hi = _num(c.low), _num_hi(c)
            every_position = any(all(_num(x.low) <= hi for x in dated[:i]) and all(_num_hi(x) >= lo for x in dated[i:])
                                 for i in range(len(dated) + 1))
            assert ctx.fits_series(c) == every_position


def _stars_by_definition(classes, edges):
    """What `rules._stars` selects, the plain way: each class of a pivot's pairs tested against
    every class kept before it (no look-up of where one can have grown)."""
    from discrepancy.rules import _Figures, _num

    figures = _Figures(classes)
    uncovered = {(min(i, j), max(i, j)) for i, js in edges.items() for j in js}
    days = [None if r.as_of is None else _num(r.as_of) for r in figures.reps]
    values = [_num(r.value) for r in figures.reps]
    out = []
    while uncovered:
        degree = {}
        for i, j in uncovered:
            degree[i] = degree.get(i, 0) + 1
            if i != j:
                degree[j] = degree.get(j, 0) + 1
        pivot = min(degree, key=lambda v: (-degree[v], v))
        t, x = days[pivot], values[pivot]
        around = sorted((j for j in edges[pivot] if j != pivot and (min(pivot, j), max(pivot, j)) in uncovered),
                        key=lambda j: (float("inf") if t is None or days[j] is None else abs(t - days[j]),
                                       abs(x - values[j]) / max(abs(x), abs(values[j]), 1e-9), j))
        kept, dated = [], []
        for j in around:
            if figures.spans[j] is None:
                kept.append(j)
            elif not any(j not in edges[k] and figures.grew(k, j) for k in dated):
                dated.append(j)
                kept.append(j)
        members = [pivot, *kept]
        shown = [(a, b) for a in members for b in members if a <= b and b in edges[a]]
        uncovered -= {(min(pivot, j), max(pivot, j)) for j in around} | set(shown)
        out.append((members, shown))
    return out


@pytest.mark.parametrize("seed", range(8))
def test_the_selector_lists_what_its_definition_does_on_a_big_group(seed, lex):
    """A running total told on many days, the same figure restated, open-ended and month-dated
    figures among them: `_stars` (which looks up where a class can have grown) lists the same
    classes and pairs as testing every kept class (docs/performance.md)."""
    import random

    from discrepancy.rules import Ctx, _pair_edges, _stars, growth_ruled_out

    rng = random.Random(seed)
    specs = []
    for k in range(120):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(60))
        spec = {"id": f"c{k}", "article": f"art-{rng.randrange(50)}", "population": "palestinian",
                "event": "gaza_war", "value": rng.choice([9000, 10000, 12000, 12000, 15000, 20000]),
                "hedge": rng.choice(["exact", "exact", "approx", "more_than", "at_least", "less_than", "at_most"]), "as_of": day}
        if rng.random() < 0.1:
            spec["as_of"], spec["as_of_note"] = day.replace(day=1), "month: stated (until)"
        elif rng.random() < 0.1:
            del spec["as_of"]
        specs.append(spec)
    claims = [make_claim(s, lex) for s in specs]
    groups = align(claims, lex)
    unordered = growth_ruled_out(claims, lex, None)
    tried = 0
    for rule in load_rules(None, lex):
        if rule.compare != "pairs":
            continue
        for g in groups:
            if len(g.claims) > 1 and rule.applies(g):
                classes, edges = _pair_edges(rule, g, Ctx(g, lex, unordered))
                edges = {i: js for i, js in edges.items() if js}
                assert _stars(classes, edges) == _stars_by_definition(classes, edges)
                tried += bool(edges)
    assert tried


@pytest.mark.parametrize("seed", range(3))
def test_a_focused_check_finds_the_pairs_connected_to_the_new_figures(seed, lex):
    """With focus, each group's last pair rule looks only at the pairs connected to a new
    class (`_pair_edges(near=...)`, which walks from them for a rule of unordered pairs), and
    the rules before it only at the pairs connected to a new class or to a claim a later rule
    reads (`_focused_pairs`): on big groups of a running total and of a one-time count, told
    on many days by several sources, undated, month-dated, the walk finds the pairs connected
    to the new classes, and the focused `evaluate` gives the conflicts of the whole one that
    list a new claim (docs/performance.md)."""
    import random

    from discrepancy import rules as r

    rng = random.Random(seed)
    specs = []
    for k in range(200):
        day = dt.date(2023, 10, 7) + dt.timedelta(days=rng.randrange(40))
        spec = {"id": f"c{k}", "article": f"art-{rng.randrange(60)}", "as_of": day,
                "hedge": rng.choice(["exact", "exact", "approx", "more_than", "at_least", "less_than", "at_most"]),
                "attribution": rng.choice(["", "ministry", "ministry", "army"])}  # same-source pairs too
        if k % 2:
            spec.update(population="palestinian", event="gaza_war", value=rng.choice([9000, 10000, 12000, 12000, 15000, 20000]))
        else:
            spec.update(value=rng.choice([1140, 1200, 1300, 1300, 1400]))  # killed/israeli/oct7_attack: a one-time count
        if rng.random() < 0.1:
            spec["as_of"], spec["as_of_note"] = day.replace(day=1), "month: stated (until)"
        elif rng.random() < 0.15:
            del spec["as_of"]
        specs.append(spec)
    claims = [make_claim(s, lex) for s in specs]
    groups = align(claims, lex)
    rules = load_rules(None, lex)
    unordered = r.growth_ruled_out(claims, lex, None)
    walked = 0
    for rule in rules:
        if rule.compare != "pairs":
            continue
        for g in groups:
            if len(g.claims) < 2 or not rule.applies(g):
                continue
            classes, every = r._pair_edges(rule, g, r.Ctx(g, lex, unordered))
            for article in sorted({c.article_id for c in g.claims}):
                near = [i for i, cls in enumerate(classes) if article in cls.articles]
                _, some = r._pair_edges(rule, g, r.Ctx(g, lex, unordered), near)
                assert r._reachable(some, near) == r._reachable(every, near)
                walked += r._walkable(rule)  # the walk was taken
    assert walked
    everything = r.evaluate(groups, claims, rules, lex)
    for article in (f"art-{k}" for k in range(0, 60, 4)):
        focus = {c.claim_id for c in claims if c.article_id == article}
        focused = r.evaluate(groups, claims, rules, lex, focus=focus)
        wanted = [cf for cf in everything if any(c.claim_id in focus for c in cf.claims)]
        assert [(cf.rule_id, cf.message, cf.claims) for cf in focused] == [(cf.rule_id, cf.message, cf.claims) for cf in wanted]


def test_hostages_dead_in_a_hostage_taking_are_a_one_time_count():
    """The hostages killed in a four-day hostage-taking are counted once, like its other dead
    (in_amenas_hostages_2013: 37 against 80 the same Monday); the Gaza war's hostages go on dying in
    captivity for months: a running total by its profile's convention."""
    from discrepancy.lexicon import load_lexicon

    core, gaza = load_lexicon(None, ()), load_lexicon(None, ("gaza_war",))
    assert core.kind("hostages_dead", "attack") == core.kind("killed", "attack") == "fixed"
    assert core.kind("hostages_dead", "war") == "cumulative"
    assert gaza.kind("hostages_dead", "oct7_attack") == "cumulative"
    assert gaza.kind("killed", "oct7_attack") == "fixed"
