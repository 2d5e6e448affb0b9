package vn.hatang.pki.validation;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * The name constraints of one CA certificate (or of a trust anchor, RFC 5280 §6.1.1(d)), RFC 5280 §4.2.1.10.
 * Path validation keeps one layer per constraining certificate and checks every later name against each of them,
 * which is the intersection of permitted subtrees and the union of excluded subtrees of §6.1.4(g) without ever
 * computing an intersection.
 *
 * <p>Each name form is indexed so that one comparison costs a few hash look-ups (one per label, per RDN, or per
 * prefix length), not one per constraint: a CA with thousands of constraints stays as fast as one with two.
 * Forms this validator cannot compare (otherName, x400Address, ediPartyName, registeredID) make any name of that
 * form fail when a constraint of that form applies, as §4.2.1.10 requires of a critical extension.
 */
final class NameConstraintLayer {
    /** The result of reading a name constraints extension: a layer, or what is malformed in it. */
    record Parsed(NameConstraintLayer layer, String problem) {}

    private final Forms permitted;
    private final Forms excluded;

    private NameConstraintLayer(Forms permitted, Forms excluded) {
        this.permitted = permitted;
        this.excluded = excluded;
    }

    static Parsed parse(NameConstraints nc) {
        GeneralSubtree[] p = nc.getPermittedSubtrees();
        GeneralSubtree[] e = nc.getExcludedSubtrees();
        if ((p == null || p.length == 0) && (e == null || e.length == 0)) {
            return new Parsed(null, "no permitted or excluded subtree");
        }
        Forms permitted = null;
        Forms excluded = null;
        if (p != null && p.length > 0) {
            permitted = new Forms();
            String problem = permitted.addAll(p);
            if (problem != null) return new Parsed(null, problem);
        }
        if (e != null && e.length > 0) {
            excluded = new Forms();
            String problem = excluded.addAll(e);
            if (problem != null) return new Parsed(null, problem);
        }
        return new Parsed(new NameConstraintLayer(permitted, excluded), null);
    }

    /**
     * Checks the subject and subject alternative names of {@code c} against this layer; null when all satisfy it,
     * else the reason of the first that does not.
     */
    Reason violation(Cert c) {
        if (c.subjectName != null && c.subjectName.getRDNs().length > 0) {
            Reason r = check(GeneralName.directoryName, c.subjectRdnKeys(), "directoryName " + c.subject.getName());
            if (r != null) return r;
        }
        List<GeneralName> sans = c.subjectAltNames;
        if (sans == null) {
            for (String email : c.subjectEmails()) {
                // A malformed address cannot be shown to lie inside (or outside) any subtree.
                if (!NameSyntax.mailbox(email) && constrains(GeneralName.rfc822Name)) {
                    return new Reason("nc.not_permitted", "emailAddress " + quote(email));
                }
                Reason r = check(GeneralName.rfc822Name, email, "emailAddress " + quote(email));
                if (r != null) return r;
            }
            return null;
        }
        for (GeneralName g : sans) {
            Reason r = check(g);
            if (r != null) return r;
        }
        return null;
    }

    private Reason check(GeneralName g) {
        int tag = g.getTagNo();
        return switch (tag) {
            case GeneralName.dNSName, GeneralName.rfc822Name, GeneralName.uniformResourceIdentifier -> {
                String s = ((ASN1String) g.getName()).getString();
                yield check(tag, s, FORM_NAMES[tag] + " " + quote(s));
            }
            case GeneralName.iPAddress -> {
                byte[] ip = ASN1OctetString.getInstance(g.getName()).getOctets();
                yield check(tag, ip, "iPAddress " + ip(ip));
            }
            case GeneralName.directoryName -> {
                X500Name n = X500Name.getInstance(g.getName());
                yield check(tag, rdnPrefixKeys(n), "directoryName " + n);
            }
            default -> constrains(tag) ? new Reason("nc.unsupported", FORM_NAMES[tag]) : null;
        };
    }

    private Reason check(int form, Object value, String shown) {
        if (permitted != null && permitted.has(form) && !permitted.matches(form, value, false)) {
            return new Reason("nc.not_permitted", shown);
        }
        if (excluded != null && excluded.has(form) && excluded.matches(form, value, true)) {
            return new Reason("nc.excluded", shown);
        }
        return null;
    }

    private boolean constrains(int form) {
        return (permitted != null && permitted.has(form)) || (excluded != null && excluded.has(form));
    }

