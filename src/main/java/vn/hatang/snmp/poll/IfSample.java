package vn.hatang.snmp.poll;

/**
 * One interface as read in one poll. A value the agent did not report is null, never a stand-in number: counters are
 * raw unsigned 32- or 64-bit readings (a Counter64 above 2^63 reads negative, see {@link Long#compareUnsigned}).
 */
public final class IfSample {
    public final int ifIndex;
    public final String name;
    public final String descr;
    public final String alias;
    public final Integer type;
    /** Bits per second: ifHighSpeed × 10^6 when the agent reports a non-zero one, else ifSpeed. */
    public final Long speedBps;
    public final Integer adminStatus;
    public final Integer operStatus;
    /** True when the octet counters are the 64-bit ifHC ones. */
    public final boolean hc;
    public final Long inOctets;
    public final Long outOctets;
    public final Long inErrors;
    public final Long outErrors;
    public final Long inDiscards;
    public final Long outDiscards;
    /** ifCounterDiscontinuityTime (ticks). */
    public final Long discontinuity;

    public IfSample(int ifIndex, String name, String descr, String alias, Integer type, Long speedBps,
                    Integer adminStatus, Integer operStatus, boolean hc, Long inOctets, Long outOctets, Long inErrors,
                    Long outErrors, Long inDiscards, Long outDiscards, Long discontinuity) {
        this.ifIndex = ifIndex;
        this.name = name;
        this.descr = descr;
        this.alias = alias;
        this.type = type;
        this.speedBps = speedBps;
        this.adminStatus = adminStatus;
        this.operStatus = operStatus;
        this.hc = hc;
        this.inOctets = inOctets;
        this.outOctets = outOctets;
        this.inErrors = inErrors;
        this.outErrors = outErrors;
        this.inDiscards = inDiscards;
        this.outDiscards = outDiscards;
        this.discontinuity = discontinuity;
    }

    /** The same reading with another ifOperStatus (a linkDown/linkUp trap arrived). */
    public IfSample withOperStatus(int status) {
        return new IfSample(ifIndex, name, descr, alias, type, speedBps, adminStatus, status, hc, inOctets, outOctets,
                inErrors, outErrors, inDiscards, outDiscards, discontinuity);
    }

    public boolean up() {
        return operStatus != null && operStatus == 1;
    }

    /** What to call the interface in words: ifName, else ifDescr, else its index. */
    public String label() {
        return name != null && !name.isBlank() ? name : descr != null && !descr.isBlank() ? descr : "ifIndex " + ifIndex;
    }
}
