"""Canonical DynamoDB Streams events for AWS Lambda: fixtures, schemas, validation, factories."""

from __future__ import annotations

__version__ = "0.1.0"
