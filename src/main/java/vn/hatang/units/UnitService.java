package vn.hatang.units;

import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.HOLDING_HISTORY;
import static vn.hatang.db.Tables.LINK;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vn.hatang.db.tables.records.UnitRecord;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.db.Search;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Page;
import vn.hatang.platform.json.Input;
import vn.hatang.platform.json.Json;
import vn.hatang.security.Scope;

/**
 * The unit tree and its reorganisations. A merge, split, rename or move is one transaction that records a
 * {@code unit_event} and moves holdings; the holding-history triggers note who was where from the effective date.
 */
public final class UnitService {
    private final Db db;
    private final UnitRepository units = new UnitRepository();

    public UnitService(Db db) {
        this.db = db;
    }

    public Future<Page> list(Scope scope, Map<String, String> filters, Page.Request page) {
        return db.read(scope, dsl -> units.crud.list(dsl, scope, filter(dsl, scope, filters), page));
    }

    private Condition filter(DSLContext dsl, Scope scope, Map<String, String> f) {
        Condition c = DSL.trueCondition();
        if (f.get("under") != null) {
            c = c.and(UNIT.PATH.startsWith(UnitRepository.byRef(dsl, scope, f.get("under"), "under").getPath()));
        }
        if (f.get("kind") != null) {
            c = c.and(UNIT.KIND.eq(Input.ofStrings(f).oneOf("kind", UnitKind.ALL, false)));
        }
        if (f.get("status") != null) {
            c = c.and(UNIT.STATUS.eq(f.get("status")));
        }
        if (f.get("q") != null) {
            c = c.and(Search.matches(f.get("q"), UNIT.NAME, UNIT.NAME_EN, UNIT.CODE));
        }
        return c;
    }

    /** By id or code. */
    public Future<JsonObject> get(Scope scope, String ref) {
        return db.read(scope, dsl -> units.crud.json(dsl, scope, units.crud.find(dsl, scope, ref).getId()));
    }

    public Future<JsonObject> create(Scope scope, Input in) {
        return db.tx(scope, dsl -> units.crud.json(dsl, scope, create(dsl, scope, in).getId()));
    }

    /** Creates a unit under its parent ({@code parent_code} or {@code parent_id}); only the provincial committee has none. */
    public UnitRecord create(DSLContext dsl, Scope scope, Input in) {
        UnitRepository.lockTree(dsl);
        UnitRepository.SPEC.rejectUnknown(in, "parent_code", "parent_id");
        UnitRecord u = dsl.newRecord(UNIT);
        UnitRepository.SPEC.apply(in, u, true, new vn.hatang.platform.db.DbLookups(dsl, scope));
        UnitRecord parent = parentOf(dsl, scope, in, u.getKind());
        u.setPath("/");
        u.setDepth(0);
        u.store();
        units.place(u, parent);
        u.store();
        units.event(dsl, u.getId(), "created", Instant.now(), null, new JsonObject().put("parent_id", u.getParentId()));
        return u;
    }

    private UnitRecord parentOf(DSLContext dsl, Scope scope, Input in, String kind) {
        String ref = in.text("parent_code", 64, false);
        Long id = in.id("parent_id", false);
        if (ref == null && id == null) {
            // The tree has one root, the provincial committee; every other unit hangs under it.
            if (!UnitKind.PROVINCIAL_COMMITTEE.equals(kind)) {
                throw ApiException.invalid("parent_code", "error.required");
            }
            if (dsl.fetchExists(UNIT, UNIT.PARENT_ID.isNull())) {
                throw ApiException.invalid("kind", "error.second_root");
            }
            return null;
        }
        if (UnitKind.PROVINCIAL_COMMITTEE.equals(kind)) {
            throw ApiException.invalid("kind", "error.root_has_parent");
        }
        String field = ref != null ? "parent_code" : "parent_id";
        return UnitRepository.active(UnitRepository.byRef(dsl, scope, ref != null ? ref : String.valueOf(id), field), field);
    }

