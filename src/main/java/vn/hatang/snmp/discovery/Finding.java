package vn.hatang.snmp.discovery;

import java.util.Locale;
import vn.hatang.platform.i18n.Messages;

/**
 * A difference between what the inventory records and what the device reports, or a value of the inventory the
 * device gives no way to check. Never applied to the inventory: people decide.
 *
 * @param actual what the device reports (several stack members' values joined by ", "); null for the *_UNKNOWN kinds
 */
public record Finding(Kind kind, String expected, String actual) {
    /** What differs. */
    public enum Kind {
        /** The device reports a serial (or, for a stack, several) and the inventory's is not among them. */
        SERIAL_MISMATCH,
        /** The inventory has a serial but the device exposes none anywhere the vendor profile knows. */
        SERIAL_UNKNOWN,
        /** The device reports a model that is not the inventory's (see {@link ModelMatch}). */
        MODEL_MISMATCH,
        /** The inventory has a model but the device exposes none. */
        MODEL_UNKNOWN
    }

    /** The finding in words, in the caller's language. */
    public String message(Locale locale) {
        return Messages.get(locale, "snmp.finding." + kind.name().toLowerCase(Locale.ROOT), expected, actual);
    }
}
