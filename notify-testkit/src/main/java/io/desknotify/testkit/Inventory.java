package io.desknotify.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * A deterministic, generated world of virtual desktops: desktops, desktop pools, users and
 * (for Horizon) sessions. The same settings and seed always give the same ids.
 *
 * <p>Each desktop is assigned one user and belongs to at most one pool. Desktops whose
 * status is {@link ConnectStatus#CONNECTED} or {@link ConnectStatus#DISCONNECTED} have one
 * Horizon session in the matching {@link SessionState}; the others have none. The same
 * inventory can back a Huawei and a Horizon emulator: pool ids are shared, Huawei desktop
 * ids are Horizon machine ids.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Inventory inventory = Inventory.builder()
 *         .seed(42).desktops(10_000).pools(20).disconnectedFraction(0.3).build();
 * List<String> connected = inventory.connectedDesktopIds();
 * }</pre>
 */
public final class Inventory {

    /** Huawei's {@code connect_status} of a desktop. */
    public enum ConnectStatus {
        /** Not registered. */
        UNREGISTER,
        /** Registered, nobody connected. */
        REGISTERED,
        /** A user is connected. */
        CONNECTED,
        /** A user has a session but is disconnected. */
        DISCONNECTED
    }

    /** Horizon's {@code session_state}. */
    public enum SessionState {
        /** The user is connected. */
        CONNECTED,
        /** The session exists, the user is not connected. */
        DISCONNECTED,
        /** The session is being set up. */
        PENDING
    }

    /**
     * A user of the directory.
     *
     * @param id Huawei user id
     * @param name login name
     * @param domain Active Directory domain
     * @param sid Windows security identifier, Horizon's {@code user_id}
     * @param userGroup Huawei {@code user_group}
     */
    public record User(String id, String name, String domain, String sid, String userGroup) { }

    /**
     * A desktop pool.
     *
     * @param id pool id (Huawei {@code pool_id}, Horizon {@code desktop_pool_id})
     * @param name pool name
     * @param desktopIds ids of the desktops of the pool
     */
    public record Pool(String id, String name, List<String> desktopIds) {
        /**
         * Copies the list, so later changes to {@code desktopIds} do not show in the pool.
         *
         * @param id pool id (Huawei {@code pool_id}, Horizon {@code desktop_pool_id})
         * @param name pool name
         * @param desktopIds ids of the desktops of the pool
         * @throws NullPointerException if {@code desktopIds} or one of its elements is {@code null}
         */
        public Pool {
            desktopIds = List.copyOf(desktopIds);
        }
    }

    /**
     * A desktop (Huawei) / machine (Horizon).
     *
     * @param id desktop id, also the Horizon machine id
     * @param name desktop name
     * @param poolId id of its pool, or {@code null}
     * @param status connection status
     * @param userName login name of the assigned user
     */
    public record Desktop(String id, String name, String poolId, ConnectStatus status, String userName) {
        /** @return the pool id, if the desktop is in a pool */
        public Optional<String> pool() {
            return Optional.ofNullable(poolId);
        }

        /** @return true when a user is connected */
        public boolean connected() {
            return status == ConnectStatus.CONNECTED;
        }
    }

    /**
     * A Horizon session.
     *
     * @param id session id
     * @param userSid SID of the user, Horizon's {@code user_id}
     * @param userName login name of the user
     * @param desktopId the desktop (machine) the session runs on
     * @param poolId the pool of that desktop, or {@code null}
     * @param state session state
     */
    public record Session(String id, String userSid, String userName, String desktopId, String poolId,
                          SessionState state) { }

    private final long seed;
    private final List<Desktop> desktops;
    private final List<Pool> pools;
    private final List<User> users;
    private final List<Session> sessions;
    private final Map<String, Desktop> desktopsById;
    private final Map<String, Pool> poolsById;
    private final Map<String, User> usersByName;
    private final Map<String, Session> sessionsById;
    private final Map<String, List<Desktop>> desktopsByUser;

