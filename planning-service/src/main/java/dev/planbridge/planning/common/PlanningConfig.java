package dev.planbridge.planning.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the planning service (prefix {@code planning}). */
@ConfigMapping(prefix = "planning")
public interface PlanningConfig {

    Imports imports();

    Reports reports();

    Crm crm();

    Security security();

    interface Security {
        VerifiedTokenCache verifiedTokenCache();

        /** Verified bearer tokens kept, so a client's repeated token is checked once (security/VerifiedTokenCache). */
        interface VerifiedTokenCache {
            /** Tokens kept at most; 0 switches the cache off (every request verifies its token). */
            @WithDefault("10000")
            int maxEntries();

            /** Longest a verification is reused (never past the token's exp); bounds how long a key change takes. */
            @WithDefault("60s")
            Duration maxAge();
        }
    }

    interface Imports {
        /** Largest CSV upload accepted; larger ones get 413. */
        @WithDefault("52428800")
        long maxBytes();

        /** At most this many errors are listed in a refused import. */
        @WithDefault("100")
        int maxErrors();
    }

    interface Crm {
        /**
         * ForecastingType Ids of the org as {@code DeveloperName=Id,...}, to match plan quotas with the CRM's
         * ForecastingQuota rows of the baseline. Not needed when the baseline's quotas all use one type.
         */
        java.util.Optional<String> forecastingTypeIds();
    }

    interface Reports {
        /** A territory is flagged when it lies further than this share from its siblings' mean (0.25 = 25 %). */
        @WithDefault("0.25")
        double balancerBand();
    }
}
