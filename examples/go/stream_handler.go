// Package ddbstreams holds Lambda handlers for DynamoDB Streams events written
// with the types of github.com/aws/aws-lambda-go/events.
//
// Each handler has a signature lambda.Start accepts, so a function's main is
// just:
//
//	func main() { lambda.Start(ddbstreams.HandleStream) }
package ddbstreams

import (
	"context"
	"errors"

	"github.com/aws/aws-lambda-go/events"
)

// errMarkedToFail stands in for whatever real processing error a function
// would meet; here a record asks to fail with NewImage "fail": {"BOOL": true}.
var errMarkedToFail = errors.New("record marked to fail")

// HandleStream handles a DynamoDB Streams batch delivered by an event source
// mapping. It needs FunctionResponseTypes ["ReportBatchItemFailures"] on the
// mapping so that Lambda reads the returned batchItemFailures.
func HandleStream(ctx context.Context, event events.DynamoDBEvent) (events.DynamoDBEventResponse, error) {
	return events.DynamoDBEventResponse{BatchItemFailures: processRecords(event.Records)}, nil
}

// HandlePipes handles the same records sent by an EventBridge Pipe to a Lambda
// target: a bare JSON array with no "Records" wrapper.
func HandlePipes(ctx context.Context, records []events.DynamoDBEventRecord) (events.DynamoDBEventResponse, error) {
	return events.DynamoDBEventResponse{BatchItemFailures: processRecords(records)}, nil
}

// processRecords processes every record and lists the failed ones in batch
// order. Lambda restarts from the lowest failed sequence number, so going on
// after a failure only costs repeated work, never lost records.
func processRecords(records []events.DynamoDBEventRecord) []events.DynamoDBBatchItemFailure {
	// An empty (not nil) slice: it serializes as [] rather than null. Both mean
	// "no failures" to Lambda, but [] says so explicitly.
	failures := []events.DynamoDBBatchItemFailure{}
	for _, record := range records {
		if err := processRecord(record); err != nil {
			// For streams the identifier is the record's SequenceNumber.
			failures = append(failures, events.DynamoDBBatchItemFailure{
				ItemIdentifier: record.Change.SequenceNumber,
			})
		}
	}
	return failures
}

func processRecord(record events.DynamoDBEventRecord) error {
	fail, ok := record.Change.NewImage["fail"]
	// Check the type first: the accessors (Boolean, Number, ...) panic when
	// called on a value of another type.
	if ok && fail.DataType() == events.DataTypeBoolean && fail.Boolean() {
		return errMarkedToFail
	}
	return nil
}
