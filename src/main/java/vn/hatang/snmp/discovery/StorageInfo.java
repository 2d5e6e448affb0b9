package vn.hatang.snmp.discovery;

/** One row of HOST-RESOURCES hrStorageTable, in bytes. */
public final class StorageInfo {
    public final int index;
    public final String descr;
    public final long sizeBytes;
    public final long usedBytes;

    public StorageInfo(int index, String descr, long sizeBytes, long usedBytes) {
        this.index = index;
        this.descr = descr;
        this.sizeBytes = sizeBytes;
        this.usedBytes = usedBytes;
    }
}
