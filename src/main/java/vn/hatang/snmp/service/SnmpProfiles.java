package vn.hatang.snmp.service;

import static vn.hatang.db.Tables.SNMP_PROFILE;

import io.vertx.core.Future;
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
import java.util.List;
import org.jooq.DSLContext;
import vn.hatang.db.tables.records.SnmpProfileRecord;
import vn.hatang.platform.db.Db;
import vn.hatang.security.Scope;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Schema;
import vn.hatang.platform.json.Input;
import vn.hatang.snmp.api.AuthProtocol;
import vn.hatang.snmp.api.PrivProtocol;
import vn.hatang.snmp.api.SecurityLevel;
import vn.hatang.snmp.api.SnmpCredentials;
import vn.hatang.snmp.api.SnmpTarget;
import vn.hatang.snmp.store.SecretBox;

/**
 * SNMP credential profiles. Secrets (community, passphrases) are sealed with AES-GCM before they reach the
 * database and never leave this class except as {@link SnmpCredentials} for the poller; the API sees
 * {@code has_secret} only. On update, omitted secrets keep their previous value.
 */
public final class SnmpProfiles {
    private final Db db;
    private final SecretBox box;

    public SnmpProfiles(Db db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    public Future<JsonArray> list(Scope scope) {
        return db.read(scope, dsl -> {
            JsonArray a = new JsonArray();
            dsl.selectFrom(SNMP_PROFILE).orderBy(SNMP_PROFILE.NAME).fetch().forEach(r -> a.add(view(r)));
            return a;
        });
    }

    public Future<JsonObject> get(Scope scope, long id) {
        return db.read(scope, dsl -> view(find(dsl, id)));
    }

    public Future<JsonObject> create(Scope scope, Input in) {
        Parsed p = parse(in, null);
        return db.tx(scope, dsl -> {
            SnmpProfileRecord r = dsl.newRecord(SNMP_PROFILE);
            p.apply(r, box);
            r.setVersion(1);
            r.store();
            return view(r);
        });
    }

    public Future<JsonObject> update(Scope scope, long id, Integer ifMatch, Input in) {
        return db.tx(scope, dsl -> {
            SnmpProfileRecord r = find(dsl, id);
            if (ifMatch != null && !ifMatch.equals(r.getVersion())) {
                throw ApiException.preconditionFailed(view(r));
            }
            Parsed p = parse(in, secrets(r));
            p.apply(r, box);
            r.setVersion(r.getVersion() + 1);
            r.setUpdatedAt(Instant.now());
            r.store();
            return view(r);
        });
    }

    public Future<Void> delete(Scope scope, long id) {
        return db.tx(scope, dsl -> {
            find(dsl, id).delete();
            return null;
        });
    }

    /** The credentials of a profile row, decrypted; for the poller only. */
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

    SnmpTarget target(SnmpProfileRecord r, String host) {
        return SnmpTarget.of(host, r.getPort(), credentials(r)).withTimeout(r.getTimeoutMs(), r.getRetries());
    }

    private static SnmpProfileRecord find(DSLContext dsl, long id) {
        SnmpProfileRecord r = dsl.selectFrom(SNMP_PROFILE).where(SNMP_PROFILE.ID.eq(id)).fetchOne();
        if (r == null) {
            throw ApiException.notFound("snmp_profile", id);
        }
        return r;
    }

    static JsonObject view(SnmpProfileRecord r) {
        return new JsonObject().put("id", r.getId()).put("name", r.getName()).put("snmp_version", r.getSnmpVersion())
                .put("user_name", r.getUserName()).put("security_level", r.getSecurityLevel())
                .put("auth_protocol", r.getAuthProtocol()).put("priv_protocol", r.getPrivProtocol())
                .put("context_name", r.getContextName()).put("port", r.getPort()).put("timeout_ms", r.getTimeoutMs())
                .put("retries", r.getRetries()).put("has_secret", r.getSecret() != null && r.getSecret().length > 0)
                .put("version", r.getVersion());
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

    static final List<String> FIELDS = List.of("name", "snmp_version", "community", "user_name", "security_level",
            "auth_protocol", "auth_passphrase", "priv_protocol", "priv_passphrase", "context_name", "port",
            "timeout_ms", "retries", "version");

    /** The body of a create or update: secrets are write-only (never answered), omitted ones are kept on update. */
    static io.vertx.core.json.JsonObject schema() {
        return Schema.object().required("name", Schema.text(100))
                .required("snmp_version", Schema.oneOf(List.of("v2c", "v3"))).optional("community", Schema.text(255))
                .optional("user_name", Schema.text(100))
                .optional("security_level", Schema.oneOf(List.of("noauthnopriv", "authnopriv", "authpriv")))
                .optional("auth_protocol", Schema.text(20)).optional("auth_passphrase", Schema.text(255))
                .optional("priv_protocol", Schema.text(20)).optional("priv_passphrase", Schema.text(255))
                .optional("context_name", Schema.text(100)).optional("port", Schema.integer(1, 65535))
                .optional("timeout_ms", Schema.integer(100, 60000)).optional("retries", Schema.integer(0, 10))
                .readOnly("version", Schema.integer(0, Integer.MAX_VALUE)).json();
    }

    /** Unknown fields are a 400, as everywhere in the API. */
    static void onlyKnown(Input in, List<String> known) {
        for (String name : in.names()) {
            if (!known.contains(name)) {
                throw ApiException.invalid(name, "error.unknown_field", String.join(", ", known));
            }
        }
    }

    private static Parsed parse(Input in, String[] previous) {
        onlyKnown(in, FIELDS);
        Parsed p = new Parsed();
        p.name = in.text("name", 100, true);
        if (p.name.isBlank()) {
            throw ApiException.invalid("name", "error.required");
        }
        p.version = in.oneOf("snmp_version", List.of("v2c", "v3"), true);
        Integer port = in.integer("port", 1, 65535, false);
        Integer timeout = in.integer("timeout_ms", 100, 60000, false);
        Integer retries = in.integer("retries", 0, 10, false);
        p.port = port == null ? 161 : port;
        p.timeout = timeout == null ? 2000 : timeout;
        p.retries = retries == null ? 1 : retries;
        if ("v2c".equals(p.version)) {
            String community = in.text("community", 255, previous == null);
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
            String pass = in.text("auth_passphrase", 255, previous == null);
            p.secretA = pass != null ? pass : previous[0];
            passphrase("auth_passphrase", p.secretA);
        }
        if (level == SecurityLevel.AUTH_PRIV) {
            p.priv = protocol("priv_protocol", in, false);
            String pass = in.text("priv_passphrase", 255, previous == null);
            p.secretB = pass != null ? pass : previous[1];
            passphrase("priv_passphrase", p.secretB);
        }
        return p;
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
