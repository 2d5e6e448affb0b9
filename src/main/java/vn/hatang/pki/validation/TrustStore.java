package vn.hatang.pki.validation;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;

/**
 * Configured trust anchors (government CA roots) and known intermediate CA certificates, decoded once and indexed
 * by subject name for path building. A certificate configured as both is an anchor. Immutable apart from the cache
 * of signatures verified between its own certificates; build a new one when the configuration changes.
 */
public final class TrustStore {
    private final Map<X509Certificate, Cert> anchors = new LinkedHashMap<>();
    private final Map<X509Certificate, Cert> intermediates = new LinkedHashMap<>();
    private final Map<X500Principal, List<Cert>> anchorsBySubject = new HashMap<>();
    private final Map<X500Principal, List<Cert>> intermediatesBySubject = new HashMap<>();
    private final Map<String, Boolean> signatures = new ConcurrentHashMap<>();

    public TrustStore(Collection<X509Certificate> anchorCerts, Collection<X509Certificate> intermediateCerts) {
        for (X509Certificate a : anchorCerts) {
            if (anchors.containsKey(a)) continue;
            Cert c = Cert.of(a);
            anchors.put(a, c);
            anchorsBySubject.computeIfAbsent(c.subject, k -> new ArrayList<>()).add(c);
        }
        for (X509Certificate i : intermediateCerts) {
            if (anchors.containsKey(i) || intermediates.containsKey(i)) continue;
            Cert c = Cert.of(i);
            intermediates.put(i, c);
            intermediatesBySubject.computeIfAbsent(c.subject, k -> new ArrayList<>()).add(c);
        }
    }

    public List<X509Certificate> anchorsNamed(X500Principal subject) {
        return anchorsBySubject.getOrDefault(subject, List.of()).stream().map(c -> c.x509).toList();
    }

    public List<X509Certificate> intermediatesNamed(X500Principal subject) {
        return intermediatesBySubject.getOrDefault(subject, List.of()).stream().map(c -> c.x509).toList();
    }

    public boolean isAnchor(X509Certificate cert) { return anchors.containsKey(cert); }

    public Collection<X509Certificate> anchorCertificates() { return anchors.keySet(); }

    public List<X509Certificate> intermediates() { return List.copyOf(intermediates.keySet()); }

    /** Whether {@code crl} is signed by a configured CA of its issuer's name (what an upload must prove). */
    public boolean signedByConfiguredCa(X509CRL crl) {
        IndexedCrl ic = new IndexedCrl(crl);
        List<Cert> cas = new ArrayList<>(anchorCerts(ic.issuer()));
        cas.addAll(intermediateCerts(ic.issuer()));
        return cas.stream().anyMatch(ic::signedBy);
    }

    List<Cert> anchorCerts(X500Principal subject) { return anchorsBySubject.getOrDefault(subject, List.of()); }

    List<Cert> intermediateCerts(X500Principal subject) {
        return intermediatesBySubject.getOrDefault(subject, List.of());
    }

    /** The decoded form of a configured certificate, or a fresh decoding of any other. */
    Cert decode(X509Certificate x509) {
        Cert c = anchors.get(x509);
        if (c == null) c = intermediates.get(x509);
        return c != null ? c : Cert.of(x509);
    }

    boolean isAnchor(Cert c) { return anchors.get(c.x509) == c; }

    boolean contains(Cert c) { return isAnchor(c) || intermediates.get(c.x509) == c; }

    /** Signature between two configured certificates, verified once per pair. */
    boolean signedBy(Cert child, Cert issuer) {
        return signatures.computeIfAbsent(child.fingerprint + issuer.fingerprint, k -> child.signedBy(issuer));
    }
}