    /** Why a name in a subjectAltName is malformed, or null when it is well formed (RFC 5280 §4.2.1.6). */
    static String malformedName(GeneralName g) {
        try {
            switch (g.getTagNo()) {
                case GeneralName.dNSName -> {
                    String s = ((ASN1String) g.getName()).getString();
                    return NameSyntax.dnsName(s) ? null : "dNSName " + quote(s);
                }
                case GeneralName.rfc822Name -> {
                    String s = ((ASN1String) g.getName()).getString();
                    return NameSyntax.mailbox(s) ? null : "rfc822Name " + quote(s);
                }
                case GeneralName.uniformResourceIdentifier -> {
                    String s = ((ASN1String) g.getName()).getString();
                    return NameSyntax.uri(s) ? null : "uniformResourceIdentifier " + quote(s);
                }
                case GeneralName.iPAddress -> {
                    byte[] ip = ASN1OctetString.getInstance(g.getName()).getOctets();
                    return NameSyntax.ipAddress(ip) ? null : "iPAddress of " + ip.length + " octets";
                }
                case GeneralName.directoryName -> {
                    X500Name.getInstance(g.getName());
                    return null;
                }
                default -> {
                    return null;
                }
            }
        } catch (RuntimeException e) {
            return FORM_NAMES[g.getTagNo()];
        }
    }

    /** Canonical forms (RFC 4518-like, as the JDK compares names) of the leading 1, 2, … n RDNs of a name. */
    static List<String> rdnPrefixKeys(X500Name name) {
        List<String> keys = new ArrayList<>();
        if (name == null) return keys;
        StringBuilder sb = new StringBuilder();
        for (RDN rdn : name.getRDNs()) {
            sb.append(canonical(rdn)).append('\u0001');
            keys.add(sb.toString());
        }
        return keys;
    }

    private static String canonical(RDN rdn) {
        try {
            return new X500Principal(new DERSequence(rdn).getEncoded(ASN1Encoding.DER)).getName(X500Principal.CANONICAL);
        } catch (Exception e) {
            return java.util.HexFormat.of().formatHex(rdn.toASN1Primitive().toString().getBytes());
        }
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().limit(200).forEach(c -> sb.appendCodePoint(c < ' ' || c == 0x7f ? '?' : c));
        return sb.append('"').toString();
    }

    private static String ip(byte[] ip) {
        try {
            return java.net.InetAddress.getByAddress(ip).getHostAddress();
        } catch (Exception e) {
            return ip.length + " octets";
        }
    }

    private static final String[] FORM_NAMES = {"otherName", "rfc822Name", "dNSName", "x400Address",
        "directoryName", "ediPartyName", "uniformResourceIdentifier", "iPAddress", "registeredID"};

    /** The subtrees of one kind (permitted or excluded) of one certificate, indexed per name form. */
    private static final class Forms {
        private final Set<Integer> forms = new HashSet<>();
        private final Set<String> dns = new HashSet<>();
        private final Set<String> mailboxes = new HashSet<>();
        private final Set<String> mailHosts = new HashSet<>();
        private final Set<String> mailDomains = new HashSet<>();
        private final Set<String> uriHosts = new HashSet<>();
        private final Set<String> uriDomains = new HashSet<>();
        private final Map<Integer, Map<Integer, Set<ByteBuffer>>> ip = new HashMap<>(); // length → prefix → nets
        private final Set<String> dn = new HashSet<>();
        private boolean dnAll;

        String addAll(GeneralSubtree[] subtrees) {
            for (GeneralSubtree st : subtrees) {
                // §4.2.1.10: minimum MUST be zero and maximum MUST be absent.
                if ((st.getMinimum() != null && st.getMinimum().signum() != 0) || st.getMaximum() != null) {
                    return "minimum or maximum in a subtree";
                }
                String problem = add(st.getBase());
                if (problem != null) return problem;
            }
            return null;
        }

