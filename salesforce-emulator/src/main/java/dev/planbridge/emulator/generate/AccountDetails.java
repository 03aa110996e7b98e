package dev.planbridge.emulator.generate;

import dev.planbridge.emulator.generate.ReferenceData.Leaf;
import dev.planbridge.emulator.org.FieldDef;
import dev.planbridge.emulator.org.ObjectDef;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The Account fields added with the full standard field set (issue #17) and any custom fields of the org's schema,
 * filled from their own random stream so the values of the original fields stay byte-identical for a seed.
 * Some fields are left empty on purpose (a phone, a website, a city, a rating missing) so data-quality checks find
 * something, as in a real org.
 */
final class AccountDetails {

    /** Fields set elsewhere or computed by the org; never filled here. */
    private static final List<String> SKIPPED = List.of("Id", "OwnerId", "Name", "Type", "ParentId", "BillingCountry",
            "BillingState", "BillingPostalCode", "Industry", "AnnualRevenue", "NumberOfEmployees", "External_Id__c",
            "Segment__c", "Jigsaw", "CleanStatus", "DandbCompanyId", "OperatingHoursId");

    private static final Map<String, List<String>> CITIES = Map.ofEntries(
            Map.entry("CA/US", List.of("Los Angeles", "San Francisco", "San Diego", "San Jose")),
            Map.entry("WA/US", List.of("Seattle", "Spokane", "Tacoma")), Map.entry("OR/US", List.of("Portland", "Eugene")),
            Map.entry("CO/US", List.of("Denver", "Boulder")), Map.entry("AZ/US", List.of("Phoenix", "Tucson")),
            Map.entry("UT/US", List.of("Salt Lake City", "Provo")), Map.entry("NV/US", List.of("Las Vegas", "Reno")),
            Map.entry("TX/US", List.of("Houston", "Dallas", "Austin", "San Antonio")),
            Map.entry("IL/US", List.of("Chicago", "Springfield")), Map.entry("OH/US", List.of("Columbus", "Cleveland")),
            Map.entry("MI/US", List.of("Detroit", "Grand Rapids")), Map.entry("MN/US", List.of("Minneapolis", "St. Paul")),
            Map.entry("MO/US", List.of("St. Louis", "Kansas City")), Map.entry("WI/US", List.of("Milwaukee", "Madison")),
            Map.entry("NY/US", List.of("New York", "Buffalo", "Rochester")), Map.entry("FL/US", List.of("Miami", "Tampa", "Orlando")),
            Map.entry("PA/US", List.of("Philadelphia", "Pittsburgh")), Map.entry("GA/US", List.of("Atlanta", "Savannah")),
            Map.entry("NC/US", List.of("Charlotte", "Raleigh")), Map.entry("MA/US", List.of("Boston", "Cambridge")),
            Map.entry("NJ/US", List.of("Newark", "Jersey City")), Map.entry("VA/US", List.of("Richmond", "Arlington")),
            Map.entry("ON/CA", List.of("Toronto", "Ottawa")), Map.entry("QC/CA", List.of("Montreal", "Quebec City")),
            Map.entry("BC/CA", List.of("Vancouver", "Victoria")), Map.entry("AB/CA", List.of("Calgary", "Edmonton")),
            Map.entry("GB", List.of("London", "Manchester", "Birmingham")), Map.entry("IE", List.of("Dublin", "Cork")),
            Map.entry("DE", List.of("Berlin", "Munich", "Hamburg", "Frankfurt")), Map.entry("AT", List.of("Vienna", "Graz")),
            Map.entry("CH", List.of("Zurich", "Geneva", "Basel")), Map.entry("FR", List.of("Paris", "Lyon", "Toulouse")),
            Map.entry("NL", List.of("Amsterdam", "Rotterdam")), Map.entry("BE", List.of("Brussels", "Antwerp")),
            Map.entry("SE", List.of("Stockholm", "Gothenburg")), Map.entry("DK", List.of("Copenhagen", "Aarhus")),
            Map.entry("NO", List.of("Oslo", "Bergen")), Map.entry("FI", List.of("Helsinki", "Espoo")),
            Map.entry("AU", List.of("Sydney", "Melbourne", "Brisbane")), Map.entry("NZ", List.of("Auckland", "Wellington")),
            Map.entry("JP", List.of("Tokyo", "Osaka", "Yokohama")), Map.entry("IN", List.of("Bengaluru", "Mumbai", "Pune")),
            Map.entry("SG", List.of("Singapore")), Map.entry("BR", List.of("Sao Paulo", "Rio de Janeiro")),
            Map.entry("MX", List.of("Mexico City", "Monterrey", "Guadalajara")));
    private static final List<String> STREETS = List.of("Main Street", "Market Street", "Park Avenue", "Harbor Road",
            "Station Road", "Industrial Way", "Innovation Drive", "Commerce Parkway", "Riverside", "High Street");
    private static final List<String> RATINGS = List.of("Hot", "Warm", "Cold");
    private static final List<String> SOURCES = List.of("Web", "Phone Inquiry", "Partner Referral", "Purchased List",
            "Other");
    private static final List<String> OWNERSHIP = List.of("Public", "Private", "Subsidiary", "Other");
    private static final List<String> DESCRIPTIONS = List.of("Long-standing customer with a central IT team.",
            "Expanding into new regions next fiscal year.", "Procurement-driven; expects annual price reviews.",
            "Evaluating a platform consolidation.", "Strong executive sponsor in operations.");

    private AccountDetails() {
    }

    /** Adds the detail fields to a generated account's values (never overwriting one already set). */
    static void fill(RandomGenerator random, ObjectDef account, Map<String, Object> values, Leaf leaf, int index,
                     LocalDate today) {
        String country = leaf.country().code();
        String key = leaf.state() == null ? country : leaf.state().code() + "/" + country;
        List<String> cities = CITIES.getOrDefault(key, List.of(leaf.label()));
        String name = (String) values.get("Name");
        String domain = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "") + ".example.com";
        boolean shipsElsewhere = random.nextInt(10) == 0;
        for (FieldDef field : account.fields()) {
            String f = field.name();
            if (!field.createable() || SKIPPED.contains(f) || values.containsKey(f) || field.isReference()) {
                continue;
            }
            Object value = switch (f) {
                case "Phone" -> random.nextInt(100) < 8 ? null : phone(random, country);
                case "Fax" -> random.nextInt(100) < 70 ? null : phone(random, country);
                case "Website" -> random.nextInt(100) < 12 ? null : "https://www." + domain;
                case "AccountNumber" -> String.format("AN-%08d", index + 1);
                case "BillingStreet" -> (1 + random.nextInt(980)) + " " + ReferenceData.pick(random, STREETS);
                case "BillingCity" -> random.nextInt(100) < 4 ? null : ReferenceData.pick(random, cities);
                case "ShippingStreet" -> shipsElsewhere ? (1 + random.nextInt(980)) + " "
                        + ReferenceData.pick(random, STREETS) : values.get("BillingStreet");
                case "ShippingCity" -> shipsElsewhere ? ReferenceData.pick(random, cities) : values.get("BillingCity");
                case "ShippingState" -> values.get("BillingState");
                case "ShippingPostalCode" -> values.get("BillingPostalCode");
                case "ShippingCountry" -> values.get("BillingCountry");
                case "Rating" -> random.nextInt(100) < 30 ? null : ReferenceData.pick(random, RATINGS);
                case "AccountSource" -> ReferenceData.pick(random, SOURCES);
                case "Ownership" -> ReferenceData.pick(random, OWNERSHIP);
                case "Description" -> random.nextInt(100) < 40 ? null : ReferenceData.pick(random, DESCRIPTIONS);
                case "Site" -> random.nextInt(100) < 50 ? null : (random.nextBoolean() ? "Headquarters" : "Branch");
                case "YearStarted" -> String.valueOf(today.getYear() - 2 - random.nextInt(80));
                case "TickerSymbol" -> "Public".equals(values.get("Ownership"))
                        ? name.replaceAll("[^A-Z]", "").substring(0, Math.min(4, name.replaceAll("[^A-Z]", "")
                        .length())) : null;
                case "Tradestyle" -> random.nextInt(100) < 80 ? null : name;
                case "DunsNumber" -> String.format("%09d", random.nextInt(1_000_000_000));
                case "Sic", "SicDesc", "NaicsCode", "NaicsDesc", "BillingLatitude", "BillingLongitude",
                     "ShippingLatitude", "ShippingLongitude", "BillingGeocodeAccuracy", "ShippingGeocodeAccuracy" -> null;
                default -> byType(random, field, index, today);
            };
            if (value != null) {
                values.put(f, value);
            }
        }
    }

    /** A plausible value for any field by its describe type (custom fields such as a potential score). */
    static Object byType(RandomGenerator random, FieldDef field, int index, LocalDate today) {
        if (random.nextInt(100) < 10) {
            return null; // some gaps on purpose
        }
        return switch (field.type()) {
            case PICKLIST -> ReferenceData.pick(random, field.picklistValues());
            case MULTIPICKLIST -> field.picklistValues().get(random.nextInt(field.picklistValues().size()));
            case BOOLEAN -> random.nextBoolean();
            case INTEGER -> random.nextInt(Math.min(1_000_000, (int) Math.pow(10, Math.min(6, field.precision()))));
            case CURRENCY, DOUBLE -> BigDecimal.valueOf(AccountFactory.logNormal(random, 12, 1.2))
                    .setScale(Math.min(2, field.scale()), RoundingMode.HALF_UP)
                    .min(BigDecimal.TEN.pow(Math.max(1, field.precision() - field.scale())).subtract(BigDecimal.ONE));
            case PERCENT -> BigDecimal.valueOf(random.nextInt(101));
            case DATE -> today.minusDays(random.nextInt(2000));
            case EMAIL -> "contact" + (index + 1) + "@example.com";
            case PHONE -> phone(random, "US");
            case URL -> "https://www.example.com/" + (index + 1);
            case STRING, TEXTAREA -> truncate(field.label() + " " + (index + 1), field.length());
            default -> null;
        };
    }

    private static String phone(RandomGenerator random, String country) {
        return switch (country) {
            case "US", "CA" -> String.format("(%03d) %03d-%04d", 201 + random.nextInt(780), 200 + random.nextInt(799),
                    random.nextInt(10_000));
            default -> String.format("+%s %d %07d", dialCode(country), 1 + random.nextInt(9),
                    random.nextInt(10_000_000));
        };
    }

    private static String dialCode(String country) {
        return switch (country) {
            case "GB" -> "44"; case "IE" -> "353"; case "DE" -> "49"; case "AT" -> "43"; case "CH" -> "41";
            case "FR" -> "33"; case "NL" -> "31"; case "BE" -> "32"; case "SE" -> "46"; case "DK" -> "45";
            case "NO" -> "47"; case "FI" -> "358"; case "AU" -> "61"; case "NZ" -> "64"; case "JP" -> "81";
            case "IN" -> "91"; case "SG" -> "65"; case "BR" -> "55"; case "MX" -> "52";
            default -> "1";
        };
    }

    private static String truncate(String text, int length) {
        return length > 0 && text.length() > length ? text.substring(0, length) : text;
    }
}
