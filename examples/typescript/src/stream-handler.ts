// DynamoDB Streams handler typed with @types/aws-lambda.
//
// The types describe the event; nothing checks it at run time. The Node
// runtime JSON.parses the payload and hands the plain object over, so every
// field below is exactly what the JSON contained (B stays base64 text, N stays
// a string).
import type {
  DynamoDBBatchItemFailure,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamHandler,
} from "aws-lambda";

// A record asks to fail when its new image carries `fail: {"BOOL": true}`.
export function shouldFail(record: DynamoDBRecord): boolean {
  return record.dynamodb?.NewImage?.["fail"]?.BOOL === true;
}

// Lambda retries from the lowest SequenceNumber reported, so the identifier
// must be the record's SequenceNumber (not its eventID).
export function batchItemFailures(
  records: readonly DynamoDBRecord[],
): DynamoDBBatchItemFailure[] {
  const failures: DynamoDBBatchItemFailure[] = [];
  for (const record of records) {
    if (!shouldFail(record)) continue;
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    if (sequenceNumber === undefined) {
      // Reporting "" would fail the whole batch; a missing number is a bug.
      throw new Error(`record ${record.eventID ?? "?"} has no SequenceNumber`);
    }
    failures.push({ itemIdentifier: sequenceNumber });
  }
  return failures;
}

// Event source mapping: the event is {"Records": [...]}.
export const handler: DynamoDBStreamHandler = async (
  event,
): Promise<DynamoDBBatchResponse> => ({
  batchItemFailures: batchItemFailures(event.Records),
});

// EventBridge Pipes delivers the same records as a bare array. @types/aws-lambda
// has no Pipes type, so the array of DynamoDBRecord is spelled out here.
export const pipesHandler = async (
  records: DynamoDBRecord[],
): Promise<DynamoDBBatchResponse> => ({
  batchItemFailures: batchItemFailures(records),
});
