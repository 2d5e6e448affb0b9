package vn.hatang.snmp.poll;

/** One interface as read in one poll. Counters are raw (unsigned 32 or 64 bit); -1 where the agent had none. */
public final class IfSample {
    public final int ifIndex;
    public final String name;
    public final String descr;
    public final String alias;
    public final int type;
    /** Bits per second: ifHighSpeed × 10^6 when present, else ifSpeed. */
    public final long speedBps;
    public final int adminStatus;
    public final int operStatus;
    /** True when the octet counters are the 64-bit ifHC ones. */
    public final boolean hc;
    public final long inOctets;
    public final long outOctets;
    public final long inErrors;
    public final long outErrors;
    public final long inDiscards;
    public final long outDiscards;
    /** ifCounterDiscontinuityTime (ticks), -1 if not reported. */
    public final long discontinuity;

    public IfSample(int ifIndex, String name, String descr, String alias, int type, long speedBps, int adminStatus,
                    int operStatus, boolean hc, long inOctets, long outOctets, long inErrors, long outErrors,
                    long inDiscards, long outDiscards, long discontinuity) {
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
        return operStatus == 1;
    }
}
