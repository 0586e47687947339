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
use aws_lambda_events::streams::DynamoDbBatchItemFailure;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

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

/// The tumbling-window event with `state` kept as raw JSON, beside the library's
/// types for everything else. Serde gives the outer struct's own field the
/// "state" key first; the flattened `TimeWindowEvent` gets the rest (its own
/// state, which defaults to empty, then stays unused).
#[derive(Debug, Deserialize)]
pub struct RawStateWindowEvent {
    #[serde(flatten)]
    pub event: TimeWindowEvent,
    #[serde(default)]
    pub state: Option<Map<String, Value>>,
}

/// The response with the state as JSON values, so the count stays a number.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RawStateWindowResponse {
    pub state: Map<String, Value>,
    pub batch_item_failures: Vec<DynamoDbBatchItemFailure>,
}

/// Counts the records of the window like `handle`, with the count as a JSON number
/// (a numeric string in the event is read too).
pub fn handle_raw_state(event: RawStateWindowEvent) -> RawStateWindowResponse {
    let records = &event.event.dynamo_db_event.records;
    let previous = event
        .state
        .as_ref()
        .and_then(|state| state.get("count"))
        .and_then(|count| match count {
            Value::Number(n) => n.as_u64(),
            Value::String(text) => text.trim().parse().ok(),
            _ => None,
        })
        .unwrap_or(0);
    let mut state = Map::new();
    state.insert("count".into(), Value::from(previous + records.len() as u64));
    RawStateWindowResponse {
        state,
        batch_item_failures: stream_handler::handle_records(records).batch_item_failures,
    }
}
