-- Accent-insensitive search (q=thao finds "Thảo", q=may tinh finds "Máy tính"): PostgreSQL's unaccent dictionary,
-- which also maps the Vietnamese đ/Đ to d/D (Unicode decomposition does not). A trusted extension since
-- PostgreSQL 13: the database owner may create it. See platform/db/Search.
/* [jooq ignore start] */
CREATE EXTENSION IF NOT EXISTS unaccent;
/* [jooq ignore stop] */
