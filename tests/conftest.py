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
    from discrepancy.lexicon import load_lexicon

    return load_lexicon()


@pytest.fixture(scope="session")
def seed_extraction():
    from discrepancy.pipeline import extract_claims

    return extract_claims([SEEDS], manifest=SEEDS / "manifest.csv", progress=False)
