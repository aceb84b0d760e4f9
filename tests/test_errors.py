"""Coded loader errors (docs/errors.md): every code is raised by a real malformed file of
`rules/`, and its one line names the file, the rule or entry, the code and the problem."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

from discrepancy.errors import CODE, Errors, ErrorsWithCodes, RulesError, table
from discrepancy.lexicon import DEFAULT_RULES_DIR, detect_profiles, load_lexicon
from discrepancy.rules import load_rules
from tests.conftest import ROOT

RULE = """id: x
description: any two disjoint figures of a one-time count
severity: high
applies_to: {kind: [fixed]}
compare: pairs
when:
  - {metric: intervals_overlap, op: eq, value: false}
message: "{values}"
"""
DIR = object()  # a folder where a file should be
GONE = None  # a file (or folder) removed
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
DEEP = "[" * 5000 + "]" * 5000 + "\n"
BIG = "# " + "x" * 1_000_001 + "\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"

# code -> (files to write under a copy of rules/, what the line must say after the code, the rule id or None)
RULE_CASES = [
    ("R001", {"conflicts/x.yaml": RULE.replace("metric: intervals_overlap", "metric: overlapz")},
     "unknown metric 'overlapz' for compare: pairs (known: intervals_overlap", "x"),
    ("R002", {"conflicts/x.yaml": RULE.replace("op: eq", "op: equals")}, "unknown operator 'equals' (known: eq, ne", "x"),
    ("R003", {"conflicts/x.yaml": RULE.replace("compare: pairs", "compare: [pairs]")}, "compare: ['pairs'] is not a string", "x"),
    ("R003", {"conflicts/x.yaml": RULE.replace('message: "{values}"', "message: 12345")}, "message: 12345 is not a string", "x"),
    ("R003", {"conflicts/x.yaml": RULE.replace("applies_to: {kind: [fixed]}", "applies_to: [fixed]")},
     "applies_to: ['fixed'] is not a mapping", "x"),
    ("R003", {"conflicts/x.yaml": RULE.replace("op: eq", "op: [eq]")}, "when/0/op: ['eq'] is not a string", "x"),
    ("R004", {"conflicts/x.yaml": RULE.replace("{kind: [fixed]}", "{quantity: [killd]}")},
     "applies_to quantity: unknown value(s) killd (known: killed", "x"),
    ("R005", {"conflicts/x.yaml": RULE.replace("severity: high\n", "")}, "missing field(s): severity", "x"),
    ("R006", {"conflicts/x.yaml": RULE + "colour: red\n"}, "unknown field(s): colour (allowed: applies_to", "x"),
    ("R007", {"conflicts/x.yaml": "id: x\nwhen: [unclosed\n"}, "not valid YAML (did not find expected", None),
    ("R007", {"conflicts/x.yaml": RULE + "since: 2023-13-07\n"}, "not valid YAML (month must be in 1..12)", None),
    ("R008", {"conflicts/x.yaml": RULE + BIG}, "too large for a rule file: 1,000,206 bytes (limit 1,000,000)", None),
    ("R009", {"conflicts/x.yaml": RULE.replace("id: x", "id: fixed-disagreement")}, "id already used in ", "fixed-disagreement"),
    ("R010", {"conflicts/x.yaml": PNG}, "not a UTF-8 text file (binary?)", None),
    ("R010", {"conflicts/x.yaml": RULE + "\x00"}, "not a UTF-8 text file (contains NUL bytes)", None),
    ("R011", {"conflicts/x.yaml": BOMB}, "its aliases expand to 490,329,064 nodes (limit 100,000)", None),
    ("R011", {"conflicts/x.yaml": "a: &a [*a]\n"}, "its aliases expand to inf nodes (limit 100,000)", None),
    ("R012", {"conflicts/x.yaml": DEEP}, "nested too deeply", None),
    ("R013", {"conflicts/x.yaml": RULE.replace("severity: high", "severity: urgent")},
     "unknown severity 'urgent' (known: high, medium, low)", "x"),
    ("R014", {"conflicts/x.yaml": RULE.replace("compare: pairs", "compare: triples")}, "unknown compare 'triples' (known: pairs", "x"),
    ("R015", {"conflicts/x.yaml": RULE.replace("{kind: [fixed]}", "{colour: [red]}")},
     "applies_to: unknown key 'colour' (known: kind, quantity", "x"),
    ("R016", {"conflicts/x.yaml": RULE.replace("value: false}", "value: false, weight: 2}")},
     "condition {'metric': 'intervals_overlap', 'op': 'eq', 'value': Fals... must have exactly metric, op and value", "x"),
    ("R017", {"conflicts/x.yaml": RULE.replace("value: false", 'value: "no"')},
     "condition on intervals_overlap: value 'no' must be true or false", "x"),
    ("R017", {"conflicts/x.yaml": RULE.replace("{metric: intervals_overlap, op: eq, value: false}",
                                                '{metric: relative_difference, op: gt, value: "abc"}')},
     "condition on relative_difference: value 'abc' must be a number", "x"),
    ("R017", {"conflicts/x.yaml": RULE.replace("op: eq", "op: gt")}, "condition on intervals_overlap: op gt does not compare true/false", "x"),
    ("R018", {"conflicts/x.yaml": RULE.replace('"{values}"', '"{vals}"')}, "message: unknown placeholder(s) vals (known: what", "x"),
    ("R019", {"conflicts/x.yaml": RULE.replace('"{values}"', '"{values"')}, "message template: expected '}' before end of string", "x"),
    ("R020", {"conflicts/x.yaml": "rules: [5]\n"}, "a rule must be a mapping with applies_to, compare", None),
    ("R021", {"conflicts/x.yaml": "rules: 5\n"}, "rules must be a list of rules, not 5", None),
    ("R022", {"conflicts": GONE}, "no rule files (*.yaml) found", None),
    ("R023", {"conflicts/x.yaml": DIR}, "cannot read (Is a directory)", None),
]

# code -> (files to write under a copy of rules/, profiles to load, what the line must say after the code, file named)
LEXICON_CASES = [
    ("L001", {"lexicon/quantities.yaml": ("append", "killd: {triggers: [قتيل]}\n")}, (),
     "unknown key 'killd' (known: killed, wounded", "lexicon/quantities.yaml: quantity"),
    ("L002", {"lexicon/modality.yaml": GONE}, (), "file missing (copy it from the project's rules/ folder)", "lexicon/modality.yaml"),
    ("L003", {"lexicon/sources.yaml": "names: [unclosed\n"}, (), "not valid YAML (did not find expected", "lexicon/sources.yaml line 2"),
    ("L004", {}, ("gaza_wars",), "no such profile (known: gaza_war, sudan_war)", "profiles/gaza_wars.yaml"),
    ("L005", {".": GONE}, (), "rules folder not found (pass --rules DIR", "rules"),
    ("L006", {"gazetteer/places.yaml": ("append", BIG)}, (), "too large for a rules file: ",
     "gazetteer/places.yaml"),
    ("L007", {"gazetteer/nationalities.yaml": PNG}, (), "not a UTF-8 text file (binary?)", "gazetteer/nationalities.yaml"),
    ("L008", {"lexicon/hedges.yaml": BOMB}, (), "its aliases expand to 490,329,064 nodes", "lexicon/hedges.yaml"),
    ("L009", {"settings.yaml": DEEP}, (), "nested too deeply", "settings.yaml"),
    ("L010", {"lexicon/events.yaml": DIR}, (), "cannot read (Is a directory)", "lexicon/events.yaml"),
    ("L011", {"lexicon/modality.yaml": "- نفى\n- نفت\n"}, (), "expected a mapping at the top level, found list",
     "lexicon/modality.yaml"),
    ("L012", {"taxonomy.yaml": ("replace", "\nquantities:\n", "\nquantity:\n")}, (), "needs a 'quantities' mapping", "taxonomy.yaml"),
    ("L013", {"profiles/bad.yaml": "sources: [رويترز]\n"}, ("bad",), "'sources' must be a mapping", "profiles/bad.yaml"),
    ("L014", {"settings.yaml": ("replace", "settle_days: 14", "settle_days: soon")}, (), "setting settle_days must be a number, not 'soon'",
     "settings.yaml"),
    ("L015", {"taxonomy.yaml": ("replace", "hostages_taken:    {kind: fixed", "hostages_taken:    {kind: fixd")}, (),
     "kind 'fixd' is not one of fixed, cumulative, current", "taxonomy.yaml: quantity hostages_taken for default"),
    ("L016", {"profiles/bad.yaml": "taxonomy:\n  events:\n    bad_storm: {type: storm, date: soon}\n"}, ("bad",),
     "'soon' is not a YYYY-MM-DD date", "profiles/bad.yaml: event bad_storm date"),
    ("L017", {"lexicon/quantities.yaml": ("append", "missing: {verbs: [فقد]}\n")}, (),
     "unknown field(s) verbs (allowed: triggers, nouns, generic)", "lexicon/quantities.yaml: quantity missing"),
    ("L018", {"gazetteer/places.yaml": ("replace", "gaza: {in: palestine, names: [غزة, قطاع غزة]}", "gaza: [غزة]")}, (),
     "expected {in: ..., names: [...]}, not ['غزة']", "gazetteer/places.yaml: region gaza"),
    ("L018", {"gazetteer/cities.yaml": ("replace", "aba: {in: nigeria, names: [مدينة آبا]}", "aba: [مدينة آبا]")}, (),
     "expected {in: ..., names: [...]}, not ['مدينة آبا']", "gazetteer/cities.yaml: city aba"),
    ("L019", {"lexicon/non_claims.yaml": ("append", "colours: [أحمر]\n")}, (),
     "unknown section(s) colours (allowed: units, things, named, capacity, years, days)", "lexicon/non_claims.yaml"),
    ("L020", {"lexicon/modality.yaml": ("append", "rumour: [يشاع]\n")}, (),
     "modality 'rumour' is not one of estimate, proposal, denial, fact", "lexicon/modality.yaml"),
    ("L021", {"lexicon/hedges.yaml": ("append", "maybe: {before: [ربما]}\n")}, (), "hedges: unknown hedge 'maybe'",
     "lexicon/hedges.yaml"),
    ("L022", {"profiles/bad.yaml": "detect: {min_cues: three, cues: [زلزال]}\n"}, (),
     "must be {min_cues: N, cues: [...]} (N a whole number, 1 or more; optional places: [...], since: YYYY-MM-DD), "
     "not {'min_cues': 'three'", "profiles/bad.yaml: detect"),
    ("L023", {"lexicon/trees.yaml": ("replace", 'REL_OP: "<", RIGHT_ID: noun', 'REL_OP: "<<<", RIGHT_ID: noun')}, (),
     "tree pattern counted #1: [E1007] Unsupported DependencyMatcher operator '<<<'", "lexicon/trees.yaml"),
    ("L024", {"lexicon/populations.yaml": ("replace", "  of_things: [منها]\n", "  of_things: منها\n")}, (),
     "breakdown must be {among: [...], of: [...], among_things: [...], of_things: [...]} (one word each), not {'among'",
     "lexicon/populations.yaml: breakdown"),
]


def _rules_copy(tmp_path: Path, files: dict) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, root)
    for rel, content in files.items():
        path = root / rel
        if content is GONE:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        elif content is DIR:
            if path.exists():
                path.unlink()
            path.mkdir()
        elif isinstance(content, tuple) and content[0] == "append":
            path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + content[1], encoding="utf-8")
        elif isinstance(content, tuple):
            text = path.read_text(encoding="utf-8")
            assert content[1] in text, f"{rel} no longer holds {content[1]!r}: update the case"
            path.write_text(text.replace(content[1], content[2]), encoding="utf-8")
        else:
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def _one_line(e: pytest.ExceptionInfo) -> str:
    lines = str(e.value).splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.parametrize("code, files, problem, rule_id", RULE_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(RULE_CASES)])
def test_each_rule_file_code_is_raised_by_a_malformed_file(tmp_path, lex, code, files, problem, rule_id):
    root = _rules_copy(tmp_path, files)
    with pytest.raises(RulesError) as e:
        load_rules(root, lex)
    line = _one_line(e)
    assert e.value.codes == [code], line
    where, message = line.split(f": {code} ", 1)
    name = next(iter(files))
    assert where.startswith(str(root / name)), line  # the file (and its line, for YAML) ...
    if rule_id:
        assert where.endswith(f": rule {rule_id}"), line  # ... the rule ...
    assert message.startswith(problem), line  # ... and the problem, in words
    assert len(line) < 400


@pytest.mark.parametrize("code, files, problem, rule_id", RULE_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(RULE_CASES)])
def test_check_says_a_malformed_rule_file_in_one_line_and_exits_2(tmp_path, code, files, problem, rule_id, capsys):
    """The same files through `check`: one line on stderr, naming the file, the code and the problem."""
    from discrepancy.cli import main

    root = _rules_copy(tmp_path, files)
    (tmp_path / "a.txt").write_text("قتل 5 أشخاص وأصيب 12 آخرون في القصف.\n", encoding="utf-8")
    assert main(["check", str(tmp_path / "a.txt"), "--rules", str(root), "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith(f"discrepancy: error: {root / next(iter(files))}") and f"{code} {problem}" in err[0], err[0]
    assert len(err[0]) < 400


@pytest.mark.parametrize("code, files, profiles, problem, where", LEXICON_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(LEXICON_CASES)])
def test_each_lexicon_file_code_is_raised_by_a_malformed_file(tmp_path, code, files, profiles, problem, where):
    root = _rules_copy(tmp_path, files)
    with pytest.raises(RulesError) as e:
        load_lexicon(root, profiles)
        detect_profiles("زلزال قوي", root)  # a profile's detect section is read when articles are matched to profiles
    line = _one_line(e)
    assert e.value.codes == [code], line
    assert line.startswith(str(root)) and f"{where}: {code} " in line, line  # the file, and the entry where there is one
    assert line.split(f": {code} ", 1)[1].startswith(problem), line


def test_a_profile_whose_story_start_is_no_day_is_refused(tmp_path):
    root = _rules_copy(tmp_path, {"profiles/bad.yaml": "detect: {min_cues: 1, cues: [زلزال], since: soon}\n"})
    with pytest.raises(RulesError) as e:
        detect_profiles("زلزال قوي", root)
    assert e.value.codes == ["L022"] and "since: YYYY-MM-DD" in _one_line(e)


def test_every_code_has_a_malformed_file_above():
    assert {c[0] for c in RULE_CASES + LEXICON_CASES} == set(table())


def test_the_table_has_no_duplicate_codes():
    """A class body keeps the last of two equal names silently: the source is read, and the table refuses one."""
    source = (ROOT / "discrepancy" / "errors.py").read_text(encoding="utf-8")
    [cls] = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ClassDef) and n.name == "Errors"]
    names = [t.id for n in cls.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)]
    assert len(names) == len(set(names)) == len(table())
    assert all(CODE.fullmatch(n) for n in names)
    with pytest.raises(TypeError, match="R001 is defined twice"):
        class Twice(metaclass=ErrorsWithCodes):
            R001 = "one"
            R001 = "two"


def test_a_code_reads_as_its_template_with_the_code_first():
    assert Errors.R001.startswith("R001 unknown metric {metric!r}")
    assert table()["R001"].startswith("unknown metric {metric!r}")
    assert RulesError.at("x.yaml: rule y", Errors.R009, other="z.yaml").codes == ["R009"]
    assert str(RulesError.at("x.yaml", Errors.L002)) == "x.yaml: L002 file missing (copy it from the project's rules/ folder)"


def test_every_code_is_used_by_a_loader():
    used = set()
    for path in (ROOT / "discrepancy").glob("*.py"):
        if path.name != "errors.py":
            used |= set(re.findall(r"\b[RL]\d{3}\b", path.read_text(encoding="utf-8")))
    assert used == set(table())


def test_docs_list_exactly_the_codes_of_the_table():
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    documented = re.findall(r"^### ([RL]\d{3}) ", text, flags=re.M)
    assert len(documented) == len(set(documented)), "a code documented twice"
    assert documented == list(table()), "docs/errors.md: one '### CODE title' section per code, in the table's order"
    for section in re.split(r"^### ", text, flags=re.M)[1:]:
        assert "Fix:" in section, section.splitlines()[0]


def test_the_cli_prints_the_coded_line(tmp_path, capsys):
    from discrepancy.cli import main

    root = _rules_copy(tmp_path, {"conflicts/x.yaml": RULE.replace("metric: intervals_overlap", "metric: foo")})
    (tmp_path / "a.txt").write_text("قتل 5 أشخاص في الهجوم.\n", encoding="utf-8")
    assert main(["check", str(tmp_path / "a.txt"), "--rules", str(root), "-q"]) == 2
    [err] = capsys.readouterr().err.strip().splitlines()
    assert err.startswith(f"discrepancy: error: {root / 'conflicts' / 'x.yaml'}: rule x: R001 unknown metric 'foo' for compare: pairs (known: ")
