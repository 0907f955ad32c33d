package io.desknotify.testkit.compat;

import io.desknotify.api.Target;
import io.desknotify.api.spi.Transport;
import io.desknotify.testkit.Emulator;
import io.desknotify.testkit.Fault;
import io.desknotify.testkit.FaultInjector;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Journal;
import io.desknotify.testkit.RecordedRequest;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.Trigger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The provider's emulator started for one check, plus what the kit asks of it. */
final class Rig implements AutoCloseable {
    private final TransportCompatibilityKit kit;
    final Emulator emulator;
    final List<Target> targets;

    Rig(TransportCompatibilityKit kit, Inventory inventory, EmulatorOptions options) {
        this.kit = kit;
        this.emulator = kit.startEmulator(inventory, options);
        try {
            this.targets = List.copyOf(kit.targets(inventory));
        } catch (RuntimeException | Error e) {
            emulator.close();
            throw e;
        }
    }

    Journal journal() {
        return emulator.journal();
    }

    FaultInjector faults() {
        return emulator.faults();
    }

    Route sendRoute() {
        return kit.sendRoute();
    }

    /** The send route and the follow-up routes: every request a job's notification traffic makes. */
    List<Route> notificationRoutes() {
        List<Route> all = new ArrayList<>();
        all.add(kit.sendRoute());
        all.addAll(kit.followUpRoutes());
        return all;
    }

    Transport transport(UnaryOperator<ClientSettings> custom) {
        return kit.transport(emulator.baseUri(), custom.apply(ClientSettings.defaults()));
    }

    Transport transport() {
        return transport(s -> s);
    }

    void injectEverywhere(Fault fault, Trigger trigger) {
        for (Route r : notificationRoutes()) {
            faults().inject(r, fault, trigger);
        }
    }

    int strikes() {
        return notificationRoutes().stream().mapToInt(r -> faults().strikes(r)).sum();
    }

    /** Target ids named in the send requests the emulator received: requests that may have acted. */
    Set<String> idsInSendRequests() {
        Set<String> ids = new HashSet<>();
        for (RecordedRequest r : journal().requests(kit.sendRoute())) {
            ids.addAll(kit.targetIdsIn(r));
        }
        return ids;
    }

    /** Every secret that must never show: the configured credentials and every token seen on the wire. */
    Set<String> secrets() {
        Set<String> s = new LinkedHashSet<>(kit.credentials());
        s.addAll(kit.tokensSeen(journal()));
        return s;
    }

    @Override
    public void close() {
        emulator.close();
    }
}
