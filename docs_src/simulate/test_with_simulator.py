"""A handler's own test with the `ddb_simulate` fixture of the pytest plugin."""


def handler(event, context):
    failures = []
    for record in event["Records"]:
        image = record["dynamodb"].get("NewImage", {})
        if failures or image.get("fail") == {"BOOL": True}:
            # After the first failure, report the rest too: Lambda retries from there anyway.
            failures.append({"itemIdentifier": record["dynamodb"]["SequenceNumber"]})
    return {"batchItemFailures": failures}


def test_no_record_is_lost(ddb_simulate, ddb_event_factory):
    f = ddb_event_factory
    records = f.stream_records([f.insert({"Id": i}) for i in range(20)], step=0)
    trace = ddb_simulate(
        handler, records, {"BatchSize": 10, "FunctionResponseTypes": ["ReportBatchItemFailures"]}
    )
    ddb_simulate.assert_processed(trace)
    assert trace.metrics()["duplicates"] == 0


def test_the_audit_finds_nothing(ddb_simulate):
    report = ddb_simulate.audit(handler, pipes=False)
    assert not report.failed(strict=True), report.to_text()
