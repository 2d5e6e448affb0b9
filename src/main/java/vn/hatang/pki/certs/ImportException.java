package vn.hatang.pki.certs;

/**
 * A certificate, CRL or bundle file that cannot be read. The message is user-facing:
 * Vietnamese first, English second. It never contains the file's bytes (a private key
 * uploaded by mistake must not end up in a log).
 */
public final class ImportException extends Exception {
    private final String code;
    private final String messageVi;
    private final String messageEn;

    public ImportException(String code, String messageVi, String messageEn) {
        super(messageVi + " / " + messageEn);
        this.code = code;
        this.messageVi = messageVi;
        this.messageEn = messageEn;
    }

    /** Stable machine-readable code, e.g. {@code private_key}, {@code too_large}, {@code truncated_pem}. */
    public String code() { return code; }
    public String messageVi() { return messageVi; }
    public String messageEn() { return messageEn; }
}
