/**
 * Implementation of the emulators (HTTP server, journal, fault engine, JSON helpers). Not an
 * API: public only so the provider packages can share it; it may change at any time.
 */
package io.desknotify.testkit.internal;
