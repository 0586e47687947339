// View of records parsed by the Powertools zod DynamoDBStreamSchema.
//
// The schema unmarshalls Keys/NewImage/OldImage into plain JavaScript values,
// losing the AttributeValue type keys. To show the harness what the program
// really receives, those values are marshalled back by their JavaScript type:
// a string is written as S (so a B that stayed base64 text shows up as S), a
// number as N with JavaScript's shortest text (so float rounding shows), a
// BigInt as N with all its digits, a Set by the type of its elements.
import type { DynamoDBStreamRecord as ParsedRecord } from "@aws-lambda-powertools/parser/types";
import type { RecordView, WireImage, WireValue } from "./view.js";

function isNumeric(value: unknown): value is number | bigint {
  return typeof value === "number" || typeof value === "bigint";
}

function wireSet(set: Set<unknown>): WireValue {
  const items = [...set];
  if (items.every((item) => typeof item === "string")) return { SS: items };
  if (items.every(isNumeric)) return { NS: items.map((item) => String(item)) };
  if (items.every((item) => item instanceof Uint8Array)) {
    return { BS: items.map((item) => Buffer.from(item).toString("base64")) };
  }
  throw new Error(`cannot marshal a Set mixing element types: ${items.map((i) => typeof i).join(",")}`);
}

export function wireValue(value: unknown): WireValue {
  if (value === null) return { NULL: true };
  switch (typeof value) {
    case "string":
      return { S: value };
    case "boolean":
      return { BOOL: value };
    case "number":
    case "bigint":
      return { N: String(value) };
    case "object":
      if (value instanceof Set) return wireSet(value);
      if (value instanceof Uint8Array) return { B: Buffer.from(value).toString("base64") };
      if (Array.isArray(value)) return { L: value.map(wireValue) };
      return { M: wireObject(value as { [name: string]: unknown }) };
    default:
      throw new Error(`cannot marshal a JavaScript ${typeof value}`);
  }
}

function wireObject(object: { [name: string]: unknown }): WireImage {
  const out: WireImage = {};
  for (const [name, value] of Object.entries(object)) out[name] = wireValue(value);
  return out;
}

// The schema's output type still says Record<string, Record<string, any>> for
// Keys even though the values are unmarshalled, hence `unknown` here.
function wireImage(image: { [name: string]: unknown } | undefined): WireImage | null {
  return image === undefined ? null : wireObject(image);
}

export function recordView(record: ParsedRecord): RecordView {
  const stream = record.dynamodb;
  // The inferred type of `dynamodb` is a union with the Kinesis change record
  // (no SequenceNumber / StreamViewType) because both schemas share one
  // transform, although this schema requires both fields: narrow with `in`.
  const streamOnly = "SequenceNumber" in stream ? stream : undefined;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource,
    awsRegion: record.awsRegion,
    eventSourceARN: record.eventSourceARN,
    sequenceNumber: streamOnly?.SequenceNumber ?? null,
    sizeBytes: stream.SizeBytes,
    streamViewType: streamOnly?.StreamViewType ?? null,
    approximateCreationDateTime: stream.ApproximateCreationDateTime ?? null,
    keys: wireImage(stream.Keys),
    newImage: wireImage(stream.NewImage),
    oldImage: wireImage(stream.OldImage),
    userIdentity: record.userIdentity
      ? { type: record.userIdentity.type, principalId: record.userIdentity.principalId }
      : null,
  };
}
