package dev.planbridge.emulator;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Enumeration;

/**
 * The https identity of the emulator: a self-signed certificate generated at start (EC P-256, SAN IP:127.0.0.1,
 * DNS:localhost, valid 1 year) or one loaded from a PKCS12 keystore. Clients trust it via {@link #certificatePem()}
 * or {@link #clientSslContext()}.
 */
public final class SelfSignedCertificate {

    private static final char[] KEY_PASSWORD = "emulator".toCharArray();

    private final KeyStore keyStore;
    private final char[] keyPassword;
    private final X509Certificate certificate;

    private SelfSignedCertificate(KeyStore keyStore, char[] keyPassword, X509Certificate certificate) {
        this.keyStore = keyStore;
        this.keyPassword = keyPassword;
        this.certificate = certificate;
    }

    /** Generates a fresh key pair and certificate for localhost / 127.0.0.1. */
    public static SelfSignedCertificate generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256, new SecureRandom());
            KeyPair keyPair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=localhost, O=Planbridge Salesforce Emulator");
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(365))), subject, keyPair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            // An in-memory JKS store: PKCS12 would protect the key with 10,000 PBKDF2 rounds, twice, at every start.
            KeyStore keyStore = KeyStore.getInstance("JKS");
            keyStore.load(null, null);
            keyStore.setKeyEntry("emulator", keyPair.getPrivate(), KEY_PASSWORD, new Certificate[]{certificate});
            return new SelfSignedCertificate(keyStore, KEY_PASSWORD, certificate);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate the emulator's https certificate", e);
        }
    }

    /** Loads the first key entry of a PKCS12 keystore. */
    public static SelfSignedCertificate load(Path keystore, String password) {
        char[] pass = password == null ? new char[0] : password.toCharArray();
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, pass);
            Enumeration<String> aliases = keyStore.aliases();
            while (aliases.hasMoreElements()) {
                String alias = aliases.nextElement();
                if (keyStore.isKeyEntry(alias)) {
                    return new SelfSignedCertificate(keyStore, pass, (X509Certificate) keyStore.getCertificate(alias));
                }
            }
            throw new IllegalArgumentException("keystore " + keystore + " holds no private key entry");
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot load keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate in PEM form, for a client's trust store. */
    public String certificatePem() {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Server side: an SSLContext presenting this certificate. */
    public SSLContext serverSslContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, keyPassword);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the https server context", e);
        }
    }

    /** A trust store holding just this certificate. */
    public KeyStore trustStore() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("salesforce-emulator", certificate);
            return trust;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Client side: an SSLContext that trusts this certificate (e.g. for WSC's ConnectorConfig.setSslContext). */
    public SSLContext clientSslContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
