package dev.planbridge.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * API call counters: calls per SOAP call type, per client id (CallOptions.client, "unknown" when absent), records
 * processed per call type (records written, or rows returned by query/queryMore/retrieve), and faults per exception
 * code. Thread-safe.
 */
public final class ApiCounters {

    /** An immutable copy of the counters. */
    public record Snapshot(long totalCalls, Map<String, Long> callsByType, Map<String, Long> callsByClient,
                           Map<String, Long> recordsByType, Map<String, Long> faultsByCode) {
    }

    private final LongAdder total = new LongAdder();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> clients = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> records = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> faults = new ConcurrentHashMap<>();
    private final AtomicLong resets = new AtomicLong();

    ApiCounters() {
    }

    /** Counts one call. */
    public void recordCall(String callType, String clientId) {
        total.increment();
        calls.computeIfAbsent(callType, k -> new LongAdder()).increment();
        clients.computeIfAbsent(clientId == null || clientId.isBlank() ? "unknown" : clientId,
                k -> new LongAdder()).increment();
    }

    public void recordRecords(String callType, long count) {
        records.computeIfAbsent(callType, k -> new LongAdder()).add(count);
    }

    public void recordFault(String exceptionCode) {
        faults.computeIfAbsent(exceptionCode, k -> new LongAdder()).increment();
    }

    public long totalCalls() {
        return total.sum();
    }

    public long calls(String callType) {
        LongAdder adder = calls.get(callType);
        return adder == null ? 0 : adder.sum();
    }

    public long callsByClient(String clientId) {
        LongAdder adder = clients.get(clientId);
        return adder == null ? 0 : adder.sum();
    }

    public long records(String callType) {
        LongAdder adder = records.get(callType);
        return adder == null ? 0 : adder.sum();
    }

    public Snapshot snapshot() {
        return new Snapshot(total.sum(), copy(calls), copy(clients), copy(records), copy(faults));
    }

    public void reset() {
        total.reset();
        calls.clear();
        clients.clear();
        records.clear();
        faults.clear();
        resets.incrementAndGet();
    }

    private static Map<String, Long> copy(Map<String, LongAdder> source) {
        Map<String, Long> copy = new TreeMap<>();
        source.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
