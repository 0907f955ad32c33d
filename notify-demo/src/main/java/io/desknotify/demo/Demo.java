package io.desknotify.demo;

import io.desknotify.api.DeliveryRecord;
import io.desknotify.api.JobReport;
import io.desknotify.api.Notification;
import io.desknotify.api.NotificationJob;
import io.desknotify.api.Outcome;
import io.desknotify.api.RecordQuery;
import io.desknotify.api.SendOptions;
import io.desknotify.api.Severity;
import io.desknotify.api.Target;
import io.desknotify.core.Notifier;
import io.desknotify.core.RateLimitSettings;
import io.desknotify.core.RetrySettings;
import io.desknotify.testkit.Fault;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.Trigger;
import io.desknotify.testkit.Journal;
import io.desknotify.testkit.azure.AzureVirtualDesktopEmulator;
import io.desknotify.testkit.citrix.CitrixDaasEmulator;
import io.desknotify.testkit.horizon.HorizonEmulator;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import io.desknotify.transport.http.azure.AzureVirtualDesktopTransport;
import io.desknotify.transport.http.citrix.CitrixDaasTransport;
import io.desknotify.transport.http.horizon.HorizonTransport;
import io.desknotify.transport.http.huawei.HuaweiWorkspaceTransport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the Huawei Workspace, Horizon, Azure Virtual Desktop and Citrix DaaS emulators on loopback, sends one
 * notification through the real HTTP transports to every Huawei desktop and Horizon session (only to connected
 * ones), to every Azure Virtual Desktop user and to every Citrix delivery group, prints progress, the report and a
 * few records, and checks the report against what the emulators say they showed.
 */
