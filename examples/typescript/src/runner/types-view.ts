// View of records typed with @types/aws-lambda. The types are only a
// compile-time description, so the view reads the typed fields one by one:
// whatever the JSON held under those names is what the program sees.
import type { AttributeValue, DynamoDBRecord } from "aws-lambda";
import type { DynamoDBStreamTumblingWindowEvent } from "../window-handler.js";
import {
  base64OfText,
  type RecordView,
  type WindowView,
  type WireImage,
  type WireValue,
} from "./view.js";

// AttributeValue declares B and BS as `string`: the program gets base64 text.
function wireValue(value: AttributeValue): WireValue {
  const out: { [typeKey: string]: unknown } = {};
  if (value.S !== undefined) out["S"] = value.S;
  if (value.N !== undefined) out["N"] = value.N;
  if (value.B !== undefined) out["B"] = base64OfText(value.B);
  if (value.BOOL !== undefined) out["BOOL"] = value.BOOL;
  if (value.NULL !== undefined) out["NULL"] = value.NULL;
  if (value.SS !== undefined) out["SS"] = [...value.SS];
  if (value.NS !== undefined) out["NS"] = [...value.NS];
  if (value.BS !== undefined) out["BS"] = value.BS.map(base64OfText);
  if (value.L !== undefined) out["L"] = value.L.map(wireValue);
  if (value.M !== undefined) out["M"] = wireImage(value.M);
  return out;
}

function wireImage(
  image: { [name: string]: AttributeValue } | undefined,
): WireImage | null {
  if (image === undefined) return null;
  const out: WireImage = {};
  for (const [name, value] of Object.entries(image)) out[name] = wireValue(value);
  return out;
}

export function recordView(record: DynamoDBRecord): RecordView {
  const stream = record.dynamodb;
  // userIdentity is typed `any` by @types/aws-lambda.
  const identity: unknown = record.userIdentity;
  const userIdentity =
    identity !== undefined && identity !== null && typeof identity === "object"
      ? {
          type: (identity as { type?: unknown }).type ?? null,
          principalId: (identity as { principalId?: unknown }).principalId ?? null,
        }
      : null;
  return {
    eventID: record.eventID ?? null,
    eventName: record.eventName ?? null,
    eventVersion: record.eventVersion ?? null,
    eventSource: record.eventSource ?? null,
    awsRegion: record.awsRegion ?? null,
    eventSourceARN: record.eventSourceARN ?? null,
    sequenceNumber: stream?.SequenceNumber ?? null,
    sizeBytes: stream?.SizeBytes ?? null,
    streamViewType: stream?.StreamViewType ?? null,
    approximateCreationDateTime: stream?.ApproximateCreationDateTime ?? null,
    keys: wireImage(stream?.Keys),
    newImage: wireImage(stream?.NewImage),
    oldImage: wireImage(stream?.OldImage),
    userIdentity,
  };
}

export function windowView(event: DynamoDBStreamTumblingWindowEvent): WindowView {
  return {
    records: event.Records.map(recordView),
    window: event.window ? { start: event.window.start, end: event.window.end } : null,
    state: event.state ?? null,
    shardId: event.shardId ?? null,
    isFinalInvokeForWindow: event.isFinalInvokeForWindow ?? null,
    isWindowTerminatedEarly: event.isWindowTerminatedEarly ?? null,
  };
}
