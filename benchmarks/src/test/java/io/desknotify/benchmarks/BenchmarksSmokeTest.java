package io.desknotify.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Proves that every benchmark still runs and produces a result, in a few seconds: each benchmark method once,
 * in this JVM (no fork), one warm-up and one measured iteration of 100 ms, small parameters. It counts nothing:
 * the figures are meaningless here and never asserted.
 */
class BenchmarksSmokeTest {

    @Test
    void coreOverheadRunsAndCountsTargetsAndCpuTime(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("core.json");
        Collection<RunResult> results = run(CoreOverheadBenchmark.class, smoke()
                .param("targets", "1000")
                .param("batchSize", "100")
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString()), 1);
        assertProduced(results, "targets");
        assertThat(results.iterator().next().getSecondaryResults()).containsKeys("cpuMs", "targetsDone");

        assertThat(Summary.summarize(List.of(json)))
                .contains("### Core overhead")
                .containsPattern("\\| 1,000 \\| 100 \\| \\S+ \\| [0-9,]+ ");
    }

    @Test
    void storeRunsOnEveryRecordStoreAndPrintsThemSideBySide(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("store.json");
        Collection<RunResult> results = run(StoreBenchmark.class, smoke()
                .param("targets", "1000")
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString()), 3);
        assertProduced(results, "targets");
        assertThat(Summary.summarize(List.of(json)))
                .contains("### Record stores")
                .containsPattern("\\| memory \\| 1000 \\| 100 \\| [0-9,]+")
                .containsPattern("\\| h2 \\| 1000 \\| 100 \\| [0-9,]+")
                .containsPattern("\\| postgresql \\| 1000 \\| 100 \\| [0-9,]+");
    }

    @Test
    void endToEndAndHandWrittenRunAgainstBothEmulators() throws RunnerException {
        Collection<RunResult> results = run(EndToEndBenchmark.class.getSimpleName() + "|"
                + HandWrittenBenchmark.class.getSimpleName(), smoke()
                .param("provider", "huawei", "horizon")
                .param("targets", "500")
                .param("latencyMs", "0")
                .param("concurrency", "4"), 4);
        assertProduced(results, "targets");
    }

    @Test
    void throttledRunsAndCountsRequestsAnd429s() throws RunnerException {
        Collection<RunResult> results = run(ThrottledBenchmark.class, smoke()
                .param("provider", "huawei", "horizon")
                .param("targets", "200"), 2);
        assertProduced(results, "requests");
        for (RunResult r : results) {
            assertThat(r.getSecondaryResults()).containsKeys("http429", "throttledSeen");
        }
    }

    @Test
    void sessionBucketRunsAgainstAzureVirtualDesktopAndCitrixAndCountsWritesAnd429s() throws RunnerException {
        // a bucket that holds every send of an invocation: the smoke run counts nothing, it proves the run works
        Collection<RunResult> results = run(SessionBucketBenchmark.class, smoke()
                .param("provider", "avd", "citrix")
                .param("targets", "20")
                .param("bucket", "1000")
                .param("refillPerSecond", "1000")
                .param("latencyMs", "0")
                .param("concurrency", "4"), 2);
        assertProduced(results, "writes");
        for (RunResult r : results) {
            assertThat(r.getSecondaryResults()).containsKeys("http429", "throttledSeen");
        }
    }

    @Test
    void followUpRunsAgainstBothEmulatorsAndSummarizesTheReportDelay(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("follow-up.json");
        Collection<RunResult> results = run(FollowUpBenchmark.class, smoke()
                .param("provider", "huawei", "horizon")
                .param("targets", "300")
                .param("latencyMs", "0")
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString()), 2);
        assertProduced(results, "reportMs");
        for (RunResult r : results) {
            assertThat(r.getSecondaryResults()).containsKeys("lastShownMs", "sends");
        }
        assertThat(Summary.summarize(List.of(json))).contains("### Report after the last desktop was shown")
                .containsPattern("\\| huawei \\| 300 \\| 0 \\| [0-9,]+ \\| [0-9,]+ \\| ");
    }

    @Test
    void pacerHarnessRunsEveryScenarioAgainstBothEmulatorsAndWritesItsTables(@TempDir Path dir) throws Exception {
        // limits so high and jobs so small that nothing is throttled: the smoke run counts nothing
        PacerHarness.Options o = PacerHarness.parse(new String[] {"--out", dir.toString(), "--seconds", "2",
            "--warmup", "1", "--rates", "2000", "--windows", "sliding", "--latencies", "0", "--raise", "1000:2000",
            "--raise-latencies", "0", "--unlimited-latencies", "1", "--told-latencies", "0", "--max-targets", "500",
            "--unlimited-targets", "500"});
        JsonObject results = PacerHarness.run(o, new PrintStream(OutputStream.nullOutputStream()));
        List<JsonObject> cells = results.getJsonArray("cells").getValuesAs(JsonObject.class);
        assertThat(cells).hasSize(8);
        for (JsonObject c : cells) {
            assertThat(c.getInt("delivered")).isPositive();
            assertThat(c.getJsonArray("series")).isNotEmpty();
        }
        assertThat(dir.resolve("pacer.tsv")).isNotEmptyFile();
        assertThat(dir.resolve("pacer-series.tsv")).isNotEmptyFile();
        assertThat(Summary.summarize(List.of(dir.resolve("pacer.json"))))
                .contains("### Pacer: an unannounced limit", "### Pacer: the limit raised", "### Pacer: no limit",
                        "### Pacer: told the limit", "### Pacer: rate over time");
    }

    @Test
    void peersRunAgainstBothEmulatorsAndSummarizeTheRatios(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("peers.json");
        Collection<RunResult> results = run(PeerBenchmark.class, smoke()
                .param("targets", "300")
                .param("latencyMs", "0")
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString()), 10);
        assertProduced(results, "clientCpuUs");
        for (RunResult r : results) {
            assertThat(r.getSecondaryResults()).containsKeys("lastShownMs", "finalMs", "vmCpuUs", "sends");
        }
        assertThat(Summary.summarize(List.of(json))).contains("### Peers")
                .containsPattern("\\| huawei \\| 0 \\| client CPU µs/target \\| [0-9.]+ \\| [0-9.]+ \\(");
    }

    private static ChainedOptionsBuilder smoke() {
        return new OptionsBuilder()
                .forks(0)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
    }

    private static Collection<RunResult> run(Class<?> benchmark, ChainedOptionsBuilder options, int expectedRuns)
            throws RunnerException {
        return run(benchmark.getSimpleName(), options, expectedRuns);
    }

    private static Collection<RunResult> run(String include, ChainedOptionsBuilder options, int expectedRuns)
            throws RunnerException {
        Collection<RunResult> results = new Runner(options.include("\\.(" + include + ")\\.").build()).run();
        assertThat(results).hasSize(expectedRuns);
        return results;
    }

    private static void assertProduced(Collection<RunResult> results, String counter) {
        for (RunResult r : results) {
            Result<?> primary = r.getPrimaryResult();
            assertThat(primary.getSampleCount()).isPositive();
            assertThat(primary.getScore()).isPositive();
            assertThat(r.getSecondaryResults()).containsKey(counter);
            assertThat(r.getSecondaryResults().get(counter).getScore()).isPositive();
        }
    }
}
