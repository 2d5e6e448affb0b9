package vn.hatang.testing;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import vn.hatang.pki.sample.OpensslOcspResponder;

/**
 * A real OpenID Connect provider (mock-oauth2-server on loopback) and a hatang configured for it, on an empty
 * database: the provider's issuer {@link #ISSUER_ID}, the client {@link #CLIENT_ID} with a secret, and the public
 * address fixed before the start (the provider sends browsers back there).
 */
public record SignOnSetup(MockOAuth2Server provider, TestServer server, String base) implements AutoCloseable {
    public static final String ISSUER_ID = "hatang-idp";
    public static final String CLIENT_ID = "hatang";

    public static SignOnSetup start() throws Exception {
        TestDatabase.reset();
        MockOAuth2Server provider = new MockOAuth2Server();
        provider.start(InetAddress.getByName("127.0.0.1"), 0);
        try {
            int port = OpensslOcspResponder.freePort();
            String base = "http://127.0.0.1:" + port;
            TestServer server = TestServer.start(Path.of("target/no-inventory"), Map.of("HATANG_HTTP_PORT",
                    String.valueOf(port), "HATANG_PUBLIC_URL", base, "HATANG_OIDC_ISSUER",
                    provider.issuerUrl(ISSUER_ID).toString(), "HATANG_OIDC_CLIENT_ID", CLIENT_ID,
                    "HATANG_OIDC_CLIENT_SECRET", "bí-mật-của-hatang"));
            return new SignOnSetup(provider, server, base);
        } catch (RuntimeException e) {
            provider.shutdown();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            provider.shutdown();
        }
    }
}
