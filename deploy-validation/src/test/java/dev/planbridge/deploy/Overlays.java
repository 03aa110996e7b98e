package dev.planbridge.deploy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The overlays under deploy/k8s/overlays, each rendered once per test JVM. */
final class Overlays {

    static final List<String> ALL = List.of("demo", "production");

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private Overlays() {
    }

    static Manifests rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay,
                o -> Manifests.render(RepoFiles.resolve("deploy/k8s/overlays/" + o)));
    }
}
