BEGIN;
UPDATE products SET status = 'active' WHERE status IS NULL AND id BETWEEN 0 AND 9999;
INSERT INTO products_archive (id, name, archived_at)
SELECT id, name, now() FROM products WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM products WHERE deleted_at < now() - interval '90 days';
UPDATE products AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('products_v2', false), ('products_v3', false);
UPDATE orders SET status = 'active' WHERE status IS NULL AND id BETWEEN 10000 AND 19999;
INSERT INTO orders_archive (id, name, archived_at)
SELECT id, name, now() FROM orders WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM orders WHERE deleted_at < now() - interval '90 days';
UPDATE orders AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('orders_v2', false), ('orders_v3', false);
UPDATE order_items SET status = 'active' WHERE status IS NULL AND id BETWEEN 20000 AND 29999;
INSERT INTO order_items_archive (id, name, archived_at)
SELECT id, name, now() FROM order_items WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM order_items WHERE deleted_at < now() - interval '90 days';
UPDATE order_items AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('order_items_v2', false), ('order_items_v3', false);
UPDATE customers SET status = 'active' WHERE status IS NULL AND id BETWEEN 30000 AND 39999;
INSERT INTO customers_archive (id, name, archived_at)
SELECT id, name, now() FROM customers WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM customers WHERE deleted_at < now() - interval '90 days';
UPDATE customers AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('customers_v2', false), ('customers_v3', false);
UPDATE addresss SET status = 'active' WHERE status IS NULL AND id BETWEEN 40000 AND 49999;
INSERT INTO addresss_archive (id, name, archived_at)
SELECT id, name, now() FROM addresss WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM addresss WHERE deleted_at < now() - interval '90 days';
UPDATE addresss AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('addresss_v2', false), ('addresss_v3', false);
UPDATE shipments SET status = 'active' WHERE status IS NULL AND id BETWEEN 50000 AND 59999;
INSERT INTO shipments_archive (id, name, archived_at)
SELECT id, name, now() FROM shipments WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM shipments WHERE deleted_at < now() - interval '90 days';
UPDATE shipments AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('shipments_v2', false), ('shipments_v3', false);
UPDATE warehouses SET status = 'active' WHERE status IS NULL AND id BETWEEN 60000 AND 69999;
INSERT INTO warehouses_archive (id, name, archived_at)
SELECT id, name, now() FROM warehouses WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM warehouses WHERE deleted_at < now() - interval '90 days';
UPDATE warehouses AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('warehouses_v2', false), ('warehouses_v3', false);
UPDATE inventorys SET status = 'active' WHERE status IS NULL AND id BETWEEN 70000 AND 79999;
INSERT INTO inventorys_archive (id, name, archived_at)
SELECT id, name, now() FROM inventorys WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM inventorys WHERE deleted_at < now() - interval '90 days';
UPDATE inventorys AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('inventorys_v2', false), ('inventorys_v3', false);
UPDATE suppliers SET status = 'active' WHERE status IS NULL AND id BETWEEN 80000 AND 89999;
INSERT INTO suppliers_archive (id, name, archived_at)
SELECT id, name, now() FROM suppliers WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM suppliers WHERE deleted_at < now() - interval '90 days';
UPDATE suppliers AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('suppliers_v2', false), ('suppliers_v3', false);
UPDATE categorys SET status = 'active' WHERE status IS NULL AND id BETWEEN 90000 AND 99999;
INSERT INTO categorys_archive (id, name, archived_at)
SELECT id, name, now() FROM categorys WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM categorys WHERE deleted_at < now() - interval '90 days';
UPDATE categorys AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('categorys_v2', false), ('categorys_v3', false);
COMMIT;
