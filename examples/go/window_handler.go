package ddbstreams

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/aws/aws-lambda-go/events"
)

// HandleWindow aggregates over a tumbling window (TumblingWindowInSeconds on
// the mapping): it counts the records seen so far in the window. Lambda hands
// the returned state to the next invocation for the same window and shard.
//
// The library types the state as map[string]string, so the count travels as
// decimal text, both in the event and in the response.
func HandleWindow(ctx context.Context, event events.DynamoDBTimeWindowEvent) (events.DynamoDBTimeWindowEventResponse, error) {
	previous := 0
	if text, ok := event.State["count"]; ok {
		n, err := strconv.Atoi(text)
		if err != nil {
			// A corrupt state is not something to paper over: fail the batch.
			return events.DynamoDBTimeWindowEventResponse{}, fmt.Errorf("state count: %w", err)
		}
		previous = n
	}

	response := events.DynamoDBTimeWindowEventResponse{
		BatchItemFailures: processRecords(event.Records),
	}
	// A response without state counts as a failed invocation, so always set it.
	response.State = map[string]string{"count": strconv.Itoa(previous + len(event.Records))}
	return response, nil
}

// RawStateWindowEvent is the tumbling-window event with `state` kept as raw
// JSON. The library's DynamoDBTimeWindowEvent declares state as
// map[string]string, so an event whose state holds a number (as most
// languages write it) fails to decode; this field, shallower than the
// embedded one, takes the "state" key instead and leaves the rest to the
// library's types.
type RawStateWindowEvent struct {
	events.DynamoDBTimeWindowEvent
	State json.RawMessage `json:"state"`
}

// RawStateWindowResponse returns the state as numbers, like the event carries it.
type RawStateWindowResponse struct {
	State             map[string]json.Number            `json:"state"`
	BatchItemFailures []events.DynamoDBBatchItemFailure `json:"batchItemFailures"`
}

// HandleWindowRawState counts the records of the window like HandleWindow,
// but reads and writes the count as a JSON number (a numeric string is read too).
func HandleWindowRawState(ctx context.Context, event RawStateWindowEvent) (RawStateWindowResponse, error) {
	previous := json.Number("0")
	if len(event.State) > 0 && string(event.State) != "null" {
		var state map[string]json.RawMessage
		if err := json.Unmarshal(event.State, &state); err != nil {
			return RawStateWindowResponse{}, fmt.Errorf("state: %w", err)
		}
		if raw, ok := state["count"]; ok {
			var text string
			if json.Unmarshal(raw, &text) != nil {
				text = string(raw) // a JSON number
			}
			previous = json.Number(text)
		}
	}
	n, err := previous.Int64()
	if err != nil {
		return RawStateWindowResponse{}, fmt.Errorf("state count: %w", err)
	}
	count := json.Number(strconv.FormatInt(n+int64(len(event.Records)), 10))
	return RawStateWindowResponse{
		State:             map[string]json.Number{"count": count},
		BatchItemFailures: processRecords(event.Records),
	}, nil
}
