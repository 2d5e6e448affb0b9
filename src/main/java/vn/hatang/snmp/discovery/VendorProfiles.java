package vn.hatang.snmp.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import vn.hatang.snmp.api.Oid;

/**
 * The vendor profiles: every {@code *.yaml} of the built-in folder {@code vn/hatang/snmp/discovery/vendors/}, plus
 * those of an optional folder on disk (HATANG_SNMP_VENDOR_DIR), whose files replace built-in ones of the same id. A
 * new vendor is a new file. A file that does not parse stops the start with its name and the field at fault.
 */
public final class VendorProfiles {
    static final String FOLDER = "vendors";
    private static final String GENERIC = "generic";

    private final List<VendorProfile> profiles;

    private VendorProfiles(List<VendorProfile> profiles) {
        this.profiles = List.copyOf(profiles);
        if (profiles.stream().noneMatch(p -> p.id().equals(GENERIC))) {
            throw new IllegalStateException("vendor profiles: " + GENERIC + ".yaml is missing");
        }
    }

    public static VendorProfiles builtIn() {
        return load(null);
    }

    /** The built-in profiles, then those of {@code extra} (may be null). */
    public static VendorProfiles load(Path extra) {
        Map<String, VendorProfile> byId = new LinkedHashMap<>();
        for (VendorProfile p : readFolder(builtInFolder())) {
            byId.put(p.id(), p);
        }
        if (extra != null) {
            if (!Files.isDirectory(extra)) {
                throw new IllegalArgumentException("HATANG_SNMP_VENDOR_DIR: không phải thư mục / not a directory: "
                        + extra);
            }
            for (VendorProfile p : readFolder(extra)) {
                byId.put(p.id(), p);
            }
        }
        return new VendorProfiles(new ArrayList<>(byId.values()));
    }

    public List<VendorProfile> all() {
        return profiles;
    }

    /** The most specific profile for the device; the generic one when no vendor profile applies. */
    public VendorProfile select(String sysObjectId, String sysDescr) {
        Oid oid = parseOid(sysObjectId);
        VendorProfile best = null;
        int bestScore = -1;
        for (VendorProfile p : profiles) {
            int s = p.score(oid, sysDescr);
            if (s > bestScore) {
                best = p;
                bestScore = s;
            }
        }
        return best != null ? best : byId(GENERIC);
    }

    public VendorProfile byId(String id) {
        return profiles.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
    }

