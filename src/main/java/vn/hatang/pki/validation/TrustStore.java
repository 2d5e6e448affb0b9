package vn.hatang.pki.validation;

import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * Configured trust anchors (government CA roots) and known intermediate CA certificates, indexed by subject
 * name for path building. Immutable; build a new one when the configuration changes.
 */
public final class TrustStore {
    private final Map<X500Principal, List<X509Certificate>> anchorsBySubject = new HashMap<>();
    private final Map<X500Principal, List<X509Certificate>> intermediatesBySubject = new HashMap<>();
    private final Map<X509Certificate, TrustAnchor> anchors = new HashMap<>();
    private final List<X509Certificate> intermediates;

    public TrustStore(Collection<X509Certificate> anchorCerts, Collection<X509Certificate> intermediateCerts) {
        for (X509Certificate a : new LinkedHashSet<>(anchorCerts)) {
            anchors.put(a, new TrustAnchor(a, null));
            anchorsBySubject.computeIfAbsent(a.getSubjectX500Principal(), k -> new ArrayList<>()).add(a);
        }
        Set<X509Certificate> inter = new LinkedHashSet<>(intermediateCerts);
        inter.removeAll(anchors.keySet());
        this.intermediates = List.copyOf(inter);
        for (X509Certificate c : inter) {
            intermediatesBySubject.computeIfAbsent(c.getSubjectX500Principal(), k -> new ArrayList<>()).add(c);
        }
    }

    public List<X509Certificate> anchorsNamed(X500Principal subject) {
        return anchorsBySubject.getOrDefault(subject, List.of());
    }

    public List<X509Certificate> intermediatesNamed(X500Principal subject) {
        return intermediatesBySubject.getOrDefault(subject, List.of());
    }

    public TrustAnchor anchor(X509Certificate cert) { return anchors.get(cert); }

    public boolean isAnchor(X509Certificate cert) { return anchors.containsKey(cert); }

    public Collection<X509Certificate> anchorCertificates() { return anchors.keySet(); }

    public List<X509Certificate> intermediates() { return intermediates; }
}
