"""Where filter patterns come from: a pattern, a FilterCriteria object, CLI JSON, or a template.

Accepted, in JSON (or YAML for templates):

- a pattern: `{"eventName": ["INSERT"]}`;
- a `FilterCriteria` object, which is also what `aws lambda create-event-source-mapping
  --filter-criteria` takes: `{"Filters": [{"Pattern": "..."}]}`;
- an object holding `FilterCriteria` (`--cli-input-json`, `get-event-source-mapping` output);
- a list of patterns;
- an AWS SAM or CloudFormation template: every `AWS::Lambda::EventSourceMapping`, every
  `DynamoDB` event of an `AWS::Serverless::Function` and every `AWS::Pipes::Pipe`, named by
  logical ID, with the stream view type when the template declares the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .surfaces import Surface
from .templates import load_template_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class SourceError(ValueError):
    """The file holds no usable filter criteria; the message says why."""


@dataclass(frozen=True)
class CriteriaSource:
    """One mapping's filters: its name (a logical ID or the file), patterns, surface, view type."""

    name: str
    patterns: list[Any]
    surface: Surface = "lambda"
    view_type: str | None = None
    notes: list[str] = field(default_factory=list)


def _resolve_sub(value: Any, parameters: dict[str, str], where: str) -> Any:
    """A `Fn::Sub` string with its `${Name}` references replaced from `parameters`."""
    if isinstance(value, dict) and set(value) == {"Fn::Sub"}:
        template = value["Fn::Sub"]
        variables: dict[str, Any] = {}
        if isinstance(template, list) and template:
            template, variables = template[0], (template[1] if len(template) > 1 else {})
        if not isinstance(template, str):
            raise SourceError(f"{where}: Fn::Sub needs a string")

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"
            if name in variables and isinstance(variables[name], str):
                return str(variables[name])
            if name in parameters:
                return parameters[name]
            raise SourceError(
                f"{where}: the pattern uses ${{{name}}}; give it a Default in Parameters or --parameter {name}=VALUE"
            )

        return re.sub(r"\$\{([^}]*)\}", replace, template)
    if (
        isinstance(value, dict)
        and len(value) == 1
        and next(iter(value)).startswith(("Fn::", "Ref"))
    ):
        raise SourceError(
            f"{where}: the pattern is an intrinsic function ({next(iter(value))}) that cannot be resolved offline"
        )
    return value


def _patterns(criteria: Any, parameters: dict[str, str], where: str) -> list[Any]:
    if criteria is None:
        return []
    if not isinstance(criteria, dict):
        raise SourceError(f"{where}: FilterCriteria must be an object")
    filters = criteria.get("Filters") or []
    if not isinstance(filters, list):
        raise SourceError(f"{where}: Filters must be a list")
    out = []
    for index, item in enumerate(filters):
        if not isinstance(item, dict) or "Pattern" not in item:
            raise SourceError(f"{where}/Filters/{index}: each filter is {{Pattern: ...}}")
        out.append(_resolve_sub(item["Pattern"], parameters, f"{where}/Filters/{index}/Pattern"))
    return out


def _table_of(arn: Any) -> str | None:
    if isinstance(arn, dict):
        if "Fn::GetAtt" in arn:
            target = arn["Fn::GetAtt"]
            if isinstance(target, list) and target and target[-1] == "StreamArn":
                return str(target[0])
        if "Ref" in arn:
            return str(arn["Ref"])
    return None


def _view_type(resources: dict[str, Any], table: str | None) -> str | None:
    resource = resources.get(table or "")
    if not isinstance(resource, dict):
        return None
    spec = (resource.get("Properties") or {}).get("StreamSpecification") or {}
    value = spec.get("StreamViewType") if isinstance(spec, dict) else None
    return value if isinstance(value, str) else None


def _from_template(document: dict[str, Any], parameters: dict[str, str]) -> list[CriteriaSource]:
    defaults = {
        name: str(spec["Default"])
        for name, spec in (document.get("Parameters") or {}).items()
        if isinstance(spec, dict) and "Default" in spec
    }
    values = {**defaults, **parameters}
    resources = document.get("Resources") or {}
    found: list[CriteriaSource] = []
    for logical_id, resource in resources.items():
        if not isinstance(resource, dict):
            continue
        kind = resource.get("Type")
        props = resource.get("Properties") or {}
        where = f"/Resources/{logical_id}/Properties"
        if kind == "AWS::Lambda::EventSourceMapping" and "FilterCriteria" in props:
            table = _table_of(props.get("EventSourceArn"))
            found.append(
                CriteriaSource(
                    logical_id,
                    _patterns(props["FilterCriteria"], values, f"{where}/FilterCriteria"),
                    "lambda",
                    _view_type(resources, table),
                )
            )
        elif kind == "AWS::Serverless::Function":
            for event_id, event in (props.get("Events") or {}).items():
                if not isinstance(event, dict) or event.get("Type") != "DynamoDB":
                    continue
                event_props = event.get("Properties") or {}
                if "FilterCriteria" not in event_props:
                    continue
                table = _table_of(event_props.get("Stream"))
                found.append(
                    CriteriaSource(
                        f"{logical_id}.{event_id}",
                        _patterns(
                            event_props["FilterCriteria"],
                            values,
                            f"{where}/Events/{event_id}/Properties/FilterCriteria",
                        ),
                        "lambda",
                        _view_type(resources, table),
                    )
                )
        elif kind == "AWS::Pipes::Pipe":
            source = props.get("SourceParameters") or {}
            if "FilterCriteria" in source:
                found.append(
                    CriteriaSource(
                        logical_id,
                        _patterns(
                            source["FilterCriteria"],
                            values,
                            f"{where}/SourceParameters/FilterCriteria",
                        ),
                        "pipes",
                        _view_type(resources, _table_of(props.get("Source"))),
                    )
                )
    if not found:
        raise SourceError(
            "the template has no event source mapping, DynamoDB event or pipe with FilterCriteria"
        )
    return found


def sources_from_document(
    document: Any, name: str, parameters: dict[str, str] | None = None
) -> list[CriteriaSource]:
    """The criteria a parsed document holds (see the module docstring for the shapes)."""
    parameters = parameters or {}
    if isinstance(document, list):
        return [CriteriaSource(name, list(document))]
    if not isinstance(document, dict):
        raise SourceError(
            "expected a JSON object (a pattern, FilterCriteria or a template) or a list of patterns"
        )
    if "Resources" in document:
        return _from_template(document, parameters)
    if "Filters" in document and set(document) <= {"Filters"}:
        return [CriteriaSource(name, _patterns(document, parameters, ""))]
    if "FilterCriteria" in document:
        return [
            CriteriaSource(
                name, _patterns(document["FilterCriteria"], parameters, "/FilterCriteria")
            )
        ]
    return [CriteriaSource(name, [document])]


def load_sources(path: Path, parameters: dict[str, str] | None = None) -> list[CriteriaSource]:
    """Read a file (JSON, or YAML templates) and return the criteria it holds."""
    text = path.read_text("utf-8")
    try:
        document = load_template_text(text, path.name)
    except ValueError as exc:
        raise SourceError(str(exc)) from None
    return sources_from_document(document, path.name, parameters)
