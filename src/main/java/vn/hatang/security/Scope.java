package vn.hatang.security;

import static vn.hatang.db.Tables.UNIT;

import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Who is asking and the part of the unit tree they may reach for the operation at hand. Every repository query takes
 * one and applies {@link #covers}; {@link vn.hatang.platform.db.Db} needs one to open a transaction, so data cannot be
 * reached without it. A scope is made only by the access check of a route ({@code AccessControl}) or, for work no
 * user asked for, by {@link #system}.
 */
public final class Scope {
    private final List<Long> rootUnitIds;
    private final boolean wholeTree;
    private final Actor actor;
    /** Audit rows written for this caller's request so far (shared by the scopes derived from it). */
    private final java.util.concurrent.atomic.AtomicInteger auditRows;

    private Scope(List<Long> rootUnitIds, boolean wholeTree, Actor actor,
            java.util.concurrent.atomic.AtomicInteger auditRows) {
        this.rootUnitIds = List.copyOf(rootUnitIds);
        this.wholeTree = wholeTree;
        this.actor = actor;
        this.auditRows = auditRows;
    }

    private Scope(List<Long> rootUnitIds, boolean wholeTree, Actor actor) {
        this(rootUnitIds, wholeTree, actor, new java.util.concurrent.atomic.AtomicInteger());
    }

    /** Work the service does by itself (schedules, start-up, command-line import): the whole tree. */
    public static Scope system(String job) {
        return new Scope(List.of(), true, Actor.system(job));
    }

    /** A caller who reaches no unit data at all (before login, or about themselves only). */
    public static Scope anonymous(Actor actor) {
        return new Scope(List.of(), false, actor);
    }

    static Scope wholeTree(Actor actor) {
        return new Scope(List.of(), true, actor);
    }

    /** The subtrees under these units; empty means nothing at all. */
    static Scope subtrees(Actor actor, List<Long> rootUnitIds) {
        return new Scope(rootUnitIds, false, actor);
    }

    public boolean isWholeTree() {
        return wholeTree;
    }

    public Actor actor() {
        return actor;
    }

    /** The same reach for another operation of the same caller (e.g. a job's step). */
    public Scope forOperation(String operation) {
        return new Scope(rootUnitIds, wholeTree, actor.withOperation(operation), auditRows);
    }

    /** The same request and reach, attributed to another actor (the account a login names or opens). */
    Scope withActor(Actor other) {
        return new Scope(rootUnitIds, wholeTree, other, auditRows);
    }

    /** The audit notes each row it writes for this caller, so a write request leaves exactly one. */
    public void countAuditRow() {
        auditRows.incrementAndGet();
    }

    public int auditRows() {
        return auditRows.get();
    }

    /** Rows whose unit (given by {@code unitId}) lies inside the scope. */
    public Condition covers(Field<Long> unitId) {
        if (wholeTree) {
            return DSL.trueCondition();
        }
        if (rootUnitIds.isEmpty()) {
            return DSL.falseCondition();
        }
        var root = UNIT.as("scope_root");
        var member = UNIT.as("scope_member");
        return unitId.in(DSL.select(member.ID).from(member).join(root)
                .on(member.PATH.startsWith(root.PATH)).where(root.ID.in(rootUnitIds)));
    }

    /** Units (by their materialised {@code path}) inside the scope. */
    public Condition coversPath(Field<String> path) {
        if (wholeTree) {
            return DSL.trueCondition();
        }
        if (rootUnitIds.isEmpty()) {
            return DSL.falseCondition();
        }
        var root = UNIT.as("scope_root");
        return DSL.exists(DSL.selectOne().from(root).where(root.ID.in(rootUnitIds)).and(path.startsWith(root.PATH)));
    }

    /** Whether one unit lies inside the scope (one query; for checks on a single row already read). */
    public boolean coversUnit(DSLContext dsl, Long unitId) {
        if (wholeTree) {
            return true;
        }
        return unitId != null && dsl.fetchExists(DSL.selectOne().from(UNIT).where(UNIT.ID.eq(unitId))
                .and(coversPath(UNIT.PATH)));
    }

    /** The grant roots (empty for the whole tree); for showing a user their reach. */
    public List<Long> rootUnitIds() {
        return rootUnitIds;
    }

    @Override
    public String toString() {
        return "Scope[" + (wholeTree ? "whole tree" : "units " + rootUnitIds) + ", " + actor.name() + "]";
    }
}
