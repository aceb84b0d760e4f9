"""The code stays ruff-clean (configuration in pyproject.toml)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def test_ruff_clean():
    beside_python = Path(sys.executable).parent / "ruff"
    ruff = str(beside_python) if beside_python.exists() else shutil.which("ruff")
    if not ruff:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    r = subprocess.run([ruff, "check", "discrepancy", "tests", "bench"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr


def _story_words() -> set[str]:
    """What names one story: each corpus story's places (tests/corpus/*/story.yaml, with their names in the gazetteer)
    and each profile's name, event and source keys, detection cues and places, and its sides with their
    nationality words (rules/profiles/)."""
    import yaml

    gazetteer = yaml.safe_load((ROOT / "rules" / "gazetteer" / "places.yaml").read_text(encoding="utf-8"))
    # a place's names, also without their article (المغرب: مغربي، مغربيان)
    # (a key may stand in several sections, a country and its bodies: every section's names count)
    names_of: dict[str, list[str]] = {}
    for section in gazetteer.values():
        for key, entry in (section.items() if isinstance(section, dict) else ()):
            names_of.setdefault(key, []).extend(
                n for name in (entry.get("names", []) if isinstance(entry, dict) else entry)
                for n in (name, name.removeprefix("ال")))
    words: set[str] = set()
    for path in (ROOT / "tests" / "corpus").glob("*/story.yaml"):
        story = yaml.safe_load(path.read_text(encoding="utf-8"))
        words.add(story["story"])
        for key in story.get("places") or {}:  # the gazetteer's names (a story's own aliases hold البلاد)
            words.add(key)
            words.update(names_of.get(key, []))
    nationalities = yaml.safe_load((ROOT / "rules" / "gazetteer" / "nationalities.yaml").read_text(encoding="utf-8"))
    for path in (ROOT / "rules" / "profiles").glob("*.yaml"):
        profile = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        words.add(path.stem)
        for key in (profile.get("detect") or {}).get("places") or []:  # the countries it is about
            words.add(key)
            words.update(names_of.get(key, []))
        for side in ((profile.get("populations") or {}).get("sides") or {}):  # its sides, by nationality
            words.add(side)
            words.update(nationalities.get(side) or [])
        words.update((profile.get("detect") or {}).get("cues") or [])
        words.update(((profile.get("events") or {}).get("cues") or {}).keys())
        words.update(((profile.get("sources") or {}).get("names") or {}).keys())
    return {w for w in words if isinstance(w, str) and len(w) >= 3}


def test_the_code_names_no_story():
    """Story knowledge lives in rules/ (README "Stories: the generic core and profiles"): no story's place, profile, event or
    source key, and no profile's cue, in discrepancy/ (comments and docstrings included), with the clitics
    and endings Arabic writes on a name (وبغزة، العراقية)."""
    import re

    words = _story_words()
    arabic = sorted((w for w in words if re.search("[\u0600-\u06ff]", w)), key=len, reverse=True)
    latin = sorted(words - set(arabic), key=len, reverse=True)
    found = re.compile(
        r"(?<!\w)(?:و|ف)?(?:ب|ل|ك)?(?:ال|لل)?(?:" + "|".join(map(re.escape, arabic)) + r")(?:ي(?:ين|ون|ان|ة|ه|ا|تين|تان)?|ة|ه|ا)?(?!\w)"
        r"|(?i:\b(?:" + "|".join(map(re.escape, latin)) + r")\b)")
    hits = [f"{path.relative_to(ROOT)}:{n}: {m.group(0)}"
            for path in sorted((ROOT / "discrepancy").rglob("*.py"))
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            for m in found.finditer(re.sub("[\u064b-\u0652\u0640]", "", line))]  # without harakat (إسرائيلياً)
    assert not hits, "story words in the code:\n" + "\n".join(hits)
