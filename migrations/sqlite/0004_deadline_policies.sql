-- Deadline policies per item kind (and optionally topic), with the statutory
-- defaults of PRODUCT.md. `extension_total` is an ISO 8601 period counted from
-- receipt (P2M: two months in all; P15D: fifteen calendar days in all); NULL
-- means no extension.

CREATE TABLE deadline_policies (
    item_kind            TEXT    NOT NULL CHECK (item_kind IN ('question', 'press_query', 'redirect')),
    topic_code           TEXT    NOT NULL DEFAULT '',
    days                 INTEGER NOT NULL CHECK (days > 0),
    counting             TEXT    NOT NULL CHECK (counting IN ('working', 'calendar')),
    reminder_days        INTEGER NOT NULL DEFAULT 2,
    extension_total      TEXT    NULL,
    notice_working_days  INTEGER NOT NULL DEFAULT 3,
    PRIMARY KEY (item_kind, topic_code)
);

INSERT INTO deadline_policies (item_kind, topic_code, days, counting, reminder_days, extension_total, notice_working_days) VALUES
 ('question', '', 15, 'working', 3, 'P2M', 3),
 ('press_query', '', 5, 'working', 1, 'P15D', 2),
 ('redirect', '', 3, 'working', 1, NULL, 3);
