package vn.hatang.pki.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Verifies that a small {@code bench certs} run ends with the two lines the closing note quotes. */
class CertBenchCommandTest {
    @Test
    void testSmallRunPrintsOurFigureAndOpensslFigure() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new CertBenchCommand());
        cl.setOut(new PrintWriter(out));
        int status = cl.execute("--certs", "100", "--crl-entries", "2000");
        String text = out.toString();
        assertEquals(0, status, text);
        assertTrue(Pattern.compile("(?m)^bench certs: certs=100 validations_per_s=\\d+ per_core=\\d+$").matcher(text).find(),
            text);
        assertTrue(Pattern.compile("(?m)^bench openssl: certs=100 validations_per_s=\\d+$").matcher(text).find(), text);
        assertTrue(text.contains("verdicts={VALID=98, REVOKED=2}"), text);
    }
}
