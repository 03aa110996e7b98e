package dev.planbridge.emulator.generate;

import dev.planbridge.emulator.generate.ReferenceData.Area;
import dev.planbridge.emulator.generate.ReferenceData.Region;
import dev.planbridge.emulator.generate.ReferenceData.Leaf;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.emulator.org.OrgSchema;
import dev.planbridge.emulator.org.RecordInput;
import dev.planbridge.emulator.org.WriteOptions;
import dev.planbridge.emulator.org.WriteResult;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds a realistic sales org, deterministically: the same {@link Options} (seed and reference date) on a fresh org
 * give identical records, ids included (with a fixed org clock, timestamps too).
 *
 * <p>What it creates, in this order: the OpportunityRevenue forecasting type; fiscal Periods (calendar fiscal year:
 * year, quarters and months of last, this and next year); an Active Territory2Model with five Territory2Types
 * (Global, Region, Area, Country, State/Province) and a geographic Territory2 hierarchy (Global → 4 regions → 14 areas →
 * 45 countries/states); a UserRole hierarchy CRO → regional VPs → sales managers → account executives with one user
 * each, managers linked by ManagerId; UserTerritory2Associations (CRO on Global, VPs on regions, managers on areas or
 * countries/states, reps on countries/states); accounts with skewed country/industry/size/revenue distributions,
 * Segment__c by employees (SMB &lt; 200 ≤ MidMarket &lt; 2,000 ≤ Enterprise), External_Id__c ACC-0000001…, some child
 * accounts (ParentId), owned by a rep of their territory; ObjectTerritory2Associations (98 % of accounts); and 0–3
 * opportunities per account (about 55 % closed).
 *
 * <p>Records are written through the {@link Org} API as the admin user (no SOAP), the org is {@link Org#reset() reset}
 * first, and the change log is cleared at the end (the generated org is the baseline; later changes are logged).
 * Generated users can log in with {@link #GENERATED_USER_PASSWORD}.
 */
public final class OrgGenerator {

    /** Password of every generated user (demo data, not a secret). */
    public static final String GENERATED_USER_PASSWORD = "planbridge-user";
    /** Mail domain of generated usernames and emails. */
    public static final String USER_DOMAIN = "planbridge.demo";
    /** The forecasting type the generator creates. */
    public static final String FORECASTING_TYPE = "OpportunityRevenue";
    /** Smallest sales team the generator can staff (a CRO, a VP, a manager and a rep). */
    public static final int MIN_USERS = 4;
    public static final int MAX_USERS = 20_000;
    public static final int MAX_ACCOUNTS = 2_000_000;

    /** What to generate. {@code referenceDate} anchors fiscal periods and opportunity close dates ("today"). */
    public record Options(int accounts, int users, long seed, LocalDate referenceDate) {
        public Options {
            if (accounts < 0 || accounts > MAX_ACCOUNTS) {
                throw new IllegalArgumentException("accounts must be between 0 and " + MAX_ACCOUNTS + ", got " + accounts);
            }
            if (users < MIN_USERS || users > MAX_USERS) {
                throw new IllegalArgumentException("users must be between " + MIN_USERS + " and " + MAX_USERS
                        + " (a sales team needs a CRO, a VP, a manager and a rep), got " + users);
            }
            Objects.requireNonNull(referenceDate, "referenceDate");
        }

        /** Options anchored at today's UTC date. */
        public static Options of(int accounts, int users, long seed) {
            return new Options(accounts, users, seed, LocalDate.now(ZoneOffset.UTC));
        }
    }

    /** Live record counts per object after generation and how long it took. */
    public record Result(Map<String, Integer> counts, long elapsedMillis) {
    }

    private static final int BATCH = 2_000;
    /** Accounts are created in smaller batches so that later batches can pick parents from earlier ones. */
    private static final int ACCOUNT_BATCH = 500;

    /** One generated sales user before insertion. */
    private static final class Person {
        final String title;
        final Person manager;
        final List<Integer> leaves;
        final boolean active;
        String roleName;
        String roleDeveloperName;
        String id;
        String roleId;
        /** For managers: the role of their reps. */
        String repRoleId;

        Person(String title, Person manager, List<Integer> leaves, boolean active) {
            this.title = title;
            this.manager = manager;
            this.leaves = leaves;
            this.active = active;
        }
    }

    private final Org org;
    private final Options options;
    private final SplittableRandom random;
    /** Draws the fields added with issue #17 (and custom fields), so {@link #random}'s sequence stays as before. */
    private final SplittableRandom detailRandom;
    private final List<Leaf> leaves = ReferenceData.LEAVES;
    private final double[] leafCumulative;
    private String adminId;

    private OrgGenerator(Org org, Options options) {
        this.org = Objects.requireNonNull(org, "org");
        this.options = Objects.requireNonNull(options, "options");
        this.random = new SplittableRandom(options.seed());
        this.detailRandom = new SplittableRandom(options.seed() ^ 0x9E3779B97F4A7C15L);
        leafCumulative = new double[leaves.size()];
        double sum = 0;
        for (int i = 0; i < leaves.size(); i++) {
            sum += leaves.get(i).weight();
            leafCumulative[i] = sum;
        }
    }

    /** Resets the org and fills it; returns the resulting record counts. */
    public static Result generate(Org org, Options options) {
        long started = System.nanoTime();
        new OrgGenerator(org, options).run();
        return new Result(org.counts(), (System.nanoTime() - started) / 1_000_000);
    }

    /** A generated org, ready for {@link Org#restore}, and what it holds. */
    public record Detached(Org.OrgSnapshot snapshot, Result result) {
    }

    /**
     * Generates an org on the side, for an org on the system clock with this id and these default users (the
     * emulator's {@code EmulatorConfig.orgId()}/{@code users()}), to be swapped in with {@link Org#restore}:
     * <ul>
     *   <li>clients never see a half-generated org (the swap is one step), and the launcher can generate while the
     *       server starts;</li>
     *   <li>the generated history is backdated to the minutes before now. Every write advances the strictly
     *       increasing SystemModstamp clock by at least 1 ms, so a burst of 300k writes on the live clock would leave
     *       SystemModstamps minutes in the future, and an update right after the swap could get an earlier
     *       SystemModstamp than the record already has.</li>
     * </ul>
     */
    public static Detached generateDetached(String orgId, List<Org.DefaultUser> defaultUsers, Options options) {
        return generateDetached(orgId, defaultUsers, options, OrgSchema.standard());
    }

    /** As above, for an org of the given (e.g. --schema customized) shape. */
    public static Detached generateDetached(String orgId, List<Org.DefaultUser> defaultUsers, Options options,
                                            OrgSchema schema) {
        long backdateMillis = 60_000 + 1_000 + 4L * options.accounts() + 4L * options.users();
        Org side = new Org(orgId, defaultUsers, Clock.offset(Clock.systemUTC(), Duration.ofMillis(-backdateMillis)),
                schema);
        Result result = generate(side, options);
        return new Detached(side.snapshot(), result);
    }

    private void run() {
        org.reset();
        adminId = org.adminUserId();
        createForecasting();
        List<String> territoryIds = createTerritories();
        List<Person> team = createSalesTeam();
        createUserTerritoryAssociations(team, territoryIds);
        List<List<Person>> repsByLeaf = repsByLeaf(team);
        createAccountsAndOpportunities(repsByLeaf, territoryIds);
        org.clearChangeLog();
    }

    // ------------------------------------------------------------------ forecasting

    private void createForecasting() {
        Map<String, Object> type = new LinkedHashMap<>();
        type.put("DeveloperName", FORECASTING_TYPE);
        type.put("MasterLabel", "Opportunity Revenue");
        type.put("IsAmount", true);
        type.put("IsQuantity", false);
        type.put("IsActive", true);
        createAll(OrgSchema.FORECASTING_TYPE, List.of(type));

        List<Map<String, Object>> periods = new ArrayList<>();
        // Last year too, as a real org keeps its past periods: a plan drafted for a fiscal year that has just ended
        // (or the FY27 sample run in 2028) still finds its quota periods.
        int referenceYear = options.referenceDate().getYear();
        for (int year = referenceYear - 1; year <= referenceYear + 1; year++) {
            String fiscalYear = "FY" + year;
            periods.add(period("Year", LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), null, fiscalYear, null,
                    fiscalYear, false));
            for (int quarter = 1; quarter <= 4; quarter++) {
                LocalDate start = LocalDate.of(year, quarter * 3 - 2, 1);
                String label = "Q" + quarter;
                periods.add(period("Quarter", start, start.plusMonths(3).minusDays(1), quarter, label, label,
                        label + " " + fiscalYear, false));
            }
            for (int month = 1; month <= 12; month++) {
                LocalDate start = LocalDate.of(year, month, 1);
                String label = Month.of(month).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                periods.add(period("Month", start, start.plusMonths(1).minusDays(1), month, label,
                        "Q" + ((month + 2) / 3), label + " " + fiscalYear, true));
            }
        }
        createAll(OrgSchema.PERIOD, periods);
    }

    private static Map<String, Object> period(String type, LocalDate start, LocalDate end, Integer number, String label,
                                              String quarterLabel, String fullLabel, boolean forecast) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Type", type);
        values.put("StartDate", start);
        values.put("EndDate", end);
        values.put("Number", number);
        values.put("PeriodLabel", label);
        values.put("QuarterLabel", quarterLabel);
        values.put("FullyQualifiedLabel", fullLabel);
        values.put("IsForecastPeriod", forecast);
        return values;
    }

    // ------------------------------------------------------------------ territories

    private List<Area> areas() {
        List<Area> areas = new ArrayList<>();
        ReferenceData.REGIONS.forEach(region -> areas.addAll(region.areas()));
        return areas;
    }

    /**
     * Creates model, types and the hierarchy; returns the territory ids indexed as: 0 = Global, 1..regions, then areas,
     * then leaves (see {@link #regionTerritory}, {@link #areaTerritory}, {@link #leafTerritory}).
     */
    private List<String> createTerritories() {
        int year = options.referenceDate().getYear();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("Name", "FY" + year + " Sales Territories");
        model.put("DeveloperName", "FY" + year + "_Sales_Territories");
        model.put("Description", "Geographic territories: region, area, country or state/province.");
        model.put("State", "Active");
        String modelId = createAll(OrgSchema.TERRITORY2_MODEL, List.of(model)).get(0);

        String[][] types = {{"Global", "Global"}, {"Region", "Region"}, {"Area", "Area"}, {"Country", "Country"},
                {"State_Province", "State/Province"}};
        List<Map<String, Object>> typeRows = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            Map<String, Object> type = new LinkedHashMap<>();
            type.put("DeveloperName", types[i][0]);
            type.put("MasterLabel", types[i][1]);
            type.put("Priority", i + 1);
            typeRows.add(type);
        }
        List<String> typeIds = createAll(OrgSchema.TERRITORY2_TYPE, typeRows);

        List<String> ids = new ArrayList<>();
        ids.add(createAll(OrgSchema.TERRITORY2, List.of(territory(modelId, typeIds.get(0), null, "Global",
                "Global"))).get(0));
        List<Map<String, Object>> regionRows = new ArrayList<>();
        for (Region region : ReferenceData.REGIONS) {
            regionRows.add(territory(modelId, typeIds.get(1), ids.get(0), region.developerName(), region.label()));
        }
        ids.addAll(createAll(OrgSchema.TERRITORY2, regionRows));
        List<Map<String, Object>> areaRows = new ArrayList<>();
        for (int r = 0; r < ReferenceData.REGIONS.size(); r++) {
            for (Area area : ReferenceData.REGIONS.get(r).areas()) {
                areaRows.add(territory(modelId, typeIds.get(2), ids.get(1 + r), area.developerName(), area.label()));
            }
        }
        ids.addAll(createAll(OrgSchema.TERRITORY2, areaRows));
        List<Map<String, Object>> leafRows = new ArrayList<>();
        for (Leaf leaf : leaves) {
            leafRows.add(territory(modelId, typeIds.get(leaf.state() != null ? 4 : 3), ids.get(areaTerritory(leaf.area())),
                    leaf.developerName(), leaf.label()));
        }
        ids.addAll(createAll(OrgSchema.TERRITORY2, leafRows));
        return ids;
    }

    private static Map<String, Object> territory(String modelId, String typeId, String parentId, String developerName,
                                                 String label) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Name", label);
        values.put("DeveloperName", developerName);
        values.put("Territory2ModelId", modelId);
        values.put("Territory2TypeId", typeId);
        values.put("ParentTerritory2Id", parentId);
        values.put("AccountAccessLevel", "Edit");
        values.put("OpportunityAccessLevel", "Edit");
        return values;
    }

    private static int regionTerritory(int region) {
        return 1 + region;
    }

    private static int areaTerritory(int area) {
        return 1 + ReferenceData.REGIONS.size() + area;
    }

    private int leafTerritory(int leaf) {
        return 1 + ReferenceData.REGIONS.size() + ReferenceData.AREA_WEIGHTS.length + leaf;
    }

    // ------------------------------------------------------------------ roles and users

    private List<Person> createSalesTeam() {
        int users = options.users();
        int regions = ReferenceData.REGIONS.size();
        int vpCount = Math.max(1, Math.min(regions, (users - 1) / 12));
        int rest = users - 1 - vpCount;
        int managerCount = (int) Math.max(vpCount, Math.min(rest / 2, Math.round(rest / 8.0)));
        int repCount = rest - managerCount;

        List<Person> team = new ArrayList<>();
        Person cro = new Person("Chief Revenue Officer", null, allLeaves(), true);
        cro.roleName = "Chief Revenue Officer";
        cro.roleDeveloperName = "Chief_Revenue_Officer";
        team.add(cro);

        double[] regionWeights = new double[regions];
        for (Leaf leaf : leaves) {
            regionWeights[leaf.region()] += leaf.weight();
        }
        List<List<Integer>> vpRegions = Allocation.assign(vpCount, regionWeights);
        List<Person> vps = new ArrayList<>();
        double[] vpWeights = new double[vpCount];
        for (int v = 0; v < vpCount; v++) {
            List<Integer> covered = new ArrayList<>();
            for (int leaf = 0; leaf < leaves.size(); leaf++) {
                if (vpRegions.get(v).contains(leaves.get(leaf).region())) {
                    covered.add(leaf);
                    vpWeights[v] += leaves.get(leaf).weight();
                }
            }
            String regionLabel = String.join(" & ", vpRegions.get(v).stream()
                    .map(r -> ReferenceData.REGIONS.get(r).label()).toList());
            Person vp = new Person("VP Sales, " + regionLabel, cro, covered, true);
            vp.roleName = "VP Sales " + regionLabel;
            vp.roleDeveloperName = "VP_Sales_" + (v + 1);
            vps.add(vp);
        }
        team.addAll(vps);

        int[] managersPerVp = Allocation.apportion(managerCount, vpWeights);
        List<Person> managers = new ArrayList<>();
        for (int v = 0; v < vpCount; v++) {
            Person vp = vps.get(v);
            for (List<Integer> run : Allocation.assign(managersPerVp[v], weightsOf(vp.leaves))) {
                List<Integer> covered = run.stream().map(vp.leaves::get).toList();
                Person manager = new Person("Sales Manager", vp, covered, true);
                manager.roleName = "Sales Manager " + coverageLabel(covered);
                manager.roleDeveloperName = String.format("Sales_Manager_%03d", managers.size() + 1);
                managers.add(manager);
            }
        }
        team.addAll(managers);

        double[] managerWeights = new double[managers.size()];
        int[] sharers = new int[leaves.size()];
        managers.forEach(m -> m.leaves.forEach(leaf -> sharers[leaf]++));
        for (int m = 0; m < managers.size(); m++) {
            for (int leaf : managers.get(m).leaves) {
                managerWeights[m] += leaves.get(leaf).weight() / sharers[leaf];
            }
        }
        int[] repsPerManager = Allocation.apportion(repCount, managerWeights);
        List<Person> reps = new ArrayList<>();
        for (int m = 0; m < managers.size(); m++) {
            Person manager = managers.get(m);
            for (List<Integer> run : Allocation.assign(repsPerManager[m], weightsOf(manager.leaves))) {
                List<Integer> covered = run.stream().map(manager.leaves::get).toList();
                // About 2 % of reps have left the company: inactive users still owning their accounts.
                boolean active = repCount < 20 || random.nextInt(100) >= 2;
                Person rep = new Person("Account Executive", manager, covered, active);
                reps.add(rep);
            }
        }
        team.addAll(reps);

        // One role per manager for that manager's reps, so every user's role is the child of their manager's role.
        createRoles(cro, vps, managers);
        insertUsers(team);
        return team;
    }

    private void createRoles(Person cro, List<Person> vps, List<Person> managers) {
        cro.roleId = createAll(OrgSchema.USER_ROLE, List.of(role(cro.roleName, cro.roleDeveloperName, null,
                "Company"))).get(0);
        List<Map<String, Object>> vpRows = new ArrayList<>();
        vps.forEach(vp -> vpRows.add(role(vp.roleName, vp.roleDeveloperName, cro.roleId, "Region")));
        List<String> vpIds = createAll(OrgSchema.USER_ROLE, vpRows);
        for (int i = 0; i < vps.size(); i++) {
            vps.get(i).roleId = vpIds.get(i);
        }
        List<Map<String, Object>> managerRows = new ArrayList<>();
        managers.forEach(m -> managerRows.add(role(m.roleName, m.roleDeveloperName, m.manager.roleId, "Team")));
        List<String> managerIds = createAll(OrgSchema.USER_ROLE, managerRows);
        for (int i = 0; i < managers.size(); i++) {
            managers.get(i).roleId = managerIds.get(i);
        }
        List<Map<String, Object>> repRows = new ArrayList<>();
        for (int i = 0; i < managers.size(); i++) {
            Person m = managers.get(i);
            repRows.add(role("Account Executive " + coverageLabel(m.leaves),
                    String.format("Account_Executive_%03d", i + 1), m.roleId, "Team"));
        }
        List<String> repRoleIds = createAll(OrgSchema.USER_ROLE, repRows);
        for (int i = 0; i < managers.size(); i++) {
            managers.get(i).repRoleId = repRoleIds.get(i);
        }
    }

    private static Map<String, Object> role(String name, String developerName, String parentId, String rollup) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Name", name);
        values.put("DeveloperName", developerName);
        values.put("ParentRoleId", parentId);
        values.put("RollupDescription", rollup);
        return values;
    }

    private void insertUsers(List<Person> team) {
        Set<String> usernames = new HashSet<>();
        // Insert level by level: a user's manager must exist first.
        for (int level = 0; level < 4; level++) {
            List<Person> batch = new ArrayList<>();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Person person : team) {
                if (depth(person) != level) {
                    continue;
                }
                String first = ReferenceData.pick(random, ReferenceData.FIRST_NAMES);
                String last = ReferenceData.pick(random, ReferenceData.LAST_NAMES);
                String base = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "");
                String username = base + "@" + USER_DOMAIN;
                for (int n = 2; !usernames.add(username); n++) {
                    username = base + n + "@" + USER_DOMAIN;
                }
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("Username", username);
                values.put("FirstName", first);
                values.put("LastName", last);
                values.put("Email", username);
                values.put("Title", person.title);
                values.put("Department", "Sales");
                values.put("IsActive", person.active);
                values.put("UserRoleId", person.roleId != null ? person.roleId : person.manager.repRoleId);
                values.put("ManagerId", person.manager == null ? null : person.manager.id);
                values.put("FederationIdentifier", username);
                rows.add(values);
                batch.add(person);
            }
            List<String> ids = createAll(OrgSchema.USER, rows);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).id = ids.get(i);
                org.setPassword(ids.get(i), GENERATED_USER_PASSWORD);
            }
        }
    }

    private static int depth(Person person) {
        int depth = 0;
        for (Person p = person.manager; p != null; p = p.manager) {
            depth++;
        }
        return depth;
    }

    private void createUserTerritoryAssociations(List<Person> team, List<String> territoryIds) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Person person : team) {
            switch (depth(person)) {
                case 0 -> rows.add(userTerritory(person, territoryIds.get(0), "Owner"));
                case 1 -> person.leaves.stream().map(leaf -> leaves.get(leaf).region()).distinct()
                        .forEach(region -> rows.add(userTerritory(person, territoryIds.get(regionTerritory(region)),
                                "Sales Manager")));
                case 2 -> {
                    // A manager covering a whole area is assigned to the area, otherwise to each country/state.
                    Set<Integer> done = new HashSet<>();
                    for (int leaf : person.leaves) {
                        int area = leaves.get(leaf).area();
                        if (coversArea(person.leaves, area)) {
                            if (done.add(-1 - area)) {
                                rows.add(userTerritory(person, territoryIds.get(areaTerritory(area)), "Sales Manager"));
                            }
                        } else if (done.add(leaf)) {
                            rows.add(userTerritory(person, territoryIds.get(leafTerritory(leaf)), "Sales Manager"));
                        }
                    }
                }
                default -> person.leaves.forEach(leaf ->
                        rows.add(userTerritory(person, territoryIds.get(leafTerritory(leaf)), "Sales Rep")));
            }
        }
        createAll(OrgSchema.USER_TERRITORY2_ASSOCIATION, rows);
    }

    private boolean coversArea(List<Integer> covered, int area) {
        for (int leaf = 0; leaf < leaves.size(); leaf++) {
            if (leaves.get(leaf).area() == area && !covered.contains(leaf)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> userTerritory(Person person, String territoryId, String role) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("UserId", person.id);
        values.put("Territory2Id", territoryId);
        values.put("RoleInTerritory2", role);
        values.put("IsActive", person.active);
        return values;
    }

    private List<List<Person>> repsByLeaf(List<Person> team) {
        List<List<Person>> result = new ArrayList<>();
        leaves.forEach(leaf -> result.add(new ArrayList<>()));
        for (Person person : team) {
            if (depth(person) == 3) {
                person.leaves.forEach(leaf -> result.get(leaf).add(person));
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ accounts and opportunities

    private void createAccountsAndOpportunities(List<List<Person>> repsByLeaf, List<String> territoryIds) {
        LocalDate today = options.referenceDate();
        List<String> enterpriseIds = new ArrayList<>();
        for (int start = 0; start < options.accounts(); start += ACCOUNT_BATCH) {
            int end = Math.min(options.accounts(), start + ACCOUNT_BATCH);
            List<Map<String, Object>> accounts = new ArrayList<>(end - start);
            int[] leafOf = new int[end - start];
            String[] ownerOf = new String[end - start];
            List<String> parentCandidates = List.copyOf(enterpriseIds);
            for (int i = start; i < end; i++) {
                int leafIndex = pickLeaf();
                Leaf leaf = leaves.get(leafIndex);
                List<Person> reps = repsByLeaf.get(leafIndex);
                String owner = reps.get(random.nextInt(reps.size())).id;
                leafOf[i - start] = leafIndex;
                ownerOf[i - start] = owner;
                accounts.add(account(i, leaf, owner, parentCandidates));
            }
            List<String> ids = createAll(OrgSchema.ACCOUNT, accounts);

            List<Map<String, Object>> associations = new ArrayList<>();
            List<Map<String, Object>> opportunities = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                Map<String, Object> account = accounts.get(i);
                if ("Enterprise".equals(account.get("Segment__c"))) {
                    enterpriseIds.add(ids.get(i));
                }
                // 2 % of accounts are not (yet) in any territory, as after a fresh import.
                if (random.nextInt(100) >= 2) {
                    Map<String, Object> association = new LinkedHashMap<>();
                    association.put("ObjectId", ids.get(i));
                    association.put("Territory2Id", territoryIds.get(leafTerritory(leafOf[i])));
                    association.put("AssociationCause", random.nextInt(10) == 0 ? "Territory2Manual"
                            : "Territory2AssignmentRule");
                    associations.add(association);
                }
                int count = ReferenceData.weighted(random, new int[]{40, 30, 20, 10});
                for (int k = 0; k < count; k++) {
                    List<Person> reps = repsByLeaf.get(leafOf[i]);
                    String owner = random.nextInt(10) == 0 ? reps.get(random.nextInt(reps.size())).id : ownerOf[i];
                    opportunities.add(opportunity(ids.get(i), account, owner, today));
                }
            }
            createAll(OrgSchema.OBJECT_TERRITORY2_ASSOCIATION, associations);
            createAll(OrgSchema.OPPORTUNITY, opportunities);
        }
    }

    private int pickLeaf() {
        double point = random.nextDouble() * leafCumulative[leafCumulative.length - 1];
        int index = Arrays.binarySearch(leafCumulative, point);
        index = index >= 0 ? index + 1 : -index - 1;
        return Math.min(index, leafCumulative.length - 1);
    }

    private Map<String, Object> account(int index, Leaf leaf, String owner, List<String> parentCandidates) {
        Map<String, Object> values = AccountFactory.account(random, leaf);
        values.put("External_Id__c", String.format("ACC-%07d", index + 1));
        if (!parentCandidates.isEmpty() && random.nextInt(100) < 4) {
            values.put("ParentId", parentCandidates.get(random.nextInt(parentCandidates.size())));
        }
        values.put("OwnerId", owner);
        AccountDetails.fill(detailRandom, org.schema().objectDef(OrgSchema.ACCOUNT), values, leaf, index,
                options.referenceDate());
        return values;
    }

    /** SMB below 200 employees, MidMarket below 2,000, Enterprise from 2,000; null when unknown. */
    public static String segmentOf(Integer employees) {
        return AccountFactory.segmentOf(employees);
    }

    private Map<String, Object> opportunity(String accountId, Map<String, Object> account, String owner,
                                            LocalDate today) {
        Map<String, Object> values = new LinkedHashMap<>();
        int roll = random.nextInt(100);
        if (roll < 55) {
            boolean won = roll < 22;
            values.putAll(AccountFactory.opportunity(random, accountId, account, owner, today.minusDays(1 + random.nextInt(540))));
            values.put("StageName", won ? ReferenceData.CLOSED_WON : ReferenceData.CLOSED_LOST);
            values.put("Probability", won ? 100 : 0);
        } else {
            int stage = ReferenceData.weighted(random, AccountFactory.OPEN_STAGE_WEIGHTS);
            values.putAll(AccountFactory.opportunity(random, accountId, account, owner, today.plusDays(random.nextInt(270))));
            values.put("StageName", ReferenceData.OPEN_STAGES.get(stage));
            values.put("Probability", AccountFactory.OPEN_STAGE_PROBABILITY[stage]);
        }
        return values;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    // ------------------------------------------------------------------ helpers

    private List<Integer> allLeaves() {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            all.add(i);
        }
        return all;
    }

    private double[] weightsOf(List<Integer> leafIndexes) {
        double[] weights = new double[leafIndexes.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = leaves.get(leafIndexes.get(i)).weight();
        }
        return weights;
    }

    /** "US West", "US West: California" or "US West, US Central" for a set of leaves. */
    private String coverageLabel(List<Integer> covered) {
        List<Area> areas = areas();
        List<String> areaLabels = covered.stream().map(leaf -> areas.get(leaves.get(leaf).area()).label())
                .distinct().toList();
        if (areaLabels.size() == 1 && !coversArea(covered, leaves.get(covered.get(0)).area())) {
            String places = String.join(", ", covered.stream().map(leaf -> leaves.get(leaf).label()).toList());
            return truncate(areaLabels.get(0) + ": " + places, 60);
        }
        return truncate(String.join(", ", areaLabels), 60);
    }

    /** Inserts rows (in batches) as the admin and returns their ids; a rejected row is a generator bug. */
    private List<String> createAll(String objectName, List<Map<String, Object>> rows) {
        List<String> ids = new ArrayList<>(rows.size());
        for (int start = 0; start < rows.size(); start += BATCH) {
            List<RecordInput> inputs = new ArrayList<>();
            for (Map<String, Object> row : rows.subList(start, Math.min(rows.size(), start + BATCH))) {
                Map<String, Object> values = new LinkedHashMap<>();
                row.forEach((field, value) -> {
                    if (value != null) {
                        values.put(field, value);
                    }
                });
                inputs.add(RecordInput.of(objectName, values));
            }
            List<WriteResult> results = org.create(adminId, inputs, WriteOptions.DEFAULT);
            for (int i = 0; i < results.size(); i++) {
                WriteResult result = results.get(i);
                if (!result.success()) {
                    throw new IllegalStateException("generated " + objectName + " rejected: " + result.errors()
                            + " values " + inputs.get(i).values());
                }
                ids.add(result.id());
            }
        }
        return ids;
    }
}
