package vn.hatang.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCScopeValue;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.db.tables.records.AppUserRecord;
import vn.hatang.db.tables.records.OidcLoginRecord;
import vn.hatang.platform.config.HatangConfig.OidcOptions;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.ApiException;

/**
 * Single sign-on by OpenID Connect (Core 1.0 §3.1, authorization code flow) with PKCE (RFC 7636, S256), a state bound
 * to the browser that started the login, and a nonce. The provider is found by discovery
 * ({@code <issuer>/.well-known/openid-configuration}); the ID token's signature is checked against its JWKS, and its
 * issuer, audience (and authorized party), expiry, issue time and nonce by Nimbus's {@link IDTokenValidator}. The
 * configured claim names the local account, by its recorded {@code oidc_subject} or its login, until the first
 * sign-on pins the provider's stable identifier ({@code iss}, {@code sub}) to it; an account is never created here.
 * Blocking (JDBC, HTTP to the provider): callers run it on the worker pool.
 */
public final class OidcLogin {
    private static final Logger LOG = LoggerFactory.getLogger(OidcLogin.class);
    public static final String CALLBACK_PATH = "/api/v1/auth/oidc/callback";
    /** The cookie that ties an authorization request to the browser that started it (against login CSRF). */
    public static final String BROWSER_COOKIE = "hatang_oidc";
    /** How long the provider may take to send the browser back. */
    public static final Duration FLOW_TIME = Duration.ofMinutes(10);
    /**
     * Authorization requests one client address may have under way: anyone may start one, and each is a row until it
     * is used or expires (an office behind one proxy address still has room for this many logins in ten minutes).
     */
    static final int MAX_PENDING_PER_CLIENT = 200;
    private static final Duration METADATA_TIME = Duration.ofHours(1);
    private static final int HTTP_TIMEOUT_MS = 5_000;
    private static final int MAX_JWKS_BYTES = 512 * 1024;
    private static final String METHOD = "oidc";

    /** Where to send the browser, and the value of {@link #BROWSER_COOKIE} to give it. */
    public record Started(URI location, String browserCookie) {
    }

    /** The provider's answer on the callback, as its query parameters. */
    public record Answer(String code, String state, String error, String errorDescription, String issuer) {
    }

