package dev.planbridge.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API sessions (SOAP login and OAuth access tokens share them). A session expires after the idle timeout; an
 * expired or unknown session id fails with INVALID_SESSION_ID "Invalid Session ID found in SessionHeader: Illegal
 * Session", which makes WSC's SessionRenewer log in again. Thread-safe.
 */
public final class Sessions {

    /** One session; {@code lastUsedMillis} is refreshed by every call. */
    public static final class Session {
        private final String id;
        private final String userId;
        private final long createdMillis;
        private volatile long lastUsedMillis;

        Session(String id, String userId, long now) {
            this.id = id;
            this.userId = userId;
            this.createdMillis = now;
            this.lastUsedMillis = now;
        }

        public String id() { return id; }
        public String userId() { return userId; }
        public long createdMillis() { return createdMillis; }
        public long lastUsedMillis() { return lastUsedMillis; }
    }

    public static final String ILLEGAL_SESSION = "Invalid Session ID found in SessionHeader: Illegal Session";

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final String orgId15;
    private volatile Duration idleTimeout;

    Sessions(Clock clock, String orgId, Duration idleTimeout) {
        this.clock = clock;
        this.orgId15 = orgId.substring(0, 15);
        this.idleTimeout = idleTimeout;
    }

    /** Opens a session for a user; the id looks like a real one ("00D...!..."). */
    public Session create(String userId) {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        String id = orgId15 + "!" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Session session = new Session(id, userId, clock.millis());
        sessions.put(id, session);
        return session;
    }

    /** The live session for the id (touching it), or the INVALID_SESSION_ID fault. */
    public Session require(String sessionId) {
        Session session = sessionId == null ? null : sessions.get(sessionId.trim());
        long now = clock.millis();
        if (session != null && now - session.lastUsedMillis > idleTimeout.toMillis()) {
            sessions.remove(session.id);
            session = null;
        }
        if (session == null) {
            throw ApiFaultException.unexpected("INVALID_SESSION_ID", ILLEGAL_SESSION);
        }
        session.lastUsedMillis = now;
        return session;
    }

    public void invalidate(String sessionId) {
        if (sessionId != null) {
            sessions.remove(sessionId.trim());
        }
    }

    /** Invalidates the sessions matching the condition; returns how many. */
    public int invalidateIf(java.util.function.Predicate<Session> condition) {
        int before = sessions.size();
        sessions.values().removeIf(condition);
        return Math.max(0, before - sessions.size());
    }

    /** Expires every session (clients must log in again). */
    public void expireAll() {
        sessions.clear();
    }

    public int count() {
        return sessions.size();
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
    }

    /** Seconds a session stays valid without use (LoginResult userInfo.sessionSecondsValid). */
    public int sessionSecondsValid() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, idleTimeout.toSeconds()));
    }
}