    private Inventory(Builder b) {
        this.seed = b.seed;
        Random random = new Random(b.seed);
        String sidPrefix = "S-1-5-21-" + (1_000_000_000L + (random.nextInt() & 0x7fffffff) % 1_000_000_000L)
                + "-" + (1_000_000_000L + (random.nextInt() & 0x7fffffff) % 1_000_000_000L)
                + "-" + (1_000_000_000L + (random.nextInt() & 0x7fffffff) % 1_000_000_000L);

        List<User> userList = new ArrayList<>(b.users);
        for (int i = 0; i < b.users; i++) {
            String name = String.format("user%05d", i + 1);
            userList.add(new User(hex32(random), name, b.domain, sidPrefix + "-" + (1100 + i), "default"));
        }

        int n = b.desktops;
        List<ConnectStatus> statuses = new ArrayList<>(n);
        int connected = (int) Math.round(n * b.connectedFraction);
        int disconnected = (int) Math.round(n * b.disconnectedFraction);
        int unregistered = (int) Math.round(n * b.unregisteredFraction);
        for (int i = 0; i < n; i++) {
            if (i < connected) {
                statuses.add(ConnectStatus.CONNECTED);
            } else if (i < connected + disconnected) {
                statuses.add(ConnectStatus.DISCONNECTED);
            } else if (i < connected + disconnected + unregistered) {
                statuses.add(ConnectStatus.UNREGISTER);
            } else {
                statuses.add(ConnectStatus.REGISTERED);
            }
        }
        Collections.shuffle(statuses, random);

        List<String> poolIds = new ArrayList<>(b.pools);
        for (int p = 0; p < b.pools; p++) {
            poolIds.add(uuid(random));
        }
        String[] poolOf = new String[n];
        if (b.pools > 0) {
            List<Integer> order = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            int pooled = (int) Math.round(n * b.pooledFraction);
            for (int k = 0; k < pooled; k++) {
                poolOf[order.get(k)] = poolIds.get(k % b.pools);
            }
        }

        List<Desktop> desktopList = new ArrayList<>(n);
        List<Session> sessionList = new ArrayList<>();
        Map<String, List<String>> poolMembers = new LinkedHashMap<>();
        poolIds.forEach(id -> poolMembers.put(id, new ArrayList<>()));
        for (int i = 0; i < n; i++) {
            User user = userList.get(i % userList.size());
            Desktop d = new Desktop(uuid(random), String.format("desk-%05d", i + 1), poolOf[i], statuses.get(i),
                    user.name());
            desktopList.add(d);
            if (d.poolId() != null) {
                poolMembers.get(d.poolId()).add(d.id());
            }
            if (d.status() == ConnectStatus.CONNECTED || d.status() == ConnectStatus.DISCONNECTED) {
                SessionState state = d.status() == ConnectStatus.CONNECTED
                        ? SessionState.CONNECTED : SessionState.DISCONNECTED;
                sessionList.add(new Session(uuid(random), user.sid(), user.name(), d.id(), d.poolId(), state));
            }
        }
        List<Pool> poolList = new ArrayList<>(b.pools);
        for (int p = 0; p < b.pools; p++) {
            String id = poolIds.get(p);
            poolList.add(new Pool(id, String.format("pool-%02d", p + 1), poolMembers.get(id)));
        }

        this.desktops = List.copyOf(desktopList);
        this.pools = List.copyOf(poolList);
        this.users = List.copyOf(userList);
        this.sessions = List.copyOf(sessionList);
        Map<String, Desktop> byId = new HashMap<>();
        Map<String, List<Desktop>> byUser = new HashMap<>();
        for (Desktop d : desktops) {
            byId.put(d.id(), d);
            byUser.computeIfAbsent(d.userName(), k -> new ArrayList<>()).add(d);
        }
        byUser.replaceAll((k, v) -> List.copyOf(v));
        this.desktopsById = Map.copyOf(byId);
        this.desktopsByUser = Map.copyOf(byUser);
        Map<String, Pool> pById = new HashMap<>();
        pools.forEach(p -> pById.put(p.id(), p));
        this.poolsById = Map.copyOf(pById);
        Map<String, User> uByName = new HashMap<>();
        users.forEach(u -> uByName.put(u.name(), u));
        this.usersByName = Map.copyOf(uByName);
        Map<String, Session> sById = new HashMap<>();
        sessions.forEach(s -> sById.put(s.id(), s));
        this.sessionsById = Map.copyOf(sById);
    }

