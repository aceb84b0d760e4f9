"""discrepancy: find where Arabic news sources disagree on numbers.

    >>> import discrepancy
    >>> result = discrepancy.check(["seeds"], manifest="seeds/manifest.csv")
    >>> result.conflicts  # a DataFrame with the report's columns
"""

from __future__ import annotations

__version__ = "0.1.0"

from .models import Article, Claim, ClaimGroup, Conflict, InputProblem  # noqa: E402
from .pipeline import Extraction, Result, check, extract_claims  # noqa: E402
from .score import score  # noqa: E402

__all__ = ["Article", "Claim", "ClaimGroup", "Conflict", "InputProblem", "Extraction", "Result", "check",
           "extract_claims", "score", "__version__"]
