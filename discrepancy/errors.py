"""Every error a file of `rules/` can cause: a stable code and a message template.

Modelled on spaCy's `Errors` class: each message is a constant with
placeholders, named by its code; reading `Errors.R001` gives the template
prefixed with its code ("R001 unknown metric {metric!r} ..."), so a message
always starts with it. `R` codes are for conflict rule files
(`rules/conflicts/*.yaml`), `L` codes for the other files of `rules/`
(taxonomy, lexicons, gazetteers, profiles, settings). A code never changes
meaning and is never reused; docs/errors.md says what each means and how to
fix it.

A `RulesError` holds one line per problem, each `WHERE: CODE problem`, where
WHERE is the file (and its line, its rule id or its entry when there is one).
"""

from __future__ import annotations

import re
from typing import Any

CODE = re.compile(r"[RL]\d{3}")
_CODE_IN_LINE = re.compile(r"(?:^|: )([RL]\d{3}) ")


class _Table(dict):
    """A class body that refuses to define the same code twice (a plain class would keep the last)."""

    def __setitem__(self, key: str, value: Any) -> None:
        if key in self and CODE.fullmatch(key):
            raise TypeError(f"error code {key} is defined twice")
        super().__setitem__(key, value)


class ErrorsWithCodes(type):
    """The metaclass of a table of coded messages: `Table.R001` is "R001 " + its template."""

    @classmethod
    def __prepare__(mcs, name: str, bases: tuple, **kw: Any) -> _Table:
        return _Table()

    def __new__(mcs, name: str, bases: tuple, namespace: _Table, **kw: Any) -> ErrorsWithCodes:
        return super().__new__(mcs, name, bases, dict(namespace))

    def __getattribute__(cls, name: str) -> Any:
        value = super().__getattribute__(name)
        return f"{name} {value}" if CODE.fullmatch(name) else value


# fmt: off
class Errors(metaclass=ErrorsWithCodes):
    # --- conflict rule files: rules/conflicts/*.yaml
    R001 = "unknown metric {metric!r} for compare: {compare} (known: {known})"
    R002 = "unknown operator {op!r} (known: {known})"
    R003 = "{field}: {value} is not {expected}"
    R004 = "applies_to {key}: unknown value(s) {values} (known: {known})"
    R005 = "missing field(s): {fields}"
    R006 = "unknown field(s): {fields} (allowed: {known})"
    R007 = "not valid YAML ({problem})"
    R008 = "too large for a rule file: {size:,} bytes (limit {limit:,})"
    R009 = "id already used in {other}"
    R010 = "not a UTF-8 text file ({why})"
    R011 = "its aliases expand to {size} nodes (limit {limit:,}); write the YAML out instead of nesting anchors"
    R012 = "nested too deeply (or an anchor that contains itself)"
    R013 = "unknown severity {severity!r} (known: {known})"
    R014 = "unknown compare {compare!r} (known: {known})"
    R015 = "applies_to: unknown key {key!r} (known: {known})"
    R016 = "condition {condition} must have exactly metric, op and value"
    R017 = "condition on {metric}: {problem}"
    R018 = "message: unknown placeholder(s) {fields} (known: {known})"
    R019 = "message template: {problem}"
    R020 = "a rule must be a mapping with {fields}, not {value}"
    R021 = "rules must be a list of rules, not {value}"
    R022 = "no rule files (*.yaml) found"
    R023 = "cannot read ({why})"
    # --- the other files of rules/: taxonomy, lexicon/, gazetteer/, profiles/, settings
    L001 = "unknown key {name!r} (known: {known})"
    L002 = "file missing (copy it from the project's rules/ folder)"
    L003 = "not valid YAML ({problem})"
    L004 = "no such profile (known: {known})"
    L005 = "rules folder not found (pass --rules DIR with taxonomy.yaml and lexicon/)"
    L006 = "too large for a rules file: {size:,} bytes (limit {limit:,})"
    L007 = "not a UTF-8 text file ({why})"
    L008 = "its aliases expand to {size} nodes (limit {limit:,}); write the YAML out instead of nesting anchors"
    L009 = "nested too deeply (or an anchor that contains itself)"
    L010 = "cannot read ({why})"
    L011 = "expected a {expected} at the top level, found {found}"
    L012 = "needs a {key!r} {expected}"
    L013 = "{section!r} must be a mapping"
    L014 = "setting {name} must be a number, not {value!r}"
    L015 = "kind {kind!r} is not one of {known}"
    L016 = "{value!r} is not a YYYY-MM-DD date"
    L017 = "unknown field(s) {fields} (allowed: {known})"
    L018 = "expected {{in: ..., names: [...]}}, not {value}"
    L019 = "unknown section(s) {sections} (allowed: {known})"
    L020 = "modality {modality!r} is not one of {known}"
    L021 = "hedges: {problem}"
    L022 = "must be {{min_cues: N, cues: [...]}} (N a whole number, 1 or more; optional places: [...], since: YYYY-MM-DD), not {value}"
    L023 = "tree pattern {name}: {problem}"
    L024 = "breakdown must be {{among: [...], of: [...], among_things: [...], of_things: [...]}} (one word each), not {value}"
# fmt: on


def table() -> dict[str, str]:
    """Every code and its template (without the code), in the order of the table."""
    return {k: v for k, v in vars(Errors).items() if CODE.fullmatch(k)}


class RulesError(Exception):
    """A rule or lexicon file that cannot be used: one line per problem, `WHERE: CODE problem`."""

    @classmethod
    def at(cls, where: object, message: str, **fields: Any) -> RulesError:
        """The error for one problem: `where` (file, rule...) and a coded message of `Errors` filled in."""
        return cls(f"{where}: {message.format(**fields)}")

    @property
    def codes(self) -> list[str]:
        """The code of each line, in order."""
        return [m.group(1) for line in str(self).splitlines() if (m := _CODE_IN_LINE.search(line))]
