"""Driving the language runners (examples/<language>/runner.json, CONTRACT.md)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .versions import VersionError, locked_version


class ConfigError(Exception):
    """A runner.json the harness cannot use."""


@dataclass
class Handler:
    name: str
    label: str
    variant: str | None  # what sets it apart from handlers with the same label
    library: str
    version: str | None
    version_command: list[str] | None
    shapes: list[str]
    source: str
    run: list[str]
    reference: bool = False


@dataclass
class Language:
    key: str  # the folder name: python, go, ...
    folder: Path
    name: str  # "Python", "Go", ...
    requires: list[str]
    install_hint: str
    build: list[list[str]]
    handlers: list[Handler]


@dataclass
class Invocation:
    """One run of a command: what came back, never an exception."""

    returncode: int | None
    stdout: str
    stderr: str
    seconds: float
    timed_out: bool = False
    start_error: str | None = None

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out and self.start_error is None

    def describe(self, timeout: float) -> str:
        if self.start_error is not None:
            return f"could not start: {self.start_error}"
        if self.timed_out:
            return f"timed out after {timeout:g} s"
        return f"exit code {self.returncode}"


@dataclass
class RunnerOutput:
    invocation: Invocation
    lines: dict[str, dict[str, Any]] = field(default_factory=dict)  # fixture abs path -> line
    # The same lines as printed: re-parsed with exact decimals, so a float the runner
    # printed (1635734407.122999906) is not rounded away before it is compared.
    raw: dict[str, str] = field(default_factory=dict)
    garbage: list[str] = field(default_factory=list)


def _str_list(value: Any, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{what} must be a list of strings")
    return list(value)


def _locked(folder: Path, value: Any, what: str) -> str:
    """`[{"file": ..., "package": ...}, ...]`: the first package's version, then the others'
    in parentheses (`3.37.0 (pydantic 2.14.4)`)."""
    if not isinstance(value, list) or not value:
        raise ConfigError(f"{what} must be a non-empty list of {{file, package}} objects")
    versions = []
    for entry in value:
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(k), str) for k in ("file", "package")
        ):
            raise ConfigError(f"{what}: each entry needs a file and a package (strings)")
        try:
            versions.append(
                (entry["package"], locked_version(folder, entry["file"], entry["package"]))
            )
        except VersionError as error:
            raise ConfigError(f"{what}: {error}") from error
    first, *others = versions
    extra = "".join(f" ({name.rpartition('/')[2]} {version})" for name, version in others)
    return first[1] + extra


def load_language(folder: Path) -> Language:
    path = folder / "runner.json"
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ConfigError(f"{path.name}: {error}") from error
    if not isinstance(config, dict):
        raise ConfigError("runner.json must be an object")
    handlers = []
    for index, raw in enumerate(config.get("handlers") or []):
        where = f"handlers[{index}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
            raise ConfigError(f"{where} must be an object with a name")
        version_command = raw.get("version_command")
        version = str(raw["version"]) if raw.get("version") is not None else None
        if raw.get("locked") is not None:
            version = _locked(folder, raw["locked"], f"{where}.locked")
        handlers.append(
            Handler(
                name=raw["name"],
                label=str(raw.get("label") or raw.get("library") or raw["name"]),
                variant=str(raw["variant"]) if raw.get("variant") else None,
                library=str(raw.get("library", raw["name"])),
                version=version,
                version_command=(
                    _str_list(version_command, f"{where}.version_command")
                    if version_command is not None
                    else None
                ),
                shapes=_str_list(raw.get("shapes", []), f"{where}.shapes"),
                source=str(raw.get("source", "")),
                run=_str_list(raw.get("run"), f"{where}.run"),
                reference=bool(raw.get("reference", False)),
            )
        )
    build = config.get("build") or []
    if not isinstance(build, list):
        raise ConfigError("build must be a list of commands")
    return Language(
        key=folder.name,
        folder=folder,
        name=str(config.get("language", folder.name)),
        requires=_str_list(config.get("requires", []), "requires"),
        install_hint=str(config.get("install_hint", "")),
        build=[_str_list(c, f"build[{i}]") for i, c in enumerate(build)],
        handlers=handlers,
    )


def discover(root: Path) -> dict[str, Path]:
    """Language key -> folder, for every examples/<language>/runner.json."""
    examples = root / "examples"
    if not examples.is_dir():
        return {}
    return {p.parent.name: p.parent for p in sorted(examples.glob("*/runner.json")) if p.is_file()}


def missing_requirements(language: Language) -> list[str]:
    return [tool for tool in language.requires if shutil.which(tool) is None]


def invoke(command: Sequence[str], cwd: Path, timeout: float) -> Invocation:
    """Run a command in its own process group; kill the whole group on timeout."""
    started = time.monotonic()
    try:
        process = subprocess.Popen(
            list(command),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as error:
        return Invocation(None, "", "", time.monotonic() - started, start_error=str(error))
    try:
        stdout, stderr = process.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        _kill_group(process)
        stdout, stderr = process.communicate()
        timed_out = True
    return Invocation(
        process.returncode,
        stdout.decode("utf-8", errors="replace"),
        stderr.decode("utf-8", errors="replace"),
        time.monotonic() - started,
        timed_out=timed_out,
    )


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()


def run_handler(
    language: Language, handler: Handler, fixtures: Sequence[Path], timeout: float
) -> RunnerOutput:
    """Run a handler once with every fixture; parse the JSON lines it prints."""
    paths = [str(f.resolve()) for f in fixtures]
    invocation = invoke([*handler.run, *paths], language.folder, timeout)
    output = RunnerOutput(invocation)
    wanted = {os.path.realpath(p): p for p in paths}
    for raw_line in invocation.stdout.splitlines():
        line = raw_line.strip()
        if not line:
            continue
        try:
            parsed = json.loads(line)
        except ValueError:
            output.garbage.append(line)
            continue
        fixture = parsed.get("fixture") if isinstance(parsed, dict) else None
        key = wanted.get(os.path.realpath(fixture)) if isinstance(fixture, str) else None
        if key is None or key in output.lines:
            output.garbage.append(line)
            continue
        output.lines[key] = parsed
        output.raw[key] = line
    return output


def installed_version(language: Language, handler: Handler, timeout: float = 120) -> str | None:
    """What `version_command` prints, or None when the handler has none."""
    if handler.version_command is None:
        return None
    result = invoke(handler.version_command, language.folder, timeout)
    text = result.stdout.strip()
    if result.ok and text:
        return text.splitlines()[0]
    return f"unknown ({result.describe(timeout)})"


def pin_mismatch(language: Language, handler: Handler) -> str | None:
    """For a handler with both a pinned (`locked`) version and a `version_command`: why the
    library that runs is not the pinned one, so the matrix would name a version that did not run."""
    if handler.version is None or handler.version_command is None:
        return None
    installed = installed_version(language, handler)
    if installed == handler.version:
        return None
    return (
        f"{handler.name} runs {installed}, but the lock file pins {handler.version}; "
        "install the pinned versions (nox does) and run again"
    )


def handler_version(language: Language, handler: Handler, timeout: float = 120) -> str:
    if handler.version is not None:
        return handler.version
    if handler.version_command is None:
        return "unknown"
    result = invoke(handler.version_command, language.folder, timeout)
    text = result.stdout.strip()
    if result.ok and text:
        return text.splitlines()[0]
    return f"unknown ({result.describe(timeout)})"
