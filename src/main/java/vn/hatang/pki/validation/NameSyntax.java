package vn.hatang.pki.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Syntax of the names RFC 5280 §4.2.1.6 and §4.2.1.10 put in certificates and in name constraints: a name that
 * is not well formed cannot be compared with a constraint, so it must never reach the comparison.
 *
 * <ul>
 *   <li>dNSName: the preferred name syntax of RFC 1034 §3.5 as relaxed by RFC 1123 §2.1 — letters, digits and
 *       hyphens, labels of 1–63 characters, at most 253 in all, no empty label (so no leading or trailing dot),
 *       and a last label that is not all digits (so an IP address written as a DNS name is refused). In a
 *       certificate a leftmost {@code *} label is allowed (§4.2.1.6 leaves wildcards to applications).</li>
 *   <li>rfc822Name: an RFC 5321 Mailbox, {@code local-part@domain}, with exactly one unquoted {@code @}.</li>
 *   <li>uniformResourceIdentifier: an absolute URI (RFC 3986) whose authority, if any, names a host.</li>
 *   <li>iPAddress: 4 or 16 octets in a certificate; 8 or 32 octets (address and a contiguous mask) in a
 *       constraint.</li>
 * </ul>
 */
final class NameSyntax {
    private NameSyntax() {}

    /** A dNSName in a certificate. */
    static boolean dnsName(String s) {
        if (s.startsWith("*.")) return hostName(s.substring(2));
        return hostName(s);
    }

    /** A dNSName constraint: a host or domain name, or empty (which every DNS name satisfies). */
    static boolean dnsConstraint(String s) {
        return s.isEmpty() || hostName(s);
    }

    /** An rfc822Name in a certificate: a mailbox. */
    static boolean mailbox(String s) {
        int at = mailboxAt(s);
        return at > 0 && localPart(s.substring(0, at)) && mailDomain(s.substring(at + 1));
    }

    /** An rfc822Name constraint: a mailbox, a host, or {@code .domain}. */
    static boolean rfc822Constraint(String s) {
        if (s.indexOf('@') >= 0) return mailbox(s);
        return s.startsWith(".") ? hostName(s.substring(1)) : hostName(s);
    }

    /** A uniformResourceIdentifier in a certificate. */
    static boolean uri(String s) {
        URI u = parse(s);
        if (u == null || !u.isAbsolute() || u.getRawSchemeSpecificPart() == null
                || u.getRawSchemeSpecificPart().isEmpty()) {
            return false;
        }
        return u.getRawAuthority() == null || uriHost(s) != null;
    }

    /** A uniformResourceIdentifier constraint: a fully qualified host or {@code .domain}. */
    static boolean uriConstraint(String s) {
        return s.startsWith(".") ? hostName(s.substring(1)) : hostName(s);
    }

    /** The host of a URI in lower case, or null when it has none (or not a DNS name or IP literal). */
    static String uriHost(String s) {
        URI u = parse(s);
        if (u == null || u.getHost() == null) return null;
        String h = u.getHost().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") || ipv4Literal(h) || hostName(h)) return h;
        return null;
    }

    static boolean ipAddress(byte[] octets) {
        return octets.length == 4 || octets.length == 16;
    }

    /** Address and mask (RFC 4632 CIDR: the mask is a run of ones followed by zeros). */
    static boolean ipConstraint(byte[] octets) {
        if (octets.length != 8 && octets.length != 32) return false;
        return prefixLength(octets) >= 0;
    }

    /** The prefix length of an address/mask constraint, or -1 when the mask is not contiguous. */
    static int prefixLength(byte[] constraint) {
        int half = constraint.length / 2;
        int bits = 0;
        boolean zeros = false;
        for (int i = half; i < constraint.length; i++) {
            for (int b = 7; b >= 0; b--) {
                boolean one = (constraint[i] >> b & 1) == 1;
                if (one && zeros) return -1;
                if (one) bits++;
                else zeros = true;
            }
        }
        return bits;
    }

    private static URI parse(String s) {
        if (s.isEmpty() || s.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) return null;
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Letters, digits, hyphens; labels 1–63; total ≤ 253; last label not all digits. */
    static boolean hostName(String s) {
        if (s.isEmpty() || s.length() > 253) return false;
        int start = 0;
        boolean lastAllDigits = false;
        while (true) {
            int dot = s.indexOf('.', start);
            int end = dot < 0 ? s.length() : dot;
            int len = end - start;
            if (len < 1 || len > 63 || s.charAt(start) == '-' || s.charAt(end - 1) == '-') return false;
            boolean digits = true;
            for (int i = start; i < end; i++) {
                char c = s.charAt(i);
                boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                boolean digit = c >= '0' && c <= '9';
                if (!letter && !digit && c != '-') return false;
                if (!digit) digits = false;
            }
            lastAllDigits = digits;
            if (dot < 0) break;
            start = dot + 1;
        }
        return !lastAllDigits;
    }

    private static boolean ipv4Literal(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return false;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Position of the @ that separates local part and domain; -1 unless there is exactly one outside quotes. */
    private static int mailboxAt(String s) {
        int at = -1;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '@' && !quoted) {
                if (at >= 0) return -1;
                at = i;
            }
        }
        return quoted ? -1 : at;
    }

    /** RFC 5321 Local-part: a Dot-string of atext characters, or a Quoted-string. */
    private static boolean localPart(String s) {
        if (s.isEmpty() || s.length() > 64) return false;
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            for (int i = 1; i < s.length() - 1; i++) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i++;
                    if (i >= s.length() - 1) return false;
                } else if (c < ' ' || c > '~' || c == '"') {
                    return false;
                }
            }
            return true;
        }
        if (s.startsWith(".") || s.endsWith(".") || s.contains("..")) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && "!#$%&'*+/=?^_`{|}~-.".indexOf(c) < 0) return false;
        }
        return true;
    }

    /** RFC 5321 Domain or address literal. */
    private static boolean mailDomain(String s) {
        if (s.startsWith("[") && s.endsWith("]")) {
            String lit = s.substring(1, s.length() - 1);
            return ipv4Literal(lit) || lit.regionMatches(true, 0, "IPv6:", 0, 5);
        }
        return hostName(s);
    }
}
