from __future__ import annotations

import powertools_parser_handler as h
import pytest
from aws_lambda_powertools.utilities.parser.models import DynamoDBStreamModel
from conftest import failing_sequence_numbers
from pydantic import ValidationError


def test_partial_failure(partial_failure):
    expected = failing_sequence_numbers(partial_failure["Records"])
    response = h.lambda_handler(partial_failure, None)
    assert response == {"batchItemFailures": [{"itemIdentifier": s} for s in expected]}


def test_pipes_batch_fails_validation_and_pipes_handler_accepts_it(pipes_partial_failure):
    with pytest.raises(ValidationError):
        h.lambda_handler(pipes_partial_failure, None)
    expected = failing_sequence_numbers(pipes_partial_failure)
    response = h.pipes_handler(pipes_partial_failure, None)
    assert [f["itemIdentifier"] for f in response["batchItemFailures"]] == expected


def test_model_findings(attribute_types):
    model = DynamoDBStreamModel.model_validate(attribute_types)
    record = model.Records[0]
    assert record.eventVersion == 1.1  # declared float: the string "1.1" becomes a number
    assert record.dynamodb.NewImage["binary"] == "AAEC/f7/"  # B stays base64 text
    assert record.dynamodb.ApproximateCreationDateTime.tzinfo is not None
