package vn.hatang.snmp.snmp4j;

import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import vn.hatang.snmp.api.AuthProtocol;
import vn.hatang.snmp.api.PrivProtocol;
import vn.hatang.snmp.api.SecurityLevel;
import vn.hatang.snmp.api.SnmpCredentials;

/** Maps our credential vocabulary to SNMP4J's protocol OIDs. */
public final class Snmp4jProtocols {
    private Snmp4jProtocols() {
    }

    public static int level(SecurityLevel level) {
        switch (level) {
            case AUTH_PRIV:
                return org.snmp4j.security.SecurityLevel.AUTH_PRIV;
            case AUTH_NO_PRIV:
                return org.snmp4j.security.SecurityLevel.AUTH_NOPRIV;
            default:
                return org.snmp4j.security.SecurityLevel.NOAUTH_NOPRIV;
        }
    }

    public static OID auth(AuthProtocol p) {
        switch (p) {
            case MD5:
                return AuthMD5.ID;
            case SHA1:
                return AuthSHA.ID;
            case SHA224:
                return AuthHMAC128SHA224.ID;
            case SHA256:
                return AuthHMAC192SHA256.ID;
            case SHA384:
                return AuthHMAC256SHA384.ID;
            default:
                return AuthHMAC384SHA512.ID;
        }
    }

    public static OID priv(PrivProtocol p) {
        switch (p) {
            case DES:
                return PrivDES.ID;
            case AES128:
                return PrivAES128.ID;
            case AES192:
                return PrivAES192.ID;
            default:
                return PrivAES256.ID;
        }
    }

    public static UsmUser user(SnmpCredentials.Usm c) {
        OID auth = c.auth() == null ? null : auth(c.auth());
        OctetString authPass = c.authPassphrase() == null ? null : new OctetString(c.authPassphrase());
        OID priv = c.priv() == null ? null : priv(c.priv());
        OctetString privPass = c.privPassphrase() == null ? null : new OctetString(c.privPassphrase());
        return new UsmUser(new OctetString(c.user()), auth, authPass, priv, privPass);
    }
}
