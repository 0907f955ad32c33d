package io.desknotify.testkit.huawei;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A notification job and its sub-jobs, one per desktop. */
final class HuaweiJob {

    record SubJob(String id, String desktopId, String errorCode, String failReason) {
        boolean failed() {
            return errorCode != null;
        }
    }

    final String id;
    final Instant begin;
    final Instant doneAt;
    final int pollsBeforeDone;
    final List<SubJob> subJobs;
    final AtomicInteger polls = new AtomicInteger();

    HuaweiJob(String id, Instant begin, Instant doneAt, int pollsBeforeDone, List<SubJob> subJobs) {
        this.id = id;
        this.begin = begin;
        this.doneAt = doneAt;
        this.pollsBeforeDone = pollsBeforeDone;
        this.subJobs = List.copyOf(subJobs);
    }

    boolean anyFailed() {
        for (SubJob s : subJobs) {
            if (s.failed()) {
                return true;
            }
        }
        return false;
    }
}
