package vn.hatang.snmp.service;

import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jooq.DSLContext;
import vn.hatang.db.tables.records.DeviceRecord;
import vn.hatang.db.tables.records.SnmpProfileRecord;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.i18n.Messages;
import vn.hatang.security.Scope;
import vn.hatang.snmp.api.Oid;
import vn.hatang.snmp.api.SnmpAuthException;
import vn.hatang.snmp.api.SnmpClient;
import vn.hatang.snmp.api.SnmpCredentials;
import vn.hatang.snmp.api.SnmpTarget;
import vn.hatang.snmp.api.SnmpTimeoutException;
import vn.hatang.snmp.api.SnmpValue;
import vn.hatang.snmp.api.VarBind;

/**
 * "Test this device now": one GET of the system group with the device's profile (or another one in scope), answered
 * in words. It tells a silent device from a wrong community (an agent that ignores our community still answers an
 * SNMPv3 engine discovery, which carries no secret), a wrong v3 password (wrongDigests, decryptionErrors), an
 * unknown user, and an engine ID other than the one recorded for the device.
 * <p>
 * Secrets go only where the profile allows: the address is resolved once and must lie in the profile's networks,
 * or nothing is sent. Testing an address other than the inventory's needs {@code confirm: true}, so a typo or a
 * pasted address does not silently receive the community.
 */
final class DeviceTest {
    private static final List<Oid> SYSTEM = List.of(Oid.parse("1.3.6.1.2.1.1.5.0"), Oid.parse("1.3.6.1.2.1.1.1.0"),
            Oid.parse("1.3.6.1.2.1.1.2.0"), Oid.parse("1.3.6.1.2.1.1.3.0"));

    private final SnmpClient client;
    private final ProfileService profiles;

    DeviceTest(SnmpClient client, ProfileService profiles) {
        this.client = client;
        this.profiles = profiles;
    }

    /** What was checked before anything is sent. */
    record Prepared(long deviceId, SnmpTarget target, String address, String inventoryAddress, String profile,
                    boolean simulated, String expectedEngineId) {
    }

    /** Checks scope, profile, address and confirmation; resolves the address. Blocking (DNS). */
    Prepared prepare(DSLContext dsl, Scope scope, long deviceId, String address, Long profileId, boolean confirm) {
        DeviceRecord d = SnmpRepository.device(dsl, scope, deviceId);
        SnmpRepository.Assigned a = SnmpRepository.assigned(dsl, scope, deviceId);
        var assignment = SnmpRepository.assignment(dsl, deviceId);
        String inventoryAddress = assignment != null && assignment.getAddress() != null ? assignment.getAddress()
                : d.getMgmtAddress();
        Long pid = profileId != null ? profileId : a != null ? a.profileId() : null;
        if (pid == null) {
            throw ApiException.stateConflict("error.snmp_not_polled", String.valueOf(deviceId));
        }
        boolean otherAddress = address != null
                && !address.strip().equalsIgnoreCase(inventoryAddress == null ? "" : inventoryAddress.strip());
        // The device's own profile to its own address is what the poller does anyway; naming another profile, or
        // sending a profile's secrets to another address, is for callers who may use that profile.
        SnmpProfileRecord p;
        if (profileId != null) {
            p = SnmpRepository.profileRef(dsl, scope, pid, "profile_id");
        } else {
            p = SnmpRepository.profileById(dsl, pid);
            if (otherAddress && !SnmpRepository.profileInScope(dsl, scope, pid)) {
                throw ApiException.invalid("address", "error.snmp_test_address_owner", p.getName());
            }
        }
        String profilePath = SnmpRepository.unitPath(dsl, p.getUnitId());
        if (!SnmpRepository.unitPath(dsl, d.getUnitId()).startsWith(profilePath)) {
            throw ApiException.invalid("profile_id", "error.snmp_profile_scope", p.getName());
        }
        String host = address != null ? address : inventoryAddress;
        if (host == null || host.isBlank()) {
            throw ApiException.invalid("address", "error.required");
        }
        if (otherAddress && !confirm) {
            throw ApiException.stateConflict("error.snmp_test_confirm", address, String.valueOf(inventoryAddress))
                    .with("inventory_address", inventoryAddress);
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByName(host.strip());
        } catch (UnknownHostException e) {
            throw ApiException.invalid("address", "error.snmp_address_unresolved", host);
        }
        if (!ProfileService.networks(p).contains(ip)) {
            throw ApiException.stateConflict("error.snmp_test_not_allowed", ip.getHostAddress(), p.getName());
        }
        SnmpTarget t = SnmpTarget.of(ip.getHostAddress(), p.getPort(), profiles.credentials(p))
                .withTimeout(p.getTimeoutMs(), p.getRetries());
        return new Prepared(deviceId, t, host.strip(), inventoryAddress, p.getName(),
                Boolean.TRUE.equals(p.getSimulated()), assignment == null ? null : assignment.getEngineId());
    }

