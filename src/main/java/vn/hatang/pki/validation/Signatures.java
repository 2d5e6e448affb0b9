package vn.hatang.pki.validation;

import java.io.OutputStream;
import java.security.PublicKey;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.DSAPublicKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.Ed448PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.bc.BcDSAContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcEdDSAContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcRSAContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Signature verification over the exact signed bytes (the TBS part as received, never re-encoded) with Bouncy
 * Castle's lightweight API: no JCA provider to register, so a one-shot {@code certs validate} does not pay for
 * loading every algorithm of the full provider, and ECDSA stays several times faster than the JDK's own. Keys the
 * lightweight API cannot read fall back to the JDK's providers.
 */
final class Signatures {
    private static final DigestAlgorithmIdentifierFinder DIGESTS = new DefaultDigestAlgorithmIdentifierFinder();
    /** Signature algorithms whose collisions are practical: a certificate signed with them proves nothing. */
    private static final Set<ASN1ObjectIdentifier> BROKEN = Set.of(PKCSObjectIdentifiers.md2WithRSAEncryption,
        PKCSObjectIdentifiers.md4WithRSAEncryption, PKCSObjectIdentifiers.md5WithRSAEncryption);

    private Signatures() {}

    /** Verifiers for signatures made with the key in {@code spki}; null when the key cannot be read at all. */
    static ContentVerifierProvider verifierFor(SubjectPublicKeyInfo spki, PublicKey jcaKey) {
        try {
            AsymmetricKeyParameter key = PublicKeyFactory.createKey(spki);
            if (key instanceof RSAKeyParameters) return new BcRSAContentVerifierProviderBuilder(DIGESTS).build(key);
            if (key instanceof ECPublicKeyParameters) return new BcECContentVerifierProviderBuilder(DIGESTS).build(key);
            if (key instanceof DSAPublicKeyParameters) return new BcDSAContentVerifierProviderBuilder(DIGESTS).build(key);
            if (key instanceof Ed25519PublicKeyParameters || key instanceof Ed448PublicKeyParameters) {
                return new BcEdDSAContentVerifierProviderBuilder().build(key);
            }
        } catch (Exception | LinkageError e) {
            // not a key the lightweight API reads: try the JDK below
        }
        if (jcaKey == null) return null;
        try {
            return new JcaContentVerifierProviderBuilder().build(jcaKey);
        } catch (Exception e) {
            return null;
        }
    }

    /** Whether {@code signature} over {@code signed} verifies; any malformed input is simply "does not verify". */
    static boolean verify(ContentVerifierProvider verifiers, AlgorithmIdentifier alg, byte[] signed, byte[] signature) {
        if (verifiers == null || alg == null || signed == null || signature == null) return false;
        try {
            ContentVerifier v = verifiers.get(alg);
            try (OutputStream out = v.getOutputStream()) {
                out.write(signed);
            }
            return v.verify(signature);
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    static boolean broken(AlgorithmIdentifier alg) {
        return alg != null && BROKEN.contains(alg.getAlgorithm());
    }
}
