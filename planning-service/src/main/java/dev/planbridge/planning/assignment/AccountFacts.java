package dev.planbridge.planning.assignment;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The account attributes assignment rules can look at (a plan's baseline copy of the CRM account). */
public record AccountFacts(String id, String name, String ownerId, String country, String state, String postalCode,
                           String industry, Integer employees, BigDecimal annualRevenue, String segment,
                           String parentId) {

    /**
     * How to read a catalog field from an account, resolved once per rule item so evaluation is a method call, not a
     * name lookup. Empty for a field these facts do not carry (a rule on it is reported as broken, never evaluated).
     */
    public static Optional<Function<AccountFacts, Object>> reader(String field) {
        Function<AccountFacts, Object> reader = switch (field.trim().toLowerCase(Locale.ROOT)) {
            case "name" -> AccountFacts::name;
            case "billingcountry" -> AccountFacts::country;
            case "billingstate" -> AccountFacts::state;
            case "billingpostalcode" -> AccountFacts::postalCode;
            case "industry" -> AccountFacts::industry;
            case "numberofemployees" -> AccountFacts::employees;
            case "annualrevenue" -> AccountFacts::annualRevenue;
            case "segment__c" -> AccountFacts::segment;
            case "parentid" -> AccountFacts::parentId;
            default -> null;
        };
        return Optional.ofNullable(reader);
    }
}
