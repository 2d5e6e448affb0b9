package vn.hatang.pki.validation;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CRLReason;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks OCSP responders (from the certificate's AIA) for revocation status, with a fresh nonce per request,
 * checks the responder's signature (the CA itself or a responder it delegated with id-kp-OCSPSigning), and
 * caches each verified answer until its nextUpdate.
 */
public final class OcspStore {
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** Status of one certificate according to its OCSP responder. */
    public record Status(Kind kind, Instant revocationDate, CRLReason reason, Instant thisUpdate,
                         Instant nextUpdate, String error) {
        public enum Kind { GOOD, REVOKED, UNKNOWN, ERROR }
    }

    private record Cached(Status status, Instant refreshAfter) {}

    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();
    private final Map<Key, CompletableFuture<Status>> inFlight = new ConcurrentHashMap<>();
    private final HttpFetcher http;
    private final ValidatorOptions.Network options;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final DigestCalculatorProvider digests;

    public OcspStore(HttpFetcher http, ValidatorOptions.Network options, Clock clock) {
        this.http = http;
        this.options = options;
        this.clock = clock;
        try {
            this.digests = new BcDigestCalculatorProvider();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Status of {@code cert} issued by {@code issuer}, from cache or from the first responder URL that answers. */
    Status status(X509Certificate cert, Cert issuer, List<String> urls) {
        Key key = cacheKey(cert, issuer);
        Instant now = clock.instant();
        Cached c = cache.get(key);
        if (c != null && !now.isAfter(c.refreshAfter())) return c.status();
        CompletableFuture<Status> mine = new CompletableFuture<>();
        CompletableFuture<Status> running = inFlight.putIfAbsent(key, mine);
        if (running != null) return running.join();
        try {
            Status s = null;
            for (String url : urls) {
                if (!HttpFetcher.isHttp(url)) continue;
                s = query(cert, issuer, url);
                if (s.kind() != Status.Kind.ERROR) break;
            }
            if (s == null) s = error("no usable OCSP responder URL");
            Instant refresh = s.kind() == Status.Kind.ERROR ? now.plus(options.failureBackoff())
                : s.nextUpdate() != null && s.nextUpdate().isAfter(now) ? s.nextUpdate()
                : now.plus(options.defaultOcspLifetime());
            cache.put(key, new Cached(s, refresh));
            mine.complete(s);
            return s;
        } finally {
            inFlight.remove(key, mine);
            if (!mine.isDone()) mine.complete(error("interrupted"));
        }
    }

    private Status query(X509Certificate cert, Cert issuer, String url) {
        try {
            X509CertificateHolder issuerHolder = new X509CertificateHolder(issuer.x509.getEncoded());
            CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1), issuerHolder,
                cert.getSerialNumber());
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            OCSPReq req = new OCSPReqBuilder().addRequest(id)
                .setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(nonce))))
                .build();
            byte[] body = http.post(url, "application/ocsp-request", req.getEncoded(), options.maxOcspBytes());
            OCSPResp resp = new OCSPResp(body);
            if (resp.getStatus() != OCSPResp.SUCCESSFUL) return error("OCSP responder " + url + " answered status "
                + resp.getStatus());
            BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
            Extension nonceExt = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonceExt != null && !nonceMatches(nonceExt, nonce)) return error("OCSP nonce mismatch from " + url);
            if (!signatureValid(basic, issuer, issuerHolder)) return error("OCSP response signature invalid from " + url);
            for (SingleResp sr : basic.getResponses()) {
                if (!sr.getCertID().getSerialNumber().equals(cert.getSerialNumber())
                    || !sr.getCertID().matchesIssuer(issuerHolder, digests)) continue;
                Instant thisUpdate = sr.getThisUpdate().toInstant();
                Instant nextUpdate = sr.getNextUpdate() == null ? null : sr.getNextUpdate().toInstant();
                Instant now = clock.instant();
                if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))) return error("OCSP response from the future: " + url);
                if (nextUpdate != null && nextUpdate.plus(CLOCK_SKEW).isBefore(now)) {
                    return error("OCSP response out of date: " + url);
                }
                Object st = sr.getCertStatus();
                if (st == CertificateStatus.GOOD) {
                    return new Status(Status.Kind.GOOD, null, null, thisUpdate, nextUpdate, null);
                }
                if (st instanceof RevokedStatus r) {
                    CRLReason reason = r.hasRevocationReason() && r.getRevocationReason() < CRLReason.values().length
                        ? CRLReason.values()[r.getRevocationReason()] : CRLReason.UNSPECIFIED;
                    return new Status(Status.Kind.REVOKED, r.getRevocationTime().toInstant(), reason, thisUpdate,
                        nextUpdate, null);
                }
                return new Status(Status.Kind.UNKNOWN, null, null, thisUpdate, nextUpdate, "responder does not know it");
            }
            return error("OCSP response from " + url + " does not cover the certificate");
        } catch (HttpFetcher.FetchException e) {
            log().debug("OCSP request failed: {}", e.getMessage());
            return error(e.getMessage());
        } catch (Exception e) {
            log().debug("OCSP response from {} unusable: {}", url, e.toString());
            return error("unusable OCSP response from " + url + ": " + e.getMessage());
        }
    }

    private static boolean nonceMatches(Extension ext, byte[] nonce) {
        byte[] value = ext.getExtnValue().getOctets();
        if (Arrays.equals(value, nonce)) return true;
        try {
            return Arrays.equals(ASN1OctetString.getInstance(value).getOctets(), nonce);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Signed by the CA's own key, or by an included responder certificate the CA issued for OCSP signing. */
    private boolean signatureValid(BasicOCSPResp basic, Cert issuer, X509CertificateHolder issuerHolder)
            throws Exception {
        if (issuer.verifiers() == null) return false;
        if (basic.isSignatureValid(issuer.verifiers())) return true;
        for (X509CertificateHolder responder : basic.getCerts()) {
            if (!responder.getIssuer().equals(issuerHolder.getSubject())) continue;
            if (!responder.isSignatureValid(issuer.verifiers())) continue;
            if (!responder.isValidOn(java.util.Date.from(clock.instant()))) continue;
            org.bouncycastle.asn1.x509.ExtendedKeyUsage eku =
                org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(responder.getExtensions());
            if (eku == null || !eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)) continue;
            var responderKey = Signatures.verifierFor(responder.getSubjectPublicKeyInfo(), null);
            if (responderKey != null && basic.isSignatureValid(responderKey)) return true;
        }
        return false;
    }

    private static Key cacheKey(X509Certificate cert, Cert issuer) {
        return new Key(issuer.x509, cert.getSerialNumber());
    }

    private record Key(X509Certificate issuer, BigInteger serial) {}

    private static Status error(String message) {
        return new Status(Status.Kind.ERROR, null, null, null, null, message);
    }

    /** Looked up only when something is fetched, so a one-shot {@code certs validate} never starts logging. */
    private static Logger log() { return LoggerFactory.getLogger(OcspStore.class); }
}
