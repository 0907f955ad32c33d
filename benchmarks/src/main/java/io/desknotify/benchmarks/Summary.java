package io.desknotify.benchmarks;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns JMH JSON results ({@code -rf json -rff results.json}) into one Markdown summary: how the figures were
 * measured (command, machine, JVM), a goals table with every goal the project states, the figure measured, the
 * target and whether it is met, and then the detail tables of each benchmark ({@link Section}).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.desknotify.benchmarks.Summary \
 *     [--command 'how the results were measured'] [--note 'a line about the run'] [--machine machine.txt] \
 *     results.json [more.json ...] > summary.md
 * }</pre>
 *
 * <p>The same class keeps the README's figures generated from a summary ({@link Readme}):
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.desknotify.benchmarks.Summary --readme README.md [summary.md]
 * }</pre>
 */
public final class Summary {
    static final JsonProvider JSON = JsonProvider.provider();
    /** The command that runs this class, as the summary records it. */
    static final String COMMAND = "java -cp benchmarks/target/benchmarks.jar " + Summary.class.getName();
    /** The summary's title, its first line. */
    static final String TITLE = "# desknotify benchmarks: summary";

    /** Core goal: targets per second per core at batch 100. */
    static final double CORE_GOAL = 2_000_000;
    /** End-to-end goal: library at concurrency 16 over the hand-written loop. */
    static final double RATIO_GOAL = 5.0;
    /** Throttled goal: share of the allowed rate achieved. */
    static final double RATE_GOAL = 0.9;

    /**
     * The parts of the summary, in order: each adds its goal rows to the goals table and its detail tables after
     * it. A new benchmark's section is one more line here.
     */
    static final List<Section> SECTIONS = List.of(
            new CoreOverheadSection(),
            new EndToEndSection(),
            new ThrottledSection(),
            new SessionBucketSection(),
            new FollowUpSection(),
            new PeerSection(),
            new PacerSection(),
            new StoreSection());

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private Summary() {
    }

    /**
     * Prints the summary of the given result files, or with {@code --readme README.md [summary.md]} rewrites the
     * README's generated figures from a summary.
     *
     * @param args {@code [--command TEXT]... [--note TEXT]... [--machine FILE] results.json...}, or
     *     {@code --readme README.md [summary.md]}
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        try {
            if (args.length > 0 && args[0].equals("--readme")) {
                if (args.length < 2 || args.length > 3) {
                    throw new IllegalArgumentException("usage: Summary --readme README.md [summary.md]");
                }
                String source = Readme.update(Path.of(args[1]), args.length == 3 ? Path.of(args[2]) : null);
                System.err.println("rewrote the figures of " + args[1] + " from " + source);
                return;
            }
            System.out.print(summarize(Path.of(""), List.of(args)));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** The summary of these JMH JSON result files, with nothing recorded about the run but the files. */
    static String summarize(List<Path> files) throws IOException {
        List<String> args = new ArrayList<>();
        for (Path f : files) {
            args.add(f.toString());
        }
        return summarize(Path.of(""), args);
    }

