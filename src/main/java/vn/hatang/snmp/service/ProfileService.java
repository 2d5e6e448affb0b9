package vn.hatang.snmp.service;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import vn.hatang.db.tables.records.SnmpProfileRecord;
import vn.hatang.db.tables.records.UnitRecord;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.json.Input;
import vn.hatang.security.Scope;
import vn.hatang.snmp.api.AuthProtocol;
import vn.hatang.snmp.api.PrivProtocol;
import vn.hatang.snmp.api.SecurityLevel;
import vn.hatang.snmp.api.SnmpCredentials;
import vn.hatang.snmp.store.SecretBox;

/**
 * SNMP credential profiles: who owns one (a unit: only devices of its subtree may use it, only callers whose scope
 * covers it may see or change it), where its secrets may be sent (its networks), and the secrets themselves. Secrets
 * (community, passphrases) are sealed with AES-GCM before they reach the database and leave this class only as
 * {@link SnmpCredentials} for the poller; the API sees {@code has_secret}. On update, omitted secrets are kept.
 */
final class ProfileService {
    static final List<String> FIELDS = List.of("name", "unit_id", "unit_code", "networks", "snmp_version", "community",
            "user_name", "security_level", "auth_protocol", "auth_passphrase", "priv_protocol", "priv_passphrase",
            "context_name", "port", "timeout_ms", "retries", "version");

