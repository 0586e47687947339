# frozen_string_literal: true

# Lambda handler for DynamoDB Streams batches (Lambda handler setting:
# "stream_handler.handler"). Ruby has no typed model for this event: the
# runtime passes JSON.parse of the payload, a plain Hash, and serializes the
# returned Hash with to_json.
#
# Needs FunctionResponseTypes ["ReportBatchItemFailures"] on the event source
# mapping so that Lambda reads batchItemFailures.

# A stand-in for whatever real processing error a function would meet; here a
# record asks to fail with NewImage "fail": {"BOOL": true}.
class RecordMarkedToFail < StandardError; end

def handler(event:, context:)
  # An EventBridge Pipe sends the same records as a bare Array, without the
  # "Records" wrapper of an event source mapping.
  records = event.is_a?(Array) ? event : event.fetch('Records')
  { 'batchItemFailures' => failed_items(records) }
end

# Processes every record and lists the failed ones in batch order, identified
# by SequenceNumber. Lambda restarts from the lowest one reported, so carrying
# on after a failure only costs repeated work, never lost records.
def failed_items(records)
  records.filter_map do |record|
    process_record(record)
    nil
  rescue RecordMarkedToFail
    { 'itemIdentifier' => record.dig('dynamodb', 'SequenceNumber') }
  end
end

def process_record(record)
  # dig returns nil when a record carries no NewImage (REMOVE, KEYS_ONLY).
  fail_flag = record.dig('dynamodb', 'NewImage', 'fail')
  raise RecordMarkedToFail if fail_flag == { 'BOOL' => true }
end
