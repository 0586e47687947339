# frozen_string_literal: true

# Run with: ruby runner/test_main.rb   (minitest ships with Ruby)
require 'minitest/autorun'
require 'base64'
require_relative 'main'

class TestRunnerView < Minitest::Test
  # JSON.parse leaves B and BS as base64 text; the view must say so rather than
  # decode them on the library's behalf.
  def test_binary_is_reported_as_the_text_json_parse_gives
    parsed = JSON.parse('{"b": {"B": "AAE="}, "bs": {"BS": ["AAE=", "Ag=="]}}')
    view = image_view(parsed)
    assert_equal({ 'B' => Base64.strict_encode64('AAE=') }, view['b'])
    assert_equal({ 'BS' => [Base64.strict_encode64('AAE='), Base64.strict_encode64('Ag==')] }, view['bs'])
  end

  def test_malformed_binary_is_shown_as_parsed
    assert_equal({ 'BS' => [1] }, attribute_view({ 'BS' => [1] }))
    assert_equal({ 'B' => Base64.strict_encode64('not base64!') }, attribute_view({ 'B' => 'not base64!' }))
  end
end
