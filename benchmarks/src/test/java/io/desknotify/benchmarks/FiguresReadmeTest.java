package io.desknotify.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's figures are generated from the committed summary.md its marker names, and that summary is what
 * {@link Summary} makes of the committed results it lists; the goals table lists every goal, measured or not.
 */
class FiguresReadmeTest {
    private static final String SUMMARIZED_WITH = "- Summarized with: `" + Summary.COMMAND + " ";

    @Test
    void readmeFiguresAreExactlyWhatTheNamedSummaryGenerates() throws IOException {
        Path root = root();
        String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
        String source = Readme.source(readme);
        assertThat(source).startsWith("benchmarks/results/").endsWith("/summary.md");
        String summary = Files.readString(root.resolve(source), StandardCharsets.UTF_8);

        assertThat(Readme.current(readme))
                .as("README.md between the figures markers; regenerate with: %s --readme README.md %s",
                        Summary.COMMAND, source)
                .isEqualTo(Readme.generated(source, summary));
    }

    @Test
    void theNamedSummaryIsWhatSummaryMakesOfTheResultsItLists() throws IOException {
        Path root = root();
        String source = Readme.source(Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8));
        String summary = Files.readString(root.resolve(source), StandardCharsets.UTF_8);
        String line = summary.lines().filter(l -> l.startsWith(SUMMARIZED_WITH)).findFirst()
                .orElseThrow(() -> new AssertionError(source + " does not say how it was summarized"));
        List<String> args = Summary.shellWords(line.substring(SUMMARIZED_WITH.length(), line.length() - 1));

