"""A problem found in a document: where (JSON pointer), which rule, and what is wrong."""

from __future__ import annotations

from ..values import Value

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal, TypeAlias

    Severity: TypeAlias = Literal["error", "warning"]

MAX_MESSAGE = 300
"""A message longer than this is cut (its length said): no value is worth a megabyte line."""

# Every rule a problem may name, with what it checks: the one list of rule names.
# Schema violations are named `schema:<keyword>` (`schema:pattern`) besides these.
RULES: dict[str, str] = {
    "json": "the document is JSON as Lambda sends it: UTF-8, no duplicate keys, no NaN",
    "io": "the file can be read: it exists, is a regular file, and is readable",
    "shape": "the document is one of the shapes the validator knows",
    "unmapped": "every file in events/ is written by a scenario",
    "event-size": "the event fits Lambda's 6 MB synchronous invocation payload",
    "nesting-depth": "M and L values nest at most 32 levels",
    "number": "an N value is a DynamoDB number: 38 digits, 1E-130 to 9.99E+125",
    "set-unique": "the elements of a set are distinct (numbers compared by value)",
    "view-type-images": "a record carries the images its view type and event name call for",
    "unknown-field": "every field is one the schema lists (a warning: AWS may add fields)",
    "user-identity": "only a Time To Live REMOVE carries userIdentity",
    "creation-time": "ApproximateCreationDateTime is in the units its source sends",
    "region-arn": "awsRegion is the region of the eventSourceARN",
    "attribute-name": "attribute names are at most 64 KB (key attribute names: see key-value)",
    "item-size": "each image is at most 400 KB, DynamoDB's item size limit",
    "keys-match-images": "the key attributes in the images equal Keys",
    "size-bytes": "SizeBytes equals the size of Keys, NewImage and OldImage",
    "key-value": "keys are S, N or B, not empty, within the key value and key name size limits",
    "sequence-order": "sequence numbers increase through a batch",
    "single-stream": "a batch holds records of one stream",
    "window-order": "a tumbling window ends after it starts",
    "payload": "an S3 destination record's payload is the batch its batch info describes",
    "kinesis-data": "a Kinesis record's data is a base64 DynamoDB change record",
    "response-shape": "a function's response is a JSON object, null or an empty list",
    "function-error": "the function returned, rather than raised an error",
    "response-state": "a tumbling-window response carries state",
    "response-identifier": "each batchItemFailures entry names a sequence number of the batch",
}


def pointer(*parts: str | int) -> str:
    """A JSON pointer (RFC 6901) from path parts: pointer("Records", 0) == "/Records/0"."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


class Problem(Value):
    """One broken rule. `rule` is a stable identifier the negative test cases name."""

    pointer: str
    rule: str
    message: str
    severity: Severity = "error"

    def __post_init__(self) -> None:
        if self.rule not in RULES and not self.rule.startswith("schema:"):
            raise ValueError(f"unregistered rule name {self.rule!r}: add it to RULES")
        if len(self.message) > MAX_MESSAGE:
            # Schema engines quote the failing value whole: for a batch, megabytes.
            cut = f"{self.message[:MAX_MESSAGE]}… ({len(self.message)} characters)"
            object.__setattr__(self, "message", cut)

    def at(self, prefix: str) -> Problem:
        """The same problem seen from an enclosing document (e.g. inside a decoded payload)."""
        return Problem(prefix + self.pointer, self.rule, self.message, self.severity)

    def __str__(self) -> str:
        where = self.pointer or "/"
        tag = "warning: " if self.severity == "warning" else ""
        return f"{where}: {tag}{self.rule}: {self.message}"
