package io.desknotify.transport.http.huawei;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.desknotify.api.Notification;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.api.TransportException;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.api.spi.Batch;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same TLS setting as Horizon's: certificates are verified, a private CA is trusted only through sslContext. */
class HuaweiTlsTest {
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();
    private static final Notification TEXT = Notification.builder().message("Maintenance").build();

    @TempDir
    static Path dir;
    static HttpsServer server;
    static SSLContext clientTrustingTheServer;
    static final AtomicInteger answered = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        // A self-signed certificate for 127.0.0.1, made with the JDK's keytool.
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "workspace",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(STORE_PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(out).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, STORE_PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"job_id\":\"job-tls\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
            answered.incrementAndGet();
        });
        server.start();

        Certificate cert = keys.getCertificate("workspace");
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("private-ca", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        clientTrustingTheServer = SSLContext.getInstance("TLS");
        clientTrustingTheServer.init(null, tmf.getTrustManagers(), null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static HuaweiWorkspaceTransport.Builder transport() {
        return HuaweiWorkspaceTransport.builder()
                .endpoint(URI.create("https://127.0.0.1:" + server.getAddress().getPort()))
                .projectId("proj-1").accessKey("AK").secretKey("sk".toCharArray());
    }

    static Batch batch() {
        return new Batch("j", TargetKind.DESKTOP, List.of(Target.desktop("d-1")), TEXT, 1);
    }

    @Test
    void anUntrustedCertificateIsRefusedAsFatalNamingTheSslContextSetting() throws Exception {
        int before = answered.get();
        try (HuaweiWorkspaceTransport t = transport().build()) {
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> t.deliver(batch()).toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertThat(e.getCause()).isInstanceOf(TransportException.class);
            TransportException te = (TransportException) e.getCause();
            assertThat(te.retryability()).isEqualTo(Retryability.FATAL);
            assertThat(te.getMessage()).contains("TLS", "sslContext");
        }
        assertThat(answered.get()).isEqualTo(before);
    }

    @Test
    void aSuppliedSslContextTrustsAPrivateCa() throws Exception {
        try (HuaweiWorkspaceTransport t = transport().sslContext(clientTrustingTheServer).build()) {
            assertThat(t.deliver(batch()).toCompletableFuture().get(10, TimeUnit.SECONDS).providerJobId())
                    .contains("job-tls");
        }
    }
}
