package vn.hatang.units;

import java.util.List;

/** The kinds of unit in the Party's provincial organisation (R1). */
public final class UnitKind {
    public static final String PROVINCIAL_COMMITTEE = "provincial_committee";
    public static final String OFFICE = "office";
    public static final String PARTY_COMMITTEE = "party_committee";
    public static final String COMMUNE = "commune";
    public static final String CELL = "cell";
    public static final List<String> ALL = List.of(PROVINCIAL_COMMITTEE, OFFICE, PARTY_COMMITTEE, COMMUNE, CELL);

    private UnitKind() {
    }
}
