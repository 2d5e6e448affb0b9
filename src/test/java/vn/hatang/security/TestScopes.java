package vn.hatang.security;

import java.util.List;

/** Scopes for repository tests, as the access check would make them for a caller granted these units. */
public final class TestScopes {
    private TestScopes() {
    }

    public static Scope subtrees(Long... unitIds) {
        return Scope.subtrees(Actor.system("test"), List.of(unitIds));
    }
}
