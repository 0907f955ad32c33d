package io.desknotify.transport.http.internal;

import io.desknotify.api.TransportException.Retryability;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Decides whether a failed HTTP exchange may have reached the provider, from the exception the JDK
 * {@link java.net.http.HttpClient} gave.
 *
 * <ul>
 *   <li>No connection was made (refused, no route, unknown host, connect timeout): nothing was sent, so
 *   {@link Retryability#RETRYABLE}.</li>
 *   <li>TLS handshake failure: nothing was sent, but repeating will not fix a certificate, so
 *   {@link Retryability#FATAL}.</li>
 *   <li>Anything after the connection was made (request timeout, reset or EOF while waiting for or reading the
 *   answer): the provider may have acted, so {@link Retryability#AMBIGUOUS}.</li>
 * </ul>
 */
public final class IoFailures {
    private IoFailures() {
    }

    /** Strips the {@link CompletionException} / {@link ExecutionException} wrappers of async stages. */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** Classifies a failure of an exchange that produced no HTTP status. */
    public static Retryability classify(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof HttpConnectTimeoutException) {
            return Retryability.RETRYABLE;
        }
        if (t instanceof HttpTimeoutException) {
            return Retryability.AMBIGUOUS;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof NoRouteToHostException
                    || c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
                return Retryability.RETRYABLE;
            }
            if (c instanceof SSLHandshakeException) {
                return Retryability.FATAL;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return Retryability.AMBIGUOUS;
    }

    /** A short description for an exception message: the exception's simple name and message, nothing else. */
    public static String describe(Throwable failure) {
        Throwable t = unwrap(failure);
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
