package vn.hatang.snmp.api;

/** One variable binding of a request or response. */
public final class VarBind {
    private final Oid oid;
    private final SnmpValue value;

    public VarBind(Oid oid, SnmpValue value) {
        this.oid = oid;
        this.value = value;
    }

    public Oid oid() {
        return oid;
    }

    public SnmpValue value() {
        return value;
    }

    @Override
    public String toString() {
        return oid + " = " + value;
    }
}
