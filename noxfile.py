"""Every check this project has, one short session each.

`nox` with no arguments runs every session not marked `default=False` (the
README's check command, and CI); `nox -s docs -- serve` builds, tests and serves the
docs site. Conformance runs before docs, because the conformance page is built from
the results it writes.
"""

from __future__ import annotations

import os
import socket

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = False

PYPROJECT = nox.project.load_toml("pyproject.toml")


def install(
    session: nox.Session, *groups: str, extras: str = "", constraints: str | None = None
) -> None:
    """The project (editable, with `extras`) and the named dependency groups of pyproject.toml."""
    pins = ["-c", constraints] if constraints else []
    project = f".[{extras}]" if extras else "."
    session.install("-e", project, *nox.project.dependency_groups(PYPROJECT, *groups), *pins)


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


# The Python example libraries at the exact versions the matrix names.
PYTHON_EXAMPLE_PINS = "examples/python/constraints.txt"


@nox.session
def drift(session: nox.Session) -> None:
    """Fail, listing each file, when events/, schemas/bundled/ or docs/generated/ differ from
    what generates them."""
    install(session, "docs")
    session.run("python", "-m", "ddbstreams.write_fixtures", "--check")
    session.run("python", "-m", "ddbstreams.bundle_schemas", "--check")
    generate_docs(session, "--check")


@nox.session
def validate(session: nox.Session) -> None:
    """Validate the bundled fixtures, or the files given after `--`; writes nothing."""
    install(session)
    session.run("ddbstreams", "validate", *(session.posargs or ["--bundled"]))


@nox.session
def tests(session: nox.Session) -> None:
    """The Python test suite (package, schemas, validator, cases as data); writes nothing."""
    install(session, "test", extras="yaml")
    session.run(
        "pytest",
        "tests",
        "--ignore=tests/docs",
        "--ignore=tests/hooks",
        "--ignore=tests/filters",
        *session.posargs,
    )


@nox.session
def hook(session: nox.Session) -> None:
    """The pre-commit hook installed by `pre-commit try-repo` and run on a scratch repository."""
    install(session, "test", "hook")
    session.run("pytest", "tests/hooks", "-p", "no:cacheprovider", *session.posargs)


@nox.session
def examples(session: nox.Session) -> None:
    """The Python example handlers: their own tests, the handler audit, then the harness.

    Writes `.results/` only: a single language never rewrites the published matrix.
    """
    install(session, "examples", "test", constraints=PYTHON_EXAMPLE_PINS)
    session.run("pytest", "examples/python/tests", "-p", "no:cacheprovider")
    # The library-based handlers need the examples group: the audit of them runs here.
    session.run("pytest", "tests/simulate/test_audit.py", "-p", "no:cacheprovider")
    session.run("python", "-m", "conformance", "--language", "python", *session.posargs)


@nox.session
def conformance(session: nox.Session) -> None:
    """Every language's handlers against every fixture, results in `.results/`.

    A complete run without failures rewrites `docs/data/conformance.json`; `-- --check`
    compares with it instead and fails listing every difference (the drift check). In CI
    (`CI=true`) it always checks: the published matrix is the one a fresh run reproduces.
    """
    install(session, "examples", constraints=PYTHON_EXAMPLE_PINS)
    in_ci = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
    check = ["--check"] if in_ci and "--check" not in session.posargs else []
    session.run("python", "-m", "conformance", "--no-timings", *check, *session.posargs)
    # The simulator's audit of every example handler (docs/data/audit.json, on the delivery page).
    session.run("python", "-m", "conformance.audit", "--no-build", *check)


# Material for MkDocs prints a notice about MkDocs 2.0 on every run; it is not a build problem.
DOCS_ENV = {"NO_MKDOCS_2_WARNING": "1"}


SERVE_HOST, SERVE_PORT = "127.0.0.1", 8000


def _port_free(host: str, port: int) -> bool:
    """True when a server could listen on host:port (checked before the build, not after)."""
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def generate_docs(session: nox.Session, *args: str) -> None:
    """Write docs/generated/ from the catalogue, schemas and examples (`--check`: compare only)."""
    session.run("python", "-m", "sitegen", *args)


