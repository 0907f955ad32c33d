package io.desknotify.transport.http.huawei;

import io.desknotify.transport.http.internal.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.util.HashMap;
import java.util.Map;

/**
 * What a job poll needs of a {@code GET workspace-jobs/{job_id}} answer, read with the streaming parser in one
 * pass: the job's {@code status}, {@code job_error_code} and {@code fail_reason}, and of each object in
 * {@code sub_jobs} its {@code status}, {@code error_code}, {@code fail_reason} and {@code entities.desktop_id}.
 * Everything else is parsed (so that a malformed answer is refused wherever the fault is) but not kept: a job of
 * 100 desktops carries 100 sub-jobs, and building a tree of them cost more than anything else a poll does.
 *
 * <p>Read as a tree read would be: the last of repeated members wins, a member of another type than expected is
 * as absent, a {@code sub_jobs} element that is not an object or has no string {@code entities.desktop_id} is
 * ignored, and a later sub-job of the same desktop replaces an earlier one.
 */
final class WorkspaceJobAnswer {

    /** One sub-job: the {@code status}, {@code error_code} and {@code fail_reason} values, null when absent. */
    record SubJob(JsonValue status, JsonValue errorCode, JsonValue failReason) {
    }

    JsonValue status;
    JsonValue jobErrorCode;
    JsonValue failReason;
    /** The sub-jobs by desktop id; empty when the answer has no {@code sub_jobs} array. */
    Map<String, SubJob> subJobs = Map.of();

    private WorkspaceJobAnswer() {
    }

    /**
     * Parses a job answer.
     *
     * @throws Jsons.MalformedJsonException when the body is not JSON, not an object, or nested deeper than allowed
     */
    static WorkspaceJobAnswer parse(byte[] body, int maxDepth) {
        Jsons.checkDepth(body, maxDepth);
        WorkspaceJobAnswer job = new WorkspaceJobAnswer();
        try (JsonParser p = Jsons.parser(body)) {
            if (!p.hasNext()) {
                throw new Jsons.MalformedJsonException("body is not valid JSON: no value");
            }
            JsonParser.Event first = p.next();
            if (first != JsonParser.Event.START_OBJECT) {
                if (first != JsonParser.Event.START_ARRAY) {
                    throw new Jsons.MalformedJsonException("body is not valid JSON: not an object or array");
                }
                skip(p, first);
                throw new Jsons.MalformedJsonException("expected a JSON object but got ARRAY");
            }
            while (p.next() == JsonParser.Event.KEY_NAME) {
                String key = p.getString();
                JsonParser.Event e = p.next();
                switch (key) {
                    case "status" -> job.status = scalar(p, e);
                    case "job_error_code" -> job.jobErrorCode = scalar(p, e);
                    case "fail_reason" -> job.failReason = scalar(p, e);
                    case "sub_jobs" -> {
                        if (e == JsonParser.Event.START_ARRAY) {
                            job.subJobs = subJobs(p);
                        } else {
                            skip(p, e);
                            job.subJobs = Map.of(); // as in a tree read: a sub_jobs that is no array is none
                        }
                    }
                    default -> skip(p, e);
                }
            }
            // like the tree reader, nothing after the object is read
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw new Jsons.MalformedJsonException("body is not valid JSON: " + e.getMessage());
        }
        return job;
    }

    private static Map<String, SubJob> subJobs(JsonParser p) {
        Map<String, SubJob> subs = new HashMap<>();
        JsonParser.Event e;
        while ((e = p.next()) != JsonParser.Event.END_ARRAY) {
            if (e != JsonParser.Event.START_OBJECT) {
                skip(p, e);
                continue;
            }
            JsonValue status = null;
            JsonValue errorCode = null;
            JsonValue failReason = null;
            String desktopId = null;
            while (p.next() == JsonParser.Event.KEY_NAME) {
                String key = p.getString();
                JsonParser.Event v = p.next();
                switch (key) {
                    case "status" -> status = scalar(p, v);
                    case "error_code" -> errorCode = scalar(p, v);
                    case "fail_reason" -> failReason = scalar(p, v);
                    case "entities" -> desktopId = v == JsonParser.Event.START_OBJECT ? desktopId(p) : skip(p, v);
                    default -> skip(p, v);
                }
            }
            if (desktopId != null) {
                subs.put(desktopId, new SubJob(status, errorCode, failReason));
            }
        }
        return subs;
    }

    /** The string {@code desktop_id} of an {@code entities} object, after its START_OBJECT; null when none. */
    private static String desktopId(JsonParser p) {
        String id = null;
        while (p.next() == JsonParser.Event.KEY_NAME) {
            String key = p.getString();
            JsonParser.Event v = p.next();
            if (key.equals("desktop_id")) {
                id = v == JsonParser.Event.VALUE_STRING ? p.getString() : skip(p, v);
            } else {
                skip(p, v);
            }
        }
        return id;
    }

    /** A scalar value as the tree would hold it; null (as absent) for an object or array, which is skipped. */
    private static JsonValue scalar(JsonParser p, JsonParser.Event e) {
        return switch (e) {
            case START_OBJECT, START_ARRAY -> skip(p, e);
            default -> p.getValue();
        };
    }

    /** Reads past the value that began with {@code e}, checking its grammar; returns null. */
    private static <T> T skip(JsonParser p, JsonParser.Event e) {
        if (e == JsonParser.Event.START_OBJECT || e == JsonParser.Event.START_ARRAY) {
            int depth = 1;
            while (depth > 0) {
                JsonParser.Event n = p.next();
                if (n == JsonParser.Event.START_OBJECT || n == JsonParser.Event.START_ARRAY) {
                    depth++;
                } else if (n == JsonParser.Event.END_OBJECT || n == JsonParser.Event.END_ARRAY) {
                    depth--;
                }
            }
        }
        return null;
    }

    /** The value as a string when it is one. */
    static String string(JsonValue v) {
        return v instanceof JsonString s ? s.getString() : null;
    }
}
