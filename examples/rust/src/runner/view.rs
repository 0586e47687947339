//! The normalized view of the contract (conformance/CONTRACT.md §3), built only from
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

/// Seconds since the epoch, exactly as the DateTime holds them (whole seconds and
/// nanoseconds), written as decimal text: going through f64 would round the fraction.
/// Whole seconds stay an integer so they print without a ".0".
fn epoch_seconds(time: &DateTime<Utc>) -> Value {
    exact_number(&exact_seconds(
        time.timestamp(),
        time.timestamp_subsec_nanos(),
    ))
}

/// `seconds` and `nanos` (0..1e9, as chrono splits an instant) as exact decimal text.
pub fn exact_seconds(seconds: i64, nanos: u32) -> String {
    if nanos == 0 {
        return seconds.to_string();
    }
    // chrono floors: -1.5 s is (-2 s, 500_000_000 ns).
    let (whole, fraction) = if seconds < 0 {
        (seconds + 1, 1_000_000_000 - nanos)
    } else {
        (seconds, nanos)
    };
    let sign = if seconds < 0 && whole == 0 { "-" } else { "" };
    let digits = format!("{fraction:09}");
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

const EXACT: &str = "\u{1}exact-number:";

/// A number serde_json cannot hold without rounding, carried as a marked string
/// until `splice_exact_numbers` writes it into the output line as a bare number.
fn exact_number(text: &str) -> Value {
    Value::String(format!("{EXACT}{text}"))
}

/// The serialized line with every marked string replaced by its bare number text.
pub fn splice_exact_numbers(line: String) -> String {
    let marker = "\"\\u0001exact-number:";
    let mut out = String::with_capacity(line.len());
    let mut rest = line.as_str();
    while let Some(start) = rest.find(marker) {
        out.push_str(&rest[..start]);
        let after = &rest[start + marker.len()..];
        let end = after.find('"').expect("a marked number ends with a quote");
        out.push_str(&after[..end]);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_print_the_nanoseconds_the_library_holds() {
        // 1635734407.122999906 is not a float: f64 arithmetic would print .122999906xxx or round.
        assert_eq!(
            exact_seconds(1_635_734_407, 122_999_906),
            "1635734407.122999906"
        );
        assert_eq!(exact_seconds(1_635_734_407, 123_000), "1635734407.000123");
        assert_eq!(exact_seconds(1_635_734_407, 0), "1635734407");
        assert_eq!(exact_seconds(-2, 500_000_000), "-1.5");
        assert_eq!(exact_seconds(-1, 500_000_000), "-0.5");
    }

    #[test]
    fn marked_numbers_are_spliced_in_as_bare_numbers() {
        let line =
            serde_json::to_string(&json!({"t": exact_number("1.000122999"), "s": "x"})).unwrap();
        assert_eq!(splice_exact_numbers(line), r#"{"s":"x","t":1.000122999}"#);
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
