package dev.planbridge.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtMaterialTest {

    @TempDir
    Path home;

    private static PublicKey publicKey(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    private static JwtClaims verify(String token, PublicKey key) throws InvalidJwtException {
        return new JwtConsumerBuilder().setVerificationKey(key).setExpectedIssuer(JwtMaterial.ISSUER)
                .setRequireExpirationTime().build().processToClaims(token);
    }

    @Test
    void shouldMintTokensForEveryDemoRoleSignedByTheStackKey() throws Exception {
        JwtMaterial jwt = JwtMaterial.prepare(home.resolve("jwt"), home.resolve("tokens"));
        PublicKey key = publicKey(jwt.publicKey());

        JwtClaims planner = verify(jwt.token("planner"), key);
        JwtClaims service = verify(jwt.token("service"), key);

        assertEquals("paula.planner", planner.getClaimValue("upn"));
        assertEquals(List.of("planner"), planner.getStringListClaimValue("groups"));
        assertEquals(List.of("service"), service.getStringListClaimValue("groups"));
        assertEquals("arthur.approver", verify(jwt.token("approver"), key).getClaimValue("upn"));
        long lifetime = planner.getExpirationTime().getValue() - Instant.now().getEpochSecond();
        assertTrue(Math.abs(lifetime - Duration.ofDays(30).toSeconds()) < 120, "lifetime " + lifetime);
        assertEquals(List.of("planner", "approver", "viewer", "admin", "service"), List.copyOf(jwt.tokenFiles().keySet()));
    }

    @Test
    void shouldKeepThePrivateKeyReadableByTheOwnerOnly() throws Exception {
        JwtMaterial.prepare(home.resolve("jwt"), home.resolve("tokens"));

        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve("jwt/private.pem"))));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve("tokens/admin.jwt"))));
    }

    @Test
    void shouldReuseTheKeyOnLaterStartsSoIssuedTokensStayValid() throws Exception {
        JwtMaterial first = JwtMaterial.prepare(home.resolve("jwt"), home.resolve("tokens"));
        String earlierToken = first.token("viewer");
        String publicPem = Files.readString(first.publicKey());

        JwtMaterial second = JwtMaterial.prepare(home.resolve("jwt"), home.resolve("tokens"));

        assertEquals(publicPem, Files.readString(second.publicKey()));
        verify(earlierToken, publicKey(second.publicKey()));
    }

    @Test
    void shouldRejectATokenSignedByAnotherKey() throws Exception {
        JwtMaterial ours = JwtMaterial.prepare(home.resolve("a/jwt"), home.resolve("a/tokens"));
        JwtMaterial theirs = JwtMaterial.prepare(home.resolve("b/jwt"), home.resolve("b/tokens"));

        assertThrows(InvalidJwtException.class, () -> verify(theirs.token("admin"), publicKey(ours.publicKey())));
    }

    @Test
    void shouldExplainUnreadableKeyFiles() throws Exception {
        Files.createDirectories(home.resolve("jwt"));
        Files.writeString(home.resolve("jwt/private.pem"), "-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n");
        Files.writeString(home.resolve("jwt/public.pem"), "garbage");

        StackException e = assertThrows(StackException.class,
                () -> JwtMaterial.prepare(home.resolve("jwt"), home.resolve("tokens")));

        assertTrue(e.getMessage().contains("Delete that folder"), e.getMessage());
    }
}
