package dev.planbridge.emulator.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The fixed vocabularies the generator draws from: sales regions and their countries and states (weighted roughly by
 * B2B market size), Salesforce's standard Industry/Type/StageName picklist values, and name parts. Everything here is
 * static data; the randomness lives in {@link OrgGenerator}.
 */
final class ReferenceData {

    private ReferenceData() {
    }

    /** A state or province with its postal-code shape: a prefix range for US ZIPs, a pattern elsewhere. */
    record State(String code, String name, int weight, String postalPattern) {
    }

    /** A country of a sales area; {@code states} empty when accounts carry no state. */
    record Country(String code, String name, int weight, String postalPattern, List<State> states) {
    }

    /** A sales area (second territory level), e.g. "US West", holding whole countries or a country's states. */
    record Area(String developerName, String label, List<Country> countries) {
    }

    /** A top-level sales region (first territory level, one VP each). */
    record Region(String developerName, String label, List<Area> areas) {
    }

    // Postal patterns: '9' = digit, 'A' = upper-case letter, anything else literal.
    private static State us(String code, String name, int weight, int zipLow, int zipHigh) {
        return new State(code, name, weight, "ZIP" + zipLow + "-" + zipHigh);
    }

    private static final String CA_POSTAL = "A9A 9A9";

    static final List<Region> REGIONS = List.of(
            new Region("North_America", "North America", List.of(
                    new Area("US_West", "US West", List.of(new Country("US", "United States", 0, null, List.of(
                            us("CA", "California", 40, 900, 961), us("WA", "Washington", 9, 980, 994),
                            us("OR", "Oregon", 5, 970, 979), us("CO", "Colorado", 7, 800, 816),
                            us("AZ", "Arizona", 7, 850, 865), us("UT", "Utah", 4, 840, 847),
                            us("NV", "Nevada", 3, 889, 898))))),
                    new Area("US_Central", "US Central", List.of(new Country("US", "United States", 0, null, List.of(
                            us("TX", "Texas", 28, 750, 799), us("IL", "Illinois", 13, 600, 629),
                            us("OH", "Ohio", 10, 430, 459), us("MI", "Michigan", 9, 480, 499),
                            us("MN", "Minnesota", 6, 550, 567), us("MO", "Missouri", 5, 630, 658),
                            us("WI", "Wisconsin", 5, 530, 549))))),
                    new Area("US_East", "US East", List.of(new Country("US", "United States", 0, null, List.of(
                            us("NY", "New York", 22, 100, 149), us("FL", "Florida", 20, 320, 349),
                            us("PA", "Pennsylvania", 12, 150, 196), us("GA", "Georgia", 10, 300, 319),
                            us("NC", "North Carolina", 10, 270, 289), us("MA", "Massachusetts", 9, 10, 27),
                            us("NJ", "New Jersey", 9, 70, 89), us("VA", "Virginia", 8, 220, 246))))),
                    new Area("Canada", "Canada", List.of(new Country("CA", "Canada", 0, CA_POSTAL, List.of(
                            new State("ON", "Ontario", 40, CA_POSTAL), new State("QC", "Quebec", 22, CA_POSTAL),
                            new State("BC", "British Columbia", 14, CA_POSTAL), new State("AB", "Alberta", 12, CA_POSTAL))))))),
            new Region("EMEA", "EMEA", List.of(
                    new Area("UK_Ireland", "UK & Ireland", List.of(
                            new Country("GB", "United Kingdom", 0, "AA9 9AA", List.of()),
                            new Country("IE", "Ireland", 0, "A99 A9A9", List.of()))),
                    new Area("DACH", "DACH", List.of(
                            new Country("DE", "Germany", 0, "99999", List.of()),
                            new Country("AT", "Austria", 0, "9999", List.of()),
                            new Country("CH", "Switzerland", 0, "9999", List.of()))),
                    new Area("France_Benelux", "France & Benelux", List.of(
                            new Country("FR", "France", 0, "99999", List.of()),
                            new Country("NL", "Netherlands", 0, "9999 AA", List.of()),
                            new Country("BE", "Belgium", 0, "9999", List.of()))),
                    new Area("Nordics", "Nordics", List.of(
                            new Country("SE", "Sweden", 0, "999 99", List.of()),
                            new Country("DK", "Denmark", 0, "9999", List.of()),
                            new Country("NO", "Norway", 0, "9999", List.of()),
                            new Country("FI", "Finland", 0, "99999", List.of()))))),
            new Region("APAC", "APAC", List.of(
                    new Area("ANZ", "Australia & New Zealand", List.of(
                            new Country("AU", "Australia", 0, "9999", List.of()),
                            new Country("NZ", "New Zealand", 0, "9999", List.of()))),
                    new Area("Japan", "Japan", List.of(new Country("JP", "Japan", 0, "999-9999", List.of()))),
                    new Area("India", "India", List.of(new Country("IN", "India", 0, "999999", List.of()))),
                    new Area("Southeast_Asia", "Southeast Asia", List.of(
                            new Country("SG", "Singapore", 0, "999999", List.of()))))),
            new Region("LATAM", "Latin America", List.of(
                    new Area("Brazil", "Brazil", List.of(new Country("BR", "Brazil", 0, "99999-999", List.of()))),
                    new Area("Mexico", "Mexico", List.of(new Country("MX", "Mexico", 0, "99999", List.of()))))));

