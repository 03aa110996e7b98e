package dev.planbridge.planning.assignment;

import java.math.BigDecimal;

/** The account attributes assignment rules can look at (a plan's baseline copy of the CRM account). */
public record AccountFacts(String id, String name, String ownerId, String country, String state, String postalCode,
                           String industry, Integer employees, BigDecimal annualRevenue, String segment,
                           String parentId) {
}
