package example.runner;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;

/**
 * Picks serializers the way the Lambda Java runtime (aws-lambda-java-runtime-interface-client)
 * does for a {@code RequestHandler<I, O>}:
 * <ul>
 *   <li>a class that {@link LambdaEventSerializers#isLambdaSupportedEvent} lists (DynamodbEvent,
 *       DynamodbTimeWindowEvent, ...) gets {@link LambdaEventSerializers#serializerFor}: Jackson
 *       with the event mix-ins (PascalCase names, AttributeValue keys) and the date modules;</li>
 *   <li>any other type, e.g. {@code List<DynamodbStreamRecord>} or the response classes
 *       StreamsEventResponse and TimeWindowEventResponse, gets the runtime's plain
 *       {@link JacksonFactory} serializer, without those mix-ins.</li>
 * </ul>
 * Responses are therefore serialized exactly as the runtime would write them.
 */
public final class LambdaSerializers {

    record Pair<I, O>(PojoSerializer<I> input, PojoSerializer<O> output) {
    }

    /** The runtime caches one serializer per type too; serializers are thread-safe. */
    private static final Map<Class<?>, Pair<?, ?>> CACHE = new HashMap<>();

    private LambdaSerializers() {
    }

    @SuppressWarnings("unchecked")
    static <I, O> Pair<I, O> forHandler(RequestHandler<I, O> handler) {
        return (Pair<I, O>) CACHE.computeIfAbsent(handler.getClass(), LambdaSerializers::create);
    }

    private static Pair<?, ?> create(Class<?> handlerClass) {
        Type[] io = requestHandlerTypes(handlerClass);
        return new Pair<>(serializerFor(io[0]), serializerFor(io[1]));
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializerFor(Type type) {
        if (type instanceof Class<?> cls && LambdaEventSerializers.isLambdaSupportedEvent(cls.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(cls, Runner.class.getClassLoader());
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    /** The {@code <I, O>} of a class that implements RequestHandler directly. */
    private static Type[] requestHandlerTypes(Class<?> handlerClass) {
        for (Type t : handlerClass.getGenericInterfaces()) {
            if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                return p.getActualTypeArguments();
            }
        }
        throw new IllegalArgumentException(handlerClass + " does not implement RequestHandler<I, O> directly");
    }
}
