package vn.hatang.snmp.discovery;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether the model in the inventory and the model a device reports name the same product. Inventories are written
 * by people: case, spaces and punctuation vary ("s4128Fon" is "S4128F-ON"), a product number may come with its
 * marketing name ("J9146A E2910al-24G-PoE" is the "J9146A" the switch reports), an option suffix may be left out
 * ("C9200L-48P" is a "C9200L-48P-4G"), and a family letter may be dropped ("Catalyst 9200L-48P", "ISR 1111-8P").
 * So two models are the same when
 * <ol>
 * <li>they are equal once reduced to letters and digits; or</li>
 * <li>they share a product token (a word of four or more letters and digits with at least one digit) — equal when
 *     reduced, or one the other plus option suffixes after a hyphen, or one the other with a single leading letter —
 *     and no other pair of tokens contradicts it (the same letters followed by different numbers: "Gen10" against
 *     "Gen11").</li>
 * </ol>
 * The vendor profile's rewrites are applied to both sides first (e.g. "N9K-C93180YC-FX" → "93180YC-FX").
 */
public final class ModelMatch {
    private ModelMatch() {
    }

    public static boolean same(String inventory, String device, VendorProfile profile) {
        if (inventory == null || device == null) {
            return false;
        }
        String a = profile == null ? inventory : profile.rewriteModel(inventory);
        String b = profile == null ? device : profile.rewriteModel(device);
        String sa = squash(a);
        if (!sa.isEmpty() && sa.equals(squash(b))) {
            return true;
        }
        List<String> ta = productTokens(a);
        List<String> tb = productTokens(b);
        Set<String> sharedA = new HashSet<>();
        Set<String> sharedB = new HashSet<>();
        for (String x : ta) {
            for (String y : tb) {
                if (tokenSame(x, y)) {
                    sharedA.add(x);
                    sharedB.add(y);
                }
            }
        }
        if (sharedA.isEmpty()) {
            return false;
        }
        for (String x : ta) {
            for (String y : tb) {
                if (!sharedA.contains(x) && !sharedB.contains(y) && contradicts(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Upper case letters and digits only, accents removed. */
    static String squash(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKD).toUpperCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Words as written, separators unified to '-': "c9200l_48p 4g" → [C9200L-48P, 4G]. */
    private static List<String> productTokens(String s) {
        List<String> out = new ArrayList<>();
        for (String w : Normalizer.normalize(s, Normalizer.Form.NFKD).toUpperCase(Locale.ROOT)
                .split("[\\s,;()\\[\\]/]+")) {
            String t = w.replaceAll("[-_.]+", "-").replaceAll("^-|-$", "");
            String sq = squash(t);
            if (sq.length() >= 4 && sq.chars().anyMatch(Character::isDigit)) {
                out.add(t);
            }
        }
        return out;
    }

    private static boolean tokenSame(String x, String y) {
        if (squash(x).equals(squash(y)) || withOptions(x, y) || withOptions(y, x)) {
            return true;
        }
        // One side carries a family letter the other leaves out: C9200L-48P and 9200L-48P, C1111-8P and 1111-8P.
        return letterDropped(x, y) || letterDropped(y, x);
    }

    /** {@code longer} is {@code base} followed by option suffixes: C9300-48P-E, S5720-28X-SI-AC. */
    private static boolean withOptions(String base, String longer) {
        return longer.startsWith(base + "-");
    }

    private static boolean letterDropped(String withLetter, String without) {
        if (withLetter.length() < 2 || !Character.isLetter(withLetter.charAt(0)) || without.isEmpty()
                || !Character.isDigit(without.charAt(0))) {
            return false;
        }
        String rest = withLetter.substring(1);
        return squash(rest).equals(squash(without)) || withOptions(without, rest) || withOptions(rest, without);
    }

    /** The same leading letters followed by different numbers: GEN10 / GEN11, R650 / R750 (but not R750 / 750). */
    private static boolean contradicts(String x, String y) {
        String sx = squash(x);
        String sy = squash(y);
        String px = letters(sx);
        String py = letters(sy);
        return !px.isEmpty() && px.equals(py) && sx.length() > px.length() && sy.length() > py.length() && !sx.equals(sy);
    }

    private static String letters(String s) {
        int i = 0;
        while (i < s.length() && Character.isLetter(s.charAt(i))) {
            i++;
        }
        return s.substring(0, i);
    }
}
