// Tumbling-window handler on the Powertools parser. DynamoDBStreamSchema
// declares the window fields Lambda adds (window, state, shardId,
// isFinalInvokeForWindow, isWindowTerminatedEarly), with `state` as a record
// of strings: the count travels as decimal text, and an event whose state
// holds a JSON number fails validation (a ZodError fails the invocation).
import { DynamoDBStreamSchema } from "@aws-lambda-powertools/parser/schemas/dynamodb";
import type { Context } from "aws-lambda";

export interface WindowResponse {
  state: { [key: string]: string };
  batchItemFailures: { itemIdentifier: string }[];
}

export const handler = async (event: unknown, _context?: Context): Promise<WindowResponse> => {
  const parsed = DynamoDBStreamSchema.parse(event);
  const previous = Number(parsed.state?.["count"] ?? "0");
  // After unmarshalling, `fail: {"BOOL": true}` is simply `fail: true`. The
  // schema's record type also covers Kinesis change records, which have no
  // SequenceNumber: narrow to the stream record first.
  const batchItemFailures = parsed.Records.flatMap(({ dynamodb }) =>
    dynamodb.NewImage?.["fail"] === true && "SequenceNumber" in dynamodb
      ? [{ itemIdentifier: dynamodb.SequenceNumber }]
      : [],
  );
  // A response without `state` counts as a failed invocation: always set it.
  return { state: { count: String(previous + parsed.Records.length) }, batchItemFailures };
};
