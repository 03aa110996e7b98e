package dev.planbridge.testkit;

import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;

/**
 * Signs bearer tokens for tests with an RSA key made at run time, so no signing key is ever committed.
 * {@link JwtResource} gives the matching public key to the application under test.
 */
public final class TestTokens {

    public static final String ISSUER = "https://planbridge.dev/test";
    private static final KeyPair KEYS = generate();

    private TestTokens() {
    }

    public static String forUser(String user, String... roles) {
        return sign(KEYS.getPrivate(), ISSUER, user, Duration.ofHours(1), roles);
    }

    /** Signed with the test key, valid for {@code lifetime} (negative: expired that long ago). */
    public static String withLifetime(Duration lifetime, String user, String... roles) {
        return sign(KEYS.getPrivate(), ISSUER, user, lifetime, roles);
    }

    public static String viewer() {
        return forUser("vera.viewer", "viewer");
    }

    public static String planner() {
        return forUser("paula.planner", "planner");
    }

    public static String approver() {
        return forUser("arthur.approver", "approver");
    }

    public static String admin() {
        return forUser("ada.admin", "admin");
    }

    /** Signs a token with the given key; also used by the local stack to mint demo tokens. */
    public static String sign(PrivateKey key, String issuer, String user, Duration lifetime, String... roles) {
        return Jwt.issuer(issuer)
                .upn(user)
                .subject(user)
                .groups(new HashSet<>(Arrays.asList(roles)))
                .expiresIn(lifetime)
                .jws().keyId("planbridge")
                .sign(key);
    }

    /** The test key's private half, to sign tokens with other claims (a wrong issuer, say). */
    public static PrivateKey signingKey() {
        return KEYS.getPrivate();
    }

    public static String publicKeyPem() {
        return pem("PUBLIC KEY", KEYS.getPublic().getEncoded());
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }
}