    /** Share of accounts per area, in the order of {@link #REGIONS}' areas (US-heavy, as for most B2B sellers). */
    static final int[] AREA_WEIGHTS = {14, 13, 15, 5, 8, 7, 6, 4, 4, 3, 3, 2, 3, 2};

    /** A bottom-level territory: a country, or a state/province of a country split into states. */
    record Leaf(int region, int area, Country country, State state, double weight, String developerName,
                String label) {
        String postalPattern() {
            return state != null ? state.postalPattern() : country.postalPattern();
        }
    }

    /** All leaves in region/area order; {@code weight} is the leaf's share of accounts. */
    static final List<Leaf> LEAVES = buildLeaves();

    private static List<Leaf> buildLeaves() {
        List<Leaf> leaves = new ArrayList<>();
        int areaIndex = 0;
        for (int r = 0; r < REGIONS.size(); r++) {
            for (Area area : REGIONS.get(r).areas()) {
                double areaWeight = AREA_WEIGHTS[areaIndex];
                if (area.countries().size() == 1 && !area.countries().get(0).states().isEmpty()) {
                    Country country = area.countries().get(0);
                    double total = country.states().stream().mapToInt(State::weight).sum();
                    for (State state : country.states()) {
                        leaves.add(new Leaf(r, areaIndex, country, state, areaWeight * state.weight() / total,
                                area.developerName() + "_" + state.code(), state.name()));
                    }
                } else {
                    double total = area.countries().stream().mapToInt(c -> countryWeight(c.code())).sum();
                    for (Country country : area.countries()) {
                        leaves.add(new Leaf(r, areaIndex, country, null,
                                areaWeight * countryWeight(country.code()) / total,
                                area.developerName() + "_" + country.code(), country.name()));
                    }
                }
                areaIndex++;
            }
        }
        return List.copyOf(leaves);
    }

    /** The leaf with this territory DeveloperName, or null. */
    static Leaf leafByDeveloperName(String developerName) {
        for (Leaf leaf : LEAVES) {
            if (leaf.developerName().equals(developerName)) {
                return leaf;
            }
        }
        return null;
    }

    /** Share of accounts per country within a multi-country area, by country code. */
    static int countryWeight(String countryCode) {
        return switch (countryCode) {
            case "GB", "DE", "FR", "AU" -> 10;
            case "NL", "CH", "SE" -> 4;
            case "IE", "AT", "BE", "DK", "NO", "FI", "NZ" -> 2;
            default -> 1;
        };
    }

    /** Salesforce's standard Account.Industry picklist, with a relative frequency each. */
    static final List<String> INDUSTRIES = List.of(
            "Agriculture", "Apparel", "Banking", "Biotechnology", "Chemicals", "Communications", "Construction",
            "Consulting", "Education", "Electronics", "Energy", "Engineering", "Entertainment", "Environmental",
            "Finance", "Food & Beverage", "Government", "Healthcare", "Hospitality", "Insurance", "Machinery",
            "Manufacturing", "Media", "Not For Profit", "Recreation", "Retail", "Shipping", "Technology",
            "Telecommunications", "Transportation", "Utilities", "Other");
    static final int[] INDUSTRY_WEIGHTS = {
            2, 2, 5, 3, 2, 4, 4, 6, 4, 4, 3, 4, 2, 1, 7, 3, 3, 8, 3, 5, 3, 9, 3, 2, 1, 7, 2, 12, 4, 3, 2, 3};

