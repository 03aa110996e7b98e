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
    private final String detail;

    public SalesforceFault(FaultCategory category, String code, String detail, Throwable cause) {
        super(code + ": " + detail, cause);
        this.category = Objects.requireNonNull(category, "category");
        this.code = Objects.requireNonNull(code, "code");
        this.detail = detail;
    }

    public FaultCategory category() {
        return category;
    }

    public String code() {
        return code;
    }

    /** What Salesforce (or the transport) said, without the code. */
    public String detail() {
        return detail;
    }
}
