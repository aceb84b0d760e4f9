from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def lex():
    """The core with every story profile: what alignment and the rules see."""
    from discrepancy.pipeline import full_lexicon

    return full_lexicon()


@pytest.fixture(scope="session")
def seed_extraction():
    from discrepancy.pipeline import extract_claims

    return extract_claims([SEEDS], manifest=SEEDS / "manifest.csv", progress=False)
