package vn.hatang.pki.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.hatang.pki.certs.Pem;
import vn.hatang.pki.certs.PkiFileReader;
import vn.hatang.pki.sample.OpensslOcspResponder;
import vn.hatang.pki.sample.PkiFactory;
import vn.hatang.pki.sample.PkiFactory.Alg;
import vn.hatang.pki.sample.PkiFactory.Issued;
import vn.hatang.pki.sample.PkiFactory.Revocation;
import vn.hatang.pki.validation.CertificateValidator;
import vn.hatang.pki.validation.Purpose;
import vn.hatang.pki.validation.TrustStore;
import vn.hatang.pki.validation.ValidationResult;
import vn.hatang.pki.validation.ValidatorOptions;
import vn.hatang.pki.validation.Verdict;

/**
 * {@code hatang bench certs --certs N}: validation throughput on N end-entity certificates (half RSA-2048, half
 * ECDSA P-256, each root → intermediate → end entity), the end entities checked against a cached CRL of
 * {@code --crl-entries} entries downloaded over HTTP, the intermediates against real {@code openssl ocsp}
 * responders (answers cached); then {@code openssl verify -crl_check} on the same files in the same run. Then
 * the pathological path-building inputs ({@code --pathological N} certificates each): the slowest validation and
 * the most signature checks, beside {@code openssl verify -x509_strict} on the same files.
 */
@Command(name = "certs", mixinStandardHelpOptions = true,
    description = "Đo tốc độ kiểm tra chứng thư / certificate validation benchmark")
