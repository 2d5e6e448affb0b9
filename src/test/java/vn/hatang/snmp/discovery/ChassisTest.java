package vn.hatang.snmp.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifies which ENTITY-MIB row is the device (RFC 6933 containment), on the layouts agents actually use. */
class ChassisTest {
    private static PhysicalEntity row(int index, Integer containedIn, Integer cls, Integer relPos, String serial) {
        return new PhysicalEntity(index, "row " + index, containedIn, cls, relPos, "n" + index, null, null, null,
                serial, null, "M" + index);
    }

    @Test
    void testTheChassisNotThePowerSupplyThatComesFirst() {
        Chassis c = Chassis.pick(List.of(row(1, 2, 6, 0, "PSU-SERIAL"), row(2, 0, 3, -1, "BOX"))).orElseThrow();
        assertEquals("BOX", c.main().serial());
        assertEquals(1, c.members().size());
    }

    @Test
    void testALineCardChassisInsideTheChassisIsNotASecondDevice() {
        Chassis c = Chassis.pick(List.of(row(1, 0, 3, -1, "BOX"), row(5, 1, 5, 1, null), row(9, 5, 3, 1, "CARD")))
                .orElseThrow();
        assertEquals("BOX", c.main().serial());
        assertEquals(1, c.members().size());
    }

    @Test
    void testStackMembersUnderAStackRowInTheirRelativePosition() {
        Chassis c = Chassis.pick(List.of(row(1, 0, 11, -1, ""), row(2000, 1, 3, 2, "SECOND"),
                row(1000, 1, 3, 1, "FIRST"))).orElseThrow();
        assertTrue(c.stack());
        assertEquals(List.of("FIRST", "SECOND"), c.members().stream().map(PhysicalEntity::serial).toList());
        assertTrue(c.how().contains("stack(11) row 1"), c.how());
    }

    @Test
    void testWithoutAClassColumnTheLowestIndexIsTheDevice() {
        Chassis c = Chassis.pick(List.of(row(2, null, null, null, "FAN"), row(1, null, null, null, "FGT"))).orElseThrow();
        assertEquals("FGT", c.main().serial());
        assertTrue(c.how().contains("no entPhysicalClass"), c.how());
    }

    @Test
    void testWithoutAChassisRowTheFirstTopLevelRowThatIsNotAContainer() {
        Chassis c = Chassis.pick(List.of(row(1, 0, 5, -1, null), row(3, 0, 9, -1, "MODULE"))).orElseThrow();
        assertEquals("MODULE", c.main().serial());
    }

    @Test
    void testContainmentLoopsDoNotHang() {
        Chassis c = Chassis.pick(List.of(row(1, 2, 5, 0, null), row(2, 1, 5, 0, null), row(3, 0, 3, 0, "OK")))
                .orElseThrow();
        assertEquals("OK", c.main().serial());
    }
}
