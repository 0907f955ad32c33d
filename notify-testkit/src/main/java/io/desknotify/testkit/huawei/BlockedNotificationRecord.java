package io.desknotify.testkit.huawei;

import java.time.Instant;
import java.util.Objects;

/**
 * A Huawei "notification blocking record" (a blocked e-mail or SMS notice), served by
 * {@code GET /v2/{project_id}/users/notification-records}. Either {@code desktopName} or
 * {@code desktopPoolName} is set: the first answers {@code query_type=DESKTOP}, the second
 * {@code query_type=DESKTOP_POOL}.
 *
 * @param type {@code EMAIL} or {@code SMS}
 * @param userName user name
 * @param desktopName desktop name, or {@code null}
 * @param desktopPoolName desktop pool name, or {@code null}
 * @param result sending result, e.g. {@code FAIL}
 * @param errorMessage error message, or {@code null}
 * @param operateTime when it happened
 */
public record BlockedNotificationRecord(String type, String userName, String desktopName, String desktopPoolName,
                                        String result, String errorMessage, Instant operateTime) {

    /**
     * Checks the components.
     *
     * @param type {@code EMAIL} or {@code SMS}
     * @param userName user name
     * @param desktopName desktop name, or {@code null} when {@code desktopPoolName} is set
     * @param desktopPoolName desktop pool name, or {@code null} when {@code desktopName} is set
     * @param result sending result, e.g. {@code FAIL}
     * @param errorMessage error message, or {@code null}
     * @param operateTime when it happened
     * @throws NullPointerException if {@code type}, {@code userName}, {@code result} or {@code operateTime} is
     *     {@code null}
     * @throws IllegalArgumentException if {@code type} is neither {@code EMAIL} nor {@code SMS}, or if not exactly
     *     one of {@code desktopName} and {@code desktopPoolName} is set
     */
    public BlockedNotificationRecord {
        Objects.requireNonNull(type, "type");
        if (!type.equals("EMAIL") && !type.equals("SMS")) {
            throw new IllegalArgumentException("type must be EMAIL or SMS: " + type);
        }
        Objects.requireNonNull(userName, "userName");
        if ((desktopName == null) == (desktopPoolName == null)) {
            throw new IllegalArgumentException("exactly one of desktopName and desktopPoolName must be set");
        }
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(operateTime, "operateTime");
    }
}
