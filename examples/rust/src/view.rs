//! The normalized view of the contract (examples/CONTRACT.md §3), built only from
//! the typed values aws_lambda_events produced — never from the raw JSON — so the
//! harness sees exactly what a Rust handler would see.

use aws_lambda_events::dynamodb::{EventRecord, TimeWindowEvent};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_dynamo::{AttributeValue, Item};
use serde_json::{json, Map, Value};

pub fn records_view(records: &[EventRecord]) -> Value {
    json!({ "records": records.iter().map(record_view).collect::<Vec<_>>() })
}

pub fn window_view(event: &TimeWindowEvent) -> Value {
    let props = &event.time_window_properties;
    let mut view = records_view(&event.dynamo_db_event.records);
    let fields = view
        .as_object_mut()
        .expect("records_view returns an object");
    fields.insert(
        "window".into(),
        json!({ "start": rfc3339(&props.window.start), "end": rfc3339(&props.window.end) }),
    );
    // state is a HashMap<String, String> in this library: values stay strings.
    fields.insert("state".into(), json!(props.state));
    fields.insert("shardId".into(), json!(props.shard_id));
    fields.insert(
        "isFinalInvokeForWindow".into(),
        json!(props.is_final_invoke_for_window),
    );
    fields.insert(
        "isWindowTerminatedEarly".into(),
        json!(props.is_window_terminated_early),
    );
    view
}

fn record_view(record: &EventRecord) -> Value {
    let change = &record.change;
    json!({
        // eventID, eventName and awsRegion are plain Strings (required) in the library.
        "eventID": record.event_id,
        "eventName": record.event_name,
        "eventVersion": record.event_version,
        "eventSource": record.event_source,
        "awsRegion": record.aws_region,
        "eventSourceARN": record.event_source_arn,
        "sequenceNumber": change.sequence_number,
        "sizeBytes": change.size_bytes,
        "streamViewType": change.stream_view_type.as_ref().map(ToString::to_string),
        // Not an Option in the library: an absent timestamp is already the epoch
        // (0) here, and that is what the view must show.
        "approximateCreationDateTime": epoch_seconds(&change.approximate_creation_date_time),
        // Not Options either: an absent image is an empty Item, shown as {}.
        "keys": item_view(&change.keys),
        "newImage": item_view(&change.new_image),
        "oldImage": item_view(&change.old_image),
        "userIdentity": record.user_identity.as_ref().map(|identity| json!({
            "type": identity.type_,
            "principalId": identity.principal_id,
        })),
    })
}

/// Seconds since the epoch, keeping the sub-second part the DateTime holds.
/// Whole seconds stay an integer so they print without a ".0".
fn epoch_seconds(time: &DateTime<Utc>) -> Value {
    let nanos = time.timestamp_subsec_nanos();
    if nanos == 0 {
        json!(time.timestamp())
    } else {
        json!(time.timestamp() as f64 + f64::from(nanos) / 1e9)
    }
}

fn rfc3339(time: &DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn item_view(item: &Item) -> Value {
    let map: Map<String, Value> = item
        .iter()
        .map(|(name, value)| (name.clone(), attribute_view(value)))
        .collect();
    Value::Object(map)
}

/// Re-marshals one AttributeValue. N is held as the original text (a String), B
/// and BS as decoded bytes, which are base64-encoded again here.
fn attribute_view(value: &AttributeValue) -> Value {
    match value {
        AttributeValue::S(text) => json!({ "S": text }),
        AttributeValue::N(number) => json!({ "N": number }),
        AttributeValue::B(bytes) => json!({ "B": BASE64.encode(bytes) }),
        AttributeValue::Bool(flag) => json!({ "BOOL": flag }),
        AttributeValue::Null(flag) => json!({ "NULL": flag }),
        AttributeValue::L(items) => {
            json!({ "L": items.iter().map(attribute_view).collect::<Vec<_>>() })
        }
        AttributeValue::M(fields) => {
            let map: Map<String, Value> = fields
                .iter()
                .map(|(name, value)| (name.clone(), attribute_view(value)))
                .collect();
            json!({ "M": map })
        }
        AttributeValue::Ss(texts) => json!({ "SS": texts }),
        AttributeValue::Ns(numbers) => json!({ "NS": numbers }),
        AttributeValue::Bs(blobs) => {
            json!({ "BS": blobs.iter().map(|bytes| BASE64.encode(bytes)).collect::<Vec<_>>() })
        }
    }
}
