package vn.hatang.pki.validation;

import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXCertPathChecker;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Validates certificates at a given instant against configured trust anchors: path building, RFC 5280 path
 * validation (the JDK's PKIX validator: name chaining, signatures, validity, basic constraints and path length,
 * CA key usage, name constraints, policies, unknown critical extensions — signatures verified with Bouncy
 * Castle), revocation of every certificate of the path by CRL and OCSP, and key usage fit for signing.
 *
 * <p>Thread-safe; CPU-bound and possibly blocking on CRL/OCSP downloads, so callers on an event loop must run it
 * on a worker thread. Verified signatures are cached by the certificate objects (keep CA certificates as
 * long-lived objects, as the {@link TrustStore} does), CRL signatures by {@link IndexedCrl}, OCSP answers by
 * {@link OcspStore}.
 */
public final class CertificateValidator {
    private final TrustStore trust;
    private final ValidatorOptions options;
    private final Clock clock;
    private final CrlStore crls;
    private final OcspStore ocsp;
    private final PathBuilder paths;
    private final RevocationService revocation;
    private final CertPathValidator pkix;

    public CertificateValidator(TrustStore trust, ValidatorOptions options, Clock clock) {
        this(trust, options, clock, new HttpFetcher(options.httpTimeout()));
    }

    public CertificateValidator(TrustStore trust, ValidatorOptions options, Clock clock, HttpFetcher http) {
        Providers.bc();
        this.trust = trust;
        this.options = options;
        this.clock = clock;
        this.crls = new CrlStore(http, options, clock);
        this.ocsp = new OcspStore(http, options, clock);
        this.paths = new PathBuilder(trust);
        this.revocation = new RevocationService(crls, ocsp, trust, options, this::validSigner);
        try {
            this.pkix = CertPathValidator.getInstance("PKIX");
        } catch (Exception e) {
            throw new IllegalStateException("PKIX validator unavailable", e);
        }
    }

    public CrlStore crls() { return crls; }

    public TrustStore trustStore() { return trust; }

    public ValidatorOptions options() { return options; }

    /** Validates {@code target} now. */
    public ValidationResult validate(X509Certificate target) {
        return validate(target, List.of(), clock.instant());
    }

    /**
     * Validates {@code target} at {@code at}. {@code extra} are untrusted certificates that may complete the
     * path (e.g. the rest of the PKCS#7 bundle the target came in).
     */
    public ValidationResult validate(X509Certificate target, Collection<X509Certificate> extra, Instant at) {
        return validate(target, extra, at, options.requireSigningKeyUsage(), 0, null);
    }

    private ValidationResult validate(X509Certificate target, Collection<X509Certificate> extra, Instant at,
                                      boolean signingUsage, int depth, X509Certificate requiredAnchor) {
        List<List<X509Certificate>> candidates = paths.build(target, extra);
        ValidationResult first = null;
        for (List<X509Certificate> path : candidates) {
            if (requiredAnchor != null && !path.get(path.size() - 1).equals(requiredAnchor)) continue;
            ValidationResult r = validatePath(path, at, signingUsage, depth);
            if (r.acceptable()) return r;
            if (first == null) first = r;
        }
        if (first != null) return first;
        return ValidationResult.of(Verdict.UNTRUSTED_CHAIN,
            new Reason("chain.no_path", target.getIssuerX500Principal().getName()), at, List.of(target));
    }

    /** A CRL signer's certificate validates (without the signing key usage rule) to the same trust anchor. */
    private boolean validSigner(X509Certificate signer, X509Certificate anchor, Instant at, int depth) {
        return validate(signer, List.of(), at, false, depth, anchor).verdict() == Verdict.VALID;
    }

