package dev.planbridge.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The objects of a rendered manifest stream, as JSON trees that convert to the fabric8 Kubernetes model. */
final class Manifests {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final List<JsonNode> objects;

    private Manifests(List<JsonNode> objects) {
        this.objects = List.copyOf(objects);
    }

    static Manifests parse(String multiDocumentYaml) {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(multiDocumentYaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isMissingNode() || document.isEmpty()) {
                    continue;
                }
                if (!document.hasNonNull("kind") || !document.hasNonNull("apiVersion")) {
                    throw new IllegalArgumentException("Manifest object without kind/apiVersion: " + document);
                }
                objects.add(document);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Unparseable manifest YAML: " + e.getMessage(), e);
        }
        return new Manifests(objects);
    }

    static Manifests render(java.nio.file.Path kustomizeDirectory) {
        return parse(Kustomize.render(kustomizeDirectory));
    }

    List<JsonNode> all() {
        return objects;
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    <T> List<T> ofKind(String kind, Class<T> type) {
        return ofKind(kind).stream().map(o -> YAML.convertValue(o, type)).toList();
    }

    <T> Optional<T> named(String kind, String name, Class<T> type) {
        return ofKind(kind).stream()
                .filter(o -> name.equals(o.path("metadata").path("name").asText()))
                .findFirst()
                .map(o -> YAML.convertValue(o, type));
    }

    static String describe(JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
    }
}
