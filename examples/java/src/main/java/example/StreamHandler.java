package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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

    /**
     * The Pipes handler that keeps every record: a {@code RequestStreamHandler} that reads the
     * bare array itself, as the {@code Records} of a {@link DynamodbEvent}, with the runtime's
     * event serializer (aws-lambda-java-serialization), the one that knows the DynamoDB field
     * names. {@link Pipes} above gets records whose {@code dynamodb} part is empty, because the
     * runtime registers those names for {@code DynamodbEvent} only.
     */
    public static class PipesStream implements RequestStreamHandler {
        private static final PojoSerializer<DynamodbEvent> EVENT =
                LambdaEventSerializers.serializerFor(DynamodbEvent.class, PipesStream.class.getClassLoader());
        private static final PojoSerializer<StreamsEventResponse> RESPONSE =
                JacksonFactory.getInstance().getSerializer(StreamsEventResponse.class);

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            RESPONSE.toJson(respond(records(input)), output);
        }

        /** The records of a Pipes batch (a JSON array), as a DynamodbEvent would hold them. */
        public static List<DynamodbStreamRecord> records(InputStream array) throws IOException {
            ByteArrayOutputStream wrapped = new ByteArrayOutputStream();
            wrapped.write("{\"Records\":".getBytes(StandardCharsets.UTF_8));
            array.transferTo(wrapped);
            wrapped.write('}');
            return EVENT.fromJson(new ByteArrayInputStream(wrapped.toByteArray())).getRecords();
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
