package vn.hatang.ops.cli;

import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.hatang.ops.Doctor;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Kiểm tra bản cài đặt: cổng, quyền tệp khoá, CSDL, bản sao lưu, đồng hồ, chứng thư tin cậy.",
                "Check the installation: ports, key file permissions, database, backups, clock, trusted certificates."})
public final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--lang", defaultValue = "vi", description = "vi | en")
    String lang;

    @Override
    public Integer call() {
        Doctor doctor = Doctor.fromEnv(System.getenv(), Clock.systemUTC());
        return Doctor.print(doctor.check(), Locale.forLanguageTag(lang), System.out);
    }
}
