"""discrepancy: find where Arabic news sources disagree on numbers.

    >>> import discrepancy
    >>> ex = discrepancy.extract_claims(["seeds"], manifest="seeds/manifest.csv")
"""

from __future__ import annotations

__version__ = "0.1.0"

from .models import Article, Claim, ClaimGroup, Conflict, InputProblem  # noqa: E402
from .pipeline import Extraction, extract_claims  # noqa: E402

__all__ = ["Article", "Claim", "ClaimGroup", "Conflict", "InputProblem", "Extraction", "extract_claims", "__version__"]
