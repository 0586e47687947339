// The normalized view the runner contract (conformance/CONTRACT.md §3) asks for.
// Each runner builds it from what its library hands to the program.

// DynamoDB AttributeValue JSON as written back by the runner.
export type WireValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: boolean }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { L: WireValue[] }
  | { M: WireImage }
  // When the library holds something with several type keys (or none), the
  // view shows all of them rather than silently picking one.
  | { [typeKey: string]: unknown };

export type WireImage = { [name: string]: WireValue };

export interface RecordView {
  eventID: string | null;
  eventName: string | null;
  eventVersion: string | null;
  eventSource: string | null;
  awsRegion: string | null;
  eventSourceARN: string | null;
  sequenceNumber: string | null;
  sizeBytes: number | null;
  streamViewType: string | null;
  approximateCreationDateTime: number | null;
  keys: WireImage | null;
  newImage: WireImage | null;
  oldImage: WireImage | null;
  userIdentity: { type: unknown; principalId: unknown } | null;
}

export interface WindowView {
  records: RecordView[];
  window: { start: string; end: string } | null;
  state: unknown;
  shardId: string | null;
  isFinalInvokeForWindow: boolean | null;
  isWindowTerminatedEarly: boolean | null;
}

export interface EventView {
  records: RecordView[];
}

// The contract's rule for libraries that hand out B as base64 text instead of
// bytes: encode the bytes *of that text*, so the harness can see it.
export function base64OfText(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}
