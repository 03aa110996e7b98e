package dev.planbridge.salesforce;

import java.util.Objects;

/**
 * A whole Salesforce call failed (single records failing inside a write are results, not faults). Carries Salesforce's
 * exception code, or a transport code ({@code CONNECTION}, {@code HTTP_503}), and its {@link FaultCategory}.
 */
public final class SalesforceFault extends Exception {

    /** Transport failure without an HTTP status: refused, reset or timed-out connection. */
    public static final String CONNECTION = "CONNECTION";

    private final FaultCategory category;
    private final String code;

    public SalesforceFault(FaultCategory category, String code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.category = Objects.requireNonNull(category, "category");
        this.code = Objects.requireNonNull(code, "code");
    }

    public FaultCategory category() {
        return category;
    }

    public String code() {
        return code;
    }
}
