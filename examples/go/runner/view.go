package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"

	ddbstreams "ddbstreams-examples"

	"github.com/aws/aws-lambda-go/events"
)

// The normalized view of the contract, filled only from the library's typed
// values. Go strings and integers have no "absent" state: a missing eventID
// decodes to "" and a missing SizeBytes to 0, and that is what the view shows.
type recordView struct {
	EventID                     string            `json:"eventID"`
	EventName                   string            `json:"eventName"`
	EventVersion                string            `json:"eventVersion"`
	EventSource                 string            `json:"eventSource"`
	AWSRegion                   string            `json:"awsRegion"`
	EventSourceARN              string            `json:"eventSourceARN"`
	SequenceNumber              string            `json:"sequenceNumber"`
	SizeBytes                   int64             `json:"sizeBytes"`
	StreamViewType              string            `json:"streamViewType"`
	ApproximateCreationDateTime *json.Number      `json:"approximateCreationDateTime"`
	Keys                        map[string]any    `json:"keys"`
	NewImage                    map[string]any    `json:"newImage"`
	OldImage                    map[string]any    `json:"oldImage"`
	UserIdentity                *userIdentityView `json:"userIdentity"`
}

type userIdentityView struct {
	Type        string `json:"type"`
	PrincipalID string `json:"principalId"`
}

type windowEventView struct {
	Records                 []recordView       `json:"records"`
	Window                  map[string]*string `json:"window"`
	State                   map[string]string  `json:"state"`
	ShardID                 string             `json:"shardId"`
	IsFinalInvokeForWindow  bool               `json:"isFinalInvokeForWindow"`
	IsWindowTerminatedEarly bool               `json:"isWindowTerminatedEarly"`
}

func streamView(e events.DynamoDBEvent) any {
	return recordsView(e.Records)
}

func recordsView(records []events.DynamoDBEventRecord) any {
	return map[string][]recordView{"records": recordViews(records)}
}

func windowView(e events.DynamoDBTimeWindowEvent) any {
	return windowEventView{
		Records: recordViews(e.Records),
		Window: map[string]*string{
			"start": rfc3339(e.Window.Start.Time),
			"end":   rfc3339(e.Window.End.Time),
		},
		State:                   e.State,
		ShardID:                 e.ShardID,
		IsFinalInvokeForWindow:  e.IsFinalInvokeForWindow,
		IsWindowTerminatedEarly: e.IsWindowTerminatedEarly,
	}
}

// rawStateWindowView is windowView with the state as the handler's raw JSON.
func rawStateWindowView(e ddbstreams.RawStateWindowEvent) any {
	view := windowView(e.DynamoDBTimeWindowEvent).(windowEventView)
	return rawStateView{windowEventView: view, State: e.State}
}

type rawStateView struct {
	windowEventView
	State json.RawMessage `json:"state"`
}

func recordViews(records []events.DynamoDBEventRecord) []recordView {
	views := make([]recordView, 0, len(records))
	for _, r := range records {
		v := recordView{
			EventID:                     r.EventID,
			EventName:                   r.EventName,
			EventVersion:                r.EventVersion,
			EventSource:                 r.EventSource,
			AWSRegion:                   r.AWSRegion,
			EventSourceARN:              r.EventSourceArn,
			SequenceNumber:              r.Change.SequenceNumber,
			SizeBytes:                   r.Change.SizeBytes,
			StreamViewType:              r.Change.StreamViewType,
			ApproximateCreationDateTime: epochSeconds(r.Change.ApproximateCreationDateTime.Time),
			Keys:                        imageView(r.Change.Keys),
			NewImage:                    imageView(r.Change.NewImage),
			OldImage:                    imageView(r.Change.OldImage),
		}
		if r.UserIdentity != nil {
			v.UserIdentity = &userIdentityView{Type: r.UserIdentity.Type, PrincipalID: r.UserIdentity.PrincipalID}
		}
		views = append(views, v)
	}
	return views
}

// epochSeconds writes the time.Time the library built as exact decimal
// seconds (up to nanoseconds), so any rounding done while parsing the float
// stays visible. The zero time.Time is how the library leaves an absent
// ApproximateCreationDateTime (the field is a struct, not a pointer); Go code
// tests that with IsZero, and the view reports it as null.
func epochSeconds(t time.Time) *json.Number {
	if t.IsZero() {
		return nil
	}
	sec, nsec := t.Unix(), int64(t.Nanosecond())
	sign := ""
	if sec < 0 && nsec > 0 {
		// Unix() floors, so -1.5 s is (-2 s, +0.5e9 ns): write it as -1.5.
		sign, sec, nsec = "-", -(sec + 1), 1_000_000_000-nsec
	}
	text := fmt.Sprintf("%d", sec)
	if nsec != 0 {
		frac := fmt.Sprintf("%09d", nsec)
		for frac[len(frac)-1] == '0' {
			frac = frac[:len(frac)-1]
		}
		text += "." + frac
	}
	if sign != "" {
		text = sign + text
	}
	n := json.Number(text)
	return &n
}

// rfc3339 formats a window bound; RFC3339Nano keeps any fraction of a second
// the library parsed. A zero time.Time (bound absent) is null, as in
// epochSeconds.
func rfc3339(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.RFC3339Nano)
	return &s
}

// imageView returns nil (JSON null) for an image the record did not carry.
func imageView(image map[string]events.DynamoDBAttributeValue) map[string]any {
	if image == nil {
		return nil
	}
	out := make(map[string]any, len(image))
	for name, av := range image {
		out[name] = attributeView(av)
	}
	return out
}

// attributeView re-marshals one value through the library's accessors.
// Numbers stay the decimal text the library holds; binaries are re-encoded
// from the decoded bytes the library holds.
func attributeView(av events.DynamoDBAttributeValue) map[string]any {
	switch av.DataType() {
	case events.DataTypeString:
		return map[string]any{"S": av.String()}
	case events.DataTypeNumber:
		return map[string]any{"N": av.Number()}
	case events.DataTypeBinary:
		return map[string]any{"B": base64.StdEncoding.EncodeToString(av.Binary())}
	case events.DataTypeBoolean:
		return map[string]any{"BOOL": av.Boolean()}
	case events.DataTypeNull:
		return map[string]any{"NULL": av.IsNull()}
	case events.DataTypeList:
		items := make([]any, 0, len(av.List()))
		for _, item := range av.List() {
			items = append(items, attributeView(item))
		}
		return map[string]any{"L": items}
	case events.DataTypeMap:
		return map[string]any{"M": imageView(av.Map())}
	case events.DataTypeStringSet:
		return map[string]any{"SS": av.StringSet()}
	case events.DataTypeNumberSet:
		return map[string]any{"NS": av.NumberSet()}
	case events.DataTypeBinarySet:
		set := make([]string, 0, len(av.BinarySet()))
		for _, b := range av.BinarySet() {
			set = append(set, base64.StdEncoding.EncodeToString(b))
		}
		return map[string]any{"BS": set}
	}
	panic(fmt.Sprintf("attribute of unknown data type %d", av.DataType()))
}
