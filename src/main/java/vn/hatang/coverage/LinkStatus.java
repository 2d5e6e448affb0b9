package vn.hatang.coverage;

import static vn.hatang.db.Tables.SNMP_DEVICE_STATE;
import static vn.hatang.db.Tables.SNMP_INTERFACE;

import org.jooq.Condition;
import org.jooq.impl.DSL;
import vn.hatang.db.tables.Link;

/**
 * Whether a link is up for WAN_CONNECTED: the one place where live SNMP status plugs in. The inventory's
 * {@code status = 'active'} is the starting point; {@link #SNMP} adds what the poller saw.
 */
public interface LinkStatus {
    Condition up(Link link);

    /** Links the inventory calls active but live monitoring sees down (so the gap list can say why). */
    default Condition liveDown(Link link) {
        return DSL.falseCondition();
    }

    String source();

    String noteKey();

    LinkStatus INVENTORY = new LinkStatus() {
        @Override
        public Condition up(Link link) {
            return link.STATUS.eq(DSL.inline("active"));
        }

        @Override
        public String source() {
            return "inventory";
        }

        @Override
        public String noteKey() {
            return "note.link_inventory";
        }
    };

    /**
     * Active in the inventory and not seen down by the SNMP poller: the carrying device is not unreachable and the
     * carrying interface (matched by ifName, ifDescr or ifAlias, as the poller does) is not oper-down. A link whose
     * device is not polled keeps its inventory status.
     */
    LinkStatus SNMP = new LinkStatus() {
        @Override
        public Condition up(Link link) {
            return INVENTORY.up(link).andNot(liveDown(link));
        }

        @Override
        public Condition liveDown(Link link) {
            var state = SNMP_DEVICE_STATE.as("live_state");
            var iface = SNMP_INTERFACE.as("live_if");
            return DSL.exists(DSL.selectOne().from(state)
                            .where(state.DEVICE_ID.eq(link.DEVICE_ID)).and(state.REACHABLE.isFalse()))
                    .or(DSL.exists(DSL.selectOne().from(iface)
                            .where(iface.DEVICE_ID.eq(link.DEVICE_ID))
                            .and(iface.OPER_STATUS.eq(DSL.inline((short) 2)))
                            .and(iface.NAME.eq(link.INTERFACE_NAME).or(iface.DESCR.eq(link.INTERFACE_NAME))
                                    .or(iface.ALIAS.eq(link.INTERFACE_NAME)))));
        }

        @Override
        public String source() {
            return "snmp";
        }

        @Override
        public String noteKey() {
            return "note.link_snmp";
        }
    };
}
