package dev.planbridge.sync.domain;

/** Outcome of comparing baseline, desired and current for one field. */
public enum Classification {
    /** The CRM already holds what the plan wants. */
    UNCHANGED,
    /** The CRM still holds the baseline (or what an earlier push wrote): the plan's value is written. */
    WRITE,
    /** The CRM was changed by someone else since the baseline, to something the plan does not want. */
    CONFLICT
}
