package vn.hatang.coverage;

import org.jooq.DSLContext;

/**
 * A national-scale synthetic inventory written straight in SQL (INSERT … SELECT generate_series), for benchmarks
 * only: a root, 60 provincial committees, their agencies and communes, cells under communes; people with duties;
 * endpoints held by people, network and videoconference devices held by units; investment lines, security checks,
 * special-use links, information systems. Triggers and foreign-key checks are off while loading (throwaway database).
 */
public final class BenchInventory {
    private BenchInventory() {
    }

    public static void generate(DSLContext dsl, int units, int people, int devices, long seed) {
        int provinces = Math.min(60, Math.max(1, units / 20));
        int level3 = (int) ((units - 1 - provinces) * 0.8);
        int cells = units - 1 - provinces - level3;
        dsl.transaction(c -> {
            DSLContext tx = c.dsl();
            tx.execute("set local session_replication_role = replica");
            tx.execute("select setseed(?)", (seed % 1000) / 1000.0);
            tx.execute("insert into unit (id, code, name, kind, parent_id, path, depth) values (1, 'VN', 'Toàn quốc', 'provincial_committee', null, '/1/', 0)");
            tx.execute("insert into unit (id, code, name, kind, parent_id, path, depth) "
                    + "select i, 'T' || i, 'Tỉnh ủy ' || i, 'party_committee', 1, '/1/' || i || '/', 1 from generate_series(2, ?) i",
                    1 + provinces);
            int first3 = 2 + provinces;
            tx.execute("insert into unit (id, code, name, kind, parent_id, path, depth) "
                    + "select i, case when i % 8 = 0 then 'B' else 'X' end || i, 'Đơn vị ' || i, "
                    + "case when i % 8 = 0 then 'office' else 'commune' end, p, '/1/' || p || '/' || i || '/', 2 "
                    + "from (select i, 2 + floor(random() * ?)::int as p from generate_series(?, ?) i) s", provinces, first3, first3 + level3 - 1);
            int firstCell = first3 + level3;
            tx.execute("insert into unit (id, code, name, kind, parent_id, path, depth) "
                    + "select s.i, 'C' || s.i, 'Chi bộ ' || s.i, 'cell', p.id, p.path || s.i || '/', 3 "
                    + "from (select i, floor(random() * ?)::int as r from generate_series(?, ?) i) s join unit p on p.id = ? + s.r",
                    level3, firstCell, firstCell + cells - 1, first3);
            tx.execute("select setval(pg_get_serial_sequence('unit', 'id'), (select max(id) from unit))");
            tx.execute("insert into person (id, code, unit_id, full_name, signs_documents, handles_documents_online, "
                    + "executive_committee, leader, status) "
                    + "select i, 'P' || i, 2 + ((i::bigint * 104729) % ?), 'Cán bộ ' || i, random() < 0.3, random() < 0.7, "
                    + "random() < 0.15, random() < 0.1, case when random() < 0.02 then 'left' else 'active' end "
                    + "from generate_series(1, ?) i", units - 1, people);
            tx.execute("insert into investment_line (id, code, unit_id, category, quantity, year, decision_no) "
                    + "select row_number() over (), 'L' || u.id || '-' || c, u.id, c, 1 + (random() * 10)::int, 2026, 'QĐ-' || u.id "
                    + "from unit u cross join (values ('pc'), ('tablet'), ('videoconference')) v(c) where u.id > 1");
            // Statistics of the rows just written, or the planner (which knew the tables empty) looks up each device's
            // investment line by scanning: minutes instead of seconds at national size.
            tx.execute("analyze unit, person, investment_line");
            int held = (int) (devices * 0.7);
            tx.execute("insert into device (id, category, serial, unit_id, person_id, status, acquired_on, os, ram_gb, "
                    + "investment_line_id, storage_bearing) "
                    + "select i, cat, 'S' || i, p.unit_id, p.id, st, date '2026-11-01' - (random() * 4000)::int, "
                    + "case when cat = 'tablet' then 'Android 14' else (array['Windows 11 Pro', 'Windows 10 Pro', 'Windows 7', 'Ubuntu 22.04'])[1 + (random() * 3)::int] end, "
                    + "(array[4, 8, 16])[1 + (random() * 2)::int], "
                    + "case when random() < 0.3 then (select il.id from investment_line il where il.unit_id = p.unit_id and il.category = case when cat = 'tablet' then 'tablet' else 'pc' end) end, true "
                    + "from (select i, case when i % 5 = 0 then 'tablet' when i % 4 = 0 then 'laptop' else 'pc' end as cat, "
                    + "  (array['in_service','in_service','in_service','in_service','in_service','in_service','in_repair','received','retired'])[1 + (random() * 8)::int] as st, "
                    + "  1 + ((i::bigint * 7907) % ?) as pid from generate_series(1, ?) i) s join person p on p.id = s.pid", people, held);
            tx.execute("insert into device (id, category, serial, unit_id, status, acquired_on, storage_bearing, investment_line_id) "
                    + "select i, cat, 'S' || i, u, st, date '2026-11-01' - (random() * 3000)::int, false, "
                    + "case when cat = 'videoconference' then (select il.id from investment_line il where il.unit_id = s.u and il.category = 'videoconference') end "
                    + "from (select i, (array['printer','scanner','firewall','switch','router','videoconference'])[1 + (i % 6)] as cat, "
                    + "  2 + ((i * 15485863::bigint) % ?)::int as u, "
                    + "  case when random() < 0.85 then 'in_service' else 'ordered' end as st from generate_series(?, ?) i) s",
                    units - 1, held + 1, devices);
            tx.execute("select setval(pg_get_serial_sequence('device', 'id'), (select max(id) from device))");
            tx.execute("insert into security_check (device_id, checked_on, checked_by, passed) "
                    + "select id, coalesce(acquired_on, date '2026-01-01'), 'bench', random() < 0.97 from device "
                    + "where status in ('in_service', 'in_repair', 'retired')");
            tx.execute("insert into link (code, kind, unit_id, bandwidth_mbps, status) "
                    + "select 'W' || id, 'special_use', id, 100, case when random() < 0.9 then 'active' else 'suspended' end "
                    + "from unit where id > 1 and random() < 0.92");
            tx.execute("insert into information_system (code, name, owner_unit_id, security_level, approval_state) "
                    + "select 'IS' || i, 'Hệ thống ' || i, 2 + (i % ?), 1 + (i % 4), "
                    + "(array['approved','approved','submitted','draft'])[1 + (i % 4)] from generate_series(1, ?) i",
                    provinces, Math.max(10, units / 20));
        });
        dsl.execute("analyze");
    }
}
