package io.desknotify.api.spi;

import io.desknotify.api.InvalidRequestException;
import io.desknotify.api.TargetKind;
import java.util.Optional;

/**
 * A query over a provider's own notification records (e.g. Huawei Workspace's notification blocking records).
 * Immutable.
 */
public final class ProviderRecordQuery {
    private final TargetKind scope;
    private final String targetName;
    private final String userName;
    private final String channel;
    private final long offset;
    private final int limit;
    private final boolean newestFirst;

    private ProviderRecordQuery(Builder b) {
        this.scope = b.scope;
        this.targetName = b.targetName;
        this.userName = b.userName;
        this.channel = b.channel;
        this.offset = b.offset;
        this.limit = b.limit;
        this.newestFirst = b.newestFirst;
    }

    /** A query of records about the given scope, DESKTOP or DESKTOP_POOL. */
    public static Builder builder(TargetKind scope) {
        return new Builder(scope);
    }

    public TargetKind scope() {
        return scope;
    }

    /** Desktop name or pool name to match. */
    public Optional<String> targetName() {
        return Optional.ofNullable(targetName);
    }

    public Optional<String> userName() {
        return Optional.ofNullable(userName);
    }

    /** The notice channel to match, e.g. {@code EMAIL} or {@code SMS}. */
    public Optional<String> channel() {
        return Optional.ofNullable(channel);
    }

    public long offset() {
        return offset;
    }

    public int limit() {
        return limit;
    }

    public boolean newestFirst() {
        return newestFirst;
    }

    @Override
    public String toString() {
        return "ProviderRecordQuery{scope=" + scope + ", targetName=" + targetName + ", userName=" + userName
                + ", channel=" + channel + ", offset=" + offset + ", limit=" + limit + ", newestFirst=" + newestFirst
                + '}';
    }

    /** Builds {@link ProviderRecordQuery}s. Not thread-safe. */
    public static final class Builder {
        private final TargetKind scope;
        private String targetName;
        private String userName;
        private String channel;
        private long offset;
        private int limit = 100;
        private boolean newestFirst = true;

        private Builder(TargetKind scope) {
            if (scope != TargetKind.DESKTOP && scope != TargetKind.DESKTOP_POOL) {
                throw new InvalidRequestException("scope", "scope must be DESKTOP or DESKTOP_POOL but was " + scope);
            }
            this.scope = scope;
        }

        public Builder targetName(String targetName) {
            this.targetName = targetName;
            return this;
        }

        public Builder userName(String userName) {
            this.userName = userName;
            return this;
        }

        public Builder channel(String channel) {
            this.channel = channel;
            return this;
        }

        public Builder offset(long offset) {
            if (offset < 0) {
                throw new InvalidRequestException("offset", "offset must not be negative but was " + offset);
            }
            this.offset = offset;
            return this;
        }

        /** Page size, 1 to 1000. */
        public Builder limit(int limit) {
            if (limit < 1 || limit > 1000) {
                throw new InvalidRequestException("limit", "limit must be between 1 and 1000 but was " + limit);
            }
            this.limit = limit;
            return this;
        }

        public Builder newestFirst(boolean newestFirst) {
            this.newestFirst = newestFirst;
            return this;
        }

        public ProviderRecordQuery build() {
            return new ProviderRecordQuery(this);
        }
    }
}
