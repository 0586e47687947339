package ddbstreams

import (
	"context"
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
