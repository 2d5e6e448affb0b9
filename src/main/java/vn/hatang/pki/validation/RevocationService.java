package vn.hatang.pki.validation;

import java.io.IOException;
import java.security.cert.CRLReason;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.ReasonFlags;

/**
 * Revocation status of one certificate: CRLs first (RFC 5280 §6.3: issuer and scope of each CRL, the reasons
 * it covers, its signer, delta CRLs), then the OCSP responder named in the certificate when CRLs cannot tell.
 *
 * <p>The validation time is the "current time" of §6.3 throughout: only a CRL issued by then and not past its
 * nextUpdate speaks for it, and a listed serial is revoked whatever revocationDate the entry gives (§6.3.3(i)).
 */
final class RevocationService {
    /** All eight RFC 5280 reason bits of onlySomeReasons / reasons. */
    private static final int ALL_REASONS = ReasonFlags.keyCompromise | ReasonFlags.cACompromise
        | ReasonFlags.affiliationChanged | ReasonFlags.superseded | ReasonFlags.cessationOfOperation
        | ReasonFlags.certificateHold | ReasonFlags.privilegeWithdrawn | ReasonFlags.aACompromise;

    /** Validates a CRL signer's own certificate (separate CRL key, indirect CRL) to a given anchor. */
    interface SignerValidator {
        boolean validSigner(Cert signer, Cert anchor, Instant at, int depth);
    }

    record Outcome(Kind kind, Instant revocationDate, CRLReason reason, String source, Reason why) {
        enum Kind { GOOD, REVOKED, UNDETERMINED }

        static Outcome good(String source) { return new Outcome(Kind.GOOD, null, null, source, null); }

        static Outcome undetermined(Reason why) { return new Outcome(Kind.UNDETERMINED, null, null, null, why); }
    }

    private final CrlStore crls;
    private final OcspStore ocsp;
    private final TrustStore trust;
    private final ValidatorOptions options;
    private final SignerValidator signerValidator;

    RevocationService(CrlStore crls, OcspStore ocsp, TrustStore trust, ValidatorOptions options,
                      SignerValidator signerValidator) {
        this.crls = crls;
        this.ocsp = ocsp;
        this.trust = trust;
        this.options = options;
        this.signerValidator = signerValidator;
    }

    Outcome check(Cert cert, Cert issuer, Cert anchor, Instant at, int depth) {
        Outcome byCrl = checkCrls(cert, issuer, anchor, at, depth);
        if (byCrl.kind() != Outcome.Kind.UNDETERMINED) return byCrl;
        List<String> ocspUrls = options.network().useOcsp() ? CertExtensions.ocspUrls(cert.x509) : List.of();
        if (ocspUrls.isEmpty()) return byCrl;
        OcspStore.Status s = ocsp.status(cert.x509, issuer, ocspUrls);
        if (s.thisUpdate() != null && s.thisUpdate().isAfter(at.plus(IndexedCrl.CLOCK_SKEW))) {
            return Outcome.undetermined(new Reason("revocation.ocsp_after", byCrl.why()));
        }
        switch (s.kind()) {
            case GOOD:
                return Outcome.good("ocsp");
            case REVOKED:
                return new Outcome(Outcome.Kind.REVOKED, s.revocationDate(), s.reason(), "ocsp", null);
            case UNKNOWN:
                return Outcome.undetermined(new Reason("revocation.ocsp_unknown", byCrl.why()));
            default:
                return Outcome.undetermined(new Reason("revocation.ocsp_error", byCrl.why(), s.error()));
        }
    }

