/**
 * Implementation of the emulators (HTTP server, journal, fault engine, request limits, token issuer, JSON
 * helpers). Not an API: public only so the provider packages can share it; it may change at any time.
 *
 * <p>An emulator is an {@link io.desknotify.testkit.internal.EmulatorCore} (journal, faults, server, made from
 * the settings of its {@code EmulatorBuilder}) started with the provider's
 * {@link io.desknotify.testkit.internal.EmulatorServer.Handler} and {@link io.desknotify.testkit.internal.Dialect};
 * see the {@linkplain io.desknotify.testkit package documentation} for the recipe.
 */
package io.desknotify.testkit.internal;
