//! Unit tests of the handlers. The fixture tests read the committed fixtures from
//! ../../events: a missing one fails.

use crate::{stream_handler, window_handler};
use aws_lambda_events::dynamodb::{Event, TimeWindowEvent};
use serde_json::{json, Value};
use std::path::PathBuf;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The identifiers the contract expects, computed from the raw JSON, independently
/// of the library: the sequence numbers of records whose NewImage has fail=BOOL true.
fn expected_failures(raw: &Value) -> Vec<String> {
    raw["Records"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|record| record["dynamodb"]["NewImage"]["fail"] == json!({"BOOL": true}))
        .map(|record| {
            record["dynamodb"]["SequenceNumber"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

fn reported_failures(event: Event) -> Vec<String> {
    stream_handler::handle(event)
        .batch_item_failures
        .into_iter()
        .map(|failure| failure.item_identifier.unwrap_or_default())
        .collect()
}

#[test]
fn reports_failed_records_in_batch_order() {
    let record = |seq: &str, fail: bool| {
        json!({
            "eventID": "1", "eventName": "INSERT", "awsRegion": "us-east-1",
            "dynamodb": {
                "Keys": {"Id": {"N": "1"}},
                "NewImage": {"Id": {"N": "1"}, "fail": {"BOOL": fail}},
                "SequenceNumber": seq, "SizeBytes": 10
            }
        })
    };
    let raw = json!({"Records": [record("100", true), record("200", false), record("300", true)]});
    let event: Event = serde_json::from_value(raw).unwrap();
    assert_eq!(reported_failures(event), ["100", "300"]);
}

#[test]
fn window_count_adds_records_to_previous_state() {
    let raw = json!({
        "Records": [],
        "window": {"start": "2020-07-30T17:00:00Z", "end": "2020-07-30T17:05:00Z"},
        "state": {"count": "4"},
        "shardId": "shard-1",
        "isFinalInvokeForWindow": false,
        "isWindowTerminatedEarly": false
    });
    let event: TimeWindowEvent = serde_json::from_value(raw).unwrap();
    let response = window_handler::handle(event);
    let state = &response.time_window_event_response_properties.state;
    assert_eq!(state.get("count").map(String::as_str), Some("4"));
}

#[test]
fn partial_failure_fixtures_from_events_index() {
    let index_path = repo_root().join("events/index.json");
    let index_text = std::fs::read_to_string(&index_path)
        .unwrap_or_else(|err| panic!("{}: {err}", index_path.display()));
    let index: Vec<Value> = serde_json::from_str(&index_text).expect("index.json is a JSON array");

    let mut checked_with_failures = 0;
    for entry in index.iter().filter(|entry| entry["shape"] == "stream") {
        let path = repo_root().join(entry["path"].as_str().expect("index entries have a path"));
        let bytes = std::fs::read(&path).expect("indexed fixture exists");
        let raw: Value = serde_json::from_slice(&bytes).unwrap();
        // Fixtures the library rejects are findings reported by the runner, not here.
        let Ok(event) = serde_json::from_slice::<Event>(&bytes) else {
            continue;
        };
        let expected = expected_failures(&raw);
        if !expected.is_empty() {
            checked_with_failures += 1;
        }
        assert_eq!(reported_failures(event), expected, "{}", path.display());
    }
    assert!(
        checked_with_failures > 0,
        "no stream fixture with a failing record was loaded"
    );
}

// --8<-- [start:fixture-test]
#[test]
fn partial_failure_fixture() {
    let raw = std::fs::read_to_string("../../events/dynamodb/stream/partial-failure.json").unwrap();
    let event: Event = serde_json::from_str(&raw).unwrap();
    let response = stream_handler::handle(event);
    assert_eq!(response.batch_item_failures.len(), 2); // the two records marked "fail"
}
// --8<-- [end:fixture-test]

#[test]
fn raw_state_window_keeps_a_numeric_count() {
    let raw = std::fs::read_to_string(
        repo_root().join("events/dynamodb/tumbling-window/mid-window.json"),
    )
    .unwrap();
    let value: Value = serde_json::from_str(&raw).unwrap();
    // the library's own type cannot take the numeric state
    assert!(serde_json::from_str::<TimeWindowEvent>(&raw).is_err());
    let event: window_handler::RawStateWindowEvent = serde_json::from_str(&raw).unwrap();
    let records = value["Records"].as_array().unwrap().len() as u64;
    let previous = value["state"]["count"].as_u64().unwrap();
    let response = serde_json::to_value(window_handler::handle_raw_state(event)).unwrap();
    assert_eq!(response["state"], json!({"count": previous + records}));
    assert_eq!(
        response["batchItemFailures"].as_array().unwrap().len(),
        expected_failures(&value).len()
    );
}
