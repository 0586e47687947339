"""Every check this project has, one short session each.

`nox` with no arguments runs every check (the README's check command and CI);
`nox -s docs -- serve` builds, tests and serves the docs site.
"""

from __future__ import annotations

import os

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
    session.run("python", "-m", "ddbstreams.generate", *session.posargs)


@nox.session
def drift(session: nox.Session) -> None:
    """Fail when a committed fixture differs from what the generators produce."""
    install(session)
    session.run("python", "-m", "ddbstreams.generate", "--check")


@nox.session
def validate(session: nox.Session) -> None:
    """Validate every fixture, or the files given after `--` (see `--help`)."""
    install(session)
    session.run("python", "-m", "ddbstreams.validate", *session.posargs)


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


def generate_docs(session: nox.Session, *args: str) -> None:
    """Write docs/generated/ from the catalogue, schemas and examples (`--check`: compare only)."""
    with session.chdir("docs"):
        session.run("python", "-m", "sitegen", *args)


@nox.session
def docs(session: nox.Session) -> None:
    """Generate docs/generated/ (only check it under CI), build the site with --strict, test it.

    Then, in a terminal or with `nox -s docs -- serve`, serve it at http://127.0.0.1:8000
    (Ctrl-C stops it). Other arguments after `--` go to pytest.
    """
    install(session, "docs", "test")
    serve = session.interactive or "serve" in session.posargs
    pytest_args = [a for a in session.posargs if a != "serve"]
    # CI builds the committed fragments and fails if they are stale; locally they are rewritten.
    generate_docs(session, *(["--check"] if os.environ.get("CI") else []))
    session.run("mkdocs", "build", "--strict", env=DOCS_ENV)
    # The docs tests do not use the project's own pytest plugin (`-p no:ddbstreams`);
    # `docs/` is on their path so that they import `sitegen`.
    session.run(
        "pytest",
        "tests/docs",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:ddbstreams",
        "-o",
        "pythonpath=docs",
        *pytest_args,
        env=DOCS_ENV,
    )
    if serve:
        # MkDocs serves the site under site_url's path.
        session.log("Serving the site at http://127.0.0.1:8000/reference/")
        session.run("mkdocs", "serve", "--strict", "-a", "127.0.0.1:8000", env=DOCS_ENV)


ZENSICAL_CONFIG = ".zensical-try.yml"  # mkdocs.yml with another site_dir, beside it
ZENSICAL_SITE = ".zensical-site"  # Zensical wants the output inside the project


@nox.session(default=False)
def zensical(session: nox.Session) -> None:
    """Try building the site with Zensical and print what still breaks; never fails.

    Builds mkdocs.yml into .zensical-site/ (removed afterwards). Zensical runs no MkDocs hooks,
    so what the hook publishes (raw events/ and schemas/, the schema pages) is missing.
    """
    import re
    import shutil
    from pathlib import Path

    install(session)
    session.install("zensical")
    generate_docs(session)
    config = Path("mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^site_dir: .*$", f"site_dir: {ZENSICAL_SITE}", config, flags=re.M)
    Path(ZENSICAL_CONFIG).write_text(config, encoding="utf-8")
    try:
        output = session.run(
            *("zensical", "build", "-f", ZENSICAL_CONFIG),
            silent=True,
            success_codes=range(256),
            env={**DOCS_ENV, "NO_COLOR": "1"},
        )
    finally:
        Path(ZENSICAL_CONFIG).unlink(missing_ok=True)
        shutil.rmtree(ZENSICAL_SITE, ignore_errors=True)
    session.log(
        f"Zensical: {_zensical_problems(output)}\n"
        "  Not published without the MkDocs hook: events/**.json, schemas/*.json and the "
        "schema pages at schemas/<name>/."
    )


def _zensical_problems(output: object) -> str:
    """Zensical's errors and warnings, one line each with the file they are about."""
    import re

    text = re.sub(r"\x1b\[[0-9;]*m", "", str(output or ""))
    problems: list[str] = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(("Error:", "Warning:", "RuntimeError:")):
            where = next(
                (
                    m[1]
                    for m in map(re.compile(r"\[ (\S+:\d+:\d+) \]").search, lines[i + 1 : i + 3])
                    if m
                ),
                "",
            )
            problems.append(f"{line.strip()} {where}".strip())
    if not problems:
        return "built with no warning"
    return f"{len(problems)} problem(s)\n    " + "\n    ".join(problems)


@nox.session
def bench(session: nox.Session) -> None:
    """Validator speed on a 10,000-record, ~6 MB batch beside json.loads, jsonschema, Powertools."""
    install(session, "bench")
    session.run("python", "benchmarks/bench_validate.py")
    session.run("python", "benchmarks/bench_factory.py")
