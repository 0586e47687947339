package example;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ArrayNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tumbling-window aggregation: counts the records seen in the window so far.
 *
 * Lambda passes the state returned by the previous invocation of the same window
 * back in {@code state}; the response must always carry {@code state}, or Lambda
 * treats the invocation as failed. The library types state as
 * {@code Map<String, String>}, so the count travels as decimal text.
 */
public class WindowHandler implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> {

    @Override
    public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
        List<DynamodbStreamRecord> records = event.getRecords();
        BigDecimal count = previousCount(event.getState()).add(BigDecimal.valueOf(records.size()));

        Map<String, String> state = new HashMap<>();
        state.put("count", count.toPlainString());

        List<TimeWindowEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbStreamRecord record : records) {
            if (StreamHandler.shouldFail(record)) {
                failures.add(new TimeWindowEventResponse.BatchItemFailure(record.getDynamodb().getSequenceNumber()));
            }
        }
        return new TimeWindowEventResponse(state, failures);
    }

    /**
     * The window handler that keeps a numeric {@code state}: a {@code RequestStreamHandler} that
     * reads {@code state} as JSON (with the Jackson the runtime's serialization library ships)
     * and everything else with the library's {@link DynamodbTimeWindowEvent}, and writes the
     * count back as a JSON number.
     */
    public static class RawState implements RequestStreamHandler {
        private static final ObjectMapper JSON = JacksonFactory.getInstance().getMapper();
        private static final PojoSerializer<DynamodbTimeWindowEvent> EVENT =
                LambdaEventSerializers.serializerFor(DynamodbTimeWindowEvent.class, RawState.class.getClassLoader());

        /** The event as the library types it, and its state as the JSON it was. */
        public record Parsed(DynamodbTimeWindowEvent event, JsonNode state) {
        }

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            Parsed parsed = parse(input);
            JsonNode previous = parsed.state() == null ? null : parsed.state().get("count");
            BigDecimal count = (previous == null || previous.isNull() ? BigDecimal.ZERO : new BigDecimal(previous.asText().trim()))
                    .add(BigDecimal.valueOf(parsed.event().getRecords().size()));
            ObjectNode response = JSON.createObjectNode();
            response.putObject("state").put("count", count);
            ArrayNode failures = response.putArray("batchItemFailures");
            for (DynamodbStreamRecord record : parsed.event().getRecords()) {
                if (StreamHandler.shouldFail(record)) {
                    failures.addObject().put("itemIdentifier", record.getDynamodb().getSequenceNumber());
                }
            }
            output.write(JSON.writeValueAsBytes(response));
        }

        public static Parsed parse(InputStream input) throws IOException {
            ObjectNode tree = (ObjectNode) JSON.readTree(input.readAllBytes());
            JsonNode state = tree.remove("state");
            DynamodbTimeWindowEvent event = EVENT.fromJson(new ByteArrayInputStream(JSON.writeValueAsBytes(tree)));
            return new Parsed(event, state);
        }
    }

    /** state.count of the first invocation of a window is absent: start from 0. */
    private static BigDecimal previousCount(Map<String, String> state) {
        if (state == null || state.get("count") == null) {
            return BigDecimal.ZERO;
        }
        // A numeric JSON value arrives here already converted to text by the deserializer;
        // BigDecimal parses either form without losing digits.
        return new BigDecimal(state.get("count").trim());
    }
}
