# Which records a SAM template's filters deliver, and why the others are dropped.
ddbstreams filter --criteria tests/cases/filters/templates/sam-orders.yaml \
    events/dynamodb/stream/modify-new-and-old-images.json
# The same as JSON: [{"record": 0, "delivered": true, "filter": 0}, ...]
ddbstreams filter --pattern '{"eventName": ["MODIFY"]}' --format json \
    events/dynamodb/stream/item-history.json
# Lint every mapping of the template (exit 1 on errors).
ddbstreams filter lint tests/cases/filters/templates/sam-orders.yaml