    /**
     * The summary for these command-line arguments, files resolved against {@code base} and named as given.
     *
     * @throws IllegalArgumentException if the arguments are malformed or name no result file
     */
    static String summarize(Path base, List<String> args) throws IOException {
        List<String> commands = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String machine = null;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--command") || a.equals("--note") || a.equals("--machine")) {
                if (i + 1 == args.size()) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String value = args.get(++i);
                switch (a) {
                    case "--command" -> commands.add(value);
                    case "--note" -> notes.add(value);
                    default -> machine = value;
                }
            } else if (a.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + a);
            } else {
                files.add(a);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("usage: Summary [--command TEXT]... [--note TEXT]... "
                    + "[--machine FILE] results.json [more.json ...] | --readme README.md [summary.md]");
        }
        List<JsonObject> all = new ArrayList<>();
        List<JsonObject> pacer = new ArrayList<>();
        List<String> counted = new ArrayList<>();
        for (String f : files) {
            int before = all.size();
            try (JsonReader r = JSON.createReader(Files.newBufferedReader(base.resolve(f)))) {
                if (PacerSummary.isPacerResult(Path.of(f))) {
                    JsonObject results = r.readObject();
                    pacer.add(results);
                    counted.add("`" + f + "` (" + results.getJsonArray("cells").size() + " harness cells)");
                    continue;
                }
                for (JsonValue v : r.readArray()) {
                    all.add(v.asJsonObject());
                }
            }
            counted.add("`" + f + "` (" + (all.size() - before) + " runs)");
        }
        Runs runs = new Runs(all, pacer);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        out.println(TITLE);
        out.println();
        out.println("### How these figures were measured");
        out.println();
        for (String c : commands) {
            out.println("- Command: `" + c + "`");
        }
        for (String n : notes) {
            out.println("- " + n);
        }
        out.println("- Results: " + String.join(", ", counted));
        out.println("- JVM of the runs: " + String.join("; ", jvms(runs)));
        out.println("- Summarized with: `" + COMMAND + " " + shellLine(args) + "`");
        if (machine != null) {
            out.println("- Machine (`" + machine + "`):");
            out.println();
            out.println("```text");
            for (String line : Files.readAllLines(base.resolve(machine), StandardCharsets.UTF_8)) {
                out.println(line);
            }
            out.println("```");
        }
        out.println();
        out.println("### Goals");
        out.println();
        out.println("| goal | case | measured | target | result |");
        out.println("|---|---|---|---|---|");
        for (Section s : SECTIONS) {
            for (Goal g : s.goals(runs)) {
                out.println(g.row());
            }
        }
        out.println();
        for (Section s : SECTIONS) {
            s.details(runs, out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The distinct JVMs and JMH versions the runs report, e.g. "OpenJDK 64-Bit Server VM 17.0.15+6, JMH 1.37". */
    private static Set<String> jvms(Runs runs) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonObject r : runs.all()) {
            out.add(r.getString("vmName", "?") + " " + r.getString("vmVersion", "?") + ", JMH "
                    + r.getString("jmhVersion", "?"));
        }
        return out;
    }

    /** The arguments as one POSIX shell line: each quoted in single quotes unless it is plainly safe. */
    static String shellLine(List<String> args) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            out.add(SAFE.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return String.join(" ", out);
    }

    /** The words of a line written by {@link #shellLine}: bare words and single-quoted parts, joined. */
    static List<String> shellWords(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                if (word != null) {
                    out.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unbalanced quote in " + line);
                }
                word.append(line, i + 1, end);
                i = end;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            out.add(word.toString());
        }
        return out;
    }

    /** "1,234 ± 56", or "1,234" when JMH had too few iterations for an error. */
    static String withError(double value, double error) {
        return Double.isNaN(error) ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%,.0f ± %,.0f", value, error);
    }

    /** A JMH parameter of the run, "" when it has none of that name. */
    static String param(JsonObject r, String name) {
        JsonObject params = r.getJsonObject("params");
        return params == null || !params.containsKey(name) ? "" : params.getString(name);
    }

    /** The run's last {@code -Xmx} JVM argument, or "default". */
    static String heap(JsonObject r) {
        String heap = "default";
        JsonArray args = r.getJsonArray("jvmArgs");
        if (args != null) {
            for (JsonValue a : args) {
                String s = ((JsonString) a).getString();
                if (s.startsWith("-Xmx")) {
                    heap = s;
                }
            }
        }
        return heap;
    }

    /** The run's maximum heap in megabytes from its {@code -Xmx} argument, or -1 for the default heap. */
    static long maxHeapMegabytes(JsonObject r) {
        String heap = heap(r);
        if (!heap.startsWith("-Xmx")) {
            return -1;
        }
        String v = heap.substring(4).toLowerCase(Locale.ROOT);
        long unit = switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
            case 'k' -> 1024;
            case 'm' -> 1024 * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            case 't' -> 1024L * 1024 * 1024 * 1024;
            default -> 1;
        };
        String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
        try {
            return Long.parseLong(digits) * unit / (1024 * 1024);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The score of a secondary result of the run, NaN when it has none of that name. */
    static double secondary(JsonObject r, String name) {
        JsonObject m = metric(r, name);
        return m == null ? Double.NaN : number(m, "score");
    }

    /** The error of a secondary result of the run, NaN when it has none or JMH had too little data for one. */
    static double secondaryError(JsonObject r, String name) {
        JsonObject m = metric(r, name);
        return m == null ? Double.NaN : number(m, "scoreError");
    }

    private static JsonObject metric(JsonObject r, String name) {
        JsonObject secondary = r.getJsonObject("secondaryMetrics");
        return secondary == null ? null : secondary.getJsonObject(name);
    }

    private static double number(JsonObject o, String name) {
        JsonValue v = o.get(name);
        // JMH writes "NaN" as a string when there is too little data for an error
        return v instanceof JsonNumber n ? n.doubleValue() : Double.NaN;
    }
}
