package io.desknotify.api.spi;

import io.desknotify.api.TargetKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What a transport can do: which target kinds it delivers to directly and in batches of what size, which it can
 * resolve, how long a message may be and what it does with severity and title. Immutable.
 */
public final class TransportCapabilities {

    /** What a transport does with {@link io.desknotify.api.Severity}. */
    public enum SeveritySupport {
        /** The provider has a message type that carries the severity. */
        NATIVE,
        /** The provider has none; the severity is written in front of the text. */
        PREFIXED,
        /** The provider has none; the severity is not sent. */
        DROPPED
    }

    /** What a transport does with a {@linkplain io.desknotify.api.Notification#title() notification's title}. */
    public enum TitleSupport {
        /**
         * The provider shows a title of its own (Azure Virtual Desktop, Citrix); it may be at most
         * {@link TransportCapabilities#maxTitleLength()} UTF-16 chars long.
         */
        NATIVE,
        /**
         * The provider has no title; the title is written as the first line of the text, so the title, a newline
         * and the message together may be at most {@link TransportCapabilities#maxMessageLength()} long.
         */
        PREFIXED,
        /** The provider has no title; the title is not sent and the desktop shows the message alone. */
        DROPPED
    }

    private final Map<TargetKind, Integer> maxBatchSizes;
    private final Set<TargetKind> resolvableKinds;
    private final boolean filtersConnected;
    private final int maxMessageLength;
    private final SeveritySupport severitySupport;
    private final TitleSupport titleSupport;
    private final int maxTitleLength;

    private TransportCapabilities(Builder b) {
        this.maxBatchSizes = Collections.unmodifiableMap(new EnumMap<>(b.maxBatchSizes));
        this.resolvableKinds = Collections.unmodifiableSet(b.resolvableKinds.isEmpty()
                ? EnumSet.noneOf(TargetKind.class) : EnumSet.copyOf(b.resolvableKinds));
        this.filtersConnected = b.filtersConnected;
        this.maxMessageLength = b.maxMessageLength;
        this.severitySupport = b.severitySupport;
        this.titleSupport = b.titleSupport;
        this.maxTitleLength = b.maxTitleLength;
    }

