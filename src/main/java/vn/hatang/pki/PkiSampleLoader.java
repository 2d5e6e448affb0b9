package vn.hatang.pki;

import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.PKI_CERTIFICATE;
import static vn.hatang.db.Tables.PKI_TOKEN;
import static vn.hatang.db.Tables.PKI_TOKEN_EVENT;
import static vn.hatang.db.Tables.UNIT;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.security.Scope;
import vn.hatang.db.tables.records.PkiTokenRecord;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.json.Input;
import vn.hatang.pki.certs.CertificateService;

/**
 * Loads the sample tokens, SIMs and certificates of {@code <inventory>/pki} ({@code tokens.csv},
 * {@code certificates.csv} naming files under {@code certificates/}) into an empty PKI inventory. Rows naming
 * people or units the inventory does not have are skipped with a warning.
 */
public final class PkiSampleLoader {
    private static final Logger LOG = LoggerFactory.getLogger(PkiSampleLoader.class);

    private PkiSampleLoader() {}

    public static void loadIfEmpty(Db db, CertificateService certificates, Path pkiDir) {
        Scope scope = Scope.system("sample-pki");
        Path tokens = pkiDir.resolve("tokens.csv");
        Path certs = pkiDir.resolve("certificates.csv");
        if (!Files.isRegularFile(tokens) && !Files.isRegularFile(certs)) return;
        if (db.readNow(scope, dsl -> dsl.fetchCount(PKI_TOKEN) + dsl.fetchCount(PKI_CERTIFICATE) > 0
            || dsl.fetchCount(PERSON) == 0)) return;
        try {
            int t = Files.isRegularFile(tokens) ? loadTokens(db, scope, tokens) : 0;
            int c = Files.isRegularFile(certs) ? loadCertificates(certificates, scope, pkiDir, certs) : 0;
            LOG.info("Đã nạp PKI mẫu / sample PKI loaded: {} tokens, {} certificates", t, c);
        } catch (IOException e) {
            LOG.error("Không nạp được PKI mẫu / sample PKI not loaded", e);
        }
    }

    private static Iterable<CSVRecord> rows(Reader r) throws IOException {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r);
    }

    private static int loadTokens(Db db, Scope scope, Path file) throws IOException {
        int n = 0;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord row : rows(r)) {
                Map<String, String> m = row.toMap();
                boolean ok = db.inTransaction(scope, dsl -> {
                    Long unit = dsl.select(UNIT.ID).from(UNIT).where(UNIT.CODE.eq(m.get("unit_code"))).fetchOne(UNIT.ID);
                    Long holder = blank(m.get("holder_code")) ? null
                        : dsl.select(PERSON.ID).from(PERSON).where(PERSON.CODE.eq(m.get("holder_code"))).fetchOne(PERSON.ID);
                    if (unit == null || (!blank(m.get("holder_code")) && holder == null)) return false;
                    PkiTokenRecord t = dsl.newRecord(PKI_TOKEN);
                    t.setSerial(m.get("serial"));
                    t.setKind(m.get("kind"));
                    t.setModel(blankToNull(m.get("model")));
                    t.setPhone(blankToNull(m.get("phone")));
                    t.setCarrier(blankToNull(m.get("carrier")));
                    t.setUnitId(unit);
                    t.setState(m.get("state"));
                    t.setHolderId("assigned".equals(m.get("state")) ? holder : null);
                    t.store();
                    if (!"in_stock".equals(m.get("state"))) {
                        dsl.insertInto(PKI_TOKEN_EVENT).set(PKI_TOKEN_EVENT.TOKEN_ID, t.getId())
                            .set(PKI_TOKEN_EVENT.FROM_STATE, "in_stock").set(PKI_TOKEN_EVENT.TO_STATE, m.get("state"))
                            .set(PKI_TOKEN_EVENT.HOLDER_ID, holder)
                            .set(PKI_TOKEN_EVENT.DOCUMENT_NO, blankToNull(m.get("document_no")))
                            .set(PKI_TOKEN_EVENT.DOCUMENT_DATE, blank(m.get("document_date")) ? null
                                : LocalDate.parse(m.get("document_date")))
                            .set(PKI_TOKEN_EVENT.HANDED_BY, blankToNull(m.get("handed_by")))
                            .set(PKI_TOKEN_EVENT.ACTOR, scope.actor().display()).execute();
                    }
                    return true;
                });
                if (ok) n++;
                else LOG.warn("Bỏ qua thiết bị mẫu / sample token skipped (unknown unit or holder): {}", m.get("serial"));
            }
        }
        return n;
    }

    private static int loadCertificates(CertificateService certificates, Scope scope, Path dir, Path file)
            throws IOException {
        int n = 0;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord row : rows(r)) {
                Map<String, String> m = new java.util.HashMap<>(row.toMap());
                try {
                    byte[] bytes = Files.readAllBytes(dir.resolve("certificates").resolve(m.get("file")));
                    Map<String, String> in = new java.util.HashMap<>();
                    if (!blank(m.get("person_code"))) in.put("person_code", m.get("person_code"));
                    if (!blank(m.get("token_serial"))) in.put("token_serial", m.get("token_serial"));
                    certificates.importNow(scope, bytes, Input.ofStrings(in));
                    n++;
                } catch (RuntimeException | IOException e) {
                    LOG.warn("Bỏ qua chứng thư mẫu / sample certificate skipped: {}: {}", m.get("file"), e.getMessage());
                }
            }
        }
        return n;
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }

    private static String blankToNull(String s) { return blank(s) ? null : s.strip(); }
}
