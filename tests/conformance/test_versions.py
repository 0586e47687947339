"""Versions come from the languages' own lock files, read the way each tool writes them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from conformance.handlers import languages, sources
from conformance.run import ConfigError, load_language
from conformance.versions import VersionError, locked_version

ROOT = Path(__file__).resolve().parents[2]

FILES = {
    "go.mod": "module x\n\ngo 1.26\n\nrequire (\n\tgithub.com/a/b v1.2.3\n\tgithub.com/a/bc v9.9.9 // indirect\n)\n",
    "Cargo.lock": 'version = 4\n\n[[package]]\nname = "serde"\nversion = "1.0.1"\n\n[[package]]\nname = "aws_lambda_events"\nversion = "1.2.1"\n',
    "package-lock.json": '{"packages": {"": {}, "node_modules/@types/aws-lambda": {"version": "8.10.164"}}}',
    "pom.xml": (
        '<project xmlns="http://maven.apache.org/POM/4.0.0"><properties><ev>3.16.1</ev></properties>'
        "<dependencies><dependency><groupId>com.amazonaws</groupId><artifactId>aws-lambda-java-events</artifactId>"
        "<version>${ev}</version></dependency><dependency><groupId>org.x</groupId><artifactId>y</artifactId>"
        "<version>2.0</version></dependency></dependencies></project>"
    ),
    "constraints.txt": "# pins\nAWS_Lambda.Powertools == 3.37.0\nboto3==1.44.8 ; python_version >= '3.11'\n",
}


@pytest.mark.parametrize(
    ("file", "package", "version"),
    [
        ("go.mod", "github.com/a/b", "1.2.3"),
        ("go.mod", "github.com/a/bc", "9.9.9"),
        ("Cargo.lock", "aws_lambda_events", "1.2.1"),
        ("package-lock.json", "@types/aws-lambda", "8.10.164"),
        ("pom.xml", "com.amazonaws:aws-lambda-java-events", "3.16.1"),
        ("pom.xml", "y", "2.0"),
        ("constraints.txt", "aws-lambda-powertools", "3.37.0"),
        ("constraints.txt", "boto3", "1.44.8"),
    ],
)
def test_each_lock_file_kind(tmp_path, file, package, version):
    (tmp_path / file).write_text(FILES[file], encoding="utf-8")
    assert locked_version(tmp_path, file, package) == version


@pytest.mark.parametrize(
    ("file", "package", "message"),
    [
        ("go.mod", "github.com/a/nope", "does not pin github.com/a/nope"),
        ("pom.xml", "org.other:y", "does not pin"),
        ("missing.lock", "x", "cannot read versions"),
        ("absent/constraints.txt", "x", "No such file"),
    ],
)
def test_unpinned_packages_and_unknown_files_are_errors(tmp_path, file, package, message):
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "missing.lock").write_text("", encoding="utf-8")
    with pytest.raises(VersionError, match=message):
        locked_version(tmp_path, file, package)


def test_a_bad_locked_entry_is_a_config_error(tmp_path):
    (tmp_path / "runner.json").write_text(
        '{"handlers": [{"name": "h", "run": ["x"], "locked": [{"file": "go.mod", "package": "p"}]}]}',
        encoding="utf-8",
    )
    (tmp_path / "go.mod").write_text("module x\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"handlers\[0\]\.locked: go.mod does not pin p"):
        load_language(tmp_path)


def test_the_examples_name_the_versions_their_manifests_require():
    """The lock files agree with the exact requirements written in each manifest."""
    rust = tomllib.loads((ROOT / "examples/rust/Cargo.toml").read_text(encoding="utf-8"))
    node = (ROOT / "examples/typescript/package.json").read_text(encoding="utf-8")
    found = {s.name: s for lang in languages(ROOT) for s in sources(lang, ROOT)}
    cargo = rust["dependencies"]["aws_lambda_events"]["version"]
    assert found["rust-aws-lambda-events"].version == cargo.removeprefix("=")
    parser = re.search(r'"@aws-lambda-powertools/parser": "([^"]+)"', node)
    assert parser and found["ts-powertools-parser"].version == parser.group(1)
    for source in found.values():
        assert (ROOT / source.source).is_file(), source
        assert source.label and source.shapes
