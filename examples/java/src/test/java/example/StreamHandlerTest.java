package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The handler against the project's partial-failure fixture, deserialized the way the
 * Lambda runtime does it. The expected identifiers are worked out from the typed event
 * with the rule itself (NewImage.fail == BOOL true), independently of the handler.
 */
class StreamHandlerTest {

    /** Relative to examples/java/, where Maven runs; the fixtures are committed, so must exist. */
    private static final Path FIXTURE = Path.of("..", "..", "events", "dynamodb", "stream", "partial-failure.json");

    @Test
    void reportsExactlyTheFailedRecordsInBatchOrder() throws IOException {
        assertTrue(Files.isRegularFile(FIXTURE), FIXTURE + " is missing");
        DynamodbEvent event = load(FIXTURE);

        List<String> expected = new ArrayList<>();
        for (DynamodbStreamRecord r : event.getRecords()) {
            Map<String, AttributeValue> image = r.getDynamodb().getNewImage();
            AttributeValue fail = image == null ? null : image.get("fail");
            if (fail != null && Boolean.TRUE.equals(fail.getBOOL())) {
                expected.add(r.getDynamodb().getSequenceNumber());
            }
        }
        assertFalse(expected.isEmpty(), "the fixture should contain failing records");

        StreamsEventResponse response = new StreamHandler().handleRequest(event, null);
        List<String> actual = response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
        assertEquals(expected, actual);
    }

    // --8<-- [start:fixture-test]
    @Test
    void partialFailureFixtureFailsTwoRecords() throws IOException {
        // Deserialize as the Lambda Java runtime does (aws-lambda-java-serialization).
        DynamodbEvent event;
        try (InputStream in = Files.newInputStream(Path.of("../../events/dynamodb/stream/partial-failure.json"))) {
            event = LambdaEventSerializers.serializerFor(DynamodbEvent.class, getClass().getClassLoader()).fromJson(in);
        }
        StreamsEventResponse response = new StreamHandler().handleRequest(event, null);
        assertEquals(2, response.getBatchItemFailures().size()); // the two records marked "fail"
    }
    // --8<-- [end:fixture-test]

    @Test
    void emptyBatchReportsNoFailures() {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of());
        assertEquals(List.of(), new StreamHandler().handleRequest(event, null).getBatchItemFailures());
    }

    @Test
    void pipesStreamHandlerReportsTheFailedRecordOfABareArray() throws IOException {
        Path pipes = Path.of("..", "..", "events", "dynamodb", "pipes", "partial-failure.json");
        String text = Files.readString(pipes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(pipes)) {
            new StreamHandler.PipesStream().handleRequest(in, out, null);
        }
        // the failing record's SequenceNumber, found in the raw JSON without the library
        int fail = text.indexOf("\"fail\"");
        int seq = text.indexOf("\"SequenceNumber\": \"", fail) + "\"SequenceNumber\": \"".length();
        String expected = text.substring(seq, text.indexOf('"', seq));
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + expected + "\"}]}",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rawStateWindowHandlerKeepsTheCountANumber() throws IOException {
        String event = "{\"Records\": [], \"window\": {\"start\": \"2024-06-01T12:00:00Z\", \"end\": \"2024-06-01T12:01:00Z\"},"
                + " \"state\": {\"count\": 4}, \"shardId\": \"s\", \"eventSourceARN\": \"a\","
                + " \"isFinalInvokeForWindow\": false, \"isWindowTerminatedEarly\": false}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new WindowHandler.RawState().handleRequest(
                new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        assertEquals("{\"state\":{\"count\":4},\"batchItemFailures\":[]}", out.toString(StandardCharsets.UTF_8));
    }

    private static DynamodbEvent load(Path fixture) throws IOException {
        try (InputStream in = Files.newInputStream(fixture)) {
            return LambdaEventSerializers.serializerFor(DynamodbEvent.class, StreamHandlerTest.class.getClassLoader())
                    .fromJson(in);
        }
    }
}
