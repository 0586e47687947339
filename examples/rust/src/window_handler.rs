//! Tumbling-window handler: counts the records seen in the window so far.
//!
//! Plugs into `lambda_runtime` like the stream handler:
//!
//! ```ignore
//! lambda_runtime::run(service_fn(|event: LambdaEvent<TimeWindowEvent>| async move {
//!     Ok::<_, Error>(handle(event.payload))
//! }))
//! .await
//! ```
//!
//! aws_lambda_events types the window `state` as `HashMap<String, String>` in both
//! the event and the response, so the count travels as decimal text ("3"), and an
//! event whose state holds a JSON number does not deserialize at all.

use crate::stream_handler;
use aws_lambda_events::dynamodb::{TimeWindowEvent, TimeWindowEventResponse};

pub fn handle(event: TimeWindowEvent) -> TimeWindowEventResponse {
    let records = &event.dynamo_db_event.records;
    let previous = previous_count(&event);
    let count = previous + records.len() as u64;

    // Both response structs are #[non_exhaustive]: start from Default.
    let mut response = TimeWindowEventResponse::default();
    response
        .time_window_event_response_properties
        .state
        .insert("count".to_string(), count.to_string());
    response.batch_item_failures = stream_handler::handle_records(records).batch_item_failures;
    response
}

/// The count carried over from the previous invocation of this window; a state
/// without a (numeric) count starts the window at zero.
fn previous_count(event: &TimeWindowEvent) -> u64 {
    event
        .time_window_properties
        .state
        .get("count")
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(0)
}
