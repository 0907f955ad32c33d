package io.desknotify.testkit;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A request-rate limit an emulator enforces, as providers' gateways do: a request over the limit is answered 429 in
 * the provider's own words (its error body and its retry header, see each emulator's documentation) and is not
 * processed. Give limits to an emulator with {@link EmulatorBuilder#requestLimit(RequestLimit)}.
 *
 * <p>Three kinds model what providers document:
 * <ul>
 *   <li>{@link #fixedWindow(int) fixed window}: at most {@code max} requests per window; the window starts with the
 *       first request after the previous one ended (what a gateway with a per-second quota does);</li>
 *   <li>{@link #slidingWindow(int) sliding window}: at most {@code max} requests within any span of one window
 *       length, so a burst at the end of one second and the start of the next is refused;</li>
 *   <li>{@link #tokenBucket(int, double) token bucket}: a bucket of {@code capacity} tokens, full at the start,
 *       refilled continuously at {@code refillPerSecond}; each request takes one token. This is how Azure Resource
 *       Manager limits requests per subscription and principal (for writes a bucket of about 200 refilled by 10 a
 *       second: {@code tokenBucket(200, 10).writesOnly()}).</li>
 * </ul>
 * A limit applies to every route of the emulator unless narrowed with {@link #onRoutes} or {@link #writesOnly()}.
 * A refused request takes nothing from any limit; a request is admitted only when every limit that applies to it
 * admits it. Time is the emulator's {@linkplain EmulatorBuilder#clock clock}, so a test moving a clock by hand
 * decides when windows end and buckets refill. The retry delay answered is the time until the limit would admit
 * the request, rounded up to whole seconds, at least one.
 *
 * <p>Instances are immutable and thread-safe; the state of a limit lives in the emulator it was given to.
 */
public final class RequestLimit {

    /** The algorithm of a limit. */
    public enum Kind {
        /** At most {@code capacity} requests per window, the window starting with its first request. */
        FIXED_WINDOW,
        /** At most {@code capacity} requests within any span of one window length. */
        SLIDING_WINDOW,
        /** A bucket of {@code capacity} tokens refilled at {@code refillPerSecond}; a request takes one. */
        TOKEN_BUCKET
    }

    /** The methods Azure Resource Manager counts as writes. */
    private static final Set<String> WRITE_METHODS = Set.of("PUT", "POST", "PATCH", "DELETE");

    private final Kind kind;
    private final int capacity;
    private final Duration window;
    private final double refillPerSecond;
    /** Empty: every route. */
    private final Set<Route> routes;
    private final boolean writesOnly;

    private RequestLimit(Kind kind, int capacity, Duration window, double refillPerSecond, Set<Route> routes,
                         boolean writesOnly) {
        this.kind = kind;
        this.capacity = capacity;
        this.window = window;
        this.refillPerSecond = refillPerSecond;
        this.routes = routes;
        this.writesOnly = writesOnly;
    }

    /**
     * @param perSecond most requests per one-second window, at least 1
     * @return a fixed-window limit
     * @throws IllegalArgumentException if {@code perSecond} is below 1
     */
    public static RequestLimit fixedWindow(int perSecond) {
        return fixedWindow(perSecond, Duration.ofSeconds(1));
    }

    /**
     * @param max most requests per window, at least 1
     * @param window the window length, positive
     * @return a fixed-window limit
     * @throws IllegalArgumentException if {@code max} is below 1 or {@code window} is not positive
     */
    public static RequestLimit fixedWindow(int max, Duration window) {
        return new RequestLimit(Kind.FIXED_WINDOW, atLeastOne(max, "max"), positive(window), 0.0, Set.of(), false);
    }

    /**
     * @param perSecond most requests within any one second, at least 1
     * @return a sliding-window limit
     * @throws IllegalArgumentException if {@code perSecond} is below 1
     */
    public static RequestLimit slidingWindow(int perSecond) {
        return slidingWindow(perSecond, Duration.ofSeconds(1));
    }

    /**
     * @param max most requests within any span of {@code window}, at least 1
     * @param window the window length, positive
     * @return a sliding-window limit
     * @throws IllegalArgumentException if {@code max} is below 1 or {@code window} is not positive
     */
    public static RequestLimit slidingWindow(int max, Duration window) {
        return new RequestLimit(Kind.SLIDING_WINDOW, atLeastOne(max, "max"), positive(window), 0.0, Set.of(),
                false);
    }

    /**
     * @param capacity tokens the bucket holds, and holds at the start, at least 1
     * @param refillPerSecond tokens added per second, positive and finite
     * @return a token-bucket limit
     * @throws IllegalArgumentException if {@code capacity} is below 1 or {@code refillPerSecond} is not positive
     */
    public static RequestLimit tokenBucket(int capacity, double refillPerSecond) {
        if (!(refillPerSecond > 0.0) || Double.isInfinite(refillPerSecond)) {
            throw new IllegalArgumentException("refillPerSecond must be positive and finite: " + refillPerSecond);
        }
        return new RequestLimit(Kind.TOKEN_BUCKET, atLeastOne(capacity, "capacity"), null, refillPerSecond,
                Set.of(), false);
    }

    /**
     * @param routes the routes this limit counts and refuses; others pass untouched
     * @return a copy of this limit narrowed to those routes
     * @throws IllegalArgumentException if {@code routes} is empty
     * @throws NullPointerException if {@code routes} or one of them is null
     */
    public RequestLimit onRoutes(Collection<Route> routes) {
        Objects.requireNonNull(routes, "routes");
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("routes must not be empty");
        }
        routes.forEach(r -> Objects.requireNonNull(r, "routes element"));
        return new RequestLimit(kind, capacity, window, refillPerSecond, Set.copyOf(EnumSet.copyOf(routes)),
                writesOnly);
    }

    /**
     * @param routes the routes this limit counts and refuses; others pass untouched
     * @return a copy of this limit narrowed to those routes
     * @throws IllegalArgumentException if no route is given
     * @throws NullPointerException if a route is null
     */
    public RequestLimit onRoutes(Route... routes) {
        return onRoutes(java.util.Arrays.asList(Objects.requireNonNull(routes, "routes")));
    }

    /**
     * @return a copy of this limit that counts and refuses only writes: routes whose method is {@code PUT},
     *     {@code POST}, {@code PATCH} or {@code DELETE} (how Azure Resource Manager splits reads from writes);
     *     combined with {@link #onRoutes}, only the writes among those routes
     */
    public RequestLimit writesOnly() {
        return new RequestLimit(kind, capacity, window, refillPerSecond, routes, true);
    }

    /**
     * @param route a matched route
     * @return true when this limit counts requests on that route
     */
    public boolean appliesTo(Route route) {
        Objects.requireNonNull(route, "route");
        return (routes.isEmpty() || routes.contains(route))
                && (!writesOnly || WRITE_METHODS.contains(route.method().toUpperCase(Locale.ROOT)));
    }

    /** @return the algorithm */
    public Kind kind() {
        return kind;
    }

    /** @return requests per window, or the bucket's capacity */
    public int capacity() {
        return capacity;
    }

    /** @return the window length; {@code null} for a token bucket */
    public Duration window() {
        return window;
    }

    /** @return tokens added per second; 0 for the window kinds */
    public double refillPerSecond() {
        return refillPerSecond;
    }

    /** @return the routes the limit is narrowed to; empty when it applies to every route */
    public Set<Route> routes() {
        return routes;
    }

    /** @return true when the limit counts only writes */
    public boolean isWritesOnly() {
        return writesOnly;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestLimit l && kind == l.kind && capacity == l.capacity
                && Objects.equals(window, l.window) && Double.compare(refillPerSecond, l.refillPerSecond) == 0
                && routes.equals(l.routes) && writesOnly == l.writesOnly;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, capacity, window, refillPerSecond, routes, writesOnly);
    }

    @Override
    public String toString() {
        String what = kind == Kind.TOKEN_BUCKET ? "tokenBucket(" + capacity + ", " + refillPerSecond + "/s)"
                : (kind == Kind.FIXED_WINDOW ? "fixedWindow(" : "slidingWindow(") + capacity + " per " + window + ")";
        return "RequestLimit[" + what + (writesOnly ? ", writes" : "") + (routes.isEmpty() ? "" : ", " + routes)
                + "]";
    }

    private static int atLeastOne(int v, String name) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + v);
        }
        return v;
    }

    private static Duration positive(Duration window) {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        return window;
    }
}
