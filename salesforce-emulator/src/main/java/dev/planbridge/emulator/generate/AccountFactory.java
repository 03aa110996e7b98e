package dev.planbridge.emulator.generate;

import dev.planbridge.emulator.generate.ReferenceData.Leaf;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Field values of realistic accounts and opportunities, shared by the generator and the activity simulator. */
final class AccountFactory {

    static final String[] OPPORTUNITY_KINDS = {"New Business", "Renewal", "Expansion", "Upsell", "Services"};
    static final int[] OPEN_STAGE_WEIGHTS = {22, 18, 14, 12, 10, 8, 9, 7};
    static final int[] OPEN_STAGE_PROBABILITY = {10, 10, 20, 50, 60, 70, 75, 90};

    private AccountFactory() {
    }

    /** Name, Type, billing address in the leaf, Industry, employees, Segment__c and AnnualRevenue. */
    static Map<String, Object> account(RandomGenerator random, Leaf leaf) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Name", companyName(random));
        values.put("Type", ReferenceData.ACCOUNT_TYPES.get(ReferenceData.weighted(random,
                ReferenceData.ACCOUNT_TYPE_WEIGHTS)));
        values.put("BillingCountry", leaf.country().name());
        values.put("BillingState", leaf.state() == null ? null : leaf.state().code());
        values.put("BillingPostalCode", ReferenceData.postalCode(random, leaf.postalPattern()));
        values.put("Industry", ReferenceData.INDUSTRIES.get(ReferenceData.weighted(random,
                ReferenceData.INDUSTRY_WEIGHTS)));
        // Company sizes are heavy-tailed: median ~50 employees, a few with hundreds of thousands.
        Integer employees = random.nextInt(100) < 4 ? null : employees(random);
        values.put("NumberOfEmployees", employees);
        values.put("Segment__c", segmentOf(employees));
        if (employees != null && random.nextInt(100) >= 8) {
            values.put("AnnualRevenue", revenue(random, employees));
        }
        return values;
    }

    static int employees(RandomGenerator random) {
        return (int) Math.max(1, Math.min(400_000, Math.round(logNormal(random, Math.log(50), 1.8))));
    }

    /** Revenue per employee is itself log-normal around 170k, rounded to thousands. */
    static BigDecimal revenue(RandomGenerator random, int employees) {
        double perEmployee = logNormal(random, Math.log(170_000), 0.5);
        long revenue = Math.max(10_000L, Math.round(employees * perEmployee / 1_000.0) * 1_000L);
        return BigDecimal.valueOf(Math.min(revenue, 900_000_000_000L));
    }

    /** SMB below 200 employees, MidMarket below 2,000, Enterprise from 2,000; null when unknown. */
    static String segmentOf(Integer employees) {
        if (employees == null) {
            return null;
        }
        return employees < 200 ? "SMB" : employees < 2_000 ? "MidMarket" : "Enterprise";
    }

    /** Name, AccountId, OwnerId, CloseDate and an Amount sized by the account's segment (no stage). */
    static Map<String, Object> opportunity(RandomGenerator random, String accountId, Map<String, Object> account,
                                           String ownerId, LocalDate closeDate) {
        Map<String, Object> values = new LinkedHashMap<>();
        String kind = OPPORTUNITY_KINDS[random.nextInt(OPPORTUNITY_KINDS.length)];
        String name = account.get("Name") + " - " + kind;
        values.put("Name", name.length() <= 120 ? name : name.substring(0, 120));
        values.put("AccountId", accountId);
        values.put("OwnerId", ownerId);
        values.put("CloseDate", closeDate);
        double median = switch (String.valueOf(account.get("Segment__c"))) {
            case "Enterprise" -> 240_000;
            case "MidMarket" -> 55_000;
            case "SMB" -> 12_000;
            default -> 20_000;
        };
        long amount = Math.max(500L, Math.round(logNormal(random, Math.log(median), 0.8) / 100.0) * 100L);
        values.put("Amount", BigDecimal.valueOf(amount));
        return values;
    }

    static String companyName(RandomGenerator random) {
        String name = ReferenceData.pick(random, ReferenceData.COMPANY_PREFIXES) + " "
                + ReferenceData.pick(random, ReferenceData.COMPANY_CORES);
        if (random.nextInt(3) == 0) {
            name = name + " " + ReferenceData.pick(random, ReferenceData.COMPANY_CORES);
        }
        return name + " " + ReferenceData.pick(random, ReferenceData.COMPANY_SUFFIXES);
    }

    static double logNormal(RandomGenerator random, double mu, double sigma) {
        return Math.exp(mu + sigma * random.nextGaussian());
    }
}
