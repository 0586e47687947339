"""Reading AWS SAM and CloudFormation templates, in JSON or YAML, with their intrinsic tags.

YAML templates write intrinsic functions as tags (`!Sub`, `!Ref`, `!GetAtt`,
`!If`, ...). The loader here turns every tag into the JSON form CloudFormation
gives it (`!Ref X` is `{"Ref": "X"}`, `!GetAtt T.StreamArn` is
`{"Fn::GetAtt": ["T", "StreamArn"]}`, `!Sub s` is `{"Fn::Sub": s}`), so a
template reads the same whichever format it is written in. YAML needs PyYAML
(the `yaml` extra); JSON templates need nothing.
"""

from __future__ import annotations

import json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class YamlUnavailable(RuntimeError):
    """PyYAML is not installed and a YAML file was given."""


def _yaml_loader() -> Any:
    try:
        import yaml
    except ImportError:  # pragma: no cover - depends on the environment
        raise YamlUnavailable(
            "reading YAML needs PyYAML: pip install 'dynamodb-streams-events[yaml]' "
            "(or give the template as JSON)"
        ) from None

    class TemplateLoader(yaml.SafeLoader):
        """SafeLoader that accepts every tag as a CloudFormation intrinsic function."""

    def intrinsic(loader: Any, suffix: str, node: Any) -> Any:
        if isinstance(node, yaml.ScalarNode):
            value: Any = loader.construct_scalar(node)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        if suffix == "Ref":
            return {"Ref": value}
        if suffix == "GetAtt" and isinstance(value, str):
            return {"Fn::GetAtt": value.split(".", 1)}
        if suffix == "Condition":
            return {"Condition": value}
        return {f"Fn::{suffix}": value}

    TemplateLoader.add_multi_constructor("!", intrinsic)
    return TemplateLoader


def load_template_text(text: str, name: str) -> Any:
    """Parse JSON, or YAML with intrinsic tags when the text is not JSON."""
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")) or name.endswith(".json"):
        return json.loads(text)
    loader = _yaml_loader()
    import yaml

    try:
        return yaml.load(text, Loader=loader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise ValueError(f"not valid YAML: {exc}") from None


def yaml_available() -> bool:
    try:
        _yaml_loader()
    except YamlUnavailable:
        return False
    return True
