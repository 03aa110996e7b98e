package dev.planbridge.emulator.soql;

import java.util.List;

/** Result of {@link SoqlEngine#execute}: for COUNT() only size() is meaningful (rows empty). */
public record QueryRows(int size, List<ResultRow> rows) {}
