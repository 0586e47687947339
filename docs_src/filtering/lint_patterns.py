"""Lint: the DynamoDB pitfalls, each with a stable rule ID."""

from ddbstreams.filters.lint import lint_pattern

findings = lint_pattern(
    {
        "event_name": ["INSERT"],
        "dynamodb": {
            "NewImage": {
                "Salary": {"N": [{"numeric": [">", 60000]}]},
                "active": {"BOOL": ["True"]},
                "status": ["ACTIVE"],
            }
        },
    },
    view_type="NEW_IMAGE",
)
assert [(f.rule, f.pointer) for f in findings] == [
    ("DDBF004", "/event_name"),
    ("DDBF001", "/dynamodb/NewImage/Salary/N"),
    ("DDBF006", "/dynamodb/NewImage/active/BOOL"),
    ("DDBF002", "/dynamodb/NewImage/status"),
    ("DDBF011", ""),
]
assert findings[0].message.endswith("did you mean 'eventName'?")
