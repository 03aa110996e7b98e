package dev.planbridge.emulator;

import com.sforce.soap.partner.sobject.SObject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordinary Account file as a customer exports it: External_Id__c plus 34 standard fields (Phone, Website, the
 * billing and shipping address parts, AccountNumber, Rating, Description, ...), the file of issue #17 that made
 * Data Loader stop at its mapping step and WSC fail with INVALID_FIELD when the org was too narrow.
 */
public final class FullAccountFile {

    public static final List<String> COLUMNS = List.of("External_Id__c", "Name", "Phone", "Fax", "Website", "AccountNumber",
            "Rating", "Description", "Site", "Type", "Industry", "AccountSource", "Ownership", "TickerSymbol", "Sic",
            "SicDesc", "NaicsCode", "NaicsDesc", "YearStarted", "Tradestyle", "DunsNumber", "AnnualRevenue",
            "NumberOfEmployees", "BillingStreet", "BillingCity", "BillingState", "BillingPostalCode", "BillingCountry",
            "BillingLatitude", "BillingLongitude", "ShippingStreet", "ShippingCity", "ShippingState",
            "ShippingPostalCode", "ShippingCountry");

    private static final List<String> NUMERIC = List.of("AnnualRevenue", "NumberOfEmployees", "BillingLatitude",
            "BillingLongitude");

    private FullAccountFile() {
    }

    /** {@code rows} rows; {@code variant} changes every value but the key, so a second load is an update. */
    public static List<Map<String, String>> rows(int rows, String variant) {
        List<Map<String, String>> file = new ArrayList<>();
        String[] ratings = {"Hot", "Warm", "Cold"};
        for (int i = 1; i <= rows; i++) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("External_Id__c", String.format("FULL-%05d", i));
            row.put("Name", variant + " Account " + i);
            row.put("Phone", String.format("(415) 555-%04d", i));
            row.put("Fax", String.format("(415) 556-%04d", i));
            row.put("Website", "https://www.account" + i + ".example.com/" + variant.toLowerCase());
            row.put("AccountNumber", variant.toUpperCase() + "-" + i);
            row.put("Rating", ratings[i % 3]);
            row.put("Description", variant + " customer number " + i + ", imported from the legacy CRM.");
            row.put("Site", i % 2 == 0 ? "Headquarters" : "Branch");
            row.put("Type", "Customer - Direct");
            row.put("Industry", i % 2 == 0 ? "Energy" : "Banking");
            row.put("AccountSource", "Web");
            row.put("Ownership", "Private");
            row.put("TickerSymbol", "T" + i);
            row.put("Sic", "4911");
            row.put("SicDesc", "Electric Services");
            row.put("NaicsCode", "221122");
            row.put("NaicsDesc", "Electric Power Distribution");
            row.put("YearStarted", String.valueOf(1950 + i % 70));
            row.put("Tradestyle", variant + " Trading " + i);
            row.put("DunsNumber", String.format("%09d", 100_000_000 + i));
            row.put("AnnualRevenue", String.valueOf(1_000_000 + i * 1_000));
            row.put("NumberOfEmployees", String.valueOf(10 + i));
            row.put("BillingStreet", i + " Market Street");
            row.put("BillingCity", "San Francisco");
            row.put("BillingState", "CA");
            row.put("BillingPostalCode", "94105");
            row.put("BillingCountry", "United States");
            row.put("BillingLatitude", "37.79" + i % 10);
            row.put("BillingLongitude", "-122.39" + i % 10);
            row.put("ShippingStreet", i + " Harbor Road");
            row.put("ShippingCity", "Oakland");
            row.put("ShippingState", "CA");
            row.put("ShippingPostalCode", "94607");
            row.put("ShippingCountry", "United States");
            file.add(row);
        }
        return file;
    }

    public static SObject toSObject(Map<String, String> row) {
        SObject account = new SObject("Account");
        row.forEach(account::setField);
        return account;
    }

    static String selectAll() {
        return "SELECT Id, " + String.join(", ", COLUMNS) + " FROM Account";
    }

    /** True when the value read back means the value loaded (numbers compared by value, "10" = "10.0"). */
    static boolean sameValue(String column, String loaded, Object read) {
        if (read == null) {
            return loaded == null;
        }
        if (NUMERIC.contains(column)) {
            return new BigDecimal(loaded).compareTo(new BigDecimal(read.toString())) == 0;
        }
        return loaded.equals(read.toString());
    }
}
