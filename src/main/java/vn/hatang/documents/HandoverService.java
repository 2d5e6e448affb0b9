package vn.hatang.documents;

import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.DEVICE_HANDOVER;
import static vn.hatang.db.Tables.DEVICE_HANDOVER_ITEM;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.PKI_TOKEN;
import static vn.hatang.db.Tables.PKI_TOKEN_EVENT;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import vn.hatang.db.tables.records.DeviceHandoverRecord;
import vn.hatang.db.tables.records.DeviceRecord;
import vn.hatang.db.tables.records.PersonRecord;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.i18n.Messages;
import vn.hatang.platform.json.Input;
import vn.hatang.platform.json.Json;
import vn.hatang.platform.report.DocumentOptions;
import vn.hatang.platform.report.Letterhead;
import vn.hatang.platform.report.Text;
import vn.hatang.security.Scope;

/**
 * Handing devices over to an official and taking them back, with the minutes (biên bản) that record it. The holder
 * of each device changes in the same transaction as the record and the minutes, which are kept as first printed;
 * token handovers and returns (recorded by pki) get their minutes on first print, kept the same way.
 */
public final class HandoverService {
    static final List<String> KINDS = List.of(HandoverMinutes.HANDOVER, HandoverMinutes.RETURN);
    /** Devices that may be handed to an official: checked for security (R2), in service or about to be. */
    static final List<String> HANDABLE = List.of("security_checked", "in_service");
    static final int MAX_ITEMS = 200;
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final Db db;
    private final DocumentOptions options;
    private final Clock clock;
    private final HandoverRepository repo = new HandoverRepository();

    public HandoverService(Db db, DocumentOptions options, Clock clock) {
        this.db = db;
        this.options = options;
        this.clock = clock;
    }