@nox.session
def docs(session: nox.Session) -> None:
    """Generate docs/generated/ (only check it under CI), build the site with --strict, test it.

    Then, with `nox -s docs -- serve`, serve it at http://127.0.0.1:8000 (Ctrl-C stops it).
    Other arguments after `--` go to pytest.
    """
    # Serving is asked for (`-- serve`), not guessed from a terminal: a bare `nox` run in a
    # terminal must finish, not end in a server.
    serve = "serve" in session.posargs
    if serve and not _port_free(SERVE_HOST, SERVE_PORT):
        session.log(
            f"ddbstreams: error: port {SERVE_PORT} on {SERVE_HOST} is in use (another server?); "
            "stop it and run again"
        )
        raise SystemExit(2)
    install(session, "docs", "test")
    pytest_args = [a for a in session.posargs if a != "serve"]
    # CI builds the committed fragments and fails if they are stale; locally they are rewritten.
    generate_docs(session, *(["--check"] if os.environ.get("CI") else []))
    session.run("mkdocs", "build", "--strict", env=DOCS_ENV)
    # The docs tests do not use the project's own pytest plugin (`-p no:ddbstreams`).
    session.run(
        "pytest",
        "tests/docs",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:ddbstreams",
        *pytest_args,
        env=DOCS_ENV,
    )
    if serve:
        # MkDocs serves the site under site_url's path.
        address = f"{SERVE_HOST}:{SERVE_PORT}"
        session.log(f"Serving the site at http://{address}/reference/")
        session.run("mkdocs", "serve", "--strict", "-a", address, env=DOCS_ENV)


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


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Speed and memory beside the alternatives a user would pick; prints ratios, writes nothing."""
    install(session, "bench", "sam", extras="yaml")
    session.run("python", "benchmarks/run.py")
    session.run("python", "benchmarks/bench_simulate.py")
    # Filtering beside json.loads and event-ruler (the oracle's jar, built by Maven).
    session.run("mvn", "-q", "-B", "-f", f"{EVENT_RULER_ORACLE}/pom.xml", "package", external=True)
    session.run("python", "benchmarks/bench_filters.py")


@nox.session
def sam(session: nox.Session) -> None:
    """`generate dynamodb update` JSON-equal to `sam local generate-event dynamodb update`."""
    install(session, "sam")
    session.run("python", "tests/sam_equivalence.py")


# Hostile input, kept out: the CLI and the API fuzzed with generated and mutated events.
FUZZ_SEED = "0"  # fixed, so a CI failure reproduces; pass `-- --seed N --budget S` by hand
FUZZ_BUDGET_SECONDS = "120"


@nox.session
def fuzz(session: nox.Session) -> None:
    """No traceback, signal, unlabelled or overlong line, or runaway memory on hostile input."""
    install(session, "test")
    args = session.posargs or ["--seed", FUZZ_SEED, "--budget", FUZZ_BUDGET_SECONDS]
    session.run("python", "tests/fuzz/run.py", *args)


# --- filters ------------------------------------------------------------------------------------
# Event filtering (`ddbstreams.filters`): its cases, then the differential run against
# aws/event-ruler 2.1.0 (tests/oracles/event-ruler, built with Maven, one JVM for every pair).
EVENT_RULER_ORACLE = "tests/oracles/event-ruler"


@nox.session
def filters(session: nox.Session) -> None:
    """Filter cases, the docs examples, then >= 100,000 pairs against event-ruler with 0 disagreements."""
    install(session, "test", extras="yaml")
    session.run("pytest", "tests/filters", "-p", "no:cacheprovider", *session.posargs)
    session.run("mvn", "-q", "-B", "-f", f"{EVENT_RULER_ORACLE}/pom.xml", "package", external=True)
    session.run("python", "tests/filters/oracle_cases.py")
    session.run("python", "tests/filters/differential.py", "--pairs", "100000", "--seed", "1")
