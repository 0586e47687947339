//! Conformance runner (conformance/CONTRACT.md), built as the `runner` binary
//! beside the handlers of the library crate (src/lib.rs):
//!
//! ```text
//! runner stream|window|window-raw|pipes FIXTURE...
//! ```
//!
//! (`stream` also accepts Pipes fixtures: it picks the type from the top level.)
//!
//! prints one JSON line per fixture, in argument order. Each fixture is
//! deserialized with serde_json into the aws_lambda_events types (as
//! lambda_runtime does), handed to the handler, and the typed values are
//! re-serialized as the normalized view.

mod view;

use aws_lambda_events::dynamodb::{Event, EventRecord, TimeWindowEvent};
use ddbstreams_example::{stream_handler, window_handler};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::io::Write;
use std::panic::{self, AssertUnwindSafe};
use std::process::ExitCode;

/// One output line; field order follows the contract's example.
#[derive(Serialize)]
struct Line {
    fixture: String,
    loaded: bool,
    error: Option<String>,
    response: Option<Value>,
    view: Option<Value>,
}

#[derive(Clone, Copy)]
enum Shape {
    Stream,
    Window,
    WindowRawState,
    Pipes,
}

/// What a successful run produced: the handler's response and the view.
type Outcome = Result<(Value, Value), String>;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let shape = match args.next().as_deref() {
        Some("stream") => Shape::Stream,
        Some("window") => Shape::Window,
        Some("window-raw") => Shape::WindowRawState,
        Some("pipes") => Shape::Pipes,
        _ => {
            eprintln!("usage: runner stream|window|window-raw|pipes FIXTURE...");
            return ExitCode::from(2);
        }
    };

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for fixture in args {
        let line = match run_guarded(shape, &fixture) {
            Ok((response, view)) => Line {
                fixture,
                loaded: true,
                error: None,
                response: Some(response),
                view: Some(view),
            },
            Err(error) => {
                eprintln!("{fixture}: {error}");
                Line {
                    fixture,
                    loaded: false,
                    error: Some(one_line(&error)),
                    response: None,
                    view: None,
                }
            }
        };
        let text = view::splice_exact_numbers(
            serde_json::to_string(&line).expect("a Line always serializes"),
        );
        writeln!(out, "{text}").expect("stdout is writable");
    }
    ExitCode::SUCCESS
}

/// Runs one fixture, turning a panic (in the library or the handler) into an
/// error for that fixture so the remaining fixtures still run.
fn run_guarded(shape: Shape, fixture: &str) -> Outcome {
    match panic::catch_unwind(AssertUnwindSafe(|| run(shape, fixture))) {
        Ok(outcome) => outcome,
        Err(payload) => Err(format!("panic: {}", panic_message(payload.as_ref()))),
    }
}

fn run(shape: Shape, fixture: &str) -> Outcome {
    let bytes = std::fs::read(fixture).map_err(|err| format!("cannot read fixture: {err}"))?;
    // One handler serves both `stream` and `pipes` fixtures (runner.json), so in
    // stream mode a top-level array is taken as the EventBridge Pipes form.
    let shape = match shape {
        Shape::Stream if is_json_array(&bytes) => Shape::Pipes,
        other => other,
    };
    match shape {
        Shape::Stream => {
            let event: Event = deserialize(&bytes)?;
            // The view is taken before the handler consumes the event.
            let view = view::records_view(&event.records);
            Ok((to_json(&stream_handler::handle(event))?, view))
        }
        Shape::Pipes => {
            let records: Vec<EventRecord> = deserialize(&bytes)?;
            let view = view::records_view(&records);
            Ok((to_json(&stream_handler::handle_pipes(records))?, view))
        }
        Shape::Window => {
            let event: TimeWindowEvent = deserialize(&bytes)?;
            let view = view::window_view(&event);
            Ok((to_json(&window_handler::handle(event))?, view))
        }
        Shape::WindowRawState => {
            let event: window_handler::RawStateWindowEvent = deserialize(&bytes)?;
            let mut view = view::window_view(&event.event);
            view["state"] = event.state.clone().map_or(Value::Null, Value::Object);
            Ok((to_json(&window_handler::handle_raw_state(event))?, view))
        }
    }
}

fn is_json_array(bytes: &[u8]) -> bool {
    bytes.iter().find(|byte| !byte.is_ascii_whitespace()) == Some(&b'[')
}

/// serde_json through serde_path_to_error, like lambda_runtime: the error names
/// the JSON path of the field that failed, e.g. `Records[0].dynamodb.SizeBytes: ...`.
fn deserialize<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    let mut json = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut json).map_err(|err| err.to_string())?;
    json.end().map_err(|err| err.to_string())?;
    Ok(value)
}

/// The response as the Lambda runtime would send it: serde_json of the returned value.
fn to_json<T: Serialize>(response: &T) -> Result<Value, String> {
    serde_json::to_value(response).map_err(|err| format!("cannot serialize response: {err}"))
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "non-string panic payload".to_string()
    }
}

/// The contract wants the error on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
