package dev.planbridge.planning.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.planning.common.Problem;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsvKindsTest {

    private record Named(String path) implements CsvKind {
        @Override
        public Set<String> requiredColumns() {
            return Set.of("key");
        }

        @Override
        public Set<String> optionalColumns() {
            return Set.of();
        }

        @Override
        public Imported importFile(CsvImport file) {
            throw new UnsupportedOperationException("not imported in this test");
        }

        @Override
        public String exportQuery() {
            return "SELECT key FROM " + path.replace('-', '_') + " WHERE plan_id = ?";
        }
    }

    @Test
    void shouldFindKindsByPathAndListThemInOrderWhenOneIsUnknown() {
        CsvKinds kinds = new CsvKinds(List.of(new Named("rules"), new Named("overrides"), new Named("quotas")));

        assertEquals("overrides", kinds.importable("overrides").path());
        assertEquals("SELECT key FROM quotas WHERE plan_id = ?", kinds.exportQuery("quotas"));
        Problem unknown = assertThrows(Problem.class, () -> kinds.importable("nonsense"));
        assertEquals(404, unknown.status());
        assertEquals("Nothing to import as 'nonsense'; use one of [overrides, quotas, rules]", unknown.getMessage());
        assertEquals(null, kinds.exportQuery("nonsense"));
    }

    @Test
    void shouldRefuseTwoKindsOfOnePath() {
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> new CsvKinds(List.of(new Named("rules"), new Named("rules"))));
        assertTrue(twice.getMessage().contains("Two CSV kinds are called 'rules'"), twice.getMessage());
    }
}
