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

    /**
     * A query of records about the given scope.
     *
     * @param scope DESKTOP or DESKTOP_POOL
     * @return a new builder
     * @throws io.desknotify.api.InvalidRequestException with field {@code scope} for another kind
     */
    public static Builder builder(TargetKind scope) {
        return new Builder(scope);
    }

    /**
     * The scope of the records.
     *
     * @return DESKTOP or DESKTOP_POOL
     */
    public TargetKind scope() {
        return scope;
    }

    /**
     * Desktop name or pool name to match.
     *
     * @return the name, or empty
     */
    public Optional<String> targetName() {
        return Optional.ofNullable(targetName);
    }

    /**
     * The user name to match.
     *
     * @return the name, or empty
     */
    public Optional<String> userName() {
        return Optional.ofNullable(userName);
    }

    /**
     * The notice channel to match, e.g. {@code EMAIL} or {@code SMS}.
     *
     * @return the channel, or empty
     */
    public Optional<String> channel() {
        return Optional.ofNullable(channel);
    }

    /**
     * The position of the first record to return.
     *
     * @return the offset
     */
    public long offset() {
        return offset;
    }

    /**
     * The page size.
     *
     * @return 1 to 1000
     */
    public int limit() {
        return limit;
    }

    /**
     * The order of results.
     *
     * @return true for newest first
     */
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

        /**
         * Sets the targetName filter or order.
         *
         * @param targetName the desktop or pool name, or {@code null} for any
         * @return this builder
         */
        public Builder targetName(String targetName) {
            this.targetName = targetName;
            return this;
        }

        /**
         * Sets the userName filter or order.
         *
         * @param userName the user name, or {@code null} for any
         * @return this builder
         */
        public Builder userName(String userName) {
            this.userName = userName;
            return this;
        }

        /**
         * Sets the channel filter or order.
         *
         * @param channel {@code EMAIL}, {@code SMS}, or {@code null} for any
         * @return this builder
         */
        public Builder channel(String channel) {
            this.channel = channel;
            return this;
        }

        /**
         * Skips this many records.
         *
         * @param offset not negative
         * @return this builder
         * @throws io.desknotify.api.InvalidRequestException with field {@code offset} when negative
         */
        public Builder offset(long offset) {
            if (offset < 0) {
                throw new InvalidRequestException("offset", "offset must not be negative but was " + offset);
            }
            this.offset = offset;
            return this;
        }

        /**
         * Page size; 100 unless set.
         *
         * @param limit 1 to 1000
         * @return this builder
         * @throws io.desknotify.api.InvalidRequestException with field {@code limit} when out of range
         */
        public Builder limit(int limit) {
            if (limit < 1 || limit > 1000) {
                throw new InvalidRequestException("limit", "limit must be between 1 and 1000 but was " + limit);
            }
            this.limit = limit;
            return this;
        }

        /**
         * Sets the newestFirst filter or order.
         *
         * @param newestFirst true (the default) for newest first
         * @return this builder
         */
        public Builder newestFirst(boolean newestFirst) {
            this.newestFirst = newestFirst;
            return this;
        }

        /**
         * Builds the query.
         *
         * @return the query
         */
        public ProviderRecordQuery build() {
            return new ProviderRecordQuery(this);
        }
    }
}
