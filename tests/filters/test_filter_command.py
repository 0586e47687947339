"""`ddbstreams filter` and `ddbstreams filter lint`, wired the way the CLI wires them."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest
from ddbstreams.filters.command import register

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "tests" / "cases" / "filters" / "templates"
MODIFY = str(ROOT / "events" / "dynamodb" / "stream" / "modify-new-and-old-images.json")
INSERT = str(ROOT / "events" / "dynamodb" / "stream" / "insert-new-image.json")


def cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="ddbstreams")
    register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    return int(args.run(args))


@pytest.mark.parametrize("template", ["sam-orders.yaml", "sam-orders.json"])
def test_template_in_yaml_and_json_reads_the_same(
    template: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if template.endswith(".yaml"):
        pytest.importorskip(
            "yaml", reason="YAML needs the `yaml` extra; nox -s filters installs it"
        )
    assert cli("filter", "--criteria", str(TEMPLATES / template), "--format", "json", MODIFY) == 0
    results = json.loads(capsys.readouterr().out)
    by_mapping = {(r["mapping"], r["record"]): r["delivered"] for r in results}
    # Handler.Stream: !Sub '...["${Status}"]' with Status defaulting to SHIPPED; Mapping: INSERT only.
    assert by_mapping == {
        ("Handler.Stream", 0): True,
        ("Handler.Stream", 1): True,
        ("Mapping", 0): False,
        ("Mapping", 1): False,
    }


def test_json_format_is_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli("filter", "--pattern", '{"eventName": ["INSERT"]}', "--format", "json", INSERT)
    assert code == 0
    assert json.loads(capsys.readouterr().out) == [
        {"record": 0, "delivered": True, "filter": 0},
        {"record": 1, "delivered": True, "filter": 0},
    ]


def test_dropped_record_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    pattern = '{"dynamodb": {"NewImage": {"total": {"N": [{"numeric": [">", 5]}]}}}}'
    assert cli("filter", "--pattern", pattern, MODIFY) == 0
    out = capsys.readouterr().out
    assert "the function is not invoked" in out
    assert 'dynamodb.NewImage.total.N: numeric > 5 against the string "59.9"' in out


def test_parameter_overrides_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli(
        "filter",
        "--criteria",
        str(TEMPLATES / "sam-orders.json"),
        "--mapping",
        "Handler.Stream",
        "--parameter",
        "Status=PLACED",
        "--format",
        "json",
        MODIFY,
    )
    assert code == 0
    assert [r["delivered"] for r in json.loads(capsys.readouterr().out)] == [False, False]


def test_refused_pattern_exits_1_with_the_pointer(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("filter", "--pattern", '{"k": [{"wildcard": "a*"}]}', INSERT) == 1
    err = capsys.readouterr().err
    assert err.startswith("ddbstreams: ") and "/k/0/wildcard" in err


def test_missing_file_is_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("filter", "--criteria", "no-such-file.yaml", INSERT) == 2
    assert capsys.readouterr().err.startswith("ddbstreams: no such file")


def test_control_characters_are_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("filter", "--pattern", '{"eventName": ["\\u001b[31m"]}', INSERT) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\u001b" in out


def test_lint_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("filter", "lint", str(TEMPLATES / "sam-orders.json")) == 0
    assert cli("filter", "lint", '{"event_name": ["INSERT"]}') == 1
    assert cli("filter", "lint", '{"eventName": ["NOPE"]}') == 0  # a warning only
    assert cli("filter", "lint", '{"eventName": ["NOPE"]}', "--strict") == 1


def test_lint_json_names_rule_and_pointer(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        cli("filter", "lint", '{"event_name": ["INSERT"]}', "--format", "json", "--no-fixtures")
        == 1
    )
    report = json.loads(capsys.readouterr().out)
    assert [(r["rule"], r["pointer"]) for r in report] == [("DDBF004", "/event_name")]


def test_lint_view_type_from_the_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = json.loads((TEMPLATES / "sam-orders.json").read_text("utf-8"))
    template["Resources"]["Orders"]["Properties"]["StreamSpecification"]["StreamViewType"] = (
        "KEYS_ONLY"
    )
    path = tmp_path / "keys-only.json"
    path.write_text(json.dumps(template), "utf-8")
    assert cli("filter", "lint", str(path), "--mapping", "Handler.Stream", "--format", "json") == 1
    assert "DDBF009" in {r["rule"] for r in json.loads(capsys.readouterr().out)}


def test_yaml_without_pyyaml_is_a_clear_usage_error() -> None:
    code = (
        "import sys; sys.modules['yaml'] = None\n"
        "import argparse\n"
        "from ddbstreams.filters.command import register\n"
        "p = argparse.ArgumentParser(prog='ddbstreams'); register(p.add_subparsers())\n"
        f"a = p.parse_args(['filter', '--criteria', {str(TEMPLATES / 'sam-orders.yaml')!r}, {INSERT!r}])\n"
        "sys.exit(a.run(a))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr.startswith("ddbstreams: reading YAML needs PyYAML")
    assert "Traceback" not in run.stderr
