package oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import software.amazon.event.ruler.Machine;

/**
 * Evaluates (pattern, event) pairs with event-ruler, the matching library behind EventBridge.
 *
 * <p>Each stdin line is a JSON object {"pattern": "...", "event": "..."} whose members are the
 * pattern's and the event's JSON text. Each stdout line is "true", "false", or "error: ..." when
 * event-ruler refuses the pattern. Consecutive lines with the same pattern reuse one compiled
 * machine, so a caller that groups its pairs by pattern pays for compilation once.
 */
public final class Oracle {
    private Oracle() {}

    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        String lastPattern = null;
        Machine machine = null;
        String ruleError = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                out.flush();
                continue;
            }
            JsonNode pair = mapper.readTree(line);
            String pattern = pair.get("pattern").asText();
            String event = pair.get("event").asText();
            if (!pattern.equals(lastPattern)) {
                lastPattern = pattern;
                machine = new Machine();
                ruleError = null;
                try {
                    machine.addRule("rule", pattern);
                } catch (Exception e) {
                    ruleError = String.valueOf(e.getMessage()).replace('\n', ' ').replace('\r', ' ');
                }
            }
            if (ruleError != null) {
                out.write("error: " + ruleError);
            } else {
                try {
                    out.write(machine.rulesForJSONEvent(event).isEmpty() ? "false" : "true");
                } catch (Exception e) {
                    out.write("event-error: " + String.valueOf(e.getMessage()).replace('\n', ' '));
                }
            }
            out.newLine();
        }
        out.flush();
    }
}
