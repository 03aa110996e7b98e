package dev.planbridge.emulator.soql;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A deterministic org of 100,000 accounts, 50 users and 10,000 opportunities, shared by the large test and the benchmark. */
final class LargeOrgFixture {

    static final String[] INDUSTRIES = {"Technology", "Finance", "Energy", "Retail", "Healthcare"};
    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    final TestOrg org = TestOrg.standard();
    final List<String> users = new ArrayList<>();
    final List<String> accounts = new ArrayList<>();

    LargeOrgFixture(int accountCount) {
        for (int u = 0; u < 50; u++) {
            users.add(org.insert("User", "Name", "User " + u, "IsActive", u % 10 != 0));
        }
        for (int i = 0; i < accountCount; i++) {
            accounts.add(org.insert("Account", "Name", "Account " + i, "Industry", INDUSTRIES[i % INDUSTRIES.length],
                    "NumberOfEmployees", i, "OwnerId", users.get(i % users.size()),
                    "AnnualRevenue", BigDecimal.valueOf(i * 10L),
                    "CreatedDate", BASE.plusSeconds(i * 60L)));
        }
        for (int o = 0; o < accountCount / 10; o++) {
            org.insert("Opportunity", "Name", "Opp " + o, "AccountId", accounts.get(o * 7 % accountCount),
                    "IsClosed", o % 3 == 0, "Amount", BigDecimal.valueOf(o));
        }
    }
}
