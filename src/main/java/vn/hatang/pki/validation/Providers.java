package vn.hatang.pki.validation;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Bouncy Castle's JCA provider, registered once under its name "BC" so that the JDK's PKIX validator can be
 * told to verify signatures with it (JDK 17's own ECDSA verification is an order of magnitude slower).
 */
public final class Providers {
    public static final String BC = BouncyCastleProvider.PROVIDER_NAME;

    private Providers() {}

    public static Provider bc() {
        Provider p = Security.getProvider(BC);
        if (p != null) return p;
        synchronized (Providers.class) {
            p = Security.getProvider(BC);
            if (p == null) {
                p = new BouncyCastleProvider();
                Security.addProvider(p);
            }
            return p;
        }
    }
}
