package vn.hatang.snmp.discovery;

/** One row of HOST-RESOURCES hrStorageTable, in bytes (null when the agent lacks the column). */
public record StorageInfo(int index, String descr, Long sizeBytes, Long usedBytes) {
}
