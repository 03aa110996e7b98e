package dev.planbridge.localstack;

import dev.planbridge.testkit.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stack's signing key (made once, kept in .planbridge/jwt, private key readable by the owner only, never printed)
 * and the demo bearer tokens minted from it into .planbridge/tokens/&lt;name&gt;.jwt on every start.
 */
public final class JwtMaterial {

    public static final String ISSUER = "https://planbridge.dev/local";
    public static final Duration TOKEN_LIFETIME = Duration.ofDays(30);

    /** Demo identities: file name, user, roles. */
    public record DemoIdentity(String name, String user, List<String> roles) {
    }

    public static final List<DemoIdentity> IDENTITIES = List.of(
            new DemoIdentity("planner", "paula.planner", List.of("planner")),
            new DemoIdentity("approver", "arthur.approver", List.of("approver")),
            new DemoIdentity("viewer", "vera.viewer", List.of("viewer")),
            new DemoIdentity("admin", "ada.admin", List.of("admin")),
            new DemoIdentity("service", "planbridge-service", List.of("service")));

    private final Path publicKey;
    private final Map<String, Path> tokenFiles;

    private JwtMaterial(Path publicKey, Map<String, Path> tokenFiles) {
        this.publicKey = publicKey;
        this.tokenFiles = tokenFiles;
    }

    public static JwtMaterial prepare(Path jwtDir, Path tokensDir) {
        try {
            KeyPair keys = loadOrCreateKeys(jwtDir);
            Map<String, Path> files = new LinkedHashMap<>();
            Files.createDirectories(tokensDir);
            for (DemoIdentity identity : IDENTITIES) {
                String token = TestTokens.sign(keys.getPrivate(), ISSUER, identity.user(), TOKEN_LIFETIME,
                        identity.roles().toArray(String[]::new));
                Path file = tokensDir.resolve(identity.name() + ".jwt");
                writeOwnerOnly(file, token + "\n");
                files.put(identity.name(), file);
            }
            return new JwtMaterial(jwtDir.resolve("public.pem"), files);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the JWT key and tokens in " + jwtDir, e);
        }
    }

    public Path publicKey() {
        return publicKey;
    }

    /** Token files by identity name (planner, approver, viewer, admin, service). */
    public Map<String, Path> tokenFiles() {
        return tokenFiles;
    }

    public String token(String identity) {
        try {
            return Files.readString(tokenFiles.get(identity), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KeyPair loadOrCreateKeys(Path jwtDir) throws IOException {
        Path privatePem = jwtDir.resolve("private.pem");
        Path publicPem = jwtDir.resolve("public.pem");
        if (Files.isRegularFile(privatePem) && Files.isRegularFile(publicPem)) {
            try {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(der(privatePem)));
                PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(der(publicPem)));
                return new KeyPair(publicKey, privateKey);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new StackException("The JWT key files in " + jwtDir + " cannot be read (" + e.getMessage()
                        + "). Delete that folder to have new keys made (tokens are re-minted on start).");
            }
        }
        Files.createDirectories(jwtDir);
        KeyPair keys = TestTokens.generate();
        writeOwnerOnly(privatePem, TestTokens.pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        Files.writeString(publicPem, TestTokens.pem("PUBLIC KEY", keys.getPublic().getEncoded()), StandardCharsets.UTF_8);
        return keys;
    }

    private static byte[] der(Path pem) throws IOException {
        String body = Files.readString(pem, StandardCharsets.US_ASCII)
                .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    /** Creates the file with mode 600 before any secret is written to it. */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