    private static Oid parseOid(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Oid.parse(s.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Path builtInFolder() {
        URI uri;
        try {
            uri = VendorProfiles.class.getResource(FOLDER).toURI();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("vendor profiles folder missing from the classpath", e);
        }
        if (!"jar".equals(uri.getScheme())) {
            return Path.of(uri);
        }
        FileSystem fs;
        try {
            fs = FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
            try {
                fs = FileSystems.newFileSystem(uri, Map.of());
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        }
        return fs.provider().getPath(uri);
    }

    private static List<VendorProfile> readFolder(Path dir) {
        List<VendorProfile> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    out.add(parse(f.getFileName().toString(), in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vendor profiles in " + dir, e);
        }
        return out;
    }

    /** Parses one profile file; errors name the file and the field. */
    static VendorProfile parse(String file, InputStream in) {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw bad(file, "", "not valid YAML: " + e.getMessage().replaceAll("\\s+", " "));
        }
        if (!(doc instanceof Map<?, ?> m)) {
            throw bad(file, "", "the file must be a mapping");
        }
        String id = text(file, m, "id", true);
        if (!file.equals(id + ".yaml")) {
            throw bad(file, "id", "must be the file name without .yaml (" + id + ")");
        }
        List<VendorProfile.Match> matches = new ArrayList<>();
        List<?> matchList = list(file, m, "match");
        for (int i = 0; i < matchList.size(); i++) {
            if (!(matchList.get(i) instanceof Map<?, ?> mm)) {
                throw bad(file, "match[" + i + "]", "must be a mapping");
            }
            String prefix = text(file, mm, "sys_object_id", false);
            String descr = text(file, mm, "sys_descr", false);
            Oid oid = null;
            if (prefix != null) {
                try {
                    oid = Oid.parse(prefix.replaceAll("\\.$", ""));
                } catch (IllegalArgumentException e) {
                    throw bad(file, "match[" + i + "].sys_object_id", e.getMessage());
                }
            }
            matches.add(new VendorProfile.Match(oid, pattern(file, "match[" + i + "].sys_descr", descr)));
        }
        if (matches.isEmpty()) {
            throw bad(file, "match", "at least one entry is required");
        }
        List<VendorProfile.Rewrite> rewrites = new ArrayList<>();
        List<?> rw = list(file, m, "model_rewrite");
        for (int i = 0; i < rw.size(); i++) {
            if (!(rw.get(i) instanceof List<?> pair) || pair.size() != 2) {
                throw bad(file, "model_rewrite[" + i + "]", "must be a pair [pattern, replacement]");
            }
            rewrites.add(new VendorProfile.Rewrite(pattern(file, "model_rewrite[" + i + "]", String.valueOf(pair.get(0))),
                    String.valueOf(pair.get(1))));
        }
        List<String> ignore = list(file, m, "ignore").stream().map(String::valueOf).toList();
        List<String> checked = list(file, m, "checked_against").stream().map(String::valueOf).toList();
        if (checked.isEmpty()) {
            throw bad(file, "checked_against", "say what the profile was checked against");
        }
        return new VendorProfile(id, text(file, m, "vendor", true), text(file, m, "os", false), matches,
                sources(file, m, "serial"), sources(file, m, "also_serial"), sources(file, m, "model"),
                sources(file, m, "version"), rewrites, ignore, checked, file);
    }

    private static List<VendorProfile.Source> sources(String file, Map<?, ?> m, String field) {
        List<VendorProfile.Source> out = new ArrayList<>();
        List<?> l = list(file, m, field);
        for (int i = 0; i < l.size(); i++) {
            String at = field + "[" + i + "]";
            if (!(l.get(i) instanceof Map<?, ?> s)) {
                throw bad(file, at, "must be a mapping");
            }
            VendorProfile.Kind kind = null;
            String ref = null;
            Map<String, String> map = Map.of();
            for (VendorProfile.Kind k : VendorProfile.Kind.values()) {
                String key = k.name().toLowerCase();
                if (s.containsKey(key)) {
                    if (kind != null) {
                        throw bad(file, at, "one of entity, oid, oid_next, sys_descr, sys_object_id, not two");
                    }
                    kind = k;
                    Object v = s.get(key);
                    if (k == VendorProfile.Kind.SYS_OBJECT_ID) {
                        if (!(v instanceof Map<?, ?> table)) {
                            throw bad(file, at + ".sys_object_id", "must map sysObjectIDs to names");
                        }
                        Map<String, String> t = new LinkedHashMap<>();
                        table.forEach((a, b) -> t.put(String.valueOf(a).replaceFirst("^\\.", ""), String.valueOf(b)));
                        map = Map.copyOf(t);
                    } else {
                        ref = String.valueOf(v);
                    }
                }
            }
            if (kind == null) {
                throw bad(file, at, "needs one of entity, oid, oid_next, sys_descr, sys_object_id");
            }
            Pattern pattern = pattern(file, at + ".pattern", text(file, s, "pattern", false));
            if (kind == VendorProfile.Kind.SYS_DESCR) {
                pattern = pattern(file, at + ".sys_descr", ref);
                if (pattern == null) {
                    throw bad(file, at + ".sys_descr", "a pattern is required");
                }
            }
            if (kind == VendorProfile.Kind.ENTITY) {
                try {
                    PhysicalEntity.mibName(ref);
                } catch (IllegalArgumentException e) {
                    throw bad(file, at + ".entity", e.getMessage());
                }
            }
            if (kind == VendorProfile.Kind.OID || kind == VendorProfile.Kind.OID_NEXT) {
                try {
                    Oid.parse(ref);
                } catch (IllegalArgumentException e) {
                    throw bad(file, at + "." + kind.name().toLowerCase(), e.getMessage());
                }
            }
            String row = text(file, s, "row", false);
            if (row != null && (kind != VendorProfile.Kind.ENTITY || !row.equals("chassis") && !row.equals("first_child"))) {
                throw bad(file, at + ".row", "chassis or first_child, for entity sources");
            }
            Object upper = s.get("upper");
            out.add(new VendorProfile.Source(kind, ref, text(file, s, "name", false), pattern,
                    text(file, s, "format", false), Boolean.TRUE.equals(upper), map, "first_child".equals(row)));
        }
        return List.copyOf(out);
    }

    private static Pattern pattern(String file, String field, String regex) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw bad(file, field, "not a regular expression: " + e.getDescription());
        }
    }

    private static String text(String file, Map<?, ?> m, String key, boolean required) {
        Object v = m.get(key);
        if (v == null) {
            if (required) {
                throw bad(file, key, "is required");
            }
            return null;
        }
        if (v instanceof Map || v instanceof List) {
            throw bad(file, key, "must be text");
        }
        return String.valueOf(v);
    }

    private static List<?> list(String file, Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw bad(file, key, "must be a list");
        }
        return l;
    }

    private static IllegalArgumentException bad(String file, String field, String why) {
        return new IllegalArgumentException("Hồ sơ nhà sản xuất / vendor profile " + file
                + (field.isEmpty() ? "" : " [" + field + "]") + ": " + why);
    }
}
