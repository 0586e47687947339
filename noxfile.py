"""Every check this project has, one short session each.

`nox` with no arguments runs every session not marked `default=False` (the
README's check command, and CI); `nox -s docs` builds the site and, when run
from a terminal, serves it. Conformance runs before docs, because the
conformance page is built from the results it writes.
"""

from __future__ import annotations

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = False

PYPROJECT = nox.project.load_toml("pyproject.toml")

# Written by `nox -s conformance` from a real run of every language; the docs render it.
CONFORMANCE_RESULTS = "docs/data/conformance.json"


def install(session: nox.Session, *groups: str) -> None:
    """The project (editable) and the named dependency groups of pyproject.toml."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, *groups))


@nox.session(default=False)
def generate(session: nox.Session) -> None:
    """Rewrite events/ from the scenarios (each write is printed as it happens)."""
    install(session)
    session.run("python", "-m", "ddbstreams.write_fixtures", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint + format check) and mypy --strict; writes nothing."""
    install(session, "lint", "test", "examples", "docs", "bench")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")


@nox.session
def drift(session: nox.Session) -> None:
    """Fail, listing each file, when events/ differs from what the generators produce."""
    install(session)
    session.run("python", "-m", "ddbstreams.write_fixtures", "--check")


@nox.session
def validate(session: nox.Session) -> None:
    """Validate the bundled fixtures, or the files given after `--`; writes nothing."""
    install(session)
    session.run("ddbstreams", "validate", *(session.posargs or ["--bundled"]))


@nox.session
def tests(session: nox.Session) -> None:
    """The Python test suite (package, schemas, validator, cases as data); writes nothing."""
    install(session, "test")
    session.run("pytest", "tests", "--ignore=tests/docs", "--ignore=tests/hooks", *session.posargs)


@nox.session
def hook(session: nox.Session) -> None:
    """The pre-commit hook installed by `pre-commit try-repo` and run on a scratch repository."""
    install(session, "test", "hook")
    session.run("pytest", "tests/hooks", "-p", "no:cacheprovider", *session.posargs)


@nox.session
def examples(session: nox.Session) -> None:
    """The Python example handlers: their own tests, then the harness on every fixture."""
    install(session, "examples", "test")
    session.run("pytest", "examples/python/tests", "-p", "no:cacheprovider")
    session.run("python", "-m", "tests.harness", "--language", "python", *session.posargs)


@nox.session
def conformance(session: nox.Session) -> None:
    """Every language's handlers on every fixture; writes docs/data/conformance.json."""
    install(session, "examples")
    session.run(
        "python",
        "-m",
        "tests.harness",
        "--language",
        "all",
        "--output",
        CONFORMANCE_RESULTS,
        "--no-timings",
        *session.posargs,
    )


# Material for MkDocs prints a notice about MkDocs 2.0 on every run; it is not a build problem.
DOCS_ENV = {"NO_MKDOCS_2_WARNING": "1"}


@nox.session
def docs(session: nox.Session) -> None:
    """Build the docs site into site/ (`mkdocs build --strict`), then test it in Chromium."""
    install(session, "docs", "test")
    session.run("mkdocs", "build", "--strict", env=DOCS_ENV)
    # The docs tests do not use the project's own pytest plugin (`-p no:ddbstreams`).
    session.run(
        "pytest",
        "tests/docs",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:ddbstreams",
        *session.posargs,
        env=DOCS_ENV,
    )


@nox.session(default=False)
def serve(session: nox.Session) -> None:
    """Build the docs site, then serve it at http://127.0.0.1:8000 (Ctrl-C stops it)."""
    install(session, "docs")
    session.run("mkdocs", "build", "--strict", env=DOCS_ENV)
    # Served at the root of 127.0.0.1:8000 rather than under site_url's /reference/ path.
    local = {**DOCS_ENV, "DDBSTREAMS_SITE_URL": "http://127.0.0.1:8000/"}
    session.run("mkdocs", "serve", "--strict", "-a", "127.0.0.1:8000", *session.posargs, env=local)


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Speed and memory beside the alternatives a user would pick; prints ratios, writes nothing."""
    install(session, "bench")
    session.run("python", "benchmarks/bench_validate.py")
    session.run("python", "benchmarks/bench_factory.py")