    /** PATCH: name, kind, address; a new parent moves the unit with its subtree. */
    public Future<JsonObject> update(Scope scope, long id, Integer ifMatch, Input in) {
        return db.tx(scope, dsl -> units.crud.json(dsl, scope, update(dsl, scope, id, ifMatch, in).getId()));
    }

    public UnitRecord update(DSLContext dsl, Scope scope, long id, Integer ifMatch, Input in) {
        UnitRepository.lockTree(dsl);
        UnitRepository.SPEC.rejectUnknown(in, "parent_code", "parent_id");
        UnitRecord u = units.crud.lock(dsl, scope, id, ifMatch);
        String oldName = u.getName();
        List<String> changed = UnitRepository.SPEC.apply(in, u, false, new vn.hatang.platform.db.DbLookups(dsl, scope));
        // A root written back without a parent (a spreadsheet's blank parent_code) stays the root: no move.
        boolean staysRoot = u.getParentId() == null && in.text("parent_code", 64, false) == null
                && in.id("parent_id", false) == null;
        if ((in.has("parent_code") || in.has("parent_id")) && !staysRoot) {
            UnitRecord parent = parentOf(dsl, scope, in, u.getKind());
            if (!java.util.Objects.equals(parent == null ? null : parent.getId(), u.getParentId())) {
                moveChecked(dsl, u, parent, Instant.now(), null);
                changed.add("parent_id");
            }
        }
        if (changed.contains("kind") && UnitKind.PROVINCIAL_COMMITTEE.equals(u.getKind()) != (u.getParentId() == null)) {
            throw ApiException.invalid("kind", u.getParentId() == null ? "error.root_kind" : "error.root_has_parent");
        }
        if (changed.contains("name")) {
            units.event(dsl, id, "renamed", Instant.now(), null,
                    new JsonObject().put("old_name", oldName).put("new_name", u.getName()));
        }
        if (!changed.isEmpty()) {
            units.crud.save(u);
        }
        return u;
    }

    /** Renames with the decision that ordered it; the old name stays in the unit's history. */
    public Future<JsonObject> rename(Scope scope, long id, Input in) {
        return db.tx(scope, dsl -> {
            UnitRepository.lockTree(dsl);
            UnitRecord u = units.crud.lock(dsl, scope, id, null);
            String name = in.text("name", 300, true);
            String nameEn = in.text("name_en", 300, false);
            Instant at = effectiveAt(in);
            units.event(dsl, id, "renamed", at, in.text("decision_no", 100, false),
                    new JsonObject().put("old_name", u.getName()).put("new_name", name));
            u.setName(name);
            if (nameEn != null) {
                u.setNameEn(nameEn);
            }
            units.crud.save(u);
            return units.crud.json(dsl, scope, id);
        });
    }

    public Future<JsonObject> move(Scope scope, long id, Input in) {
        return db.tx(scope, dsl -> {
            UnitRepository.lockTree(dsl);
            UnitRecord u = units.crud.lock(dsl, scope, id, null);
            UnitRecord parent = UnitRepository.active(UnitRepository.byRef(dsl, scope, in.text("parent_code", 64, true),
                    "parent_code"), "parent_code");
            moveChecked(dsl, u, parent, effectiveAt(in), in.text("decision_no", 100, false));
            units.crud.save(u);
            return units.crud.json(dsl, scope, id);
        });
    }

    private void moveChecked(DSLContext dsl, UnitRecord u, UnitRecord parent, Instant at, String decision) {
        if (parent != null && parent.getPath().startsWith(u.getPath())) {
            throw ApiException.invalid("parent_code", "error.unit_cycle", parent.getCode(), u.getCode());
        }
        Long oldParent = u.getParentId();
        units.move(dsl, u, parent);
        units.event(dsl, u.getId(), "moved", at, decision,
                new JsonObject().put("old_parent_id", oldParent).put("new_parent_id", u.getParentId()));
    }

