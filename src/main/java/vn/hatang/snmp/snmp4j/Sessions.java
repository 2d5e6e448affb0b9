package vn.hatang.snmp.snmp4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import vn.hatang.snmp.api.SnmpCredentials;

/**
 * The sessions of one client. v2c requests are spread round-robin over the base sessions; a v3 user goes to the
 * first session whose USM has no conflicting user of the same name, and a new session is opened when all conflict
 * (two devices with the same user name but different passphrases).
 */
final class Sessions {
    private final List<Session> sessions = new ArrayList<>();
    private final Session[] base;
    private final AtomicInteger next = new AtomicInteger();

    Sessions(int count) throws IOException {
        base = new Session[Math.max(1, count)];
        for (int i = 0; i < base.length; i++) {
            base[i] = new Session();
            sessions.add(base[i]);
        }
    }

    Session sessionFor(SnmpCredentials creds) {
        if (creds instanceof SnmpCredentials.Community) {
            return base[Math.floorMod(next.getAndIncrement(), base.length)];
        }
        SnmpCredentials.Usm usm = (SnmpCredentials.Usm) creds;
        synchronized (sessions) {
            for (Session s : sessions) {
                if (s.accept(usm)) {
                    return s;
                }
            }
            try {
                Session s = new Session();
                s.accept(usm);
                sessions.add(s);
                return s;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A base session, for requests that carry no credentials. */
    Session any() {
        return base[0];
    }

    void close() {
        synchronized (sessions) {
            sessions.forEach(Session::close);
        }
    }
}
