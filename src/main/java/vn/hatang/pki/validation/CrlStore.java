package vn.hatang.pki.validation;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CRLs available to the validator: imported from files (for networks that cannot reach the CA) and downloaded
 * from distribution points, each cached until its nextUpdate. A failed download is not retried before the
 * back-off has passed, so a dead distribution point costs one time-out, not one per validation.
 */
public final class CrlStore {

    private final Map<X500Principal, List<IndexedCrl>> imported = new ConcurrentHashMap<>();
    private final Map<String, Fetched> fetched = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Fetched>> inFlight = new ConcurrentHashMap<>();
    private final HttpFetcher http;
    private final ValidatorOptions.Network options;
    private final Clock clock;

    private record Fetched(IndexedCrl crl, Instant refreshAfter, String error) {}

    public CrlStore(HttpFetcher http, ValidatorOptions.Network options, Clock clock) {
        this.http = http;
        this.options = options;
        this.clock = clock;
    }

    /**
     * Adds CRLs read from files. Every imported CRL is a candidate; the checker uses those whose signature,
     * scope and dates are right, so an old or forged one beside a good one does no harm.
     */
    public void importCrls(Collection<X509CRL> crls) {
        for (X509CRL c : crls) {
            IndexedCrl ic = new IndexedCrl(c);
            imported.compute(ic.issuer(), (k, list) -> {
                List<IndexedCrl> out = new CopyOnWriteArrayList<>();
                if (list != null) list.stream().filter(old -> !old.crl().equals(c)).forEach(out::add);
                out.add(ic);
                return out;
            });
        }
    }

    /** Replaces all imported CRLs (a re-read of the CRL directory). */
    public void replaceImported(Collection<X509CRL> crls) {
        imported.clear();
        importCrls(crls);
    }

    /** Number of CRLs held (imported and downloaded). */
    public int size() {
        return imported.values().stream().mapToInt(List::size).sum()
            + (int) fetched.values().stream().filter(f -> f.crl() != null).count();
    }

    /**
     * Candidate CRLs for certificates of {@code issuer} whose distribution points are {@code urls}: the imported
     * ones of that issuer and those downloaded from the URLs (downloaded now if not cached or past nextUpdate).
     */
    public List<IndexedCrl> candidates(X500Principal issuer, List<String> urls) {
        List<IndexedCrl> out = new ArrayList<>(imported.getOrDefault(issuer, List.of()));
        if (!options.fetchCrls() || urls.isEmpty()) return out;
        Instant now = clock.instant();
        boolean haveCurrent = out.stream().anyMatch(c -> !c.isDelta() && c.currentAt(now));
        for (String url : urls) {
            if (!HttpFetcher.isHttp(url)) continue;
            Fetched f = fetched.get(url);
            if ((f == null || now.isAfter(f.refreshAfter())) && !(haveCurrent && f == null)) f = fetch(url);
            if (f != null && f.crl() != null && !out.contains(f.crl())) out.add(f.crl());
        }
        return out;
    }

    /** Last download error of a distribution point, if any (for reasons shown to the operator). */
    public String lastError(String url) {
        Fetched f = fetched.get(url);
        return f == null ? null : f.error();
    }

    private Fetched fetch(String url) {
        CompletableFuture<Fetched> mine = new CompletableFuture<>();
        CompletableFuture<Fetched> running = inFlight.putIfAbsent(url, mine);
        if (running != null) return running.join();
        try {
            Fetched result = download(url);
            fetched.put(url, result);
            mine.complete(result);
            return result;
        } finally {
            inFlight.remove(url, mine);
            if (!mine.isDone()) mine.complete(null);
        }
    }

    private Fetched download(String url) {
        Instant now = clock.instant();
        Fetched previous = fetched.get(url);
        try {
            byte[] bytes = http.get(url, options.maxCrlBytes());
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(bytes));
            IndexedCrl ic = new IndexedCrl(crl);
            Instant refresh = ic.nextUpdate() != null && ic.nextUpdate().isAfter(now)
                ? ic.nextUpdate() : now.plus(options.failureBackoff());
            log().debug("CRL downloaded from {}: issuer={} entries={} nextUpdate={}", url, ic.issuer(), ic.size(),
                ic.nextUpdate());
            return new Fetched(ic, refresh, null);
        } catch (Exception e) {
            String msg = e instanceof HttpFetcher.FetchException ? e.getMessage() : "bad CRL from " + url + ": " + e;
            log().debug("CRL download failed: {}", msg);
            // Keep the previous CRL (still usable until its own nextUpdate) but do not retry before the back-off.
            return new Fetched(previous == null ? null : previous.crl(), now.plus(options.failureBackoff()), msg);
        }
    }

    /** Looked up only when something is fetched, so a one-shot {@code certs validate} never starts logging. */
    private static Logger log() { return LoggerFactory.getLogger(CrlStore.class); }
}
