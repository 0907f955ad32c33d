package io.desknotify.transport.http.azure;

import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.api.TransportException;
import io.desknotify.api.spi.Resolution;
import io.desknotify.api.spi.ResolveRequest;
import io.desknotify.api.spi.TargetResult;
import io.desknotify.transport.http.internal.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Turns users, host pools and (for "only connected") sessions into the user sessions to send to, from
 * {@code UserSessions_ListByHostPool} and {@code UserSessions_Get}.
 */
final class AvdResolver {

    /**
     * Up to this many users are looked up with one {@code $filter=userPrincipalName eq '...'} listing per user and
     * host pool; more are matched against one full listing per host pool. A filtered listing is one small read per
     * user and host pool; a full listing costs one read per page of the whole host pool. ARM's read bucket holds 250
     * reads refilled by 25 a second, so 1,000 users in 3 host pools would spend two minutes on filtered reads where
     * a full listing of even 10,000 sessions takes a few dozen pages; a handful of users is cheaper filtered.
     */
    static final int FILTERED_LOOKUPS = 16;
    /** The same trade for sessions under "only connected": one get per session up to this many per host pool. */
    static final int SESSION_GETS = 16;

    /** A user session as listed. */
    record Listed(String hostPool, String host, String id, String upn, String state) {
        String target() {
            return hostPool + "/" + host + "/" + id;
        }

        boolean active() {
            return "Active".equalsIgnoreCase(state);
        }
    }

    private final AzureVirtualDesktopTransport transport;
    private final List<String> hostPools;

    AvdResolver(AzureVirtualDesktopTransport transport, List<String> hostPools) {
        this.transport = transport;
        this.hostPools = hostPools;
    }

    CompletableFuture<Resolution> resolve(ResolveRequest request) {
        Collector out = new Collector(request.onlyConnected());
        List<Target> users = new ArrayList<>();
        Map<String, List<Target>> sessionsByPool = new LinkedHashMap<>();
        List<CompletableFuture<Void>> work = new ArrayList<>();
        for (Target t : request.targets()) {
            switch (t.kind()) {
                case DESKTOP_POOL -> work.add(pool(t, out));
                case USER -> users.add(t);
                case SESSION -> {
                    if (request.onlyConnected()) {
                        sessionsByPool.computeIfAbsent(AzureVirtualDesktopTransport.parts(t.value())[0]
                                .toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(t);
                    } else {
                        out.deliver(t, t);
                    }
                }
                default -> out.settle(TargetResult.failed(t, AzureVirtualDesktopTransport.UNSUPPORTED_TARGET,
                        "Azure Virtual Desktop reaches user sessions, host pools and users, not " + t.kind()));
            }
        }
        if (!users.isEmpty()) {
            if (hostPools.isEmpty()) {
                users.forEach(u -> out.settle(TargetResult.failed(u, AzureVirtualDesktopTransport.NO_HOST_POOLS,
                        "no host pools are configured to look users up in (setting hostPools)")));
            } else if (users.size() <= FILTERED_LOOKUPS) {
                users.forEach(u -> work.add(filteredUser(u, out)));
            } else {
                work.add(listedUsers(users, out));
            }
        }
        sessionsByPool.values().forEach(ts -> work.add(ts.size() <= SESSION_GETS ? sessionGets(ts, out)
                : sessionListing(ts, out)));
        return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).thenApply(x -> out.resolution());
    }

    private CompletableFuture<Void> pool(Target t, Collector out) {
        List<Listed> found = new ArrayList<>();
        return transport.listSessions(t.value(), null, found::add).handle((n, e) -> {
            if (e != null) {
                TransportException te = transport.failure("host pool listing", e);
                out.settle(te.httpStatus() == 404 ? TargetResult.failed(t,
                        AzureVirtualDesktopTransport.UNKNOWN_HOST_POOL, te.getMessage()) : failed(t, te, true));
            } else {
                out.expand(t, found, "host pool " + t.value());
            }
            return null;
        });
    }

