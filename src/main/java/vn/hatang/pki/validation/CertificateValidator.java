package vn.hatang.pki.validation;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Validates certificates at a given instant against configured trust anchors: bounded path building
 * ({@link PathBuilder}), RFC 5280 §6.1 path validation with the anchor certificate's constraints as inputs and the
 * §4 profile rules ({@link PathValidation}), revocation of every certificate of the path by CRL (§6.3) and OCSP,
 * and fitness for the configured {@link Purpose}. When a candidate path fails, the others are tried; the reason
 * given is that of the best candidate (the one that got furthest), not of the last one tried.
 *
 * <p>The one validator of hatang: the certificate register, {@code certs validate}, {@code bench certs} and
 * certificate login over TLS client authentication ({@link #validatePeer}) all call it. Every input ends in a
 * verdict with a reason; no exception leaves it.
 *
 * <p>Thread-safe; CPU-bound and possibly blocking on CRL/OCSP downloads, so callers on an event loop must run it
 * on a worker thread. Signatures between trust-store certificates are verified once ({@link TrustStore}), CRL
 * signatures once per signer ({@link IndexedCrl}), OCSP answers cached ({@link OcspStore}).
 */
public final class CertificateValidator {
    private final TrustStore trust;
    private final ValidatorOptions options;
    private final Clock clock;
    private final CrlStore crls;
    private final PathBuilder paths;
    private final RevocationService revocation;

    public CertificateValidator(TrustStore trust, ValidatorOptions options, Clock clock) {
        this(trust, options, clock, new HttpFetcher(options.network().httpTimeout()));
    }

    public CertificateValidator(TrustStore trust, ValidatorOptions options, Clock clock, HttpFetcher http) {
        this.trust = trust;
        this.options = options;
        this.clock = clock;
        this.crls = new CrlStore(http, options.network(), clock);
        this.paths = new PathBuilder(trust, options.limits());
        this.revocation = new RevocationService(crls, new OcspStore(http, options.network(), clock), trust, options,
            this::validSigner);
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
        return validate(target, extra, at, options.purpose(), 0, null);
    }

    /**
     * Validates the certificate chain a TLS peer sent (its certificate first, then whatever intermediates it
     * chose to send, in any order) at {@code at}, with the configured revocation policy and purpose: the check
     * behind certificate login.
     */
    public ValidationResult validatePeer(X509Certificate[] peerChain, Instant at) {
        if (peerChain == null || peerChain.length == 0 || peerChain[0] == null) {
            return ValidationResult.of(Verdict.UNTRUSTED_CHAIN, new Reason("chain.no_certificate"), at, List.of(), 0);
        }
        List<X509Certificate> rest = Arrays.stream(peerChain, 1, peerChain.length)
            .filter(java.util.Objects::nonNull).toList();
        return validate(peerChain[0], rest, at);
    }

    /** A CRL signer's certificate validates (for no particular purpose) to the same trust anchor. */
    private boolean validSigner(Cert signer, Cert anchor, Instant at, int depth) {
        return validate(signer.x509, List.of(), at, Purpose.ANY, depth, anchor).verdict() == Verdict.VALID;
    }

    private ValidationResult validate(X509Certificate target, Collection<X509Certificate> extra, Instant at,
                                      Purpose purpose, int depth, Cert requiredAnchor) {
        // RFC 5280 times have one-second resolution: compare at the second the instant falls in.
        Instant t = at.truncatedTo(ChronoUnit.SECONDS);
        try {
            return new Run(t, purpose, depth, requiredAnchor).validate(target, extra);
        } catch (RuntimeException | StackOverflowError e) {
            // Last resort: a defect of ours must still end in a verdict, never in an exception for the caller.
            return ValidationResult.of(Verdict.UNTRUSTED_CHAIN, new Reason("chain.error", e.toString()), at,
                List.of(target), 0);
        }
    }

    /** One validation: the paths tried, the best failure so far, the work done. */
    private final class Run {
        private final Instant at;
        private final Purpose purpose;
        private final int depth;
        private final Cert requiredAnchor;
        private final Work work = new Work(trust, options.limits());
        private Candidate best;
        private List<Cert> accepted;
        private Reason softUnknown;
        private int revocationChecks;

        Run(Instant at, Purpose purpose, int depth, Cert requiredAnchor) {
            this.at = at;
            this.purpose = purpose;
            this.depth = depth;
            this.requiredAnchor = requiredAnchor;
        }

        ValidationResult validate(X509Certificate target, Collection<X509Certificate> extra) {
            Cert t = trust.decode(target);
            List<Cert> others = new ArrayList<>();
            for (X509Certificate x : extra) others.add(trust.decode(x));
            PathBuilder.Outcome o = paths.build(t, others, at, work, this::consider);
            if (accepted != null) return success(t);
            if (best != null) return best.result();
            return noPath(t, o);
        }

        /** Checks one complete path; true (stop searching) when it is acceptable. */
        private boolean consider(List<Cert> path) {
            Cert anchor = path.get(path.size() - 1);
            if (requiredAnchor != null && !anchor.equals(requiredAnchor)) return false;
            PathValidation.Failure f = PathValidation.validate(path, at, options.policyInputs(), work);
            if (f != null) {
                int n = path.size() - 1;
                offer(new Candidate(f.verdict(), f.reason(), path, (f.progress() == n ? 200 : f.progress() > 0 ? 100 : 0)
                    + f.progress(), null));
                return false;
            }
            if (options.checkRevocation() && path.size() > 1) {
                if (revocationChecks++ >= options.limits().maxRevocationPaths()) return true;
                Candidate revoked = revocationFailure(path);
                if (revoked != null) {
                    offer(revoked);
                    return false;
                }
            }
            accepted = path;
            return true;
        }

        /** Revocation of every certificate below the anchor, the anchor's own subordinate first. */
        private Candidate revocationFailure(List<Cert> path) {
            Cert anchor = path.get(path.size() - 1);
            Reason soft = null;
            for (int i = path.size() - 2; i >= 0; i--) {
                Cert c = path.get(i);
                RevocationService.Outcome o = revocation.check(c, path.get(i + 1), anchor, at, depth);
                int score = 1000 + (path.size() - 1 - i);
                switch (o.kind()) {
                    case GOOD -> { }
                    case REVOKED -> {
                        Reason r = new Reason(i == 0 ? "revoked" : "revoked.ca", c.displayName, o.revocationDate(),
                            new Reason("crlreason." + o.reason().name()), o.source());
                        return new Candidate(Verdict.REVOKED, r, path, score, o);
                    }
                    default -> {
                        Reason r = new Reason("revocation.unknown", c.displayName, o.why());
                        if (options.policy() != RevocationPolicy.SOFT_FAIL) {
                            return new Candidate(Verdict.UNKNOWN_REVOCATION, r, path, score, null);
                        }
                        if (soft == null) soft = r;
                    }
                }
            }
            softUnknown = soft;
            return null;
        }

        private void offer(Candidate c) {
            if (best == null || c.score > best.score) best = c;
        }

        private ValidationResult success(Cert target) {
            List<X509Certificate> path = accepted.stream().map(c -> c.x509).toList();
            Reason unfit = purpose.unfit(target);
            if (unfit != null) return ValidationResult.of(Verdict.WRONG_KEY_USAGE, unfit, at, path, work.signatureChecks());
            if (softUnknown != null) {
                return new ValidationResult(Verdict.UNKNOWN_REVOCATION, softUnknown, true, at, path, null, null, null,
                    work.signatureChecks());
            }
            Reason revocationPart = !options.checkRevocation() ? new Reason("valid.revocation_skipped")
                : new Reason("valid.not_revoked");
            Reason reason = accepted.size() == 1 ? new Reason("valid.anchor", purpose.fitness())
                : new Reason("valid", accepted.get(accepted.size() - 1).subject.getName(), revocationPart,
                    purpose.fitness());
            return ValidationResult.of(Verdict.VALID, reason, at, path, work.signatureChecks());
        }

        /** No complete path reached an anchor: say why, as precisely as the search allows. */
        private ValidationResult noPath(Cert target, PathBuilder.Outcome o) {
            Reason r;
            if (o.limitReached) {
                r = new Reason("chain.limit", work.signatureChecks(), options.limits().maxTime().toMillis());
            } else if (!o.issuerFound) {
                r = new Reason("chain.no_path", target.issuer.getName());
            } else if (o.badSignature == target) {
                r = new Reason("chain.bad_signature", target.displayName);
            } else if (o.tooDeep) {
                r = new Reason("chain.too_deep", options.limits().maxDepth());
            } else {
                Cert top = o.deepest.isEmpty() ? target : o.deepest.get(o.deepest.size() - 1);
                r = new Reason("chain.no_anchor", top.displayName, top.issuer.getName());
            }
            return ValidationResult.of(Verdict.UNTRUSTED_CHAIN, r, at, List.of(target.x509), work.signatureChecks());
        }

        /** A failed candidate path; the higher the score, the further validation got. */
        private final class Candidate {
            final Verdict verdict;
            final Reason reason;
            final List<Cert> path;
            final int score;
            final RevocationService.Outcome revoked;

            Candidate(Verdict verdict, Reason reason, List<Cert> path, int score, RevocationService.Outcome revoked) {
                this.verdict = verdict;
                this.reason = reason;
                this.path = path;
                this.score = score;
                this.revoked = revoked;
            }

            ValidationResult result() {
                List<X509Certificate> p = path.stream().map(c -> c.x509).toList();
                if (revoked != null) {
                    return new ValidationResult(Verdict.REVOKED, reason, false, at, p, revoked.reason(),
                        revoked.revocationDate(), revoked.source(), work.signatureChecks());
                }
                return ValidationResult.of(verdict, reason, at, p, work.signatureChecks());
            }
        }
    }
}
