/** The Horizon Server REST emulator: {@link io.desknotify.testkit.horizon.HorizonEmulator}. */
package io.desknotify.testkit.horizon;
