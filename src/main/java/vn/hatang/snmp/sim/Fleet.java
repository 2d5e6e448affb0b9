package vn.hatang.snmp.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A simulated fleet of 48-port switches on a few sockets. Device i is served on socket i mod sockets with
 * community "sw" + i; devices whose i mod 100 is below silentPercent never answer.
 */
public final class Fleet implements AutoCloseable {
    private final SnmpResponder responder;
    private final List<SimDevice> devices;

    private Fleet(SnmpResponder responder, List<SimDevice> devices) {
        this.responder = responder;
        this.devices = devices;
    }

    public static String community(int i) {
        return "sw" + i;
    }

    public static boolean silent(int i, int silentPercent) {
        return i % 100 < silentPercent;
    }

    public static Fleet start(String host, int basePort, int count, int sockets, int threads, int silentPercent) {
        SnmpResponder r = SnmpResponder.start(host, basePort, Math.max(1, Math.min(sockets, count)), threads);
        MibView view = SwitchModel.view(new SwitchModel.Options());
        List<SimDevice> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SimDevice d = SwitchModel.device(community(i), i, view)
                    .upFor(java.time.Duration.ofSeconds(86_400L + i * 37L));
            d.silent(silent(i, silentPercent));
            list.add(r.add(d));
        }
        return new Fleet(r, list);
    }

    public List<SimDevice> devices() {
        return devices;
    }

    public SnmpResponder responder() {
        return responder;
    }

    @Override
    public void close() {
        responder.close();
    }
}
