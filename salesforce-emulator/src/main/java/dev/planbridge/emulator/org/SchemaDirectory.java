package dev.planbridge.emulator.org;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code --schema DIR}: one {@code <ObjectApiName>.json} describe document per object. A file for a standard object
 * adds (or overrides) its custom fields; a file for {@code Xyz__c} adds a custom object. Files load in name order so
 * custom objects get stable key prefixes (a00, a01, ...). The first broken rule stops the load with a
 * {@link SchemaDefinitionException} naming the file, the field and the rule.
 */
public final class SchemaDirectory {

    private static final String PREFIX_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private SchemaDirectory() {
    }

    /** The standard schema customized by the folder's documents. */
    public static OrgSchema load(Path directory) {
        return load(directory, OrgSchema.standard());
    }

    public static OrgSchema load(Path directory, OrgSchema base) {
        if (!Files.isDirectory(directory)) {
            throw new SchemaDefinitionException(directory.toString(), null, "not a directory");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new SchemaDefinitionException(directory.toString(), null, "cannot list: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new SchemaDefinitionException(directory.toString(), null, "holds no <Object>.json files");
        }
        OrgSchema schema = base;
        List<String> customized = new ArrayList<>();
        Set<String> prefixes = new HashSet<>();
        schema.objects().forEach(object -> prefixes.add(object.keyPrefix()));
        int nextPrefix = 0;
        for (Path file : files) {
            String source = file.toString();
            DescribeDocuments.ObjectDocument document = DescribeDocuments.parseObject(source, read(file));
            String expected = document.name() + ".json";
            if (!file.getFileName().toString().equals(expected)) {
                throw new SchemaDefinitionException(source, null, "describes " + document.name()
                        + ", so the file must be named " + expected);
            }
            ObjectDef standard = base.objectDef(document.name());
            ObjectDef merged;
            if (standard != null) {
                merged = SchemaRules.mergeIntoStandard(standard, document);
            } else {
                String prefix = document.keyPrefix();
                if (prefix != null && !prefix.matches("[a-zA-Z0-9]{3}")) {
                    throw new SchemaDefinitionException(source, null, "keyPrefix must be 3 letters or digits");
                }
                while (prefix == null || prefixes.contains(prefix)) {
                    if (document.keyPrefix() != null) {
                        throw new SchemaDefinitionException(source, null, "keyPrefix " + prefix + " is taken");
                    }
                    prefix = "a0" + PREFIX_DIGITS.charAt(nextPrefix++);
                }
                prefixes.add(prefix);
                merged = SchemaRules.customObject(document, prefix);
            }
            schema = schema.with(merged);
            customized.add(merged.name() + "\u0000" + source);
        }
        for (String entry : customized) {
            String[] parts = entry.split("\u0000", 2);
            SchemaRules.checkReferences(schema, parts[1], schema.objectDef(parts[0]));
        }
        return schema;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SchemaDefinitionException(file.toString(), null, "cannot read: " + e.getMessage());
        }
    }
}
