package io.desknotify.transport.http.citrix;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.api.TransportException;
import io.desknotify.api.spi.ResolveRequest;
import io.desknotify.api.spi.Resolution;
import io.desknotify.api.spi.TargetResult;
import io.desknotify.transport.http.internal.BoundedTasks;
import io.desknotify.transport.http.internal.Jsons;
import io.desknotify.transport.http.internal.Paging;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Turns delivery groups and users into sessions with {@code POST /cvad/manage/Sessions/$search} (every page, by
 * {@code ContinuationToken}), and applies the "only connected" filter: a session is connected when its
 * {@code State} is {@code Active} (a user logged on and connected; {@code Connected} is a connection still being
 * brokered, where no message box can be shown).
 */
final class CitrixResolver {
    static final String SEARCH_PATH = "/cvad/manage/Sessions/$search";
    static final String SESSIONS_PATH = "/cvad/manage/Sessions/";
    /** Concurrent lookups of one resolve request. */
    static final int PARALLELISM = 4;
    /** A bound on paging, in case a server keeps answering with a token. */
    static final int MAX_PAGES = 100_000;

    private final CitrixApi api;
    private final int pageSize;
    private final Paging paging;

    /** A session as a search or lookup lists it. */
    record SessionInfo(String id, String state) {
        boolean connected() {
            return "Active".equalsIgnoreCase(state);
        }
    }

    CitrixResolver(CitrixApi api, int pageSize) {
        this.api = api;
        this.pageSize = pageSize;
        this.paging = new Paging(api.provider(), MAX_PAGES);
    }

    CompletableFuture<Resolution> resolve(ResolveRequest request) {
        Collector out = new Collector(request.onlyConnected());
        List<Supplier<CompletableFuture<Void>>> tasks = new ArrayList<>();
        Map<String, List<Target>> groups = new LinkedHashMap<>();
        for (Target t : request.targets()) {
            switch (t.kind()) {
                case SESSION -> {
                    if (request.onlyConnected()) {
                        tasks.add(() -> guard(List.of(t), out, lookUp(t, out)));
                    } else {
                        out.deliver(t, t);
                    }
                }
                case DESKTOP_POOL, USER -> groups.computeIfAbsent(t.kind() + ":" + t.value(),
                        k -> new ArrayList<>()).add(t);
                default -> out.settle(TargetResult.failed(t, CitrixDaasTransport.UNSUPPORTED_TARGET,
                        "Citrix cannot reach a " + t.kind() + " target; use sessions, desktop pools (delivery"
                                + " groups) or users"));
            }
        }
        groups.values().forEach(targets -> tasks.add(() -> guard(targets, out, search(targets, out))));
        return BoundedTasks.run(tasks, PARALLELISM).thenApply(v -> out.resolution());
    }

    /** A lookup that failed for good (after read retries) fails its targets, not the whole resolution. */
    private CompletableFuture<Void> guard(List<Target> targets, Collector out, CompletableFuture<Void> work) {
        return work.handle((v, e) -> {
            if (e == null) {
                return null;
            }
            TransportException te = CitrixErrors.fromFailure(api.provider(), "session lookup", e);
            if (te instanceof AuthenticationException) {
                throw te;
            }
            String code = te.errorCode() != null && (te.errorCode().equals(CitrixDaasTransport.SITE_AMBIGUOUS)
                    || te.errorCode().equals(CitrixDaasTransport.NO_SITE)) ? te.errorCode()
                    : CitrixDaasTransport.RESOLUTION_FAILED;
            targets.forEach(t -> out.settle(TargetResult.failed(t, code, te.getMessage())));
            return null;
        });
    }

    /** One session by id, for its state. */
    private CompletableFuture<Void> lookUp(Target t, Collector out) {
        String pq = SESSIONS_PATH + CitrixDaasTransport.segment(t.value());
        return api.read("session lookup", "GET", pq, null).thenAccept(a -> {
            if (a.status() == 404) {
                // not SKIPPED: nobody can be shown the message on a session Citrix does not know
                out.settle(TargetResult.failed(t, CitrixDaasTransport.SESSION_NOT_FOUND,
                        "session " + t.value() + " not found (it may have ended)"));
                return;
            }
            if (!a.ok()) {
                throw CitrixErrors.fromResponse(api.provider(), "session lookup", a, api.http().throttlePause());
            }
            SessionInfo s = info(api.object(a, "session lookup"), a);
            if (s.connected()) {
                out.deliver(t, t);
            } else {
                out.settle(TargetResult.skipped(t, CitrixDaasTransport.NOT_CONNECTED,
                        "session is " + s.state() + ", not Active"));
            }
        });
    }

