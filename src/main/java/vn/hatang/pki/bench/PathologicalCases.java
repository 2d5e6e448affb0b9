package vn.hatang.pki.bench;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import vn.hatang.pki.sample.PkiFactory;
import vn.hatang.pki.sample.PkiFactory.Alg;
import vn.hatang.pki.sample.PkiFactory.Issued;

/**
 * Inputs that make naive path builders run for ever (RFC 4158 §4, the "issue 11" denial of service): many
 * intermediates sharing one subject name, with equal or different keys, in layers or in cycles, none of them
 * reaching a trust anchor; and a root with thousands of name constraints. Shared by {@code bench certs} and the
 * bounded-work tests, so both measure the same inputs.
 */
public final class PathologicalCases {
    /** One input: trust anchors, the untrusted certificates sent along, the certificate to validate. */
    public record Case(String name, List<Issued> anchors, List<Issued> extra, Issued target) {}

    private final PkiFactory pki;
    private final Instant from;
    private final Instant to;

    public PathologicalCases(PkiFactory pki, Instant now) {
        this.pki = pki;
        this.from = now.minus(Duration.ofDays(30));
        this.to = now.plus(Duration.ofDays(365));
    }

    /** All cases with {@code n} certificates in the crowd (n ≥ 2). */
    public List<Case> all(int n) {
        return List.of(sameNameSameKey(n), sameNameDifferentKeys(n), layers(n), cycle(), manyNameConstraints(n));
    }

    /** n self-issued CA certificates of one name and one key (each verifies the others), none under the anchor. */
    public Case sameNameSameKey(int n) {
        Issued anchor = pki.root("CN=Unrelated Root,O=hatang bench", Alg.EC, from, to);
        KeyPair key = pki.keyPair(Alg.EC);
        Issued first = pki.selfSigned("CN=Crowd CA,O=hatang bench", key).ca(-1).validity(from, to).issue();
        List<Issued> crowd = new ArrayList<>();
        for (int i = 0; i < n; i++) crowd.add(pki.cert("CN=Crowd CA,O=hatang bench", key, first).ca(-1).validity(from, to).issue());
        Issued leaf = pki.cert("CN=leaf", pki.keyPair(Alg.EC), first).validity(from, to).issue();
        return new Case("same-name-same-key", List.of(anchor), crowd, leaf);
    }

    /** n CA certificates of one name, each key signing the next one's certificate: a long chain to nowhere. */
    public Case sameNameDifferentKeys(int n) {
        Issued anchor = pki.root("CN=Unrelated Root,O=hatang bench", Alg.EC, from, to);
        Issued top = pki.root("CN=Crowd CA,O=hatang bench", Alg.EC, from, to);
        List<Issued> crowd = new ArrayList<>();
        Issued previous = top;
        for (int i = 0; i < n; i++) {
            previous = pki.cert("CN=Crowd CA,O=hatang bench", pki.keyPair(Alg.EC), previous).ca(-1).validity(from, to)
                .issue();
            crowd.add(previous);
        }
        Issued leaf = pki.cert("CN=leaf", pki.keyPair(Alg.EC), previous).validity(from, to).issue();
        return new Case("same-name-different-keys", List.of(anchor), crowd, leaf);
    }

    /**
     * Layers of CA certificates, each layer several certificates of one name and key issued by the layer above:
     * every certificate of a layer verifies every one below, so the paths multiply layer by layer.
     */
    public Case layers(int n) {
        Issued anchor = pki.root("CN=Unrelated Root,O=hatang bench", Alg.EC, from, to);
        int perLayer = Math.max(2, (int) Math.sqrt(n));
        int depth = Math.max(2, n / perLayer);
        Issued top = pki.root("CN=Layer 0,O=hatang bench", Alg.EC, from, to);
        List<Issued> crowd = new ArrayList<>();
        Issued signer = top;
        for (int layer = 1; layer <= depth; layer++) {
            KeyPair key = pki.keyPair(Alg.EC);
            Issued last = null;
            for (int i = 0; i < perLayer; i++) {
                last = pki.cert("CN=Layer " + layer + ",O=hatang bench", key, signer).ca(-1).validity(from, to).issue();
                crowd.add(last);
            }
            signer = last;
        }
        Issued leaf = pki.cert("CN=leaf", pki.keyPair(Alg.EC), signer).validity(from, to).issue();
        return new Case("layers", List.of(anchor), crowd, leaf);
    }

    /** Two CAs that certify each other, neither under the anchor. */
    public Case cycle() {
        Issued anchor = pki.root("CN=Unrelated Root,O=hatang bench", Alg.EC, from, to);
        KeyPair k1 = pki.keyPair(Alg.EC);
        KeyPair k2 = pki.keyPair(Alg.EC);
        Issued seed2 = pki.selfSigned("CN=Cycle CA 2,O=hatang bench", k2).ca(-1).validity(from, to).issue();
        Issued ca1 = pki.cert("CN=Cycle CA 1,O=hatang bench", k1, seed2).ca(-1).validity(from, to).issue();
        Issued ca2 = pki.cert("CN=Cycle CA 2,O=hatang bench", k2, ca1).ca(-1).validity(from, to).issue();
        Issued leaf = pki.cert("CN=leaf", pki.keyPair(Alg.EC), ca1).validity(from, to).issue();
        return new Case("cycle", List.of(anchor), List.of(ca1, ca2), leaf);
    }

    /** A root with 2,500 permitted DNS subtrees, and a leaf with 50 × n names all inside them (a valid path). */
    public Case manyNameConstraints(int n) {
        GeneralSubtree[] permitted = new GeneralSubtree[2500];
        for (int i = 0; i < permitted.length; i++) {
            permitted[i] = new GeneralSubtree(new GeneralName(GeneralName.dNSName, "unit" + i + ".tinhuy.vn"));
        }
        Issued root = pki.selfSigned("CN=Constrained Root,O=hatang bench", pki.keyPair(Alg.EC)).ca(-1)
            .validity(from, to).extension(Extension.nameConstraints, true, new NameConstraints(permitted, null)).issue();
        GeneralName[] names = new GeneralName[Math.min(2000, 50 * n)];
        for (int i = 0; i < names.length; i++) {
            names[i] = new GeneralName(GeneralName.dNSName, "host" + i + ".unit" + (i % 2500) + ".tinhuy.vn");
        }
        Issued leaf = pki.cert("CN=leaf", pki.keyPair(Alg.EC), root).validity(from, to)
            .extension(Extension.subjectAlternativeName, false, new GeneralNames(names)).issue();
        return new Case("many-name-constraints", List.of(root), List.of(), leaf);
    }
}
