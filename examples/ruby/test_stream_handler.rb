# frozen_string_literal: true

# Run with: ruby test_stream_handler.rb   (minitest ships with Ruby)
require 'minitest/autorun'
require 'json'
require_relative 'stream_handler'
require_relative 'window_handler'

class TestStreamHandler < Minitest::Test
  EVENTS = File.expand_path('../../events', __dir__)

  def fixture(name)
    path = File.join(EVENTS, name)
    # The fixtures are committed: a missing one fails (File.read raises).
    JSON.parse(File.read(path))
  end

  # --8<-- [start:fixture-test]
  def test_partial_failure_fixture_fails_two_records
    event = JSON.parse(File.read(File.join(EVENTS, 'dynamodb/stream/partial-failure.json')))
    response = handler(event: event, context: nil)
    assert_equal 2, response['batchItemFailures'].length # the two records marked "fail"
  end
  # --8<-- [end:fixture-test]

  def test_partial_failure_fixture
    event = fixture('dynamodb/stream/partial-failure.json')
    expected = fixture('dynamodb/responses/partial-batch-failure.json')
    # Compare what the runtime would send back: the to_json of the result.
    assert_equal expected, JSON.parse(handler(event: event, context: nil).to_json)
  end

  def record(sequence_number, new_image)
    {
      'eventName' => 'INSERT',
      'eventSource' => 'aws:dynamodb',
      'dynamodb' => {
        'Keys' => { 'Id' => { 'N' => '1' } },
        'NewImage' => new_image,
        'SequenceNumber' => sequence_number,
        'StreamViewType' => 'NEW_AND_OLD_IMAGES'
      }
    }
  end

  def batch
    [
      record('100', { 'Id' => { 'N' => '1' } }),
      record('200', { 'Id' => { 'N' => '2' }, 'fail' => { 'BOOL' => true } }),
      record('300', { 'Id' => { 'N' => '3' }, 'fail' => { 'BOOL' => false } }),
      # A REMOVE record carries no NewImage.
      record('400', nil).tap { |r| r['dynamodb'].delete('NewImage') }
    ]
  end

  def test_reports_only_records_marked_to_fail
    # Round-trip through JSON as the runtime does.
    event = JSON.parse({ 'Records' => batch }.to_json)
    response = handler(event: event, context: nil)
    assert_equal({ 'batchItemFailures' => [{ 'itemIdentifier' => '200' }] }, response)
  end

  def test_full_success_is_an_empty_list
    event = { 'Records' => [batch[0], batch[2]] }
    assert_equal({ 'batchItemFailures' => [] }, handler(event: event, context: nil))
  end

  def test_pipes_bare_array
    response = handler(event: batch, context: nil)
    assert_equal [{ 'itemIdentifier' => '200' }], response['batchItemFailures']
  end

  def test_window_adds_to_previous_count
    event = { 'Records' => batch, 'state' => { 'count' => '3' } }
    response = WindowHandler.handler(event: event, context: nil)
    assert_equal({ 'count' => 7 }, response['state'])
    assert_equal [{ 'itemIdentifier' => '200' }], response['batchItemFailures']
  end
end
