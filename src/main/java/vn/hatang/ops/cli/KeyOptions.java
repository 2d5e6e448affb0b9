package vn.hatang.ops.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options {@code backup} and {@code restore} share: the keys and their passphrase, the language of the output. */
final class KeyOptions {
    @Option(names = "--with-keys", description = "kèm khoá SNMP và khoá nhật ký, mã hoá bằng cụm mật khẩu / "
            + "with the SNMP and audit keys, encrypted with a passphrase")
    boolean withKeys;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "cụm mật khẩu ở dòng đầu / passphrase on the first line")
    Path passphraseFile;

    @Option(names = "--lang", defaultValue = "vi", description = "vi | en")
    String lang;

    Locale locale() {
        return Locale.forLanguageTag(lang);
    }

    /** The passphrase when {@code --with-keys}, else null; {@code sealing} asks twice and wants a long one. */
    char[] passphrase(Map<String, String> env, boolean sealing) throws IOException {
        return withKeys ? Passphrase.read(passphraseFile, env, sealing) : null;
    }
}
