package vn.hatang.platform.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of {@code application/x-www-form-urlencoded} query strings: a lone {@code %}, a bad escape or bytes
 * that are not UTF-8 are the client's mistake (400 naming the parameter), not an exception deep in a handler.
 */
final class QueryStrings {
    static final int MAX_PARAMS = 64;

    private QueryStrings() {
    }

    static Map<String, List<String>> parse(String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), null);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            if (out.size() > MAX_PARAMS) {
                throw ApiException.invalid("query", "error.too_many_query_params", MAX_PARAMS);
            }
        }
        return out;
    }

    /** A request path whose escapes decode to UTF-8 text without control characters ({@code +} is itself here). */
    static void checkPath(String path) {
        if (path == null) {
            return;
        }
        String decoded = decode(path.replace("+", "%2B"), "path");
        if (decoded.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ApiException.invalid("path", "error.control_chars");
        }
    }

    /** A multipart media type names its boundary: 1–70 characters (RFC 2046 §5.1.1). */
    static boolean hasBoundary(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String b = p.substring(9);
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return !b.isEmpty() && b.length() <= 70;
            }
        }
        return false;
    }

    static String decode(String s, String field) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw ApiException.invalid(field == null ? "query" : field, "error.bad_query");
                }
                bytes.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.invalid(field == null ? "query" : field, "error.bad_query");
        }
    }
}
