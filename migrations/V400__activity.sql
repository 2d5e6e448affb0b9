-- When each recurring job of hatang last succeeded (inventory import, monthly report, ...): one row per kind,
-- overwritten on every success. Exposed as *_timestamp_seconds gauges so Prometheus can alert when a job falls behind.
CREATE TABLE activity (
    kind             varchar(32) PRIMARY KEY,
    last_success_at  timestamp with time zone NOT NULL,
    detail           varchar(500)
);
