package vn.hatang.documents;

import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.DEVICE_HANDOVER;
import static vn.hatang.db.Tables.DEVICE_HANDOVER_ITEM;
import static vn.hatang.db.Tables.HANDOVER_MINUTES;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.PKI_TOKEN;
import static vn.hatang.db.Tables.PKI_TOKEN_EVENT;
import static vn.hatang.db.Tables.UNIT;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import vn.hatang.db.tables.records.DeviceHandoverRecord;
import vn.hatang.db.tables.records.DeviceRecord;
import vn.hatang.db.tables.records.PersonRecord;
import vn.hatang.security.Scope;

/** The handover records of devices, what token handovers print, and the minutes kept as first printed. */
final class HandoverRepository {
    static final String DEVICE_SOURCE = "device";
    static final String TOKEN_SOURCE = "token";

    Optional<PersonRecord> person(DSLContext dsl, Scope scope, Long id, String code) {
        return dsl.selectFrom(PERSON).where(id != null ? PERSON.ID.eq(id) : PERSON.CODE.eq(code))
                .and(scope.covers(PERSON.UNIT_ID)).fetchOptional();
    }

    /** The device, locked for the change of holder. */
    Optional<DeviceRecord> lockDevice(DSLContext dsl, Scope scope, Long id, String serial) {
        return dsl.selectFrom(DEVICE).where(id != null ? DEVICE.ID.eq(id) : DEVICE.SERIAL.eq(serial))
                .and(scope.covers(DEVICE.UNIT_ID)).forUpdate().fetchOptional();
    }

    boolean documentExists(DSLContext dsl, String kind, String documentNo) {
        return dsl.fetchExists(DEVICE_HANDOVER, DEVICE_HANDOVER.KIND.eq(kind).and(DEVICE_HANDOVER.DOCUMENT_NO.eq(documentNo)));
    }

    void addItem(DSLContext dsl, long handoverId, long deviceId, String condition) {
        dsl.insertInto(DEVICE_HANDOVER_ITEM).set(DEVICE_HANDOVER_ITEM.HANDOVER_ID, handoverId)
                .set(DEVICE_HANDOVER_ITEM.DEVICE_ID, deviceId).set(DEVICE_HANDOVER_ITEM.CONDITION, condition).execute();
    }

    Optional<DeviceHandoverRecord> handover(DSLContext dsl, Scope scope, long id) {
        return dsl.selectFrom(DEVICE_HANDOVER).where(DEVICE_HANDOVER.ID.eq(id)).and(scope.covers(DEVICE_HANDOVER.UNIT_ID))
                .fetchOptional();
    }

    /** The handovers and returns that list a device, oldest first. */
    List<DeviceHandoverRecord> handoversOf(DSLContext dsl, Scope scope, long deviceId) {
        return dsl.selectFrom(DEVICE_HANDOVER).where(DEVICE_HANDOVER.ID.in(dsl.select(DEVICE_HANDOVER_ITEM.HANDOVER_ID)
                        .from(DEVICE_HANDOVER_ITEM).where(DEVICE_HANDOVER_ITEM.DEVICE_ID.eq(deviceId))))
                .and(scope.covers(DEVICE_HANDOVER.UNIT_ID)).orderBy(DEVICE_HANDOVER.DOCUMENT_DATE, DEVICE_HANDOVER.ID).fetch();
    }

    Result<? extends Record> items(DSLContext dsl, long handoverId) {
        return dsl.select(DEVICE_HANDOVER_ITEM.CONDITION, DEVICE.ID, DEVICE.CATEGORY, DEVICE.SERIAL, DEVICE.ASSET_TAG,
                        DEVICE.MODEL, DEVICE.MANUFACTURER)
                .from(DEVICE_HANDOVER_ITEM).join(DEVICE).on(DEVICE.ID.eq(DEVICE_HANDOVER_ITEM.DEVICE_ID))
                .where(DEVICE_HANDOVER_ITEM.HANDOVER_ID.eq(handoverId)).orderBy(DEVICE_HANDOVER_ITEM.ID).fetch();
    }

    /** The person with the name of their unit. */
    Record personWithUnit(DSLContext dsl, long personId) {
        return dsl.select(PERSON.FULL_NAME, PERSON.TITLE, UNIT.NAME).from(PERSON).join(UNIT).on(UNIT.ID.eq(PERSON.UNIT_ID))
                .where(PERSON.ID.eq(personId)).fetchSingle();
    }

    /** A token's handover or return event with its token and holder, or nothing (another move, out of scope). */
    Optional<Record> tokenEvent(DSLContext dsl, Scope scope, long eventId) {
        return dsl.select(PKI_TOKEN_EVENT.ID, PKI_TOKEN_EVENT.TO_STATE, PKI_TOKEN_EVENT.DOCUMENT_NO, PKI_TOKEN_EVENT.DOCUMENT_DATE,
                        PKI_TOKEN_EVENT.HANDED_BY, PKI_TOKEN_EVENT.NOTE, PKI_TOKEN_EVENT.HOLDER_ID, PKI_TOKEN_EVENT.RECORDED_AT,
                        PKI_TOKEN.KIND, PKI_TOKEN.SERIAL, PKI_TOKEN.MODEL, PKI_TOKEN.PHONE, PKI_TOKEN.CARRIER)
                .from(PKI_TOKEN_EVENT).join(PKI_TOKEN).on(PKI_TOKEN.ID.eq(PKI_TOKEN_EVENT.TOKEN_ID))
                .where(PKI_TOKEN_EVENT.ID.eq(eventId)).and(PKI_TOKEN_EVENT.TO_STATE.in("assigned", "returned"))
                .and(PKI_TOKEN_EVENT.HOLDER_ID.isNotNull()).and(scope.covers(PKI_TOKEN.UNIT_ID)).fetchOptional().map(r -> (Record) r);
    }

    Optional<byte[]> keptMinutes(DSLContext dsl, String source, long sourceId) {
        return dsl.select(HANDOVER_MINUTES.PDF).from(HANDOVER_MINUTES).where(HANDOVER_MINUTES.SOURCE.eq(source))
                .and(HANDOVER_MINUTES.SOURCE_ID.eq(sourceId)).fetchOptional(HANDOVER_MINUTES.PDF);
    }

    /** Keeps the minutes as first printed; a concurrent first print keeps the one that got there first. */
    byte[] keep(DSLContext dsl, String source, long sourceId, byte[] pdf) {
        dsl.insertInto(HANDOVER_MINUTES).set(HANDOVER_MINUTES.SOURCE, source).set(HANDOVER_MINUTES.SOURCE_ID, sourceId)
                .set(HANDOVER_MINUTES.PDF, pdf).set(HANDOVER_MINUTES.SHA256, sha256(pdf))
                .onConflictOnConstraint(org.jooq.impl.DSL.constraint("handover_minutes_source_key")).doNothing().execute();
        return keptMinutes(dsl, source, sourceId).orElse(pdf);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