    /**
     * Merges {@code sources} into {@code target}: people, devices, links, investment lines, racks, information systems
     * and child units move to the target; each source is kept as "merged" with the target as successor.
     */
    public Future<JsonObject> merge(Scope scope, Input in) {
        return db.tx(scope, dsl -> {
            UnitRepository.lockTree(dsl);
            Instant at = effectiveAt(in);
            String decision = in.text("decision_no", 100, false);
            // The target must still be active: merging into a unit merged away (maybe just now, by a merge that
            // waited for the same lock) would leave holdings nowhere and successors in a loop.
            UnitRecord target = UnitRepository.active(UnitRepository.byRef(dsl, scope, in.text("target_code", 64, true),
                    "target_code"), "target_code");
            JsonArray sourceCodes = in.array("source_codes", true);
            if (sourceCodes.isEmpty()) {
                throw ApiException.invalid("source_codes", "error.required");
            }
            reason(dsl, at, "merge into " + target.getCode());
            JsonObject moved = new JsonObject();
            for (Object code : sourceCodes) {
                UnitRecord source = UnitRepository.byRef(dsl, scope, String.valueOf(code), "source_codes");
                if (source.getId().equals(target.getId()) || target.getPath().startsWith(source.getPath())) {
                    throw ApiException.invalid("source_codes", "error.merge_into_self", source.getCode(), target.getCode());
                }
                if (!"active".equals(source.getStatus())) {
                    throw ApiException.invalid("source_codes", "error.unit_inactive", source.getCode());
                }
                JsonObject counts = new JsonObject(new java.util.LinkedHashMap<>(Holdings.moveAll(dsl, source.getId(), target.getId())));
                for (UnitRecord child : dsl.selectFrom(UNIT).where(UNIT.PARENT_ID.eq(source.getId())).fetch()) {
                    units.move(dsl, child, target);
                    units.crud.save(child);
                }
                source.setStatus("merged");
                source.setSuccessorId(target.getId());
                units.crud.save(source);
                units.event(dsl, source.getId(), "merged", at, decision,
                        new JsonObject().put("into", target.getCode()).put("moved", counts));
                moved.put(source.getCode(), counts);
            }
            units.event(dsl, target.getId(), "merged", at, decision,
                    new JsonObject().put("from", sourceCodes).put("moved", moved));
            return new JsonObject().put("target", Json.of(target)).put("moved", moved);
        });
    }

    /**
     * Splits a unit: each part is a new unit under the same parent, receiving the people (codes), devices (serials) and
     * links (codes) listed for it. What is not listed stays with the source; with {@code dissolve_source} nothing may stay.
     */
    public Future<JsonObject> split(Scope scope, long id, Input in) {
        return db.tx(scope, dsl -> {
            UnitRepository.lockTree(dsl);
            UnitRecord source = UnitRepository.active(units.crud.lock(dsl, scope, id, null), "id");
            Instant at = effectiveAt(in);
            String decision = in.text("decision_no", 100, false);
            reason(dsl, at, "split of " + source.getCode());
            UnitRecord parent = source.getParentId() == null ? null : dsl.fetchSingle(UNIT, UNIT.ID.eq(source.getParentId()));
            JsonArray parts = in.array("parts", true);
            if (parts.isEmpty()) {
                throw ApiException.invalid("parts", "error.required");
            }
            JsonArray created = new JsonArray();
            for (int i = 0; i < parts.size(); i++) {
                Input part = Input.of(parts.getJsonObject(i));
                JsonObject unitFields = parts.getJsonObject(i).copy();
                List.of("people", "devices", "links").forEach(unitFields::remove);
                if (parent != null) {
                    unitFields.put("parent_code", parent.getCode());
                }
                unitFields.put("kind", part.has("kind") ? part.text("kind", 32, false) : source.getKind());
                UnitRecord u = create(dsl, scope, Input.of(unitFields));
                int people = moveListed(dsl, part, "people", Holdings.PEOPLE, PERSON.CODE, source, u);
                int devices = moveListed(dsl, part, "devices", Holdings.DEVICES, DEVICE.SERIAL, source, u);
                int links = moveListed(dsl, part, "links", Holdings.LINKS, LINK.CODE, source, u);
                created.add(units.crud.json(dsl, scope, u.getId()).put("moved", new JsonObject().put("people", people).put("devices", devices).put("links", links)));
            }
            boolean dissolve = Boolean.TRUE.equals(in.bool("dissolve_source", false));
            if (dissolve) {
                Map<String, Integer> left = Holdings.count(dsl, source.getId());
                left.values().removeIf(n -> n == 0);
                if (!left.isEmpty() || dsl.fetchExists(UNIT, UNIT.PARENT_ID.eq(source.getId()))) {
                    throw ApiException.stateConflict("error.split_leftovers", source.getCode(), left.toString())
                            .with("remaining", new JsonObject(new java.util.LinkedHashMap<>(left)));
                }
                source.setStatus("dissolved");
                units.crud.save(source);
            }
            units.event(dsl, source.getId(), "split", at, decision,
                    new JsonObject().put("into", created.stream().map(o -> ((JsonObject) o).getString("code")).toList())
                            .put("dissolved", dissolve));
            return new JsonObject().put("source", Json.of(source)).put("parts", created);
        });
    }

