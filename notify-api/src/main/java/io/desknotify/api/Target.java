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

    /**
     * The kind of this target.
     *
     * @return the kind
     */
    TargetKind kind();

    /**
     * The provider's identifier of this target (a desktop id, pool id, session id or user name).
     *
     * @return the id or name
     */
    String value();

    /**
     * The provider (transport name) that should reach this target.
     *
     * @return the provider name, or {@code null} for the notifier's default provider
     */
    String provider();

    /**
     * A copy of this target routed to the named provider.
     *
     * @param provider the transport name, or {@code null} for the default provider
     * @return the routed target
     */
    Target via(String provider);

    /**
     * A desktop of the default provider.
     *
     * @param id the desktop id, single-line, without control characters, at most 512 chars
     * @return the target
     * @throws InvalidRequestException with field {@code desktop id} when the id is invalid
     */
    static Desktop desktop(String id) {
        return new Desktop(id, null);
    }

    /**
     * A desktop pool of the default provider.
     *
     * @param id the desktop pool id, single-line, without control characters, at most 512 chars
     * @return the target
     * @throws InvalidRequestException with field {@code desktop pool id} when the id is invalid
     */
    static DesktopPool desktopPool(String id) {
        return new DesktopPool(id, null);
    }

    /**
     * A session of the default provider.
     *
     * @param id the session id, single-line, without control characters, at most 512 chars
     * @return the target
     * @throws InvalidRequestException with field {@code session id} when the id is invalid
     */
    static Session session(String id) {
        return new Session(id, null);
    }

    /**
     * A user of the default provider.
     *
     * @param name the user name, single-line, without control characters, at most 512 chars
     * @return the target
     * @throws InvalidRequestException with field {@code user name} when the name is invalid
     */
    static User user(String name) {
        return new User(name, null);
    }

    /**
     * Creates a target of the given kind.
     *
     * @param kind     the kind
     * @param value    the id or user name
     * @param provider the transport name, or {@code null} for the default provider
     * @return the target
     * @throws InvalidRequestException naming the field when the value or provider is invalid
     */
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
        /**
         * Checks the desktop id and provider.
         *
         * @param id       the id
         * @param provider the transport name, or {@code null} for the default provider
         * @throws InvalidRequestException naming the field when one is blank, has a control character or is too long
         */
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
        /**
         * Checks the desktop pool id and provider.
         *
         * @param id       the id
         * @param provider the transport name, or {@code null} for the default provider
         * @throws InvalidRequestException naming the field when one is blank, has a control character or is too long
         */
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
        /**
         * Checks the session id and provider.
         *
         * @param id       the id
         * @param provider the transport name, or {@code null} for the default provider
         * @throws InvalidRequestException naming the field when one is blank, has a control character or is too long
         */
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
        /**
         * Checks the user name and provider.
         *
         * @param name     the user name
         * @param provider the transport name, or {@code null} for the default provider
         * @throws InvalidRequestException naming the field when one is blank, has a control character or is too long
         */
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
