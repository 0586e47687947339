# frozen_string_literal: true

# Runner for conformance/CONTRACT.md:  ruby runner/main.rb stream|window|pipes FIXTURE...
#
# Prints one JSON line per fixture. The event goes through what the Lambda
# Ruby runtime does (JSON.parse of the payload, handler, to_json of the
# result). Ruby has no typed model, so the parsed Hash IS what the "library"
# gives a program, and the view is built from it.

require 'json'
require 'base64'
require_relative '../stream_handler'
require_relative '../window_handler'

MODES = %w[stream window pipes].freeze

# The handler for each mode, called the way the runtime calls it. Neither
# handler uses the context, so none is built.
HANDLERS = {
  'stream' => ->(event) { handler(event: event, context: nil) },
  'pipes' => ->(event) { handler(event: event, context: nil) },
  'window' => ->(event) { WindowHandler.handler(event: event, context: nil) }
}.freeze

RECORD_FIELDS = %w[eventID eventName eventVersion eventSource awsRegion eventSourceARN].freeze

def run_fixture(mode, path)
  event = JSON.parse(File.read(path))
  # One run command serves "stream" and "pipes": only Pipes sends an Array.
  mode = 'pipes' if mode == 'stream' && event.is_a?(Array)
  view = mode == 'window' ? window_view(event) : { 'records' => records_view(event, mode) }
  # The runtime writes the response with to_json; parse it back so the line
  # below embeds exactly that JSON.
  response = JSON.parse(HANDLERS.fetch(mode).call(event).to_json)
  { 'fixture' => path, 'loaded' => true, 'error' => nil, 'response' => response, 'view' => view }
end

def failure(path, error)
  # Ruby 3.1 appends a code snippet to NoMethodError messages (error_highlight,
  # did_you_mean); original_message is the error's own text.
  text = error.respond_to?(:original_message) ? error.original_message : error.message
  warn "runner: #{path}: #{error.class}: #{text}"
  # The contract wants one line of text. JSON::ParserError quotes the rest of
  # the input after the error; a few hundred characters are enough to place it.
  message = "#{error.class}: #{text}".split.join(' ')
  message = "#{message[0, 300]} ..." if message.length > 300
  { 'fixture' => path, 'loaded' => false, 'error' => message, 'response' => nil, 'view' => nil }
end

def records_view(event, mode)
  records = mode == 'pipes' ? event : event.fetch('Records')
  records.map { |record| record_view(record) }
end

def window_view(event)
  window = event['window']
  {
    'records' => records_view(event, 'window'),
    'window' => window && { 'start' => window['start'], 'end' => window['end'] },
    'state' => event['state'],
    'shardId' => event['shardId'],
    'isFinalInvokeForWindow' => event['isFinalInvokeForWindow'],
    'isWindowTerminatedEarly' => event['isWindowTerminatedEarly']
  }
end

def record_view(record)
  change = record.fetch('dynamodb')
  identity = record['userIdentity']
  RECORD_FIELDS.to_h { |name| [name, record[name]] }.merge(
    'sequenceNumber' => change['SequenceNumber'],
    'sizeBytes' => change['SizeBytes'],
    'streamViewType' => change['StreamViewType'],
    # Integer or Float, as JSON.parse made it.
    'approximateCreationDateTime' => change['ApproximateCreationDateTime'],
    'keys' => image_view(change['Keys']),
    'newImage' => image_view(change['NewImage']),
    'oldImage' => image_view(change['OldImage']),
    'userIdentity' => identity && { 'type' => identity['type'], 'principalId' => identity['principalId'] }
  )
end

def image_view(image)
  image&.transform_values { |value| attribute_view(value) }
end

# Walks an AttributeValue as a Ruby program would. Nothing checks the type
# keys (JSON.parse does not know them), so unknown keys pass through as parsed.
def attribute_view(value)
  value.to_h do |type, content|
    case type
    when 'B' then [type, as_held(content)]
    when 'BS' then [type, content.is_a?(Array) ? content.map { |item| as_held(item) } : content]
    when 'L' then [type, content.map { |item| attribute_view(item) }]
    when 'M' then [type, image_view(content)]
    else [type, content] # N stays the JSON string; S, BOOL, NULL, SS, NS as parsed
    end
  end
end

# JSON.parse hands a program the base64 text of B and BS, not the bytes. The
# contract's view carries base64 of the bytes the program holds: here, the
# bytes of that text (reported as "binary kept as base64 text"). Anything that
# is not a String is shown as parsed.
def as_held(content)
  content.is_a?(String) ? Base64.strict_encode64(content) : content
end

def main
  mode, *paths = ARGV
  unless MODES.include?(mode) && !paths.empty?
    warn 'usage: ruby runner/main.rb stream|window|pipes FIXTURE...'
    exit 2
  end
  $stdout.sync = true
  paths.each do |path|
    result = begin
      run_fixture(mode, path)
    rescue StandardError, SystemStackError => e
      failure(path, e)
    end
    line = begin
      JSON.generate(result)
    rescue JSON::GeneratorError => e # e.g. a NaN or a string that is not UTF-8
      JSON.generate(failure(path, e))
    end
    puts line
  end
end

main if $PROGRAM_NAME == __FILE__