        private String add(GeneralName g) {
            int tag = g.getTagNo();
            forms.add(tag);
            try {
                switch (tag) {
                    case GeneralName.dNSName -> {
                        String s = ((ASN1String) g.getName()).getString();
                        if (!NameSyntax.dnsConstraint(s)) return "dNSName " + quote(s);
                        dns.add(s.toLowerCase(Locale.ROOT));
                    }
                    case GeneralName.rfc822Name -> {
                        String s = ((ASN1String) g.getName()).getString();
                        if (!NameSyntax.rfc822Constraint(s)) return "rfc822Name " + quote(s);
                        int at = s.lastIndexOf('@');
                        if (at >= 0) mailboxes.add(s.substring(0, at) + "@" + s.substring(at + 1).toLowerCase(Locale.ROOT));
                        else if (s.startsWith(".")) mailDomains.add(s.substring(1).toLowerCase(Locale.ROOT));
                        else mailHosts.add(s.toLowerCase(Locale.ROOT));
                    }
                    case GeneralName.uniformResourceIdentifier -> {
                        String s = ((ASN1String) g.getName()).getString();
                        if (!NameSyntax.uriConstraint(s)) return "uniformResourceIdentifier " + quote(s);
                        if (s.startsWith(".")) uriDomains.add(s.substring(1).toLowerCase(Locale.ROOT));
                        else uriHosts.add(s.toLowerCase(Locale.ROOT));
                    }
                    case GeneralName.iPAddress -> {
                        byte[] c = ASN1OctetString.getInstance(g.getName()).getOctets();
                        if (!NameSyntax.ipConstraint(c)) return "iPAddress constraint of " + c.length + " octets";
                        int half = c.length / 2;
                        byte[] net = new byte[half];
                        for (int i = 0; i < half; i++) net[i] = (byte) (c[i] & c[half + i]);
                        ip.computeIfAbsent(half, k -> new HashMap<>())
                            .computeIfAbsent(NameSyntax.prefixLength(c), k -> new HashSet<>()).add(ByteBuffer.wrap(net));
                    }
                    case GeneralName.directoryName -> {
                        List<String> keys = rdnPrefixKeys(X500Name.getInstance(g.getName()));
                        if (keys.isEmpty()) dnAll = true;
                        else dn.add(keys.get(keys.size() - 1));
                    }
                    default -> {
                        // forms this validator cannot compare: remembered in `forms` only
                    }
                }
            } catch (RuntimeException e) {
                return FORM_NAMES[tag];
            }
            return null;
        }

        boolean has(int form) { return forms.contains(form); }

        @SuppressWarnings("unchecked")
        boolean matches(int form, Object value, boolean excluding) {
            return switch (form) {
                case GeneralName.dNSName -> dnsMatches(((String) value).toLowerCase(Locale.ROOT), excluding);
                case GeneralName.rfc822Name -> mailMatches((String) value);
                case GeneralName.uniformResourceIdentifier -> uriMatches((String) value);
                case GeneralName.iPAddress -> ipMatches((byte[]) value);
                case GeneralName.directoryName -> dnMatches((List<String>) value);
                default -> false;
            };
        }

        /** The name, or the name with labels removed from the left, is a constraint ("" matches all). */
        private boolean dnsMatches(String name, boolean excluding) {
            if (dns.contains("") || dns.contains(name) || anySuffix(name, dns)) return true;
            // A wildcard stands for any one label: "*.example.com" is excluded by "host.example.com".
            if (excluding && name.startsWith("*.")) {
                String base = name.substring(2);
                for (String c : dns) {
                    int dot = c.indexOf('.');
                    if (dot > 0 && c.substring(dot + 1).equals(base)) return true;
                }
            }
            return false;
        }

        private boolean mailMatches(String mailbox) {
            if (!NameSyntax.mailbox(mailbox)) return false;
            int at = mailbox.lastIndexOf('@');
            String domain = mailbox.substring(at + 1).toLowerCase(Locale.ROOT);
            return mailboxes.contains(mailbox.substring(0, at) + "@" + domain) || mailHosts.contains(domain)
                || anySuffix(domain, mailDomains);
        }

        private boolean uriMatches(String uri) {
            String host = NameSyntax.uriHost(uri);
            return host != null && (uriHosts.contains(host) || anySuffix(host, uriDomains));
        }

        private boolean ipMatches(byte[] addr) {
            Map<Integer, Set<ByteBuffer>> byPrefix = ip.get(addr.length);
            if (byPrefix == null) return false;
            for (Map.Entry<Integer, Set<ByteBuffer>> e : byPrefix.entrySet()) {
                byte[] masked = new byte[addr.length];
                int bits = e.getKey();
                for (int i = 0; i < addr.length; i++) {
                    int keep = Math.max(0, Math.min(8, bits - 8 * i));
                    masked[i] = (byte) (addr[i] & (0xff << (8 - keep)));
                }
                if (e.getValue().contains(ByteBuffer.wrap(masked))) return true;
            }
            return false;
        }

        private boolean dnMatches(List<String> nameKeys) {
            if (dnAll) return true;
            for (String k : nameKeys) if (dn.contains(k)) return true;
            return false;
        }

        /** Some proper suffix after a dot ("a.b.c" → "b.c", "c") is in the set. */
        private static boolean anySuffix(String name, Set<String> set) {
            if (set.isEmpty()) return false;
            for (int i = name.indexOf('.'); i >= 0; i = name.indexOf('.', i + 1)) {
                if (set.contains(name.substring(i + 1))) return true;
            }
            return false;
        }
    }
}
