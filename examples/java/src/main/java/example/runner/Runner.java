package example.runner;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import example.StreamHandler;
import example.WindowHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The example runner (see conformance/CONTRACT.md):
 *
 * <pre>java -jar target/runner.jar stream|window|pipes FIXTURE...</pre>
 *
 * "stream" takes both the stream and the pipes shapes (see modeFor); "window" takes the
 * tumbling-window shape.
 * For each fixture, in argument order, it deserializes the file with the serializer the
 * Lambda Java runtime would pick for the handler's input type (LambdaSerializers), calls
 * the handler, and prints one JSON line: the response as the runtime would serialize it,
 * and a view of what the library parsed. A failure is reported for that fixture only.
 */
public final class Runner {

    private Runner() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || !List.of("stream", "window", "pipes", "pipes-stream", "window-raw").contains(args[0])) {
            System.err.println("usage: java -jar target/runner.jar stream|window|pipes|pipes-stream|window-raw FIXTURE...");
            System.exit(2);
        }
        // Output must be UTF-8 whatever the platform default is.
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        for (int i = 1; i < args.length; i++) {
            Path fixture = Path.of(args[i]).toAbsolutePath();
            StreamMode streamMode = STREAM_MODES.get(args[0]);
            out.println(Json.write(streamMode != null ? runStream(streamMode, fixture) : runOne(modeFor(args[0], fixture), fixture)));
        }
        out.flush();
    }

    /** One handler and how to show the input the library parsed for it. */
    private record Mode<I, O>(RequestHandler<I, O> handler, Function<I, Map<String, Object>> view) {
    }

    private static final Mode<DynamodbEvent, Object> STREAM =
            new Mode<>(asObject(new StreamHandler()), event -> View.ofRecords(event.getRecords()));
    private static final Mode<List<DynamodbStreamRecord>, Object> PIPES =
            new Mode<>(asObject(new StreamHandler.Pipes()), View::ofRecords);
    private static final Mode<DynamodbTimeWindowEvent, Object> WINDOW =
            new Mode<>(asObject(new WindowHandler()), View::ofWindowEvent);

    /** A RequestStreamHandler, and how to show what the library parsed from the same bytes. */
    private record StreamMode(RequestStreamHandler handler, ViewOf view) {
    }

    @FunctionalInterface
    private interface ViewOf {
        Map<String, Object> apply(byte[] input) throws IOException;
    }

    private static final Map<String, StreamMode> STREAM_MODES = Map.of(
            "pipes-stream", new StreamMode(new StreamHandler.PipesStream(),
                    bytes -> View.ofRecords(StreamHandler.PipesStream.records(new ByteArrayInputStream(bytes)))),
            "window-raw", new StreamMode(new WindowHandler.RawState(), bytes -> {
                WindowHandler.RawState.Parsed parsed = WindowHandler.RawState.parse(new ByteArrayInputStream(bytes));
                Map<String, Object> view = View.ofWindowEvent(parsed.event());
                view.put("state", parsed.state() == null ? null : new Json.Raw(parsed.state().toString()));
                return view;
            }));

    private static Map<String, Object> runStream(StreamMode mode, Path fixture) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("fixture", fixture.toString());
        try {
            byte[] input = Files.readAllBytes(fixture);
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            mode.handler().handleRequest(new ByteArrayInputStream(input), response, null);
            Map<String, Object> view = mode.view().apply(input);
            line.put("loaded", true);
            line.put("error", null);
            line.put("response", new Json.Raw(response.toString(StandardCharsets.UTF_8)));
            line.put("view", view);
        } catch (Throwable e) {
            System.err.println(fixture + ":");
            e.printStackTrace();
            line.put("loaded", false);
            line.put("error", oneLine(e));
            line.put("response", null);
            line.put("view", null);
        }
        return line;
    }

    /**
     * The harness uses one command for both the stream and the pipes shapes. In AWS they are
     * two deployments (an event source mapping invokes StreamHandler, a pipe invokes
     * StreamHandler.Pipes); the top-level JSON token says which one a fixture is for,
     * since EventBridge Pipes sends a bare array.
     */
    private static Mode<?, ?> modeFor(String name, Path fixture) {
        switch (name) {
            case "window":
                return WINDOW;
            case "pipes":
                return PIPES;
            default:
                return startsWithArray(fixture) ? PIPES : STREAM;
        }
    }

    private static boolean startsWithArray(Path fixture) {
        try (InputStream in = Files.newInputStream(fixture)) {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\t' || c == '\n' || c == '\r');
            return c == '[';
        } catch (IOException e) {
            return false; // runOne reports the unreadable file for this fixture
        }
    }

    @SuppressWarnings("unchecked")
    private static <I> RequestHandler<I, Object> asObject(RequestHandler<I, ?> handler) {
        return (RequestHandler<I, Object>) handler;
    }

    private static <I, O> Map<String, Object> runOne(Mode<I, O> mode, Path fixture) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("fixture", fixture.toString());
        try {
            LambdaSerializers.Pair<I, O> io = LambdaSerializers.forHandler(mode.handler());
            I input;
            try (InputStream in = Files.newInputStream(fixture)) {
                input = io.input().fromJson(in);
            }
            O response = mode.handler().handleRequest(input, null); // the handlers never use the Context
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            io.output().toJson(response, json);
            Map<String, Object> view = mode.view().apply(input);
            line.put("loaded", true);
            line.put("error", null);
            line.put("response", new Json.Raw(json.toString(StandardCharsets.UTF_8)));
            line.put("view", view);
        } catch (Throwable e) { // every failure, including Errors from reflection, stays per fixture
            System.err.println(fixture + ":");
            e.printStackTrace();
            line.put("loaded", false);
            line.put("error", oneLine(e));
            line.put("response", null);
            line.put("view", null);
        }
        return line;
    }

    /**
     * The library's own message on one line. Wrappers that only repeat their cause
     * (the serializers' UncheckedIOException) are skipped, so the text is Jackson's own
     * message, which names the problem and the path through the event.
     */
    static String oneLine(Throwable e) {
        Throwable shown = e;
        while (shown.getCause() != null && shown.getCause() != shown
                && (shown.getMessage() == null || shown.getMessage().equals(shown.getCause().toString()))) {
            shown = shown.getCause();
        }
        String text = shown.getClass().getName() + ": " + shown.getMessage();
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