public final class Demo {
    private static final String AK = "DEMO-ACCESS-KEY";
    private static final String SK = "demo-secret-key-never-printed";
    private static final String HORIZON_PASSWORD = "demo-password-never-printed";
    private static final String AZURE_CLIENT = "demo-azure-client";
    private static final String AZURE_SECRET = "demo-azure-secret-never-printed";
    private static final String CITRIX_CLIENT = "demo-citrix-client";
    private static final String CITRIX_SECRET = "demo-citrix-secret-never-printed";

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        int desktops = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        System.exit(run(desktops, System.out) ? 0 : 1);
    }

    /** Runs the demo; true when the report's counts match the emulators' journals. */
    public static boolean run(int desktops, PrintStream out) throws Exception {
        Inventory inventory = Inventory.builder().seed(2026).desktops(desktops).pools(10)
                .connectedFraction(0.8).disconnectedFraction(0.15).unregisteredFraction(0.05).build();
        // the session-per-call providers get a smaller world of their own: one request per session
        Inventory small = Inventory.builder().seed(2027).desktops(Math.max(10, desktops / 10)).pools(4)
                .pooledFraction(1.0).connectedFraction(0.8).disconnectedFraction(0.15).unregisteredFraction(0.05)
                .build();
        try (HuaweiWorkspaceEmulator huawei = HuaweiWorkspaceEmulator.builder().inventory(inventory)
                        .credentials(AK, SK).jobPolls(2).start();
                HorizonEmulator horizon = HorizonEmulator.builder().inventory(inventory)
                        .login("DEMO", "svc-notify", HORIZON_PASSWORD).accessTokenMaxUses(40).start();
                AzureVirtualDesktopEmulator azure = AzureVirtualDesktopEmulator.builder().inventory(small)
                        .client(AZURE_CLIENT, AZURE_SECRET).start();
                CitrixDaasEmulator citrix = CitrixDaasEmulator.builder().inventory(small)
                        .apiClient(CITRIX_CLIENT, CITRIX_SECRET).start()) {
            List<Journal> journals = List.of(huawei.journal(), horizon.journal(), azure.journal(), citrix.journal());
            // a little weather: the provider throttles now and then, as real ones do
            huawei.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.throttled(Duration.ofMillis(200)),
                    Trigger.next(1));
            horizon.faults().inject(Route.HORIZON_SEND_MESSAGE, Fault.serviceUnavailable(Duration.ofMillis(100)),
                    Trigger.next(1));

            Notifier notifier = Notifier.builder()
                    .transport(HuaweiWorkspaceTransport.builder().endpoint(huawei.baseUri())
                            .projectId(huawei.projectId()).accessKey(AK).secretKey(SK.toCharArray()).build())
                    .transport(HorizonTransport.builder().baseUri(horizon.baseUri()).domain("DEMO")
                            .username("svc-notify").password(HORIZON_PASSWORD.toCharArray()).build())
                    .transport(AzureVirtualDesktopTransport.builder().baseUri(azure.baseUri())
                            .loginUri(azure.baseUri()).tenantId(azure.tenantId()).clientId(AZURE_CLIENT)
                            .clientSecret(AZURE_SECRET.toCharArray()).subscriptionId(azure.subscriptionId())
                            .resourceGroup(azure.resourceGroup()).hostPools(azure.hostPoolNames()).build())
                    .transport(CitrixDaasTransport.builder().baseUri(citrix.baseUri())
                            .customerId(citrix.customerId()).clientId(CITRIX_CLIENT)
                            .clientSecret(CITRIX_SECRET.toCharArray()).build())
                    .retry(RetrySettings.defaults())
                    .rateLimit(RateLimitSettings.perSecond(200))
                    .maxConcurrentBatches(8)
                    .jobPolling(Duration.ofMillis(100), Duration.ofMinutes(1))
                    .build();
            try (notifier) {
                List<Target> targets = new ArrayList<>();
                inventory.desktopIds().forEach(id -> targets.add(Target.desktop(id)));
                inventory.sessions().forEach(s -> targets.add(Target.session(s.id()).via("horizon")));
                small.users().forEach(u -> targets.add(Target.user(azure.userPrincipalName(u.name()))
                        .via(AzureVirtualDesktopTransport.DEFAULT_NAME)));
                small.pools().forEach(p -> targets.add(Target.desktopPool(p.name()).via(CitrixDaasTransport.DEFAULT_NAME)));
                out.printf("Sending to %,d desktops (Huawei Workspace at %s), %,d sessions (Horizon at %s),"
                        + " %,d users (Azure Virtual Desktop at %s) and %,d delivery groups (Citrix DaaS at %s)%n",
                        inventory.desktopIds().size(), huawei.baseUri(), inventory.sessions().size(),
                        horizon.baseUri(), small.users().size(), azure.baseUri(), small.pools().size(),
                        citrix.baseUri());

                NotificationJob job = notifier.send(
                        Notification.builder().title("Maintenance tonight")
                                .message("Maintenance at 22:00: please save your work.")
                                .severity(Severity.WARNING).build(),
                        targets, SendOptions.builder().onlyConnected(true).build());
                JobReport report = null;
                while (report == null) {
                    try {
                        report = job.completion().get(250, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException stillRunning) {
                        var p = job.progress();
                        out.printf("  progress: %,d of %,d targets done %s%n", p.done(), p.targets(), p.counts());
                    }
                }
                out.println("Report: " + report);

                out.println("A few records:");
                for (Outcome o : List.of(Outcome.DELIVERED, Outcome.SKIPPED, Outcome.FAILED, Outcome.UNKNOWN)) {
                    for (DeliveryRecord r : notifier.records(RecordQuery.builder().jobId(job.id()).outcome(o)
                            .limit(2).build()).items()) {
                        out.println("  " + r);
                    }
                }

                long shown = journals.stream().mapToLong(Journal::totalShown).sum();
                long twice = journals.stream().mapToLong(j -> j.targetsShownMoreThanOnce().size()).sum();
                long delivered = report.count(Outcome.DELIVERED);
                long outsideContract = journals.stream().mapToLong(j -> j.contractViolations().size()).sum();
                boolean match = delivered == shown && twice == 0 && outsideContract == 0
                        && report.count(Outcome.FAILED) + report.count(Outcome.UNKNOWN) == 0;
                out.printf("Emulator journals: %,d notifications shown (%,d Huawei, %,d Horizon, %,d Azure Virtual "
                        + "Desktop, %,d Citrix), %d shown twice, %d requests outside the providers' API contracts%n",
                        shown, huawei.journal().totalShown(), horizon.journal().totalShown(),
                        azure.journal().totalShown(), citrix.journal().totalShown(), twice, outsideContract);
                out.println(match ? "Check: the report matches the journals."
                        : "Check FAILED: report says " + delivered + " delivered, journals say " + shown);
                return match;
            }
        }
    }
}
