package io.desknotify.api;

/**
 * Whom a notification is for. Each target may name the provider (transport) that reaches it; a target
 * without one goes to the {@code Notifier}'s default provider.
 *
 * <pre>{@code
 * List<Target> targets = List.of(
 *     Target.desktop("713340659-3049531573-3422099183-1117"),
 *     Target.desktopPool("a130ab3a-...").via("horizon-eu"),
 *     Target.user("zhangsan"));
 * }</pre>
 *
 * <p>Targets are immutable values; two targets are equal when kind, id and provider are equal.
 */
public sealed interface Target permits Target.Desktop, Target.DesktopPool, Target.Session, Target.User {

    /** The kind of this target. */
    TargetKind kind();

    /** The provider's identifier of this target (a desktop id, pool id, session id or user name). */
    String value();

    /** The provider (transport name) that should reach this target, or {@code null} for the default provider. */
    String provider();

    /** A copy of this target routed to the named provider. */
    Target via(String provider);

    static Desktop desktop(String id) {
        return new Desktop(id, null);
    }

    static DesktopPool desktopPool(String id) {
        return new DesktopPool(id, null);
    }

    static Session session(String id) {
        return new Session(id, null);
    }

    static User user(String name) {
        return new User(name, null);
    }

    /** Creates a target of the given kind. */
    static Target of(TargetKind kind, String value, String provider) {
        return switch (kind) {
            case DESKTOP -> new Desktop(value, provider);
            case DESKTOP_POOL -> new DesktopPool(value, provider);
            case SESSION -> new Session(value, provider);
            case USER -> new User(value, provider);
        };
    }

    /** One virtual desktop. */
    record Desktop(String id, String provider) implements Target {
        public Desktop {
            Checks.requireId(id, "desktop id");
            if (provider != null) {
                Checks.requireId(provider, "provider");
            }
        }

        @Override
        public TargetKind kind() {
            return TargetKind.DESKTOP;
        }

        @Override
        public String value() {
            return id;
        }

        @Override
        public Desktop via(String provider) {
            return new Desktop(id, provider);
        }
    }

    /** Every desktop (or session) of a desktop pool. */
    record DesktopPool(String id, String provider) implements Target {
        public DesktopPool {
            Checks.requireId(id, "desktop pool id");
            if (provider != null) {
                Checks.requireId(provider, "provider");
            }
        }

        @Override
        public TargetKind kind() {
            return TargetKind.DESKTOP_POOL;
        }

        @Override
        public String value() {
            return id;
        }

        @Override
        public DesktopPool via(String provider) {
            return new DesktopPool(id, provider);
        }
    }

    /** One user session. */
    record Session(String id, String provider) implements Target {
        public Session {
            Checks.requireId(id, "session id");
            if (provider != null) {
                Checks.requireId(provider, "provider");
            }
        }

        @Override
        public TargetKind kind() {
            return TargetKind.SESSION;
        }

        @Override
        public String value() {
            return id;
        }

        @Override
        public Session via(String provider) {
            return new Session(id, provider);
        }
    }

    /** Every desktop or session of one user, by login name. */
    record User(String name, String provider) implements Target {
        public User {
            Checks.requireId(name, "user name");
            if (provider != null) {
                Checks.requireId(provider, "provider");
            }
        }

        @Override
        public TargetKind kind() {
            return TargetKind.USER;
        }

        @Override
        public String value() {
            return name;
        }

        @Override
        public User via(String provider) {
            return new User(name, provider);
        }
    }
}