    /** Runs the test. Blocking: call it on the worker pool. */
    JsonObject run(Prepared p, Locale locale) {
        long started = System.nanoTime();
        SnmpTarget t = p.target();
        boolean v3 = t.credentials() instanceof SnmpCredentials.Usm;
        JsonObject o = new JsonObject().put("device_id", p.deviceId()).put("address", p.address())
                .put("port", t.port()).put("snmp_version", v3 ? "v3" : "v2c").put("profile", p.profile())
                .put("simulated", p.simulated());
        String engine = null;
        if (v3) {
            byte[] id = client.discoverEngineId(t);
            if (id == null) {
                return outcome(o, "timeout", locale, started, p.address());
            }
            engine = HexFormat.of().formatHex(id);
            o.put("engine_id", engine);
            if (p.expectedEngineId() != null && !p.expectedEngineId().equalsIgnoreCase(engine)) {
                o.put("engine_id_expected", p.expectedEngineId());
                return outcome(o, "wrong_engine_id", locale, started, p.expectedEngineId(), engine);
            }
        }
        try {
            List<VarBind> vbs = client.get(t, SYSTEM).get(t.timeoutMillis() * (t.retries() + 1) + 5000,
                    TimeUnit.MILLISECONDS);
            o.put("sys_name", text(vbs.get(0).value())).put("sys_descr", text(vbs.get(1).value()))
                    .put("sys_object_id", text(vbs.get(2).value()))
                    .put("uptime_s", vbs.get(3).value().isNumeric() ? vbs.get(3).value().asLong() / 100 : null);
            return outcome(o, "ok", locale, started, p.address());
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof SnmpAuthException a) {
                return outcome(o, authOutcome(a.reason()), locale, started, a.reason());
            }
            if (c instanceof SnmpTimeoutException) {
                if (v3) {
                    return outcome(o, "no_answer_after_discovery", locale, started, p.address());
                }
                // The agent ignores a wrong community in silence; an engine discovery (no secret in it) tells
                // "alive but not with this community" from "not there".
                return outcome(o, client.discoverEngineId(t) != null ? "wrong_community" : "timeout", locale, started,
                        p.address());
            }
            return outcome(o, "snmp_error", locale, started, String.valueOf(c.getMessage()));
        } catch (TimeoutException e) {
            return outcome(o, "timeout", locale, started, p.address());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outcome(o, "timeout", locale, started, p.address());
        }
    }

    private static String authOutcome(String reason) {
        return switch (reason) {
            case "wrongDigests" -> "wrong_auth_password";
            case "decryptionErrors" -> "wrong_priv_password";
            case "unknownUserNames" -> "unknown_user";
            case "unknownEngineIDs" -> "wrong_engine_id";
            case "unsupportedSecLevels" -> "unsupported_security_level";
            case "notInTimeWindows" -> "not_in_time_window";
            case "unknownContexts", "unavailableContexts" -> "unknown_context";
            default -> "credentials_rejected";
        };
    }

    private static JsonObject outcome(JsonObject o, String outcome, Locale locale, long started, Object... args) {
        return o.put("ok", outcome.equals("ok")).put("outcome", outcome)
                .put("message", Messages.get(locale, "snmp.test." + outcome, args))
                .put("elapsed_ms", (System.nanoTime() - started) / 1_000_000);
    }

    private static String text(SnmpValue v) {
        return v == null || v.isException() ? null : v.asText();
    }
}
