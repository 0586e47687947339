package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
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
