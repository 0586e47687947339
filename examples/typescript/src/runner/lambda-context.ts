// A stand-in for the Context the Lambda runtime passes. The handlers here do
// not read it, but the Handler type requires one.
import type { Context } from "aws-lambda";

export function fakeContext(functionName: string): Context {
  const fail = (): never => {
    throw new Error("deprecated callback-style context methods are not supported");
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: "128",
    awsRequestId: "00000000-0000-4000-8000-000000000000",
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "runner",
    getRemainingTimeInMillis: () => 60_000,
    done: fail,
    fail,
    succeed: fail,
  };
}
