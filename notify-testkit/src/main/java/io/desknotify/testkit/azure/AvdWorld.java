package io.desknotify.testkit.azure;

import io.desknotify.testkit.Inventory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inventory seen as Azure Virtual Desktop resources: pools are host pools (named by the pool's name), desktops
 * without a pool are session hosts of one more host pool, each desktop is a session host, each Inventory session a
 * user session. Immutable once built.
 */
final class AvdWorld {

    /** A user session as the API lists it. */
    record UserSession(String hostPool, String sessionHost, String id, String userPrincipalName, String objectId,
                       String adUserName, String state, Instant createTime) {
        String targetId() {
            return hostPool + "/" + sessionHost + "/" + id;
        }
    }

    /** A session host. */
    record SessionHost(String hostPool, String name, String assignedUser, List<UserSession> sessions) { }

    /** A host pool: its session hosts in name order, and by lower-case name. */
    record HostPool(String name, List<SessionHost> sessionHosts, Map<String, SessionHost> byLowerName,
                    List<UserSession> sessions) { }

    /** Host pools by lower-case name (ARM resource names compare case-insensitively). */
    private final Map<String, HostPool> hostPools;

    AvdWorld(Inventory inventory, String unpooledHostPool, String hostDomain, String upnSuffix, Instant now) {
        Map<String, String> poolNames = new LinkedHashMap<>();
        for (Inventory.Pool p : inventory.pools()) {
            poolNames.put(p.id(), p.name());
        }
        Map<String, Map<String, SessionHost>> hosts = new LinkedHashMap<>();
        poolNames.values().forEach(name -> hosts.put(name, new TreeMap<>()));
        Map<String, Inventory.Session> sessionOfDesktop = new LinkedHashMap<>();
        inventory.sessions().forEach(s -> sessionOfDesktop.put(s.desktopId(), s));
        for (Inventory.Desktop d : inventory.desktops()) {
            String pool = d.poolId() == null ? unpooledHostPool : poolNames.get(d.poolId());
            String hostName = sessionHostName(d, hostDomain);
            Inventory.Session s = sessionOfDesktop.get(d.id());
            List<UserSession> sessions = new ArrayList<>(1);
            if (s != null) {
                Inventory.User user = inventory.user(s.userName()).orElseThrow();
                sessions.add(new UserSession(pool, hostName, sessionId(s), upn(user, upnSuffix), objectId(user),
                        user.domain() + "\\" + user.name(), state(s.state()),
                        now.minusSeconds(60L * (1 + Math.floorMod(s.id().hashCode(), 600)))));
            }
            hosts.computeIfAbsent(pool, k -> new TreeMap<>())
                    .put(hostName, new SessionHost(pool, hostName, upn(inventory.user(d.userName()).orElseThrow(),
                            upnSuffix), List.copyOf(sessions)));
        }
        Map<String, HostPool> out = new LinkedHashMap<>();
        hosts.forEach((pool, byName) -> {
            List<UserSession> all = new ArrayList<>();
            Map<String, SessionHost> lower = new HashMap<>();
            byName.values().forEach(h -> {
                all.addAll(h.sessions());
                lower.put(h.name().toLowerCase(Locale.ROOT), h);
            });
            out.put(pool.toLowerCase(Locale.ROOT), new HostPool(pool, List.copyOf(byName.values()),
                    Map.copyOf(lower), List.copyOf(all)));
        });
        this.hostPools = Collections.unmodifiableMap(out);
    }

    static String sessionHostName(Inventory.Desktop d, String hostDomain) {
        return d.name() + "." + hostDomain;
    }

    /** Small integers, as Windows numbers sessions; unique per session host since a desktop has one session. */
    static String sessionId(Inventory.Session s) {
        return Integer.toString(2 + Math.floorMod(s.id().hashCode(), 62));
    }

    static String upn(Inventory.User user, String upnSuffix) {
        return user.name() + "@" + upnSuffix;
    }

    /** The Inventory's 32 hex digits laid out as the GUID an Entra object id is. */
    static String objectId(Inventory.User user) {
        String h = user.id();
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20, 32);
    }

    private static String state(Inventory.SessionState state) {
        return switch (state) {
            case CONNECTED -> "Active";
            case DISCONNECTED -> "Disconnected";
            case PENDING -> "Pending";
        };
    }

    HostPool hostPool(String name) {
        return hostPools.get(name.toLowerCase(Locale.ROOT));
    }

    static SessionHost sessionHost(HostPool pool, String name) {
        return pool.byLowerName().get(name.toLowerCase(Locale.ROOT));
    }

    static UserSession session(SessionHost host, String id) {
        for (UserSession s : host.sessions()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }

    List<HostPool> hostPools() {
        return List.copyOf(hostPools.values());
    }
}
