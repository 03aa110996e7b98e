-- Change-feed service schema. Feature migrations follow as V2__..., V3__...
CREATE TABLE service_info (
    key   text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO service_info (key, value) VALUES ('schema', 'change-feed-service');
