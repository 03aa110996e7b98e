package dev.planbridge.sync.domain;

import dev.planbridge.salesforce.Soql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sends one group of writes (same object and operation) in calls of at most 200 records and retries what the
 * {@link RetryPolicy} allows: only the failed records of a call, a new login, a pause, and - when a call's
 * answer was lost - a query for records that were created anyway before anything is sent again.
 */
public final class BatchExecutor {

    /** Delete errors meaning the record is already gone, which is what the delete wanted. */
    static final Set<String> ALREADY_DELETED = Set.of("ENTITY_IS_DELETED", "INVALID_CROSS_REFERENCE_KEY");
    /** Create errors that may mean an earlier, unanswered call created the record. */
    static final Set<String> MAYBE_CREATED_BEFORE = Set.of("DUPLICATE_VALUE", "DUPLICATE_EXTERNAL_ID");

    /** A write with its references resolved. {@code ledgerId} is the operation's row in the push ledger. */
    public record ExecOp(long ledgerId, SObjectType object, OpKind op, String recordId, Map<String, String> values) {
    }

    /** Where the outcome of each write is recorded; {@link #sending} is called before every call. */
    public interface Ledger {
        void sending(List<ExecOp> ops);

        void succeeded(ExecOp op, String salesforceId);

        void failed(ExecOp op, String code, String message);

        void retrying(ExecOp op, String code, String message);
    }

    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final CrmGateway crm;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Ledger ledger;
    private final int batchSize;
    private int requestLimitPauses;

    public BatchExecutor(CrmGateway crm, RetryPolicy policy, Sleeper sleeper, Ledger ledger, int batchSize) {
        this.crm = crm;
        this.policy = policy;
        this.sleeper = sleeper;
        this.ledger = ledger;
        this.batchSize = batchSize;
    }

    public void execute(List<ExecOp> ops) throws InterruptedException {
        for (List<ExecOp> chunk : Batches.chunks(ops, batchSize)) {
            sendChunk(chunk);
        }
    }

    /**
     * For writes that were sent but whose outcome is unknown (a crash or a lost answer), decided by reading the CRM:
     * a create whose record is found by its natural key, an update whose fields already hold the sent values, a delete
     * whose record is gone - each is marked succeeded and not sent again. The others are returned, to be sent again.
     * All operations must be of one object and operation.
     */
    public List<ExecOp> settleUnknownWrites(List<ExecOp> ops) throws CrmCallException {
        if (ops.isEmpty()) {
            return ops;
        }
        return switch (ops.get(0).op()) {
            case CREATE -> settleUnknownCreates(ops);
            case UPDATE -> settleUnknownUpdates(ops);
            case DELETE -> settleUnknownDeletes(ops);
        };
    }

    /** Creates of unknown outcome: records found by their natural key are marked succeeded, the others returned. */
    public List<ExecOp> settleUnknownCreates(List<ExecOp> creates) throws CrmCallException {
        if (creates.isEmpty()) {
            return creates;
        }
        SObjectType object = creates.get(0).object();
        Map<String, String> existing = new HashMap<>();
        List<Map<String, String>> values = creates.stream().map(ExecOp::values).toList();
        for (String soql : NaturalKeys.lookupQueries(object, values, Soql.MAX_QUERY_LENGTH)) {
            for (CrmRecord found : crm.query(soql)) {
                existing.put(NaturalKeys.matchKey(object, found.fields()), found.id());
            }
        }
        List<ExecOp> notFound = new ArrayList<>();
        for (ExecOp op : creates) {
            String id = existing.get(NaturalKeys.matchKey(object, op.values()));
            if (id != null) {
                ledger.succeeded(op, id);
            } else {
                notFound.add(op);
            }
        }
        return notFound;
    }

    private List<ExecOp> settleUnknownUpdates(List<ExecOp> updates) throws CrmCallException {
        SObjectType object = updates.get(0).object();
        Set<String> fields = new TreeSet<>();
        updates.forEach(op -> fields.addAll(op.values().keySet()));
        fields.remove("Id");
        Map<String, CrmRecord> current = currentById(object, fields, updates);
        List<ExecOp> resend = new ArrayList<>();
        for (ExecOp op : updates) {
            CrmRecord record = current.get(op.recordId().substring(0, 15));
            boolean applied = record != null && op.values().entrySet().stream()
                    .filter(e -> !e.getKey().equals("Id"))
                    .allMatch(e -> sameValue(e.getValue(), record.get(e.getKey())));
            if (applied) {
                ledger.succeeded(op, op.recordId());
            } else {
                resend.add(op);
            }
        }
        return resend;
    }

    private List<ExecOp> settleUnknownDeletes(List<ExecOp> deletes) throws CrmCallException {
        Map<String, CrmRecord> current = currentById(deletes.get(0).object(), Set.of(), deletes);
        List<ExecOp> resend = new ArrayList<>();
        for (ExecOp op : deletes) {
            if (current.containsKey(op.recordId().substring(0, 15))) {
                resend.add(op);
            } else {
                ledger.succeeded(op, op.recordId());
            }
        }
        return resend;
    }

