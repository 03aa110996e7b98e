package dev.planbridge.emulator.org;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in org's describe documents: {@code schema/index.json} lists the objects in describeGlobal order, and
 * {@code schema/<Object>.json} describes each one. A broken resource is a build defect, so it fails loudly.
 */
final class StandardSchemaResources {

    private static final String FOLDER = "schema/";

    private StandardSchemaResources() {
    }

    static List<DescribeDocuments.ObjectDocument> load() {
        JsonNode index;
        try {
            index = DescribeDocuments.JSON.readTree(read(FOLDER + "index.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("schema/index.json is not valid JSON", e);
        }
        List<DescribeDocuments.ObjectDocument> documents = new ArrayList<>();
        for (JsonNode name : index.path("objects")) {
            String resource = FOLDER + name.asText() + ".json";
            documents.add(DescribeDocuments.parseObject(resource, read(resource)));
        }
        if (documents.isEmpty()) {
            throw new IllegalStateException("schema/index.json lists no objects");
        }
        return documents;
    }

    private static String read(String resource) {
        try (InputStream in = StandardSchemaResources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
