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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns desktop pools and users into sessions, and applies the "only connected" filter, by reading Horizon's
 * session inventory page by page.
 */
final class HorizonResolver {
    static final String SESSIONS_PATH = "/rest/inventory/v1/sessions";
    static final String GLOBAL_SESSIONS_PATH = "/rest/inventory/v1/global-sessions";
    static final String AD_USERS_PATH = "/rest/external/v1/ad-users-or-groups";
    /** Session ids looked up with one Or-filter: keeps the URL well under common 8 KiB limits. */
    static final int LOOKUP_CHUNK = 40;
    /** User SIDs (longer than session ids) whose sessions are read with one Or-filter. */
    static final int SID_CHUNK = 25;
    /** Concurrent lookups of one resolve request. */
    static final int PARALLELISM = 4;
    /** A bound on paging, in case a server keeps answering full pages. */
    static final int MAX_PAGES = 100_000;
    /** Separates a global session's id from its pod's id in a session target: {@code <session id>@<pod id>}. */
    static final char POD_SEPARATOR = '@';

    private final HorizonSession session;
    private final String provider;
    private final String userDomain;
    private final int pageSize;
    private final boolean globalSessions;

    /** A session as the inventory lists it; {@code id} is {@code <id>@<pod>} for a global session. */
    record SessionInfo(String id, String state, String userId) {
        boolean connected() {
            return "CONNECTED".equalsIgnoreCase(state);
        }
    }

    HorizonResolver(HorizonSession session, String provider, String userDomain, int pageSize,
            boolean globalSessions) {
        this.session = session;
        this.provider = provider;
        this.userDomain = userDomain;
        this.pageSize = pageSize;
        this.globalSessions = globalSessions;
    }

    /** A global session target's {@code [session id, pod id]}, or {@code null} for a session of the local pod. */
    static String[] globalSession(String value) {
        int at = value.lastIndexOf(POD_SEPARATOR);
        return at > 0 && at < value.length() - 1
                ? new String[] {value.substring(0, at), value.substring(at + 1)} : null;
    }

