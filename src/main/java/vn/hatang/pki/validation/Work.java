package vn.hatang.pki.validation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * The work one validation may do: a number of signature checks and an amount of CPU time of the validating thread
 * (path building on hostile input must end, RFC 4158 §4). Every check counts, including one answered from a cache,
 * so the bound does not depend on what was verified before. CPU time rather than the wall clock, so that a busy
 * machine slows a validation down without changing its verdict. Results are remembered for the rest of the
 * validation, and for certificates of the trust store across validations.
 */
final class Work {
    private final TrustStore trust;
    private final int maxSignatureChecks;
    private final long deadline;
    private final Map<String, Boolean> verified = new HashMap<>();
    private int signatureChecks;
    private boolean limitReached;

    Work(TrustStore trust, ValidatorOptions.Limits limits) {
        this.trust = trust;
        this.maxSignatureChecks = limits.maxSignatureChecks();
        this.deadline = cpuNanos() + limits.maxTime().toNanos();
    }

    /** CPU time of the current thread where the JVM measures it, else the wall clock. */
    private static long cpuNanos() {
        ThreadMXBean mx = Cpu.MX;
        return mx != null ? mx.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static final class Cpu {
        static final ThreadMXBean MX = supported();

        private static ThreadMXBean supported() {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            return mx.isCurrentThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled() ? mx : null;
        }
    }

    /**
     * Whether {@code child}'s signature verifies with {@code issuer}'s key; false (and {@link #limitReached()})
     * once the budget is spent.
     */
    boolean signedBy(Cert child, Cert issuer) {
        String key = child.fingerprint + issuer.fingerprint;
        if (limitReached()) return verified.getOrDefault(key, false);
        signatureChecks++;
        return verified.computeIfAbsent(key, k -> trust.contains(child) && trust.contains(issuer)
            ? trust.signedBy(child, issuer) : child.signedBy(issuer));
    }

    /** A result already obtained by {@link #signedBy} (path validation re-reads what path building found). */
    boolean alreadyVerified(Cert child, Cert issuer) {
        return verified.getOrDefault(child.fingerprint + issuer.fingerprint, false);
    }

    boolean limitReached() {
        if (!limitReached && (signatureChecks >= maxSignatureChecks || cpuNanos() > deadline)) {
            limitReached = true;
        }
        return limitReached;
    }

    int signatureChecks() { return signatureChecks; }
}
