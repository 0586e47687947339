"""Every check this project has, one short session each.

`nox` with no arguments runs every check (the README's check command and CI);
`nox -s serve` builds and serves the docs site.
"""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = False
nox.options.sessions = [
    "lint",
    "drift",
    "validate",
    "tests",
    "examples",
    "conformance",  # before docs: the conformance page is built from this run's results
    "docs",
]

# Written by `nox -s conformance` from a real run of every language; the docs render it.
CONFORMANCE_RESULTS = "docs/data/conformance.json"


def install(session: nox.Session, *extras: str) -> None:
    """Install the project (editable) with the given extras into the session's venv."""
    spec = f".[{','.join(extras)}]" if extras else "."
    session.install("-e", spec)


@nox.session
def generate(session: nox.Session) -> None:
    """Rewrite events/ from the scenarios; `-- --check` writes nothing and fails on drift."""
    install(session)
    session.run("python", "-m", "ddbstreams.write_fixtures", *session.posargs)


@nox.session
def drift(session: nox.Session) -> None:
    """Fail when a committed fixture differs from what the generators produce."""
    install(session)
    session.run("python", "-m", "ddbstreams.write_fixtures", "--check")


@nox.session
def validate(session: nox.Session) -> None:
    """Validate every fixture, or the files given after `--` (see `--help`)."""
    install(session)
    session.run("ddbstreams", "validate", *(session.posargs or ["--bundled"]))


@nox.session
def tests(session: nox.Session) -> None:
    """The Python test suite: generators, schemas, validator, negative cases."""
    install(session, "test")
    session.run(
        "pytest", "tests", "--ignore=tests/docs", "--ignore=tests/harness", *session.posargs
    )


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint + format) and mypy, clean."""
    install(session, "lint", "test", "examples", "docs", "bench")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")


@nox.session
def examples(session: nox.Session) -> None:
    """The Python example handlers: their own tests, then the harness on every fixture."""
    install(session, "examples", "test")
    session.run("pytest", "examples/python/tests", "-p", "no:cacheprovider")
    session.run("python", "-m", "tests.harness", "--language", "python", *session.posargs)


@nox.session
def conformance(session: nox.Session) -> None:
    """Every language's handlers against every fixture; writes .results/conformance.json."""
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
    """Build the docs site (`mkdocs build --strict`), then test it: reachability and Chromium."""
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


@nox.session
def serve(session: nox.Session) -> None:
    """Build the docs site, then serve it at http://127.0.0.1:8000 (Ctrl-C stops it)."""
    install(session, "docs")
    session.run("mkdocs", "build", "--strict", env=DOCS_ENV)
    # Served at the root of 127.0.0.1:8000 rather than under site_url's /reference/ path.
    local = {**DOCS_ENV, "DDBSTREAMS_SITE_URL": "http://127.0.0.1:8000/"}
    session.run("mkdocs", "serve", "--strict", "-a", "127.0.0.1:8000", *session.posargs, env=local)


@nox.session
def bench(session: nox.Session) -> None:
    """Validator speed on a 10,000-record, ~6 MB batch beside json.loads, jsonschema, Powertools."""
    install(session, "bench")
    session.run("python", "benchmarks/bench_validate.py")
    session.run("python", "benchmarks/bench_factory.py")


# Hostile input, kept out: the CLI and the API fuzzed with generated and mutated events.
FUZZ_SEED = "0"  # fixed, so a CI failure reproduces; pass `-- --seed N --budget S` by hand
FUZZ_BUDGET_SECONDS = "120"


@nox.session
def fuzz(session: nox.Session) -> None:
    """No traceback, signal, unlabelled or overlong line, or runaway memory on hostile input."""
    install(session, "test")
    args = session.posargs or ["--seed", FUZZ_SEED, "--budget", FUZZ_BUDGET_SECONDS]
    session.run("python", "tests/fuzz/run.py", *args)
