/**
 * An emulator as a process of its own: {@link io.desknotify.testkit.standalone.StandaloneEmulator}, for tests that
 * kill the JVM under test while the emulator and its journal live on, and for tests in other languages.
 *
 * <p>The provider's API is served exactly as by the emulators in {@code io.desknotify.testkit.huawei} and
 * {@code io.desknotify.testkit.horizon} (whose package comments hold the provider facts and their sources); what
 * only a test needs (the journal, the inventory, faults, shutting down) is served on a control port of its own, so
 * that the provider's API answers nothing the real one would not.
 */
package io.desknotify.testkit.standalone;
