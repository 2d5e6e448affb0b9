package vn.hatang.security;

/**
 * Who is acting, as the audit and the history tables record it: a user (through a session, an API token or a
 * certificate), or {@code system:<job>} for schedules, imports from the command line and start-up work.
 *
 * @param name       the login, or {@code system:<job>}
 * @param userId     the account, null for the system
 * @param tokenName  the API token's name when the request came with one
 * @param method     how the user proved who they are: password, token, oidc, certificate, system
 * @param client     the client address, null for the system
 * @param requestId  the request's id (also in the response header {@code X-Request-Id})
 * @param operation  the operation (route operationId, or the job) being done
 */
public record Actor(String name, Long userId, String tokenName, String method, String client, String requestId,
        String operation) {

    public static Actor system(String job) {
        return new Actor("system:" + job, null, null, "system", null, null, job);
    }

    public boolean isSystem() {
        return userId == null;
    }

    /** The same request, attributed to a named account (the login being attempted, the user who just logged in). */
    public Actor withName(String login, String how) {
        return new Actor(login, userId, tokenName, how, client, requestId, operation);
    }

    public Actor withOperation(String op) {
        return new Actor(name, userId, tokenName, method, client, requestId, op);
    }

    /** What history tables show: the login, with the token's name when one was used. */
    public String display() {
        return tokenName == null ? name : name + " (token " + tokenName + ")";
    }
}
