package vn.hatang.pki.sample;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Bouncy Castle's JCA provider, registered once, for issuing the sample, test and benchmark PKI (its EC keys are
 * encoded the way openssl 3 reads them). Validation does not need it: it verifies with the lightweight API.
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