    /** Salesforce's standard Account.Type picklist (the common values). */
    static final List<String> ACCOUNT_TYPES = List.of(
            "Prospect", "Customer - Direct", "Customer - Channel", "Channel Partner / Reseller",
            "Installation Partner", "Technology Partner", "Other");
    static final int[] ACCOUNT_TYPE_WEIGHTS = {45, 30, 10, 5, 3, 4, 3};

    /** Open opportunity stages of the standard sales process, in order, with their default probability. */
    static final List<String> OPEN_STAGES = List.of(
            "Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
            "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review");
    static final String CLOSED_WON = "Closed Won";
    static final String CLOSED_LOST = "Closed Lost";

    static final List<String> COMPANY_PREFIXES = List.of(
            "Acme", "Apex", "Atlas", "Aurora", "Beacon", "Blue", "Bright", "Cascade", "Cedar", "Summit", "Crest",
            "Delta", "Eagle", "Echo", "Ember", "Evergreen", "Falcon", "First", "Frontier", "Global", "Golden", "Granite",
            "Harbor", "Horizon", "Iron", "Keystone", "Lake", "Liberty", "Lighthouse", "Maple", "Meridian", "Metro",
            "Nexus", "North", "Nova", "Oak", "Omega", "Orion", "Pacific", "Peak", "Pine", "Pinnacle", "Pioneer",
            "Prime", "Quantum", "Red", "Ridge", "River", "Sierra", "Silver", "Sky", "Solar", "Star", "Sterling",
            "Stone", "Sun", "Terra", "Titan", "Trident", "United", "Valley", "Vector", "Vertex", "Vista", "West", "Zenith");
    static final List<String> COMPANY_CORES = List.of(
            "Analytics", "Bio", "Capital", "Chemical", "Cloud", "Consulting", "Data", "Dynamics", "Energy", "Engineering",
            "Foods", "Freight", "Health", "Industries", "Insurance", "Labs", "Logistics", "Manufacturing", "Media",
            "Medical", "Metals", "Motors", "Networks", "Partners", "Pharma", "Power", "Retail", "Robotics", "Security",
            "Software", "Solutions", "Systems", "Technologies", "Telecom", "Textiles", "Ventures", "Works");
    static final List<String> COMPANY_SUFFIXES = List.of(
            "Inc.", "LLC", "Ltd.", "Corp.", "Group", "GmbH", "S.A.", "plc", "Co.", "Holdings", "AG", "B.V.");

    static final List<String> FIRST_NAMES = List.of(
            "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth",
            "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
            "Christopher", "Nancy", "Daniel", "Lisa", "Matthew", "Betty", "Anthony", "Margaret", "Mark", "Sandra",
            "Priya", "Arjun", "Wei", "Mei", "Hiroshi", "Yuki", "Lukas", "Anna", "Mateo", "Sofia", "Liam", "Emma",
            "Noah", "Olivia", "Lucas", "Chloe", "Ahmed", "Fatima", "Sven", "Ingrid", "Pierre", "Camille", "Diego",
            "Valentina", "Kwame", "Amara", "Oliver", "Isla", "Jack", "Grace");
    static final List<String> LAST_NAMES = List.of(
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
            "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
            "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
            "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Patel",
            "Sharma", "Chen", "Wang", "Tanaka", "Sato", "Muller", "Schmidt", "Dubois", "Martin", "Rossi", "Silva",
            "Santos", "Johansson", "Nielsen", "Okafor", "Mensah", "O'Brien", "Murphy", "Kowalski");

    /** Index drawn with the given integer weights. */
    static int weighted(RandomGenerator random, int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int pick = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static <T> T pick(RandomGenerator random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A postal code of the given shape ('9' digit, 'A' letter; "ZIPlow-high" a US ZIP with a 3-digit prefix range). */
    static String postalCode(RandomGenerator random, String pattern) {
        if (pattern.startsWith("ZIP")) {
            String[] range = pattern.substring(3).split("-");
            int prefix = Integer.parseInt(range[0]) + random.nextInt(Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1);
            return String.format("%03d%02d", prefix, random.nextInt(100));
        }
        StringBuilder out = new StringBuilder(pattern.length());
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '9' -> out.append((char) ('0' + random.nextInt(10)));
                case 'A' -> out.append((char) ('A' + random.nextInt(26)));
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