    /**
     * Records a handover ({@code person_id}/{@code person_code} receives) or a return (the holder gives back; the
     * person is the current holder when omitted) of {@code items} ({@code device_id}/{@code device_serial},
     * {@code condition}), with {@code document_no}, {@code document_date} and the office's {@code office_official}.
     */
    public Future<JsonObject> record(Scope scope, JsonObject body) {
        Input in = Input.of(body);
        String kind = in.oneOf("kind", KINDS, true);
        String documentNo = in.text("document_no", 100, true);
        LocalDate documentDate = in.date("document_date", true);
        if (documentDate.isAfter(LocalDate.now(clock.withZone(VIETNAM)))) {
            throw ApiException.invalid("document_date", "doc.date_in_future");
        }
        String official = in.text("office_official", 200, true);
        String note = in.text("note", 1000, false);
        Long personId = in.id("person_id", false);
        String personCode = in.text("person_code", 64, false);
        if (!(body.getValue("items") instanceof JsonArray items) || items.isEmpty()) {
            throw ApiException.invalid("items", "doc.items_required");
        }
        if (items.size() > MAX_ITEMS) {
            throw ApiException.invalid("items", "error.range", "1", String.valueOf(MAX_ITEMS));
        }
        record Item(Long id, String serial, String condition, String field) {
        }
        List<Item> wanted = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String field = "items[" + i + "]";
            if (!(items.getValue(i) instanceof JsonObject o)) {
                throw ApiException.invalid(field, "error.body_not_object");
            }
            try {
                Input it = Input.of(o);
                Long id = it.id("device_id", false);
                String serial = it.text("device_serial", 100, false);
                if (id == null && serial == null) {
                    throw ApiException.invalid("device_serial", "error.required");
                }
                wanted.add(new Item(id, serial, it.text("condition", 500, true), field));
            } catch (ApiException e) {
                throw e.field() == null ? e : ApiException.invalid(field + "." + e.field(), e.messageKey(),
                        Arrays.copyOfRange(e.args(), 1, e.args().length));
            }
        }
        return db.tx(scope, dsl -> {
            if (repo.documentExists(dsl, kind, documentNo)) {
                throw ApiException.conflict("doc.document_duplicate", null, "document_no");
            }
            PersonRecord person = personId == null && personCode == null ? null
                    : repo.person(dsl, scope, personId, personCode).orElseThrow(() -> ApiException.invalid(
                            personId != null ? "person_id" : "person_code", "error.unknown_ref",
                            personId != null ? String.valueOf(personId) : personCode));
            boolean handover = HandoverMinutes.HANDOVER.equals(kind);
            if (handover && person == null) {
                throw ApiException.invalid("person_code", "error.required");
            }
            if (handover && !"active".equals(person.getStatus())) {
                throw ApiException.invalid("person_code", "pki.person_not_active");
            }
            List<DeviceRecord> devices = new ArrayList<>();
            for (Item item : wanted) {
                DeviceRecord d = repo.lockDevice(dsl, scope, item.id(), item.serial()).orElseThrow(() -> ApiException.invalid(
                        item.field() + (item.id() != null ? ".device_id" : ".device_serial"), "error.unknown_ref",
                        item.id() != null ? String.valueOf(item.id()) : item.serial()));
                if (devices.stream().anyMatch(x -> x.getId().equals(d.getId()))) {
                    throw ApiException.invalid(item.field(), "doc.item_twice", d.getSerial());
                }
                if (handover) {
                    if (!HANDABLE.contains(d.getStatus())) {
                        throw ApiException.stateConflict("doc.device_not_ready", d.getSerial(), d.getStatus())
                                .with("field", item.field()).with("missing_step", "security_check");
                    }
                    if (d.getPersonId() != null && !d.getPersonId().equals(person.getId())) {
                        throw ApiException.stateConflict("doc.device_held", d.getSerial()).with("field", item.field());
                    }
                } else {
                    if (d.getPersonId() == null) {
                        throw ApiException.stateConflict("doc.device_not_held", d.getSerial()).with("field", item.field());
                    }
                    if (person == null) {
                        Long holder = d.getPersonId();
                        person = repo.person(dsl, scope, holder, null).orElseThrow(() -> ApiException.notFound("person", holder));
                    } else if (!d.getPersonId().equals(person.getId())) {
                        throw ApiException.stateConflict("doc.device_other_holder", d.getSerial()).with("field", item.field());
                    }
                }
                devices.add(d);
            }
            DeviceHandoverRecord h = dsl.newRecord(DEVICE_HANDOVER);
            h.setKind(kind);
            h.setPersonId(person.getId());
            h.setUnitId(person.getUnitId());
            h.setDocumentNo(documentNo);
            h.setDocumentDate(documentDate);
            h.setOfficeOfficial(official);
            h.setNote(note);
            h.setActor(scope.actor().display());
            h.store();
            // The holding history names the document that moved the device.
            dsl.select(DSL.function("set_config", String.class, DSL.val("hatang.reason"),
                    DSL.val(Messages.get("documents", Messages.VI, "minutes.reason_" + kind, documentNo)), DSL.val(true))).fetch();
            for (int i = 0; i < devices.size(); i++) {
                DeviceRecord d = devices.get(i);
                repo.addItem(dsl, h.getId(), d.getId(), wanted.get(i).condition());
                d.setPersonId(handover ? person.getId() : null);
                if (handover) {
                    d.setUnitId(person.getUnitId()); // the device goes where its holder works
                }
                d.setVersion(d.getVersion() + 1);
                d.setUpdatedAt(Instant.now(clock));
                d.update();
            }
            repo.keep(dsl, HandoverRepository.DEVICE_SOURCE, h.getId(), deviceMinutes(dsl, h).render(letterhead(dsl), Messages.VI));
            return json(dsl, h);
        });
    }

    public Future<JsonObject> get(Scope scope, long id) {
        return db.read(scope, dsl -> json(dsl, repo.handover(dsl, scope, id).orElseThrow(() -> ApiException.notFound("device_handover", id))));
    }

    public Future<JsonArray> ofDevice(Scope scope, long deviceId) {
        return db.read(scope, dsl -> {
            repo.lockDevice(dsl, scope, deviceId, null).orElseThrow(() -> ApiException.notFound("device", deviceId));
            JsonArray out = new JsonArray();
            repo.handoversOf(dsl, scope, deviceId).forEach(h -> out.add(json(dsl, h)));
            return out;
        });
    }

    private JsonObject json(DSLContext dsl, DeviceHandoverRecord h) {
        JsonArray items = new JsonArray();
        for (Record r : repo.items(dsl, h.getId())) {
            items.add(new JsonObject().put("device_id", r.get(DEVICE.ID))
                    .put("device_serial", r.get(DEVICE.SERIAL))
                    .put("asset_tag", r.get(DEVICE.ASSET_TAG))
                    .put("condition", r.get(DEVICE_HANDOVER_ITEM.CONDITION)));
        }
        // Like every answer, it names what it refers to (the codes and names of the person and the unit).
        Record who = dsl.select(PERSON.CODE, PERSON.FULL_NAME, UNIT.CODE, UNIT.NAME).from(PERSON, UNIT)
                .where(PERSON.ID.eq(h.getPersonId())).and(UNIT.ID.eq(h.getUnitId())).fetchOne();
        return Json.of(h).put("person_code", who.get(PERSON.CODE)).put("person_name", who.get(PERSON.FULL_NAME))
                .put("unit_code", who.get(UNIT.CODE)).put("unit_name", who.get(UNIT.NAME))
                .put("items", items).put("minutes", "/api/v1/device-handovers/" + h.getId() + "/minutes.pdf");
    }

    /**
     * The minutes of a device handover ({@code source} device) or of a token handover/return ({@code source} token,
     * {@code id} of the token event): the kept original in Vietnamese — kept on first print for tokens — or a
     * translation made now ({@code locale} English).
     */
    public Future<byte[]> minutes(Scope scope, String source, long id, Locale locale) {
        boolean firstPrintKept = HandoverRepository.TOKEN_SOURCE.equals(source) && !Messages.EN.getLanguage().equals(locale.getLanguage());
        return firstPrintKept ? db.tx(scope, dsl -> minutesOf(dsl, scope, source, id, locale))
                : db.read(scope, dsl -> minutesOf(dsl, scope, source, id, locale));
    }

    private byte[] minutesOf(DSLContext dsl, Scope scope, String source, long id, Locale locale) {
        boolean original = !Messages.EN.getLanguage().equals(locale.getLanguage());
        HandoverMinutes m;
        if (HandoverRepository.DEVICE_SOURCE.equals(source)) {
            DeviceHandoverRecord h = repo.handover(dsl, scope, id).orElseThrow(() -> ApiException.notFound("device_handover", id));
            if (original) {
                return repo.keptMinutes(dsl, source, h.getId()).orElseThrow();
            }
            m = deviceMinutes(dsl, h);
        } else {
            Record e = repo.tokenEvent(dsl, scope, id).orElseThrow(() -> ApiException.notFound("token_event", id));
            if (original) {
                var kept = repo.keptMinutes(dsl, source, id);
                if (kept.isPresent()) {
                    return kept.get();
                }
            }
            m = tokenMinutes(dsl, e);
            if (original) {
                return repo.keep(dsl, source, id, m.render(letterhead(dsl), locale));
            }
        }
        return m.render(letterhead(dsl), locale);
    }

    private Letterhead letterhead(DSLContext dsl) {
        return Letterhead.load(dsl, options);
    }

    private HandoverMinutes deviceMinutes(DSLContext dsl, DeviceHandoverRecord h) {
        var d = DEVICE;
        List<HandoverMinutes.Item> items = new ArrayList<>();
        for (Record r : repo.items(dsl, h.getId())) {
            String what = Text.of("coverage", "category." + r.get(d.CATEGORY)).vi();
            what = Character.toUpperCase(what.charAt(0)) + what.substring(1);
            items.add(new HandoverMinutes.Item(r.get(d.MANUFACTURER) == null ? what : what + " " + r.get(d.MANUFACTURER),
                    r.get(d.MODEL), r.get(d.SERIAL), r.get(d.ASSET_TAG), r.get(DEVICE_HANDOVER_ITEM.CONDITION)));
        }
        return minutes(dsl, h.getKind(), "device", h.getDocumentNo(), h.getDocumentDate(), h.getOfficeOfficial(), h.getPersonId(),
                items, h.getNote());
    }

    private HandoverMinutes tokenMinutes(DSLContext dsl, Record e) {
        boolean handover = "assigned".equals(e.get(PKI_TOKEN_EVENT.TO_STATE));
        var t = PKI_TOKEN;
        String kind = Text.of("documents", "pki.token_kind." + e.get(t.KIND)).vi();
        String model = e.get(t.MODEL);
        if (e.get(t.PHONE) != null) {
            model = (model == null ? "" : model + ", ") + Messages.get("documents", Messages.VI, "minutes.sim_phone", e.get(t.PHONE),
                    e.get(t.CARRIER) == null ? "" : e.get(t.CARRIER));
        }
        LocalDate date = e.get(PKI_TOKEN_EVENT.DOCUMENT_DATE) != null ? e.get(PKI_TOKEN_EVENT.DOCUMENT_DATE)
                : e.get(PKI_TOKEN_EVENT.RECORDED_AT).atZone(VIETNAM).toLocalDate();
        return minutes(dsl, handover ? HandoverMinutes.HANDOVER : HandoverMinutes.RETURN, "token", e.get(PKI_TOKEN_EVENT.DOCUMENT_NO),
                date, e.get(PKI_TOKEN_EVENT.HANDED_BY), e.get(PKI_TOKEN_EVENT.HOLDER_ID),
                List.of(new HandoverMinutes.Item(kind, model, e.get(t.SERIAL), null,
                        Messages.get("documents", Messages.VI, "minutes.condition_working"))), e.get(PKI_TOKEN_EVENT.NOTE));
    }

    /** The office's official on one side, the person on the other: who gives depends on the direction. */
    private HandoverMinutes minutes(DSLContext dsl, String kind, String subject, String documentNo, LocalDate date, String official,
            long personId, List<HandoverMinutes.Item> items, String note) {
        Record p = repo.personWithUnit(dsl, personId);
        var person = new HandoverMinutes.Party(p.get(PERSON.FULL_NAME), p.get(PERSON.TITLE),
                p.get(UNIT.NAME));
        var office = new HandoverMinutes.Party(official == null ? "" : official, null, letterhead(dsl).issuingBody().vi());
        boolean handover = HandoverMinutes.HANDOVER.equals(kind);
        return new HandoverMinutes(kind, subject, documentNo, date, handover ? office : person, handover ? person : office, items, note);
    }
}
