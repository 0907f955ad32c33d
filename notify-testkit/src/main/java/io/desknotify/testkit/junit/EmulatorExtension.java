package io.desknotify.testkit.junit;

import io.desknotify.testkit.Emulator;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit Jupiter extension that runs an emulator for a test class, and gives every test a
 * clean journal and no faults.
 *
 * <p>Registered on a {@code static} field, the emulator starts once before all tests and
 * closes after them; on an instance field, it starts before and closes after each test.
 * JUnit is an optional ({@code provided}) dependency of the testkit: this class needs
 * {@code junit-jupiter-api} on the test class path.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmulatorExtension<HuaweiWorkspaceEmulator> HUAWEI =
 *         new EmulatorExtension<>(() -> HuaweiWorkspaceEmulator.builder().credentials("ak", "sk").start());
 *
 * @Test
 * void sendsOnce() {
 *     URI endpoint = HUAWEI.get().baseUri();
 *     ...
 * }
 * }</pre>
 *
 * @param <E> the emulator type
 */
public final class EmulatorExtension<E extends Emulator>
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final Supplier<E> starter;
    private volatile E emulator;
    private volatile boolean perClass;

    /**
     * @param starter starts the emulator, typically {@code () -> Builder...start()}
     */
    public EmulatorExtension(Supplier<E> starter) {
        this.starter = Objects.requireNonNull(starter, "starter");
    }

    /**
     * @return the running emulator
     * @throws IllegalStateException outside a test of the class that registered the extension
     */
    public E get() {
        E e = emulator;
        if (e == null) {
            throw new IllegalStateException("the emulator runs only during the tests of the registering class");
        }
        return e;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        emulator = Objects.requireNonNull(starter.get(), "starter returned null");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            emulator = Objects.requireNonNull(starter.get(), "starter returned null");
        } else {
            emulator.journal().clear();
            emulator.faults().clear();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    private void stop() {
        E e = emulator;
        emulator = null;
        if (e != null) {
            e.close();
        }
    }
}
