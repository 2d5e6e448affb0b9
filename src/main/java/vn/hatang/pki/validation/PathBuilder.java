package vn.hatang.pki.validation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/**
 * Builds certification paths from a target up to the configured trust anchors (RFC 4158), depth first, and hands
 * each complete path to a sink until the sink accepts one. Bounded: at most {@code maxCandidatesPerStep} issuers are
 * tried for any certificate, at most {@code maxDepth} intermediates sit in a path, and every signature check counts
 * against the {@link Work} budget, so no set of intermediates — however many share a name or a key — can make it run
 * long. An issuer counts only when its key verifies the child's signature, so a wrong candidate costs one check and
 * nothing below it.
 *
 * <p>The order does not depend on the order of the input: candidates are the deduplicated union of the trust store
 * and the extra certificates, sorted by authority/subject key identifier match, then anchors first, then valid at
 * the validation time, then newest, then fingerprint. Permuting or repeating the intermediates therefore never
 * changes the outcome.
 */
final class PathBuilder {
    /** Receives complete paths (target first, anchor last); returns true to stop the search. */
    interface Sink {
        boolean accept(List<Cert> path);
    }

    /** What the search found besides the paths it handed over. */
    static final class Outcome {
        /** Some certificate named as the target's issuer exists. */
        boolean issuerFound;
        /** The target's signature verified with none of its candidate issuers' keys. */
        Cert badSignature;
        /** The longest chain built, target first (where the search got stuck when no anchor was reached). */
        List<Cert> deepest = List.of();
        boolean tooDeep;
        boolean limitReached;
        boolean stopped;
    }

    private final TrustStore trust;
    private final ValidatorOptions.Limits limits;

    PathBuilder(TrustStore trust, ValidatorOptions.Limits limits) {
        this.trust = trust;
        this.limits = limits;
    }

    Outcome build(Cert target, Collection<Cert> extra, Instant at, Work work, Sink sink) {
        Outcome out = new Outcome();
        if (trust.isAnchor(target)) {
            out.issuerFound = true;
            out.stopped = sink.accept(List.of(target));
            return out;
        }
        Map<X500Principal, List<Cert>> extraBySubject = new HashMap<>();
        Map<String, Cert> unique = new LinkedHashMap<>();
        for (Cert c : extra) unique.putIfAbsent(c.fingerprint, c);
        for (Cert c : unique.values()) {
            if (c.equals(target) || trust.contains(c)) continue;
            extraBySubject.computeIfAbsent(c.subject, k -> new ArrayList<>()).add(c);
        }
        List<Cert> chain = new ArrayList<>();
        chain.add(target);
        extend(chain, extraBySubject, at, work, sink, out);
        out.limitReached = work.limitReached();
        return out;
    }

    private void extend(List<Cert> chain, Map<X500Principal, List<Cert>> extra, Instant at, Work work, Sink sink,
                        Outcome out) {
        Cert child = chain.get(chain.size() - 1);
        List<Cert> candidates = candidates(child, chain, extra, at);
        if (!candidates.isEmpty() && chain.size() == 1) out.issuerFound = true;
        boolean anyVerified = false;
        for (Cert issuer : candidates) {
            if (out.stopped || work.limitReached()) return;
            if (!signs(issuer, child, chain, extra, at, work)) continue;
            anyVerified = true;
            if (trust.isAnchor(issuer)) {
                List<Cert> path = new ArrayList<>(chain);
                path.add(issuer);
                if (sink.accept(path)) {
                    out.stopped = true;
                    return;
                }
            } else if (chain.size() - 1 < limits.maxDepth()) {
                chain.add(issuer);
                extend(chain, extra, at, work, sink, out);
                chain.remove(chain.size() - 1);
            } else {
                out.tooDeep = true;
            }
        }
        if (chain.size() == 1 && !candidates.isEmpty() && !anyVerified && !work.limitReached()) out.badSignature = child;
        if (chain.size() > out.deepest.size()) out.deepest = List.copyOf(chain);
    }

    /**
     * Whether {@code issuer}'s key verifies {@code child}'s signature. A DSA key without domain parameters first gets
     * those of the key that signed it, looked for among its own issuers (RFC 3279 §2.3.2; one level).
     */
    private boolean signs(Cert issuer, Cert child, List<Cert> chain, Map<X500Principal, List<Cert>> extra, Instant at,
                          Work work) {
        if (issuer.lacksKeyParameters()) {
            List<Cert> above = new ArrayList<>(chain);
            above.add(issuer);
            for (Cert p : candidates(issuer, above, extra, at)) {
                if (work.limitReached()) break;
                if (!p.lacksKeyParameters() && work.signedBy(issuer, p)) issuer.inheritKeyParameters(p);
                if (!issuer.lacksKeyParameters()) break;
            }
        }
        return work.signedBy(child, issuer);
    }

    /** Issuers by name, none already in the chain (same subject and key: a loop), best first, capped. */
    private List<Cert> candidates(Cert child, List<Cert> chain, Map<X500Principal, List<Cert>> extra, Instant at) {
        List<Cert> all = new ArrayList<>(trust.anchorCerts(child.issuer));
        all.addAll(trust.intermediateCerts(child.issuer));
        all.addAll(extra.getOrDefault(child.issuer, List.of()));
        all.removeIf(c -> chain.stream().anyMatch(c::sameEntity));
        byte[] aki = child.authorityKeyId;
        all.sort(Comparator.<Cert>comparingInt(c -> keyIdRank(aki, c.subjectKeyId))
            .thenComparing(c -> !trust.isAnchor(c))
            .thenComparing(c -> !c.validAt(at))
            .thenComparing(c -> c.notBefore, Comparator.reverseOrder())
            .thenComparing(c -> c.fingerprint));
        return all.size() > limits.maxCandidatesPerStep() ? all.subList(0, limits.maxCandidatesPerStep()) : all;
    }

    /** 0: the child's AKI names this key; 1: nothing to compare; 2: the key identifiers differ. */
    private static int keyIdRank(byte[] aki, byte[] ski) {
        if (aki == null || aki.length == 0 || ski == null) return 1;
        return Arrays.equals(aki, ski) ? 0 : 2;
    }
}
