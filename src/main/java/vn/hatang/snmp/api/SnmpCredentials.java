package vn.hatang.snmp.api;

import java.util.Objects;

/**
 * How to talk to an agent: a v2c community or a v3 USM user. Secrets never appear in {@link #toString()}.
 */
public abstract class SnmpCredentials {
    private SnmpCredentials() {
    }

    public static Community community(String community) {
        return new Community(community);
    }

    public static Usm usm(String user, SecurityLevel level, AuthProtocol auth, String authPassphrase,
                          PrivProtocol priv, String privPassphrase, String contextName) {
        return new Usm(user, level, auth, authPassphrase, priv, privPassphrase, contextName);
    }

    /** SNMPv2c community. */
    public static final class Community extends SnmpCredentials {
        private final String community;

        private Community(String community) {
            this.community = Objects.requireNonNull(community, "community");
        }

        public String community() {
            return community;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Community && ((Community) o).community.equals(community);
        }

        @Override
        public int hashCode() {
            return community.hashCode();
        }

        @Override
        public String toString() {
            return "v2c(community=***)";
        }
    }

    /** SNMPv3 user-based security. */
    public static final class Usm extends SnmpCredentials {
        private final String user;
        private final SecurityLevel level;
        private final AuthProtocol auth;
        private final String authPassphrase;
        private final PrivProtocol priv;
        private final String privPassphrase;
        private final String contextName;

        private Usm(String user, SecurityLevel level, AuthProtocol auth, String authPassphrase, PrivProtocol priv,
                    String privPassphrase, String contextName) {
            if (user == null || user.isEmpty()) {
                throw new IllegalArgumentException("Thiếu tên người dùng SNMPv3 / SNMPv3 user name is required");
            }
            this.user = user;
            this.level = Objects.requireNonNull(level, "level");
            this.contextName = contextName == null ? "" : contextName;
            if (level != SecurityLevel.NO_AUTH_NO_PRIV) {
                if (auth == null || authPassphrase == null || authPassphrase.length() < 8) {
                    throw new IllegalArgumentException("Cần giao thức và mật khẩu xác thực (≥ 8 ký tự) /"
                            + " auth protocol and passphrase (≥ 8 characters) are required");
                }
            }
            if (level == SecurityLevel.AUTH_PRIV) {
                if (priv == null || privPassphrase == null || privPassphrase.length() < 8) {
                    throw new IllegalArgumentException("Cần giao thức và mật khẩu mã hoá (≥ 8 ký tự) /"
                            + " privacy protocol and passphrase (≥ 8 characters) are required");
                }
            }
            this.auth = level == SecurityLevel.NO_AUTH_NO_PRIV ? null : auth;
            this.authPassphrase = level == SecurityLevel.NO_AUTH_NO_PRIV ? null : authPassphrase;
            this.priv = level == SecurityLevel.AUTH_PRIV ? priv : null;
            this.privPassphrase = level == SecurityLevel.AUTH_PRIV ? privPassphrase : null;
        }

        public String user() {
            return user;
        }

        public SecurityLevel level() {
            return level;
        }

        public AuthProtocol auth() {
            return auth;
        }

        public String authPassphrase() {
            return authPassphrase;
        }

        public PrivProtocol priv() {
            return priv;
        }

        public String privPassphrase() {
            return privPassphrase;
        }

        public String contextName() {
            return contextName;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Usm)) {
                return false;
            }
            Usm u = (Usm) o;
            return user.equals(u.user) && level == u.level && auth == u.auth && priv == u.priv
                    && Objects.equals(authPassphrase, u.authPassphrase) && Objects.equals(privPassphrase, u.privPassphrase)
                    && contextName.equals(u.contextName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(user, level, auth, priv, authPassphrase, privPassphrase, contextName);
        }

        @Override
        public String toString() {
            return "v3(user=" + user + ", level=" + level + ", auth=" + auth + ", priv=" + priv
                    + (contextName.isEmpty() ? "" : ", context=" + contextName) + ")";
        }
    }
}
