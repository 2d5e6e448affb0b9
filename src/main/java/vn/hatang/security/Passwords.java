package vn.hatang.security;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashes in PHC string form ({@code $argon2id$v=19$m=19456,t=2,p=1$…}), with OWASP's minimum
 * parameters: 19 MiB, 2 passes, 1 lane. The parameters travel inside each hash, so raising them later keeps old
 * hashes verifiable.
 */
public final class Passwords {
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    /** Checked when the login is unknown, so an unknown login takes as long as a wrong password. */
    private static final String DUMMY = hash("not a real password, only for timing");

    private Passwords() {
    }

    public static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    /** Whether {@code password} matches {@code hash}; a null hash (no password login) never matches. */
    public static boolean matches(String password, String hash) {
        if (hash == null) {
            Password.check(password, DUMMY).with(ARGON2);
            return false;
        }
        try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException malformed) {
            return false;
        }
    }
}
