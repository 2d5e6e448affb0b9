package vn.hatang.security;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.TrustOptions;
import java.net.Socket;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import vn.hatang.db.tables.records.AppUserRecord;
import vn.hatang.platform.config.HatangConfig.TlsOptions;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.ApiException;

/**
 * Login with the official's own signature certificate (USB token or SIM), presented to the HTTPS listener by TLS
 * client authentication: the handshake proves the private key. The certificate is then judged by the certificate
 * register ({@link CertificateCheck}: hatang's validator, as for any certificate of the register), must be the very
 * certificate the register holds for a person (confirmed match), and that person must have an active account. A
 * revoked, expired or otherwise unacceptable certificate cannot log in; every attempt is audited. Blocking.
 */
public final class CertificateLogin {
    private static final String METHOD = "certificate";
    /** Verdicts with a message of their own; any other refusal is said in general terms. */
    private static final Set<String> EXPLAINED = Set.of("expired", "not_yet_valid", "revoked", "untrusted_chain",
            "wrong_key_usage", "unknown_revocation");

    private final Db db;
    private final AuthService auth;
    private final SignOnRepository repository = new SignOnRepository();
    private volatile CertificateCheck register;

    public CertificateLogin(Db db, AuthService auth) {
        this.db = db;
        this.auth = auth;
    }

    /** Certificate login needs the register's judgement; without it every attempt is refused as not configured. */
    void use(CertificateCheck register) {
        this.register = register;
    }

    /**
     * @param presented the TLS peer's chain, its own certificate first (empty when it sent none)
     */
    public AuthService.NewSession login(Scope anonymous, List<X509Certificate> presented, String client,
            String userAgent) {
        CertificateCheck check = register;
        if (check == null) {
            throw ApiException.of(409, "conflict", "auth.cert_off");
        }
        if (presented.isEmpty()) {
            throw auth.refused(anonymous, METHOD, METHOD, null, new JsonObject(),
                    ApiException.of(401, "unauthorized", "auth.cert_none"));
        }
        X509Certificate cert = presented.get(0);
        String subject = commonName(cert);
        CertificateCheck.Outcome o = check.check(cert, presented.subList(1, presented.size()));
        JsonObject detail = new JsonObject().put("fingerprint", o.fingerprint()).put("subject",
                cert.getSubjectX500Principal().getName()).put("serial", cert.getSerialNumber().toString(16))
                .put("verdict", o.verdict()).put("reason_vi", o.reasonVi()).put("reason_en", o.reasonEn());
        if (!o.acceptable()) {
            String key = EXPLAINED.contains(o.verdict()) ? "auth.cert_" + o.verdict() : "auth.cert_refused";
            throw auth.refused(anonymous, subject, METHOD, null, detail,
                    ApiException.of(401, "unauthorized", key, subject).with("verdict", o.verdict()));
        }
        if (!signsHandshakes(cert)) {
            throw auth.refused(anonymous, subject, METHOD, null, detail,
                    ApiException.of(401, "unauthorized", "auth.cert_wrong_key_usage", subject)
                            .with("verdict", "wrong_key_usage"));
        }
        if (o.holderPersonId() == null) {
            throw auth.refused(anonymous, subject, METHOD, null, detail,
                    ApiException.of(403, "forbidden", "auth.cert_no_holder", subject));
        }
        AppUserRecord user = repository.userByPerson(db.dsl(), o.holderPersonId());
        detail.put("person_id", o.holderPersonId());
        if (user == null) {
            throw auth.refused(anonymous, subject, METHOD, null, detail,
                    ApiException.of(403, "forbidden", "auth.cert_no_account", subject));
        }
        if (!"active".equals(user.getStatus())) {
            throw auth.refused(anonymous, user.getLogin(), METHOD, user, detail,
                    ApiException.of(403, "forbidden", "auth.account_disabled"));
        }
        return auth.openSession(user.getId(), METHOD, client, userAgent, anonymous);
    }

    /**
     * The key signed the TLS handshake, which is a digital signature (RFC 5280 §4.2.1.3): a certificate whose key
     * usage allows only non-repudiation does not authenticate its holder.
     */
    private static boolean signsHandshakes(X509Certificate cert) {
        boolean[] ku = cert.getKeyUsage();
        return ku == null || ku[0];
    }

    /** The subject's common name (what the audit shows as the one who tried), else the whole subject. */
    private static String commonName(X509Certificate c) {
        RDN[] cn = X500Name.getInstance(c.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        String name = cn.length > 0 ? IETFUtils.valueToString(cn[0].getFirst().getValue())
                : c.getSubjectX500Principal().getName();
        return name.length() > 150 ? name.substring(0, 150) : name;
    }

    /**
     * The HTTPS listener: the server's key and certificate from the PKCS#12 key store, and a client certificate
     * requested, not required (the API and the console are served there too, to browsers without a token).
     */
    public static HttpServerOptions listener(TlsOptions tls, int port) {
        if (tls.keyStore() == null || !Files.isReadable(tls.keyStore())) {
            throw new IllegalStateException("HATANG_TLS_PORT needs HATANG_TLS_KEYSTORE, a readable PKCS#12 file"
                    + (tls.keyStore() == null ? "" : ": " + tls.keyStore()));
        }
        return new HttpServerOptions().setHost(tls.host()).setPort(port).setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(tls.keyStore().toString())
                        .setPassword(tls.keyStorePassword()))
                .setClientAuth(ClientAuth.REQUEST).setTrustOptions(TrustOptions.wrap(ANY_CLIENT));
    }

    /**
     * Takes any client certificate at the TLS layer: the handshake still proves the private key, and the one use of
     * the certificate, {@link #login}, judges it with the register's validator (chain, revocation, key usage), which
     * the JDK's trust manager could not do. Server certificates are never checked with this.
     */
    private static final X509ExtendedTrustManager ANY_CLIENT = new X509ExtendedTrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a client trust manager");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("not a client trust manager");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("not a client trust manager");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };
}
