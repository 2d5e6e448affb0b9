package vn.hatang.snmp.api;

/** SNMPv3 security levels. */
public enum SecurityLevel {
    NO_AUTH_NO_PRIV, AUTH_NO_PRIV, AUTH_PRIV;

    public static SecurityLevel parse(String s) {
        switch (s.trim().toLowerCase().replace("_", "")) {
            case "noauthnopriv":
                return NO_AUTH_NO_PRIV;
            case "authnopriv":
                return AUTH_NO_PRIV;
            case "authpriv":
                return AUTH_PRIV;
            default:
                throw new IllegalArgumentException("Mức bảo mật không hợp lệ / invalid security level: " + s);
        }
    }
}