    private int moveListed(DSLContext dsl, Input part, String name, Holdings.Holding h,
            org.jooq.TableField<?, String> key, UnitRecord from, UnitRecord to) {
        JsonArray listed = part.array(name, false);
        if (listed == null || listed.isEmpty()) {
            return 0;
        }
        Set<String> keys = new LinkedHashSet<>();
        listed.forEach(k -> keys.add(String.valueOf(k)));
        int moved = Holdings.move(dsl, h, from.getId(), to.getId(), key.in(keys));
        if (moved != keys.size()) {
            throw ApiException.invalid(name, "error.split_not_held", from.getCode());
        }
        return moved;
    }

    /** The reorganisations of a unit, oldest first. */
    public Future<JsonArray> history(Scope scope, long id) {
        return db.read(scope, dsl -> {
            units.crud.find(dsl, scope, id);
            return new JsonArray(new ArrayList<>(units.events(dsl, id)));
        });
    }

    /** Who and what the unit held at an instant (default now): from the holding history. */
    public Future<JsonObject> holdingsAt(Scope scope, long id, Instant at) {
        return db.read(scope, dsl -> {
            UnitRecord u = units.crud.find(dsl, scope, id);
            JsonObject out = new JsonObject().put("unit", Json.of(u)).put("at", at.toString());
            for (String entity : List.of("person", "device", "link")) {
                out.put(entity + "_ids", new JsonArray(dsl.select(HOLDING_HISTORY.ENTITY_ID).from(HOLDING_HISTORY)
                        .where(HOLDING_HISTORY.ENTITY.eq(entity), HOLDING_HISTORY.UNIT_ID.eq(id),
                                HOLDING_HISTORY.VALID_FROM.le(at),
                                HOLDING_HISTORY.VALID_TO.isNull().or(HOLDING_HISTORY.VALID_TO.gt(at)))
                        .orderBy(HOLDING_HISTORY.ENTITY_ID).fetch(HOLDING_HISTORY.ENTITY_ID)));
            }
            return out;
        });
    }

    private static Instant effectiveAt(Input in) {
        Instant at = in.instant("effective_at", false);
        return at == null ? Instant.now() : at;
    }

    /** Tells the holding-history triggers when and why the rows they see move (for this transaction only). */
    static void reason(DSLContext dsl, Instant at, String why) {
        dsl.select(DSL.function("set_config", String.class, DSL.inline("hatang.effective_at"), DSL.val(at.toString()), DSL.inline(true)),
                DSL.function("set_config", String.class, DSL.inline("hatang.reason"), DSL.val(why), DSL.inline(true))).fetch();
    }
}
