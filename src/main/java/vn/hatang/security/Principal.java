package vn.hatang.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An authenticated user as one request sees them: who, how they proved it, and their grants.
 *
 * @param method     password, token, oidc or certificate
 * @param tokenName  the API token's name, when the request came with one
 * @param sessionId  the browser session, when the request came with its cookie (CSRF applies then)
 */
public record Principal(long userId, String login, String fullName, String language, Long unitId, String method,
        String tokenName, Long sessionId, String csrfToken, List<Grant> grants) {

    /** A role on a unit's subtree ({@code unitId} null: the whole tree). */
    public record Grant(String role, Long unitId, Set<Permission> permissions) {
    }

    /** The unit subtrees this user reaches with {@code p}: null for none, an empty list for the whole tree. */
    public List<Long> reach(Permission p) {
        List<Long> units = new ArrayList<>();
        boolean any = false;
        for (Grant g : grants) {
            if (g.permissions().contains(p)) {
                any = true;
                if (g.unitId() == null) {
                    return List.of();
                }
                units.add(g.unitId());
            }
        }
        return any ? units : null;
    }

    public boolean has(Permission p) {
        return reach(p) != null;
    }

    public Actor actor(String client, String requestId, String operation) {
        return new Actor(login, userId, tokenName, method, client, requestId, operation);
    }
}
