package dev.planbridge.emulator.org;

import dev.planbridge.emulator.ApiFaultException;
import dev.planbridge.emulator.soql.CompiledQuery;
import dev.planbridge.emulator.soql.QueryRows;
import dev.planbridge.emulator.soql.SoqlEngine;
import dev.planbridge.emulator.soql.SoqlRowSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The in-memory org: records of every {@link OrgSchema} object, Salesforce validation rules, a millisecond
 * SystemModstamp clock (each write call is one transaction with one SystemModstamp, strictly later than the previous
 * call's, so every record's SystemModstamp strictly increases with each change and bulk loads do not run the clock
 * ahead of real time), soft delete with a recycle bin, a change log, credentials, and snapshots.
 *
 * <p>Thread-safe: one read/write lock; writes are serialised, reads (queries, retrieve, replication) run in parallel.
 * Stored rows are immutable arrays replaced on every change (copy-on-write), so the maps handed out by the read methods
 * never change afterwards.
 *
 * <p>Usage (e.g. seeding or an activity simulator):
 * <pre>{@code
 * Org org = emulator.org();
 * String admin = org.adminUserId();
 * String accountId = org.insert(admin, "Account", Map.of("Name", "Acme", "BillingCountry", "DE"));
 * org.updateRecord(admin, accountId, Map.of("OwnerId", otherUserId));
 * org.deleteRecord(admin, accountId);
 * List<ChangeLogEntry> changes = org.changeLog();
 * OrgSnapshot before = org.snapshot(); ... org.restore(before);
 * }</pre>
 * Batch methods ({@link #create}, {@link #update}, {@link #upsert}, {@link #delete}, {@link #undelete}) return one
 * {@link WriteResult} per record, exactly what the SOAP calls report.
 */
public final class Org {

    /** A user created with the org (and on {@link #reset()}); the first one is the admin. */
    public record DefaultUser(String username, String password, String firstName, String lastName, String email) {
    }

    /** Result of getUpdated. */
    public record UpdatedIds(List<String> ids, Instant latestDateCovered) {
    }

    /** One deleted record reported by getDeleted. */
    public record DeletedRecord(String id, Instant deletedDate) {
    }

    /** Result of getDeleted. */
    public record DeletedIds(List<DeletedRecord> records, Instant earliestDateAvailable, Instant latestDateCovered) {
    }

    static final Duration UPDATED_WINDOW = Replication.UPDATED_WINDOW;
    static final Duration DELETED_WINDOW = Replication.DELETED_WINDOW;
    static final Duration TERRITORY_ASSOCIATION_RETENTION = Duration.ofHours(12);
    private static final String ROLLED_BACK_MESSAGE =
            "Record rolled back because not all records were valid and the request was using AllOrNone header";

    private volatile OrgSchema schema;
    private final String orgId;
    private final List<DefaultUser> defaultUsers;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile SoqlEngine soqlEngine;
    private final Map<String, CompiledQuery> compiledQueries = new ConcurrentHashMap<>();
    private volatile Clock clock;
    /** Salesforce activates and archives territory models in a background job; this is how long the job takes. */
    private volatile Duration territoryModelJobDuration = Duration.ofSeconds(1);
    private volatile int replicationIdLimit = 600_000;
    private volatile int changeLogCapacity = 1_000_000;
    private volatile long lastModstampMillis;
    private final List<Runnable> replacedListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private State state;

    /**
     * Immutable stored row; {@code deletedAt} non-null for rows in the recycle bin; {@code deletedWith} the id of the
     * record whose delete cascaded to this one (restored with it on undelete), else null; {@code parentClearedBy} the
     * id of the deleted parent account whose delete cleared this account's ParentId (set again when that parent is
     * undeleted, unless the field was changed meanwhile), else null.
     */
    record Row(Object[] values, Instant deletedAt, String deletedWith, String parentClearedBy) {
        Row(Object[] values, Instant deletedAt) {
            this(values, deletedAt, null, null);
        }
    }

    /** Everything that changes; copied for snapshots. */
    static final class State {
        final Map<String, LinkedHashMap<String, Row>> rows = new HashMap<>();
        final Map<String, Long> idSequences = new HashMap<>();
        final Map<String, List<Map<String, String>>> uniqueIndexes = new HashMap<>();
        final Map<String, Map<String, Map<String, LinkedHashSet<String>>>> externalIndexes = new HashMap<>();
        final Map<String, String> passwordsByUserId = new HashMap<>();
        final List<ChangeLogEntry> changeLog = new ArrayList<>();
        long nextSequence = 1;
        String adminUserId;
        /** The schema the rows are laid out for (a snapshot taken before a schema change is re-laid out on restore). */
        OrgSchema layout;

        State copy() {
            State copy = new State();
            copy.layout = layout;
            rows.forEach((k, v) -> copy.rows.put(k, new LinkedHashMap<>(v)));
            copy.idSequences.putAll(idSequences);
            uniqueIndexes.forEach((k, v) -> {
                List<Map<String, String>> list = new ArrayList<>();
                v.forEach(m -> list.add(new HashMap<>(m)));
                copy.uniqueIndexes.put(k, list);
            });
            externalIndexes.forEach((k, v) -> {
                Map<String, Map<String, LinkedHashSet<String>>> byField = new HashMap<>();
                v.forEach((field, m) -> {
                    Map<String, LinkedHashSet<String>> values = new HashMap<>();
                    m.forEach((value, ids) -> values.put(value, new LinkedHashSet<>(ids)));
                    byField.put(field, values);
                });
                copy.externalIndexes.put(k, byField);
            });
            copy.passwordsByUserId.putAll(passwordsByUserId);
            copy.changeLog.addAll(changeLog);
            copy.nextSequence = nextSequence;
            copy.adminUserId = adminUserId;
            return copy;
        }
    }

    /** An opaque, reusable copy of the org's data. */
    public static final class OrgSnapshot {
        private final State state;

        private OrgSnapshot(State state) {
            this.state = state;
        }
    }

    public Org(String orgId, List<DefaultUser> defaultUsers) {
        this(orgId, defaultUsers, Clock.systemUTC());
    }

    public Org(String orgId, List<DefaultUser> defaultUsers, Clock clock) {
        this(orgId, defaultUsers, clock, OrgSchema.standard());
    }

    /** An org of the given shape (the standard one, or customized with {@link SchemaDirectory}). */
    public Org(String orgId, List<DefaultUser> defaultUsers, Clock clock, OrgSchema schema) {
        if (defaultUsers == null || defaultUsers.isEmpty()) {
            throw new IllegalArgumentException("an org needs at least one user (the admin)");
        }
        this.schema = Objects.requireNonNull(schema, "schema");
        this.orgId = SalesforceIds.normalize(orgId);
        if (this.orgId == null || !this.orgId.startsWith("00D")) {
            throw new IllegalArgumentException("not an organization id (00D...): " + orgId);
        }
        this.defaultUsers = List.copyOf(defaultUsers);
        this.clock = clock;
        this.soqlEngine = new SoqlEngine(schema);
        reset();
    }

    public OrgSchema schema() {
        return schema;
    }

    /** The 18-char organization id (00D...). */
    public String orgId() {
        return orgId;
    }

    public SoqlEngine soqlEngine() {
        return soqlEngine;
    }

    /** Replaces the clock (tests); the modstamp clock stays strictly increasing regardless. */
    public void setClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * The org's current time: the clock, or the last SystemModstamp when bursts of writes have pushed the strictly
     * increasing modstamp clock ahead of it. Every later write gets a SystemModstamp at or after this instant, so a
     * replication window ending here misses nothing.
     */
    public Instant now() {
        return Instant.ofEpochMilli(Math.max(clock.millis(), lastModstampMillis));
    }

    /** Max ids getUpdated/getDeleted may return before failing with EXCEEDED_ID_LIMIT (default 600,000). */
    public void setReplicationIdLimit(int limit) {
        this.replicationIdLimit = limit;
    }

    // ------------------------------------------------------------------ lifecycle

    /** Drops all data and recreates the default users (the first one is the admin, with id 005...). */
    public void reset() {
        lock.writeLock().lock();
        try {
            state = new State();
            state.layout = schema;
            compiledQueries.clear();
            String adminId = null;
            for (DefaultUser user : defaultUsers) {
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("Username", user.username());
                values.put("FirstName", user.firstName());
                values.put("LastName", user.lastName());
                values.put("Email", user.email());
                String creator = adminId != null ? adminId : peekNextId(OrgSchema.USER);
                WriteResult result = writeBatch(creator, List.of(RecordInput.of(OrgSchema.USER, values)),
                        WriteOptions.DEFAULT, this::createOne).get(0);
                if (!result.success()) {
                    throw new IllegalArgumentException("invalid default user " + user.username() + ": "
                            + result.errors());
                }
                state.passwordsByUserId.put(result.id(), user.password());
                if (adminId == null) {
                    adminId = result.id();
                    state.adminUserId = adminId;
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
        fireReplaced();
    }

    /**
     * Runs the listener after every {@link #reset}, {@link #restore} and {@link #importSnapshot}: state that points
     * into the old data (query cursors, sessions of users that are gone) must be dropped.
     */
    public void addReplacedListener(Runnable listener) {
        replacedListeners.add(Objects.requireNonNull(listener));
    }

    private void fireReplaced() {
        for (Runnable listener : replacedListeners) {
            listener.run();
        }
    }

    /** True when the id is a live, active user. */
    public boolean isActiveUser(String userId) {
        String id = SalesforceIds.normalize(userId);
        if (id == null) {
            return false;
        }
        lock.readLock().lock();
        try {
            Row row = table(OrgSchema.USER).get(id);
            return row != null && row.deletedAt() == null
                    && Boolean.TRUE.equals(row.values()[schema.objectDef(OrgSchema.USER).indexOf("IsActive")]);
        } finally {
            lock.readLock().unlock();
        }
    }

    public OrgSnapshot snapshot() {
        lock.readLock().lock();
        try {
            return new OrgSnapshot(state.copy());
        } finally {
            lock.readLock().unlock();
        }
    }

    public void restore(OrgSnapshot snapshot) {
        lock.writeLock().lock();
        try {
            state = snapshot.state.copy();
            if (state.layout != schema) {
                RowLayout.remap(state.rows, state.layout, schema);
                state.layout = schema;
                rebuildIndexes();
            }
            compiledQueries.clear();
            advanceModstampClockPast(state);
        } finally {
            lock.writeLock().unlock();
        }
        fireReplaced();
    }

    /** Writes the org (live records and recycle bin, id sequences, passwords) as an {@link OrgSnapshotFile} document. */
    public void exportSnapshot(java.io.OutputStream out) throws java.io.IOException {
        OrgSnapshot snapshot = snapshot();
        OrgSnapshotFile.write(snapshot.state.layout, orgId, snapshot.state, newestModstamp(snapshot.state), out);
    }

    /**
     * Replaces the org with an {@link OrgSnapshotFile} document. The document is read and checked completely
     * (format, org id, fields and value types, ids, references, unique values) before anything changes; a bad one
     * throws {@link OrgSnapshotFile.InvalidSnapshotException} and leaves the org as it was. The change log starts
     * empty, its sequence numbers continue from the document's.
     */
    public void importSnapshot(java.io.InputStream in) throws java.io.IOException {
        OrgSnapshotFile.Contents contents = OrgSnapshotFile.read(schema, in);
        String fileOrg = SalesforceIds.normalize(contents.orgId());
        if (fileOrg == null || !fileOrg.equals(orgId)) {
            throw new OrgSnapshotFile.InvalidSnapshotException("the snapshot is of org " + contents.orgId()
                    + ", this emulator runs org " + orgId);
        }
        State imported = new State();
        imported.layout = schema;
        Set<String> ids = new HashSet<>();
        for (ObjectDef object : schema.objects()) {
            LinkedHashMap<String, Row> rows = contents.rows().getOrDefault(object.name(), new LinkedHashMap<>());
            imported.rows.put(object.name(), rows);
            ids.addAll(rows.keySet());
        }
        for (ObjectDef object : schema.objects()) {
            for (Map.Entry<String, Row> entry : imported.rows.get(object.name()).entrySet()) {
                Object[] values = entry.getValue().values();
                for (int i = 0; i < values.length; i++) {
                    FieldDef field = object.fieldAt(i);
                    if (field.isReference() && values[i] != null && !ids.contains(values[i])) {
                        throw new OrgSnapshotFile.InvalidSnapshotException(object.name() + " " + entry.getKey()
                                + ": " + field.name() + " refers to " + values[i] + ", which is not in the snapshot");
                    }
                    if (field.required() && values[i] == null && entry.getValue().deletedAt() == null) {
                        throw new OrgSnapshotFile.InvalidSnapshotException(object.name() + " " + entry.getKey()
                                + ": required field " + field.name() + " is null");
                    }
                }
            }
        }
        Row admin = imported.rows.get(OrgSchema.USER).get(contents.adminUserId());
        if (admin == null || admin.deletedAt() != null) {
            throw new OrgSnapshotFile.InvalidSnapshotException("adminUserId " + contents.adminUserId()
                    + " is not a user of the snapshot");
        }
        for (String userId : contents.passwords().keySet()) {
            if (!imported.rows.get(OrgSchema.USER).containsKey(userId)) {
                throw new OrgSnapshotFile.InvalidSnapshotException("passwords: " + userId
                        + " is not a user of the snapshot");
            }
        }
        imported.passwordsByUserId.putAll(contents.passwords());
        imported.adminUserId = contents.adminUserId();
        imported.nextSequence = Math.max(1, contents.nextChangeSequence());
        // Never hand out an id that is already taken, whatever the document's sequences say.
        imported.idSequences.putAll(contents.idSequences());
        for (String id : ids) {
            long sequence = SalesforceIds.sequenceOf(id);
            if (sequence > 0) {
                imported.idSequences.merge(SalesforceIds.prefix(id), sequence, Math::max);
            }
        }
        lock.writeLock().lock();
        State previous = state;
        try {
            state = imported;
            for (ObjectDef object : schema.objects()) {
                for (Map.Entry<String, Row> entry : imported.rows.get(object.name()).entrySet()) {
                    if (entry.getValue().deletedAt() == null) {
                        Object[] values = entry.getValue().values();
                        try {
                            checkUnique(object, values, entry.getKey());
                        } catch (RecordFailure e) {
                            throw new OrgSnapshotFile.InvalidSnapshotException(object.name() + " " + entry.getKey()
                                    + ": " + e.error.message());
                        }
                        index(object, entry.getKey(), values);
                    }
                }
            }
            compiledQueries.clear();
            lastModstampMillis = Math.max(lastModstampMillis, contents.lastSystemModstamp().toEpochMilli());
            advanceModstampClockPast(imported);
            previous = null;
        } finally {
            if (previous != null) {
                state = previous;
            }
            lock.writeLock().unlock();
        }
        fireReplaced();
    }

    /** Later writes must get later SystemModstamps than every restored record's. */
    private void advanceModstampClockPast(State restored) {
        lastModstampMillis = Math.max(lastModstampMillis, newestModstamp(restored).toEpochMilli());
    }

    /** The newest SystemModstamp of the state's records (the epoch for none): a function of the data only. */
    private Instant newestModstamp(State restored) {
        long max = 0;
        for (Map.Entry<String, LinkedHashMap<String, Row>> table : restored.rows.entrySet()) {
            ObjectDef object = schema.objectDef(table.getKey());
            int modstamp = object.indexOf("SystemModstamp");
            for (Row row : table.getValue().values()) {
                if (row.values()[modstamp] instanceof Instant stamp) {
                    max = Math.max(max, stamp.toEpochMilli());
                }
            }
        }
        return Instant.ofEpochMilli(max);
    }

    // ------------------------------------------------------------------ users and credentials

    /** Id of the first default user (the admin). */
    public String adminUserId() {
        lock.readLock().lock();
        try {
            return state.adminUserId;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The user id for an active user with this username and password, or null. */
    public String authenticate(String username, String password) {
        if (username == null || password == null) {
            return null;
        }
        lock.readLock().lock();
        try {
            for (Map.Entry<String, Row> entry : table(OrgSchema.USER).entrySet()) {
                Row row = entry.getValue();
                ObjectDef user = schema.objectDef(OrgSchema.USER);
                if (row.deletedAt() == null
                        && username.equalsIgnoreCase((String) row.values()[user.indexOf("Username")])
                        && Boolean.TRUE.equals(row.values()[user.indexOf("IsActive")])
                        && password.equals(state.passwordsByUserId.get(entry.getKey()))) {
                    return entry.getKey();
                }
            }
            return null;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Sets (or replaces) the password of a user, e.g. for generated users. */
    public void setPassword(String userId, String password) {
        lock.writeLock().lock();
        try {
            String id = SalesforceIds.normalize(userId);
            if (id == null || findRow(id) == null || !id.startsWith("005")) {
                throw new IllegalArgumentException("no such user: " + userId);
            }
            state.passwordsByUserId.put(id, Objects.requireNonNull(password));
        } finally {
            lock.writeLock().unlock();
        }
    }

    // ------------------------------------------------------------------ convenience writes

    /** Creates one record as the given user; returns its id or throws {@link OrgWriteException}. */
    public String insert(String userId, String objectName, Map<String, Object> values) {
        WriteResult result = create(userId, List.of(RecordInput.of(objectName, values)), WriteOptions.DEFAULT).get(0);
        return requireSuccess(result);
    }

    /** Updates one record as the given user or throws {@link OrgWriteException}. */
    public void updateRecord(String userId, String id, Map<String, Object> values) {
        requireSuccess(update(userId, List.of(new RecordInput(null, id, values, List.of())), WriteOptions.DEFAULT)
                .get(0));
    }

    /** Deletes one record as the given user or throws {@link OrgWriteException}. */
    public void deleteRecord(String userId, String id) {
        requireSuccess(delete(userId, List.of(id), WriteOptions.DEFAULT).get(0));
    }

    private static String requireSuccess(WriteResult result) {
        if (!result.success()) {
            throw new OrgWriteException(result.errors());
        }
        return result.id();
    }

    // ------------------------------------------------------------------ batch writes (the SOAP calls)

    public List<WriteResult> create(String userId, List<RecordInput> records, WriteOptions options) {
        requireKnownTypes(records, true);
        return write(userId, records, options, this::createOne);
    }

    public List<WriteResult> update(String userId, List<RecordInput> records, WriteOptions options) {
        requireKnownTypes(records, false);
        return write(userId, records, options, this::updateOne);
    }

    /**
     * Upsert keyed on {@code externalIdField} (an external-id field of the object, or "Id"). Fails the whole call with
     * INVALID_TYPE for an unknown object and INVALID_FIELD for a field that is not an upsert key.
     */
    public List<WriteResult> upsert(String userId, String objectName, String externalIdField, List<RecordInput> records,
                                    WriteOptions options) {
        ObjectDef object = requireObject(objectName);
        FieldDef key = object.fieldDef(externalIdField);
        if (key == null || !(key.externalId() || key.type() == FieldType.ID)) {
            throw new ApiFaultException(ApiFaultException.Kind.INVALID_FIELD, "INVALID_FIELD",
                    "Field name provided, " + externalIdField + " is not an External ID or indexed field for "
                            + object.name());
        }
        Map<String, Integer> keyCounts = new HashMap<>();
        for (RecordInput record : records) {
            String value = upsertKey(record, key);
            if (value != null) {
                keyCounts.merge(value.toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        return write(userId, records, options, (user, record, opts, txn) -> {
            String value = upsertKey(record, key);
            if (value == null) {
                throw failure("MISSING_ARGUMENT", key.name() + " not specified", key.name());
            }
            if (keyCounts.get(value.toLowerCase(Locale.ROOT)) > 1) {
                throw failure("DUPLICATE_EXTERNAL_ID", "Duplicate external id specified: " + value, key.name());
            }
            RecordInput typed = new RecordInput(object.name(), record.id(), record.values(), record.fieldsToNull());
            if (key.type() == FieldType.ID) {
                if (record.id() == null || record.id().isBlank()) {
                    return createOne(user, typed, opts, txn);
                }
                return updateOne(user, typed, opts, txn);
            }
            Set<String> matches = state.externalIndexes.getOrDefault(object.name(), Map.of())
                    .getOrDefault(key.name(), Map.of()).getOrDefault(value.toLowerCase(Locale.ROOT), new LinkedHashSet<>());
            if (matches.isEmpty()) {
                return createOne(user, new RecordInput(object.name(), null, record.values(), record.fieldsToNull()),
                        opts, txn);
            }
            if (matches.size() > 1) {
                throw failure("DUPLICATE_EXTERNAL_ID", "more than one record found for external id field: "
                        + matches, key.name());
            }
            String id = matches.iterator().next();
            return updateOne(user, new RecordInput(object.name(), id, record.values(), record.fieldsToNull()), opts,
                    txn);
        });
    }

    public List<WriteResult> delete(String userId, List<String> ids, WriteOptions options) {
        List<RecordInput> records = ids.stream().map(id -> new RecordInput(null, id, Map.of(), List.of())).toList();
        return write(userId, records, options, this::deleteOne);
    }

    public List<WriteResult> undelete(String userId, List<String> ids, WriteOptions options) {
        List<RecordInput> records = ids.stream().map(id -> new RecordInput(null, id, Map.of(), List.of())).toList();
        return write(userId, records, options, this::undeleteOne);
    }

    private static String upsertKey(RecordInput record, FieldDef key) {
        if (key.type() == FieldType.ID) {
            return record.id() == null || record.id().isBlank() ? "" : record.id();
        }
        for (Map.Entry<String, Object> entry : record.values().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(key.name()) && entry.getValue() != null) {
                String text = entry.getValue().toString();
                return text.isEmpty() ? null : text;
            }
        }
        return null;
    }

    private void requireKnownTypes(List<RecordInput> records, boolean typeRequired) {
        for (RecordInput record : records) {
            if (record.type() == null) {
                if (typeRequired) {
                    throw new ApiFaultException(ApiFaultException.Kind.INVALID_SOBJECT, "INVALID_TYPE",
                            "Must send a concrete entity type.");
                }
                continue;
            }
            requireObject(record.type());
        }
    }

    /** The object, or an InvalidSObjectFault INVALID_TYPE. */
    public ObjectDef requireObject(String objectName) {
        ObjectDef object = schema.objectDef(objectName);
        if (object == null) {
            throw new ApiFaultException(ApiFaultException.Kind.INVALID_SOBJECT, "INVALID_TYPE",
                    "sObject type '" + objectName + "' is not supported.");
        }
        return object;
    }

    @FunctionalInterface
    private interface RecordOperation {
        WriteResult apply(String userId, RecordInput record, WriteOptions options, Txn txn);
    }

    private List<WriteResult> write(String userId, List<RecordInput> records, WriteOptions options,
                                    RecordOperation operation) {
        lock.writeLock().lock();
        try {
            List<WriteResult> results = writeBatch(userId, records, options, operation);
            trimChangeLog();
            return results;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private List<WriteResult> writeBatch(String userId, List<RecordInput> records, WriteOptions options,
                                         RecordOperation operation) {
        Txn txn = new Txn();
        List<WriteResult> results = new ArrayList<>(records.size());
        boolean anyFailed = false;
        for (int i = 0; i < records.size(); i++) {
            RecordInput record = records.get(i);
            WriteResult result;
            try {
                if (options.lockFailure().test(i)) {
                    throw failure("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 "
                            + "records: " + (record.id() == null ? "" : record.id()));
                }
                result = operation.apply(userId, record, options, txn);
            } catch (RecordFailure e) {
                result = WriteResult.failed(null, e.error);
            }
            anyFailed |= !result.success();
            results.add(result);
        }
        if (options.allOrNone() && anyFailed) {
            txn.rollback();
            List<WriteResult> rolledBack = new ArrayList<>(results.size());
            for (WriteResult result : results) {
                rolledBack.add(result.success()
                        ? WriteResult.failed(null, RecordError.of("ALL_OR_NONE_OPERATION_ROLLED_BACK", ROLLED_BACK_MESSAGE))
                        : result);
            }
            return rolledBack;
        }
        return results;
    }

    /** Undo log of one call (for AllOrNoneHeader). */
    private final class Txn {
        private final Map<String, Row> before = new LinkedHashMap<>();
        private final Map<String, String> objectOf = new HashMap<>();
        private final int changeLogSize = state.changeLog.size();
        /** One SystemModstamp per call, as in a Salesforce transaction; later than every earlier call's. */
        private final Instant modstamp = nextModstamp();
        private final long nextSequence = state.nextSequence;

        /** Per call, built on first use: live child ids by parent id, for one reference field. */
        private final Map<String, Map<String, List<String>>> liveChildren = new HashMap<>();
        private final Map<String, Map<String, List<String>>> deletedWith = new HashMap<>();

        Map<String, List<String>> liveChildren(String childObject, String field) {
            return liveChildren.computeIfAbsent(childObject + "." + field, key -> {
                ObjectDef child = schema.objectDef(childObject);
                int index = child.indexOf(field);
                Map<String, List<String>> byParent = new HashMap<>();
                for (Map.Entry<String, Row> entry : table(childObject).entrySet()) {
                    Object parent = entry.getValue().values()[index];
                    if (parent != null && entry.getValue().deletedAt() == null) {
                        byParent.computeIfAbsent((String) parent, p -> new ArrayList<>()).add(entry.getKey());
                    }
                }
                return byParent;
            });
        }

        Map<String, List<String>> deletedWith(String childObject) {
            return deletedWith.computeIfAbsent(childObject, key -> {
                Map<String, List<String>> byParent = new HashMap<>();
                for (Map.Entry<String, Row> entry : table(childObject).entrySet()) {
                    String parent = entry.getValue().deletedWith();
                    if (parent != null && entry.getValue().deletedAt() != null) {
                        byParent.computeIfAbsent(parent, p -> new ArrayList<>()).add(entry.getKey());
                    }
                }
                return byParent;
            });
        }

        void touch(ObjectDef object, String id) {
            if (!before.containsKey(id)) {
                before.put(id, table(object.name()).get(id));
                objectOf.put(id, object.name());
            }
        }

        void rollback() {
            List<String> ids = new ArrayList<>(before.keySet());
            Collections.reverse(ids);
            for (String id : ids) {
                ObjectDef object = schema.objectDef(objectOf.get(id));
                LinkedHashMap<String, Row> table = table(object.name());
                Row current = table.get(id);
                if (current != null && current.deletedAt() == null) {
                    unindex(object, id, current.values());
                }
                Row previous = before.get(id);
                if (previous == null) {
                    table.remove(id);
                } else {
                    table.put(id, previous);
                    if (previous.deletedAt() == null) {
                        index(object, id, previous.values());
                    }
                }
            }
            while (state.changeLog.size() > changeLogSize) {
                state.changeLog.remove(state.changeLog.size() - 1);
            }
            state.nextSequence = nextSequence;
        }
    }

    // ------------------------------------------------------------------ per-record operations

    private WriteResult createOne(String userId, RecordInput record, WriteOptions options, Txn txn) {
        ObjectDef object = requireObject(record.type());
        if (!object.createable()) {
            throw failure("INVALID_TYPE_FOR_OPERATION", "entity type " + object.name() + " does not support create");
        }
        if (record.id() != null && !record.id().isBlank()) {
            throw failure("INVALID_FIELD_FOR_INSERT_UPDATE", "cannot specify Id in an insert call", "Id");
        }
        Object[] values = new Object[object.fieldCount()];
        applyInputs(object, values, record, options, true);
        applyDefaults(object, values, userId);
        deriveFields(object, values);
        FieldValues.requireRequiredFields(object, values);
        checkReferences(object, values, null);
        checkRules(object, values, null, userId);
        String id = nextId(object);
        checkUnique(object, values, id);
        Instant modstamp = txn.modstamp;
        set(object, values, "Id", id);
        set(object, values, "IsDeleted", Boolean.FALSE);
        set(object, values, "CreatedDate", modstamp);
        set(object, values, "CreatedById", userId);
        set(object, values, "LastModifiedDate", modstamp);
        set(object, values, "LastModifiedById", userId);
        set(object, values, "SystemModstamp", modstamp);
        txn.touch(object, id);
        table(object.name()).put(id, new Row(values, null));
        index(object, id, values);
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                changed.add(object.fieldAt(i).name());
            }
        }
        log(object, id, ChangeLogEntry.Op.CREATE, modstamp, userId, changed);
        return WriteResult.ok(id, true);
    }

    private WriteResult updateOne(String userId, RecordInput record, WriteOptions options, Txn txn) {
        String id = SalesforceIds.normalize(record.id());
        if (record.id() == null || record.id().isBlank()) {
            throw failure("MISSING_ARGUMENT", "Id not specified in an update call", "Id");
        }
        if (id == null) {
            throw failure("MALFORMED_ID", "malformed id " + record.id(), "Id");
        }
        ObjectDef object = schema.objectForId(id);
        if (record.type() != null && (object == null || !object.name().equalsIgnoreCase(record.type()))) {
            throw failure("MALFORMED_ID", record.type() + " ID: id value of incorrect type: " + record.id(), "Id");
        }
        Row row = object == null ? null : table(object.name()).get(id);
        if (row == null) {
            throw failure("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", "Id");
        }
        if (row.deletedAt() != null) {
            throw failure("ENTITY_IS_DELETED", "entity is deleted");
        }
        if (!object.updateable()) {
            throw failure("INVALID_TYPE_FOR_OPERATION", "entity type " + object.name() + " does not support update");
        }
        Object[] before = row.values();
        Object[] values = before.clone();
        applyInputs(object, values, record, options, false);
        deriveFields(object, values);
        FieldValues.requireRequiredFields(object, values);
        checkReferences(object, values, before);
        checkRules(object, values, before, userId);
        checkUnique(object, values, id);
        Instant modstamp = txn.modstamp;
        set(object, values, "LastModifiedDate", modstamp);
        set(object, values, "LastModifiedById", userId);
        set(object, values, "SystemModstamp", modstamp);
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            String name = object.fieldAt(i).name();
            if (!Objects.equals(values[i], before[i]) && !isAuditField(name)) {
                changed.add(name);
            }
        }
        txn.touch(object, id);
        unindex(object, id, before);
        table(object.name()).put(id, new Row(values, null, null, row.parentClearedBy()));
        index(object, id, values);
        log(object, id, ChangeLogEntry.Op.UPDATE, modstamp, userId, changed);
        return WriteResult.ok(id, false);
    }

    private WriteResult deleteOne(String userId, RecordInput record, WriteOptions options, Txn txn) {
        String id = SalesforceIds.normalize(record.id());
        if (id == null) {
            throw failure("MALFORMED_ID", "malformed id " + record.id());
        }
        ObjectDef object = schema.objectForId(id);
        Row row = object == null ? null : table(object.name()).get(id);
        if (row == null) {
            throw failure("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
        }
        if (row.deletedAt() != null) {
            throw failure("ENTITY_IS_DELETED", "entity is deleted");
        }
        if (!object.deletable()) {
            throw failure("INVALID_TYPE_FOR_OPERATION", "entity type " + object.name() + " does not support delete");
        }
        Object[] values = row.values();
        if (object.name().equals(OrgSchema.TERRITORY2_MODEL)) {
            Territory2ModelLifecycle.requireDeletable((String) get(object, values, "State"));
        }
        if (object.name().equals(OrgSchema.FORECASTING_QUOTA) && userId.equals(get(object, values, "QuotaOwnerId"))) {
            throw failure("INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id");
        }
        checkDeleteRestrictions(object, id, txn);
        remove(object, id, row, userId, null, txn);
        cascadeDelete(object, id, userId, txn);
        return WriteResult.ok(id, false);
    }

    /** Moves one live row to the recycle bin (or drops it, for rows without one) and logs the delete. */
    private void remove(ObjectDef object, String id, Row row, String userId, String deletedWith, Txn txn) {
        Instant modstamp = txn.modstamp;
        Object[] values = row.values();
        txn.touch(object, id);
        unindex(object, id, values);
        if (object.name().equals(OrgSchema.USER_TERRITORY2_ASSOCIATION)) {
            // No recycle bin for user-territory associations: the row is gone at once, as in Salesforce.
            table(object.name()).remove(id);
        } else {
            Object[] deleted = values.clone();
            set(object, deleted, "IsDeleted", Boolean.TRUE);
            set(object, deleted, "LastModifiedDate", modstamp);
            set(object, deleted, "LastModifiedById", userId);
            set(object, deleted, "SystemModstamp", modstamp);
            table(object.name()).put(id, new Row(deleted, modstamp, deletedWith, row.parentClearedBy()));
        }
        log(object, id, ChangeLogEntry.Op.DELETE, modstamp, userId, List.of());
    }

    /**
     * Deletes Salesforce refuses because live records still depend on the record (DELETE_FAILED): a territory with
     * child territories, a territory type or a role still in use, a role with child roles.
     */
    private void checkDeleteRestrictions(ObjectDef object, String id, Txn txn) {
        String dependent = switch (object.name()) {
            case OrgSchema.TERRITORY2 -> firstChild(txn, OrgSchema.TERRITORY2, "ParentTerritory2Id", id,
                    "it has child territories; delete or move them first");
            case OrgSchema.TERRITORY2_TYPE -> firstChild(txn, OrgSchema.TERRITORY2, "Territory2TypeId", id,
                    "territories of this type exist");
            case OrgSchema.USER_ROLE -> {
                String users = firstChild(txn, OrgSchema.USER, "UserRoleId", id, "users are assigned to this role");
                yield users != null ? users : firstChild(txn, OrgSchema.USER_ROLE, "ParentRoleId", id,
                        "it has subordinate roles");
            }
            default -> null;
        };
        if (dependent != null) {
            throw failure("DELETE_FAILED", "Your attempt to delete " + id + " could not be completed because "
                    + dependent + ".");
        }
    }

    /** The reason when a live record still refers to the parent (the per-call index is re-checked: rows change). */
    private String firstChild(Txn txn, String childObject, String field, String parentId, String reason) {
        ObjectDef child = schema.objectDef(childObject);
        for (String childId : txn.liveChildren(childObject, field).getOrDefault(parentId, List.of())) {
            Row row = table(childObject).get(childId);
            if (row != null && row.deletedAt() == null && parentId.equals(get(child, row.values(), field))) {
                return reason;
            }
        }
        return null;
    }

    /**
     * What Salesforce deletes or changes with a record: an account takes its opportunities (into the recycle bin,
     * restored with it) and its territory associations (which bypass the recycle bin), and its child accounts lose
     * their ParentId; a territory takes its user and record associations and its territory quotas; a territory model
     * takes its territories with all of theirs.
     */
    private void cascadeDelete(ObjectDef object, String id, String userId, Txn txn) {
        switch (object.name()) {
            case OrgSchema.ACCOUNT -> {
                deleteChildren(txn, OrgSchema.OPPORTUNITY, "AccountId", id, userId, id);
                deleteChildren(txn, OrgSchema.OBJECT_TERRITORY2_ASSOCIATION, "ObjectId", id, userId, null);
                ObjectDef account = schema.objectDef(OrgSchema.ACCOUNT);
                for (String childId : List.copyOf(txn.liveChildren(OrgSchema.ACCOUNT, "ParentId")
                        .getOrDefault(id, List.of()))) {
                    Row child = table(OrgSchema.ACCOUNT).get(childId);
                    if (child == null || child.deletedAt() != null || !id.equals(get(account, child.values(), "ParentId"))) {
                        continue;
                    }
                    Object[] values = child.values().clone();
                    set(account, values, "ParentId", null);
                    replaceLive(account, childId, child, values, id, userId, txn);
                }
            }
            case OrgSchema.TERRITORY2 -> {
                deleteChildren(txn, OrgSchema.USER_TERRITORY2_ASSOCIATION, "Territory2Id", id, userId, null);
                deleteChildren(txn, OrgSchema.OBJECT_TERRITORY2_ASSOCIATION, "Territory2Id", id, userId, null);
                deleteChildren(txn, OrgSchema.FORECASTING_QUOTA, "Territory2Id", id, userId, null);
            }
            case OrgSchema.TERRITORY2_MODEL -> {
                ObjectDef territory = schema.objectDef(OrgSchema.TERRITORY2);
                for (String territoryId : List.copyOf(txn.liveChildren(OrgSchema.TERRITORY2, "Territory2ModelId")
                        .getOrDefault(id, List.of()))) {
                    Row row = table(OrgSchema.TERRITORY2).get(territoryId);
                    if (row != null && row.deletedAt() == null) {
                        remove(territory, territoryId, row, userId, null, txn);
                        cascadeDelete(territory, territoryId, userId, txn);
                    }
                }
            }
            default -> {
            }
        }
    }

    /**
     * Finishes the territory model jobs that are due (see {@link Territory2ModelLifecycle#due}) as one transaction run
     * by the user who asked for them: called before each API call, so clients see Activating first, then Active.
     */
    public void completeTerritoryModelJobs() {
        ObjectDef model = schema.objectDef(OrgSchema.TERRITORY2_MODEL);
        if (model == null) {
            return;
        }
        lock.writeLock().lock();
        try {
            List<Territory2ModelLifecycle.ModelView> views = new ArrayList<>();
            table(model.name()).forEach((id, row) -> {
                if (row.deletedAt() == null) {
                    views.add(new Territory2ModelLifecycle.ModelView(id, (String) get(model, row.values(), "State"),
                            (Instant) get(model, row.values(), "SystemModstamp")));
                }
            });
            List<Territory2ModelLifecycle.Transition> due = Territory2ModelLifecycle.due(views, now(),
                    territoryModelJobDuration);
            if (due.isEmpty()) {
                return;
            }
            Txn txn = new Txn();
            for (Territory2ModelLifecycle.Transition transition : due) {
                Row row = table(model.name()).get(transition.modelId());
                String userId = (String) get(model, row.values(), "LastModifiedById");
                Object[] values = row.values().clone();
                set(model, values, "State", transition.state());
                if (transition.activated()) {
                    set(model, values, "ActivatedDate", txn.modstamp);
                }
                if (transition.archived()) {
                    set(model, values, "DeactivatedDate", txn.modstamp);
                    // Archiving deletes the model's territory quotas (Salesforce help: archive a territory model).
                    for (String territoryId : List.copyOf(txn.liveChildren(OrgSchema.TERRITORY2, "Territory2ModelId")
                            .getOrDefault(transition.modelId(), List.of()))) {
                        deleteChildren(txn, OrgSchema.FORECASTING_QUOTA, "Territory2Id", territoryId, userId, null);
                    }
                }
                replaceLive(model, transition.modelId(), row, values, row.parentClearedBy(), userId, txn);
            }
            trimChangeLog();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** How long activation and archiving take before {@link #completeTerritoryModelJobs} finishes them (tests). */
    public void setTerritoryModelJobDuration(Duration duration) {
        this.territoryModelJobDuration = Objects.requireNonNull(duration);
    }

    private void deleteChildren(Txn txn, String childObject, String field, String parentId, String userId,
                                String deletedWith) {
        ObjectDef child = schema.objectDef(childObject);
        for (String childId : List.copyOf(txn.liveChildren(childObject, field).getOrDefault(parentId, List.of()))) {
            Row row = table(childObject).get(childId);
            if (row != null && row.deletedAt() == null && parentId.equals(get(child, row.values(), field))) {
                remove(child, childId, row, userId, deletedWith, txn);
            }
        }
    }

    /** Stores new values for a live row as a system change of the call (logged as an update of the changed fields). */
    private void replaceLive(ObjectDef object, String id, Row row, Object[] values, String parentClearedBy,
                             String userId, Txn txn) {
        Object[] before = row.values();
        Instant modstamp = txn.modstamp;
        set(object, values, "LastModifiedDate", modstamp);
        set(object, values, "LastModifiedById", userId);
        set(object, values, "SystemModstamp", modstamp);
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            String name = object.fieldAt(i).name();
            if (!Objects.equals(values[i], before[i]) && !isAuditField(name)) {
                changed.add(name);
            }
        }
        txn.touch(object, id);
        unindex(object, id, before);
        table(object.name()).put(id, new Row(values, null, null, parentClearedBy));
        index(object, id, values);
        log(object, id, ChangeLogEntry.Op.UPDATE, modstamp, userId, changed);
    }

    private WriteResult undeleteOne(String userId, RecordInput record, WriteOptions options, Txn txn) {
        String id = SalesforceIds.normalize(record.id());
        if (id == null) {
            throw failure("MALFORMED_ID", "malformed id " + record.id());
        }
        ObjectDef object = schema.objectForId(id);
        Row row = object == null ? null : table(object.name()).get(id);
        if (row == null || row.deletedAt() == null || !object.undeletable()) {
            throw failure("UNDELETE_FAILED", "Entity is not in the recycle bin");
        }
        if (row.deletedWith() != null) {
            Row parent = findRow(row.deletedWith());
            if (parent != null && parent.deletedAt() != null) {
                throw failure("UNDELETE_FAILED", "Entity was deleted with its parent " + row.deletedWith()
                        + "; undelete the parent to restore it");
            }
        }
        Object[] values = row.values().clone();
        set(object, values, "IsDeleted", Boolean.FALSE);
        checkUnique(object, values, id);
        Instant modstamp = txn.modstamp;
        set(object, values, "LastModifiedDate", modstamp);
        set(object, values, "LastModifiedById", userId);
        set(object, values, "SystemModstamp", modstamp);
        txn.touch(object, id);
        table(object.name()).put(id, new Row(values, null, null, row.parentClearedBy()));
        index(object, id, values);
        log(object, id, ChangeLogEntry.Op.UNDELETE, modstamp, userId, List.of());
        if (object.name().equals(OrgSchema.ACCOUNT)) {
            restoreWithAccount(id, userId, txn);
        }
        return WriteResult.ok(id, false);
    }

    /**
     * Undeleting an account brings back the opportunities deleted with it and sets the ParentId of the child accounts
     * its delete cleared, unless they were given another parent meanwhile (Salesforce restores only relationships
     * that have not been replaced). Territory associations bypassed the recycle bin and stay deleted.
     */
    private void restoreWithAccount(String accountId, String userId, Txn txn) {
        ObjectDef opportunity = schema.objectDef(OrgSchema.OPPORTUNITY);
        for (String childId : List.copyOf(txn.deletedWith(OrgSchema.OPPORTUNITY).getOrDefault(accountId, List.of()))) {
            Row row = table(OrgSchema.OPPORTUNITY).get(childId);
            if (row == null || row.deletedAt() == null || !accountId.equals(row.deletedWith())) {
                continue;
            }
            Object[] values = row.values().clone();
            set(opportunity, values, "IsDeleted", Boolean.FALSE);
            set(opportunity, values, "LastModifiedDate", txn.modstamp);
            set(opportunity, values, "LastModifiedById", userId);
            set(opportunity, values, "SystemModstamp", txn.modstamp);
            txn.touch(opportunity, childId);
            table(OrgSchema.OPPORTUNITY).put(childId, new Row(values, null));
            index(opportunity, childId, values);
            log(opportunity, childId, ChangeLogEntry.Op.UNDELETE, txn.modstamp, userId, List.of());
        }
        ObjectDef account = schema.objectDef(OrgSchema.ACCOUNT);
        for (Map.Entry<String, Row> entry : List.copyOf(table(OrgSchema.ACCOUNT).entrySet())) {
            Row child = entry.getValue();
            if (accountId.equals(child.parentClearedBy()) && child.deletedAt() == null
                    && get(account, child.values(), "ParentId") == null) {
                Object[] values = child.values().clone();
                set(account, values, "ParentId", accountId);
                replaceLive(account, entry.getKey(), child, values, null, userId, txn);
            }
        }
    }

    private static boolean isAuditField(String name) {
        return name.equals("LastModifiedDate") || name.equals("LastModifiedById") || name.equals("SystemModstamp");
    }

    // ------------------------------------------------------------------ validation

    private void applyInputs(ObjectDef object, Object[] values, RecordInput record, WriteOptions options,
                             boolean create) {
        for (Map.Entry<String, Object> entry : record.values().entrySet()) {
            FieldDef field = visibleField(object, entry.getKey(), options);
            if (field == null && entry.getValue() instanceof ParentReference reference
                    && object.relationshipField(entry.getKey()) != null) {
                FieldDef foreignKey = object.relationshipField(entry.getKey());
                if (create ? !foreignKey.createable() : !foreignKey.updateable()) {
                    throw failure("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
                            + foreignKey.name() + ".", foreignKey.name());
                }
                values[object.indexOf(foreignKey.name())] = resolveParent(foreignKey, reference);
                continue;
            }
            if (field == null) {
                throw failure("INVALID_FIELD", "No such column '" + entry.getKey() + "' on entity '" + object.name()
                        + "'. If you are attempting to use a custom field, be sure to append the '__c' after the "
                        + "custom field name. Please reference your WSDL or the describe call for the appropriate "
                        + "names.", entry.getKey());
            }
            if (field.type() == FieldType.ID && !create) {
                continue; // the Id element of an update
            }
            if (create ? !field.createable() : !field.updateable()) {
                Object current = values[object.indexOf(field.name())];
                Object converted = entry.getValue() == null ? null : FieldValues.convertQuietly(field, entry.getValue());
                if (!create && Objects.equals(current, converted)) {
                    continue; // unchanged read-only value echoed back by a client
                }
                throw failure("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: " + field.name()
                        + ". Please check the security settings of this field and verify that it is read/write for "
                        + "your profile or permission set.", field.name());
            }
            if (entry.getValue() == null) {
                continue;
            }
            values[object.indexOf(field.name())] = FieldValues.convert(field, entry.getValue(), options.allowFieldTruncation());
        }
        for (String name : record.fieldsToNull()) {
            FieldDef field = visibleField(object, name, options);
            if (field == null) {
                throw failure("INVALID_FIELD", "No such column '" + name + "' on entity '" + object.name() + "'.",
                        name);
            }
            if (create ? !field.createable() : !field.updateable()) {
                throw failure("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: " + field.name()
                        + ". Please check the security settings of this field and verify that it is read/write for "
                        + "your profile or permission set.", field.name());
            }
            if (!field.nillable() && !field.defaultedOnCreate()) {
                throw failure("REQUIRED_FIELD_MISSING", "Required fields are missing: [" + field.name() + "]",
                        field.name());
            }
            values[object.indexOf(field.name())] = null;
        }
    }

    /** The field as the client's API version knows it: null when absent or introduced after that version. */
    private static FieldDef visibleField(ObjectDef object, String name, WriteOptions options) {
        FieldDef field = object.fieldDef(name);
        return field == null || !OrgSchema.fieldExistsAt(object.name(), field.name(), options.apiVersion())
                ? null : field;
    }

    /** The Id of the one live parent whose external-id (or idLookup) field has the referenced value. */
    private String resolveParent(FieldDef foreignKey, ParentReference reference) {
        String targetName = reference.type() != null ? reference.type() : foreignKey.referenceTo().get(0);
        ObjectDef target = schema.objectDef(targetName);
        if (target == null || !foreignKey.referenceTo().contains(target.name())) {
            throw failure("INVALID_FIELD", "Invalid type " + targetName + " for the relationship "
                    + foreignKey.relationshipName(), foreignKey.name());
        }
        FieldDef key = target.fieldDef(reference.field());
        if (key == null || !(key.externalId() || key.idLookup())) {
            throw failure("INVALID_FIELD", "Field name provided, " + reference.field() + " is not an External ID or "
                    + "indexed field for " + target.name(), foreignKey.name());
        }
        if (reference.value() == null || reference.value().isEmpty()) {
            throw failure("INVALID_FIELD", "Foreign key external ID: value missing for field " + key.name()
                    + " in entity " + target.name(), foreignKey.name());
        }
        List<String> matches = new ArrayList<>();
        if (key.type() == FieldType.ID) {
            String id = SalesforceIds.normalize(reference.value());
            Row row = id == null ? null : table(target.name()).get(id);
            if (row != null && row.deletedAt() == null) {
                matches.add(id);
            }
        } else if (key.externalId()) {
            matches.addAll(state.externalIndexes.getOrDefault(target.name(), Map.of()).getOrDefault(key.name(),
                    Map.of()).getOrDefault(reference.value().toLowerCase(Locale.ROOT), new LinkedHashSet<>()));
        } else {
            int index = target.indexOf(key.name());
            for (Map.Entry<String, Row> entry : table(target.name()).entrySet()) {
                Object value = entry.getValue().values()[index];
                if (entry.getValue().deletedAt() == null && value != null
                        && value.toString().equalsIgnoreCase(reference.value())) {
                    matches.add(entry.getKey());
                }
            }
        }
        if (matches.isEmpty()) {
            throw failure("INVALID_FIELD", "Foreign key external ID: " + reference.value() + " not found for field "
                    + key.name() + " in entity " + target.name(), foreignKey.name());
        }
        if (matches.size() > 1) {
            throw failure("DUPLICATE_EXTERNAL_ID", "Foreign key external ID: " + reference.value()
                    + " matches more than one " + target.name() + ": " + matches, foreignKey.name());
        }
        return matches.get(0);
    }

    private void applyDefaults(ObjectDef object, Object[] values, String userId) {
        for (int i = 0; i < values.length; i++) {
            FieldDef field = object.fieldAt(i);
            if (values[i] != null) {
                continue;
            }
            if (field.type() == FieldType.BOOLEAN) {
                values[i] = field.name().equals("IsActive");
            } else if (field.name().equals("OwnerId")) {
                values[i] = userId;
            } else if (field.name().equals("State")) {
                values[i] = "Planning";
            } else if (field.name().equals("CurrencyIsoCode")) {
                values[i] = "USD";
            } else if (field.name().equals("Alias")) {
                String last = (String) get(object, values, "LastName");
                String first = (String) get(object, values, "FirstName");
                String alias = ((first == null || first.isEmpty() ? "" : first.substring(0, 1))
                        + (last == null ? "user" : last)).toLowerCase(Locale.ROOT);
                values[i] = alias.length() > 8 ? alias.substring(0, 8) : alias;
            } else if (field.name().equals("DeveloperName") && field.defaultedOnCreate()) {
                Object name = get(object, values, "Name");
                values[i] = name == null ? null : name.toString().replaceAll("[^A-Za-z0-9]+", "_");
            }
        }
    }

    /** Fields Salesforce computes: User.Name, Opportunity.IsClosed/IsWon, association SobjectType, quota PeriodId. */
    private void deriveFields(ObjectDef object, Object[] values) {
        switch (object.name()) {
            case OrgSchema.USER -> {
                Object first = get(object, values, "FirstName");
                Object last = get(object, values, "LastName");
                set(object, values, "Name", first == null ? last : last == null ? first : first + " " + last);
            }
            case OrgSchema.OPPORTUNITY -> {
                Object stage = get(object, values, "StageName");
                set(object, values, "IsClosed", "Closed Won".equals(stage) || "Closed Lost".equals(stage));
                set(object, values, "IsWon", "Closed Won".equals(stage));
            }
            case OrgSchema.OBJECT_TERRITORY2_ASSOCIATION -> set(object, values, "SobjectType", OrgSchema.ACCOUNT);
            case OrgSchema.FORECASTING_QUOTA -> set(object, values, "PeriodId",
                    monthPeriodOf((LocalDate) get(object, values, "StartDate")));
            default -> ComputedFields.apply(object, values);
        }
    }

    private String monthPeriodOf(LocalDate date) {
        if (date == null) {
            return null;
        }
        ObjectDef period = schema.objectDef(OrgSchema.PERIOD);
        String fallback = null;
        for (Map.Entry<String, Row> entry : table(OrgSchema.PERIOD).entrySet()) {
            Object[] values = entry.getValue().values();
            if (entry.getValue().deletedAt() != null) {
                continue;
            }
            LocalDate start = (LocalDate) get(period, values, "StartDate");
            LocalDate end = (LocalDate) get(period, values, "EndDate");
            if (start != null && end != null && !date.isBefore(start) && !date.isAfter(end)) {
                if ("Month".equals(get(period, values, "Type"))) {
                    return entry.getKey();
                }
                if (fallback == null) {
                    fallback = entry.getKey();
                }
            }
        }
        return fallback;
    }

    private void checkReferences(ObjectDef object, Object[] values, Object[] before) {
        for (int i = 0; i < values.length; i++) {
            FieldDef field = object.fieldAt(i);
            if (!field.isReference() || values[i] == null || (before != null && values[i].equals(before[i]))
                    || !(field.createable() || field.updateable())) {
                continue;
            }
            String id = (String) values[i];
            ObjectDef target = schema.objectForId(id);
            if (target == null || !field.referenceTo().contains(target.name())) {
                throw failure("INVALID_CROSS_REFERENCE_KEY", field.label() + ": id value of incorrect type: " + id,
                        field.name());
            }
            Row row = table(target.name()).get(id);
            if (row == null) {
                throw failure("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", field.name());
            }
            if (row.deletedAt() != null) {
                throw failure("ENTITY_IS_DELETED", "entity is deleted", field.name());
            }
        }
    }

    /** The object's registered rule (Enterprise Territory Management, forecasting, user hierarchy), if any. */
    private void checkRules(ObjectDef object, Object[] values, Object[] before, String userId) {
        ObjectRules.check(new ObjectRules.Change(object, values, before, userId, this::table));
    }

    private void checkUnique(ObjectDef object, Object[] values, String selfId) {
        RecordIndexes.checkUnique(state, object, values, selfId);
    }

    private void index(ObjectDef object, String id, Object[] values) {
        RecordIndexes.index(state, object, id, values);
    }

    private void unindex(ObjectDef object, String id, Object[] values) {
        RecordIndexes.unindex(state, object, id, values);
    }

    private static RecordFailure failure(String statusCode, String message, String... fields) {
        return RecordFailure.of(statusCode, message, fields);
    }

    // ------------------------------------------------------------------ internals

    private LinkedHashMap<String, Row> table(String objectName) {
        return state.rows.computeIfAbsent(objectName, n -> new LinkedHashMap<>());
    }

    private Row findRow(String id) {
        ObjectDef object = schema.objectForId(id);
        return object == null ? null : table(object.name()).get(id);
    }

    private static Object get(ObjectDef object, Object[] values, String field) {
        return values[object.indexOf(field)];
    }

    private static void set(ObjectDef object, Object[] values, String field, Object value) {
        int index = object.indexOf(field);
        if (index >= 0) {
            values[index] = value;
        }
    }

    private String nextId(ObjectDef object) {
        long sequence = state.idSequences.merge(object.keyPrefix(), 1L, Long::sum);
        return SalesforceIds.of(object.keyPrefix(), sequence);
    }

    private String peekNextId(String objectName) {
        ObjectDef object = schema.objectDef(objectName);
        return SalesforceIds.of(object.keyPrefix(), state.idSequences.getOrDefault(object.keyPrefix(), 0L) + 1);
    }

    /** Next SystemModstamp: the clock's millisecond, but always later than the previous one. */
    private Instant nextModstamp() {
        long now = clock.millis();
        lastModstampMillis = Math.max(now, lastModstampMillis + 1);
        return Instant.ofEpochMilli(lastModstampMillis);
    }

    private void log(ObjectDef object, String id, ChangeLogEntry.Op op, Instant modstamp, String userId,
                     List<String> changed) {
        state.changeLog.add(new ChangeLogEntry(state.nextSequence++, object.name(), id, op, modstamp, userId, changed));
    }

    /** Drops the oldest tenth of the change log once it exceeds its capacity (not inside a call: see Txn). */
    private void trimChangeLog() {
        int size = state.changeLog.size();
        if (size > changeLogCapacity) {
            state.changeLog.subList(0, size - changeLogCapacity + changeLogCapacity / 10).clear();
        }
    }

    /** Max change log entries kept (default 1,000,000); older ones are dropped. */
    public void setChangeLogCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.changeLogCapacity = capacity;
    }

    // ------------------------------------------------------------------ reads

    /** A record (live or deleted) by 15- or 18-char id, as a read-only map; null when absent. */
    public Map<String, Object> get(String id) {
        String normalized = SalesforceIds.normalize(id);
        if (normalized == null) {
            return null;
        }
        lock.readLock().lock();
        try {
            ObjectDef object = schema.objectForId(normalized);
            Row row = object == null ? null : table(object.name()).get(normalized);
            return row == null ? null : new RowView(object, row.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Live records of an object in creation order (read-only maps). */
    public List<Map<String, Object>> records(String objectName) {
        return records(objectName, false);
    }

    /** Records of an object in creation order, including the recycle bin when {@code includeDeleted}. */
    public List<Map<String, Object>> records(String objectName, boolean includeDeleted) {
        ObjectDef object = requireObject(objectName);
        lock.readLock().lock();
        try {
            List<Map<String, Object>> result = new ArrayList<>();
            for (Row row : table(object.name()).values()) {
                if (includeDeleted || row.deletedAt() == null) {
                    result.add(new RowView(object, row.values()));
                }
            }
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Live records whose field equals the value (text compared case-insensitively, as SOQL '=' does). */
    public List<Map<String, Object>> find(String objectName, String fieldName, Object value) {
        ObjectDef object = requireObject(objectName);
        FieldDef field = object.fieldDef(fieldName);
        if (field == null) {
            throw new IllegalArgumentException("no field " + fieldName + " on " + object.name());
        }
        Object wanted = value == null ? null : ValueConverter.convertOrNull(field, value);
        int index = object.indexOf(field.name());
        lock.readLock().lock();
        try {
            List<Map<String, Object>> result = new ArrayList<>();
            for (Row row : table(object.name()).values()) {
                Object actual = row.values()[index];
                boolean matches = wanted == null ? actual == null
                        : actual instanceof String s && wanted instanceof String w ? s.equalsIgnoreCase(w)
                        : actual instanceof BigDecimal a && wanted instanceof BigDecimal w ? a.compareTo(w) == 0
                        : Objects.equals(actual, wanted);
                if (row.deletedAt() == null && matches) {
                    result.add(new RowView(object, row.values()));
                }
            }
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Number of live records of an object. */
    public int count(String objectName) {
        ObjectDef object = requireObject(objectName);
        lock.readLock().lock();
        try {
            int count = 0;
            for (Row row : table(object.name()).values()) {
                if (row.deletedAt() == null) {
                    count++;
                }
            }
            return count;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Live record counts per object (every object, in schema order). */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ObjectDef object : schema.objects()) {
            counts.put(object.name(), count(object.name()));
        }
        return counts;
    }

    /** The change log (oldest first), a copy. */
    public List<ChangeLogEntry> changeLog() {
        lock.readLock().lock();
        try {
            return List.copyOf(state.changeLog);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Change log entries with a sequence greater than {@code sequence}. */
    public List<ChangeLogEntry> changeLogSince(long sequence) {
        lock.readLock().lock();
        try {
            List<ChangeLogEntry> log = state.changeLog;
            int low = 0;
            int high = log.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (log.get(mid).sequence() <= sequence) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return List.copyOf(log.subList(low, log.size()));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Drops the change log (e.g. after bulk-generating an org); sequences keep increasing. */
    public void clearChangeLog() {
        lock.writeLock().lock();
        try {
            state.changeLog.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * retrieve(): the listed fields of live records, null for ids not found; InvalidFieldFault for an unknown field,
     * InvalidSObjectFault for an unknown object. "Id" is always included.
     */
    public List<Map<String, Object>> retrieve(String objectName, List<String> fieldNames, List<String> ids) {
        ObjectDef object = requireObject(objectName);
        List<FieldDef> fields = new ArrayList<>();
        for (String name : fieldNames) {
            FieldDef field = object.fieldDef(name.trim());
            if (field == null) {
                throw new ApiFaultException(ApiFaultException.Kind.INVALID_FIELD, "INVALID_FIELD",
                        "No such column '" + name.trim() + "' on entity '" + object.name() + "'. If you are "
                                + "attempting to use a custom field, be sure to append the '__c' after the custom "
                                + "field name. Please reference your WSDL or the describe call for the appropriate "
                                + "names.");
            }
            if (!fields.contains(field)) {
                fields.add(field);
            }
        }
        lock.readLock().lock();
        try {
            List<Map<String, Object>> result = new ArrayList<>();
            for (String raw : ids) {
                String id = SalesforceIds.normalize(raw);
                if (id == null) {
                    throw new ApiFaultException(ApiFaultException.Kind.INVALID_ID, "MALFORMED_ID",
                            "invalid id: " + raw);
                }
                Row row = table(object.name()).get(id);
                if (row == null || row.deletedAt() != null) {
                    result.add(null);
                    continue;
                }
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("Id", id);
                for (FieldDef field : fields) {
                    values.put(field.name(), row.values()[object.indexOf(field.name())]);
                }
                result.add(values);
            }
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    // ------------------------------------------------------------------ schema changes

    /**
     * Adds a custom field while the org runs, as an admin does in Setup: describe, SOQL and writes know it at once;
     * existing records have no value for it. A bad definition changes nothing.
     */
    public FieldDef addField(String objectName, FieldDef field, String source) {
        lock.writeLock().lock();
        try {
            ObjectDef object = requireSchemaObject(objectName, source);
            SchemaRules.checkRuntimeField(schema, object, field, source);
            List<FieldDef> fields = new ArrayList<>(object.fields());
            fields.add(field);
            changeSchema(schema.with(object.withFields(fields)));
            return field;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes a custom field and its values; a later query or write naming it fails with INVALID_FIELD. */
    public FieldDef removeField(String objectName, String fieldName, String source) {
        lock.writeLock().lock();
        try {
            ObjectDef object = requireSchemaObject(objectName, source);
            FieldDef field = object.fieldDef(fieldName);
            if (field == null) {
                throw new SchemaDefinitionException(source, fieldName, object.name() + " has no such field");
            }
            if (!field.custom()) {
                throw new SchemaDefinitionException(source, field.name(), "only custom fields can be removed");
            }
            List<FieldDef> fields = new ArrayList<>(object.fields());
            fields.remove(field);
            changeSchema(schema.with(object.withFields(fields)));
            return field;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private ObjectDef requireSchemaObject(String objectName, String source) {
        ObjectDef object = schema.objectDef(objectName);
        if (object == null) {
            throw new SchemaDefinitionException(source, null, "the org has no object " + objectName);
        }
        return object;
    }

    /** Swaps the schema under the write lock: rows re-laid out, indexes rebuilt, compiled queries dropped. */
    private void changeSchema(OrgSchema next) {
        RowLayout.remap(state.rows, schema, next);
        state.layout = next;
        schema = next;
        soqlEngine = new SoqlEngine(next);
        compiledQueries.clear();
        rebuildIndexes();
    }

    private void rebuildIndexes() {
        state.uniqueIndexes.clear();
        state.externalIndexes.clear();
        for (ObjectDef object : schema.objects()) {
            for (Map.Entry<String, Row> entry : table(object.name()).entrySet()) {
                if (entry.getValue().deletedAt() == null) {
                    index(object, entry.getKey(), entry.getValue().values());
                }
            }
        }
    }

    // ------------------------------------------------------------------ SOQL

    /** Compiles (cached) and runs a query; throws SoqlException for bad SOQL. */
    public QueryRows query(String soql, boolean includeDeleted) {
        lock.readLock().lock();
        try {
            // Compiled under the lock, so a field removed a moment ago fails with INVALID_FIELD, never reads null.
            CompiledQuery compiled = compile(soql);
            return soqlEngine.execute(compiled, rowSource(), includeDeleted, now());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Compiles a query with the org's engine, caching by text. */
    public CompiledQuery compile(String soql) {
        CompiledQuery cached = compiledQueries.get(soql);
        if (cached != null) {
            return cached;
        }
        CompiledQuery compiled = soqlEngine.compile(soql);
        if (compiledQueries.size() > 2_000) {
            compiledQueries.clear();
        }
        compiledQueries.put(soql, compiled);
        return compiled;
    }

    /** Row source over the current state; call only while holding the read lock (see {@link #query}). */
    private SoqlRowSource rowSource() {
        Instant associationHorizon = now().minus(TERRITORY_ASSOCIATION_RETENTION);
        return new SoqlRowSource() {
            @Override
            public Iterable<Map<String, Object>> rows(String objectName, boolean includeDeleted) {
                ObjectDef object = schema.objectDef(objectName);
                if (object == null) {
                    return List.of();
                }
                Collection<Row> rows = table(object.name()).values();
                boolean association = object.name().equals(OrgSchema.OBJECT_TERRITORY2_ASSOCIATION);
                Function<Row, Map<String, Object>> view = row -> new RowView(object, row.values());
                return () -> rows.stream()
                        .filter(row -> row.deletedAt() == null || (includeDeleted
                                && (!association || row.deletedAt().isAfter(associationHorizon))))
                        .map(view)
                        .iterator();
            }

            @Override
            public Map<String, Object> byId(String objectName, String id) {
                ObjectDef object = schema.objectDef(objectName);
                String normalized = SalesforceIds.normalize(id);
                if (object == null || normalized == null) {
                    return null;
                }
                Row row = table(object.name()).get(normalized);
                return row == null ? null : new RowView(object, row.values());
            }
        };
    }

    // ------------------------------------------------------------------ replication

    /** getUpdated: live records with SystemModstamp in [start, end), 30-day window, id cap. */
    public UpdatedIds getUpdated(String objectName, Instant start, Instant end) {
        ObjectDef object = Replication.requireReplicateable(requireObject(objectName));
        Instant now = now();
        lock.readLock().lock();
        try {
            return Replication.updated(object, table(object.name()), start, end, now, replicationIdLimit);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** getDeleted: records deleted in [start, end), 15-day window, id cap. */
    public DeletedIds getDeleted(String objectName, Instant start, Instant end) {
        ObjectDef object = Replication.requireReplicateable(requireObject(objectName));
        Instant now = now();
        lock.readLock().lock();
        try {
            return Replication.deleted(table(object.name()), start, end, now, replicationIdLimit);
        } finally {
            lock.readLock().unlock();
        }
    }
}
