package dev.planbridge.sync.domain;

/** A write the push makes on one record. */
public enum OpKind {
    CREATE, UPDATE, DELETE
}
