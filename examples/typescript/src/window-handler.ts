// Tumbling-window handler typed with @types/aws-lambda.
//
// @types/aws-lambda 8.10.164 declares KinesisStreamTumblingWindowEvent but no
// DynamoDB counterpart, so the window fields Lambda adds are declared here on
// top of DynamoDBStreamEvent.
import type {
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
  Handler,
} from "aws-lambda";
import { batchItemFailures } from "./stream-handler.js";

export interface DynamoDBStreamTumblingWindowEvent extends DynamoDBStreamEvent {
  window: { start: string; end: string };
  // The state the previous invocation of this window returned; AWS samples
  // show string and number values, so nothing narrower than unknown is safe.
  state?: { [key: string]: unknown };
  shardId: string;
  eventSourceARN: string;
  isFinalInvokeForWindow: boolean;
  isWindowTerminatedEarly: boolean;
}

// A response without `state` counts as a failed invocation, so it is required.
export interface DynamoDBStreamStateResponse extends DynamoDBBatchResponse {
  state: { [key: string]: unknown };
}

export type DynamoDBStreamTumblingWindowHandler = Handler<
  DynamoDBStreamTumblingWindowEvent,
  DynamoDBStreamStateResponse
>;

// The count carried over from the previous invocation: a number, a numeric
// string (state values often round-trip as strings), or 0 when absent.
function previousCount(state: { [key: string]: unknown } | undefined): number {
  const count = state?.["count"];
  if (typeof count === "number" && Number.isFinite(count)) return count;
  if (typeof count === "string" && count.trim() !== "") {
    const parsed = Number(count);
    if (Number.isFinite(parsed)) return parsed;
  }
  return 0;
}

export const handler: DynamoDBStreamTumblingWindowHandler = async (event) => ({
  state: { count: previousCount(event.state) + event.Records.length },
  batchItemFailures: batchItemFailures(event.Records),
});
