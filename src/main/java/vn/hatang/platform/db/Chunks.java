package vn.hatang.platform.db;

import java.util.ArrayList;
import java.util.List;

/** Splits a long list of values for {@code IN (…)} queries, well below PostgreSQL's 65,535 bind parameters. */
public final class Chunks {
    public static final int SIZE = 10_000;

    private Chunks() {
    }

    public static <T> List<List<T>> of(List<T> values) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < values.size(); i += SIZE) {
            chunks.add(values.subList(i, Math.min(values.size(), i + SIZE)));
        }
        return chunks;
    }
}