    /**
     * Starts capabilities: no kind, message length 1024, severity {@link SeveritySupport#DROPPED}, title
     * {@link TitleSupport#DROPPED} (title length 256).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Kinds delivered directly by {@link Transport#deliver}.
     *
     * @return the native kinds, unmodifiable
     */
    public Set<TargetKind> nativeKinds() {
        return maxBatchSizes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(maxBatchSizes.keySet()));
    }

    /**
     * Whether a kind is delivered directly.
     *
     * @param kind the kind
     * @return true when it is native
     */
    public boolean isNative(TargetKind kind) {
        return maxBatchSizes.containsKey(kind);
    }

    /**
     * The most targets of the given native kind one {@link Batch} may hold.
     *
     * @param kind a native kind
     * @return the batch size
     * @throws IllegalArgumentException when the kind is not native
     */
    public int maxBatchSize(TargetKind kind) {
        Integer size = maxBatchSizes.get(kind);
        if (size == null) {
            throw new IllegalArgumentException(kind + " is not a native kind of this transport");
        }
        return size;
    }

    /**
     * Kinds {@link Transport#resolve} turns into native ones.
     *
     * @return the resolvable kinds, unmodifiable
     */
    public Set<TargetKind> resolvableKinds() {
        return resolvableKinds;
    }

    /**
     * True when {@link Transport#resolve} can keep only targets that are connected now.
     *
     * @return whether the transport filters connections
     */
    public boolean filtersConnected() {
        return filtersConnected;
    }

    /**
     * True when the kind is delivered directly or can be resolved.
     *
     * @param kind the kind
     * @return whether targets of this kind can be sent to
     */
    public boolean reaches(TargetKind kind) {
        return isNative(kind) || resolvableKinds.contains(kind);
    }

    /**
     * The longest message the provider accepts, in UTF-16 chars ({@link String#length()}), the unit in which
     * the notifier checks it; a character outside the Basic Multilingual Plane counts 2.
     *
     * @return the most UTF-16 chars a message may have
     */
    public int maxMessageLength() {
        return maxMessageLength;
    }

    /**
     * What the transport does with a notification's severity. {@link SeveritySupport#DROPPED} means the desktop
     * shows no severity at all (Huawei Workspace by default).
     *
     * @return the severity support
     */
    public SeveritySupport severitySupport() {
        return severitySupport;
    }

    /**
     * What the transport does with a notification's title. {@link TitleSupport#DROPPED} means the desktop shows
     * the message without it (Huawei Workspace and Horizon, which have no title).
     *
     * @return the title support
     */
    public TitleSupport titleSupport() {
        return titleSupport;
    }

    /**
     * The longest title the provider shows, in UTF-16 chars; the notifier checks it when
     * {@link #titleSupport()} is {@link TitleSupport#NATIVE}.
     *
     * @return the most UTF-16 chars a title may have
     */
    public int maxTitleLength() {
        return maxTitleLength;
    }

    @Override
    public String toString() {
        return "TransportCapabilities{maxBatchSizes=" + maxBatchSizes + ", resolvableKinds=" + resolvableKinds
                + ", filtersConnected=" + filtersConnected + ", maxMessageLength=" + maxMessageLength
                + ", severitySupport=" + severitySupport + ", titleSupport=" + titleSupport
                + ", maxTitleLength=" + maxTitleLength + '}';
    }

    /** Builds {@link TransportCapabilities}. Not thread-safe. */
    public static final class Builder {
        private final Map<TargetKind, Integer> maxBatchSizes = new EnumMap<>(TargetKind.class);
        private final Set<TargetKind> resolvableKinds = EnumSet.noneOf(TargetKind.class);
        private boolean filtersConnected;
        private int maxMessageLength = 1024;
        private SeveritySupport severitySupport = SeveritySupport.DROPPED;
        private TitleSupport titleSupport = TitleSupport.DROPPED;
        private int maxTitleLength = 256;

        private Builder() {
        }

        /**
         * Declares a natively delivered kind and the most targets of it one batch may hold.
         *
         * @param kind         the kind
         * @param maxBatchSize at least 1
         * @return this builder
         * @throws IllegalArgumentException when the kind is null or the size less than 1
         */
        public Builder nativeKind(TargetKind kind, int maxBatchSize) {
            if (kind == null) {
                throw new IllegalArgumentException("kind must not be null");
            }
            if (maxBatchSize < 1) {
                throw new IllegalArgumentException("maxBatchSize must be at least 1 but was " + maxBatchSize);
            }
            maxBatchSizes.put(kind, maxBatchSize);
            return this;
        }

        /**
         * Declares a kind {@link Transport#resolve} turns into native ones.
         *
         * @param kind the kind
         * @return this builder
         * @throws IllegalArgumentException when null
         */
        public Builder resolvableKind(TargetKind kind) {
            if (kind == null) {
                throw new IllegalArgumentException("kind must not be null");
            }
            resolvableKinds.add(kind);
            return this;
        }

        /**
         * Declares whether {@link Transport#resolve} can keep only connected targets.
         *
         * @param filtersConnected whether it can
         * @return this builder
         */
        public Builder filtersConnected(boolean filtersConnected) {
            this.filtersConnected = filtersConnected;
            return this;
        }

        /**
         * The longest message the provider accepts, in UTF-16 chars; 1024 unless set.
         *
         * @param maxMessageLength at least 1
         * @return this builder
         * @throws IllegalArgumentException when less than 1
         */
        public Builder maxMessageLength(int maxMessageLength) {
            if (maxMessageLength < 1) {
                throw new IllegalArgumentException("maxMessageLength must be at least 1 but was " + maxMessageLength);
            }
            this.maxMessageLength = maxMessageLength;
            return this;
        }

        /**
         * What the transport does with severity; {@link SeveritySupport#DROPPED} unless set.
         *
         * @param severitySupport the support
         * @return this builder
         * @throws IllegalArgumentException when null
         */
        public Builder severitySupport(SeveritySupport severitySupport) {
            if (severitySupport == null) {
                throw new IllegalArgumentException("severitySupport must not be null");
            }
            this.severitySupport = severitySupport;
            return this;
        }

        /**
         * What the transport does with a title; {@link TitleSupport#DROPPED} unless set.
         *
         * @param titleSupport the support
         * @return this builder
         * @throws IllegalArgumentException when null
         */
        public Builder titleSupport(TitleSupport titleSupport) {
            if (titleSupport == null) {
                throw new IllegalArgumentException("titleSupport must not be null");
            }
            this.titleSupport = titleSupport;
            return this;
        }

        /**
         * The longest title the provider shows, in UTF-16 chars; 256 unless set.
         *
         * @param maxTitleLength at least 1
         * @return this builder
         * @throws IllegalArgumentException when less than 1
         */
        public Builder maxTitleLength(int maxTitleLength) {
            if (maxTitleLength < 1) {
                throw new IllegalArgumentException("maxTitleLength must be at least 1 but was " + maxTitleLength);
            }
            this.maxTitleLength = maxTitleLength;
            return this;
        }

        /**
         * Builds the capabilities.
         *
         * @return the capabilities
         * @throws IllegalStateException when no kind is native or a kind is both native and resolvable
         */
        public TransportCapabilities build() {
            if (maxBatchSizes.isEmpty()) {
                throw new IllegalStateException("a transport must deliver at least one native kind");
            }
            for (TargetKind k : resolvableKinds) {
                if (maxBatchSizes.containsKey(k)) {
                    throw new IllegalStateException(k + " cannot be both native and resolvable");
                }
            }
            return new TransportCapabilities(this);
        }
    }
}
