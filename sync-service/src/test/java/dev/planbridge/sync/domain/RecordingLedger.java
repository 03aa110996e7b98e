package dev.planbridge.sync.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Remembers what the executor reported per operation. */
class RecordingLedger implements BatchExecutor.Ledger {

    final Map<Long, String> status = new LinkedHashMap<>();
    final Map<Long, String> ids = new LinkedHashMap<>();
    final Map<Long, Integer> sends = new LinkedHashMap<>();
    final List<String> errors = new ArrayList<>();

    @Override
    public void sending(List<BatchExecutor.ExecOp> ops) {
        ops.forEach(op -> {
            status.put(op.ledgerId(), "SENT");
            sends.merge(op.ledgerId(), 1, Integer::sum);
        });
    }

    @Override
    public void succeeded(BatchExecutor.ExecOp op, String salesforceId) {
        status.put(op.ledgerId(), "SUCCEEDED");
        ids.put(op.ledgerId(), salesforceId);
    }

    @Override
    public void failed(BatchExecutor.ExecOp op, String code, String message) {
        status.put(op.ledgerId(), "FAILED");
        errors.add(code);
    }

    @Override
    public void retrying(BatchExecutor.ExecOp op, String code, String message) {
        status.put(op.ledgerId(), "PENDING");
    }

    long count(String wanted) {
        return status.values().stream().filter(wanted::equals).count();
    }
}
