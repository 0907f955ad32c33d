package io.desknotify.api;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A query over delivery records: filters (all optional, combined with AND), paging and sort. Immutable.
 *
 * <pre>{@code
 * Page<DeliveryRecord> failed = notifier.records(RecordQuery.builder()
 *     .jobId(job.id()).outcome(Outcome.FAILED).offset(0).limit(100).build());
 * }</pre>
 */
public final class RecordQuery {
    /** The largest page a query may ask for. */
    public static final int MAX_LIMIT = 10_000;

    /** The order of results. */
    public enum Sort {
        /** The order in which targets were recorded (stable across pages). */
        RECORDED,
        /** Most recently updated first; ties in record order. */
        UPDATED_DESC,
        /** Least recently updated first; ties in record order. */
        UPDATED_ASC
    }

    private final String jobId;
    private final Set<Outcome> outcomes;
    private final String provider;
    private final Target target;
    private final long offset;
    private final int limit;
    private final Sort sort;

    private RecordQuery(Builder b) {
        this.jobId = b.jobId;
        this.outcomes = b.outcomes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(b.outcomes));
        this.provider = b.provider;
        this.target = b.target;
        this.offset = b.offset;
        this.limit = b.limit;
        this.sort = b.sort;
    }

    /**
     * Starts a query that matches every record, first page of 100, in record order.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The job whose records to match.
     *
     * @return the job id, or empty to match every job
     */
    public Optional<String> jobId() {
        return Optional.ofNullable(jobId);
    }

    /**
     * The outcomes to match.
     *
     * @return the outcomes, unmodifiable; empty matches all
     */
    public Set<Outcome> outcomes() {
        return outcomes;
    }

    /**
     * The provider whose records to match.
     *
     * @return the provider name, or empty to match every provider
     */
    public Optional<String> provider() {
        return Optional.ofNullable(provider);
    }

    /**
     * Matches records of this target by kind and id, as delivered ({@link DeliveryRecord#target()}) or as
     * requested ({@link DeliveryRecord#requestedTarget()}): {@code Target.user("zhangsan")} finds the records of
     * the desktops or sessions that user was resolved to. The target's provider, if it names one, must match
     * the record's too.
     *
     * @return the target, or empty to match every target
     */
    public Optional<Target> target() {
        return Optional.ofNullable(target);
    }

    /**
     * The position of the first result to return.
     *
     * @return the offset, from 0
     */
    public long offset() {
        return offset;
    }

    /**
     * The most results to return.
     *
     * @return the page size, 1 to {@value #MAX_LIMIT}
     */
    public int limit() {
        return limit;
    }

    /**
     * The order of results.
     *
     * @return the sort order
     */
    public Sort sort() {
        return sort;
    }

    /**
     * Whether a record passes every filter of this query (paging aside).
     *
     * @param r the record
     * @return true when it matches
     */
    public boolean matches(DeliveryRecord r) {
        if (jobId != null && !jobId.equals(r.jobId())) {
            return false;
        }
        if (!outcomes.isEmpty() && !outcomes.contains(r.outcome())) {
            return false;
        }
        if (provider != null && !provider.equals(r.provider())) {
            return false;
        }
        if (target != null) {
            if (!sameTarget(r.target()) && !sameTarget(r.requestedTarget())) {
                return false;
            }
            return target.provider() == null || target.provider().equals(r.provider());
        }
        return true;
    }

    private boolean sameTarget(Target t) {
        return t.kind() == target.kind() && t.value().equals(target.value());
    }

    @Override
    public String toString() {
        return "RecordQuery{jobId=" + jobId + ", outcomes=" + outcomes + ", provider=" + provider + ", target="
                + target + ", offset=" + offset + ", limit=" + limit + ", sort=" + sort + '}';
    }

    /** Builds {@link RecordQuery}s. Not thread-safe. */
    public static final class Builder {
        private String jobId;
        private final Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
        private String provider;
        private Target target;
        private long offset;
        private int limit = 100;
        private Sort sort = Sort.RECORDED;

        private Builder() {
        }

        /**
         * Matches only the records of one job.
         *
         * @param jobId the job id, or {@code null} for every job
         * @return this builder
         */
        public Builder jobId(String jobId) {
            this.jobId = jobId;
            return this;
        }

        /**
         * Adds an outcome to match; calling it several times matches any of them.
         *
         * @param outcome the outcome, not null
         * @return this builder
         * @throws InvalidRequestException with field {@code outcome} when null
         */
        public Builder outcome(Outcome outcome) {
            if (outcome == null) {
                throw new InvalidRequestException("outcome", "outcome must not be null");
            }
            outcomes.add(outcome);
            return this;
        }

        /**
         * Matches only the records of one provider.
         *
         * @param provider the provider name, or {@code null} for every provider
         * @return this builder
         */
        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        /**
         * Matches only the records of one target, as delivered or as requested (see {@link RecordQuery#target()}).
         *
         * @param target the target, or {@code null} for every target
         * @return this builder
         */
        public Builder target(Target target) {
            this.target = target;
            return this;
        }

        /**
         * Skips this many results.
         *
         * @param offset the offset, not negative
         * @return this builder
         * @throws InvalidRequestException with field {@code offset} when negative
         */
        public Builder offset(long offset) {
            if (offset < 0) {
                throw new InvalidRequestException("offset", "offset must not be negative but was " + offset);
            }
            this.offset = offset;
            return this;
        }

        /**
         * The page size; 100 unless set.
         *
         * @param limit 1 to {@value #MAX_LIMIT}
         * @return this builder
         * @throws InvalidRequestException with field {@code limit} when out of range
         */
        public Builder limit(int limit) {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new InvalidRequestException("limit", "limit must be between 1 and " + MAX_LIMIT + " but was " + limit);
            }
            this.limit = limit;
            return this;
        }

        /**
         * The order of results; {@link Sort#RECORDED} unless set.
         *
         * @param sort the order, not null
         * @return this builder
         * @throws InvalidRequestException with field {@code sort} when null
         */
        public Builder sort(Sort sort) {
            if (sort == null) {
                throw new InvalidRequestException("sort", "sort must not be null");
            }
            this.sort = sort;
            return this;
        }

        /**
         * Builds the query.
         *
         * @return the immutable query
         */
        public RecordQuery build() {
            return new RecordQuery(this);
        }
    }
}
