"""Library versions read from each language's own lock or pin file.

A handler's `locked` entry in runner.json names the file and the package; the version is read
from there, so the matrix, the docs and the build all name the version the build really used.
Supported files: `go.mod`, `Cargo.lock`, `package-lock.json`, `pom.xml` and pip constraints
(`*.txt`, `name==version` lines).
"""

from __future__ import annotations

import json
import re
import tomllib
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path


class VersionError(Exception):
    """A lock file that does not name the package, or a file kind this module cannot read."""


def _go_mod(text: str, package: str) -> str | None:
    pattern = rf"^\s*(?:require\s+)?{re.escape(package)}\s+v(\S+)"
    found = re.search(pattern, text, flags=re.MULTILINE)
    return found.group(1) if found else None


def _cargo_lock(text: str, package: str) -> str | None:
    for entry in tomllib.loads(text).get("package", []):
        if entry.get("name") == package:
            return str(entry["version"])
    return None


def _package_lock(text: str, package: str) -> str | None:
    entry = json.loads(text).get("packages", {}).get(f"node_modules/{package}")
    return str(entry["version"]) if isinstance(entry, dict) and "version" in entry else None


def _pom(text: str, package: str) -> str | None:
    """`groupId:artifactId` of a dependency; `${property}` versions resolved from <properties>."""
    root = ElementTree.fromstring(text)
    ns = {"m": root.tag[1:].split("}")[0]} if root.tag.startswith("{") else {}
    prefix = "m:" if ns else ""
    properties = {
        child.tag.split("}")[-1]: (child.text or "").strip()
        for child in root.findall(f"{prefix}properties/*", ns)
    }
    group, _, artifact = package.rpartition(":")
    for dependency in root.findall(f"{prefix}dependencies/{prefix}dependency", ns):
        if dependency.findtext(f"{prefix}artifactId", "", ns) != artifact:
            continue
        if group and dependency.findtext(f"{prefix}groupId", "", ns) != group:
            continue
        version = dependency.findtext(f"{prefix}version", "", ns).strip()
        reference = re.fullmatch(r"\$\{([^}]+)\}", version)
        return properties.get(reference.group(1)) if reference else version or None
    return None


def _constraints(text: str, package: str) -> str | None:
    wanted = re.sub(r"[-_.]+", "-", package).lower()
    for line in text.splitlines():
        found = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;#]+)", line)
        if found and re.sub(r"[-_.]+", "-", found.group(1)).lower() == wanted:
            return found.group(2)
    return None


READERS: dict[str, Callable[[str, str], str | None]] = {
    "go.mod": _go_mod,
    "Cargo.lock": _cargo_lock,
    "package-lock.json": _package_lock,
    "pom.xml": _pom,
}


def locked_version(folder: Path, file: str, package: str) -> str:
    """The exact version of `package` that `folder/file` pins."""
    name = Path(file).name
    reader = READERS.get(name) or (_constraints if name.endswith(".txt") else None)
    if reader is None:
        raise VersionError(f"{file}: cannot read versions from this kind of file")
    try:
        text = (folder / file).read_text(encoding="utf-8")
    except OSError as error:
        raise VersionError(f"{file}: {error.strerror}") from error
    try:
        version = reader(text, package)
    except (ValueError, ElementTree.ParseError, tomllib.TOMLDecodeError) as error:
        raise VersionError(f"{file}: {error}") from error
    if version is None:
        raise VersionError(f"{file} does not pin {package}")
    return version
