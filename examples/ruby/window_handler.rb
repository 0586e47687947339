# frozen_string_literal: true

# Tumbling-window handler (TumblingWindowInSeconds on the mapping). It counts
# the records seen so far in the window; Lambda hands the returned state to the
# next invocation for the same window and shard.
#
# Lambda handler setting: "window_handler.WindowHandler.handler". It lives in a
# module so it can sit in the same function as stream_handler.handler, whose
# per-record logic (failed_items) it reuses.

require_relative 'stream_handler'

module WindowHandler
  def self.handler(event:, context:)
    state = event['state'] || {}
    # AWS samples show state values as numbers and as strings; Integer() takes
    # both and raises on anything else, which fails the batch rather than
    # silently restarting the count.
    previous = state.key?('count') ? Integer(state['count']) : 0
    records = event.fetch('Records')
    {
      # A response without state counts as a failed invocation: always set it.
      'state' => { 'count' => previous + records.length },
      'batchItemFailures' => failed_items(records)
    }
  end
end
