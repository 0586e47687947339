package ddbstreams

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

// readFixture reads a file of the repository's events/ folder. The fixtures
// are committed, so a missing one fails the test.
func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	path := filepath.Join("..", "..", "events", filepath.FromSlash(name))
	payload, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return payload
}

// checkResponse runs HandleStream on an event fixture and compares its JSON
// response with a response fixture, both compacted.
func checkResponse(t *testing.T, eventName, responseName string) {
	t.Helper()
	var event events.DynamoDBEvent
	if err := json.Unmarshal(readFixture(t, eventName), &event); err != nil {
		t.Fatalf("%s: %v", eventName, err)
	}
	response, err := HandleStream(context.Background(), event)
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(response)
	if err != nil {
		t.Fatal(err)
	}
	var want events.DynamoDBEventResponse
	if err := json.Unmarshal(readFixture(t, responseName), &want); err != nil {
		t.Fatalf("%s: %v", responseName, err)
	}
	wantJSON, _ := json.Marshal(want)
	if string(got) != string(wantJSON) {
		t.Errorf("response = %s\nwant       %s", got, wantJSON)
	}
}

func TestPartialFailure(t *testing.T) {
	// The second and fourth records carry "fail": {"BOOL": true}.
	checkResponse(t, "dynamodb/stream/partial-failure.json", "dynamodb/responses/partial-batch-failure.json")
}

func TestFullSuccess(t *testing.T) {
	// Must be an empty list, not null: the handler always builds a slice.
	checkResponse(t, "dynamodb/dynamodb.json", "dynamodb/responses/full-success.json")
}

// --8<-- [start:fixture-test]
func TestPartialFailureFixture(t *testing.T) {
	raw, err := os.ReadFile("../../events/dynamodb/stream/partial-failure.json")
	if err != nil {
		t.Fatal(err)
	}
	var event events.DynamoDBEvent
	if err := json.Unmarshal(raw, &event); err != nil {
		t.Fatal(err)
	}
	response, err := HandleStream(context.Background(), event)
	if err != nil {
		t.Fatal(err)
	}
	if len(response.BatchItemFailures) != 2 { // the two records marked "fail"
		t.Errorf("want 2 failed records, got %v", response.BatchItemFailures)
	}
}

// --8<-- [end:fixture-test]
