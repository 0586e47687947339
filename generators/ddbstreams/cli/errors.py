"""The two ways a command fails, each with its exit status."""

from __future__ import annotations


class UsageError(Exception):
    """A mistake in the command line: exit status 2."""


class InputError(Exception):
    """Input the user gave that is not acceptable: exit status 1."""
