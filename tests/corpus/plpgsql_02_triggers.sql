CREATE OR REPLACE FUNCTION set_comments_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS comments_updated_at ON comments;
CREATE TRIGGER comments_updated_at BEFORE UPDATE ON comments
  FOR EACH ROW EXECUTE FUNCTION set_comments_updated_at();
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'comments' AND column_name = 'updated_at') THEN
    ALTER TABLE comments ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
  END IF;
END
$$;
COMMENT ON FUNCTION set_comments_updated_at() IS 'Keeps comments.updated_at current';
ALTER FUNCTION set_comments_updated_at() OWNER TO app_owner;
GRANT EXECUTE ON FUNCTION set_comments_updated_at() TO app_user;
COMMENT ON TRIGGER comments_updated_at ON comments IS 'maintained by migrations';
CREATE OR REPLACE FUNCTION set_invoices_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS invoices_updated_at ON invoices;
CREATE TRIGGER invoices_updated_at BEFORE UPDATE ON invoices
  FOR EACH ROW EXECUTE FUNCTION set_invoices_updated_at();
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'invoices' AND column_name = 'updated_at') THEN
    ALTER TABLE invoices ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
  END IF;
END
$$;
COMMENT ON FUNCTION set_invoices_updated_at() IS 'Keeps invoices.updated_at current';
ALTER FUNCTION set_invoices_updated_at() OWNER TO app_owner;
GRANT EXECUTE ON FUNCTION set_invoices_updated_at() TO app_user;
COMMENT ON TRIGGER invoices_updated_at ON invoices IS 'maintained by migrations';
CREATE OR REPLACE FUNCTION set_payments_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS payments_updated_at ON payments;
CREATE TRIGGER payments_updated_at BEFORE UPDATE ON payments
  FOR EACH ROW EXECUTE FUNCTION set_payments_updated_at();
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'payments' AND column_name = 'updated_at') THEN
    ALTER TABLE payments ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
  END IF;
END
$$;
COMMENT ON FUNCTION set_payments_updated_at() IS 'Keeps payments.updated_at current';
ALTER FUNCTION set_payments_updated_at() OWNER TO app_owner;
GRANT EXECUTE ON FUNCTION set_payments_updated_at() TO app_user;
COMMENT ON TRIGGER payments_updated_at ON payments IS 'maintained by migrations';
CREATE OR REPLACE FUNCTION set_subscriptions_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS subscriptions_updated_at ON subscriptions;
CREATE TRIGGER subscriptions_updated_at BEFORE UPDATE ON subscriptions
  FOR EACH ROW EXECUTE FUNCTION set_subscriptions_updated_at();
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'subscriptions' AND column_name = 'updated_at') THEN
    ALTER TABLE subscriptions ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
  END IF;
END
$$;
COMMENT ON FUNCTION set_subscriptions_updated_at() IS 'Keeps subscriptions.updated_at current';
ALTER FUNCTION set_subscriptions_updated_at() OWNER TO app_owner;
GRANT EXECUTE ON FUNCTION set_subscriptions_updated_at() TO app_user;
COMMENT ON TRIGGER subscriptions_updated_at ON subscriptions IS 'maintained by migrations';
CREATE OR REPLACE FUNCTION set_plans_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS plans_updated_at ON plans;
CREATE TRIGGER plans_updated_at BEFORE UPDATE ON plans
  FOR EACH ROW EXECUTE FUNCTION set_plans_updated_at();
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'plans' AND column_name = 'updated_at') THEN
    ALTER TABLE plans ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
  END IF;
END
$$;
COMMENT ON FUNCTION set_plans_updated_at() IS 'Keeps plans.updated_at current';
ALTER FUNCTION set_plans_updated_at() OWNER TO app_owner;
GRANT EXECUTE ON FUNCTION set_plans_updated_at() TO app_user;
COMMENT ON TRIGGER plans_updated_at ON plans IS 'maintained by migrations';
CREATE OR REPLACE PROCEDURE archive_old_rows(cutoff date)
LANGUAGE plpgsql
AS $proc$
BEGIN
  DELETE FROM events WHERE occurred_at < cutoff;
  COMMIT;
END;
$proc$;
CALL archive_old_rows('2023-01-01');
CREATE FUNCTION add(a integer, b integer) RETURNS integer
    LANGUAGE SQL
    IMMUTABLE
    RETURNS NULL ON NULL INPUT
    RETURN a + b;
DROP FUNCTION IF EXISTS old_helper(integer, text);
