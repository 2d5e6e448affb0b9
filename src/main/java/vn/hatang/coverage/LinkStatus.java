package vn.hatang.coverage;

import org.jooq.Condition;
import org.jooq.impl.DSL;
import vn.hatang.db.tables.Link;

/**
 * Whether a link is up: the one place where live SNMP status (branch {@code snmp}) plugs into WAN_CONNECTED. Until
 * then the inventory's own {@code status = 'active'} decides.
 */
public interface LinkStatus {
    Condition up(Link link);

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
