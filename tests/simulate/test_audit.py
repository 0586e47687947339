"""The audit finds each known fault of `faulty_handlers`, and none in the example handlers."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import faulty_handlers as faulty
import pytest
from ddbstreams.simulate.audit import audit

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "python"


def _example(module: str) -> ModuleType:
    """An example handler module, loaded from its file as a user's deployment would hold it."""
    spec = importlib.util.spec_from_file_location(module, EXAMPLES / f"{module}.py")
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


@pytest.mark.parametrize(
    ("handler", "options", "check"),
    [
        (faulty.reports_event_ids, {}, "unknown-identifier"),
        (faulty.reports_empty_identifiers, {}, "empty-identifier"),
        (faulty.reports_null_identifiers, {}, "empty-identifier"),
        (faulty.raises_without_new_image, {}, "raises-on-valid-record"),
        (faulty.raises_on_ttl_delete, {}, "raises-on-valid-record"),
        (faulty.raises_on_large_records, {}, "raises-on-valid-record"),
        (faulty.breaks_on_pipes_arrays, {"pipes": True}, "raises-on-valid-record"),
        (faulty.window_without_state, {"window": True}, "missing-state"),
        (faulty.window_ignoring_state, {"window": True}, "ignores-state"),
        (
            faulty.appends_every_delivery,
            {"probe": lambda: list(faulty.SIDE_EFFECTS)},
            "not-idempotent",
        ),
    ],
    ids=lambda v: getattr(v, "__name__", None) if callable(v) else None,
)
def test_the_audit_finds_the_known_fault(
    handler: Callable[..., Any], options: dict[str, Any], check: str
) -> None:
    report = audit(handler, **options)
    found = {f.check for f in report.findings}
    assert check in found, report.to_text()
    assert report.failed()
    assert all(f.trace is not None or "Pipes" in f.message for f in report.findings)


def test_a_handler_that_stops_at_the_first_failure_has_no_findings() -> None:
    report = audit(faulty.stops_at_first_failure, pipes=True)
    assert report.findings == [], report.to_text()


def test_going_on_after_a_failure_is_a_warning_with_its_cost() -> None:
    """Records after the failed one are re-delivered: "Lambda then retries all records starting
    from that checkpoint" (services-ddb-batchfailurereporting.html). Poison first of five: the
    four after it are processed, and re-delivered on each of the 2 retries."""
    plain_handler = _example("plain_handler")

    report = audit(plain_handler.lambda_handler)
    (finding,) = report.findings
    assert finding.check == "keeps-processing-after-failure"
    assert finding.severity == "warning" and "4 record(s)" in finding.message
    assert not report.failed() and report.failed(strict=True)


@pytest.mark.parametrize(
    ("module", "library", "options"),
    [
        ("plain_handler", None, {"pipes": True}),
        ("tumbling_window_handler", None, {"window": True}),
        ("powertools_batch_handler", "aws_lambda_powertools", {"pipes": "pipes_handler"}),
        ("powertools_parser_handler", "aws_lambda_powertools", {"pipes": "pipes_handler"}),
        ("boto3_deserializer_handler", "boto3", {}),
    ],
)
def test_the_python_examples_have_no_faults(
    module: str, library: str | None, options: dict[str, Any]
) -> None:
    """The example handlers are what users copy: the audit finds no error in any of them.
    (The library-based ones need the `examples` extra, which `nox -s examples` installs.)"""
    if library is not None:
        pytest.importorskip(library, reason=f"{library} comes with the examples group")
    loaded = _example(module)
    if isinstance(options.get("pipes"), str):  # the module's own Pipes target
        options = {**options, "pipes": getattr(loaded, options["pipes"])}
    handler = loaded.lambda_handler
    report = audit(handler, **options)
    assert not report.failed(), report.to_text()
