package io.desknotify.transport.http.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.transport.http.internal.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The streaming read of a job answer gives what reading the whole answer as a tree gives: each body below is read
 * both ways and the results compared, the tree read being the plain member lookups a poll made before.
 */
class WorkspaceJobAnswerTest {

    private static final List<String> BODIES = List.of(
            "{\"id\":\"j\",\"status\":\"SUCCESS\",\"sub_jobs\":[]}",
            "{\"status\":\"FAILED\",\"job_error_code\":\"WKS.0500\",\"fail_reason\":\"1 of 3 failed\","
                    + "\"sub_jobs_total\":3,\"sub_jobs\":["
                    + "{\"id\":\"s1\",\"status\":\"SUCCESS\",\"entities\":{\"desktop_id\":\"d-1\"}},"
                    + "{\"id\":\"s2\",\"status\":\"FAILED\",\"error_code\":\"WKS.0004\",\"fail_reason\":\"gone\","
                    + "\"entities\":{\"desktop_id\":\"d-2\"}},"
                    + "{\"id\":\"s3\",\"status\":\"SUCCESS\",\"error_code\":null,\"entities\":{\"desktop_id\":\"d-3\"}}]}",
            // repeated members: the last wins, at every level, and a later sub-job of a desktop replaces the earlier
            "{\"status\":\"RUNNING\",\"status\":\"FAILED\",\"job_error_code\":1,\"job_error_code\":\"X\","
                    + "\"sub_jobs\":[{\"status\":\"FAILED\",\"entities\":{\"desktop_id\":\"a\"}}],"
                    + "\"sub_jobs\":[{\"status\":\"SUCCESS\",\"status\":\"FAILED\",\"error_code\":\"E1\","
                    + "\"entities\":{\"desktop_id\":\"b\"},\"entities\":{\"desktop_id\":\"c\",\"desktop_id\":\"d\"}},"
                    + "{\"status\":\"SUCCESS\",\"entities\":{\"desktop_id\":\"d\"}}]}",
            // members of other types than expected are as absent; numbers and booleans are text
            "{\"status\":{\"x\":1},\"job_error_code\":12.50,\"fail_reason\":true,\"sub_jobs\":{\"a\":[]}}",
            "{\"status\":[\"SUCCESS\"],\"job_error_code\":1E+3,\"fail_reason\":false,\"sub_jobs\":\"none\"}",
            "{\"status\":\"FAILED\",\"sub_jobs\":[1,\"x\",null,[{\"entities\":{\"desktop_id\":\"n\"}}],"
                    + "{\"status\":\"FAILED\",\"entities\":\"d-9\"},{\"status\":\"FAILED\",\"entities\":{\"desktop_id\":7}},"
                    + "{\"status\":\"FAILED\",\"entities\":[{\"desktop_id\":\"arr\"}]},"
                    + "{\"status\":\"FAILED\",\"error_code\":[\"E\"],\"fail_reason\":{\"r\":1},"
                    + "\"entities\":{\"other\":{\"desktop_id\":\"deep\"},\"desktop_id\":\"ok\"}},"
                    + "{\"status\":7,\"entities\":{\"desktop_id\":\"numeric-status\"}}]}",
            // nested unknown members, escapes and non-ASCII text
            "{\"meta\":{\"a\":[{\"b\":[[],{}]},null]},\"status\":\"S\\u0055CCESS\",\"fail_reason\":\"\\u5931\\u8d25\\\"x\","
                    + "\"sub_jobs\":[{\"entities\":{\"desktop_id\":\"\\u00e9t\\u00e9\"},\"status\":\"FAILED\","
                    + "\"fail_reason\":\"\u5931\u8d25\"}]}",
            // nothing after the object is read, by either
            "{\"status\":\"SUCCESS\"} trailing",
            // every form of number and whitespace, escapes of every kind
            " \t\r\n{ \"a\" : [ -0 , 0.5e-3 , 12E+2 , 3e4 , -1.25E-0 , 1234567890123456789012 ] ,"
                    + " \"job_error_code\" : -0 , \"fail_reason\" : 0.5e-3 , \"sub_jobs\" : [ { \"status\" :"
                    + " \"FAIL\\u0045D\" , \"error_code\" : \"\\\"\\\\\\/\\b\\f\\n\\r\\t\" ,"
                    + " \"entities\" : { \"desktop\\u005fid\" : \"d\\u00E9\" } } ] , \"status\" : \"\\u0052UNNING\" } ",
            // non-ASCII text
            "{\"status\":\"FAILED\",\"sub_jobs\":[{\"status\":\"FAILED\",\"fail_reason\":\"\u00ff\","
                    + "\"entities\":{\"desktop_id\":\"x\"}}]}",
            "{}");

