package example.runner;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.models.TimeWindow;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the contract's normalized view from the library's typed objects (getters only,
 * never the raw JSON), so the harness sees exactly what a Java handler would see.
 */
public final class View {

    private View() {
    }

    static Map<String, Object> ofRecords(List<DynamodbStreamRecord> records) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("records", records(records));
        return view;
    }

    static Map<String, Object> ofWindowEvent(DynamodbTimeWindowEvent event) {
        Map<String, Object> view = ofRecords(event.getRecords());
        TimeWindow window = event.getWindow();
        if (window == null) {
            view.put("window", null);
        } else {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("start", window.getStart());
            w.put("end", window.getEnd());
            view.put("window", w);
        }
        // Map<String, String> in the library: whatever the JSON held arrives as text.
        view.put("state", event.getState() == null ? null : new LinkedHashMap<String, Object>(event.getState()));
        view.put("shardId", event.getShardId());
        view.put("isFinalInvokeForWindow", event.getIsFinalInvokeForWindow());
        view.put("isWindowTerminatedEarly", event.getIsWindowTerminatedEarly());
        return view;
    }

    private static List<Object> records(List<DynamodbStreamRecord> records) {
        if (records == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (DynamodbStreamRecord r : records) {
            out.add(record(r));
        }
        return out;
    }

    private static Map<String, Object> record(DynamodbStreamRecord r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("eventID", r.getEventID());
        v.put("eventName", r.getEventName());
        v.put("eventVersion", r.getEventVersion());
        v.put("eventSource", r.getEventSource());
        v.put("awsRegion", r.getAwsRegion());
        v.put("eventSourceARN", r.getEventSourceARN());
        StreamRecord d = r.getDynamodb();
        v.put("sequenceNumber", d == null ? null : d.getSequenceNumber());
        v.put("sizeBytes", d == null ? null : d.getSizeBytes());
        v.put("streamViewType", d == null ? null : d.getStreamViewType());
        v.put("approximateCreationDateTime", d == null ? null : epochSeconds(d.getApproximateCreationDateTime()));
        v.put("keys", d == null ? null : image(d.getKeys()));
        v.put("newImage", d == null ? null : image(d.getNewImage()));
        v.put("oldImage", d == null ? null : image(d.getOldImage()));
        Identity who = r.getUserIdentity();
        if (who == null) {
            v.put("userIdentity", null);
        } else {
            Map<String, Object> id = new LinkedHashMap<>();
            id.put("type", who.getType());
            id.put("principalId", who.getPrincipalId());
            v.put("userIdentity", id);
        }
        return v;
    }

    /** java.util.Date holds whole milliseconds: seconds with at most three decimals. */
    private static BigDecimal epochSeconds(Date date) {
        if (date == null) {
            return null;
        }
        BigDecimal seconds = BigDecimal.valueOf(date.getTime()).movePointLeft(3).stripTrailingZeros();
        // stripTrailingZeros turns 1428537600.000 into 1.4285376E+9; keep a plain integer scale.
        return seconds.scale() < 0 ? seconds.setScale(0) : seconds;
    }

    private static Map<String, Object> image(Map<String, AttributeValue> item) {
        if (item == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        item.forEach((name, value) -> out.put(name, attribute(value)));
        return out;
    }

    /**
     * Re-marshals one AttributeValue. Every type field the object holds is written, so an
     * object with zero or several types set (the class allows both) shows up as such.
     */
    private static Object attribute(AttributeValue a) {
        if (a == null) {
            return null;
        }
        Map<String, Object> v = new LinkedHashMap<>();
        if (a.getS() != null) {
            v.put("S", a.getS());
        }
        if (a.getN() != null) {
            // The library keeps N as the original decimal text (no numeric conversion).
            v.put("N", a.getN());
        }
        if (a.getB() != null) {
            v.put("B", base64(a.getB()));
        }
        if (a.getBOOL() != null) {
            v.put("BOOL", a.getBOOL());
        }
        if (a.isNULL() != null) {
            v.put("NULL", a.isNULL());
        }
        if (a.getSS() != null) {
            v.put("SS", new ArrayList<Object>(a.getSS()));
        }
        if (a.getNS() != null) {
            v.put("NS", new ArrayList<Object>(a.getNS()));
        }
        if (a.getBS() != null) {
            List<Object> bs = new ArrayList<>();
            for (ByteBuffer b : a.getBS()) {
                bs.add(base64(b));
            }
            v.put("BS", bs);
        }
        if (a.getL() != null) {
            List<Object> l = new ArrayList<>();
            for (AttributeValue e : a.getL()) {
                l.add(attribute(e));
            }
            v.put("L", l);
        }
        if (a.getM() != null) {
            v.put("M", image(a.getM()));
        }
        return v;
    }

    /** Base64 of the bytes the library holds; duplicate() leaves the buffer's position alone. */
    private static String base64(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
