package vn.hatang.coverage;

import static vn.hatang.db.Tables.COVERAGE_RULE;
import static vn.hatang.db.Tables.KPI_DEFINITION;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import vn.hatang.db.tables.records.KpiDefinitionRecord;
import vn.hatang.platform.http.ApiException;

/** KPI definitions and rules in the database. Synchronous: callers run it on the worker pool. */
public final class TargetsRepository {
    static final String MODERN = "modern_device";
    static final String EQUIPMENT = "equipment_rule";

    public List<KpiDefinition> definitions(DSLContext dsl) {
        return dsl.selectFrom(KPI_DEFINITION).orderBy(KPI_DEFINITION.POSITION, KPI_DEFINITION.CODE).fetch(TargetsRepository::toDefinition);
    }

    public Optional<KpiDefinition> definition(DSLContext dsl, String code) {
        return dsl.selectFrom(KPI_DEFINITION).where(KPI_DEFINITION.CODE.eq(code)).fetchOptional(TargetsRepository::toDefinition);
    }

    public KpiDefinition require(DSLContext dsl, String code) {
        return definition(dsl, code).orElseThrow(() -> ApiException.notFound("KPI", code));
    }

    public int version(DSLContext dsl, String code) {
        Integer v = dsl.select(KPI_DEFINITION.VERSION).from(KPI_DEFINITION).where(KPI_DEFINITION.CODE.eq(code)).fetchOne(0, Integer.class);
        if (v == null) {
            throw ApiException.notFound("KPI", code);
        }
        return v;
    }

    /** Inserts or replaces by code; returns "added", "changed" or "unchanged". */
    public String upsert(DSLContext dsl, KpiDefinition k) {
        checkRoot(dsl, k);
        KpiDefinitionRecord r = dsl.selectFrom(KPI_DEFINITION).where(KPI_DEFINITION.CODE.eq(k.code())).forUpdate().fetchOne();
        if (r != null && toDefinition(r).equals(k)) {
            return "unchanged";
        }
        boolean added = r == null;
        if (added) {
            r = dsl.newRecord(KPI_DEFINITION);
        } else {
            r.setVersion(r.getVersion() + 1);
            r.setUpdatedAt(Instant.now());
        }
        r.setCode(k.code());
        r.setTitleVi(k.titleVi());
        r.setTitleEn(k.titleEn());
        r.setKind(k.kind());
        r.setUnitKinds(JSONB.valueOf(new JsonArray(k.unitKinds()).encode()));
        r.setRootUnitCode(k.rootUnitCode());
        r.setThreshold(k.threshold());
        r.setDeadline(k.deadline());
        r.setSeed(k.seed());
        r.setParams(JSONB.valueOf(k.params().encode()));
        r.setPosition(k.position());
        r.store();
        return added ? "added" : "changed";
    }

    public boolean delete(DSLContext dsl, String code) {
        return dsl.deleteFrom(KPI_DEFINITION).where(KPI_DEFINITION.CODE.eq(code)).execute() > 0;
    }

    private static void checkRoot(DSLContext dsl, KpiDefinition k) {
        if (k.rootUnitCode() != null && !dsl.fetchExists(UNIT, UNIT.CODE.eq(k.rootUnitCode()))) {
            throw ApiException.invalid("root_unit_code", "error.unknown_ref", k.rootUnitCode());
        }
    }

    public CoverageRules rules(DSLContext dsl) {
        var docs = dsl.select(COVERAGE_RULE.NAME, COVERAGE_RULE.DOCUMENT).from(COVERAGE_RULE).fetchMap(COVERAGE_RULE.NAME, COVERAGE_RULE.DOCUMENT);
        if (!docs.containsKey(MODERN) || !docs.containsKey(EQUIPMENT)) {
            return CoverageRules.NONE;
        }
        JsonObject doc = new JsonObject().put("modern_device", new JsonObject(docs.get(MODERN).data()).getJsonArray("rules"))
                .put("equipment_rule", new JsonObject(docs.get(EQUIPMENT).data()));
        return TargetsValidator.rules(doc);
    }

    /** Replaces both rule documents; true when something changed. */
    public boolean saveRules(DSLContext dsl, CoverageRules rules) {
        boolean changed = !rules.equals(rules(dsl));
        save(dsl, MODERN, rules.modernJson());
        save(dsl, EQUIPMENT, rules.equipmentJson());
        return changed;
    }

    private static void save(DSLContext dsl, String name, JsonObject doc) {
        dsl.insertInto(COVERAGE_RULE).set(COVERAGE_RULE.NAME, name).set(COVERAGE_RULE.DOCUMENT, JSONB.valueOf(doc.encode()))
                .onConflict(COVERAGE_RULE.NAME).doUpdate().set(COVERAGE_RULE.DOCUMENT, JSONB.valueOf(doc.encode()))
                .set(COVERAGE_RULE.UPDATED_AT, Instant.now()).execute();
    }

    static KpiDefinition toDefinition(KpiDefinitionRecord r) {
        List<String> kinds = new JsonArray(r.getUnitKinds().data()).stream().map(String::valueOf).toList();
        return new KpiDefinition(r.getCode(), r.getTitleVi(), r.getTitleEn(), r.getKind(), kinds, r.getRootUnitCode(),
                r.getThreshold(), r.getDeadline(), r.getSeed(), new JsonObject(r.getParams().data()), r.getPosition());
    }
}
