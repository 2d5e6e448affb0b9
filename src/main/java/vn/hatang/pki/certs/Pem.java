package vn.hatang.pki.certs;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM text of certificates, CRLs and (for the test CA and the OCSP responder only) keys. */
public final class Pem {
    private Pem() {}

    public static String of(Object... objects) {
        try (StringWriter sw = new StringWriter(); JcaPEMWriter w = new JcaPEMWriter(sw)) {
            for (Object o : objects) w.writeObject(o);
            w.flush();
            return sw.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
