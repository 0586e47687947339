package ddbstreams

import (
	"context"
	"encoding/json"
	"testing"
)

// The typed handler cannot take a numeric state; the raw-state one keeps it a number.
func TestWindowStateTypes(t *testing.T) {
	payload := readFixture(t, "dynamodb/tumbling-window/mid-window.json")

	var typed struct {
		State map[string]string `json:"state"`
	}
	if err := json.Unmarshal(payload, &typed); err == nil {
		t.Fatalf("a numeric state decoded into map[string]string: %v", typed.State)
	}

	var event RawStateWindowEvent
	if err := json.Unmarshal(payload, &event); err != nil {
		t.Fatal(err)
	}
	var raw struct {
		State   struct{ Count int64 } `json:"state"`
		Records []json.RawMessage     `json:"Records"`
	}
	if err := json.Unmarshal(payload, &raw); err != nil {
		t.Fatal(err)
	}
	response, err := HandleWindowRawState(context.Background(), event)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(response.State)
	want, _ := json.Marshal(map[string]int64{"count": raw.State.Count + int64(len(raw.Records))})
	if string(out) != string(want) {
		t.Fatalf("state %s, want %s", out, want)
	}
}
