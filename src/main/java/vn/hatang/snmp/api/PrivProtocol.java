package vn.hatang.snmp.api;

/** SNMPv3 USM privacy protocols. DES only for legacy devices. */
public enum PrivProtocol {
    DES, AES128, AES192, AES256;

    /** Accepts "AES" (= AES-128), "AES-128", "aes256", "DES". */
    public static PrivProtocol parse(String s) {
        String n = s.trim().toUpperCase().replace("-", "").replace("_", "");
        if (n.equals("AES")) {
            return AES128;
        }
        for (PrivProtocol p : values()) {
            if (p.name().equals(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Giao thức mã hoá không hỗ trợ / unsupported privacy protocol: " + s);
    }
}
