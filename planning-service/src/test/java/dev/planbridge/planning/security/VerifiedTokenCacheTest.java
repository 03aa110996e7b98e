package dev.planbridge.planning.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    /** A verified token in these tests: its text and its exp (epoch seconds). */
    record Token(String text, long exp) {
    }

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final AtomicInteger verifications = new AtomicInteger();

    private VerifiedTokenCache<Token> cache(int maxEntries, Duration maxAge) {
        return new VerifiedTokenCache<>(maxEntries, maxAge, Token::exp, now::get);
    }

    /** Accepts every token, valid for an hour from "now". */
    private Token verifyOk(String text) {
        verifications.incrementAndGet();
        return new Token(text, now.get() / 1000 + 3600);
    }

    @Test
    void shouldVerifyARepeatedTokenOnceWhileTheEntryIsFresh() {
        VerifiedTokenCache<Token> cache = cache(100, Duration.ofSeconds(60));

        Token first = cache.verify("a.b.c", this::verifyOk);
        now.addAndGet(59_000);
        Token again = cache.verify("a.b.c", this::verifyOk);

        assertSame(first, again);
        assertEquals(1, verifications.get());
    }

    @Test
    void shouldVerifyAgainAfterMaxAgeSoAKeyChangeReachesEveryToken() {
        VerifiedTokenCache<Token> cache = cache(100, Duration.ofSeconds(60));
        cache.verify("a.b.c", this::verifyOk);

        now.addAndGet(60_000);
        assertThrows(IllegalStateException.class, () -> cache.verify("a.b.c", token -> {
            throw new IllegalStateException("signature no longer matches the configured key");
        }));
        assertEquals(0, cache.size(), "the stale entry is gone, the refusal is not kept");
    }

    @Test
    void shouldNeverServeATokenPastItsOwnExpiry() {
        VerifiedTokenCache<Token> cache = cache(100, Duration.ofMinutes(10));
        long exp = now.get() / 1000 + 5;
        cache.verify("short.lived.token", text -> new Token(text, exp));

        now.addAndGet(5_000);
        AtomicInteger checked = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> cache.verify("short.lived.token", token -> {
            checked.incrementAndGet();
            throw new IllegalStateException("expired");
        }));
        assertEquals(1, checked.get(), "an expired token goes back to the verifier, which refuses it");
    }

    @Test
    void shouldNotRememberRefusals() {
        VerifiedTokenCache<Token> cache = cache(100, Duration.ofSeconds(60));
        AtomicInteger attempts = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertThrows(IllegalArgumentException.class, () -> cache.verify("forged.token.x", token -> {
                attempts.incrementAndGet();
                throw new IllegalArgumentException("bad signature");
            }));
        }
        assertEquals(3, attempts.get());
        assertEquals(0, cache.size());
    }

    @Test
    void shouldKeepDifferentTokensApart() {
        VerifiedTokenCache<Token> cache = cache(100, Duration.ofSeconds(60));
        Token planner = cache.verify("planner.token.sig", this::verifyOk);
        Token viewer = cache.verify("viewer.token.sig", this::verifyOk);

        assertEquals("planner.token.sig", cache.verify("planner.token.sig", this::verifyOk).text());
        assertEquals("viewer.token.sig", cache.verify("viewer.token.sig", this::verifyOk).text());
        assertSame(planner, cache.verify("planner.token.sig", this::verifyOk));
        assertSame(viewer, cache.verify("viewer.token.sig", this::verifyOk));
        assertEquals(2, verifications.get());
    }

    @Test
    void shouldStopCachingWhenFullOfLiveEntriesAndMakeRoomOnceTheyExpire() {
        VerifiedTokenCache<Token> cache = cache(2, Duration.ofSeconds(60));
        cache.verify("one", this::verifyOk);
        cache.verify("two", this::verifyOk);

        cache.verify("three", this::verifyOk);
        cache.verify("three", this::verifyOk);
        assertEquals(4, verifications.get(), "full: the third token is verified on every request, nothing evicted");
        assertEquals(2, cache.size());

        now.addAndGet(61_000);
        cache.verify("three", this::verifyOk);
        cache.verify("three", this::verifyOk);
        assertEquals(5, verifications.get(), "the expired entries made room");
        assertEquals(1, cache.size());
    }

    @Test
    void shouldVerifyEveryTimeWhenSwitchedOff() {
        VerifiedTokenCache<Token> cache = cache(0, Duration.ofSeconds(60));
        cache.verify("a.b.c", this::verifyOk);
        cache.verify("a.b.c", this::verifyOk);
        assertEquals(2, verifications.get());
        assertEquals(0, cache.size());
    }
}
