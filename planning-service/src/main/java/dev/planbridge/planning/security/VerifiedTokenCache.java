package dev.planbridge.planning.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers bearer tokens whose signature and claims were verified, so a client that sends the same token with every
 * request (all of them do) costs one signature check per token instead of one per request: ~10 % of the service's CPU
 * at 500 reads/s (docs/benchmarks/planning.md).
 *
 * <p>What keeps it safe: only successful verifications are kept; a hit is honoured only before the token's own
 * {@code exp} and at most {@code maxAge} after it was verified (so a key change reaches every token within that time);
 * entries are keyed by the SHA-256 of the token, so the cache holds no usable credential; and it is bounded — when
 * full of live entries, a new token is verified on every request rather than evicting anything.
 *
 * @param <T> the verified token (a {@code JsonWebToken} in the service)
 */
public final class VerifiedTokenCache<T> {

    /** Verifies a token; throws when it is not acceptable. */
    @FunctionalInterface
    public interface Verifier<T, E extends Exception> {
        T verify(String token) throws E;
    }

    /** Reads the verified token's expiry, in epoch seconds (0 when it has none). */
    @FunctionalInterface
    public interface Expiry<T> {
        long epochSeconds(T token);
    }

    private record Entry<T>(T token, long validUntilMillis) {
    }

    private final Map<String, Entry<T>> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long maxAgeMillis;
    private final Expiry<T> expiry;
    private final LongSupplier clockMillis;

    public VerifiedTokenCache(int maxEntries, Duration maxAge, Expiry<T> expiry, LongSupplier clockMillis) {
        if (maxEntries < 0 || maxAge.isNegative()) {
            throw new IllegalArgumentException("maxEntries and maxAge must not be negative");
        }
        this.maxEntries = maxEntries;
        this.maxAgeMillis = maxAge.toMillis();
        this.expiry = expiry;
        this.clockMillis = clockMillis;
    }

    /** The verified token: from the cache while it is valid there, else from {@code verifier} (and then cached). */
    public <E extends Exception> T verify(String token, Verifier<T, E> verifier) throws E {
        if (maxEntries == 0 || maxAgeMillis == 0) {
            return verifier.verify(token);
        }
        String key = sha256(token);
        long now = clockMillis.getAsLong();
        Entry<T> hit = entries.get(key);
        if (hit != null) {
            if (now < hit.validUntilMillis()) {
                return hit.token();
            }
            entries.remove(key, hit);
        }
        T verified = verifier.verify(token);
        long exp = expiry.epochSeconds(verified);
        long validUntil = now + maxAgeMillis;
        if (exp > 0) {
            validUntil = Math.min(validUntil, exp * 1000);
        }
        if (validUntil > now && roomFor(now)) {
            entries.put(key, new Entry<>(verified, validUntil));
        }
        return verified;
    }

    public int size() {
        return entries.size();
    }

    private boolean roomFor(long now) {
        if (entries.size() < maxEntries) {
            return true;
        }
        entries.values().removeIf(entry -> entry.validUntilMillis() <= now);
        return entries.size() < maxEntries;
    }

    private static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
