# Every published fixture, and one of them
ddbstreams generate --list
ddbstreams generate dynamodb/stream/ttl-expiry-delete

# The event `sam local generate-event dynamodb update` prints, for your region and table
ddbstreams generate dynamodb update --region eu-west-1 --table Orders \
    --partition aws --account-id 123456789012

# Your own writes, in order, on a table keyed by pk and sk
ddbstreams generate stream --keys pk,sk --view-type NEW_IMAGE \
    --insert '{"pk": "a", "sk": 1, "n": 1}' \
    --modify '{"pk": "a", "sk": 1, "n": 1}' '{"pk": "a", "sk": 1, "n": 2}' \
    --remove '{"pk": "a", "sk": 1, "n": 2}' \
    --output event.json

# A large batch of synthetic writes (progress on stderr above 5,000 records)
ddbstreams generate stream --count 5100 --seed 7 --output big.json

# Validate events, and check a function's response against its event
ddbstreams validate event.json big.json
ddbstreams generate dynamodb/responses/full-success --output response.json
ddbstreams check-response --response response.json --event event.json
