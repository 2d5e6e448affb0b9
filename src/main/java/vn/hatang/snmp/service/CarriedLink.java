package vn.hatang.snmp.service;

import java.util.List;
import vn.hatang.snmp.poll.IfRate;
import vn.hatang.snmp.poll.IfSample;

/** A link and the interface of a polled device that carries it, matched by ifName, ifDescr or ifAlias. */
final class CarriedLink {
    final long id;
    final String code;
    final long deviceId;
    final String interfaceName;
    final long bandwidthBps;

    CarriedLink(long id, String code, long deviceId, String interfaceName, long bandwidthBps) {
        this.id = id;
        this.code = code;
        this.deviceId = deviceId;
        this.interfaceName = interfaceName;
        this.bandwidthBps = bandwidthBps;
    }

    /** Index into the poll's interface list, or -1. */
    int find(List<IfSample> interfaces) {
        if (interfaceName == null) {
            return -1;
        }
        for (int pass = 0; pass < 3; pass++) {
            for (int i = 0; i < interfaces.size(); i++) {
                IfSample s = interfaces.get(i);
                String v = pass == 0 ? s.name : pass == 1 ? s.descr : s.alias;
                if (v != null && v.equalsIgnoreCase(interfaceName)) {
                    return i;
                }
            }
        }
        return -1;
    }

    static double ratio(IfRate r, boolean in, long bandwidthBps) {
        if (r == null || bandwidthBps <= 0) {
            return Double.NaN;
        }
        double v = in ? r.inBps : r.outBps;
        return Double.isNaN(v) ? Double.NaN : v / bandwidthBps;
    }
}
