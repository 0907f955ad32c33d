package io.desknotify.transport.http.horizon;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.api.TransportException;
import io.desknotify.api.spi.ResolveRequest;
import io.desknotify.api.spi.Resolution;
import io.desknotify.api.spi.TargetResult;
import io.desknotify.transport.http.horizon.HorizonHttp.Answer;
import io.desknotify.transport.http.internal.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns desktop pools and users into sessions, and applies the "only connected" filter, by reading Horizon's
 * session inventory page by page.
 */
final class HorizonResolver {
    static final String SESSIONS_PATH = "/rest/inventory/v1/sessions";
    static final String AD_USERS_PATH = "/rest/external/v1/ad-users-or-groups";
    /** Session ids or login names looked up with one Or-filter: keeps the URL well under common 8 KiB limits. */
    static final int LOOKUP_CHUNK = 40;
    /** User SIDs (longer than session ids) whose sessions are read with one Or-filter. */
    static final int SID_CHUNK = 25;
    /** Concurrent lookups of one resolve request. */
    static final int PARALLELISM = 4;
    /** A bound on paging, in case a server keeps saying HAS_MORE_RECORDS. */
    static final int MAX_PAGES = 100_000;

    private final HorizonSession session;
    private final String provider;
    private final String userDomain;
    private final int pageSize;

    /** A session as the inventory lists it. */
    record SessionInfo(String id, String state, String userId) {
        boolean connected() {
            return "CONNECTED".equalsIgnoreCase(state);
        }
    }

    HorizonResolver(HorizonSession session, String provider, String userDomain, int pageSize) {
        this.session = session;
        this.provider = provider;
        this.userDomain = userDomain;
        this.pageSize = pageSize;
    }

    CompletableFuture<Resolution> resolve(ResolveRequest request) {
        Collector out = new Collector(request.onlyConnected());
        List<Supplier<CompletableFuture<Void>>> tasks = new ArrayList<>();
        List<Target> directSessions = new ArrayList<>();
        Map<String, List<Target>> users = new LinkedHashMap<>();
        for (Target t : request.targets()) {
            switch (t.kind()) {
                case SESSION -> {
                    if (request.onlyConnected()) {
                        directSessions.add(t);
                    } else {
                        out.deliver(t);
                    }
                }
                case DESKTOP_POOL -> tasks.add(() -> guard(List.of(t), out, pool(t, out)));
                case USER -> users.computeIfAbsent(UserName.parse(t.value(), userDomain).domain(),
                        d -> new ArrayList<>()).add(t);
                default -> out.settle(TargetResult.failed(t, HorizonTransport.UNSUPPORTED_TARGET,
                        "Horizon cannot reach a " + t.kind() + " target; use sessions, desktop pools or users"));
            }
        }
        for (List<Target> ofDomain : users.values()) {
            for (int i = 0; i < ofDomain.size(); i += LOOKUP_CHUNK) {
                List<Target> chunk = ofDomain.subList(i, Math.min(ofDomain.size(), i + LOOKUP_CHUNK));
                tasks.add(() -> guard(chunk, out, users(chunk, out)));
            }
        }
        for (int i = 0; i < directSessions.size(); i += LOOKUP_CHUNK) {
            List<Target> chunk = directSessions.subList(i, Math.min(directSessions.size(), i + LOOKUP_CHUNK));
            tasks.add(() -> guard(chunk, out, lookUp(chunk, out)));
        }
        return runBounded(tasks, PARALLELISM).thenApply(v -> out.resolution());
    }

    /** A lookup that failed for good (after read retries) fails its targets, not the whole resolution. */
    private CompletableFuture<Void> guard(List<Target> targets, Collector out, CompletableFuture<Void> work) {
        return work.handle((v, e) -> {
            if (e == null) {
                return null;
            }
            TransportException te = HorizonErrors.fromFailure(provider, "session lookup", e);
            if (te instanceof AuthenticationException) {
                throw te;
            }
            for (Target t : targets) {
                out.settle(TargetResult.failed(t, HorizonTransport.RESOLUTION_FAILED, te.getMessage()));
            }
            return null;
        });
    }

    private CompletableFuture<Void> pool(Target pool, Collector out) {
        List<SessionInfo> found = new ArrayList<>();
        return sessions("desktop pool sessions", HorizonFilters.equalTo("desktop_pool_id", pool.value()), found::add)
                .thenRun(() -> out.expand(pool, found, "desktop pool " + pool.value()));
    }

