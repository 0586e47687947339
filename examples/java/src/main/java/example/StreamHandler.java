package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB Streams handler with partial batch failure reporting
 * (event source mapping with FunctionResponseTypes: ["ReportBatchItemFailures"]).
 *
 * A record "fails" when its NewImage has the attribute {@code fail} = {@code {"BOOL": true}};
 * each failed record is reported by its SequenceNumber, in batch order, so Lambda
 * checkpoints at the lowest one and retries from there.
 */
public class StreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return respond(event.getRecords());
    }

    /**
     * EventBridge Pipes delivers the same records as a bare JSON array, so the handler
     * takes a List. The Lambda runtime has no event mix-ins for {@code List<...>}: it
     * deserializes this type with its plain Jackson configuration (see LambdaSerializers).
     */
    public static class Pipes implements RequestHandler<List<DynamodbStreamRecord>, StreamsEventResponse> {
        @Override
        public StreamsEventResponse handleRequest(List<DynamodbStreamRecord> records, Context context) {
            return respond(records);
        }
    }

    static StreamsEventResponse respond(List<DynamodbStreamRecord> records) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbStreamRecord record : records) {
            if (shouldFail(record)) {
                failures.add(new StreamsEventResponse.BatchItemFailure(record.getDynamodb().getSequenceNumber()));
            }
        }
        return new StreamsEventResponse(failures);
    }

    /** The demo failure rule: NewImage.fail is the boolean true (null-safe at every level). */
    static boolean shouldFail(DynamodbStreamRecord record) {
        StreamRecord stream = record.getDynamodb();
        if (stream == null) {
            return false;
        }
        Map<String, AttributeValue> newImage = stream.getNewImage();
        if (newImage == null) {
            return false;
        }
        AttributeValue fail = newImage.get("fail");
        return fail != null && Boolean.TRUE.equals(fail.getBOOL());
    }
}