        assertThat(Summary.summarize(root, args))
                .as("%s regenerated from the results it lists", source)
                .isEqualTo(summary);
    }

    @Test
    void anEditedFigureNoLongerMatchesWhatTheSummaryGenerates() {
        String summary = Summary.TITLE + "\n\n### Goals\n\n| goal | result |\n|---|---|\n| core | met |\n";
        String readme = "# r\n\n### Latest figures\n\nprose\n\n" + Readme.begin("s.md") + "\nold\n" + Readme.END
                + "\n\n## Next\n";

        String rewritten = Readme.rewrite(readme, "s.md", summary);

        assertThat(rewritten).startsWith("# r\n\n### Latest figures\n\nprose\n\n" + Readme.begin("s.md") + "\n")
                .endsWith(Readme.END + "\n\n## Next\n")
                .contains("\n#### Goals\n\n| goal | result |\n|---|---|\n| core | met |\n" + Readme.END)
                .doesNotContain("old");
        assertThat(Readme.current(rewritten)).isEqualTo(Readme.generated("s.md", summary));
        String edited = rewritten.replace("| core | met |", "| core | not met |");
        assertThat(Readme.current(edited)).isNotEqualTo(Readme.generated("s.md", summary));
    }

    @Test
    void updateRewritesTheReadmeFromASummaryInsideItsFolderAndRefusesOneOutside(@TempDir Path dir)
            throws IOException {
        Path readme = dir.resolve("repo/README.md");
        Files.createDirectories(dir.resolve("repo/benchmarks/results/d"));
        Files.writeString(readme, "# r\n\n" + Readme.begin("old/summary.md") + "\n" + Readme.END + "\n");
        String summary = Summary.TITLE + "\n\n### Goals\n\n| goal | result |\n";
        Files.writeString(dir.resolve("repo/benchmarks/results/d/summary.md"), summary);
        Files.writeString(dir.resolve("elsewhere.md"), summary);

        assertThat(Readme.update(readme, dir.resolve("repo/benchmarks/results/d/summary.md")))
                .isEqualTo("benchmarks/results/d/summary.md");
        assertThat(Files.readString(readme)).isEqualTo("# r\n\n" + Readme.begin("benchmarks/results/d/summary.md")
                + "\n" + Readme.generated("benchmarks/results/d/summary.md", summary) + Readme.END + "\n");
        assertThatThrownBy(() -> Readme.update(readme, dir.resolve("elsewhere.md")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the README's folder");
    }

    @Test
    void headingsInsideAFencedBlockAreLeftAlone() {
        String summary = Summary.TITLE + "\n\n### Run\n\n```text\n# not a heading\n```\n";

        assertThat(Readme.generated("s.md", summary)).contains("#### Run\n").contains("\n# not a heading\n")
                .doesNotContain(Summary.TITLE);
    }

    @Test
    void aReadmeWithoutOneBeginAndOneEndMarkerIsRefused() {
        assertThatThrownBy(() -> Readme.source("# r\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("figures:begin");
        assertThatThrownBy(() -> Readme.source(Readme.begin("s.md") + "\n")).hasMessageContaining(Readme.END);
        assertThatThrownBy(() -> Readme.source(Readme.begin("a.md") + "\n" + Readme.END + "\n" + Readme.begin("b.md")
                + "\n" + Readme.END + "\n")).hasMessageContaining("more than one");
        assertThatThrownBy(() -> Readme.generated("s.md", "### Goals\n")).hasMessageContaining("not a summary");
    }

    @Test
    void everyGoalIsListedAndThoseWithoutARunAreNotMeasured() throws IOException {
        Path root = root();
        String summary = Summary.summarize(root, List.of("benchmarks/results/2026-12-01/throttled.json"));

        assertThat(summary)
                .contains("| " + CoreOverheadSection.CORE + " | - | - | " + CoreOverheadSection.CORE_TARGET
                        + " | not measured |")
                .contains("| " + CoreOverheadSection.HEAP + " | - | - | " + CoreOverheadSection.HEAP_TARGET
                        + " | not measured |")
                .contains("| " + EndToEndSection.GOAL + " | - | - | ≥ 5× | not measured |")
                .contains("| " + SessionBucketSection.GOAL + " | - | - | zero 429s after warm-up | not measured |")
                .contains("| " + FollowUpSection.GOAL + " | - | - | ")
                .contains("| " + ThrottledSection.GOAL + " | huawei, 50 req/s | 97.2% of the allowed rate, 0 429s | "
                        + ThrottledSection.TARGET + " | met |")
                .contains("### Under throttling")
                .doesNotContain("### Core overhead");
    }

    @Test
    void goalsAreJudgedFromTheFiguresOfTheCommittedResults() throws IOException {
        String summary = Summary.summarize(root(), List.of("benchmarks/results/2026-12-01/e2e.json",
                "benchmarks/results/2026-12-01/core-1m.json", "benchmarks/results/2026-12-01/followup.json"));

        assertThat(summary)
                .contains("| " + EndToEndSection.GOAL + " | huawei, 5 ms | 3.20× (49,701 / 15,518 targets/s) | ≥ 5× | not met |")
                .contains("| " + EndToEndSection.GOAL + " | horizon, 5 ms | 7.63× (123,819 / 16,223 targets/s) | ≥ 5× | met |")
                .contains("| " + CoreOverheadSection.CORE + " | 1,000,000 targets, -Xmx256m heap | 2,567,461 targets per"
                        + " CPU-second | " + CoreOverheadSection.CORE_TARGET + " | met |")
                .contains("| " + CoreOverheadSection.HEAP + " | batch 100, -Xmx256m | every send delivered: 3,849,078"
                        + " targets/s, GC 2,849 ms | ")
                .contains("| " + FollowUpSection.GOAL + " | huawei, 20,000 targets, 5 ms | 509 ms (last shown 293 ms,"
                        + " bound 2,439 ms) | ≤ 1.5 × last shown + 2,000 ms | met |");
        // the goals table comes first, before every detail table
        assertThat(summary.indexOf("### Goals")).isPositive().isLessThan(summary.indexOf("### Core overhead"))
                .isLessThan(summary.indexOf("### End to end"));
    }

    @Test
    void theCommandLineIsRecordedSoThatItReadsBackAsTheSameArguments() {
        List<String> args = List.of("--command", "benchmarks/run.sh full /tmp/r", "--note", "it's 2 cores; 22:40–23:02",
                "a/b.json");

        assertThat(Summary.shellWords(Summary.shellLine(args))).isEqualTo(args);
    }

    /** The repository's root: the nearest folder up from here whose README.md has the figures markers. */
    private static Path root() throws IOException {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path readme = p.resolve("README.md");
            if (Files.isRegularFile(readme) && Files.readString(readme).contains("<!-- figures:begin ")) {
                return p;
            }
        }
        throw new AssertionError("no README.md with a figures:begin marker above " + Path.of("").toAbsolutePath());
    }
}
