package vn.hatang.pki.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CRLReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import vn.hatang.pki.certs.Pem;
import vn.hatang.pki.sample.PkiFactory.Alg;
import vn.hatang.pki.sample.PkiFactory.Issued;
import vn.hatang.pki.sample.PkiFactory.Revocation;

/**
 * Writes the sample CA of the sample province into {@code inventory/pki/}: a fictional root and two intermediates,
 * the CRL files, certificates in every verdict state for signers of {@code people.csv}, and the tokens and SIMs
 * they sit on. Run once by a developer ({@code java -cp target/hatang.jar vn.hatang.pki.sample.SampleCaGenerator
 * inventory}); the output is committed. The CA keys are thrown away. The CA without a CRL file names a
 * distribution point on the discard port of the loopback address, so its certificates are "unknown_revocation"
 * at once, without waiting for DNS.
 */
public final class SampleCaGenerator {
    private SampleCaGenerator() {}

    record Signer(String code, String unit, String name, String email) {}

    public static void main(String[] args) throws IOException, java.security.cert.CRLException {
        Path inventory = Path.of(args.length > 0 ? args[0] : "inventory");
        Path out = inventory.resolve("pki");
        for (String d : List.of("trust", "intermediates", "crls", "certificates")) Files.createDirectories(out.resolve(d));
        List<Signer> signers = new ArrayList<>();
        for (String line : Files.readAllLines(inventory.resolve("people.csv"), StandardCharsets.UTF_8).subList(1, 0 + Files
                .readAllLines(inventory.resolve("people.csv")).size())) {
            String[] f = line.split(",", -1);
            if ("x".equals(f[4]) && "active".equals(f[11])) signers.add(new Signer(f[0], f[1], f[2], f[9]));
        }
        PkiFactory pki = new PkiFactory();
        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        Instant to = Instant.parse("2045-01-01T00:00:00Z");
        Issued root = pki.root("CN=CA gốc mẫu Hòa Sơn (hư cấu),O=hatang sample,C=VN", Alg.RSA, from, to);
        Issued sub = pki.cert("CN=CA ký số mẫu Hòa Sơn (hư cấu),O=hatang sample,C=VN", pki.keyPair(Alg.EC), root)
            .ca(0).validity(from, to).crlUrl("http://ca.hoason.invalid/crl/root.crl").issue();
        Issued offline = pki.cert("CN=CA mẫu không có CRL (hư cấu),O=hatang sample,C=VN", pki.keyPair(Alg.RSA), root)
            .ca(0).validity(from, to).crlUrl("http://ca.hoason.invalid/crl/root.crl").issue();
        Issued rogue = pki.root("CN=CA không tin cậy (hư cấu),O=rogue sample,C=VN", Alg.EC, from, to);
        Files.writeString(out.resolve("trust/root-ca.pem"), Pem.of(root.cert()));
        Files.writeString(out.resolve("intermediates/sub-ca.pem"), Pem.of(sub.cert()));
        Files.writeString(out.resolve("intermediates/offline-sub-ca.pem"), Pem.of(offline.cert()));

        String cdp = "http://ca.hoason.invalid/crl/sub.crl";
        KeyPair key = pki.keyPair(Alg.EC);
        StringBuilder csv = new StringBuilder("file,person_code,token_serial,expected_verdict\n");
        StringBuilder tokens = new StringBuilder(
            "serial,kind,model,phone,carrier,unit_code,state,holder_code,document_no,document_date,handed_by\n");
        List<Revocation> revoked = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < Math.min(signers.size(), 24); i++) {
            Signer s = signers.get(i);
            String dn = "CN=" + s.name() + ",UID=CCCD:0010850" + String.format("%05d", i + 1) + ",EMAILADDRESS=" + s.email()
                + ",OU=" + s.unit() + ",O=Tỉnh ủy Hòa Sơn (hư cấu),C=VN";
            String state = i < 17 ? "valid" : List.of("expired", "not_yet_valid", "revoked", "untrusted_chain",
                "wrong_key_usage", "unknown_revocation", "valid").get(i - 17);
            PkiFactory.Spec spec = switch (state) {
                case "untrusted_chain" -> pki.cert(dn, key, rogue);
                case "unknown_revocation" -> pki.cert(dn, key, offline).crlUrl("http://127.0.0.1:9/crl/offline.crl");
                default -> pki.cert(dn, key, sub).crlUrl(cdp);
            };
            spec.validity(Instant.parse("2026-01-15T00:00:00Z"), Instant.parse("2029-01-15T00:00:00Z"));
            if ("expired".equals(state)) {
                spec.validity(Instant.parse("2025-01-15T00:00:00Z"), Instant.parse("2025-12-31T00:00:00Z"));
            }
            if ("not_yet_valid".equals(state)) {
                spec.validity(Instant.parse("2040-01-01T00:00:00Z"), Instant.parse("2043-01-01T00:00:00Z"));
            }
            if ("wrong_key_usage".equals(state)) spec.keyUsage(KeyUsage.keyEncipherment);
            Issued cert = spec.issue();
            if ("revoked".equals(state)) {
                revoked.add(new Revocation(cert.cert().getSerialNumber(), Instant.parse("2026-06-01T00:00:00Z"),
                    CRLReason.AFFILIATION_CHANGED));
            }
            String file = String.format("%02d-%s-%s.pem", ++n, s.code(), state.replace('_', '-'));
            Files.writeString(out.resolve("certificates").resolve(file), Pem.of(cert.cert()));
            String token = "";
            if (i < 10) {
                boolean sim = i % 3 == 2;
                token = (sim ? "SIM-" : "TK-") + String.format("%05d", 1001 + i);
                tokens.append(token).append(',').append(sim ? "sim" : "usb_token").append(',')
                    .append(sim ? "SIM PKI 128K" : "ePass2003").append(',')
                    .append(sim ? "09" + String.format("%08d", 12345670 + i) : "").append(',')
                    .append(sim ? (i % 2 == 0 ? "Viettel" : "VNPT") : "").append(',').append(s.unit()).append(",assigned,")
                    .append(s.code()).append(',').append(String.format("%02d/BB-VPTU", i + 1)).append(",2026-01-20,")
                    .append("Đỗ Văn Giao").append('\n');
            }
            csv.append(file).append(',').append(s.code()).append(',').append(token).append(',').append(state).append('\n');
        }
        for (int i = 0; i < 5; i++) {
            tokens.append(String.format("TK-%05d", 2001 + i)).append(",usb_token,ePass2003,,,VPTU,in_stock,,,,\n");
        }
        tokens.append("SIM-03001,sim,SIM PKI 128K,0987000111,MobiFone,VPTU,lost,,,,\n");
        Files.writeString(out.resolve("crls/root-ca.crl.pem"), Pem.of(pki.crl(root, Instant.parse("2026-01-01T00:00:00Z"),
            to, List.of(), 1)));
        Files.write(out.resolve("crls/sub-ca.crl"), pki.crl(sub, Instant.parse("2026-06-01T00:00:00Z"), to, revoked, 2)
            .getEncoded());
        Files.writeString(out.resolve("certificates.csv"), csv.toString());
        Files.writeString(out.resolve("tokens.csv"), tokens.toString());
    }
}
