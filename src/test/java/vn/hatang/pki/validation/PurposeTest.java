package vn.hatang.pki.validation;

import static vn.hatang.pki.validation.TestPki.*;

import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import vn.hatang.pki.sample.PkiFactory.Issued;

/**
 * Verifies purposes (defect class 8): the default stays "fit for signing documents"; {@code --eku} (and
 * {@code HATANG_PKI_EKU}) asks for extended key usages per RFC 5280 §4.2.1.12.
 */
class PurposeTest {
    static final Issued ROOT = root("CN=Purpose Root,C=VN");
    static final String CLIENT_AUTH = KeyPurposeId.id_kp_clientAuth.getId();

    static ValidationResult check(Purpose purpose, Issued leaf) {
        return validator(List.of(ROOT), List.of(), STRUCTURE_ONLY.withPurpose(purpose)).validate(leaf.cert(), List.of(),
            NOW);
    }

    /** Verifies the default purpose: signing keyUsage and, when present, a signing extKeyUsage. */
    @Test
    void testDefaultIsFitForSigning() {
        assertValid(check(Purpose.SIGNING, ee("CN=signer", ROOT).issue()));
        assertRefused(check(Purpose.SIGNING, ee("CN=tls", ROOT).extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).issue()),
            Verdict.WRONG_KEY_USAGE, "does not allow signing documents");
        assertRefused(check(Purpose.SIGNING, ee("CN=enc", ROOT).keyUsage(KeyUsage.keyEncipherment).issue()),
            Verdict.WRONG_KEY_USAGE, "digitalSignature");
    }

    /** Verifies a requested extended key usage: present, absent (any purpose) or anyExtendedKeyUsage. */
    @Test
    void testRequestedExtendedKeyUsage() {
        Purpose clientAuth = Purpose.eku(List.of(CLIENT_AUTH));
        assertValid(check(clientAuth, ee("CN=login", ROOT).extendedKeyUsage(KeyPurposeId.id_kp_clientAuth).issue()));
        assertValid(check(clientAuth, ee("CN=no eku", ROOT).issue()));
        assertValid(check(clientAuth, ee("CN=any", ROOT).extendedKeyUsage(KeyPurposeId.anyExtendedKeyUsage).issue()));
        assertRefused(check(clientAuth, ee("CN=server", ROOT).extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).issue()),
            Verdict.WRONG_KEY_USAGE, "not issued for " + CLIENT_AUTH);
    }

    /** Verifies keyUsage consistent with the requested purpose (§4.2.1.12 table): clientAuth needs dS or kA. */
    @Test
    void testKeyUsageMustBeConsistentWithThePurpose() {
        Issued encOnly = ee("CN=enc", ROOT).keyUsage(KeyUsage.keyEncipherment)
            .extendedKeyUsage(KeyPurposeId.id_kp_clientAuth).issue();
        assertRefused(check(Purpose.eku(List.of(CLIENT_AUTH)), encOnly), Verdict.WRONG_KEY_USAGE, "not consistent");
        assertValid(check(Purpose.eku(List.of(KeyPurposeId.id_kp_serverAuth.getId())),
            ee("CN=tls", ROOT).keyUsage(KeyUsage.keyEncipherment).issue()));
    }

    /** Verifies that the valid reason says what was checked: not "not revoked, fit for signing" when it was not. */
    @Test
    void testValidReasonSaysWhatWasChecked() {
        ValidationResult r = check(Purpose.ANY, ee("CN=x", ROOT).issue());
        assertValid(r);
        org.junit.jupiter.api.Assertions.assertEquals(
            "Valid: chains to CN=Purpose Root,C=VN, revocation not checked, purpose not checked", r.reasonEn());
        org.junit.jupiter.api.Assertions.assertEquals("Hợp lệ: chuỗi chứng thực đến CN=Purpose Root,C=VN, "
            + "không kiểm tra thu hồi, không kiểm tra mục đích sử dụng", r.reasonVi());
    }
}
