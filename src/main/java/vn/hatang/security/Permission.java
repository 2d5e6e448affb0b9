package vn.hatang.security;

import java.util.Locale;

/**
 * What a route needs. Roles (data, table {@code role_permission}) bundle permissions; a grant gives a role on a unit,
 * and covers that unit's subtree. Codes are the lower-case names with dots ({@code inventory.write}).
 */
public enum Permission {
    /** Anyone, logged in or not (login itself, the API description). */
    PUBLIC,
    /** Any logged-in user, about themselves (who am I, my password, my API tokens, log-out). */
    SELF,
    /** Read inventory, KPIs, reports, network status and the certificate register of the subtree. */
    READ,
    /** Change people, devices, racks, information systems, investment lines, unit details. */
    INVENTORY_WRITE,
    /** Create, merge, split and move units. */
    UNITS_REORGANISE,
    /** Upload inventory files. */
    IMPORT,
    /** Tokens, SIMs, certificates and certificate requests. */
    PKI_WRITE,
    /** SNMP profiles, polling, links. */
    NETWORK_WRITE,
    /** KPI definitions, targets and rules (whole tree). */
    KPI_ADMIN,
    /** Accounts, their grants and API tokens. */
    USERS_MANAGE,
    /** The audit log. */
    AUDIT_READ;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    public static Permission ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT).replace('.', '_'));
    }

    /** Whether it protects unit-owned data (so a grant's unit bounds it) rather than nothing or oneself. */
    public boolean scoped() {
        return this != PUBLIC && this != SELF;
    }
}