    /**
     * Users of one domain: their SIDs with one directory lookup, then their sessions with Or-filters on
     * {@code user_id}. Login names compare without regard to case, as Active Directory does.
     */
    private CompletableFuture<Void> users(List<Target> chunk, Collector out) {
        Map<Target, UserName> names = new LinkedHashMap<>();
        chunk.forEach(t -> names.put(t, UserName.parse(t.value(), userDomain)));
        String domain = names.get(chunk.get(0)).domain();
        // sent as written (the server decides about case); matched back without regard to case
        List<JsonObject> logins = names.values().stream().map(UserName::login).distinct()
                .map(l -> HorizonFilters.equalTo("login_name", l)).toList();
        JsonObject filter = HorizonFilters.and(List.of(HorizonFilters.or(logins),
                HorizonFilters.equalTo("domain", domain)));
        String pq = AD_USERS_PATH + "?group_only=false&filter=" + HorizonFilters.encode(filter);
        return session.read("user lookup", pq, this::directoryUsers).thenCompose(found -> {
            Map<String, List<String>> sidsByLogin = new HashMap<>();
            for (String[] u : found) {
                sidsByLogin.computeIfAbsent(u[1].toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(u[0]);
            }
            Map<Target, List<String>> sidsOf = new LinkedHashMap<>();
            Set<String> allSids = new LinkedHashSet<>();
            names.forEach((t, n) -> {
                List<String> sids = sidsByLogin.get(n.login().toLowerCase(Locale.ROOT));
                if (sids == null) {
                    out.settle(TargetResult.failed(t, HorizonTransport.UNKNOWN_USER, "no user " + n.login()
                            + " in domain " + n.domain() + " known to Horizon"));
                } else {
                    sidsOf.put(t, sids);
                    allSids.addAll(sids);
                }
            });
            Map<String, List<SessionInfo>> bySid = new HashMap<>();
            List<String> sidList = new ArrayList<>(allSids);
            CompletableFuture<Void> reads = CompletableFuture.completedFuture(null);
            for (int i = 0; i < sidList.size(); i += SID_CHUNK) {
                List<JsonObject> part = sidList.subList(i, Math.min(sidList.size(), i + SID_CHUNK)).stream()
                        .map(sid -> HorizonFilters.equalTo("user_id", sid)).toList();
                reads = reads.thenCompose(v -> sessions("user sessions", HorizonFilters.or(part),
                        s -> bySid.computeIfAbsent(s.userId(), k -> new ArrayList<>()).add(s)));
            }
            return reads.thenRun(() -> sidsOf.forEach((t, sids) -> {
                List<SessionInfo> found2 = new ArrayList<>();
                sids.forEach(sid -> found2.addAll(bySid.getOrDefault(sid, List.of())));
                UserName n = names.get(t);
                out.expand(t, found2, "user " + n.domain() + "\\" + n.login());
            }));
        });
    }

    /** The directory's users as {@code [id, login_name]} pairs. */
    private List<String[]> directoryUsers(Answer a) {
        JsonArray arr = array(a, "user lookup");
        List<String[]> out = new ArrayList<>();
        for (JsonValue v : arr) {
            if (v instanceof JsonObject o && HorizonJson.string(o, "id") != null
                    && HorizonJson.string(o, "login_name") != null) {
                out.add(new String[] {HorizonJson.string(o, "id"), HorizonJson.string(o, "login_name")});
            }
        }
        return out;
    }

    private CompletableFuture<Void> lookUp(List<Target> chunk, Collector out) {
        List<JsonObject> filters = new ArrayList<>(chunk.size());
        chunk.forEach(t -> filters.add(HorizonFilters.equalTo("id", t.value())));
        Map<String, SessionInfo> found = new HashMap<>();
        return sessions("session lookup", HorizonFilters.or(filters), s -> found.put(s.id(), s)).thenRun(() -> {
            for (Target t : chunk) {
                SessionInfo s = found.get(t.value());
                if (s == null) {
                    out.settle(TargetResult.skipped(t, HorizonTransport.SESSION_NOT_FOUND,
                            "session " + t.value() + " not found (it may have ended)"));
                } else if (s.connected()) {
                    out.deliver(t);
                } else {
                    out.settle(TargetResult.skipped(t, HorizonTransport.NOT_CONNECTED,
                            "session is " + s.state() + ", not CONNECTED"));
                }
            }
        });
    }

    /** Reads every page of sessions matching the filter. */
    CompletableFuture<Void> sessions(String operation, JsonObject filter, Consumer<SessionInfo> sink) {
        String base = SESSIONS_PATH + "?filter=" + HorizonFilters.encode(filter) + "&size=" + pageSize + "&page=";
        return page(operation, base, 1, sink);
    }

    private CompletableFuture<Void> page(String operation, String base, int page, Consumer<SessionInfo> sink) {
        return session.read(operation, base + page, a -> new Page(sessionsOf(a), hasMore(a))).thenCompose(p -> {
            p.sessions().forEach(sink);
            if (p.more() && !p.sessions().isEmpty() && page < MAX_PAGES) {
                return page(operation, base, page + 1, sink);
            }
            return CompletableFuture.completedFuture(null);
        });
    }

    private record Page(List<SessionInfo> sessions, boolean more) {
    }

    static boolean hasMore(Answer a) {
        return a.headers().firstValue("HAS_MORE_RECORDS").map(v -> v.trim().equalsIgnoreCase("true")).orElse(false);
    }

    private List<SessionInfo> sessionsOf(Answer a) {
        JsonArray arr = array(a, "session list");
        List<SessionInfo> out = new ArrayList<>(arr.size());
        for (JsonValue v : arr) {
            if (!(v instanceof JsonObject o) || HorizonJson.string(o, "id") == null) {
                throw HorizonErrors.unexpectedBody(provider, "session list", a.status(), a.requestId(),
                        "an item is not a session with an id");
            }
            out.add(new SessionInfo(HorizonJson.string(o, "id"), HorizonJson.string(o, "session_state"),
                    HorizonJson.string(o, "user_id")));
        }
        return out;
    }

    private JsonArray array(Answer a, String operation) {
        JsonStructure s;
        try {
            s = HorizonJson.parse(a.body());
        } catch (Jsons.MalformedJsonException e) {
            throw HorizonErrors.unexpectedBody(provider, operation, a.status(), a.requestId(), e.getMessage());
        }
        if (!(s instanceof JsonArray arr)) {
            throw HorizonErrors.unexpectedBody(provider, operation, a.status(), a.requestId(), "not a JSON array");
        }
        return arr;
    }

    /** Runs tasks with at most {@code parallelism} in flight; fails when a task fails. */
    static CompletableFuture<Void> runBounded(List<Supplier<CompletableFuture<Void>>> tasks, int parallelism) {
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(parallelism, tasks.size());
        CompletableFuture<?>[] all = new CompletableFuture<?>[workers];
        for (int i = 0; i < workers; i++) {
            all[i] = worker(tasks, next);
        }
        return CompletableFuture.allOf(all);
    }

    private static CompletableFuture<Void> worker(List<Supplier<CompletableFuture<Void>>> tasks, AtomicInteger next) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        runFrom(tasks, next, done);
        return done;
    }

