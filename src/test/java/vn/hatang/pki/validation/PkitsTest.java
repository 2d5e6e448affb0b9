package vn.hatang.pki.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * NIST's Public Key Interoperability Test Suite (PKITS, 2011 edition: the RFC 5280 path-validation conformance
 * suite), as Debian ships it in {@code python3-cryptography-vectors}. Every end-entity certificate named
 * {@code Valid…} or {@code Invalid…} is validated with the suite's default inputs (any policy, nothing explicit or
 * inhibited; every CA certificate and CRL of the suite offered, no network, no purpose) and must get the suite's
 * answer, except the deviations listed here with the README rule behind each. The tests without such a prefix have
 * answers that depend on their inputs and are not scored.
 */
class PkitsTest {
    static final Path DATA = Path.of("/usr/lib/python3/dist-packages/cryptography_vectors/x509/PKITS_data");
    /** Inside every certificate's validity (2010–2030) and after the stale delta CRL of 4.15.10 (2010-06-01). */
    static final Instant AT = Instant.parse("2021-06-01T00:00:00Z");

    /**
     * Valid paths refused on purpose: their CAs carry policyConstraints not marked critical (the README's strict rule,
     * which the x509-limbo suite asks for and PKITS does not).
     */
    static final Map<String, String> DEVIATIONS = Map.ofEntries(
        Map.entry("ValidPolicyMappingTest1", "policyConstraints not marked critical"),
        Map.entry("ValidPolicyMappingTest3", "policyConstraints not marked critical"),
        Map.entry("ValidPolicyMappingTest5", "policyConstraints not marked critical"),
        Map.entry("ValidPolicyMappingTest6", "policyConstraints not marked critical"),
        Map.entry("ValidPolicyMappingTest9", "policyConstraints not marked critical"),
        Map.entry("ValidPolicyMappingTest11", "policyConstraints not marked critical"),
        Map.entry("ValidPolicyMappingTest12", "policyConstraints not marked critical"),
        Map.entry("ValidPolicyMappingTest13", "policyConstraints not marked critical"),
        Map.entry("ValidPolicyMappingTest14", "policyConstraints not marked critical"),
        Map.entry("ValidinhibitAnyPolicyTest2", "policyConstraints not marked critical"),
        Map.entry("ValidSelfIssuedinhibitAnyPolicyTest7", "policyConstraints not marked critical"),
        Map.entry("ValidSelfIssuedinhibitAnyPolicyTest9", "policyConstraints not marked critical"));

    @Test
    void testEveryScoredCaseGetsTheSuitesAnswer() throws Exception {
        assertTrue(Files.isDirectory(DATA), "PKITS is missing: apt-get install python3-cryptography-vectors (" + DATA + ")");
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        X509Certificate anchor = null;
        List<X509Certificate> cas = new ArrayList<>();
        Map<String, X509Certificate> endEntities = new TreeMap<>();
        for (Path f : list(DATA.resolve("certs"), ".crt")) {
            String name = f.getFileName().toString().replace(".crt", "");
            X509Certificate c = read(x509, f);
            if (name.equals("TrustAnchorRootCertificate")) anchor = c;
            else if (name.endsWith("EE")) endEntities.put(name.substring(0, name.length() - 2), c);
            else cas.add(c);
        }
        List<X509CRL> crls = new ArrayList<>();
        for (Path f : list(DATA.resolve("crls"), ".crl")) {
            try (InputStream in = Files.newInputStream(f)) {
                crls.add((X509CRL) x509.generateCRL(in));
            }
        }
        CertificateValidator validator = new CertificateValidator(new TrustStore(List.of(anchor), cas),
            ValidatorOptions.defaults().withNetwork(false, false).withPurpose(Purpose.ANY), Clock.systemUTC());
        validator.crls().importCrls(crls);

        int scored = 0;
        int asExpected = 0;
        List<String> wrong = new ArrayList<>();
        for (var e : endEntities.entrySet()) {
            String test = e.getKey();
            if (!test.startsWith("Valid") && !test.startsWith("Invalid")) continue;
            scored++;
            ValidationResult r = validator.validate(e.getValue(), List.of(), AT);
            boolean valid = r.verdict() == Verdict.VALID;
            String deviation = DEVIATIONS.get(test);
            if (deviation != null) {
                if (valid || !r.reasonEn().contains(deviation)) {
                    wrong.add(test + ": the listed deviation no longer holds (" + r.verdict() + " — " + r.reasonEn()
                        + "); update DEVIATIONS and the README");
                }
            } else if (valid == test.startsWith("Valid")) {
                asExpected++;
            } else {
                wrong.add(test + ": " + r.verdict() + " — " + r.reasonEn());
            }
        }
        System.out.printf("PKITS: %d of %d scored cases as the suite expects, %d deviations listed%n", asExpected, scored,
            DEVIATIONS.size());
        assertEquals(List.of(), wrong);
        assertEquals(scored, asExpected + DEVIATIONS.size(), "every listed deviation is a scored case");
        assertTrue(scored > 200, "the suite's " + scored + " scored cases were all read");
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static X509Certificate read(CertificateFactory x509, Path f) throws Exception {
        try (InputStream in = Files.newInputStream(f)) {
            return (X509Certificate) x509.generateCertificate(in);
        }
    }
}
