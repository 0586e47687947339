//! DynamoDB Streams handler with partial batch responses (`ReportBatchItemFailures`).
//!
//! The handler is a plain function so the conformance runner can call it without
//! an async runtime. In a deployed function it plugs into `lambda_runtime`:
//!
//! ```ignore
//! use lambda_runtime::{service_fn, Error, LambdaEvent};
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Error> {
//!     lambda_runtime::run(service_fn(|event: LambdaEvent<Event>| async move {
//!         Ok::<_, Error>(handle(event.payload))
//!     }))
//!     .await
//! }
//! ```

use aws_lambda_events::dynamodb::{Event, EventRecord};
use aws_lambda_events::streams::{DynamoDbBatchItemFailure, DynamoDbEventResponse};
use serde_dynamo::AttributeValue;

/// Lambda event source mapping: `{"Records": [...]}`.
pub fn handle(event: Event) -> DynamoDbEventResponse {
    handle_records(&event.records)
}

/// EventBridge Pipes delivers the same records as a bare JSON array.
pub fn handle_pipes(records: Vec<EventRecord>) -> DynamoDbEventResponse {
    handle_records(&records)
}

/// Reports every record that failed, in batch order. Lambda checkpoints at the
/// lowest reported sequence number, so the order only matters for readability.
pub fn handle_records(records: &[EventRecord]) -> DynamoDbEventResponse {
    let mut response = DynamoDbEventResponse::default();
    response.batch_item_failures = records
        .iter()
        .filter(|record| !process(record))
        .map(|record| {
            // The struct is #[non_exhaustive]: build it from Default, then set the field.
            let mut failure = DynamoDbBatchItemFailure::default();
            failure.item_identifier = record.change.sequence_number.clone();
            failure
        })
        .collect();
    response
}

/// "Processes" one record; returns false when it must be retried.
/// The example rule: a record fails when its new image has `"fail": {"BOOL": true}`.
pub fn process(record: &EventRecord) -> bool {
    !matches!(
        record.change.new_image.get("fail"),
        Some(AttributeValue::Bool(true))
    )
}
