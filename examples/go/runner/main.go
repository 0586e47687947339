// Command runner implements conformance/CONTRACT.md for the Go handlers:
//
//	runner stream|window|pipes FIXTURE...
//
// It prints one JSON line per fixture. Each fixture goes through the same
// decode -> handler -> encode path as the Lambda Go runtime (lambda.NewHandler),
// and the view is built from the typed values that path decoded.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	ddbstreams "ddbstreams-examples"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

// result is one output line; field order matches the contract's example.
type result struct {
	Fixture  string          `json:"fixture"`
	Loaded   bool            `json:"loaded"`
	Error    *string         `json:"error"`
	Response json.RawMessage `json:"response"`
	View     any             `json:"view"`
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: runner stream|window|window-raw|pipes FIXTURE...")
		os.Exit(2)
	}
	mode := os.Args[1]
	if mode != "stream" && mode != "window" && mode != "window-raw" && mode != "pipes" {
		fmt.Fprintf(os.Stderr, "runner: unknown mode %q\n", mode)
		os.Exit(2)
	}

	out := json.NewEncoder(os.Stdout)
	out.SetEscapeHTML(false)
	for _, path := range os.Args[2:] {
		if err := out.Encode(runFixture(mode, path)); err != nil {
			// Only a view the encoder cannot write gets here; still one line.
			fmt.Fprintf(os.Stderr, "runner: %s: %v\n", path, err)
			_ = out.Encode(failed(path, fmt.Errorf("encoding the result: %w", err)))
		}
	}
}

// runFixture never panics: a panic in the library or the handler becomes a
// loaded:false line so the next fixture still runs.
func runFixture(mode, path string) (res result) {
	defer func() {
		if p := recover(); p != nil {
			res = failed(path, fmt.Errorf("panic: %v", p))
		}
	}()

	payload, err := os.ReadFile(path)
	if err != nil {
		return failed(path, err)
	}
	// One run command serves both "stream" and "pipes" fixtures: a Pipes
	// batch is the only shape whose top level is a JSON array.
	if mode == "stream" && bytes.HasPrefix(bytes.TrimSpace(payload), []byte("[")) {
		mode = "pipes"
	}

	var view any
	var response []byte
	switch mode {
	case "stream":
		// Wrap the handler so the runner sees the event exactly as the runtime
		// decoded it, then hand it on unchanged.
		response, err = invoke(payload, func(ctx context.Context, e events.DynamoDBEvent) (events.DynamoDBEventResponse, error) {
			view = streamView(e)
			return ddbstreams.HandleStream(ctx, e)
		})
	case "pipes":
		response, err = invoke(payload, func(ctx context.Context, rs []events.DynamoDBEventRecord) (events.DynamoDBEventResponse, error) {
			view = recordsView(rs)
			return ddbstreams.HandlePipes(ctx, rs)
		})
	case "window":
		response, err = invoke(payload, func(ctx context.Context, e events.DynamoDBTimeWindowEvent) (events.DynamoDBTimeWindowEventResponse, error) {
			view = windowView(e)
			return ddbstreams.HandleWindow(ctx, e)
		})
	case "window-raw":
		response, err = invoke(payload, func(ctx context.Context, e ddbstreams.RawStateWindowEvent) (ddbstreams.RawStateWindowResponse, error) {
			view = rawStateWindowView(e)
			return ddbstreams.HandleWindowRawState(ctx, e)
		})
	}
	if err != nil {
		return failed(path, err)
	}
	return result{Fixture: path, Loaded: true, Response: response, View: view}
}

// invoke runs handler the way lambda.Start would: the runtime's own JSON
// decoding of the payload and JSON encoding of the response.
func invoke(payload []byte, handler any) ([]byte, error) {
	return lambda.NewHandler(handler).Invoke(context.Background(), payload)
}

func failed(path string, err error) result {
	fmt.Fprintf(os.Stderr, "runner: %s: %v\n", path, err)
	// The contract wants one line of text.
	msg := strings.Join(strings.Fields(err.Error()), " ")
	return result{Fixture: path, Loaded: false, Error: &msg, Response: nil, View: nil}
}
