CREATE TABLE measurement (
    city_id int not null,
    logdate date not null,
    peaktemp int,
    unitsales int
) PARTITION BY RANGE (logdate);
CREATE TABLE measurement_y2024m01 PARTITION OF measurement
    FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');
CREATE INDEX ON measurement_y2024m01 (logdate);
CREATE TABLE measurement_y2024m02 PARTITION OF measurement
    FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');
CREATE INDEX ON measurement_y2024m02 (logdate);
CREATE TABLE measurement_y2024m03 PARTITION OF measurement
    FOR VALUES FROM ('2024-03-01') TO ('2024-04-01');
CREATE INDEX ON measurement_y2024m03 (logdate);
CREATE TABLE measurement_y2024m04 PARTITION OF measurement
    FOR VALUES FROM ('2024-04-01') TO ('2024-05-01');
CREATE INDEX ON measurement_y2024m04 (logdate);
CREATE TABLE measurement_y2024m05 PARTITION OF measurement
    FOR VALUES FROM ('2024-05-01') TO ('2024-06-01');
CREATE INDEX ON measurement_y2024m05 (logdate);
CREATE TABLE measurement_y2024m06 PARTITION OF measurement
    FOR VALUES FROM ('2024-06-01') TO ('2024-07-01');
CREATE INDEX ON measurement_y2024m06 (logdate);
CREATE TABLE measurement_y2024m07 PARTITION OF measurement
    FOR VALUES FROM ('2024-07-01') TO ('2024-08-01');
CREATE INDEX ON measurement_y2024m07 (logdate);
CREATE TABLE measurement_y2024m08 PARTITION OF measurement
    FOR VALUES FROM ('2024-08-01') TO ('2024-09-01');
CREATE INDEX ON measurement_y2024m08 (logdate);
CREATE TABLE measurement_y2024m09 PARTITION OF measurement
    FOR VALUES FROM ('2024-09-01') TO ('2024-10-01');
CREATE INDEX ON measurement_y2024m09 (logdate);
CREATE TABLE measurement_y2024m10 PARTITION OF measurement
    FOR VALUES FROM ('2024-10-01') TO ('2024-11-01');
CREATE INDEX ON measurement_y2024m10 (logdate);
CREATE TABLE measurement_y2024m11 PARTITION OF measurement
    FOR VALUES FROM ('2024-11-01') TO ('2024-12-01');
CREATE INDEX ON measurement_y2024m11 (logdate);
CREATE TABLE measurement_y2024m12 PARTITION OF measurement
    FOR VALUES FROM ('2024-12-01') TO ('2025-01-01');
CREATE INDEX ON measurement_y2024m12 (logdate);
CREATE TABLE measurement_default PARTITION OF measurement DEFAULT;
CREATE INDEX measurement_logdate_idx ON ONLY measurement (logdate);
ALTER INDEX measurement_logdate_idx ATTACH PARTITION measurement_y2024m01_logdate_idx;
ALTER INDEX measurement_logdate_idx ATTACH PARTITION measurement_y2024m02_logdate_idx;
ALTER INDEX measurement_logdate_idx ATTACH PARTITION measurement_y2024m03_logdate_idx;
ALTER INDEX measurement_logdate_idx ATTACH PARTITION measurement_y2024m04_logdate_idx;
ALTER INDEX measurement_logdate_idx ATTACH PARTITION measurement_y2024m05_logdate_idx;
ALTER INDEX measurement_logdate_idx ATTACH PARTITION measurement_y2024m06_logdate_idx;
ALTER INDEX measurement_logdate_idx ATTACH PARTITION measurement_y2024m07_logdate_idx;
ALTER INDEX measurement_logdate_idx ATTACH PARTITION measurement_y2024m08_logdate_idx;
ALTER INDEX measurement_logdate_idx ATTACH PARTITION measurement_y2024m09_logdate_idx;
ALTER INDEX measurement_logdate_idx ATTACH PARTITION measurement_y2024m10_logdate_idx;
ALTER INDEX measurement_logdate_idx ATTACH PARTITION measurement_y2024m11_logdate_idx;
ALTER INDEX measurement_logdate_idx ATTACH PARTITION measurement_y2024m12_logdate_idx;
CREATE TABLE measurement_y2025m01
  (LIKE measurement INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE measurement_y2025m01 ADD CONSTRAINT y2025m01
   CHECK ( logdate >= DATE '2025-01-01' AND logdate < DATE '2025-02-01' );
ALTER TABLE measurement ATTACH PARTITION measurement_y2025m01
    FOR VALUES FROM ('2025-01-01') TO ('2025-02-01' );
ALTER TABLE measurement_y2025m01 DROP CONSTRAINT y2025m01;
ALTER TABLE measurement DETACH PARTITION measurement_y2024m01 CONCURRENTLY;
ALTER TABLE measurement DETACH PARTITION measurement_y2024m02;
DROP TABLE measurement_y2024m02;
CREATE TABLE measurement_by_city (city_id int, note text) PARTITION BY LIST (city_id);
CREATE TABLE measurement_by_city_0 PARTITION OF measurement_by_city FOR VALUES IN (0, 1);
CREATE TABLE measurement_by_city_1 PARTITION OF measurement_by_city FOR VALUES IN (10, 11);
CREATE TABLE measurement_by_city_2 PARTITION OF measurement_by_city FOR VALUES IN (20, 21);
CREATE TABLE measurement_by_city_3 PARTITION OF measurement_by_city FOR VALUES IN (30, 31);
CREATE TABLE measurement_hash (id bigint) PARTITION BY HASH (id);
CREATE TABLE measurement_hash_0 PARTITION OF measurement_hash FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE measurement_hash_1 PARTITION OF measurement_hash FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE measurement_hash_2 PARTITION OF measurement_hash FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE measurement_hash_3 PARTITION OF measurement_hash FOR VALUES WITH (MODULUS 4, REMAINDER 3);