    private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator, Instant fetchedAt) {
    }

    private final OidcOptions options;
    private final String publicUrl;
    private final Db db;
    private final AuthService auth;
    private final Clock clock;
    private final SignOnRepository repository = new SignOnRepository();
    private volatile Provider provider;

    public OidcLogin(OidcOptions options, String publicUrl, Db db, AuthService auth, Clock clock) {
        this.options = options;
        this.publicUrl = publicUrl;
        this.db = db;
        this.auth = auth;
        this.clock = clock;
    }

    public boolean enabled() {
        return options.enabled();
    }

    /** The redirect URI registered with the provider. */
    public URI redirectUri() {
        return URI.create(publicUrl + CALLBACK_PATH);
    }

    /** Remembers a new authorization request and gives the provider's authorization URL for it. */
    public Started start(Scope anonymous, String client) {
        Provider p = provider();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        String browser = Secrets.random(32);
        Instant now = clock.instant();
        db.inTransaction(anonymous, tx -> {
            if (client != null && repository.pendingFlows(tx, client, now) >= MAX_PENDING_PER_CLIENT) {
                throw ApiException.of(429, "locked", "auth.oidc_too_many", MAX_PENDING_PER_CLIENT)
                        .with("retry_after", FLOW_TIME.toSeconds());
            }
            repository.startFlow(tx, Secrets.sha256(state.getValue()), Secrets.sha256(browser), nonce.getValue(),
                    verifier.getValue(), client, now, now.plus(FLOW_TIME));
            return null;
        });
        URI location = new AuthenticationRequest.Builder(ResponseType.CODE,
                new com.nimbusds.oauth2.sdk.Scope(OIDCScopeValue.OPENID, OIDCScopeValue.PROFILE, OIDCScopeValue.EMAIL),
                new ClientID(options.clientId()), redirectUri())
                .endpointURI(p.metadata().getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256)
                .build().toURI();
        return new Started(location, browser);
    }

    /**
     * The provider's answer: checks the state against the browser that started the request (once only, within
     * {@link #FLOW_TIME}), exchanges the code (with the PKCE verifier), validates the ID token and opens a session
     * for the account its claim names. Every refusal after a valid state is audited.
     */
    public AuthService.NewSession finish(Scope anonymous, Answer answer, String browserCookie, String client,
            String userAgent) {
        if (answer.state() == null) {
            throw ApiException.invalid("state", "error.required");
        }
        OidcLoginRecord flow = db.inTransaction(anonymous, tx -> repository.takeFlow(tx,
                Secrets.sha256(answer.state())));
        Instant now = clock.instant();
        if (flow == null || !flow.getExpiresAt().isAfter(now) || browserCookie == null
                || !Secrets.same(Secrets.sha256(browserCookie), flow.getBrowserHash())) {
            // Unknown, used, expired, or started by another browser: nothing the caller proved, nothing to record.
            throw ApiException.invalid("state", "auth.oidc_state");
        }
        Provider p = provider();
        JsonObject detail = new JsonObject().put("issuer", options.issuer());
        // RFC 9207: a provider that names itself must be the one this request went to (no mix-up).
        if (answer.issuer() != null && !answer.issuer().equals(p.metadata().getIssuer().getValue())) {
            throw auth.refused(anonymous, "oidc", METHOD, null, detail.put("iss", answer.issuer()),
                    ApiException.invalid("iss", "auth.oidc_issuer"));
        }
        if (answer.error() != null) {
            throw auth.refused(anonymous, "oidc", METHOD, null, detail.put("error", answer.error())
                    .put("error_description", answer.errorDescription()),
                    ApiException.of(401, "unauthorized", "auth.oidc_provider_refused", answer.error()));
        }
        if (answer.code() == null) {
            throw ApiException.invalid("code", "error.required");
        }
        IDTokenClaimsSet claims = idToken(anonymous, exchange(anonymous, p, answer.code(), flow, detail), flow, detail);
        String issuer = claims.getIssuer().getValue();
        String sub = claims.getSubject().getValue();
        String value = claimValue(claims);
        detail.put("sub", sub).put(options.claim(), value);
        // The provider's stable identifier first (OIDC Core §5.7): once pinned, a renamed person still reaches their
        // account, and a name claim taken over by someone else at the provider reaches nothing.
        AppUserRecord user = repository.userBySubject(db.dsl(), issuer, sub);
        if (user == null) {
            if (value == null) {
                throw auth.refused(anonymous, "oidc", METHOD, null, detail,
                        ApiException.of(403, "forbidden", "auth.oidc_no_claim", options.claim()));
            }
            user = repository.userByOidc(db.dsl(), value);
            if (user == null) {
                throw auth.refused(anonymous, value, METHOD, null, detail,
                        ApiException.of(403, "forbidden", "auth.oidc_no_account", options.claim(), value));
            }
        }
        if (!"active".equals(user.getStatus())) {
            throw auth.refused(anonymous, user.getLogin(), METHOD, user, detail,
                    ApiException.of(403, "forbidden", "auth.account_disabled"));
        }
        ApiException otherSubject = ApiException.of(403, "forbidden", "auth.oidc_subject_changed", options.claim(),
                value);
        try {
            // Pinned at the first sign-on, in the session's transaction (audited with it).
            return auth.openSession(user.getId(), METHOD, client, userAgent, anonymous, (tx, u) -> {
                if (!repository.pin(tx, u, issuer, sub)) {
                    throw otherSubject;
                }
            });
        } catch (ApiException e) {
            if (e != otherSubject) {
                throw e;
            }
            throw auth.refused(anonymous, user.getLogin(), METHOD, user, detail, otherSubject);
        }
    }

    /** The code and PKCE verifier for the provider's tokens (client secret by HTTP Basic unless only POST is offered). */
    private JWT exchange(Scope anonymous, Provider p, String code, OidcLoginRecord flow, JsonObject detail) {
        var grant = new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri(),
                new CodeVerifier(flow.getCodeVerifier()));
        URI endpoint = p.metadata().getTokenEndpointURI();
        ClientID clientId = new ClientID(options.clientId());
        TokenRequest request;
        if (options.clientSecret() == null) {
            request = new TokenRequest.Builder(endpoint, clientId, grant).build();
        } else {
            Secret secret = new Secret(options.clientSecret());
            List<ClientAuthenticationMethod> offered = p.metadata().getTokenEndpointAuthMethods();
            boolean postOnly = offered != null && !offered.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    && offered.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST);
            request = new TokenRequest.Builder(endpoint, postOnly ? new ClientSecretPost(clientId, secret)
                    : new ClientSecretBasic(clientId, secret), grant).build();
        }
        TokenResponse response;
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(HTTP_TIMEOUT_MS);
            http.setReadTimeout(HTTP_TIMEOUT_MS);
            http.setFollowRedirects(false); // the client secret goes to the token endpoint and nowhere else
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException | com.nimbusds.oauth2.sdk.ParseException e) {
            LOG.warn("OIDC: token endpoint {} failed: {}", endpoint, e.toString());
            throw unreachable();
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            String errorCode = error == null || error.getCode() == null ? "unknown" : error.getCode();
            throw auth.refused(anonymous, "oidc", METHOD, null, detail.copy().put("error", errorCode),
                    ApiException.of(401, "unauthorized", "auth.oidc_provider_refused", errorCode));
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw auth.refused(anonymous, "oidc", METHOD, null, detail,
                    ApiException.of(401, "unauthorized", "auth.oidc_token_invalid"));
        }
        return idToken;
    }

    /** The ID token's claims once signature, issuer, audience, times and nonce have been checked. */
    private IDTokenClaimsSet idToken(Scope anonymous, JWT token, OidcLoginRecord flow, JsonObject detail) {
        try {
            return checkIdToken(token, flow.getNonce());
        } catch (BadJOSEException | com.nimbusds.jose.JOSEException e) {
            String why = idTokenFault(e.getMessage());
            LOG.info("OIDC: ID token refused ({}): {}", why, e.getMessage());
            throw auth.refused(anonymous, "oidc", METHOD, null, detail.copy().put("id_token", why),
                    ApiException.of(401, "unauthorized", "auth.oidc_token_" + why).with("reason", why));
        }
    }

    /**
     * Signature (the provider's JWKS), issuer, audience and authorized party, expiry, issue time and nonce. Package
     * access for tests of tokens a provider cannot be made to send.
     */
    IDTokenClaimsSet checkIdToken(JWT token, String nonce) throws BadJOSEException, com.nimbusds.jose.JOSEException {
        return provider().validator().validate(token, new Nonce(nonce));
    }

    /** Which check an ID token failed, from Nimbus's messages (it has no typed exceptions for them). */
    static String idTokenFault(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("expired")) {
            return "expired";
        }
        if (m.contains("audience") || m.contains("azp")) {
            return "audience";
        }
        if (m.contains("issuer")) {
            return "issuer";
        }
        if (m.contains("nonce")) {
            return "nonce";
        }
        if (m.contains("signature") || m.contains("key")) {
            return "signature";
        }
        return "invalid";
    }

    private String claimValue(IDTokenClaimsSet claims) {
        Object v = claims.getClaim(options.claim());
        String s = v instanceof String text ? text.strip() : null;
        return s == null || s.isEmpty() || s.length() > 300 ? null : s;
    }

    /** The provider's metadata and ID token validator, from discovery; looked up again after an hour. */
    private Provider provider() {
        if (!options.enabled()) {
            throw ApiException.of(409, "conflict", "auth.oidc_off");
        }
        Provider p = provider;
        if (p != null && p.fetchedAt().plus(METADATA_TIME).isAfter(clock.instant())) {
            return p;
        }
        try {
            // Nimbus checks that the metadata names the issuer it was asked about.
            OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(options.issuer()), HTTP_TIMEOUT_MS,
                    HTTP_TIMEOUT_MS);
            JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL(),
                    new DefaultResourceRetriever(HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS, MAX_JWKS_BYTES)).build();
            IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), new ClientID(options.clientId()),
                    new JWSVerificationKeySelector<>(signingAlgorithms(metadata), keys), null);
            p = new Provider(metadata, validator, clock.instant());
            provider = p;
            return p;
        } catch (GeneralException | IOException | RuntimeException e) {
            LOG.warn("OIDC: discovery of {} failed: {}", options.issuer(), e.toString());
            if (p != null) {
                return p; // the provider's discovery is down: keep what it said last
            }
            throw unreachable();
        }
    }

    /** The provider's ID token algorithms that sign with a published key (never "none", never a shared secret). */
    private static Set<JWSAlgorithm> signingAlgorithms(OIDCProviderMetadata metadata) {
        Set<JWSAlgorithm> algs = new LinkedHashSet<>();
        if (metadata.getIDTokenJWSAlgs() != null) {
            for (JWSAlgorithm a : metadata.getIDTokenJWSAlgs()) {
                if (JWSAlgorithm.Family.SIGNATURE.contains(a)) {
                    algs.add(a);
                }
            }
        }
        if (algs.isEmpty()) {
            algs.add(JWSAlgorithm.RS256); // what every provider must support (Core §15.1)
        }
        return algs;
    }

    private ApiException unreachable() {
        return ApiException.of(502, "bad-gateway", "auth.oidc_unreachable", options.issuer());
    }
}
