# Run in examples/python (or wherever your handler's runner is).
# The mapping's settings, with AWS's names:
cat > mapping.json <<'JSON'
{"BatchSize": 3, "FunctionResponseTypes": ["ReportBatchItemFailures"], "MaximumRetryAttempts": 3,
 "DestinationConfig": {"OnFailure": {"Destination": "arn:aws:sqs:us-east-1:123456789012:dlq"}}}
JSON
ddbstreams generate stream --keys Id --insert '{"Id": 1}' --insert '{"Id": 2}' -o event.json
# Any language: a program that prints one runner-contract line per event file.
ddbstreams simulate --mapping mapping.json --command "python -m runner plain" event.json --svg trace.svg
ddbstreams audit --command "python -m runner plain"
