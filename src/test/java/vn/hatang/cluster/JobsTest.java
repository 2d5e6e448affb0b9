package vn.hatang.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static vn.hatang.db.Tables.JOB_RUN;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.platform.Jobs;
import vn.hatang.testing.MutableClock;
import vn.hatang.testing.TestDatabase;

/** Verifies that a scheduled job runs once per period however many instances tick for it at the same time. */
class JobsTest {
    private final Vertx vertx = Vertx.vertx();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:15:00Z"));

    @BeforeEach
    void empty() {
        TestDatabase.reset();
    }

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void threeInstancesTickingTogetherRunThePeriodOnce() throws Exception {
        List<Jobs> instances = new ArrayList<>();
        for (String node : List.of("a:1", "b:1", "c:1")) {
            instances.add(new Jobs(vertx, TestDatabase.db(vertx), clock, node, true));
        }
        AtomicInteger runs = new AtomicInteger();
        List<Callable<Object>> ticks = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (Jobs j : instances) {
                ticks.add(() -> j.runOnce("snapshot", Duration.ofHours(1), scope -> runs.incrementAndGet()));
            }
        }
        var pool = Executors.newFixedThreadPool(6);
        try {
            for (var f : pool.invokeAll(ticks)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, runs.get(), "one run in the hour, whatever the instance");
        clock.advance(Duration.ofHours(1));
        instances.get(2).runOnce("snapshot", Duration.ofHours(1), scope -> runs.incrementAndGet());
        assertNull(instances.get(0).runOnce("snapshot", Duration.ofHours(1), scope -> runs.incrementAndGet()));
        assertEquals(2, runs.get(), "the next hour runs again, once");
        var last = TestDatabase.dsl().selectFrom(JOB_RUN).orderBy(JOB_RUN.PERIOD_START.desc()).limit(1).fetchOne();
        assertEquals("c:1", last.getNodeId(), "the instance that claimed the period ran it");
        assertEquals("2", last.getOutcome());
        assertEquals(Instant.parse("2026-12-02T11:00:00Z"), last.getPeriodStart());
    }
}
