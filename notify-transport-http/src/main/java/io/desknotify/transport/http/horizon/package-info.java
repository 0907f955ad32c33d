/**
 * The VMware/Omnissa Horizon Server REST transport: {@link io.desknotify.transport.http.horizon.HorizonTransport}
 * (built with its builder) and {@link io.desknotify.transport.http.horizon.HorizonTransportFactory} (provider id
 * {@code horizon}, found by {@link java.util.ServiceLoader}). Everything else in the package is package-private.
 */
package io.desknotify.transport.http.horizon;