    CompletableFuture<Resolution> resolve(ResolveRequest request) {
        Collector out = new Collector(request.onlyConnected());
        List<Supplier<CompletableFuture<Void>>> tasks = new ArrayList<>();
        List<Target> directSessions = new ArrayList<>();
        Map<String, List<Target>> globalDirect = new LinkedHashMap<>();
        Map<UserName, List<Target>> users = new LinkedHashMap<>();
        for (Target t : request.targets()) {
            switch (t.kind()) {
                case SESSION -> {
                    String[] global = globalSessions ? globalSession(t.value()) : null;
                    if (!request.onlyConnected()) {
                        out.deliver(t);
                    } else if (global != null) {
                        globalDirect.computeIfAbsent(global[1], p -> new ArrayList<>()).add(t);
                    } else {
                        directSessions.add(t);
                    }
                }
                case DESKTOP_POOL -> tasks.add(() -> guard(List.of(t), out, pool(t, out)));
                case USER -> users.computeIfAbsent(UserName.parse(t.value(), userDomain).key(),
                        k -> new ArrayList<>()).add(t);
                default -> out.settle(TargetResult.failed(t, HorizonTransport.UNSUPPORTED_TARGET,
                        "Horizon cannot reach a " + t.kind() + " target; use sessions, desktop pools or users"));
            }
        }
        // One directory lookup per login name: the published rule for ADUserOrGroupSummary lets an Or nest only
        // Equals on domain or id, so several login names cannot be asked in one filter.
        Map<UserName, List<String>> sidsOf = new ConcurrentHashMap<>();
        users.forEach((key, targets) -> tasks.add(() -> guard(targets, out,
                sidsOf(key, UserName.parse(targets.get(0).value(), userDomain), targets, out, sidsOf))));
        for (int i = 0; i < directSessions.size(); i += LOOKUP_CHUNK) {
            List<Target> chunk = directSessions.subList(i, Math.min(directSessions.size(), i + LOOKUP_CHUNK));
            tasks.add(() -> guard(chunk, out, lookUp(chunk, out)));
        }
        globalDirect.forEach((pod, targets) -> tasks.add(() -> guard(targets, out, lookUpGlobal(pod, targets, out))));
        return runBounded(tasks, PARALLELISM).thenCompose(v -> {
            Map<String, List<SessionInfo>> bySid = new ConcurrentHashMap<>();
            return runBounded(userSessionReads(users, sidsOf, bySid, out), PARALLELISM)
                    .thenRun(() -> expandUsers(users, sidsOf, bySid, out));
        }).thenApply(v -> out.resolution());
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
                out.settle(TargetResult.failed(t, code(te), te.getMessage()));
            }
            return null;
        });
    }

    /**
     * {@value HorizonTransport#RESOLUTION_FAILED}, except when Horizon refused the lookup as a conflict (409: Cloud
     * Pod Architecture not initialised for {@code globalSessions(true)}), which no retry can change.
     */
    private static String code(TransportException te) {
        return te.httpStatus() == 409 ? HorizonTransport.CPA_NOT_INITIALIZED : HorizonTransport.RESOLUTION_FAILED;
    }

    private CompletableFuture<Void> pool(Target pool, Collector out) {
        List<SessionInfo> found = new ArrayList<>();
        return sessions("desktop pool sessions", HorizonFilters.equalTo("desktop_pool_id", pool.value()), found::add)
                .thenRun(() -> out.expand(pool, found, "desktop pool " + pool.value()));
    }

    /** The SIDs of one login name in one domain; login names compare without regard to case, as in AD. */
    private CompletableFuture<Void> sidsOf(UserName key, UserName name, List<Target> targets, Collector out,
            Map<UserName, List<String>> sidsOf) {
        // sent as written (the server decides about case); matched back without regard to case
        JsonObject filter = HorizonFilters.and(List.of(HorizonFilters.equalTo("login_name", name.login()),
                HorizonFilters.equalTo("domain", name.domain())));
        String pq = AD_USERS_PATH + "?group_only=false&filter=" + HorizonFilters.encode(filter);
        return session.read("user lookup", pq, this::directoryUsers).thenAccept(found -> {
            List<String> sids = new ArrayList<>();
            for (String[] u : found) {
                if (u[1].equalsIgnoreCase(name.login())) {
                    sids.add(u[0]);
                }
            }
            if (sids.isEmpty()) {
                targets.forEach(t -> out.settle(TargetResult.failed(t, HorizonTransport.UNKNOWN_USER, "no user "
                        + name.login() + " in domain " + name.domain() + " known to Horizon")));
            } else {
                sidsOf.put(key, sids);
            }
        });
    }

    /** After the directory lookups: the users' sessions, by Or-filters on {@code user_id} or per global user. */
    private List<Supplier<CompletableFuture<Void>>> userSessionReads(Map<UserName, List<Target>> users,
            Map<UserName, List<String>> sidsOf, Map<String, List<SessionInfo>> bySid, Collector out) {
        Map<String, List<Target>> targetsOfSid = new LinkedHashMap<>();
        users.forEach((key, targets) -> sidsOf.getOrDefault(key, List.of())
                .forEach(sid -> targetsOfSid.computeIfAbsent(sid, k -> new ArrayList<>()).addAll(targets)));
        List<String> sids = new ArrayList<>(targetsOfSid.keySet());
        List<Supplier<CompletableFuture<Void>>> tasks = new ArrayList<>();
        Consumer<SessionInfo> sink = s -> bySid.computeIfAbsent(s.userId(), k -> new CopyOnWriteArrayList<>()).add(s);
        if (globalSessions) {
            for (String sid : sids) {
                tasks.add(() -> guard(targetsOfSid.get(sid), out, globalSessions("user sessions",
                        "user_id=" + HorizonFilters.encodeQueryValue(sid), sink)));
            }
        } else {
            for (int i = 0; i < sids.size(); i += SID_CHUNK) {
                List<String> part = sids.subList(i, Math.min(sids.size(), i + SID_CHUNK));
                List<Target> affected = part.stream().flatMap(sid -> targetsOfSid.get(sid).stream()).distinct()
                        .toList();
                tasks.add(() -> guard(affected, out, sessions("user sessions", HorizonFilters.or(part.stream()
                        .map(sid -> HorizonFilters.equalTo("user_id", sid)).toList()), sink)));
            }
        }
        return tasks;
    }

    /** Every user found, with the sessions read for its SIDs (a user whose read failed is already settled). */
    private static void expandUsers(Map<UserName, List<Target>> users, Map<UserName, List<String>> sidsOf,
            Map<String, List<SessionInfo>> bySid, Collector out) {
        users.forEach((key, targets) -> {
            List<String> mine = sidsOf.get(key);
            if (mine == null) {
                return;
            }
            List<SessionInfo> found = new ArrayList<>();
            mine.forEach(sid -> found.addAll(bySid.getOrDefault(sid, List.of())));
            targets.forEach(t -> {
                UserName n = UserName.parse(t.value(), "");
                out.expand(t, found, "user " + (n.domain().isEmpty() ? key.domain() : n.domain()) + "\\"
                        + n.login());
            });
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
        Map<String, SessionInfo> found = new ConcurrentHashMap<>();
        return sessions("session lookup", HorizonFilters.or(filters), s -> found.put(s.id(), s))
                .thenRun(() -> settleLookedUp(chunk, found, out));
    }

    /** Global session targets of one pod, only connected wanted: the pod's sessions are read (no filter exists). */
    private CompletableFuture<Void> lookUpGlobal(String pod, List<Target> targets, Collector out) {
        Map<String, SessionInfo> found = new ConcurrentHashMap<>();
        return globalSessions("session lookup", "pod_id=" + HorizonFilters.encodeQueryValue(pod),
                s -> found.put(s.id(), s)).thenRun(() -> settleLookedUp(targets, found, out));
    }

    private static void settleLookedUp(List<Target> targets, Map<String, SessionInfo> found, Collector out) {
        for (Target t : targets) {
            SessionInfo s = found.get(t.value());
            if (s == null) {
                // not SKIPPED: nobody can be shown the message on a session Horizon does not know
                out.settle(TargetResult.failed(t, HorizonTransport.SESSION_NOT_FOUND,
                        "session " + t.value() + " not found (it may have ended)"));
            } else if (s.connected()) {
                out.deliver(t);
            } else {
                out.settle(TargetResult.skipped(t, HorizonTransport.NOT_CONNECTED,
                        "session is " + s.state() + ", not CONNECTED"));
            }
        }
    }

    /** Reads every page of the local pod's sessions matching the filter. */
    CompletableFuture<Void> sessions(String operation, JsonObject filter, Consumer<SessionInfo> sink) {
        String base = SESSIONS_PATH + "?filter=" + HorizonFilters.encode(filter) + "&size=" + pageSize + "&page=";
        return page(operation, base, 1, a -> sessionsOf(a, false), sink);
    }

    /** Reads every page of the federation's global sessions selected by one query parameter. */
    private CompletableFuture<Void> globalSessions(String operation, String selector, Consumer<SessionInfo> sink) {
        String base = GLOBAL_SESSIONS_PATH + "?" + selector + "&size=" + pageSize + "&page=";
        return page(operation, base, 1, a -> sessionsOf(a, true), sink);
    }

    /**
     * Pages until a page is short or empty. A full page always means "ask for the next one": the
     * {@code HAS_MORE_RECORDS} header is optional, so its absence proves nothing; when present and true it also
     * asks for the next page.
     */
    private CompletableFuture<Void> page(String operation, String base, int page,
            Function<Answer, List<SessionInfo>> parse, Consumer<SessionInfo> sink) {
        return session.read(operation, base + page, a -> new Page(parse.apply(a), hasMore(a))).thenCompose(p -> {
            p.sessions().forEach(sink);
            boolean next = !p.sessions().isEmpty() && (p.sessions().size() >= pageSize || p.more());
            if (next && page < MAX_PAGES) {
                return page(operation, base, page + 1, parse, sink);
            }
            return CompletableFuture.completedFuture(null);
        });
    }

    private record Page(List<SessionInfo> sessions, boolean more) {
    }

    static boolean hasMore(Answer a) {
        return a.headers().firstValue("HAS_MORE_RECORDS").map(v -> v.trim().equalsIgnoreCase("true")).orElse(false);
    }

    private List<SessionInfo> sessionsOf(Answer a, boolean global) {
        JsonArray arr = array(a, "session list");
        List<SessionInfo> out = new ArrayList<>(arr.size());
        for (JsonValue v : arr) {
            if (!(v instanceof JsonObject o) || HorizonJson.string(o, "id") == null
                    || global && HorizonJson.string(o, "pod_id") == null) {
                throw HorizonErrors.unexpectedBody(provider, "session list", a.status(), a.requestId(),
                        global ? "an item is not a global session with an id and a pod_id"
                                : "an item is not a session with an id");
            }
            String id = HorizonJson.string(o, "id");
            out.add(new SessionInfo(global ? id + POD_SEPARATOR + HorizonJson.string(o, "pod_id") : id,
                    HorizonJson.string(o, "session_state"), HorizonJson.string(o, "user_id")));
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
        /** The requested target each deliverable one came from, so its record can be found by it. */
        private final List<Target> sources = new ArrayList<>();
        private final Map<String, TargetResult> settled = new LinkedHashMap<>();
        private final Set<String> seenSessions = new HashSet<>();

        Collector(boolean onlyConnected) {
            this.onlyConnected = onlyConnected;
        }

        synchronized void deliver(Target t) {
            deliver(t, t);
        }

        private void deliver(Target t, Target requested) {
            if (seenSessions.add(t.value())) {
                deliverable.add(t);
                sources.add(requested);
            }
        }

        synchronized void settle(TargetResult r) {
            settled.putIfAbsent(r.target().kind() + ":" + r.target().value(), r);
        }

        /** The sessions of a pool or user: deliverable, or skipped when only connected ones are wanted. */
        synchronized void expand(Target parent, List<SessionInfo> sessions, String what) {
            if (settled.containsKey(parent.kind() + ":" + parent.value())) {
                return; // a lookup of this target failed: its record says so, and no partial expansion follows
            }
            if (sessions.isEmpty()) {
                settle(TargetResult.skipped(parent, HorizonTransport.NO_SESSIONS, what + " has no session"));
                return;
            }
            int kept = 0;
            for (SessionInfo s : sessions) {
                Target st = Target.of(TargetKind.SESSION, s.id(), parent.provider());
                if (!onlyConnected || s.connected()) {
                    kept++;
                    deliver(st, parent);
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
            return new Resolution(deliverable, new ArrayList<>(settled.values()), sources);
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

        /** The same user however the name was written: the domain upper case, the login lower case. */
        UserName key() {
            return new UserName(login.toLowerCase(Locale.ROOT), domain.toUpperCase(Locale.ROOT));
        }
    }
}
