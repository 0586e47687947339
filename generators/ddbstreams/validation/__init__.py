"""Validation of events and responses: JSON Schema first, then the rules a schema cannot state."""

from __future__ import annotations

from .problems import Problem
from .shapes import detect_shape
from .validator import validate_document

__all__ = ["Problem", "detect_shape", "validate_document"]
