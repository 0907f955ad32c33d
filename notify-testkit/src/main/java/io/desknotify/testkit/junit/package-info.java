/**
 * Optional JUnit Jupiter support: {@link io.desknotify.testkit.junit.EmulatorExtension}.
 * Needs {@code junit-jupiter-api} on the class path (the testkit declares it {@code provided}).
 */
package io.desknotify.testkit.junit;
