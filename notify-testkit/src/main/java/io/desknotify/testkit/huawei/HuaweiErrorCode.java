package io.desknotify.testkit.huawei;

import java.util.Objects;

/**
 * Refusals of the Huawei Workspace emulator for which Huawei documents no error code, and the code each is answered
 * with by default. The Workspace API reference lists one general code, {@code WKS.0001} ("the request message input
 * by the interface is empty", HTTP 400), which the emulator answers to an empty request body; for a parameter out of
 * range, an unknown pool or job, or a failed sub-job it documents none. So that no test mistakes an invented code
 * for Huawei's, the defaults start with {@code EMULATOR.}; a test that models a code seen on a real server sets it
 * with {@link HuaweiWorkspaceEmulator.Builder#errorCode}.
 */
public enum HuaweiErrorCode {
    /** HTTP 400: a parameter or body field outside the reference (range, type, unknown name). */
    INVALID_PARAMETER("EMULATOR.INVALID_PARAMETER"),
    /** HTTP 404: the project id in the path is not the emulator's. */
    PROJECT_NOT_FOUND("EMULATOR.PROJECT_NOT_FOUND"),
    /** HTTP 404: no desktop pool has the id in the path. */
    POOL_NOT_FOUND("EMULATOR.POOL_NOT_FOUND"),
    /** HTTP 404: no job has the id in the path. */
    JOB_NOT_FOUND("EMULATOR.JOB_NOT_FOUND"),
    /** A sub-job's {@code error_code}: the desktop id of a send is not in the inventory. */
    DESKTOP_NOT_FOUND("EMULATOR.DESKTOP_NOT_FOUND"),
    /** A sub-job's {@code error_code}: an injected per-desktop failure. */
    SEND_FAILED("EMULATOR.SEND_FAILED"),
    /** HTTP 500, for an injected server error. */
    INTERNAL_ERROR("EMULATOR.INTERNAL_ERROR"),
    /** HTTP 503, for an injected "service unavailable". */
    UNAVAILABLE("EMULATOR.UNAVAILABLE");

    private final String defaultCode;

    HuaweiErrorCode(String defaultCode) {
        this.defaultCode = Objects.requireNonNull(defaultCode);
    }

    /** @return the code answered unless the builder sets another */
    public String defaultCode() {
        return defaultCode;
    }
}
