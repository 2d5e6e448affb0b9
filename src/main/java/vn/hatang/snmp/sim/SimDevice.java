package vn.hatang.snmp.sim;

/**
 * One simulated agent: its MIB view and the misbehaviour a test asks of it. Counters and sysUpTime run from
 * the device's boot time, so {@link #restart()} resets them as a real reboot does.
 */
public final class SimDevice {
    /** Ways to break the answer on purpose. */
    public enum Quirk { NONE, MALFORMED, TRUNCATED }

    private final String community;
    private final int index;
    private final MibView view;
    private volatile boolean silent;
    private volatile long delayMillis;
    private volatile Quirk quirk = Quirk.NONE;
    private volatile long bootNanos = System.nanoTime();
    private volatile int port;
    private final java.util.Map<Integer, Integer> operStatus = new java.util.concurrent.ConcurrentHashMap<>();

    public SimDevice(String community, int index, MibView view) {
        this.community = community;
        this.index = index;
        this.view = view;
    }

    /** The device's number in its fleet; models derive names, serials and traffic from it. */
    public int index() {
        return index;
    }

    public String community() {
        return community;
    }

    public MibView view() {
        return view;
    }

    /** The UDP port the responder serves this device on (set when added). */
    public int port() {
        return port;
    }

    void port(int port) {
        this.port = port;
    }

    public boolean silent() {
        return silent;
    }

    public SimDevice silent(boolean v) {
        silent = v;
        return this;
    }

    public long delayMillis() {
        return delayMillis;
    }

    public SimDevice delayMillis(long v) {
        delayMillis = v;
        return this;
    }

    public Quirk quirk() {
        return quirk;
    }

    public SimDevice quirk(Quirk q) {
        quirk = q;
        return this;
    }

    /** Forces ifOperStatus of one interface (1 up, 2 down). */
    public SimDevice operStatus(int ifIndex, int status) {
        operStatus.put(ifIndex, status);
        return this;
    }

    int currentOperStatus(int ifIndex, int normal) {
        return operStatus.getOrDefault(ifIndex, normal);
    }

    /** Pretends the device booted this long ago (counters have run since). */
    public SimDevice upFor(java.time.Duration d) {
        bootNanos = System.nanoTime() - d.toNanos();
        return this;
    }

    /** Simulates a reboot: sysUpTime and counters start again from zero. */
    public void restart() {
        bootNanos = System.nanoTime();
    }

    public long bootNanos() {
        return bootNanos;
    }

    /** sysUpTime in hundredths of a second. */
    public long uptimeTicks(long nowNanos) {
        return (nowNanos - bootNanos) / 10_000_000L;
    }

    public double secondsUp(long nowNanos) {
        return (nowNanos - bootNanos) / 1e9;
    }
}
