package io.desknotify.transport.http.internal;

import io.desknotify.api.TransportException;
import io.desknotify.api.TransportException.Retryability;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads every page of a listing, in either of the two styles providers use, asynchronously over the transport's
 * exchange, with a hard cap on the number of pages (a provider that never stops cannot keep a request busy for ever):
 * <ul>
 *   <li>{@link #nextLinks}: each page names the absolute URL of the next ({@code nextLink} of Azure Resource Manager)
 *   until it names none. A next link must stay on the configured provider's scheme, host and port: the request
 *   carries the bearer token, which must never be sent to another host, so a link elsewhere fails the listing.</li>
 *   <li>{@link #continuationTokens}: each page carries a token the next request sends back (Citrix's
 *   {@code ContinuationToken}) until it carries none.</li>
 * </ul>
 * An empty or blank link or token ends the listing like an absent one; a token or link equal to the one just
 * followed fails it (the provider would answer the same page for ever). Failures are {@code FATAL}
 * {@link TransportException}s with code {@value #TOO_MANY_PAGES}, {@value #FOREIGN_NEXT_LINK} or
 * {@value #PAGING_LOOP}; they name the host of a refused link, never its path or query. Thread-safe.
 */
public final class Paging {
    /** The listing had more pages than the cap. */
    public static final String TOO_MANY_PAGES = "TOO_MANY_PAGES";
    /** A next link pointed away from the configured host. */
    public static final String FOREIGN_NEXT_LINK = "FOREIGN_NEXT_LINK";
    /** A page named itself as the next one. */
    public static final String PAGING_LOOP = "PAGING_LOOP";

    private final String provider;
    private final int maxPages;

    /**
     * @param provider the transport's name, for exceptions
     * @param maxPages the most pages read of one listing, at least 1
     */
    public Paging(String provider, int maxPages) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.maxPages = Checks.atLeast(maxPages, 1, "maxPages");
    }

    /**
     * Follows next links from {@code first} until a page has none.
     *
     * @param origin   the configured base URI: every link must have its scheme, host and port
     * @param first    the first page's URI
     * @param fetch    reads one page (an authorized GET)
     * @param nextLink the next link of a page, if any
     * @param sink     receives each page, in order
     * @return completes with the number of pages read, or exceptionally with the first failure
     */
    public <P> CompletableFuture<Integer> nextLinks(URI origin, URI first,
            Function<URI, ? extends CompletionStage<P>> fetch, Function<P, Optional<String>> nextLink,
            Consumer<P> sink) {
        CompletableFuture<Integer> out = new CompletableFuture<>();
        URI checked;
        try {
            checked = sameOrigin(origin, first.toString());
        } catch (TransportException e) {
            return CompletableFuture.failedFuture(e);
        }
        linkPage(origin, checked, 1, fetch, nextLink, sink, out);
        return out;
    }

    private <P> void linkPage(URI origin, URI page, int n, Function<URI, ? extends CompletionStage<P>> fetch,
            Function<P, Optional<String>> nextLink, Consumer<P> sink, CompletableFuture<Integer> out) {
        stage(() -> fetch.apply(page)).whenComplete((p, e) -> {
            try {
                if (e != null) {
                    throw e;
                }
                sink.accept(p);
                Optional<String> next = nextLink.apply(p).filter(s -> !s.isBlank());
                if (next.isEmpty()) {
                    out.complete(n);
                    return;
                }
                URI uri = sameOrigin(origin, next.get());
                if (uri.equals(page)) {
                    throw fatal(PAGING_LOOP, "page " + n + " names itself as the next page");
                }
                if (n >= maxPages) {
                    throw tooMany();
                }
                linkPage(origin, uri, n + 1, fetch, nextLink, sink, out);
            } catch (Throwable t) {
                out.completeExceptionally(IoFailures.unwrap(t));
            }
        });
    }

    /**
     * Sends each page's continuation token back until a page has none.
     *
     * @param fetch     reads one page: empty for the first, then the token of the page before
     * @param nextToken the continuation token of a page, if any
     * @param sink      receives each page, in order
     * @return completes with the number of pages read, or exceptionally with the first failure
     */
    public <P> CompletableFuture<Integer> continuationTokens(
            Function<Optional<String>, ? extends CompletionStage<P>> fetch, Function<P, Optional<String>> nextToken,
            Consumer<P> sink) {
        CompletableFuture<Integer> out = new CompletableFuture<>();
        tokenPage(Optional.empty(), 1, fetch, nextToken, sink, out);
        return out;
    }

    private <P> void tokenPage(Optional<String> token, int n,
            Function<Optional<String>, ? extends CompletionStage<P>> fetch, Function<P, Optional<String>> nextToken,
            Consumer<P> sink, CompletableFuture<Integer> out) {
        stage(() -> fetch.apply(token)).whenComplete((p, e) -> {
            try {
                if (e != null) {
                    throw e;
                }
                sink.accept(p);
                Optional<String> next = nextToken.apply(p).filter(s -> !s.isBlank());
                if (next.isEmpty()) {
                    out.complete(n);
                    return;
                }
                if (next.equals(token)) {
                    throw fatal(PAGING_LOOP, "page " + n + " returned the continuation token it was asked with");
                }
                if (n >= maxPages) {
                    throw tooMany();
                }
                tokenPage(next, n + 1, fetch, nextToken, sink, out);
            } catch (Throwable t) {
                out.completeExceptionally(IoFailures.unwrap(t));
            }
        });
    }

    /**
     * The link as a URI on the origin's scheme, host and port (a relative link is resolved against the origin).
     *
     * @throws TransportException {@value #FOREIGN_NEXT_LINK} when it is not a URI or points elsewhere
     */
    URI sameOrigin(URI origin, String link) {
        URI uri;
        try {
            uri = origin.resolve(new URI(link));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw fatal(FOREIGN_NEXT_LINK, "a next link is not a valid URI; not followed");
        }
        boolean same = uri.getHost() != null && uri.getRawUserInfo() == null
                && uri.getScheme().equalsIgnoreCase(origin.getScheme())
                && uri.getHost().toLowerCase(Locale.ROOT).equals(origin.getHost().toLowerCase(Locale.ROOT))
                && port(uri) == port(origin);
        if (!same) {
            throw fatal(FOREIGN_NEXT_LINK, "a next link points to " + uri.getScheme() + "://" + uri.getHost()
                    + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + " instead of " + origin.getScheme() + "://"
                    + origin.getHost() + (origin.getPort() == -1 ? "" : ":" + origin.getPort())
                    + "; not followed, so that the token is sent nowhere else");
        }
        return uri;
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : "http".equalsIgnoreCase(u.getScheme()) ? 80 : -1;
    }

    private static <P> CompletableFuture<P> stage(java.util.function.Supplier<? extends CompletionStage<P>> s) {
        try {
            CompletionStage<P> st = s.get();
            return st == null ? CompletableFuture.failedFuture(new NullPointerException("no page stage"))
                    : st.toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private TransportException tooMany() {
        return fatal(TOO_MANY_PAGES, "the listing has more than " + maxPages + " pages; the rest was not read");
    }

    private TransportException fatal(String code, String message) {
        return TransportException.builder(Retryability.FATAL, provider + ": " + message).provider(provider)
                .errorCode(code).build();
    }

    @Override
    public String toString() {
        return "Paging{provider=" + provider + ", maxPages=" + maxPages + '}';
    }
}
