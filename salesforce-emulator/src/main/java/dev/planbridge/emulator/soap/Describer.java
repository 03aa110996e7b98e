package dev.planbridge.emulator.soap;

import com.sforce.soap.partner.DescribeGlobalResult;
import com.sforce.soap.partner.DescribeGlobalSObjectResult;
import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.FieldType;
import com.sforce.soap.partner.PicklistEntry;
import com.sforce.soap.partner.SoapType;
import dev.planbridge.emulator.org.FieldDef;
import dev.planbridge.emulator.org.ObjectDef;
import dev.planbridge.emulator.org.OrgSchema;

import java.util.ArrayList;
import java.util.List;

/** Builds describeGlobal / describeSObject results from the org schema with the WSC binding classes. */
final class Describer {

    private Describer() {
    }

    static DescribeGlobalResult describeGlobal(OrgSchema schema) {
        DescribeGlobalResult result = new DescribeGlobalResult();
        result.setEncoding("UTF-8");
        result.setMaxBatchSize(200);
        List<DescribeGlobalSObjectResult> objects = new ArrayList<>();
        for (ObjectDef object : schema.objects()) {
            DescribeGlobalSObjectResult entry = new DescribeGlobalSObjectResult();
            entry.setActivateable(false);
            entry.setCreateable(object.createable());
            entry.setCustom(object.custom());
            entry.setCustomSetting(false);
            entry.setDataTranslationEnabled(false);
            entry.setDeepCloneable(false);
            entry.setDeletable(object.deletable());
            entry.setDeprecatedAndHidden(false);
            entry.setFeedEnabled(false);
            entry.setHasSubtypes(false);
            entry.setIdEnabled(true);
            entry.setIsInterface(false);
            entry.setIsSubtype(false);
            entry.setKeyPrefix(object.keyPrefix());
            entry.setLabel(object.label());
            entry.setLabelPlural(object.labelPlural());
            entry.setLayoutable(false);
            entry.setMergeable(false);
            entry.setMruEnabled(false);
            entry.setName(object.name());
            entry.setQueryable(true);
            entry.setReplicateable(object.replicateable());
            entry.setRetrieveable(true);
            entry.setSearchable(false);
            entry.setTriggerable(false);
            entry.setUndeletable(object.undeletable());
            entry.setUpdateable(object.updateable());
            objects.add(entry);
        }
        result.setSobjects(objects.toArray(new DescribeGlobalSObjectResult[0]));
        return result;
    }

    /** The object as a client at the API version sees it: fields introduced later are left out. */
    static DescribeSObjectResult describe(ObjectDef object, double apiVersion) {
        DescribeSObjectResult result = new DescribeSObjectResult();
        result.setActivateable(false);
        result.setCompactLayoutable(false);
        result.setCreateable(object.createable());
        result.setCustom(object.custom());
        result.setCustomSetting(false);
        result.setDataTranslationEnabled(false);
        result.setDeepCloneable(false);
        result.setDeletable(object.deletable());
        result.setDeprecatedAndHidden(false);
        result.setFeedEnabled(false);
        List<Field> fields = new ArrayList<>();
        for (FieldDef def : object.fields()) {
            if (OrgSchema.fieldExistsAt(object.name(), def.name(), apiVersion)) {
                fields.add(field(def));
            }
        }
        result.setFields(fields.toArray(new Field[0]));
        result.setHasSubtypes(false);
        result.setIdEnabled(true);
        result.setIsInterface(false);
        result.setIsSubtype(false);
        result.setKeyPrefix(object.keyPrefix());
        result.setLabel(object.label());
        result.setLabelPlural(object.labelPlural());
        result.setLayoutable(false);
        result.setListviewable(false);
        result.setLookupLayoutable(false);
        result.setMergeable(false);
        result.setMruEnabled(false);
        result.setName(object.name());
        result.setQueryable(true);
        result.setReplicateable(object.replicateable());
        result.setRetrieveable(true);
        result.setSearchLayoutable(false);
        result.setSearchable(false);
        result.setTriggerable(false);
        result.setUndeletable(object.undeletable());
        result.setUpdateable(object.updateable());
        return result;
    }