    private CompletableFuture<Void> filteredUser(Target user, Collector out) {
        String filter = "userPrincipalName eq '" + user.value().replace("'", "''") + "'";
        List<Listed> found = new ArrayList<>();
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        List<TransportException> failures = new ArrayList<>();
        for (String pool : hostPools) {
            calls.add(transport.listSessions(pool, filter, l -> {
                if (l.upn() != null && l.upn().equalsIgnoreCase(user.value())) {
                    synchronized (found) {
                        found.add(l);
                    }
                }
            }).handle((n, e) -> {
                if (e != null) {
                    synchronized (failures) {
                        failures.add(transport.failure("user lookup", e));
                    }
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenRun(() -> settleUser(user,
                found, failures, out));
    }

    private CompletableFuture<Void> listedUsers(List<Target> users, Collector out) {
        Map<String, List<Listed>> byUpn = new LinkedHashMap<>();
        users.forEach(u -> byUpn.put(u.value().toLowerCase(Locale.ROOT), new ArrayList<>()));
        List<TransportException> failures = new ArrayList<>();
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (String pool : hostPools) {
            calls.add(transport.listSessions(pool, null, l -> {
                List<Listed> mine = l.upn() == null ? null : byUpn.get(l.upn().toLowerCase(Locale.ROOT));
                if (mine != null) {
                    synchronized (mine) {
                        mine.add(l);
                    }
                }
            }).handle((n, e) -> {
                if (e != null) {
                    synchronized (failures) {
                        failures.add(transport.failure("host pool listing", e));
                    }
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenRun(() -> users.forEach(u ->
                settleUser(u, byUpn.get(u.value().toLowerCase(Locale.ROOT)), failures, out)));
    }

    /** A user found in some host pools while another's listing failed may have sessions there: failed as a whole. */
    private static void settleUser(Target user, List<Listed> found, List<TransportException> failures,
                                   Collector out) {
        if (!failures.isEmpty()) {
            out.settle(failed(user, failures.get(0), true));
        } else {
            out.expand(user, found, "user " + user.value());
        }
    }

    private CompletableFuture<Void> sessionGets(List<Target> sessions, Collector out) {
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (Target t : sessions) {
            calls.add(transport.getSession(t.value()).handle((l, e) -> {
                if (e != null) {
                    TransportException te = transport.failure("session lookup", e);
                    if (te.httpStatus() == 404) {
                        out.settle(TargetResult.failed(t, AzureVirtualDesktopTransport.SESSION_NOT_FOUND,
                                "Azure Virtual Desktop does not know this user session (it may have ended): "
                                        + te.getMessage()));
                    } else {
                        out.settle(failed(t, te, true));
                    }
                } else {
                    out.session(t, l);
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> sessionListing(List<Target> sessions, Collector out) {
        Map<String, Listed> byTarget = new java.util.concurrent.ConcurrentHashMap<>();
        String pool = AzureVirtualDesktopTransport.parts(sessions.get(0).value())[0];
        return transport.listSessions(pool, null, l -> byTarget.put(l.target().toLowerCase(Locale.ROOT), l))
                .handle((n, e) -> {
                    for (Target t : sessions) {
                        if (e != null) {
                            out.settle(failed(t, transport.failure("host pool listing", e), true));
                            continue;
                        }
                        Listed l = byTarget.get(t.value().toLowerCase(Locale.ROOT));
                        if (l == null) {
                            out.settle(TargetResult.failed(t, AzureVirtualDesktopTransport.SESSION_NOT_FOUND,
                                    "host pool " + pool + " lists no such user session (it may have ended)"));
                        } else {
                            out.session(t, l);
                        }
                    }
                    return null;
                });
    }

    private static TargetResult failed(Target t, TransportException te, boolean lookup) {
        String code = lookup ? AzureVirtualDesktopTransport.RESOLUTION_FAILED : te.errorCode();
        return TargetResult.failed(t, code, te.getMessage());
    }

    /**
     * A listed item's host pool, session host and id, read from its {@code id}
     * ({@code .../hostPools/{hp}/sessionHosts/{host}/userSessions/{id}}), never from {@code name}, whose form the
     * sources disagree on.
     *
     * @return the item, or {@code null} when its id is not a user session's
     */
    static Listed listed(JsonValue v) {
        if (!(v instanceof JsonObject o)) {
            return null;
        }
        String id = Jsons.string(o, "id").orElse(null);
        if (id == null) {
            return null;
        }
        String[] s = id.split("/");
        for (int i = 0; i + 5 < s.length; i++) {
            if (s[i].equalsIgnoreCase("hostPools") && s[i + 2].equalsIgnoreCase("sessionHosts")
                    && s[i + 4].equalsIgnoreCase("userSessions") && i + 6 == s.length) {
                JsonObject p = Jsons.object(o, "properties").orElse(null);
                String upn = p == null ? null : Jsons.string(p, "userPrincipalName").orElse(null);
                String state = p == null ? null : Jsons.string(p, "sessionState").orElse(null);
                return new Listed(decode(s[i + 1]), decode(s[i + 3]), decode(s[i + 5]), upn, state);
            }
        }
        return null;
    }

    private static String decode(String s) {
        return s.indexOf('%') < 0 ? s : java.net.URLDecoder.decode(s.replace("+", "%2B"),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    static JsonArray value(JsonObject page) {
        return Jsons.array(page, "value").orElse(null);
    }

    /** Gathers results of concurrent lookups; each session is kept once. */
    private static final class Collector {
        private final boolean onlyConnected;
        private final List<Target> deliverable = new ArrayList<>();
        private final List<Target> sources = new ArrayList<>();
        private final Map<String, TargetResult> settled = new LinkedHashMap<>();
        private final Set<String> seen = new HashSet<>();

        Collector(boolean onlyConnected) {
            this.onlyConnected = onlyConnected;
        }

        synchronized void deliver(Target t, Target requested) {
            if (seen.add(t.value().toLowerCase(Locale.ROOT))) {
                deliverable.add(t);
                sources.add(requested);
            }
        }

        synchronized void settle(TargetResult r) {
            settled.putIfAbsent(r.target().kind() + ":" + r.target().value(), r);
        }

        /** A session target checked under "only connected". */
        synchronized void session(Target t, Listed l) {
            if (l.active()) {
                deliver(t, t);
            } else {
                settle(TargetResult.skipped(t, AzureVirtualDesktopTransport.NOT_CONNECTED,
                        "user session is " + l.state() + ", not Active"));
            }
        }

        synchronized void expand(Target parent, List<Listed> sessions, String what) {
            if (settled.containsKey(parent.kind() + ":" + parent.value())) {
                return;
            }
            if (sessions.isEmpty()) {
                settle(TargetResult.skipped(parent, AzureVirtualDesktopTransport.NO_SESSIONS, what
                        + " has no user session"));
                return;
            }
            int kept = 0;
            for (Listed l : sessions) {
                Target st = Target.of(TargetKind.SESSION, l.target(), parent.provider());
                if (!onlyConnected || l.active()) {
                    kept++;
                    deliver(st, parent);
                } else if (seen.add(st.value().toLowerCase(Locale.ROOT))) {
                    settle(TargetResult.skipped(st, AzureVirtualDesktopTransport.NOT_CONNECTED,
                            "user session is " + l.state() + ", not Active"));
                }
            }
            if (kept == 0) {
                settle(TargetResult.skipped(parent, AzureVirtualDesktopTransport.NO_CONNECTED_SESSIONS,
                        what + " has no Active user session"));
            }
        }

        synchronized Resolution resolution() {
            return new Resolution(deliverable, new ArrayList<>(settled.values()), sources);
        }
    }
}
