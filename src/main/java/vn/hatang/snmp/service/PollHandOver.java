package vn.hatang.snmp.service;

import static vn.hatang.db.Tables.SNMP_DEVICE_STATE;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.Db;

/**
 * "Poll this device now" for a device another instance polls (it holds the device's lease): the request goes to the
 * holder through PostgreSQL ({@code NOTIFY}), every instance {@code LISTEN}s on one connection of its own, and the
 * holder polls the device as it polls its own — under its lease, fenced, written. The asking instance answers once the
 * device's recorded last poll has moved, so the caller sees the result of that poll, whichever instance it asked.
 */
final class PollHandOver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PollHandOver.class);
    static final String CHANNEL = "hatang_snmp_poll_now";
    /** How often the asking instance looks whether the holder's poll is written. */
    private static final long LOOK_MS = 100;

    private final Db db;
    private final HatangConfig.DatabaseOptions options;
    private final Clock clock;
    private final LongPredicate poll;
    private final AtomicLong answered = new AtomicLong();
    private volatile boolean running = true;
    private volatile Connection connection;
    private final Thread thread;

    /**
     * Listens for requests and runs {@code poll} (blocking: polls the device if this instance holds it and writes the
     * result; true if it did) for each, on a thread of its own.
     */
    PollHandOver(Db db, HatangConfig.DatabaseOptions options, Clock clock, LongPredicate poll) {
        this.db = db;
        this.options = options;
        this.clock = clock;
        this.poll = poll;
        this.thread = new Thread(this::listen, "snmp-poll-hand-over");
        thread.setDaemon(true);
        thread.start();
    }

    private void listen() {
        while (running) {
            try (Connection c = DriverManager.getConnection(options.url(), options.user(), options.password());
                 Statement s = c.createStatement()) {
                connection = c;
                s.execute("LISTEN " + CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = pg.getNotifications(1000);
                    for (PGNotification n : received == null ? new PGNotification[0] : received) {
                        answer(n.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warn("Kênh thăm dò ngay mất kết nối, nối lại / poll-now channel lost, reconnecting: {}",
                            e.getMessage());
                    pause();
                }
            }
        }
    }

    private void answer(String payload) {
        try {
            if (poll.test(Long.parseLong(payload))) {
                answered.incrementAndGet();
            }
        } catch (NumberFormatException e) {
            // not ours: nothing to do
        } catch (RuntimeException e) {
            LOG.warn("Thăm dò ngay theo yêu cầu thất bại / polling on request failed: {}", e.toString());
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000); // before reconnecting to a database that just failed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * Asks the holder to poll the device, and completes when its poll is written (the device's last poll moved), or
     * fails with 504 after {@code timeout} (no instance holds it, or the holder did not get to it).
     */
    Future<Void> poll(Vertx vertx, long deviceId, Duration timeout) {
        Instant until = clock.instant().plus(timeout);
        return db.blocking().run(() -> db.inTransaction(SnmpService.SYSTEM, dsl -> {
            Instant before = lastPoll(dsl, deviceId);
            dsl.select(DSL.function("pg_notify", String.class, DSL.val(CHANNEL), DSL.val(String.valueOf(deviceId))))
                    .fetch(); // delivered at commit
            return before;
        })).compose(before -> {
            Promise<Void> done = Promise.promise();
            look(vertx, deviceId, before, until, done);
            return done.future();
        });
    }

    private void look(Vertx vertx, long deviceId, Instant before, Instant until, Promise<Void> done) {
        db.blocking().run(() -> db.readNow(SnmpService.SYSTEM, dsl -> lastPoll(dsl, deviceId))).onComplete(r -> {
            if (r.succeeded() && r.result().isAfter(before)) {
                done.complete();
            } else if (clock.instant().isAfter(until)) {
                done.fail(ApiException.of(504, "snmp-timeout", "error.snmp_holder_timeout",
                        String.valueOf(deviceId)));
            } else {
                vertx.setTimer(LOOK_MS, id -> look(vertx, deviceId, before, until, done));
            }
        });
    }

    /** The device's recorded last poll, or the epoch when it has none. */
    private static Instant lastPoll(org.jooq.DSLContext dsl, long deviceId) {
        return Objects.requireNonNullElse(dsl.select(SNMP_DEVICE_STATE.LAST_POLL).from(SNMP_DEVICE_STATE)
                .where(SNMP_DEVICE_STATE.DEVICE_ID.eq(deviceId)).fetchOne(SNMP_DEVICE_STATE.LAST_POLL), Instant.EPOCH);
    }

    /** Requests of other instances this one answered by polling a device it holds. */
    long answered() {
        return answered.get();
    }

    @Override
    public void close() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        thread.interrupt();
    }
}
