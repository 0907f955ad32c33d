package io.desknotify.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's figures, generated from a {@link Summary} between two marker lines, never edited by hand:
 *
 * <pre>{@code
 * <!-- figures:begin benchmarks/results/2026-12-02/summary.md -->
 * ... generated ...
 * <!-- figures:end -->
 * }</pre>
 *
 * <p>The begin marker names the summary the figures come from, relative to the README's folder. The generated part
 * is that summary without its title, each heading one level lower (the README holds it under a {@code ###}
 * heading), after a line that says where it comes from.
 */
final class Readme {
    static final String END = "<!-- figures:end -->";
    private static final Pattern BEGIN = Pattern.compile("^<!-- figures:begin (\\S+) -->$", Pattern.MULTILINE);

    private Readme() {
    }

    /** The begin marker that names {@code source}. */
    static String begin(String source) {
        return "<!-- figures:begin " + source + " -->";
    }

    /**
     * The summary the README's figures come from, as its begin marker names it.
     *
     * @throws IllegalArgumentException if the README has not exactly one begin marker followed by an end marker
     */
    static String source(String readme) {
        Matcher m = BEGIN.matcher(readme);
        if (!m.find()) {
            throw new IllegalArgumentException("no line '" + begin("path/to/summary.md") + "' in the README");
        }
        String source = m.group(1);
        int after = m.end();
        if (m.find()) {
            throw new IllegalArgumentException("more than one figures:begin marker in the README");
        }
        int end = readme.indexOf("\n" + END, after);
        if (end < 0 || readme.indexOf("\n" + END, end + 1) >= 0) {
            throw new IllegalArgumentException("not exactly one line '" + END + "' after the begin marker");
        }
        return source;
    }

    /** What goes between the markers for this summary, named {@code source}: the lines, each ending in a newline. */
    static String generated(String source, String summary) {
        List<String> lines = new ArrayList<>(summary.lines().toList());
        if (lines.isEmpty() || !lines.get(0).equals(Summary.TITLE)) {
            throw new IllegalArgumentException(source + " is not a summary: its first line is not '" + Summary.TITLE
                    + "'");
        }
        lines.remove(0);
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        StringBuilder out = new StringBuilder();
        out.append("Generated from `").append(source).append("` by `").append(Summary.COMMAND)
                .append(" --readme README.md ").append(source).append("`; do not edit by hand.\n\n");
        boolean fenced = false;
        for (String line : lines) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            out.append(!fenced && line.startsWith("#") ? "#" + line : line).append('\n');
        }
        return out.toString();
    }

    /** The README with the part between its markers replaced by what {@code summary} generates. */
    static String rewrite(String readme, String source, String summary) {
        source(readme);
        Matcher m = BEGIN.matcher(readme);
        m.find();
        int end = readme.indexOf("\n" + END, m.end());
        return readme.substring(0, m.start()) + begin(source) + "\n" + generated(source, summary)
                + readme.substring(end + 1);
    }

    /** The part of the README between its markers, each line ending in a newline. */
    static String current(String readme) {
        source(readme);
        Matcher m = BEGIN.matcher(readme);
        m.find();
        int end = readme.indexOf("\n" + END, m.end());
        return readme.substring(m.end() + 1, end + 1);
    }

    /**
     * Rewrites the README's figures from {@code summary}, or when it is null from the summary its marker names,
     * and returns the summary's path as the marker now names it.
     *
     * @throws IllegalArgumentException if the summary is outside the README's folder, or the README has no markers
     */
    static String update(Path readme, Path summary) throws IOException {
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        Path dir = readme.toAbsolutePath().getParent();
        String source = summary == null ? source(text)
                : dir.relativize(summary.toAbsolutePath().normalize()).toString().replace('\\', '/');
        if (source.startsWith("../") || Path.of(source).isAbsolute()) {
            throw new IllegalArgumentException(source + " is outside the README's folder: the README's figures must"
                    + " come from a committed summary, e.g. benchmarks/results/<date>/summary.md");
        }
        String summaryText = Files.readString(dir.resolve(source), StandardCharsets.UTF_8);
        Files.writeString(readme, rewrite(text, source, summaryText), StandardCharsets.UTF_8);
        return source;
    }
}