    private static Field field(FieldDef def) {
        Field field = new Field();
        boolean text = def.type().isText();
        boolean numeric = def.type().isNumeric();
        boolean longText = def.type() == dev.planbridge.emulator.org.FieldType.TEXTAREA && def.length() > 255;
        boolean compound = def.isCompound();
        field.setAggregatable(!longText && !compound);
        field.setAiPredictionField(false);
        field.setAutoNumber(false);
        field.setByteLength(text ? def.length() * 3 : 0);
        field.setCalculated(def.calculated());
        if (def.compoundFieldName() != null) {
            field.setCompoundFieldName(def.compoundFieldName());
        }
        field.setCascadeDelete(false);
        field.setCaseSensitive(false);
        field.setCreateable(def.createable());
        field.setCustom(def.custom());
        field.setDefaultedOnCreate(def.defaultedOnCreate());
        field.setDependentPicklist(false);
        field.setDeprecatedAndHidden(false);
        field.setDigits(def.type() == dev.planbridge.emulator.org.FieldType.INTEGER ? 9 : 0);
        field.setDisplayLocationInDecimal(false);
        field.setEncrypted(false);
        field.setExternalId(def.externalId());
        field.setFilterable(def.filterable());
        field.setFormulaTreatNullNumberAsZero(false);
        field.setGroupable(!numeric && !compound && def.type() != dev.planbridge.emulator.org.FieldType.TEXTAREA);
        field.setHighScaleNumber(false);
        field.setHtmlFormatted(false);
        field.setIdLookup(def.idLookup());
        field.setLabel(def.label());
        field.setLength(text ? def.length() : 0);
        field.setName(def.name());
        field.setNameField(def.name().equals("Name"));
        field.setNamePointing(false);
        field.setNillable(def.nillable());
        field.setPermissionable(def.nillable() && def.updateable());
        if (!def.picklistValues().isEmpty()) {
            List<PicklistEntry> entries = new ArrayList<>();
            for (String value : def.picklistValues()) {
                PicklistEntry entry = new PicklistEntry();
                entry.setActive(true);
                entry.setDefaultValue(false);
                entry.setLabel(value);
                entry.setValue(value);
                entries.add(entry);
            }
            field.setPicklistValues(entries.toArray(new PicklistEntry[0]));
        }
        field.setPolymorphicForeignKey(def.referenceTo().size() > 1);
        field.setPrecision(numeric ? def.precision() : 0);
        field.setQueryByDistance(false);
        if (!def.referenceTo().isEmpty()) {
            field.setReferenceTo(def.referenceTo().toArray(new String[0]));
        }
        if (def.relationshipName() != null) {
            field.setRelationshipName(def.relationshipName());
        }
        field.setRestrictedDelete(false);
        field.setRestrictedPicklist(def.restrictedPicklist());
        field.setScale(numeric ? def.scale() : 0);
        field.setSearchPrefilterable(false);
        field.setSoapType(soapType(def));
        field.setSortable(!longText && !compound);
        field.setType(fieldType(def));
        field.setUnique(def.unique());
        field.setUpdateable(def.updateable());
        field.setWriteRequiresMasterRead(false);
        return field;
    }

    private static SoapType soapType(FieldDef def) {
        return switch (def.type()) {
            case ID, REFERENCE -> SoapType.ID;
            case BOOLEAN -> SoapType._boolean;
            case INTEGER -> SoapType._int;
            case DOUBLE, CURRENCY, PERCENT -> SoapType._double;
            case DATE -> SoapType.date;
            case DATETIME -> SoapType.dateTime;
            case ADDRESS -> SoapType.address;
            default -> SoapType.string;
        };
    }

    private static FieldType fieldType(FieldDef def) {
        return switch (def.type()) {
            case ID -> FieldType.id;
            case REFERENCE -> FieldType.reference;
            case STRING -> FieldType.string;
            case TEXTAREA -> FieldType.textarea;
            case PICKLIST -> FieldType.picklist;
            case MULTIPICKLIST -> FieldType.multipicklist;
            case EMAIL -> FieldType.email;
            case PHONE -> FieldType.phone;
            case URL -> FieldType.url;
            case BOOLEAN -> FieldType._boolean;
            case INTEGER -> FieldType._int;
            case DOUBLE -> FieldType._double;
            case CURRENCY -> FieldType.currency;
            case PERCENT -> FieldType.percent;
            case DATE -> FieldType.date;
            case DATETIME -> FieldType.datetime;
            case ADDRESS -> FieldType.address;
        };
    }
}
