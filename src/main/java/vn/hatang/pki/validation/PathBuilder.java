package vn.hatang.pki.validation;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/**
 * Builds candidate certification paths from a target certificate up to a configured trust anchor, by issuer
 * name (RFC 5280 name chaining, as the JDK compares X.500 names) with the authority/subject key identifiers
 * ordering candidates when a CA has several certificates (key rollover, self-issued certificates). Each path
 * is returned target first, trust anchor last; the validator then checks them in order.
 */
final class PathBuilder {
    private static final int MAX_DEPTH = 10;
    private static final int MAX_PATHS = 8;

    private final TrustStore trust;

    PathBuilder(TrustStore trust) { this.trust = trust; }

    List<List<X509Certificate>> build(X509Certificate target, Collection<X509Certificate> extra) {
        List<List<X509Certificate>> out = new ArrayList<>();
        if (trust.isAnchor(target)) {
            out.add(List.of(target));
            return out;
        }
        Map<X500Principal, List<X509Certificate>> extraBySubject = new HashMap<>();
        for (X509Certificate c : extra) {
            if (!c.equals(target) && !trust.isAnchor(c)) {
                extraBySubject.computeIfAbsent(c.getSubjectX500Principal(), k -> new ArrayList<>()).add(c);
            }
        }
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(target);
        extend(chain, extraBySubject, out);
        return out;
    }

    private void extend(List<X509Certificate> chain, Map<X500Principal, List<X509Certificate>> extra,
                        List<List<X509Certificate>> out) {
        if (out.size() >= MAX_PATHS || chain.size() > MAX_DEPTH) return;
        X509Certificate cur = chain.get(chain.size() - 1);
        X500Principal issuer = cur.getIssuerX500Principal();
        List<X509Certificate> anchors = trust.anchorsNamed(issuer);
        List<X509Certificate> inter = new ArrayList<>(trust.intermediatesNamed(issuer));
        for (X509Certificate e : extra.getOrDefault(issuer, List.of())) if (!inter.contains(e)) inter.add(e);
        byte[] aki = anchors.size() + inter.size() > 1 ? CertExtensions.authorityKeyId(cur) : null;
        for (X509Certificate a : sorted(anchors, aki)) {
            List<X509Certificate> path = new ArrayList<>(chain);
            path.add(a);
            out.add(path);
        }
        for (X509Certificate c : sorted(inter, aki)) {
            if (chain.contains(c)) continue;
            chain.add(c);
            extend(chain, extra, out);
            chain.remove(chain.size() - 1);
        }
    }

    /** Candidates whose subject key identifier matches the child's authority key identifier come first. */
    private static List<X509Certificate> sorted(List<X509Certificate> certs, byte[] aki) {
        if (aki == null || certs.size() < 2) return certs;
        List<X509Certificate> s = new ArrayList<>(certs);
        s.sort(Comparator.comparingInt(c -> {
            byte[] ski = CertExtensions.subjectKeyId(c);
            return ski == null ? 1 : Arrays.equals(ski, aki) ? 0 : 2;
        }));
        return s;
    }
}
