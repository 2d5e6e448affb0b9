package vn.hatang.snmp.api;

/** SNMPv3 USM authentication protocols. MD5 and SHA-1 only for legacy devices. */
public enum AuthProtocol {
    MD5, SHA1, SHA224, SHA256, SHA384, SHA512;

    /** Accepts the usual spellings: "SHA", "SHA-1", "sha256", "SHA-512", "MD5". */
    public static AuthProtocol parse(String s) {
        String n = s.trim().toUpperCase().replace("-", "").replace("_", "");
        if (n.equals("SHA")) {
            return SHA1;
        }
        for (AuthProtocol p : values()) {
            if (p.name().equals(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Giao thức xác thực không hỗ trợ / unsupported auth protocol: " + s);
    }
}
