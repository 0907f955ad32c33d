package io.desknotify.transport.http.horizon;

import static io.desknotify.transport.http.horizon.HorizonTestSupport.await;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.batch;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.failure;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.transport;
import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.Outcome;
import io.desknotify.api.TransportException;
import io.desknotify.api.TransportException.Retryability;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates are verified: a private CA is trusted only through a supplied SSLContext. */
class HorizonTlsTest {
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    static HorizonStub stub;
    static SSLContext clientTrustingTheStub;

    @BeforeAll
    static void start() throws Exception {
        // A self-signed certificate for 127.0.0.1, made with the JDK's keytool.
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "horizon",
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
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        stub = new HorizonStub(server);
        stub.answer(HorizonTransport.SEND_PATH, HorizonStub.Answer.json(200, "[{\"id\":\"s1\",\"status_code\":200}]"));

        Certificate cert = keys.getCertificate("horizon");
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("private-ca", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        clientTrustingTheStub = SSLContext.getInstance("TLS");
        clientTrustingTheStub.init(null, tmf.getTrustManagers(), null);
    }

    @AfterAll
    static void stop() {
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void anUntrustedCertificateIsRefusedAsFatalAndNothingIsSent() {
        HorizonTransport t = transport(stub.baseUri()).build();
        try {
            TransportException e = failure(t.deliver(batch(List.of("s1"))));

            assertThat(e.retryability()).isEqualTo(Retryability.FATAL);
            assertThat(e.getMessage()).contains("TLS", "sslContext");
        } finally {
            t.close();
        }
    }

    @Test
    void aSuppliedSslContextTrustsAPrivateCa() {
        HorizonTransport t = transport(stub.baseUri()).sslContext(clientTrustingTheStub).build();
        try {
            assertThat(await(t.deliver(batch(List.of("s1")))).defaultOutcome()).isEqualTo(Outcome.DELIVERED);
        } finally {
            t.close();
        }
    }
}
