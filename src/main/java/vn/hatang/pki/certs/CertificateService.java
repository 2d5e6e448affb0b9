package vn.hatang.pki.certs;

import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.PKI_CERTIFICATE;
import static vn.hatang.db.Tables.PKI_EVENT;
import static vn.hatang.db.Tables.PKI_TOKEN;
import static vn.hatang.db.Tables.PKI_VERDICT;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.db.tables.records.PersonRecord;
import vn.hatang.db.tables.records.PkiCertificateRecord;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Page;
import vn.hatang.platform.json.Input;
import vn.hatang.platform.json.Json;
import vn.hatang.pki.validation.CertificateValidator;
import vn.hatang.pki.validation.ValidationResult;
import vn.hatang.pki.validation.Verdict;
import vn.hatang.security.Scope;
import vn.hatang.units.UnitRepository;

/**
 * Certificates: import (PEM, DER, PKCS#7 bundles; all-or-nothing; duplicates found by fingerprint), the person they
 * belong to (suggested by e-mail or name, confirmed by an operator), the token they sit on, validation with verdict
 * history, expiry warnings, and who among the signers lacks a valid certificate.
 */
public final class CertificateService {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateService.class);
    /** Expiry warnings are raised once per threshold, largest first. */
    public static final List<Integer> WARNING_DAYS = List.of(30, 14, 7);
    private static final PkiCertificateVerdicts SIGNERS = new PkiCertificateVerdicts();
    public static final Set<String> MATCHES = Set.of("none", "suggested", "confirmed");

    private final Db db;
    private final CertificateValidator validator;
    private final PkiFileReader reader;
    private final Clock clock;
    private final java.nio.file.Path crlDir;

    /** {@code crlDir}: where uploaded CRLs are kept so they survive a restart (null: memory only). */
    public CertificateService(Db db, CertificateValidator validator, Clock clock, java.nio.file.Path crlDir) {
        this.db = db;
        this.validator = validator;
        this.reader = new PkiFileReader(10L * 1024 * 1024);
        this.clock = clock;
        this.crlDir = crlDir;
    }

    /**
     * Imports CRL files (for networks that cannot reach the CA): each must be signed by a configured CA; kept in the
     * CRL directory, so the next start reads it too. Certificates are not re-validated here (see revalidate).
     */
    public Future<JsonArray> importCrls(Scope scope, byte[] bytes) {
        return db.blocking().run(() -> {
            List<java.security.cert.X509CRL> crls;
            try {
                crls = reader.parse(bytes).crls();
            } catch (ImportException e) {
                boolean big = "too_large".equals(e.code());
                throw ApiException.of(big ? 413 : 400, big ? "too-large" : "invalid-input", "pki.import." + e.code())
                    .with("field", "file");
            }
            if (crls.isEmpty()) throw ApiException.of(400, "invalid-input", "pki.import.no_crl").with("field", "file");
            JsonArray out = new JsonArray();
            for (java.security.cert.X509CRL crl : crls) {
                if (!validator.trustStore().signedByConfiguredCa(crl)) {
                    throw ApiException.of(400, "invalid-input", "pki.crl_unknown_issuer",
                        crl.getIssuerX500Principal().getName()).with("field", "file");
                }
            }
            validator.crls().importCrls(crls);
            for (java.security.cert.X509CRL crl : crls) {
                vn.hatang.pki.validation.IndexedCrl ic = new vn.hatang.pki.validation.IndexedCrl(crl);
                if (crlDir != null) persist(crl);
                out.add(new JsonObject().put("issuer", ic.issuer().getName()).put("this_update", ic.thisUpdate().toString())
                    .put("next_update", ic.nextUpdate() == null ? null : ic.nextUpdate().toString())
                    .put("crl_number", ic.crlNumber() == null ? null : ic.crlNumber().toString())
                    .put("entries", ic.size()));
            }
            return out;
        });
    }

    private void persist(java.security.cert.X509CRL crl) {
        try {
            java.nio.file.Files.createDirectories(crlDir);
            String name = "uploaded-" + CertificateInfo.sha256Hex(crl.getEncoded()).substring(0, 16) + ".crl";
            java.nio.file.Files.write(crlDir.resolve(name), crl.getEncoded());
        } catch (Exception e) {
            LOG.warn("CRL kept in memory only, cannot write to {}: {}", crlDir, e.toString());
        }
    }

    public CertificateValidator validator() { return validator; }

    /** One parsed and validated certificate, ready to store. */
    private record Prepared(X509Certificate cert, CertificateInfo info, ValidationResult result) {}

    /**
     * Imports every end-entity certificate of an uploaded file (the CA certificates of a bundle only help to build
     * the path). {@code in} may name the holder ({@code person_id}/{@code person_code}, then the match is confirmed)
     * and the token ({@code token_id}/{@code token_serial}).
     */
    public Future<JsonObject> importFile(Scope scope, byte[] bytes, Input in) {
        return db.blocking().run(() -> prepare(bytes)).compose(prepared -> db.tx(scope, dsl -> store(dsl, scope, prepared, in)));
    }

    /** Synchronous import for callers off the event loop (the sample loader). */
    public JsonObject importNow(Scope scope, byte[] bytes, Input in) {
        List<Prepared> prepared = prepare(bytes);
        return db.inTransaction(scope, dsl -> store(dsl, scope, prepared, in));
    }

    private List<Prepared> prepare(byte[] bytes) {
        List<X509Certificate> all;
        try {
            all = reader.parse(bytes).certificates();
        } catch (ImportException e) {
            // The reader's message never contains the file, so a private key sent by mistake is not echoed or logged.
            LOG.warn("Certificate import refused: {}", e.code());
            boolean big = "too_large".equals(e.code());
            throw ApiException.of(big ? 413 : 400, big ? "too-large" : "invalid-input", "pki.import." + e.code())
                .with("field", "file");
        }
        if (all.isEmpty()) throw ApiException.of(400, "invalid-input", "pki.import.no_certificate").with("field", "file");
        List<X509Certificate> leaves = all.stream().filter(c -> c.getBasicConstraints() < 0).toList();
        if (leaves.isEmpty()) throw ApiException.of(400, "invalid-input", "pki.import.only_ca").with("field", "file");
        Instant now = clock.instant();
        List<Prepared> out = new ArrayList<>();
        for (X509Certificate c : leaves) {
            List<X509Certificate> extra = new ArrayList<>(all);
            extra.remove(c);
            out.add(new Prepared(c, CertificateInfo.of(c), validator.validate(c, extra, now)));
        }
        return out;
    }

    private JsonObject store(DSLContext dsl, Scope scope, List<Prepared> prepared, Input in) {
        Long personId = personRef(dsl, scope, in);
        Long tokenId = tokenRef(dsl, scope, in);
        if (personId == null && !scope.isWholeTree()) {
            // Below the province a certificate enters the register as someone's: their unit is what scopes it.
            throw ApiException.invalid("person_code", "error.required");
        }
        JsonArray imported = new JsonArray();
        JsonArray duplicates = new JsonArray();
        for (Prepared p : prepared) {
            PkiCertificateRecord existing = dsl.selectFrom(PKI_CERTIFICATE)
                .where(PKI_CERTIFICATE.FINGERPRINT_SHA256.eq(p.info().fingerprintSha256())).fetchOne();
            if (existing != null) {
                duplicates.add(toJson(existing));
                continue;
            }
            PkiCertificateRecord r = dsl.newRecord(PKI_CERTIFICATE);
            CertificateInfo i = p.info();
            r.setFingerprintSha256(i.fingerprintSha256());
            r.setSubject(i.subject());
            r.setCommonName(i.commonName());
            r.setPersonalId(i.personalId());
            r.setIssuer(i.issuer());
            r.setSerialHex(i.serialHex());
            r.setNotBefore(i.notBefore());
            r.setNotAfter(i.notAfter());
            r.setKeyAlgorithm(i.keyAlgorithm());
            r.setKeyUsage(String.join(",", i.keyUsage()));
            r.setExtendedKeyUsage(String.join(",", i.extendedKeyUsage()));
            r.setPolicies(String.join(",", i.policies()));
            r.setCrlUrls(String.join(" ", i.crlUrls()));
            r.setOcspUrls(String.join(" ", i.ocspUrls()));
            try {
                r.setDer(p.cert().getEncoded());
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
            PersonRecord person = personId != null ? dsl.selectFrom(PERSON).where(PERSON.ID.eq(personId)).fetchOne()
                : suggest(dsl, scope, i);
            if (person != null) {
                r.setPersonId(person.getId());
                r.setPersonMatch(personId != null ? "confirmed" : "suggested");
                r.setUnitId(person.getUnitId());
            }
            r.setTokenId(tokenId);
            r.store();
            recordVerdict(dsl, r, p.result());
            imported.add(toJson(r));
        }
        return new JsonObject().put("imported", imported).put("duplicates", duplicates);
    }

    /** A person with the certificate's e-mail address, else the only active person with its common name. */
    private static PersonRecord suggest(DSLContext dsl, Scope scope, CertificateInfo i) {
        if (i.email() != null) {
            PersonRecord p = dsl.selectFrom(PERSON).where(DSL.lower(PERSON.EMAIL).eq(i.email().toLowerCase()))
                .and(scope.covers(PERSON.UNIT_ID)).fetchAny();
            if (p != null) return p;
        }
        if (i.commonName() != null) {
            List<PersonRecord> ps = dsl.selectFrom(PERSON)
                .where(DSL.lower(PERSON.FULL_NAME).eq(i.commonName().toLowerCase())).and(PERSON.STATUS.eq("active"))
                .and(scope.covers(PERSON.UNIT_ID)).limit(2).fetch();
            if (ps.size() == 1) return ps.get(0);
        }
        return null;
    }

    private static Long personRef(DSLContext dsl, Scope scope, Input in) {
        Long id = in.id("person_id", false);
        if (id != null) {
            if (!dsl.fetchExists(PERSON, PERSON.ID.eq(id).and(scope.covers(PERSON.UNIT_ID)))) throw ApiException.invalid("person_id", "error.unknown_ref", id);
            return id;
        }
        String code = in.text("person_code", 64, false);
        if (code == null) return null;
        Long found = dsl.select(PERSON.ID).from(PERSON).where(PERSON.CODE.eq(code)).and(scope.covers(PERSON.UNIT_ID))
            .fetchOne(PERSON.ID);
        if (found == null) throw ApiException.invalid("person_code", "error.unknown_ref", code);
        return found;
    }

    private static Long tokenRef(DSLContext dsl, Scope scope, Input in) {
        Long id = in.id("token_id", false);
        if (id != null) {
            if (!dsl.fetchExists(PKI_TOKEN, PKI_TOKEN.ID.eq(id).and(scope.covers(PKI_TOKEN.UNIT_ID)))) throw ApiException.invalid("token_id", "error.unknown_ref", id);
            return id;
        }
        String serial = in.text("token_serial", 100, false);
        if (serial == null) return null;
        Long found = dsl.select(PKI_TOKEN.ID).from(PKI_TOKEN).where(PKI_TOKEN.SERIAL.eq(serial))
            .and(scope.covers(PKI_TOKEN.UNIT_ID)).fetchOne(PKI_TOKEN.ID);
        if (found == null) throw ApiException.invalid("token_serial", "error.unknown_ref", serial);
        return found;
    }

    /** Stores a verdict in the history and on the certificate; a change of verdict is an event. */
    private void recordVerdict(DSLContext dsl, PkiCertificateRecord r, ValidationResult v) {
        Instant now = clock.instant();
        String previous = r.getVerdict();
        dsl.insertInto(PKI_VERDICT)
            .set(PKI_VERDICT.CERTIFICATE_ID, r.getId())
            .set(PKI_VERDICT.VERDICT, v.verdict().code())
            .set(PKI_VERDICT.ACCEPTABLE, v.acceptable())
            .set(PKI_VERDICT.REASON_VI, cut(v.reasonVi()))
            .set(PKI_VERDICT.REASON_EN, cut(v.reasonEn()))
            .set(PKI_VERDICT.REVOCATION_REASON, v.revocationReason() == null ? null : v.revocationReason().name())
            .set(PKI_VERDICT.REVOCATION_DATE, v.revocationDate())
            .set(PKI_VERDICT.REVOCATION_SOURCE, v.revocationSource())
            .set(PKI_VERDICT.CHECKED_AT, now)
            .execute();
        r.setVerdict(v.verdict().code());
        r.setVerdictReasonVi(cut(v.reasonVi()));
        r.setVerdictReasonEn(cut(v.reasonEn()));
        r.setCheckedAt(now);
        r.setUpdatedAt(now);
        r.update();
        if (previous != null && !previous.equals(v.verdict().code())) {
            dsl.insertInto(PKI_EVENT).set(PKI_EVENT.KIND, "verdict_changed").set(PKI_EVENT.CERTIFICATE_ID, r.getId())
                .set(PKI_EVENT.MESSAGE_VI, "Chứng thư " + r.getCommonName() + ": " + previous + " → " + v.verdict().code())
                .set(PKI_EVENT.MESSAGE_EN, "Certificate " + r.getCommonName() + ": " + previous + " → " + v.verdict().code())
                .execute();
        }
    }

    private static String cut(String s) { return s.length() > 2000 ? s.substring(0, 2000) : s; }

    /** Validates one certificate now and stores the verdict. */
    public Future<JsonObject> validate(Scope scope, long id) {
        return db.read(scope, dsl -> find(dsl, scope, id))
            .compose(r -> db.blocking().run(() -> validator.validate(parse(r), List.of(), clock.instant())))
            .compose(v -> db.tx(scope, dsl -> {
                PkiCertificateRecord r = find(dsl, scope, id);
                recordVerdict(dsl, r, v);
                return toJson(r);
            }));
    }

    /** {@link #revalidateAll} on the worker pool. */
    public Future<Integer> revalidateAllAsync(Scope scope) {
        return db.blocking().run(() -> revalidateAll(scope));
    }

    /** Re-validates every certificate and raises expiry warnings; for the scheduler (runs off the event loop). */
    public int revalidateAll(Scope scope) {
        List<Long> ids = db.readNow(scope, dsl -> dsl.select(PKI_CERTIFICATE.ID).from(PKI_CERTIFICATE)
            .where(scope.covers(PKI_CERTIFICATE.UNIT_ID)).fetch(PKI_CERTIFICATE.ID));
        int n = 0;
        for (Long id : ids) {
            PkiCertificateRecord r = db.readNow(scope, dsl -> dsl.selectFrom(PKI_CERTIFICATE)
                .where(PKI_CERTIFICATE.ID.eq(id)).fetchOne());
            if (r == null) continue;
            ValidationResult v = validator.validate(parse(r), List.of(), clock.instant());
            db.inTransaction(scope, dsl -> {
                PkiCertificateRecord fresh = dsl.selectFrom(PKI_CERTIFICATE).where(PKI_CERTIFICATE.ID.eq(id)).forUpdate()
                    .fetchOne();
                if (fresh != null) recordVerdict(dsl, fresh, v);
                return null;
            });
            n++;
        }
        warnExpiring(scope);
        return n;
    }

    /** Raises one event per certificate and threshold (30, 14, 7 days) as its expiry comes closer. */
    public int warnExpiring(Scope scope) {
        Instant now = clock.instant();
        return db.inTransaction(scope, dsl -> {
            int raised = 0;
            for (PkiCertificateRecord r : dsl.selectFrom(PKI_CERTIFICATE)
                    .where(PKI_CERTIFICATE.NOT_AFTER.gt(now)).and(scope.covers(PKI_CERTIFICATE.UNIT_ID))
                    .and(PKI_CERTIFICATE.NOT_AFTER.le(now.plus(Duration.ofDays(WARNING_DAYS.get(0)))))
                    .forUpdate().fetch()) {
                long daysLeft = Math.max(0, ChronoUnit.DAYS.between(now, r.getNotAfter()));
                int threshold = WARNING_DAYS.get(0);
                for (int d : WARNING_DAYS) if (daysLeft <= d) threshold = d;
                if (r.getExpiryWarnedDays() != null && r.getExpiryWarnedDays() <= threshold) continue;
                dsl.insertInto(PKI_EVENT).set(PKI_EVENT.KIND, "expiry_warning").set(PKI_EVENT.CERTIFICATE_ID, r.getId())
                    .set(PKI_EVENT.DAYS_LEFT, (int) daysLeft)
                    .set(PKI_EVENT.MESSAGE_VI, "Chứng thư của " + r.getCommonName() + " hết hạn sau " + daysLeft
                        + " ngày (" + r.getNotAfter() + ")")
                    .set(PKI_EVENT.MESSAGE_EN, "Certificate of " + r.getCommonName() + " expires in " + daysLeft
                        + " days (" + r.getNotAfter() + ")")
                    .execute();
                r.setExpiryWarnedDays(threshold);
                r.update();
                raised++;
            }
            return raised;
        });
    }

    public Future<JsonObject> get(Scope scope, long id) {
        return db.read(scope, dsl -> {
            PkiCertificateRecord r = find(dsl, scope, id);
            JsonObject o = toJson(r);
            o.put("pem", Pem.of(parse(r)));
            return o;
        });
    }

    public Future<JsonArray> verdicts(Scope scope, long id) {
        return db.read(scope, dsl -> {
            find(dsl, scope, id);
            return Json.array(dsl.selectFrom(PKI_VERDICT).where(PKI_VERDICT.CERTIFICATE_ID.eq(id))
                .orderBy(PKI_VERDICT.CHECKED_AT.desc(), PKI_VERDICT.ID.desc()).fetch());
        });
    }

    /** Operator's decision on the holder and the token: {@code person_id|person_code}, {@code person_match}, token. */
    public Future<JsonObject> update(Scope scope, long id, Integer ifMatch, Input in) {
        return db.tx(scope, dsl -> {
            PkiCertificateRecord r = dsl.selectFrom(PKI_CERTIFICATE).where(PKI_CERTIFICATE.ID.eq(id))
                .and(scope.covers(PKI_CERTIFICATE.UNIT_ID)).forUpdate().fetchOne();
            if (r == null) throw ApiException.notFound("certificate", id);
            if (ifMatch != null && !ifMatch.equals(r.getVersion())) throw ApiException.preconditionFailed(r.getVersion());
            if (in.has("person_id") || in.has("person_code")) {
                Long personId = personRef(dsl, scope, in);
                r.setPersonId(personId);
                r.setUnitId(personId == null ? null
                    : dsl.select(PERSON.UNIT_ID).from(PERSON).where(PERSON.ID.eq(personId)).fetchOne(PERSON.UNIT_ID));
                r.setPersonMatch(personId == null ? "none" : "confirmed");
            }
            if (in.has("person_match")) {
                String m = in.oneOf("person_match", MATCHES, true);
                if (!"none".equals(m) && r.getPersonId() == null) throw ApiException.invalid("person_match", "pki.no_person");
                if ("none".equals(m)) {
                    if (!scope.isWholeTree()) throw ApiException.invalid("person_match", "pki.unmatch_whole_tree");
                    r.setPersonId(null);
                    r.setUnitId(null);
                }
                r.setPersonMatch(m);
            }
            if (in.has("token_id") || in.has("token_serial")) r.setTokenId(tokenRef(dsl, scope, in));
            r.setVersion(r.getVersion() + 1);
            r.setUpdatedAt(clock.instant());
            r.update();
            return toJson(r);
        });
    }

    /** Filters: {@code unit} (subtree, code or id), {@code verdict}, {@code expiring_within_days}, {@code person_id}, {@code match}. */
    public Future<Page> list(Scope scope, Map<String, String> f, Page.Request page) {
        return db.read(scope, dsl -> {
            Condition c = scope.covers(PKI_CERTIFICATE.UNIT_ID);
            Input q = Input.ofStrings(f);
            if (f.get("unit") != null) c = c.and(UnitRepository.under(dsl, scope, PKI_CERTIFICATE.UNIT_ID, f.get("unit")));
            if (f.get("verdict") != null) {
                c = c.and(PKI_CERTIFICATE.VERDICT.eq(q.oneOf("verdict",
                    java.util.Arrays.stream(Verdict.values()).map(Verdict::code).toList(), true)));
            }
            if (f.get("expiring_within_days") != null) {
                int days = q.integer("expiring_within_days", 0, 3650, true);
                Instant now = clock.instant();
                c = c.and(PKI_CERTIFICATE.NOT_AFTER.gt(now)).and(PKI_CERTIFICATE.NOT_AFTER.le(now.plus(Duration.ofDays(days))));
            }
            if (f.get("person_id") != null) c = c.and(PKI_CERTIFICATE.PERSON_ID.eq(q.id("person_id", true)));
            if (f.get("match") != null) c = c.and(PKI_CERTIFICATE.PERSON_MATCH.eq(q.oneOf("match", MATCHES, true)));
            List<JsonObject> rows = dsl.selectFrom(PKI_CERTIFICATE).where(c).and(PKI_CERTIFICATE.ID.gt(page.after()))
                .orderBy(PKI_CERTIFICATE.ID).limit(page.limit() + 1).fetch(CertificateService::toJson);
            return page.page(rows);
        });
    }

    /**
     * Active people with the duty to sign documents, in the unit's subtree, who hold no confirmed certificate that is
     * valid now; with what they do have, so the operator sees why.
     */
    public Future<JsonObject> signersLacking(Scope scope, String unitRef) {
        return db.read(scope, dsl -> {
            java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")));
            Condition c = PERSON.SIGNS_DOCUMENTS.isTrue().and(PERSON.STATUS.eq("active")).and(scope.covers(PERSON.UNIT_ID));
            if (unitRef != null) c = c.and(UnitRepository.under(dsl, scope, PERSON.UNIT_ID, unitRef));
            // The one definition of "holds a valid signing certificate", shared with KPI SIGNER_CERT.
            Condition valid = SIGNERS.holdsValid(PERSON.ID, today);
            JsonArray items = new JsonArray();
            int total = dsl.fetchCount(PERSON, c);
            for (Record p : dsl.select(PERSON.ID, PERSON.CODE, PERSON.FULL_NAME, PERSON.TITLE, PERSON.SECRET_SIGNING,
                    UNIT.CODE, UNIT.NAME).from(PERSON).join(UNIT).on(UNIT.ID.eq(PERSON.UNIT_ID))
                    .where(c).andNot(valid).orderBy(UNIT.PATH, PERSON.FULL_NAME).fetch()) {
                Record best = dsl.select(PKI_CERTIFICATE.ID, PKI_CERTIFICATE.VERDICT, PKI_CERTIFICATE.NOT_AFTER)
                    .from(PKI_CERTIFICATE).where(PKI_CERTIFICATE.PERSON_ID.eq(p.get(PERSON.ID)))
                    .orderBy(PKI_CERTIFICATE.NOT_AFTER.desc()).limit(1).fetchOne();
                items.add(new JsonObject().put("person_id", p.get(PERSON.ID)).put("person_code", p.get(PERSON.CODE))
                    .put("full_name", p.get(PERSON.FULL_NAME)).put("title", p.get(PERSON.TITLE))
                    .put("secret_signing", p.get(PERSON.SECRET_SIGNING))
                    .put("unit_code", p.get(UNIT.CODE)).put("unit_name", p.get(UNIT.NAME))
                    .put("certificate_id", best == null ? null : best.get(PKI_CERTIFICATE.ID))
                    .put("certificate_verdict", best == null ? "none" : best.get(PKI_CERTIFICATE.VERDICT))
                    .put("certificate_not_after", best == null ? null : best.get(PKI_CERTIFICATE.NOT_AFTER).toString()));
            }
            return new JsonObject().put("signers", total).put("lacking", items.size()).put("items", items);
        });
    }

    public Future<JsonArray> events(Scope scope, Map<String, String> f) {
        return db.read(scope, dsl -> {
            Condition c = PKI_EVENT.CERTIFICATE_ID.in(DSL.select(PKI_CERTIFICATE.ID).from(PKI_CERTIFICATE)
                .where(scope.covers(PKI_CERTIFICATE.UNIT_ID)));
            if (f.get("kind") != null) c = c.and(PKI_EVENT.KIND.eq(f.get("kind")));
            return Json.array(dsl.selectFrom(PKI_EVENT).where(c).orderBy(PKI_EVENT.ID.desc()).limit(500).fetch());
        });
    }

    static PkiCertificateRecord find(DSLContext dsl, Scope scope, long id) {
        PkiCertificateRecord r = dsl.selectFrom(PKI_CERTIFICATE).where(PKI_CERTIFICATE.ID.eq(id))
            .and(scope.covers(PKI_CERTIFICATE.UNIT_ID)).fetchOne();
        if (r == null) throw ApiException.notFound("certificate", id);
        return r;
    }

    static X509Certificate parse(PkiCertificateRecord r) {
        try {
            return new PkiFileReader().parse(r.getDer()).certificates().get(0);
        } catch (ImportException e) {
            throw new IllegalStateException("stored certificate " + r.getId() + " unreadable", e);
        }
    }

    static JsonObject toJson(PkiCertificateRecord r) {
        JsonObject o = Json.of(r);
        o.remove("der");
        for (String k : List.of("key_usage", "extended_key_usage", "policies")) o.put(k, split(r.get(k, String.class), ","));
        for (String k : List.of("crl_urls", "ocsp_urls")) o.put(k, split(r.get(k, String.class), " "));
        return o;
    }

    private static JsonArray split(String s, String sep) {
        JsonArray a = new JsonArray();
        if (s != null && !s.isBlank()) for (String p : s.split(sep)) a.add(p);
        return a;
    }
}
