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

    public static Builder builder() {
        return new Builder();
    }

    public Optional<String> jobId() {
        return Optional.ofNullable(jobId);
    }

    /** The outcomes to match; empty matches all. */
    public Set<Outcome> outcomes() {
        return outcomes;
    }

    public Optional<String> provider() {
        return Optional.ofNullable(provider);
    }

    /** Matches records of this target (kind and id; the target's provider, if any, must match too). */
    public Optional<Target> target() {
        return Optional.ofNullable(target);
    }

    public long offset() {
        return offset;
    }

    public int limit() {
        return limit;
    }

    public Sort sort() {
        return sort;
    }

    /** True when the record passes every filter of this query. */
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
            Target t = r.target();
            if (t.kind() != target.kind() || !t.value().equals(target.value())) {
                return false;
            }
            return target.provider() == null || target.provider().equals(r.provider());
        }
        return true;
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

        public Builder jobId(String jobId) {
            this.jobId = jobId;
            return this;
        }

        /** Adds an outcome to match; calling it several times matches any of them. */
        public Builder outcome(Outcome outcome) {
            if (outcome == null) {
                throw new InvalidRequestException("outcome", "outcome must not be null");
            }
            outcomes.add(outcome);
            return this;
        }

        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        public Builder target(Target target) {
            this.target = target;
            return this;
        }

        public Builder offset(long offset) {
            if (offset < 0) {
                throw new InvalidRequestException("offset", "offset must not be negative but was " + offset);
            }
            this.offset = offset;
            return this;
        }

        /** The page size, 1 to {@value #MAX_LIMIT}; 100 unless set. */
        public Builder limit(int limit) {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new InvalidRequestException("limit", "limit must be between 1 and " + MAX_LIMIT + " but was " + limit);
            }
            this.limit = limit;
            return this;
        }

        public Builder sort(Sort sort) {
            if (sort == null) {
                throw new InvalidRequestException("sort", "sort must not be null");
            }
            this.sort = sort;
            return this;
        }

        public RecordQuery build() {
            return new RecordQuery(this);
        }
    }
}