    private static final List<String> MALFORMED = List.of("", "   ", "{", "{\"status\":\"SUCCESS\"",
            "{\"status\":}", "{\"a\":[1 2],\"status\":\"SUCCESS\"}", "{\"sub_jobs\":[{\"x\":tru}]}",
            "{\"status\":\"SUCCESS\",}", "\"SUCCESS\"", "42", "[{\"status\":\"SUCCESS\"}]",
            "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":+1}",
            "{\"a\":tru}", "{\"a\":nul}", "{\"a\":True}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12G4\"}",
            "{\"a\":\"tab\there\"}", "{\"a\":\"no end}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "{\"a\":[1,]}",
            "{\"a\":[,1]}", "{a:1}", "{\"a\":1]", "{\"a\":[1}", "{\"sub_jobs\":[{\"entities\":{\"desktop_id\"}}]}",
            "{'a':1}", "{\"a\":1,,\"b\":2}",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[");

    @Test
    void readsWhatATreeReadFinds() {
        for (String body : BODIES) {
            WorkspaceJobAnswer streamed = WorkspaceJobAnswer.parse(bytes(body), Jsons.DEFAULT_MAX_DEPTH);
            JsonObject tree = Jsons.parseObject(bytes(body), Jsons.DEFAULT_MAX_DEPTH);

            assertThat(WorkspaceJobAnswer.string(streamed.status)).as(body)
                    .isEqualTo(Jsons.string(tree, "status").orElse(null));
            assertThat(Jsons.text(streamed.jobErrorCode)).as(body).isEqualTo(Jsons.text(tree, "job_error_code"));
            assertThat(Jsons.text(streamed.failReason)).as(body).isEqualTo(Jsons.text(tree, "fail_reason"));
            assertThat(subJobsOf(streamed)).as(body).isEqualTo(treeSubJobs(tree));
            if (treeSubJobs(tree).values().stream().anyMatch(sub -> "FAILED".equals(sub.get(0)))) {
                // a poll looks at the sub-jobs one by one only when one may have failed: never missing one that did
                assertThat(WorkspaceJobAnswer.parse(bytes(body), Jsons.DEFAULT_MAX_DEPTH).anySubJobFailed())
                        .as(body).isTrue();
            }
        }
    }

    @Test
    void malformedUtf8BecomesTheReplacementCharacterAsInATreeRead() {
        byte[] body = bytes("{\"status\":\"FAILED\",\"fail_reason\":\"a?b?\",\"sub_jobs\":[]}");
        int first = indexOf(body, (byte) '?');
        body[first] = (byte) 0xff;
        body[indexOf(body, (byte) '?')] = (byte) 0xc3; // a lead byte with no continuation before the quote

        WorkspaceJobAnswer streamed = WorkspaceJobAnswer.parse(body, Jsons.DEFAULT_MAX_DEPTH);

        assertThat(Jsons.text(streamed.failReason)).contains("a\ufffdb\ufffd")
                .isEqualTo(Jsons.text(Jsons.parseObject(body, Jsons.DEFAULT_MAX_DEPTH), "fail_reason"));
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aDesktopsSubJobsAreFoundByTheirEntity() {
        WorkspaceJobAnswer job = WorkspaceJobAnswer.parse(bytes(BODIES.get(1)), Jsons.DEFAULT_MAX_DEPTH);

        assertThat(subJobsOf(job)).containsOnlyKeys("d-1", "d-2", "d-3")
                .containsEntry("d-2", List.of("FAILED", "WKS.0004", "gone"));
    }

    @Test
    void refusesWhatTheTreeReadRefuses() {
        for (String body : MALFORMED) {
            assertThatThrownBy(() -> Jsons.parseObject(bytes(body), Jsons.DEFAULT_MAX_DEPTH)).as(body)
                    .isInstanceOf(Jsons.MalformedJsonException.class);
            assertThatThrownBy(() -> WorkspaceJobAnswer.parse(bytes(body), Jsons.DEFAULT_MAX_DEPTH)).as(body)
                    .isInstanceOf(Jsons.MalformedJsonException.class);
        }
    }

    @Test
    void nestingDeeperThanTheBoundIsRefusedWhereverItIsEvenInAMemberNobodyReads() {
        String atBound = "{\"status\":\"SUCCESS\",\"x\":" + "[".repeat(3) + "]".repeat(3) + "}";
        String overBound = "{\"status\":\"SUCCESS\",\"x\":" + "[".repeat(4) + "]".repeat(4) + "}";

        assertThat(WorkspaceJobAnswer.string(WorkspaceJobAnswer.parse(bytes(atBound), 4).status)).isEqualTo("SUCCESS");
        assertThatThrownBy(() -> WorkspaceJobAnswer.parse(bytes(overBound), 4))
                .isInstanceOf(Jsons.MalformedJsonException.class)
                .hasMessage("JSON nested deeper than 4 levels refused");
        assertThatThrownBy(() -> Jsons.parseObject(bytes(overBound), 4))
                .hasMessage("JSON nested deeper than 4 levels refused");
    }

    /** The sub-jobs as desktop id to [status string, error_code text, fail_reason text]. */
    private static Map<String, List<String>> subJobsOf(WorkspaceJobAnswer job) {
        Map<String, List<String>> out = new HashMap<>();
        job.subJobs().forEach((id, s) -> out.put(id, java.util.Arrays.asList(WorkspaceJobAnswer.string(s.status()),
                Jsons.text(s.errorCode()).orElse(null), Jsons.text(s.failReason()).orElse(null))));
        return out;
    }

    /** How a poll read the sub-jobs from the tree before. */
    private static Map<String, List<String>> treeSubJobs(JsonObject job) {
        Map<String, List<String>> out = new HashMap<>();
        for (JsonValue v : Jsons.array(job, "sub_jobs").orElse(JsonValue.EMPTY_JSON_ARRAY)) {
            if (v instanceof JsonObject sub) {
                Jsons.object(sub, "entities").flatMap(e -> Jsons.string(e, "desktop_id"))
                        .ifPresent(id -> out.put(id, java.util.Arrays.asList(Jsons.string(sub, "status").orElse(null),
                                Jsons.text(sub, "error_code").orElse(null),
                                Jsons.text(sub, "fail_reason").orElse(null))));
            }
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
