// DynamoDB Streams handler using Powertools for AWS Lambda (TypeScript):
// the parser's zod DynamoDBStreamSchema validates the event at run time and
// the batch utility turns thrown errors into batchItemFailures.
//
// DynamoDBStreamSchema also *transforms* the records: Keys, NewImage and
// OldImage come out unmarshalled into plain JavaScript values (N becomes a
// number or a BigInt, SS/NS/BS become Sets, B stays its base64 text).
import {
  BatchProcessor,
  EventType,
  processPartialResponse,
} from "@aws-lambda-powertools/batch";
import type { PartialItemFailureResponse } from "@aws-lambda-powertools/batch/types";
import {
  DynamoDBStreamRecord,
  DynamoDBStreamSchema,
} from "@aws-lambda-powertools/parser/schemas/dynamodb";
import type { DynamoDBStreamRecord as ParsedRecord } from "@aws-lambda-powertools/parser/types";
import type { Context } from "aws-lambda";
import { z } from "zod";

// One processor per execution environment, as the Powertools docs show.
const processor = new BatchProcessor(EventType.DynamoDBStreams);

// After unmarshalling, `fail: {"BOOL": true}` is simply `fail: true`.
// The thrown message is only logged; the processor reports the record's
// dynamodb.SequenceNumber itself.
const recordHandler = async (record: ParsedRecord): Promise<void> => {
  if (record.dynamodb.NewImage?.["fail"] === true) {
    throw new Error(`record ${record.eventID} asked to fail`);
  }
};

// Event source mapping: {"Records": [...]}. A validation failure throws a
// ZodError, which fails the whole invocation (Lambda retries the batch).
export const handler = async (
  event: unknown,
  context?: Context,
): Promise<PartialItemFailureResponse> => {
  const parsed = DynamoDBStreamSchema.parse(event);
  return processPartialResponse(parsed, recordHandler, processor, {
    ...(context ? { context } : {}),
  });
};

// The parser has no schema for EventBridge Pipes' bare array, so the parser's
// own per-record schema is wrapped in an array here.
export const PipesEventSchema = z.array(DynamoDBStreamRecord);

export const pipesHandler = async (
  event: unknown,
  context?: Context,
): Promise<PartialItemFailureResponse> => {
  const records = PipesEventSchema.parse(event);
  // processPartialResponse wants a {Records} wrapper, which Pipes does not send.
  return processPartialResponse({ Records: records }, recordHandler, processor, {
    ...(context ? { context } : {}),
  });
};
