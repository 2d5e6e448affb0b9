-- Indexes for the whole-tree KPI computation (bench kpi at national size), each turning a visit to every matching
-- row into an index-only scan:
-- ENDPOINT_DELIVERY counts delivered devices per investment line;
CREATE INDEX device_line_status_idx ON device (investment_line_id, status) WHERE investment_line_id IS NOT NULL;
-- the people KPIs look for held devices of some categories in service, with what the modern rule checks;
CREATE INDEX device_held_idx ON device (category, status) INCLUDE (person_id, ram_gb, acquired_on, os)
    WHERE person_id IS NOT NULL;
-- and the modern rule asks for a passed security check.
CREATE INDEX security_check_passed_idx ON security_check (device_id) WHERE passed;
