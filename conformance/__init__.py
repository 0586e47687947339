"""The example harness: runs every language's handlers against the fixtures.

    python -m conformance [--language python|go|...|all] [--fixture PATH...] [--output FILE]

See `conformance/CONTRACT.md` for the runner contract and `__main__.py` for the CLI.
"""

from .compare import Difference, canonical_view, compare_view
from .expected import expected_response

__all__ = ["Difference", "canonical_view", "compare_view", "expected_response"]
