package vn.hatang.devices;

import java.util.List;
import vn.hatang.datacenter.InformationSystemService;
import vn.hatang.datacenter.RackService;
import vn.hatang.platform.Module;
import vn.hatang.platform.Platform;
import vn.hatang.platform.http.CrudEndpoint;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Param;
import vn.hatang.security.Permission;

/** Devices, the investment lines that approve them, and the data-center racks and information systems. */
public final class DevicesModule implements Module {
    private final Platform platform;
    private final DeviceService.Modern modern;

    /** @param modern the KPIs' "modern device" rule, for the list's {@code modern} filter */
    public DevicesModule(Platform platform, DeviceService.Modern modern) {
        this.platform = platform;
        this.modern = modern;
    }

    @Override
    public List<Endpoint> endpoints() {
        var db = platform.db();
        return List.of(
                new DeviceEndpoint(new DeviceService(db, modern)),
                new CrudEndpoint("/investment-lines", "InvestmentLine", "InvestmentLines", new InvestmentLineService(db),
                        Permission.INVENTORY_WRITE, Param.under(), Param.oneOf("category", DeviceCategory.ALL, null),
                        Param.integer("year", 1900, 2200, "năm / year")),
                new CrudEndpoint("/racks", "Rack", "Racks", new RackService(db), Permission.INVENTORY_WRITE,
                        Param.under()),
                new CrudEndpoint("/information-systems", "InformationSystem", "InformationSystems",
                        new InformationSystemService(db), Permission.INVENTORY_WRITE, Param.under(),
                        Param.oneOf("approval_state", InformationSystemService.APPROVAL_STATES, null)));
    }
}
