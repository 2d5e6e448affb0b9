package vn.hatang.security;

import static vn.hatang.db.Tables.APP_USER;
import static vn.hatang.db.Tables.USER_GRANT;

import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.db.tables.records.AppUserRecord;
import vn.hatang.platform.Module;
import vn.hatang.platform.Platform;
import vn.hatang.platform.http.Endpoint;

/** Accounts, login and the access check, wired from the platform. */
public final class SecurityModule implements Module {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityModule.class);
    public static final String ADMIN_LOGIN = "admin";

    private final Platform platform;
    private final AuthService auth;
    private final UserService users;
    private final AccessControl access;
    private final OidcLogin oidc;
    private final CertificateLogin certificates;

    public SecurityModule(Platform platform) {
        this.platform = platform;
        this.auth = new AuthService(platform.db(), platform.audit(), platform.config().security(), platform.clock());
        this.users = new UserService(platform.db(), auth, platform.clock());
        this.access = new AccessControl(auth, platform.audit(), platform.db(),
                platform.config().http().baseUrl().startsWith("https:"));
        this.oidc = new OidcLogin(platform.config().security().oidc(), platform.config().http().baseUrl(), platform.db(), auth, platform.clock());
        this.certificates = new CertificateLogin(platform.db(), auth);
    }

    /** Certificate login judges certificates as the certificate register does (the PKI module's check). */
    public SecurityModule withCertificateLogin(CertificateCheck register) {
        certificates.use(register);
        return this;
    }

    /**
     * The HTTPS listener for certificate login on {@code port}, serving the same routes; null when
     * {@code HATANG_TLS_PORT} is not set.
     */
    public HttpServerOptions tlsListener(int port) {
        var tls = platform.config().security().tls();
        return tls.enabled() ? CertificateLogin.listener(tls, port) : null;
    }

    public AccessControl access() {
        return access;
    }

    public AuthService auth() {
        return auth;
    }

    public UserService users() {
        return users;
    }

    /** Login with one's signature certificate (the console's button calls it as {@code loginWithCertificate} does). */
    public CertificateLogin certificateLogin() {
        return certificates;
    }

    OidcLogin oidc() {
        return oidc;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new SecurityEndpoint(auth, users, platform.blocking()),
                new SignOnEndpoint(oidc, certificates, platform.blocking()));
    }

    /**
     * On a database with no account at all, creates {@code admin} (whole tree) with a random password written to
     * {@code <data dir>/admin-password} (mode 0600) and says so once in the log. Nothing is ever open by default:
     * without that file (or the {@code users} command) nobody can log in.
     */
    private static final long BOOTSTRAP_LOCK = 0x626f6f74L; // "boot"

    public void bootstrapAdmin(Path dataDir) {
        Scope scope = Scope.system("bootstrap");
        platform.db().inTransaction(scope, tx -> {
            // Instances starting together on an empty database: the first creates the administrator, the others
            // wait here and then find it.
            tx.select(DSL.function("pg_advisory_xact_lock", Object.class, DSL.inline(BOOTSTRAP_LOCK))).fetch();
            if (tx.fetchExists(APP_USER)) {
                return null;
            }
            if (dataDir == null) {
                LOG.warn("Chưa có tài khoản nào / no account exists: create one with `users add`");
                return null;
            }
            String password = Secrets.password(20);
            Path file = dataDir.resolve("admin-password");
            try {
                Files.createDirectories(dataDir);
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, password + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            AppUserRecord u = tx.newRecord(APP_USER);
            u.setLogin(ADMIN_LOGIN);
            u.setFullName("Quản trị hệ thống");
            u.setPasswordHash(Passwords.hash(password));
            u.setPasswordChangedAt(platform.clock().instant());
            u.store();
            tx.insertInto(USER_GRANT).set(USER_GRANT.USER_ID, u.getId()).set(USER_GRANT.ROLE, "admin").execute();
            LOG.warn("Đã tạo tài khoản quản trị '{}'; mật khẩu ở {} (chỉ chủ sở hữu đọc được) — hãy đổi sau khi đăng "
                    + "nhập / created the administrator account '{}'; its password is in {} — change it after logging "
                    + "in", ADMIN_LOGIN, file, ADMIN_LOGIN, file);
            return null;
        });
    }
}