    private ValidationResult validatePath(List<X509Certificate> path, Instant at, boolean signingUsage, int depth) {
        X509Certificate anchorCert = path.get(path.size() - 1);
        List<X509Certificate> certs = path.subList(0, path.size() - 1);
        X509Certificate target = path.get(0);
        if (certs.isEmpty()) return validateAnchorItself(target, at, path);
        RevocationCheck check = new RevocationCheck(certs, anchorCert, at, depth);
        try {
            CertPath cp = CertificateFactory.getInstance("X.509").generateCertPath(certs);
            PKIXParameters p = new PKIXParameters(Set.of(trust.anchor(anchorCert)));
            p.setDate(Date.from(at));
            p.setRevocationEnabled(false);
            p.setSigProvider(Providers.BC);
            if (!options.initialPolicies().isEmpty()) p.setInitialPolicies(options.initialPolicies());
            p.setExplicitPolicyRequired(options.explicitPolicyRequired());
            p.setPolicyMappingInhibited(options.policyMappingInhibited());
            p.setAnyPolicyInhibited(options.anyPolicyInhibited());
            if (options.checkRevocation()) p.addCertPathChecker(check);
            pkix.validate(cp, p);
        } catch (CertPathValidatorException e) {
            return failure(e, check, path, at);
        } catch (CertificateException | InvalidAlgorithmParameterException e) {
            return ValidationResult.of(Verdict.UNTRUSTED_CHAIN, new Reason("chain.error", e.getMessage()), at, path);
        }
        if (signingUsage && !fitForSigning(target)) {
            return ValidationResult.of(Verdict.WRONG_KEY_USAGE, new Reason("usage.not_signing"), at, path);
        }
        if (check.softUnknown != null) {
            return new ValidationResult(Verdict.UNKNOWN_REVOCATION, check.softUnknown, true, at, List.copyOf(path),
                null, null, null);
        }
        return ValidationResult.of(Verdict.VALID, new Reason("valid", anchorCert.getSubjectX500Principal().getName()),
            at, path);
    }

    private ValidationResult validateAnchorItself(X509Certificate anchor, Instant at, List<X509Certificate> path) {
        try {
            anchor.checkValidity(Date.from(at));
            return ValidationResult.of(Verdict.VALID, new Reason("valid.anchor"), at, path);
        } catch (CertificateExpiredException e) {
            return ValidationResult.of(Verdict.EXPIRED, new Reason("expired", name(anchor), anchor.getNotAfter()
                .toInstant()), at, path);
        } catch (CertificateNotYetValidException e) {
            return ValidationResult.of(Verdict.NOT_YET_VALID, new Reason("not_yet_valid", name(anchor),
                anchor.getNotBefore().toInstant()), at, path);
        }
    }

    private ValidationResult failure(CertPathValidatorException e, RevocationCheck check, List<X509Certificate> path,
                                     Instant at) {
        int index = e.getIndex();
        X509Certificate bad = index >= 0 && index < path.size() - 1 ? path.get(index) : path.get(0);
        String who = name(bad);
        String detail = e.getMessage() == null ? "" : e.getMessage();
        CertPathValidatorException.Reason r = e.getReason();
        if (r == BasicReason.EXPIRED) {
            return ValidationResult.of(Verdict.EXPIRED, new Reason("expired", who, bad.getNotAfter().toInstant()),
                at, path);
        }
        if (r == BasicReason.NOT_YET_VALID) {
            return ValidationResult.of(Verdict.NOT_YET_VALID,
                new Reason("not_yet_valid", who, bad.getNotBefore().toInstant()), at, path);
        }
        if (r == BasicReason.REVOKED && check.revoked != null) {
            RevocationService.Outcome o = check.revoked;
            Reason reason = new Reason(bad == path.get(0) ? "revoked" : "revoked.ca", who, o.revocationDate(),
                new Reason("crlreason." + o.reason().name()), o.source());
            return new ValidationResult(Verdict.REVOKED, reason, false, at, List.copyOf(path), o.reason(),
                o.revocationDate(), o.source());
        }
        if (r == BasicReason.UNDETERMINED_REVOCATION_STATUS && check.hardUnknown != null) {
            return new ValidationResult(Verdict.UNKNOWN_REVOCATION,
                new Reason("revocation.unknown", who, check.hardUnknown), false, at, List.copyOf(path),
                null, null, null);
        }
        String key;
        if (r == BasicReason.INVALID_SIGNATURE) key = "chain.bad_signature";
        else if (r == PKIXReason.INVALID_KEY_USAGE) key = "chain.ca_key_usage";
        else if (r == PKIXReason.NOT_CA_CERT) key = "chain.not_ca";
        else if (r == PKIXReason.PATH_TOO_LONG) key = "chain.path_too_long";
        else if (r == PKIXReason.INVALID_NAME) key = "chain.name_constraints";
        else if (r == PKIXReason.INVALID_POLICY) key = "chain.policy";
        else if (r == PKIXReason.NAME_CHAINING) key = "chain.name_chaining";
        else if (r == PKIXReason.UNRECOGNIZED_CRIT_EXT) key = "chain.critical_extension";
        else if (r == BasicReason.ALGORITHM_CONSTRAINED) key = "chain.weak_algorithm";
        else key = "chain.invalid";
        return ValidationResult.of(Verdict.UNTRUSTED_CHAIN, new Reason(key, who, detail), at, path);
    }