    /**
     * A delivery group's or a user's sessions: {@code DeliveryGroup} Equals the value (name or id, as given), or
     * {@code UserPrincipalName} Equals a name with {@code @}, else {@code UserName} Equals it
     * (<code>DOMAIN&#92;user</code>).
     */
    private CompletableFuture<Void> search(List<Target> targets, Collector out) {
        Target t = targets.get(0);
        String property = t.kind() == TargetKind.DESKTOP_POOL ? "DeliveryGroup"
                : t.value().indexOf('@') > 0 ? "UserPrincipalName" : "UserName";
        JsonObject body = Jsons.provider().createObjectBuilder()
                .add("SearchFilters", Jsons.provider().createArrayBuilder().add(Jsons.provider()
                        .createObjectBuilder().add("Property", property).add("Operator", "Equals")
                        .add("Value", t.value())))
                .build();
        byte[] json = Jsons.toBytes(body);
        List<SessionInfo> found = new ArrayList<>();
        return paging.continuationTokens(token -> api.read("session search", "POST", SEARCH_PATH + "?limit="
                        + pageSize + token.map(v -> "&continuationToken=" + URLEncoder.encode(v,
                        StandardCharsets.UTF_8)).orElse(""), json).thenApply(a -> page(a)),
                p -> p.next(), p -> found.addAll(p.sessions()))
                .thenRun(() -> targets.forEach(target -> out.expand(target, found,
                        (target.kind() == TargetKind.DESKTOP_POOL ? "delivery group " : "user ") + target.value())));
    }

    private record Page(List<SessionInfo> sessions, Optional<String> next) { }

    private Page page(CitrixHttp.Answer a) {
        if (!a.ok()) {
            throw CitrixErrors.fromResponse(api.provider(), "session search", a, api.http().throttlePause());
        }
        JsonObject o = api.object(a, "session search");
        JsonArray items = Jsons.array(o, "Items")
                .orElseThrow(() -> CitrixErrors.unexpectedBody(api.provider(), "session search", a, "no Items array"));
        List<SessionInfo> sessions = new ArrayList<>(items.size());
        for (JsonValue v : items) {
            if (!(v instanceof JsonObject item)) {
                throw CitrixErrors.unexpectedBody(api.provider(), "session search", a, "an item is not an object");
            }
            sessions.add(info(item, a));
        }
        return new Page(sessions, Jsons.string(o, "ContinuationToken"));
    }

    private SessionInfo info(JsonObject o, CitrixHttp.Answer a) {
        String id = Jsons.string(o, "Id").filter(s -> !s.isBlank()).orElseThrow(() ->
                CitrixErrors.unexpectedBody(api.provider(), "session search", a, "a session has no Id"));
        return new SessionInfo(id, Jsons.string(o, "State").orElse("Unknown"));
    }

    /** Gathers results of concurrent lookups; each session is listed once. */
    private static final class Collector {
        private final boolean onlyConnected;
        private final List<Target> deliverable = new ArrayList<>();
        private final List<Target> sources = new ArrayList<>();
        private final Map<String, TargetResult> settled = new LinkedHashMap<>();
        private final Set<String> seenSessions = new HashSet<>();

        Collector(boolean onlyConnected) {
            this.onlyConnected = onlyConnected;
        }

        synchronized void deliver(Target t, Target requested) {
            if (seenSessions.add(t.value())) {
                deliverable.add(t);
                sources.add(requested);
            }
        }

        synchronized void settle(TargetResult r) {
            settled.putIfAbsent(r.target().kind() + ":" + r.target().value(), r);
        }

        synchronized void expand(Target parent, List<SessionInfo> sessions, String what) {
            if (settled.containsKey(parent.kind() + ":" + parent.value())) {
                return;
            }
            if (sessions.isEmpty()) {
                settle(TargetResult.skipped(parent, CitrixDaasTransport.NO_SESSIONS, what + " has no session"));
                return;
            }
            int kept = 0;
            for (SessionInfo s : sessions) {
                Target st = Target.of(TargetKind.SESSION, s.id(), parent.provider());
                if (!onlyConnected || s.connected()) {
                    kept++;
                    deliver(st, parent);
                } else if (seenSessions.add(s.id())) {
                    settle(TargetResult.skipped(st, CitrixDaasTransport.NOT_CONNECTED,
                            "session is " + s.state() + ", not Active"));
                }
            }
            if (kept == 0) {
                settle(TargetResult.skipped(parent, CitrixDaasTransport.NO_CONNECTED_SESSIONS,
                        what + " has no connected (Active) session"));
            }
        }

        synchronized Resolution resolution() {
            return new Resolution(deliverable, new ArrayList<>(settled.values()), sources);
        }
    }
}