    /**
     * Starts the next tasks one after another until none is left or one fails. A task that has already completed is
     * followed in this loop rather than by a nested call, which keeps the stack flat without handing every step to
     * {@code CompletableFuture}'s default async executor (a new thread per step on a 2-CPU machine).
     */
    private static void runFrom(List<Supplier<CompletableFuture<Void>>> tasks, AtomicInteger next,
            CompletableFuture<Void> done) {
        while (true) {
            int i = next.getAndIncrement();
            if (i >= tasks.size()) {
                done.complete(null);
                return;
            }
            CompletableFuture<Void> f;
            try {
                f = tasks.get(i).get();
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                return;
            }
            if (f.isDone() && !f.isCompletedExceptionally()) {
                continue;
            }
            f.whenComplete((v, e) -> {
                if (e != null) {
                    done.completeExceptionally(e);
                } else {
                    runFrom(tasks, next, done);
                }
            });
            return;
        }
    }

    /** Gathers results of concurrent lookups; each session is listed once. */
    private static final class Collector {
        private final boolean onlyConnected;
        private final List<Target> deliverable = new ArrayList<>();
        private final Map<String, TargetResult> settled = new LinkedHashMap<>();
        private final Set<String> seenSessions = new HashSet<>();

        Collector(boolean onlyConnected) {
            this.onlyConnected = onlyConnected;
        }

        synchronized void deliver(Target t) {
            if (seenSessions.add(t.value())) {
                deliverable.add(t);
            }
        }

        synchronized void settle(TargetResult r) {
            settled.putIfAbsent(r.target().kind() + ":" + r.target().value(), r);
        }

        /** The sessions of a pool or user: deliverable, or skipped when only connected ones are wanted. */
        synchronized void expand(Target parent, List<SessionInfo> sessions, String what) {
            if (sessions.isEmpty()) {
                settle(TargetResult.skipped(parent, HorizonTransport.NO_SESSIONS, what + " has no session"));
                return;
            }
            int kept = 0;
            for (SessionInfo s : sessions) {
                Target st = Target.of(TargetKind.SESSION, s.id(), parent.provider());
                if (!onlyConnected || s.connected()) {
                    kept++;
                    deliver(st);
                } else if (seenSessions.add(s.id())) {
                    settle(TargetResult.skipped(st, HorizonTransport.NOT_CONNECTED,
                            "session is " + s.state() + ", not CONNECTED"));
                }
            }
            if (kept == 0) {
                settle(TargetResult.skipped(parent, HorizonTransport.NO_CONNECTED_SESSIONS,
                        what + " has no connected session"));
            }
        }

        synchronized Resolution resolution() {
            return new Resolution(deliverable, new ArrayList<>(settled.values()));
        }
    }

    /** A user name split into login name and domain. */
    record UserName(String login, String domain) {
        /**
         * {@code DOMAIN\login}, {@code login@domain}, or a plain login name in {@code defaultDomain}.
         */
        static UserName parse(String name, String defaultDomain) {
            int bs = name.indexOf('\\');
            if (bs > 0 && bs < name.length() - 1) {
                return new UserName(name.substring(bs + 1), name.substring(0, bs));
            }
            int at = name.lastIndexOf('@');
            if (at > 0 && at < name.length() - 1) {
                return new UserName(name.substring(0, at), name.substring(at + 1));
            }
            return new UserName(name, defaultDomain);
        }
    }
}