    private static String uuid(Random random) {
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private static String hex32(Random random) {
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }

    /** @return a builder with the defaults: seed 1, 100 desktops, 4 pools, ... */
    public static Builder builder() {
        return new Builder();
    }

    /** @return an inventory made with the builder's defaults */
    public static Inventory ofDefaults() {
        return builder().build();
    }

    /** @return the seed it was generated from */
    public long seed() {
        return seed;
    }

    /** @return all desktops, in generation order */
    public List<Desktop> desktops() {
        return desktops;
    }

    /** @return all pools */
    public List<Pool> pools() {
        return pools;
    }

    /** @return all users */
    public List<User> users() {
        return users;
    }

    /** @return all Horizon sessions */
    public List<Session> sessions() {
        return sessions;
    }

    /** @return ids of all desktops */
    public List<String> desktopIds() {
        return desktops.stream().map(Desktop::id).toList();
    }

    /** @return ids of the desktops whose status is {@link ConnectStatus#CONNECTED} */
    public List<String> connectedDesktopIds() {
        return desktops.stream().filter(Desktop::connected).map(Desktop::id).toList();
    }

    /** @return ids of the sessions whose state is {@link SessionState#CONNECTED} */
    public List<String> connectedSessionIds() {
        return sessions.stream().filter(s -> s.state() == SessionState.CONNECTED).map(Session::id).toList();
    }

    /**
     * @param id a desktop id
     * @return the desktop, if it exists
     */
    public Optional<Desktop> desktop(String id) {
        return Optional.ofNullable(desktopsById.get(id));
    }

    /**
     * @param id a pool id
     * @return the pool, if it exists
     */
    public Optional<Pool> pool(String id) {
        return Optional.ofNullable(poolsById.get(id));
    }

    /**
     * @param name a login name
     * @return the user, if it exists
     */
    public Optional<User> user(String name) {
        return Optional.ofNullable(usersByName.get(name));
    }

    /**
     * @param id a session id
     * @return the session, if it exists
     */
    public Optional<Session> session(String id) {
        return Optional.ofNullable(sessionsById.get(id));
    }

    /**
     * @param userName a login name
     * @return the desktops assigned to that user; empty if none
     */
    public List<Desktop> desktopsOfUser(String userName) {
        return desktopsByUser.getOrDefault(userName, List.of());
    }

    /**
     * @param userName a login name
     * @return the sessions of that user; empty if none
     */
    public List<Session> sessionsOfUser(String userName) {
        return sessions.stream().filter(s -> s.userName().equals(userName)).toList();
    }

    /**
     * @param poolId a pool id
     * @return the sessions on desktops of that pool
     */
    public List<Session> sessionsInPool(String poolId) {
        return sessions.stream().filter(s -> poolId.equals(s.poolId())).toList();
    }

    @Override
    public String toString() {
        return "Inventory[seed=" + seed + ", desktops=" + desktops.size() + ", pools=" + pools.size()
                + ", users=" + users.size() + ", sessions=" + sessions.size() + "]";
    }

    /**
     * Settings of a generated inventory. Setters reject bad input naming the parameter;
     * {@link #build()} rejects fractions that add up to more than 1.
     */
    public static final class Builder {
        private long seed = 1;
        private int desktops = 100;
        private int pools = 4;
        private double pooledFraction = 0.5;
        private int users = -1;
        private double connectedFraction = 0.6;
        private double disconnectedFraction = 0.3;
        private double unregisteredFraction = 0.0;
        private String domain = "DESKNOTIFY";

        private Builder() {
        }

        /**
         * @param seed the random seed (default 1)
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param count number of desktops, at least 0 (default 100)
         * @return this builder
         */
        public Builder desktops(int count) {
            this.desktops = nonNegative(count, "desktops");
            return this;
        }

        /**
         * @param count number of pools, at least 0 (default 4)
         * @return this builder
         */
        public Builder pools(int count) {
            this.pools = nonNegative(count, "pools");
            return this;
        }

        /**
         * @param fraction share of desktops that belong to a pool, spread round-robin (default 0.5)
         * @return this builder
         */
        public Builder pooledFraction(double fraction) {
            this.pooledFraction = fraction(fraction, "pooledFraction");
            return this;
        }

        /**
         * @param count number of users, at least 1; desktop {@code i} is assigned user
         *     {@code i % users} (default: as many users as desktops)
         * @return this builder
         */
        public Builder users(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("users must be at least 1: " + count);
            }
            this.users = count;
            return this;
        }

        /**
         * @param fraction share of desktops that are CONNECTED (default 0.6)
         * @return this builder
         */
        public Builder connectedFraction(double fraction) {
            this.connectedFraction = fraction(fraction, "connectedFraction");
            return this;
        }

        /**
         * @param fraction share of desktops that are DISCONNECTED (default 0.3); the rest
         *     not connected, disconnected or unregistered are REGISTERED
         * @return this builder
         */
        public Builder disconnectedFraction(double fraction) {
            this.disconnectedFraction = fraction(fraction, "disconnectedFraction");
            return this;
        }

        /**
         * @param fraction share of desktops that are UNREGISTER (default 0)
         * @return this builder
         */
        public Builder unregisteredFraction(double fraction) {
            this.unregisteredFraction = fraction(fraction, "unregisteredFraction");
            return this;
        }

        /**
         * @param domain Active Directory domain of every user (default {@code DESKNOTIFY})
         * @return this builder
         */
        public Builder domain(String domain) {
            Objects.requireNonNull(domain, "domain");
            if (domain.isBlank()) {
                throw new IllegalArgumentException("domain must not be blank");
            }
            this.domain = domain;
            return this;
        }

        /**
         * @return the generated inventory
         * @throws IllegalStateException if the status fractions add up to more than 1
         */
        public Inventory build() {
            if (connectedFraction + disconnectedFraction + unregisteredFraction > 1.0 + 1e-9) {
                throw new IllegalStateException("connectedFraction + disconnectedFraction + unregisteredFraction"
                        + " must not exceed 1: " + (connectedFraction + disconnectedFraction + unregisteredFraction));
            }
            Builder copy = new Builder();
            copy.seed = seed;
            copy.desktops = desktops;
            copy.pools = pools;
            copy.pooledFraction = pooledFraction;
            copy.users = users < 0 ? Math.max(1, desktops) : users;
            copy.connectedFraction = connectedFraction;
            copy.disconnectedFraction = disconnectedFraction;
            copy.unregisteredFraction = unregisteredFraction;
            copy.domain = domain;
            return new Inventory(copy);
        }

        private static int nonNegative(int v, String name) {
            if (v < 0) {
                throw new IllegalArgumentException(name + " must not be negative: " + v);
            }
            return v;
        }

        private static double fraction(double v, String name) {
            if (!(v >= 0.0 && v <= 1.0)) {
                throw new IllegalArgumentException(name + " must be within [0, 1]: " + v);
            }
            return v;
        }
    }
}
