package vn.hatang.snmp.links;

import static vn.hatang.db.Tables.SNMP_LINK_STATE;

import org.jooq.Condition;
import org.jooq.impl.DSL;
import vn.hatang.coverage.LinkStatus;
import vn.hatang.db.tables.Link;

/**
 * Coverage's {@link LinkStatus} port, answered by the SNMP poller: a link the inventory calls active counts as up
 * unless the poller's last conclusion about it ({@code snmp_link_state}, written by {@link LinkState}) is "down" —
 * its device unreachable or its carrying interface down. A link whose device is not polled, or whose state is
 * unknown, keeps its inventory status.
 */
public final class LiveLinkStatus implements LinkStatus {
    public static final LiveLinkStatus INSTANCE = new LiveLinkStatus();

    private LiveLinkStatus() {
    }

    @Override
    public Condition up(Link link) {
        return INVENTORY.up(link).andNot(liveDown(link));
    }

    @Override
    public Condition liveDown(Link link) {
        var s = SNMP_LINK_STATE.as("live_link");
        return DSL.exists(DSL.selectOne().from(s).where(s.LINK_ID.eq(link.ID))
                .and(s.STATUS.eq(DSL.inline(LinkState.Status.DOWN.label()))));
    }

    @Override
    public String source() {
        return "live";
    }

    @Override
    public String noteKey() {
        return "note.link_snmp";
    }
}
