package vn.hatang.pki.certs;

import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.PKI_CERTIFICATE;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import vn.hatang.pki.validation.CertificateValidator;
import vn.hatang.pki.validation.ValidationResult;
import vn.hatang.platform.db.Db;
import vn.hatang.security.CertificateCheck;

/**
 * The register's answer to certificate login: the presented certificate validated now by the register's own validator
 * (with the chain the client sent), and the active official the register holds that very certificate for (same
 * SHA-256 fingerprint, match confirmed by an officer; a suggested match is not enough).
 */
public final class RegisterCertificateCheck implements CertificateCheck {
    private final Db db;
    private final CertificateValidator validator;
    private final Clock clock;

    public RegisterCertificateCheck(Db db, CertificateValidator validator, Clock clock) {
        this.db = db;
        this.validator = validator;
        this.clock = clock;
    }

    @Override
    public Outcome check(X509Certificate certificate, List<X509Certificate> presentedChain) {
        ValidationResult r = validator.validate(certificate, presentedChain, clock.instant());
        String fingerprint = CertificateInfo.fingerprint(certificate);
        // Before login there is no caller's scope: who holds a certificate is looked up over the whole register.
        Long holder = db.dsl().select(PKI_CERTIFICATE.PERSON_ID).from(PKI_CERTIFICATE).join(PERSON)
                .on(PERSON.ID.eq(PKI_CERTIFICATE.PERSON_ID))
                .where(PKI_CERTIFICATE.FINGERPRINT_SHA256.eq(fingerprint))
                .and(PKI_CERTIFICATE.PERSON_MATCH.eq("confirmed")).and(PERSON.STATUS.eq("active"))
                .fetchOne(PKI_CERTIFICATE.PERSON_ID);
        return new Outcome(r.acceptable(), r.verdict().code(), r.reasonVi(), r.reasonEn(), fingerprint, holder);
    }
}