    private Outcome checkCrls(Cert c, Cert issuer, Cert anchor, Instant at, int depth) {
        X509Certificate cert = c.x509;
        X500Principal certIssuer = c.issuer;
        List<DistributionPoint> dps = new ArrayList<>(CertExtensions.distributionPoints(cert));
        if (dps.isEmpty()) dps.add(null); // RFC 5280 §6.3.3: assume one DP whose cRLIssuer is the certificate issuer
        List<String> urls = CertExtensions.crlUrls(cert);
        Set<IndexedCrl> candidates = new LinkedHashSet<>(crls.candidates(certIssuer, urls));
        for (DistributionPoint dp : dps) {
            if (dp != null && dp.getCRLIssuer() != null) {
                for (GeneralName g : dp.getCRLIssuer().getNames()) {
                    if (g.getTagNo() == GeneralName.directoryName) {
                        candidates.addAll(crls.candidates(principal(g), List.of()));
                    }
                }
            }
        }
        // Newest first: a fresh CRL must not be shadowed by an older one of the same scope still held.
        List<IndexedCrl> ordered = new ArrayList<>(candidates);
        ordered.sort(java.util.Comparator.comparing(IndexedCrl::thisUpdate).reversed());
        if (candidates.isEmpty()) {
            String err = urls.stream().map(crls::lastError).filter(Objects::nonNull).findFirst().orElse(null);
            return Outcome.undetermined(err == null ? new Reason("revocation.no_crl")
                : new Reason("revocation.crl_unavailable", err));
        }
        int reasonsMask = 0;
        Reason problem = new Reason("revocation.no_crl_in_scope");
        for (DistributionPoint dp : dps) {
            for (IndexedCrl crl : ordered) {
                if (crl.isDelta() || !issuerAndScopeMatch(crl, dp, cert)) continue;
                if (crl.problem() != null) {
                    problem = crl.problem();
                    continue;
                }
                if (!crl.issuedBy(at)) {
                    problem = new Reason("revocation.crl_not_yet", crl.issuer().getName(), crl.thisUpdate());
                    continue;
                }
                if (!crl.freshAt(at)) {
                    problem = new Reason("revocation.crl_stale", crl.issuer().getName(), crl.nextUpdate());
                    continue;
                }
                int interim = reasons(crl.idp() == null ? null : crl.idp().getOnlySomeReasons())
                    & reasons(dp == null ? null : dp.getReasons());
                if ((interim & ~reasonsMask) == 0) continue;
                if (!signerOk(crl, c, issuer, anchor, at, depth)) {
                    problem = new Reason("revocation.crl_bad_signature", crl.issuer().getName());
                    continue;
                }
                IndexedCrl.Entry entry = crl.entry(certIssuer, c.serial);
                boolean deltaExists = false;
                boolean deltaUsed = false;
                for (IndexedCrl delta : candidates) {
                    if (!isDeltaFor(delta, crl)) continue;
                    deltaExists = true;
                    if (delta.problem() != null || !delta.currentAt(at) || !signerOk(delta, c, issuer, anchor, at, depth)) {
                        continue;
                    }
                    deltaUsed = true;
                    IndexedCrl.Entry d = delta.entry(certIssuer, c.serial);
                    if (d != null) entry = d.reason() == CRLReason.REMOVE_FROM_CRL ? null : d;
                }
                if (deltaExists && !deltaUsed && entry == null) {
                    // The newer revocations are in a delta CRL we cannot use: the complete CRL alone is not enough.
                    problem = new Reason("revocation.crl_stale", crl.issuer().getName(), "delta CRL");
                    continue;
                }
                if (entry != null && entry.reason() != CRLReason.REMOVE_FROM_CRL) {
                    if (entry.unknownCriticalExtension()) {
                        return Outcome.undetermined(new Reason("revocation.entry_unknown_extension",
                            crl.issuer().getName()));
                    }
                    return new Outcome(Outcome.Kind.REVOKED, entry.revocationDate(), entry.reason(), "crl", null);
                }
                reasonsMask |= interim;
                if (reasonsMask == ALL_REASONS) return Outcome.good("crl");
            }
        }
        return Outcome.undetermined(problem);
    }

    private static boolean isDeltaFor(IndexedCrl delta, IndexedCrl base) {
        return delta.isDelta() && delta.issuer().equals(base.issuer())
            && Objects.equals(delta.idp() == null ? null : delta.idp().getDistributionPoint(),
                base.idp() == null ? null : base.idp().getDistributionPoint())
            && base.crlNumber() != null && delta.deltaBase().compareTo(base.crlNumber()) <= 0
            && (delta.crlNumber() == null || delta.crlNumber().compareTo(base.crlNumber()) > 0);
    }

