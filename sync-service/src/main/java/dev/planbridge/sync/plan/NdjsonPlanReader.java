package dev.planbridge.sync.plan;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.plan.PlanElement;
import dev.planbridge.sync.domain.DesiredPlan;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads a desired-state stream (one PlanElement per line, header first) and checks it against the header's
 * checksum: SHA-256 of every element line after the header, each with its trailing newline.
 */
public final class NdjsonPlanReader {

    private NdjsonPlanReader() {
    }

    public static DesiredPlan read(BufferedReader in, String expectedChecksum) throws IOException {
        MessageDigest digest = sha256();
        List<PlanElement> elements = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            PlanElement element;
            try {
                element = ContractsJson.read(line, PlanElement.class);
            } catch (IllegalArgumentException e) {
                throw new DesiredPlan.InvalidPlanException("Line " + number + " of the desired state is not a plan element: "
                        + e.getMessage());
            }
            if (!elements.isEmpty()) {
                digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            elements.add(element);
        }
        DesiredPlan plan = DesiredPlan.of(elements);
        String actual = HexFormat.of().formatHex(digest.digest());
        String declared = plan.header().checksum();
        if (declared != null && !declared.equalsIgnoreCase(actual)) {
            throw new DesiredPlan.InvalidPlanException("The desired state does not match its header checksum (stream "
                    + actual + ", header " + declared + "): it was truncated or changed in transit");
        }
        if (expectedChecksum != null && !expectedChecksum.equalsIgnoreCase(actual)) {
            throw new DesiredPlan.InvalidPlanException("The desired state has checksum " + actual
                    + " but the approved version has " + expectedChecksum + "; the plan changed since approval");
        }
        return plan;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