    /** The listed records as the CRM holds them now, by 15-character Id (deleted ones are absent). */
    private Map<String, CrmRecord> currentById(SObjectType object, Set<String> fields, List<ExecOp> ops)
            throws CrmCallException {
        List<String> ids = ops.stream().map(ExecOp::recordId).toList();
        String select = "SELECT Id" + (fields.isEmpty() ? "" : ", " + String.join(", ", fields)) + " FROM " + object.apiName()
                + " WHERE";
        Map<String, CrmRecord> byId = new HashMap<>();
        for (String soql : Soql.inQueries(select, "Id", ids, null, Soql.MAX_QUERY_LENGTH)) {
            for (CrmRecord found : crm.query(soql)) {
                byId.put(found.id().substring(0, 15), found);
            }
        }
        return byId;
    }

    /** Whether the CRM holds the value that was sent: Ids on their 15-character prefix, numbers by value. */
    static boolean sameValue(String sent, String current) {
        String a = sent == null || sent.isBlank() ? null : sent;
        String b = current == null || current.isBlank() ? null : current;
        if (a == null || b == null) {
            return a == b;
        }
        if (Soql.isId(a) && Soql.isId(b)) {
            return Values.sameId(a, b);
        }
        return a.equals(b) || java.util.Objects.equals(Values.decimal(a), Values.decimal(b));
    }

    private void sendChunk(List<ExecOp> chunk) throws InterruptedException {
        List<ExecOp> pending = chunk;
        Map<Long, Integer> recordAttempts = new HashMap<>();
        int callAttempts = 0;
        while (!pending.isEmpty()) {
            ledger.sending(pending);
            List<WriteResult> results;
            try {
                results = send(pending);
            } catch (CrmCallException failure) {
                callAttempts++;
                RetryPolicy.Decision decision = policy.onCallFailure(failure, callAttempts, requestLimitPauses);
                if (failure.kind() == CrmCallException.Kind.REQUEST_LIMIT) {
                    requestLimitPauses++;
                }
                if (decision.action() == RetryPolicy.Action.GIVE_UP) {
                    for (ExecOp op : pending) {
                        ledger.failed(op, failure.code(), failure.getMessage());
                    }
                    return;
                }
                sleeper.sleep(decision.delay());
                try {
                    if (decision.action() == RetryPolicy.Action.RELOGIN_THEN_RETRY) {
                        crm.relogin();
                    }
                    if (decision.verifyFirst()) {
                        pending = settleUnknownWrites(pending);
                    }
                } catch (CrmCallException again) {
                    // The next send meets the same trouble and is judged by the policy.
                }
                continue;
            }
            if (results.size() != pending.size()) {
                for (ExecOp op : pending) {
                    ledger.failed(op, "UNEXPECTED_RESPONSE",
                            "the CRM answered " + results.size() + " results for " + pending.size() + " records");
                }
                return;
            }
            List<ExecOp> retry = new ArrayList<>();
            List<ExecOp> maybeCreated = new ArrayList<>();
            Duration wait = Duration.ZERO;
            for (int i = 0; i < pending.size(); i++) {
                ExecOp op = pending.get(i);
                WriteResult result = results.get(i);
                if (result.success()) {
                    ledger.succeeded(op, result.id() != null ? result.id() : op.recordId());
                } else if (op.op() == OpKind.DELETE && ALREADY_DELETED.contains(result.statusCode())) {
                    ledger.succeeded(op, op.recordId());
                } else if (op.op() == OpKind.CREATE && MAYBE_CREATED_BEFORE.contains(result.statusCode())) {
                    maybeCreated.add(op);
                } else {
                    int attempts = recordAttempts.merge(op.ledgerId(), 1, Integer::sum);
                    RetryPolicy.Decision decision = policy.onRecordFailure(result.statusCode(), attempts);
                    if (decision.action() == RetryPolicy.Action.RETRY) {
                        ledger.retrying(op, result.statusCode(), result.message());
                        retry.add(op);
                        wait = wait.compareTo(decision.delay()) < 0 ? decision.delay() : wait;
                    } else {
                        ledger.failed(op, result.statusCode(), result.message());
                    }
                }
            }
            if (!maybeCreated.isEmpty()) {
                settleDuplicates(maybeCreated, results, pending);
            }
            if (!retry.isEmpty()) {
                sleeper.sleep(wait);
            }
            pending = retry;
        }
    }

    private void settleDuplicates(List<ExecOp> maybeCreated, List<WriteResult> results, List<ExecOp> sent) {
        try {
            for (ExecOp op : settleUnknownCreates(maybeCreated)) {
                WriteResult result = results.get(sent.indexOf(op));
                ledger.failed(op, result.statusCode(), result.message());
            }
        } catch (CrmCallException e) {
            maybeCreated.forEach(op -> ledger.failed(op, e.code(), "duplicate, and the check for it failed: " + e.getMessage()));
        }
    }

    private List<WriteResult> send(List<ExecOp> ops) throws CrmCallException {
        SObjectType object = ops.get(0).object();
        return switch (ops.get(0).op()) {
            case CREATE -> crm.create(object, ops.stream().map(ExecOp::values).toList());
            case UPDATE -> crm.update(object, ops.stream().map(op -> {
                Map<String, String> values = new java.util.LinkedHashMap<>(op.values());
                values.put("Id", op.recordId());
                return (Map<String, String>) values;
            }).toList());
            case DELETE -> crm.delete(ops.stream().map(ExecOp::recordId).toList());
        };
    }
}
