// Example runner (conformance/CONTRACT.md): node .build/runner/main.js <handler> FIXTURE...
// Prints one JSON line per fixture, in argument order, and never stops early.
import { readFile } from "node:fs/promises";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { DynamoDBStreamSchema } from "@aws-lambda-powertools/parser/schemas/dynamodb";
import { fakeContext } from "./lambda-context.js";
import * as powertools from "../powertools-handler.js";
import * as powertoolsWindow from "../powertools-window-handler.js";
import * as stream from "../stream-handler.js";
import * as powertoolsView from "./powertools-view.js";
import * as typesView from "./types-view.js";
import * as tumbling from "../window-handler.js";
import type { DynamoDBStreamTumblingWindowEvent } from "../window-handler.js";

interface Outcome {
  response: unknown;
  view: unknown;
}

type Run = (event: unknown) => Promise<Outcome>;

const context = fakeContext("runner");
const noCallback = (): void => undefined;

// "Loading" with @types/aws-lambda is what the Node runtime does: JSON.parse
// (already done by the caller) and a type assertion. Pipes sends a bare array.
const runTypes: Run = async (event) => {
  if (Array.isArray(event)) {
    const records = event as DynamoDBRecord[];
    const response = await stream.pipesHandler(records);
    return { response, view: { records: records.map(typesView.recordView) } };
  }
  const typed = event as DynamoDBStreamEvent;
  const response = await stream.handler(typed, context, noCallback);
  return { response, view: { records: typed.Records.map(typesView.recordView) } };
};

const runWindow: Run = async (event) => {
  const typed = event as DynamoDBStreamTumblingWindowEvent;
  const response = await tumbling.handler(typed, context, noCallback);
  return { response, view: typesView.windowView(typed) };
};

// The view comes from the schema's own parse result; the handler then gets the
// raw event and parses it itself, as it would in Lambda.
const runPowertools: Run = async (event) => {
  if (Array.isArray(event)) {
    const records = powertools.PipesEventSchema.parse(event);
    const view = { records: records.map(powertoolsView.recordView) };
    return { response: await powertools.pipesHandler(event, context), view };
  }
  const parsed = DynamoDBStreamSchema.parse(event);
  const view = { records: parsed.Records.map(powertoolsView.recordView) };
  return { response: await powertools.handler(event, context), view };
};

const runPowertoolsWindow: Run = async (event) => {
  const parsed = DynamoDBStreamSchema.parse(event);
  const view = {
    records: parsed.Records.map(powertoolsView.recordView),
    window: parsed.window ? { start: parsed.window.start, end: parsed.window.end } : null,
    state: parsed.state ?? null,
    shardId: parsed.shardId ?? null,
    isFinalInvokeForWindow: parsed.isFinalInvokeForWindow ?? null,
    isWindowTerminatedEarly: parsed.isWindowTerminatedEarly ?? null,
  };
  return { response: await powertoolsWindow.handler(event, context), view };
};

const RUNS: { [name: string]: Run } = {
  "ts-types-aws-lambda": runTypes,
  "ts-types-aws-lambda-window": runWindow,
  "ts-powertools-parser": runPowertools,
  "ts-powertools-parser-window": runPowertoolsWindow,
};

// The contract wants the library's own message on one line; zod's messages
// are pretty-printed JSON, so line breaks are folded.
function oneLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s*\n\s*/g, " ").trim();
}

async function runFixture(run: Run, fixture: string): Promise<string> {
  try {
    const event: unknown = JSON.parse(await readFile(fixture, "utf8"));
    const { response, view } = await run(event);
    // A handler returning nothing is serialized by the runtime as null.
    return JSON.stringify({ fixture, loaded: true, error: null, response: response ?? null, view });
  } catch (error) {
    console.error(`${fixture}:`, error);
    return JSON.stringify({ fixture, loaded: false, error: oneLine(error), response: null, view: null });
  }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...fixtures] = argv;
  const run = name === undefined ? undefined : RUNS[name];
  if (run === undefined) {
    console.error(`usage: node .build/runner/main.js <${Object.keys(RUNS).join("|")}> FIXTURE...`);
    return 2;
  }
  for (const fixture of fixtures) {
    process.stdout.write(`${await runFixture(run, fixture)}\n`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
