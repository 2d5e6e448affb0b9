package vn.hatang.security;

import static vn.hatang.db.Tables.UNIT;

import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The part of the unit tree a caller may see and change. Every repository query takes one, so access rules plug in
 * here and nowhere else. Until users and roles exist every caller has the whole tree.
 */
public final class Scope {
    public static final Scope WHOLE_TREE = new Scope(List.of());

    private final List<Long> rootUnitIds;

    private Scope(List<Long> rootUnitIds) {
        this.rootUnitIds = List.copyOf(rootUnitIds);
    }

    /** A unit operator's scope: the subtrees under these units. */
    public static Scope subtrees(List<Long> rootUnitIds) {
        if (rootUnitIds.isEmpty()) {
            throw new IllegalArgumentException("a restricted scope needs at least one unit");
        }
        return new Scope(rootUnitIds);
    }

    public boolean isWholeTree() {
        return rootUnitIds.isEmpty();
    }

    /** Rows whose unit (given by {@code unitId}) lies inside the scope. */
    public Condition covers(Field<Long> unitId) {
        if (isWholeTree()) {
            return DSL.trueCondition();
        }
        var root = UNIT.as("scope_root");
        return unitId.in(DSL.select(UNIT.ID).from(UNIT).join(root)
                .on(UNIT.PATH.startsWith(root.PATH)).where(root.ID.in(rootUnitIds)));
    }
}