    /** The networks of a profile created without any: private and loopback addresses only. */
    static final List<String> DEFAULT_NETWORKS = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8",
            "fc00::/7", "::1/128");

    private final SecretBox box;

    ProfileService(SecretBox box) {
        this.box = box;
    }

    JsonArray list(DSLContext dsl, Scope scope) {
        JsonArray a = new JsonArray();
        for (var r : SnmpRepository.profiles(dsl, scope)) {
            a.add(view(r.into(vn.hatang.db.Tables.SNMP_PROFILE), r.get(vn.hatang.db.Tables.UNIT.CODE)));
        }
        return a;
    }

    JsonObject get(DSLContext dsl, Scope scope, long id) {
        SnmpProfileRecord r = SnmpRepository.profile(dsl, scope, id);
        return view(r, SnmpRepository.unitCode(dsl, r.getUnitId()));
    }

    SnmpProfileRecord create(DSLContext dsl, Scope scope, Input in) {
        Parsed p = parse(dsl, scope, in, null);
        SnmpProfileRecord r = dsl.newRecord(vn.hatang.db.Tables.SNMP_PROFILE);
        p.apply(r, box);
        r.setVersion(1);
        r.setSimulated(false);
        r.store();
        return r;
    }

    SnmpProfileRecord update(DSLContext dsl, Scope scope, long id, Integer ifMatch, Input in) {
        SnmpProfileRecord r = SnmpRepository.profile(dsl, scope, id);
        if (ifMatch != null && !ifMatch.equals(r.getVersion())) {
            throw ApiException.preconditionFailed(view(r, SnmpRepository.unitCode(dsl, r.getUnitId())));
        }
        Parsed p = parse(dsl, scope, in, r);
        p.apply(r, box);
        r.setVersion(r.getVersion() + 1);
        r.setUpdatedAt(Instant.now());
        r.store();
        return r;
    }

    void delete(DSLContext dsl, Scope scope, long id) {
        SnmpProfileRecord r = SnmpRepository.profile(dsl, scope, id);
        if (SnmpRepository.profileInUse(dsl, id)) {
            throw ApiException.stateConflict("error.snmp_profile_in_use", r.getName());
        }
        r.delete();
    }

    /** A profile made by the service itself (the simulated sample), stored like any other. */
    SnmpProfileRecord createSystem(DSLContext dsl, String name, long unitId, List<String> networks, String community,
                                   int port, boolean simulated) {
        SnmpProfileRecord r = dsl.newRecord(vn.hatang.db.Tables.SNMP_PROFILE);
        r.setName(name);
        r.setUnitId(unitId);
        r.setNetworks(JSONB.valueOf(new JsonArray(new ArrayList<>(networks)).encode()));
        r.setSnmpVersion("v2c");
        r.setSecret(box.seal(encode(community, null)));
        r.setPort(port);
        r.setTimeoutMs(1000);
        r.setRetries(1);
        r.setSimulated(simulated);
        r.setVersion(1);
        r.store();
        return r;
    }

    /** The credentials of a profile row, decrypted; for the poller and the trap receiver only. */
    SnmpCredentials credentials(SnmpProfileRecord r) {
        String[] s = secrets(r);
        if ("v2c".equals(r.getSnmpVersion())) {
            return SnmpCredentials.community(s[0]);
        }
        SecurityLevel level = SecurityLevel.parse(r.getSecurityLevel());
        return SnmpCredentials.usm(r.getUserName(), level,
                r.getAuthProtocol() == null ? null : AuthProtocol.valueOf(r.getAuthProtocol()), emptyToNull(s[0]),
                r.getPrivProtocol() == null ? null : PrivProtocol.valueOf(r.getPrivProtocol()), emptyToNull(s[1]),
                r.getContextName());
    }

    static Networks networks(SnmpProfileRecord r) {
        return Networks.parse(new JsonArray(r.getNetworks().data()).stream().map(String::valueOf).toList());
    }

    static JsonObject view(SnmpProfileRecord r, String unitCode) {
        return new JsonObject().put("id", r.getId()).put("name", r.getName()).put("unit_id", r.getUnitId())
                .put("unit_code", unitCode).put("networks", new JsonArray(r.getNetworks().data()))
                .put("snmp_version", r.getSnmpVersion()).put("user_name", r.getUserName())
                .put("security_level", r.getSecurityLevel()).put("auth_protocol", r.getAuthProtocol())
                .put("priv_protocol", r.getPrivProtocol()).put("context_name", r.getContextName())
                .put("port", r.getPort()).put("timeout_ms", r.getTimeoutMs()).put("retries", r.getRetries())
                .put("has_secret", r.getSecret() != null && r.getSecret().length > 0)
                .put("simulated", r.getSimulated()).put("version", r.getVersion());
    }

    /** [community] for v2c, [authPassphrase, privPassphrase] for v3 ("" when absent). */
    private String[] secrets(SnmpProfileRecord r) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(box.open(r.getSecret())))) {
            return new String[] {in.readUTF(), in.readUTF()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encode(String a, String b) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(a == null ? "" : a);
            out.writeUTF(b == null ? "" : b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Validated input, secrets merged with the previous ones on update. */
    private static final class Parsed {
        String name;
        long unitId;
        List<String> networks;
        String version;
        String user;
        String level;
        String auth;
        String priv;
        String context;
        String secretA;
        String secretB;
        int port;
        int timeout;
        int retries;

        void apply(SnmpProfileRecord r, SecretBox box) {
            r.setName(name);
            r.setUnitId(unitId);
            r.setNetworks(JSONB.valueOf(new JsonArray(new ArrayList<>(networks)).encode()));
            r.setSnmpVersion(version);
            r.setUserName(user);
            r.setSecurityLevel(level);
            r.setAuthProtocol(auth);
            r.setPrivProtocol(priv);
            r.setContextName(context);
            r.setSecret(box.seal(encode(secretA, secretB)));
            r.setPort(port);
            r.setTimeoutMs(timeout);
            r.setRetries(retries);
        }
    }

    /** Unknown fields are a 400, as everywhere in the API. */
    static void onlyKnown(Input in, List<String> known) {
        for (String name : in.names()) {
            if (!known.contains(name)) {
                throw ApiException.invalid(name, "error.unknown_field", String.join(", ", known));
            }
        }
    }

    /**
     * Reads a whole profile. On update ({@code before} not null) omitted secrets, owner and networks keep their
     * values; a new owner must lie in the caller's scope, like the old one.
     */
    private Parsed parse(DSLContext dsl, Scope scope, Input in, SnmpProfileRecord before) {
        onlyKnown(in, FIELDS);
        String[] previous = before == null ? null : secrets(before);
        Parsed p = new Parsed();
        p.name = in.text("name", 100, true);
        if (p.name.isBlank()) {
            throw ApiException.invalid("name", "error.required");
        }
        p.unitId = owner(dsl, scope, in, before);
        p.networks = networks(in, before);
        p.version = in.oneOf("snmp_version", List.of("v2c", "v3"), true);
        Integer port = in.integer("port", 1, 65535, false);
        Integer timeout = in.integer("timeout_ms", 100, 60000, false);
        Integer retries = in.integer("retries", 0, 10, false);
        p.port = port == null ? 161 : port;
        p.timeout = timeout == null ? 2000 : timeout;
        p.retries = retries == null ? 1 : retries;
        boolean sameVersion = before != null && p.version.equals(before.getSnmpVersion());
        if ("v2c".equals(p.version)) {
            String community = in.text("community", 255, !sameVersion);
            p.secretA = community != null ? community : previous[0];
            if (p.secretA == null || p.secretA.isEmpty()) {
                throw ApiException.invalid("community", "error.required");
            }
            return p;
        }
        p.user = in.text("user_name", 100, true);
        String levelText = in.oneOf("security_level", List.of("noauthnopriv", "authnopriv", "authpriv"), true);
        SecurityLevel level = SecurityLevel.parse(levelText);
        p.level = level == SecurityLevel.AUTH_PRIV ? "authPriv" : level == SecurityLevel.AUTH_NO_PRIV ? "authNoPriv"
                : "noAuthNoPriv";
        p.context = in.text("context_name", 100, false);
        if (level != SecurityLevel.NO_AUTH_NO_PRIV) {
            p.auth = protocol("auth_protocol", in, true);
            String pass = in.text("auth_passphrase", 255, !sameVersion);
            p.secretA = pass != null ? pass : previous[0];
            passphrase("auth_passphrase", p.secretA);
        }
        if (level == SecurityLevel.AUTH_PRIV) {
            p.priv = protocol("priv_protocol", in, false);
            String pass = in.text("priv_passphrase", 255, !sameVersion);
            p.secretB = pass != null ? pass : previous[1];
            passphrase("priv_passphrase", p.secretB);
        }
        return p;
    }

    /**
     * The unit that owns the profile. Omitted: kept on update; on create the root of the caller's reach (the tree's
     * root for the whole tree, the caller's unit for one subtree); a caller granted several subtrees must say which.
     */
    private static long owner(DSLContext dsl, Scope scope, Input in, SnmpProfileRecord before) {
        Long id = in.id("unit_id", false);
        String code = in.text("unit_code", 64, false);
        if (id == null && code == null) {
            if (before != null) {
                return before.getUnitId();
            }
            List<Long> roots = scope.rootUnitIds();
            Long root = scope.isWholeTree() ? SnmpRepository.rootUnit(dsl) : roots.size() == 1 ? roots.get(0) : null;
            if (root == null) {
                throw ApiException.invalid("unit_code", "error.required");
            }
            return root;
        }
        UnitRecord u = SnmpRepository.unitRef(dsl, scope, id != null ? String.valueOf(id) : code,
                id != null ? "unit_id" : "unit_code");
        return u.getId();
    }

    /**
     * Where the secrets may go. Omitted: kept on update; on create the private and loopback ranges (RFC 1918, RFC 4193,
     * loopback), so a secret never leaves for a public address, with a warning in the log until the office narrows
     * them to its management networks.
     */
    private static List<String> networks(Input in, SnmpProfileRecord before) {
        if (!in.has("networks")) {
            return before != null ? networks(before).texts() : DEFAULT_NETWORKS;
        }
        JsonArray a = in.array("networks", true);
        if (a.isEmpty() || a.size() > 100) {
            throw ApiException.invalid("networks", "error.snmp_networks");
        }
        List<String> out = new ArrayList<>();
        for (Object o : a) {
            if (!(o instanceof String s) || s.length() > 64) {
                throw ApiException.invalid("networks", "error.snmp_network", String.valueOf(o));
            }
            try {
                out.addAll(Networks.parse(List.of(s)).texts());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("networks", "error.snmp_network", s);
            }
        }
        return out;
    }

    private static String protocol(String field, Input in, boolean auth) {
        String s = in.text(field, 20, true);
        try {
            return auth ? AuthProtocol.parse(s).name() : PrivProtocol.parse(s).name();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "error.one_of", auth ? "MD5, SHA, SHA-224, SHA-256, SHA-384, SHA-512"
                    : "DES, AES-128, AES-192, AES-256");
        }
    }

    private static void passphrase(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw ApiException.invalid(field, "error.required");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length < 8) {
            throw ApiException.invalid(field, "error.snmp_passphrase");
        }
    }
}
