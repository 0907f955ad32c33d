package io.desknotify.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.api.TransportException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Both paging styles over an in-memory fetch, with the page cap and the same-host rule for next links. */
class PagingTest {
    private static final URI ORIGIN = URI.create("https://management.example.com");

    /** A page: its items and the link or token to the next. */
    record Page(List<String> items, String next) {
    }

    @Test
    void nextLinksAreFollowedUntilAPageHasNone() {
        Map<String, Page> pages = Map.of(
                "/list?p=1", new Page(List.of("a", "b"), "https://management.example.com/list?p=2"),
                "/list?p=2", new Page(List.of("c"), "/list?p=3"),
                "/list?p=3", new Page(List.of("d"), null));
        List<String> seen = new ArrayList<>();
        List<URI> asked = new ArrayList<>();

        int n = new Paging("p", 10).nextLinks(ORIGIN, ORIGIN.resolve("/list?p=1"), uri -> {
            asked.add(uri);
            return CompletableFuture.completedFuture(pages.get(uri.getRawPath() + "?" + uri.getRawQuery()));
        }, pg -> Optional.ofNullable(pg.next()), pg -> seen.addAll(pg.items())).join();

        assertThat(n).isEqualTo(3);
        assertThat(seen).containsExactly("a", "b", "c", "d");
        assertThat(asked).allSatisfy(u -> assertThat(u.getHost()).isEqualTo("management.example.com"));
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowed() {
        List<URI> asked = new ArrayList<>();
        for (String foreign : List.of("https://attacker.example.net/list", "http://management.example.com/list",
                "https://management.example.com:8443/list", "https://user@management.example.com/list",
                "//attacker.example.net/list")) {
            asked.clear();
            CompletableFuture<Integer> f = new Paging("p", 10).nextLinks(ORIGIN, ORIGIN.resolve("/list"), uri -> {
                asked.add(uri);
                return CompletableFuture.completedFuture(new Page(List.of("a"), foreign));
            }, pg -> Optional.ofNullable(pg.next()), pg -> { });

            assertThatThrownBy(f::join).cause().isInstanceOf(TransportException.class)
                    .satisfies(e -> assertThat(((TransportException) e).errorCode()).contains(Paging.FOREIGN_NEXT_LINK));
            assertThat(asked).hasSize(1);
        }
    }

    @Test
    void aFirstPageElsewhereIsNotAskedFor() {
        List<URI> asked = new ArrayList<>();
        CompletableFuture<Integer> f = new Paging("p", 10).nextLinks(ORIGIN, URI.create("https://other.example/x"),
                uri -> {
                    asked.add(uri);
                    return CompletableFuture.completedFuture(new Page(List.of(), null));
                }, pg -> Optional.ofNullable(pg.next()), pg -> { });

        assertThatThrownBy(f::join).cause().isInstanceOf(TransportException.class);
        assertThat(asked).isEmpty();
    }

    @Test
    void aListingLongerThanTheCapFailsAfterTheCap() {
        List<URI> asked = new ArrayList<>();
        CompletableFuture<Integer> f = new Paging("p", 5).nextLinks(ORIGIN, ORIGIN.resolve("/list?p=1"), uri -> {
            asked.add(uri);
            int p = Integer.parseInt(uri.getQuery().substring(2));
            return CompletableFuture.completedFuture(new Page(List.of(), "/list?p=" + (p + 1)));
        }, pg -> Optional.ofNullable(pg.next()), pg -> { });

        assertThatThrownBy(f::join).cause().isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(((TransportException) e).errorCode()).contains(Paging.TOO_MANY_PAGES));
        assertThat(asked).hasSize(5);
    }

    @Test
    void continuationTokensAreSentBackUntilAPageHasNone() {
        Map<Optional<String>, Page> pages = Map.of(
                Optional.empty(), new Page(List.of("a"), "t1"),
                Optional.of("t1"), new Page(List.of("b"), "t2"),
                Optional.of("t2"), new Page(List.of("c"), ""));
        List<String> seen = new ArrayList<>();
        List<Optional<String>> asked = new ArrayList<>();

        int n = new Paging("p", 10).continuationTokens(t -> {
            asked.add(t);
            return CompletableFuture.completedFuture(pages.get(t));
        }, pg -> Optional.ofNullable(pg.next()), pg -> seen.addAll(pg.items())).join();

        assertThat(n).isEqualTo(3);
        assertThat(seen).containsExactly("a", "b", "c");
        assertThat(asked).containsExactly(Optional.empty(), Optional.of("t1"), Optional.of("t2"));
    }

    @Test
    void aTokenRepeatedByThePageItWasSentToFailsTheListing() {
        CompletableFuture<Integer> f = new Paging("p", 100).continuationTokens(
                t -> CompletableFuture.completedFuture(new Page(List.of(), "same")),
                pg -> Optional.ofNullable(pg.next()), pg -> { });

        assertThatThrownBy(f::join).cause().isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(((TransportException) e).errorCode()).contains(Paging.PAGING_LOOP));
    }

    @Test
    void tokenPagingStopsAtTheCap() {
        int[] count = {0};
        CompletableFuture<Integer> f = new Paging("p", 3).continuationTokens(t -> {
            count[0]++;
            return CompletableFuture.completedFuture(new Page(List.of(), "t" + count[0]));
        }, pg -> Optional.ofNullable(pg.next()), pg -> { });

        assertThatThrownBy(f::join).cause().isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(((TransportException) e).errorCode()).contains(Paging.TOO_MANY_PAGES));
        assertThat(count[0]).isEqualTo(3);
    }

    @Test
    void aFailedPageFailsTheListingWithItsOwnFailure() {
        IllegalStateException boom = new IllegalStateException("boom");
        CompletableFuture<Integer> f = new Paging("p", 3).continuationTokens(
                t -> CompletableFuture.<Page>failedFuture(boom), pg -> Optional.ofNullable(pg.next()), pg -> { });

        assertThatThrownBy(f::join).cause().isSameAs(boom);
    }
}
