package oracle;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.event.ruler.Machine;

/**
 * Times event-ruler on the benchmark's pairs: stdin holds the patterns, one per line, then an
 * empty line, then the records, one JSON document per line. Each pattern gets its own machine;
 * every record goes through every machine (rulesForJSONEvent parses the record, as EventBridge
 * must). Prints the best of five timed passes, in nanoseconds, after three warm-up passes.
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<Machine> machines = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            Machine machine = new Machine();
            machine.addRule("rule", line);
            machines.add(machine);
        }
        List<String> records = new ArrayList<>();
        while ((line = in.readLine()) != null) {
            if (!line.isEmpty()) {
                records.add(line);
            }
        }
        long best = Long.MAX_VALUE;
        long matched = 0;
        for (int pass = 0; pass < 8; pass++) {
            long start = System.nanoTime();
            matched = 0;
            for (Machine machine : machines) {
                for (String record : records) {
                    if (!machine.rulesForJSONEvent(record).isEmpty()) {
                        matched++;
                    }
                }
            }
            long elapsed = System.nanoTime() - start;
            if (pass >= 3) {
                best = Math.min(best, elapsed);
            }
        }
        System.out.println(best + " " + matched);
    }
}
