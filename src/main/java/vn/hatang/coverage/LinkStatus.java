package vn.hatang.coverage;

import org.jooq.Condition;
import org.jooq.impl.DSL;
import vn.hatang.db.tables.Link;

/**
 * Whether a link is up for WAN_CONNECTED: the port through which live SNMP status plugs in. The inventory's
 * {@code status = 'active'} is the starting point; the SNMP module's implementation
 * ({@code vn.hatang.snmp.links.LiveLinkStatus}) adds what the poller saw, with the one definition of the interface
 * that carries a link.
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
}
