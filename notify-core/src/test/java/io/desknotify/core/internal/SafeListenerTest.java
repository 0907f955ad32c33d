package io.desknotify.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.api.NotifyListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafeListenerTest {

    @Test
    void anErrorIsContainedAndTheNextListenerStillHears() {
        List<String> heard = new ArrayList<>();
        NotifyListener failing = new NotifyListener() {
            @Override
            public void jobStarted(String jobId, int targets) {
                throw new AssertionError("a test's listener failed");
            }
        };
        NotifyListener recording = new NotifyListener() {
            @Override
            public void jobStarted(String jobId, int targets) {
                heard.add(jobId);
            }
        };

        new SafeListener(List.of(failing, recording)).jobStarted("job-1", 3);

        assertThat(heard).containsExactly("job-1");
    }

    @Test
    void aVirtualMachineErrorPropagates() {
        NotifyListener oom = new NotifyListener() {
            @Override
            public void jobStarted(String jobId, int targets) {
                throw new OutOfMemoryError("simulated");
            }
        };

        assertThatThrownBy(() -> new SafeListener(List.of(oom)).jobStarted("job-1", 3))
                .isInstanceOf(OutOfMemoryError.class);
    }
}
