package vn.hatang.devices;

import java.util.List;
import vn.hatang.datacenter.InformationSystemService;
import vn.hatang.datacenter.RackService;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.CrudEndpoint;
import vn.hatang.platform.http.Endpoint;

/** Devices, the investment lines that approve them, and the data-center racks and information systems. */
public final class DevicesModule {
    private DevicesModule() {
    }

    public static List<Endpoint> endpoints(Db db) {
        return List.of(
                new DeviceEndpoint(new DeviceService(db)),
                new CrudEndpoint("/investment-lines", new InvestmentLineService(db), "under", "category", "year"),
                new CrudEndpoint("/racks", new RackService(db), "under"),
                new CrudEndpoint("/information-systems", new InformationSystemService(db), "under", "approval_state"));
    }
}
