//! The DynamoDB Streams handlers a reader copies: one module per handler, on the
//! aws_lambda_events types. The conformance runner (src/runner/) is a separate binary.

pub mod stream_handler;
pub mod window_handler;

#[cfg(test)]
mod tests;
