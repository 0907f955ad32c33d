/**
 * Loopback HTTP emulators of the VDI providers' notification APIs, for tests, benchmarks and
 * demos: the common types ({@link io.desknotify.testkit.Emulator}, {@link io.desknotify.testkit.Inventory},
 * {@link io.desknotify.testkit.Journal}, {@link io.desknotify.testkit.Route},
 * {@link io.desknotify.testkit.Fault}, {@link io.desknotify.testkit.Trigger}). The emulators
 * themselves are in {@code io.desknotify.testkit.huawei} and {@code io.desknotify.testkit.horizon}.
 */
package io.desknotify.testkit;
