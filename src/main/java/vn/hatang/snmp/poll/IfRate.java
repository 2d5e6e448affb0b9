package vn.hatang.snmp.poll;

/** Traffic of one interface between two polls, in bits per second; NaN when unknown (first poll, discontinuity). */
public final class IfRate {
    public final int ifIndex;
    public final double inBps;
    public final double outBps;

    public IfRate(int ifIndex, double inBps, double outBps) {
        this.ifIndex = ifIndex;
        this.inBps = inBps;
        this.outBps = outBps;
    }

    public boolean known() {
        return !Double.isNaN(inBps) && !Double.isNaN(outBps);
    }
}
