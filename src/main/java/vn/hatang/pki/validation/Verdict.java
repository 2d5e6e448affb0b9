package vn.hatang.pki.validation;

import java.util.Locale;

/** Outcome of validating one certificate at one instant. */
public enum Verdict {
    VALID,
    EXPIRED,
    NOT_YET_VALID,
    REVOKED,
    UNTRUSTED_CHAIN,
    WRONG_KEY_USAGE,
    UNKNOWN_REVOCATION;

    /** Lower-case code used in the CLI, the API and the database, e.g. {@code not_yet_valid}. */
    public String code() { return name().toLowerCase(Locale.ROOT); }

    public static Verdict fromCode(String code) { return valueOf(code.toUpperCase(Locale.ROOT)); }
}
