package io.desknotify.transport.http.huawei;

import io.desknotify.transport.http.internal.JsonScanner;
import io.desknotify.transport.http.internal.Jsons;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser.Event;
import java.util.HashMap;
import java.util.Map;

/**
 * What a job poll needs of a {@code GET workspace-jobs/{job_id}} answer, read in one pass with a
 * {@link JsonScanner}: the job's {@code status}, {@code job_error_code} and {@code fail_reason}, and of each object in
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

    private static final JsonValue SUCCESS = Jsons.provider().createValue("SUCCESS");

    JsonValue status;
    JsonValue jobErrorCode;
    JsonValue failReason;
    /** The sub-jobs by desktop id; empty when the answer has no {@code sub_jobs} array; null until asked for. */
    private Map<String, SubJob> subJobs = Map.of();
    /** Whether some sub-job's {@code status} is the string {@code FAILED}. */
    private boolean anySubJobFailed;
    private final byte[] body;
    private final int maxDepth;

    private WorkspaceJobAnswer(byte[] body, int maxDepth) {
        this.body = body;
        this.maxDepth = maxDepth;
    }

    /**
     * Whether a sub-job may have failed: false only when no sub-job's status is {@code FAILED}, so that a poll of
     * a job that succeeded whole need not look at its sub-jobs one by one.
     */
    boolean anySubJobFailed() {
        return anySubJobFailed;
    }

    /**
     * The sub-jobs by desktop id, read from the answer when first asked for (a job that succeeded whole never is).
     *
     * @return the map; empty when the answer has no {@code sub_jobs} array
     */
    Map<String, SubJob> subJobs() {
        if (subJobs == null) {
            subJobs = read(body, maxDepth, true).subJobs;
        }
        return subJobs;
    }

    /**
     * Parses a job answer.
     *
     * @throws Jsons.MalformedJsonException when the body is not JSON, not an object, or nested deeper than allowed
     */
    static WorkspaceJobAnswer parse(byte[] body, int maxDepth) {
        return read(body, maxDepth, false);
    }

    private static WorkspaceJobAnswer read(byte[] body, int maxDepth, boolean bySubJob) {
        WorkspaceJobAnswer job = new WorkspaceJobAnswer(body, maxDepth);
        JsonScanner p = new JsonScanner(body, maxDepth);
        Event first = p.next();
        if (first != Event.START_OBJECT) {
            if (first != Event.START_ARRAY) {
                throw new Jsons.MalformedJsonException("body is not valid JSON: not an object or array");
            }
            p.skip(first);
            throw new Jsons.MalformedJsonException("expected a JSON object but got ARRAY");
        }
        // like the tree read, nothing after the object is read
        while (p.next() == Event.KEY_NAME) {
            if (p.is("status")) {
                job.status = scalar(p, p.next());
            } else if (p.is("job_error_code")) {
                job.jobErrorCode = scalar(p, p.next());
            } else if (p.is("fail_reason")) {
                job.failReason = scalar(p, p.next());
            } else if (p.is("sub_jobs")) {
                Event e = p.next();
                if (e == Event.START_ARRAY) {
                    if (bySubJob) {
                        job.subJobs = subJobs(p);
                    } else {
                        job.anySubJobFailed = anyFailed(p);
                        job.subJobs = null; // read again when asked for: a later sub_jobs member wins
                    }
                } else {
                    job.anySubJobFailed = false;
                    p.skip(e);
                    job.subJobs = Map.of(); // as in a tree read: a sub_jobs that is no array is none
                }
            } else {
                p.skip(p.next());
            }
        }
        return job;
    }

    /**
     * Scans a {@code sub_jobs} array after its START_ARRAY as strictly as {@link #subJobs} does, keeping only whether
     * a sub-job's {@code status} is {@code FAILED}.
     */
    private static boolean anyFailed(JsonScanner p) {
        boolean failed = false;
        Event e;
        while ((e = p.next()) != Event.END_ARRAY) {
            if (e != Event.START_OBJECT) {
                p.skip(e);
                continue;
            }
            while (p.next() == Event.KEY_NAME) {
                boolean status = p.is("status");
                Event v = p.next();
                if (status && v == Event.VALUE_STRING && p.is("FAILED")) {
                    failed = true;
                }
                p.skip(v);
            }
        }
        return failed;
    }

    private static Map<String, SubJob> subJobs(JsonScanner p) {
        // sized for a full batch (the API takes at most 100 desktops a call) so that reading one never rehashes
        Map<String, SubJob> subs = new HashMap<>(256);
        Event e;
        while ((e = p.next()) != Event.END_ARRAY) {
            if (e != Event.START_OBJECT) {
                p.skip(e);
                continue;
            }
            JsonValue status = null;
            JsonValue errorCode = null;
            JsonValue failReason = null;
            String desktopId = null;
            while (p.next() == Event.KEY_NAME) {
                if (p.is("status")) {
                    status = scalar(p, p.next());
                } else if (p.is("error_code")) {
                    errorCode = scalar(p, p.next());
                } else if (p.is("fail_reason")) {
                    failReason = scalar(p, p.next());
                } else if (p.is("entities")) {
                    Event v = p.next();
                    if (v == Event.START_OBJECT) {
                        desktopId = desktopId(p);
                    } else {
                        p.skip(v);
                        desktopId = null;
                    }
                } else {
                    p.skip(p.next());
                }
            }
            if (desktopId != null) {
                subs.put(desktopId, new SubJob(status, errorCode, failReason));
            }
        }
        return subs;
    }

    /** The string {@code desktop_id} of an {@code entities} object, after its START_OBJECT; null when none. */
    private static String desktopId(JsonScanner p) {
        String id = null;
        while (p.next() == Event.KEY_NAME) {
            boolean wanted = p.is("desktop_id");
            Event v = p.next();
            if (wanted) {
                id = v == Event.VALUE_STRING ? p.getString() : null;
            }
            p.skip(v);
        }
        return id;
    }

    /** A scalar value as the tree would hold it; null (as absent) for an object or array, which is skipped. */
    private static JsonValue scalar(JsonScanner p, Event e) {
        if (e == Event.START_OBJECT || e == Event.START_ARRAY) {
            p.skip(e);
            return null;
        }
        // the two texts a poll compares, shared rather than made per sub-job
        if (e == Event.VALUE_STRING && p.is("SUCCESS")) {
            return SUCCESS;
        }
        return p.getValue();
    }

    /** The value as a string when it is one. */
    static String string(JsonValue v) {
        return v instanceof JsonString s ? s.getString() : null;
    }
}
