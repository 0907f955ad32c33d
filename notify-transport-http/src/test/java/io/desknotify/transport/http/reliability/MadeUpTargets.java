package io.desknotify.transport.http.reliability;

import io.desknotify.api.Target;
import java.util.List;
import java.util.stream.IntStream;

/** Made-up target ids for a hostile server that knows no inventory. */
final class MadeUpTargets {
    private MadeUpTargets() {
    }

    static List<Target> of(Rig.Kind kind, int count) {
        return IntStream.range(0, count).mapToObj(i -> kind == Rig.Kind.HUAWEI
                ? (Target) Target.desktop("hostile-d-" + i) : (Target) Target.session("hostile-s-" + i)).toList();
    }
}
