package dev.planbridge.planning.csv;

import dev.planbridge.planning.common.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Every {@link CsvKind} bean of the service, by its path: where the resource looks up the kind a URL names. */
@ApplicationScoped
public class CsvKinds {

    private final Map<String, CsvKind> byPath;

    @Inject
    public CsvKinds(Instance<CsvKind> kinds) {
        this((Iterable<CsvKind>) kinds);
    }

    /** Sorted by path, so the list in a 404 reads the same every time; two kinds of one path are a wiring bug. */
    CsvKinds(Iterable<CsvKind> kinds) {
        Map<String, CsvKind> index = new TreeMap<>();
        for (CsvKind kind : kinds) {
            CsvKind before = index.putIfAbsent(kind.path(), kind);
            if (before != null) {
                throw new IllegalStateException("Two CSV kinds are called '" + kind.path() + "': "
                        + before.getClass().getName() + " and " + kind.getClass().getName());
            }
        }
        this.byPath = Collections.unmodifiableMap(index);
    }

    public CsvKind importable(String path) {
        CsvKind kind = byPath.get(path);
        if (kind == null) {
            throw Problem.notFound("Nothing to import as '" + path + "'; use one of " + byPath.keySet());
        }
        return kind;
    }

    /** The export query of {@code path}, or null when no kind has that path. */
    public String exportQuery(String path) {
        CsvKind kind = byPath.get(path);
        return kind == null ? null : kind.exportQuery();
    }

    /** Every kind's path, sorted. */
    public Set<String> paths() {
        return byPath.keySet();
    }
}