public final class CertBenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--certs", defaultValue = "10000", description = "end-entity certificates (default ${DEFAULT-VALUE})")
    int certs;

    @Option(names = "--crl-entries", defaultValue = "100000", description = "entries per CRL (default ${DEFAULT-VALUE})")
    int crlEntries;

    @Option(names = "--threads", defaultValue = "0", description = "validation threads (default: one per core)")
    int threads;

    @Option(names = "--dir", description = "working directory for the generated files (default: a temp dir)")
    Path dir;

    @Option(names = "--no-openssl", description = "skip the openssl comparison")
    boolean noOpenssl;

    @Option(names = "--pathological", defaultValue = "32",
        description = "certificates per pathological path-building input (default ${DEFAULT-VALUE}; 0: skip)")
    int pathological;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // Start logging here, not in the first validating threads (which would make SLF4J replay their calls).
        org.slf4j.LoggerFactory.getLogger(CertBenchCommand.class).debug("bench certs");
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("hatang-bench-certs");
        long setupStart = System.nanoTime();
        PkiFactory pki = new PkiFactory();
        Instant now = Instant.now();
        Instant from = now.minus(Duration.ofDays(30));
        Instant to = now.plus(Duration.ofDays(3650));

        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Map<String, byte[]> served = new java.util.concurrent.ConcurrentHashMap<>();
        http.createContext("/", ex -> {
            byte[] body = served.get(ex.getRequestURI().getPath());
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(body);
                }
            }
            ex.close();
        });
        http.start();
        String base = "http://127.0.0.1:" + http.getAddress().getPort();

        List<OpensslOcspResponder> responders = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(t);
        try {
            List<Issued> roots = new ArrayList<>();
            List<Issued> inters = new ArrayList<>();
            List<X509Certificate> ees = new ArrayList<>();
            List<X509CRL> crls = new ArrayList<>();
            int revokedCount = 0;
            for (Alg alg : List.of(Alg.RSA, Alg.EC)) { // what CAs issue today: half the certificates each
                String tag = alg.name().toLowerCase(java.util.Locale.ROOT);
                Issued root = pki.root("CN=Bench Root " + alg + ",O=hatang bench,C=VN", alg, from, to);
                int port = OpensslOcspResponder.freePort();
                Issued inter = pki.cert("CN=Bench Sub CA " + alg + ",O=hatang bench,C=VN", pki.keyPair(alg), root)
                    .ca(0).validity(from, to).ocspUrl("http://127.0.0.1:" + port + "/").issue();
                responders.add(OpensslOcspResponder.start(work.resolve("ocsp-" + tag), root,
                    List.of(OpensslOcspResponder.Entry.good(inter.cert())), port));
                int n = alg == Alg.RSA ? certs / 2 : certs - certs / 2;
                String crlPath = "/sub-" + tag + ".crl";
                List<X509Certificate> issued = issueAll(pki, inter, n, base + crlPath, pool);
                // Every 50th certificate is revoked; the rest of the CRL is padding.
                List<Revocation> revoked = new ArrayList<>(pki.filler(Math.max(0, crlEntries - n / 50),
                    now.minus(Duration.ofDays(3))));
                for (int i = 0; i < issued.size(); i += 50) {
                    revoked.add(new Revocation(issued.get(i).getSerialNumber(), now.minus(Duration.ofDays(1)),
                        CRLReason.KEY_COMPROMISE));
                    revokedCount++;
                }
                X509CRL crl = pki.crl(inter, now.minusSeconds(60), now.plus(Duration.ofDays(7)), revoked, 1);
                served.put(crlPath, crl.getEncoded());
                crls.add(crl);
                roots.add(root);
                inters.add(inter);
                ees.addAll(issued);
            }
            List<Path> files = writeFiles(work, roots, inters, crls, ees);
            out.printf("bench setup: certs=%d crl_entries=%d revoked=%d threads=%d seconds=%.1f%n",
                ees.size(), crlEntries, revokedCount, t, (System.nanoTime() - setupStart) / 1e9);
            out.flush();

            TrustStore trust = new TrustStore(roots.stream().map(Issued::cert).toList(),
                inters.stream().map(Issued::cert).toList());
            CertificateValidator validator = new CertificateValidator(trust, ValidatorOptions.defaults(),
                Clock.systemUTC());
            // Fresh certificate objects read from the files, so every end-entity signature is really verified;
            // a separate copy warms up the JIT, downloads the CRLs and asks the OCSP responders once.
            PkiFileReader reader = new PkiFileReader();
            List<X509Certificate> warm = new ArrayList<>();
            List<X509Certificate> measured = new ArrayList<>();
            for (Path f : files) {
                warm.addAll(reader.readCertificates(f));
                measured.addAll(reader.readCertificates(f));
            }
            // Spread over both chains, so both CRLs and both OCSP answers are cached before the measured pass.
            int stride = Math.max(1, warm.size() / 4000);
            List<X509Certificate> warmSample = new ArrayList<>();
            for (int i = 0; i < warm.size(); i += stride) warmSample.add(warm.get(i));
            run(validator, warmSample, pool, t, now);
            long start = System.nanoTime();
            Pass pass = run(validator, measured, pool, t, now);
            Map<Verdict, Integer> verdicts = pass.verdicts();
            double seconds = (System.nanoTime() - start) / 1e9;
            double perSecond = measured.size() / seconds;
            // Per core = validations per CPU-second of the validating threads: on a shared machine the wall
            // clock divided by the thread count would count other processes' time as ours.
            out.printf("bench certs: verdicts=%s wall_s=%.2f cpu_s=%.2f%n", verdicts, seconds, pass.cpuSeconds());
            out.printf("bench certs: certs=%d validations_per_s=%.0f per_core=%.0f%n", measured.size(), perSecond,
                measured.size() / pass.cpuSeconds());
            out.flush();
            if (!noOpenssl) opensslVerify(out, work, files);
            boolean ok = verdicts.getOrDefault(Verdict.VALID, 0) + verdicts.getOrDefault(Verdict.REVOKED, 0)
                == measured.size() && verdicts.getOrDefault(Verdict.REVOKED, 0) == revokedCount;
            if (pathological > 0) ok &= pathological(out, pki, work.resolve("pathological"), now);
            if (!ok) out.println("bench certs: UNEXPECTED verdicts");
            return ok ? 0 : 1;
        } finally {
            pool.shutdownNow();
            responders.forEach(OpensslOcspResponder::close);
            http.stop(0);
            if (dir == null) vn.hatang.platform.FileTrees.delete(work); // the throw-away CAs' keys too
        }
    }

    private static List<X509Certificate> issueAll(PkiFactory pki, Issued inter, int n, String crlUrl,
                                                  ExecutorService pool) throws Exception {
        Alg alg = inter.alg();
        KeyPair key = pki.keyPair(alg); // end-entity keys do not matter for validation; signatures do
        List<Future<X509Certificate>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String dn = "CN=Can bo " + alg + " " + i + ",OU=Don vi " + (i % 97) + ",O=Tinh uy,C=VN";
            fs.add(pool.submit(() -> pki.cert(dn, key, inter).crlUrl(crlUrl).issue().cert()));
        }
        List<X509Certificate> out = new ArrayList<>(n);
        for (Future<X509Certificate> f : fs) out.add(f.get());
        return out;
    }

    private static List<Path> writeFiles(Path work, List<Issued> roots, List<Issued> inters, List<X509CRL> crls,
                                         List<X509Certificate> ees) throws IOException {
        Files.writeString(work.resolve("roots.pem"), Pem.of(roots.stream().map(Issued::cert).toArray()));
        Files.writeString(work.resolve("intermediates.pem"), Pem.of(inters.stream().map(Issued::cert).toArray()));
        Files.writeString(work.resolve("crls.pem"), Pem.of(crls.toArray()));
        Path eeDir = Files.createDirectories(work.resolve("ee"));
        List<Path> files = new ArrayList<>(ees.size());
        for (int i = 0; i < ees.size(); i++) {
            Path f = eeDir.resolve(String.format("ee-%05d.pem", i));
            Files.writeString(f, Pem.of(ees.get(i)), StandardCharsets.US_ASCII);
            files.add(f);
        }
        return files;
    }

    /** Verdict counts and the CPU time the validating threads used. */
    private record Pass(Map<Verdict, Integer> verdicts, double cpuSeconds) {}

    private static Pass run(CertificateValidator v, List<X509Certificate> certs, ExecutorService pool, int threads,
                            Instant at) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<Future<Pass>> parts = new ArrayList<>();
        int chunk = (certs.size() + threads - 1) / threads;
        for (int s = 0; s < certs.size(); s += chunk) {
            List<X509Certificate> slice = certs.subList(s, Math.min(certs.size(), s + chunk));
            parts.add(pool.submit(() -> {
                long cpu0 = mx.getCurrentThreadCpuTime();
                Map<Verdict, Integer> m = new EnumMap<>(Verdict.class);
                for (X509Certificate c : slice) {
                    ValidationResult r = v.validate(c, List.of(), at);
                    m.merge(r.verdict(), 1, Integer::sum);
                }
                return new Pass(m, (mx.getCurrentThreadCpuTime() - cpu0) / 1e9);
            }));
        }
        Map<Verdict, Integer> total = new EnumMap<>(Verdict.class);
        double cpu = 0;
        for (Future<Pass> f : parts) {
            Pass p = f.get();
            p.verdicts().forEach((k, n) -> total.merge(k, n, Integer::sum));
            cpu += p.cpuSeconds();
        }
        return new Pass(total, cpu);
    }

    /**
     * The pathological inputs of {@link PathologicalCases}: the slowest validation (after one warm-up run of each)
     * and the most signature checks, then {@code openssl verify -x509_strict} on the same files.
     */
    private boolean pathological(PrintWriter out, PkiFactory pki, Path work, Instant now) throws Exception {
        List<PathologicalCases.Case> cases = new PathologicalCases(pki, now).all(pathological);
        ValidatorOptions options = ValidatorOptions.defaults().withRevocationChecking(false).withPurpose(Purpose.ANY);
        double maxMs = 0;
        int maxChecks = 0;
        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        for (PathologicalCases.Case c : cases) {
            CertificateValidator v = new CertificateValidator(new TrustStore(
                c.anchors().stream().map(Issued::cert).toList(), List.of()), options, Clock.systemUTC());
            List<X509Certificate> extra = c.extra().stream().map(Issued::cert).toList();
            v.validate(c.target().cert(), extra, now);
            long t0 = System.nanoTime();
            ValidationResult r = v.validate(c.target().cert(), extra, now);
            maxMs = Math.max(maxMs, (System.nanoTime() - t0) / 1e6);
            maxChecks = Math.max(maxChecks, r.signatureChecks());
            verdicts.merge(r.verdict(), 1, Integer::sum);
        }
        out.printf("bench certs-pathological: certs=%d cases=%d max_ms=%.1f signature_checks_max=%d verdicts=%s%n",
            pathological, cases.size(), maxMs, maxChecks, verdicts);
        out.flush();
        if (!noOpenssl) opensslPathological(out, work, cases);
        return maxChecks <= options.limits().maxSignatureChecks();
    }

    /** {@code openssl verify -x509_strict} on each pathological case, each given a minute. */
    private static void opensslPathological(PrintWriter out, Path work, List<PathologicalCases.Case> cases)
            throws Exception {
        Files.createDirectories(work);
        double maxMs = 0;
        int ok = 0;
        int timedOut = 0;
        for (PathologicalCases.Case c : cases) {
            Path anchors = Files.writeString(work.resolve(c.name() + "-anchors.pem"),
                Pem.of(c.anchors().stream().map(Issued::cert).toArray()));
            Path extra = Files.writeString(work.resolve(c.name() + "-untrusted.pem"),
                Pem.of(c.extra().stream().map(Issued::cert).toArray()));
            Path target = Files.writeString(work.resolve(c.name() + "-target.pem"), Pem.of(c.target().cert()));
            List<String> cmd = new ArrayList<>(List.of("openssl", "verify", "-x509_strict", "-CAfile",
                anchors.toString()));
            if (!c.extra().isEmpty()) cmd.addAll(List.of("-untrusted", extra.toString()));
            cmd.add(target.toString());
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                timedOut++;
            } else if (p.exitValue() == 0) {
                ok++;
            }
            maxMs = Math.max(maxMs, (System.nanoTime() - t0) / 1e6);
        }
        out.printf("bench openssl-pathological: cases=%d max_ms=%.1f ok=%d timed_out=%d%n", cases.size(), maxMs, ok,
            timedOut);
        out.flush();
    }

    /** One {@code openssl verify -crl_check} process over all files: CRLs loaded once, as for our validator. */
    private static void opensslVerify(PrintWriter out, Path work, List<Path> files) throws Exception {
        Path log = work.resolve("openssl-verify.out");
        Path errLog = work.resolve("openssl-verify.err");
        // bash's "times" reports the CPU time of the openssl child next to our own figure.
        List<String> cmd = new ArrayList<>(List.of("bash", "-c",
            "openssl verify -CAfile \"$1\" -untrusted \"$2\" -CRLfile \"$3\" -crl_check \"${@:6}\" >\"$4\" 2>\"$5\";"
                + " s=$?; times; exit $s", "bench",
            work.resolve("roots.pem").toString(), work.resolve("intermediates.pem").toString(),
            work.resolve("crls.pem").toString(), log.toString(), errLog.toString()));
        files.forEach(f -> cmd.add(f.toString()));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String times = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            out.println("bench openssl: timed out");
            return;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = childCpuSeconds(times);
        long ok = Files.readAllLines(log).stream().filter(l -> l.endsWith(": OK")).count();
        long revoked = Files.readAllLines(errLog).stream().filter(l -> l.contains("certificate revoked")).count();
        out.printf("bench openssl: ok=%d revoked=%d wall_s=%.2f cpu_s=%.2f per_core=%.0f%n", ok, revoked, seconds, cpu,
            files.size() / cpu);
        out.printf("bench openssl: certs=%d validations_per_s=%.0f%n", files.size(), files.size() / seconds);
        out.flush();
    }

    /** Second line of bash's {@code times}: user and system time of the children, e.g. "0m1.234s 0m0.056s". */
    static double childCpuSeconds(String times) {
        String[] lines = times.strip().split("\n");
        if (lines.length < 2) return Double.NaN;
        double total = 0;
        for (String part : lines[lines.length - 1].trim().split("\\s+")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)m([\\d.]+)s").matcher(part);
            if (m.matches()) total += Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2));
        }
        return total;
    }
}
