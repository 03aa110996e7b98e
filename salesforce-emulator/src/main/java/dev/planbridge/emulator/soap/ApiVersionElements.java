package dev.planbridge.emulator.soap;

import com.sforce.ws.bind.TypeInfo;
import com.sforce.ws.bind.TypeMapper;
import com.sforce.ws.parser.XmlOutputStream;

import java.io.IOException;
import java.util.Map;

/**
 * Response elements younger than the oldest API version served (40.0), with the version that introduced them. A
 * client's WSC binding classes fail on an element they do not know, so a response at version V leaves out every
 * element introduced after V, as a real org does (its WSDL is per version).
 *
 * <p>The table comes from the force-partner-api binding classes of versions 40.0–47.0, 50.0, 55.1, 60.0 and 65.0
 * (the published jars): an element first seen in 50.0 but absent from 47.0 is dated 50.0, never earlier, since a
 * missing element is harmless and an unknown one is not. Every name listed is new in each response type it appears
 * in (DescribeSObjectResult, DescribeGlobalSObjectResult, Field), so the element name alone decides. RecordTypeInfo's
 * {@code active}/{@code developerName} (41.0/43.0) are not listed: the emulator sends no record types, and
 * {@code active} is also an old PicklistEntry element.
 */
final class ApiVersionElements {

    static final Map<String, Double> SINCE = Map.ofEntries(
            Map.entry("aiPredictionField", 43.0),
            Map.entry("formulaTreatNullNumberAsZero", 43.0),
            Map.entry("dataTranslationEnabled", 46.0),
            Map.entry("deepCloneable", 47.0),
            Map.entry("defaultImplementation", 47.0),
            Map.entry("implementedBy", 47.0),
            Map.entry("implementsInterfaces", 47.0),
            Map.entry("isInterface", 47.0),
            Map.entry("associateEntityType", 50.0),
            Map.entry("associateParentEntity", 50.0));

    /** The newest version any listed element needs: clients at or above it get everything. */
    private static final double NEWEST = SINCE.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);

    private static final ThreadLocal<VersionedTypeMapper> MAPPERS = ThreadLocal.withInitial(VersionedTypeMapper::new);

    private ApiVersionElements() {
    }

    /** True when a client at the version knows the (partner namespace) element. */
    static boolean known(String elementName, double apiVersion) {
        Double since = SINCE.get(elementName);
        return since == null || since <= apiVersion;
    }

    /** A type mapper (this thread's) that writes only the elements the version knows. */
    static TypeMapper typeMapperFor(double apiVersion) {
        if (apiVersion >= NEWEST) {
            return PartnerService.typeMapper();
        }
        VersionedTypeMapper mapper = MAPPERS.get();
        mapper.apiVersion = apiVersion;
        return mapper;
    }

    /** Skips the elements of later versions; everything else is WSC's own writing. */
    private static final class VersionedTypeMapper extends TypeMapper {
        private double apiVersion;

        VersionedTypeMapper() {
            super(null, null, false);
        }

        private boolean skip(TypeInfo info) {
            return !known(info.getName(), apiVersion);
        }

        @Override
        public void writeString(XmlOutputStream out, TypeInfo info, String value, boolean isSet) throws IOException {
            if (!skip(info)) {
                super.writeString(out, info, value, isSet);
            }
        }

        @Override
        public void writeBoolean(XmlOutputStream out, TypeInfo info, boolean value, boolean isSet) throws IOException {
            if (!skip(info)) {
                super.writeBoolean(out, info, value, isSet);
            }
        }

        @Override
        public void writeInt(XmlOutputStream out, TypeInfo info, int value, boolean isSet) throws IOException {
            if (!skip(info)) {
                super.writeInt(out, info, value, isSet);
            }
        }

        @Override
        public void writeLong(XmlOutputStream out, TypeInfo info, long value, boolean isSet) throws IOException {
            if (!skip(info)) {
                super.writeLong(out, info, value, isSet);
            }
        }

        @Override
        public void writeFloat(XmlOutputStream out, TypeInfo info, float value, boolean isSet) throws IOException {
            if (!skip(info)) {
                super.writeFloat(out, info, value, isSet);
            }
        }

        @Override
        public void writeDouble(XmlOutputStream out, TypeInfo info, double value, boolean isSet) throws IOException {
            if (!skip(info)) {
                super.writeDouble(out, info, value, isSet);
            }
        }

        @Override
        public void writeObject(XmlOutputStream out, TypeInfo info, Object value, boolean isSet) throws IOException {
            if (!skip(info)) {
                super.writeObject(out, info, value, isSet);
            }
        }
    }
}