    /** digitalSignature or nonRepudiation (or no key usage at all); an EKU, if present, must allow signing. */
    static boolean fitForSigning(X509Certificate cert) {
        boolean[] ku = cert.getKeyUsage();
        if (ku != null && !(ku.length > 0 && ku[0]) && !(ku.length > 1 && ku[1])) return false;
        try {
            List<String> eku = cert.getExtendedKeyUsage();
            if (eku == null) return true;
            return eku.stream().anyMatch(SIGNING_EKUS::contains);
        } catch (CertificateException e) {
            return false;
        }
    }

    private static final Set<String> SIGNING_EKUS = Set.of(
        "2.5.29.37.0",                 // anyExtendedKeyUsage
        "1.3.6.1.5.5.7.3.2",           // clientAuth (Vietnamese signing certificates carry it)
        "1.3.6.1.5.5.7.3.4",           // emailProtection
        "1.3.6.1.5.5.7.3.36",          // documentSigning (RFC 9336)
        "1.3.6.1.4.1.311.10.3.12",     // Microsoft document signing
        "1.2.840.113583.1.1.5");       // Adobe authentic documents trust

    /** "CN=<common name>" when there is one (readable in a reason), else the whole subject. */
    static String name(X509Certificate c) {
        org.bouncycastle.asn1.x500.X500Name n =
            org.bouncycastle.asn1.x500.X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
        org.bouncycastle.asn1.x500.RDN[] cn = n.getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN);
        if (cn.length > 0) {
            return "CN=" + org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(cn[0].getFirst().getValue());
        }
        return c.getSubjectX500Principal().getName();
    }

    /**
     * Revocation checker run by the PKIX validator after each certificate's other checks, from the anchor down,
     * so a revoked CA is reported before anything about the certificates below it.
     */
    private final class RevocationCheck extends PKIXCertPathChecker {
        private final List<X509Certificate> certs;
        private final X509Certificate anchor;
        private final Instant at;
        private final int depth;
        RevocationService.Outcome revoked;
        Reason hardUnknown;
        Reason softUnknown;

        RevocationCheck(List<X509Certificate> certs, X509Certificate anchor, Instant at, int depth) {
            this.certs = certs;
            this.anchor = anchor;
            this.at = at;
            this.depth = depth;
        }

        @Override public void init(boolean forward) {}

        @Override public boolean isForwardCheckingSupported() { return false; }

        @Override public Set<String> getSupportedExtensions() { return null; }

        @Override
        public void check(Certificate cert, Collection<String> unresolvedCritExts) throws CertPathValidatorException {
            int i = certs.indexOf(cert);
            X509Certificate c = (X509Certificate) cert;
            X509Certificate issuer = i + 1 < certs.size() ? certs.get(i + 1) : anchor;
            RevocationService.Outcome o = revocation.check(c, issuer, anchor, at, depth);
            switch (o.kind()) {
                case GOOD:
                    return;
                case REVOKED:
                    // The JDK works on a copy of this checker, so the outcome goes to the original.
                    recordRevoked(o);
                    throw new CertPathValidatorException("revoked", null, null, -1, BasicReason.REVOKED);
                default:
                    if (options.policy() == RevocationPolicy.SOFT_FAIL) {
                        recordSoft(new Reason("revocation.unknown", name(c), o.why()));
                        return;
                    }
                    recordHard(o.why());
                    throw new CertPathValidatorException("revocation status unknown", null, null, -1,
                        BasicReason.UNDETERMINED_REVOCATION_STATUS);
            }
        }

        private void recordRevoked(RevocationService.Outcome o) { shared().revoked = o; }
        private void recordSoft(Reason r) { if (shared().softUnknown == null) shared().softUnknown = r; }
        private void recordHard(Reason r) { shared().hardUnknown = r; }

        /** The original instance registered with the parameters (the validator works on a clone). */
        private RevocationCheck shared() { return original == null ? this : original; }

        private RevocationCheck original;

        @Override
        public Object clone() {
            RevocationCheck copy = (RevocationCheck) super.clone();
            copy.original = shared();
            return copy;
        }
    }
}