    /** RFC 5280 §6.3.3 (b): the CRL's issuer and scope fit the certificate and the distribution point. */
    private static boolean issuerAndScopeMatch(IndexedCrl crl, DistributionPoint dp, X509Certificate cert) {
        IssuingDistributionPoint idp = crl.idp();
        GeneralNames dpCrlIssuer = dp == null ? null : dp.getCRLIssuer();
        if (dpCrlIssuer != null) {
            if (idp == null || !idp.isIndirectCRL() || !containsDirectoryName(dpCrlIssuer, crl.issuer())) return false;
        } else if (!crl.issuer().equals(cert.getIssuerX500Principal())) {
            return false;
        }
        if (idp == null) return true;
        if (idp.getDistributionPoint() != null) {
            List<GeneralName> idpNames = fullNames(idp.getDistributionPoint(), crl.issuer());
            List<GeneralName> dpNames;
            if (dp != null && dp.getDistributionPoint() != null) {
                dpNames = fullNames(dp.getDistributionPoint(), dpCrlIssuer != null ? crl.issuer()
                    : cert.getIssuerX500Principal());
            } else if (dpCrlIssuer != null) {
                dpNames = List.of(dpCrlIssuer.getNames());
            } else {
                dpNames = List.of(new GeneralName(X500Name.getInstance(cert.getIssuerX500Principal().getEncoded())));
            }
            if (!anyNameMatches(idpNames, dpNames)) return false;
        }
        boolean ca = CertExtensions.isCa(cert);
        if (idp.onlyContainsUserCerts() && ca) return false;
        if (idp.onlyContainsCACerts() && !ca) return false;
        return !idp.onlyContainsAttributeCerts();
    }

    /**
     * The CRL is signed by the certificate's issuer (whose key usage, if present, allows cRLSign, §6.3.3(f)), or by
     * another certificate of the CRL issuer that itself validates to the same trust anchor. {@code cert} is the
     * certificate whose status is looked up: when it is that other certificate, a CRL signer being validated, the
     * indirect CRL it signs may cover it too (PKITS 4.14.30): its path to the anchor is the one being checked.
     */
    private boolean signerOk(IndexedCrl crl, Cert cert, Cert issuer, Cert anchor, Instant at, int depth) {
        if (crl.issuer().equals(issuer.subject) && allowsCrlSign(issuer) && crl.signedBy(issuer)) return true;
        if (depth >= 3) return false;
        List<Cert> others = new ArrayList<>(trust.intermediateCerts(crl.issuer()));
        others.addAll(trust.anchorCerts(crl.issuer()));
        for (Cert signer : others) {
            if (signer.equals(issuer) || !allowsCrlSign(signer) || !crl.signedBy(signer)) continue;
            if (signer.equals(anchor) || (depth > 0 && signer.equals(cert))) return true;
            if (!trust.isAnchor(signer) && signerValidator.validSigner(signer, anchor, at, depth + 1)) return true;
        }
        return false;
    }

    private static boolean allowsCrlSign(Cert c) { return c.hasKeyUsage(org.bouncycastle.asn1.x509.KeyUsage.cRLSign); }

    private static int reasons(ReasonFlags flags) {
        return flags == null ? ALL_REASONS : flags.intValue() & ALL_REASONS;
    }

    private static List<GeneralName> fullNames(DistributionPointName n, X500Principal crlIssuer) {
        if (n.getType() == DistributionPointName.FULL_NAME) return List.of(GeneralNames.getInstance(n.getName()).getNames());
        // nameRelativeToCRLIssuer: append the RDN to the CRL issuer's name.
        X500Name base = X500Name.getInstance(crlIssuer.getEncoded());
        ASN1EncodableVector v = new ASN1EncodableVector();
        for (RDN rdn : base.getRDNs()) v.add(rdn);
        v.add(RDN.getInstance(DERSet.getInstance(n.getName())));
        return List.of(new GeneralName(X500Name.getInstance(new DERSequence(v))));
    }

    private static boolean anyNameMatches(List<GeneralName> a, List<GeneralName> b) {
        for (GeneralName x : a) {
            for (GeneralName y : b) {
                if (x.getTagNo() != y.getTagNo()) continue;
                if (x.getTagNo() == GeneralName.directoryName) {
                    if (principal(x).equals(principal(y))) return true;
                } else if (x.equals(y)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean containsDirectoryName(GeneralNames names, X500Principal p) {
        for (GeneralName g : names.getNames()) {
            if (g.getTagNo() == GeneralName.directoryName && principal(g).equals(p)) return true;
        }
        return false;
    }

    private static X500Principal principal(GeneralName g) {
        try {
            ASN1Encodable n = g.getName();
            return new X500Principal(X500Name.getInstance(n).getEncoded());
        } catch (IOException | RuntimeException e) {
            return new X500Principal("");
        }
    }
}
