"""Validation of events and responses: JSON Schema first, then the rules a schema cannot state."""

from __future__ import annotations

from .problems import Problem
from .shapes import detect, detect_shape
from .validator import Checked, check_document, validate_document

__all__ = [
    "Checked",
    "Problem",
    "check_document",
    "detect",
    "detect_shape",
    "validate_document",
]
