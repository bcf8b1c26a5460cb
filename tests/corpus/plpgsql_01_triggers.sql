CREATE OR REPLACE FUNCTION set_users_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS users_updated_at ON users;
CREATE TRIGGER users_updated_at BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION set_users_updated_at();
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'updated_at') THEN
    ALTER TABLE users ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
  END IF;
END
$$;
COMMENT ON FUNCTION set_users_updated_at() IS 'Keeps users.updated_at current';
ALTER FUNCTION set_users_updated_at() OWNER TO app_owner;
GRANT EXECUTE ON FUNCTION set_users_updated_at() TO app_user;
COMMENT ON TRIGGER users_updated_at ON users IS 'maintained by migrations';
CREATE OR REPLACE FUNCTION set_accounts_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS accounts_updated_at ON accounts;
CREATE TRIGGER accounts_updated_at BEFORE UPDATE ON accounts
  FOR EACH ROW EXECUTE FUNCTION set_accounts_updated_at();
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'updated_at') THEN
    ALTER TABLE accounts ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
  END IF;
END
$$;
COMMENT ON FUNCTION set_accounts_updated_at() IS 'Keeps accounts.updated_at current';
ALTER FUNCTION set_accounts_updated_at() OWNER TO app_owner;
GRANT EXECUTE ON FUNCTION set_accounts_updated_at() TO app_user;
COMMENT ON TRIGGER accounts_updated_at ON accounts IS 'maintained by migrations';
CREATE OR REPLACE FUNCTION set_organizations_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS organizations_updated_at ON organizations;
CREATE TRIGGER organizations_updated_at BEFORE UPDATE ON organizations
  FOR EACH ROW EXECUTE FUNCTION set_organizations_updated_at();
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'organizations' AND column_name = 'updated_at') THEN
    ALTER TABLE organizations ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
  END IF;
END
$$;
COMMENT ON FUNCTION set_organizations_updated_at() IS 'Keeps organizations.updated_at current';
ALTER FUNCTION set_organizations_updated_at() OWNER TO app_owner;
GRANT EXECUTE ON FUNCTION set_organizations_updated_at() TO app_user;
COMMENT ON TRIGGER organizations_updated_at ON organizations IS 'maintained by migrations';
CREATE OR REPLACE FUNCTION set_projects_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS projects_updated_at ON projects;
CREATE TRIGGER projects_updated_at BEFORE UPDATE ON projects
  FOR EACH ROW EXECUTE FUNCTION set_projects_updated_at();
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'projects' AND column_name = 'updated_at') THEN
    ALTER TABLE projects ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
  END IF;
END
$$;
COMMENT ON FUNCTION set_projects_updated_at() IS 'Keeps projects.updated_at current';
ALTER FUNCTION set_projects_updated_at() OWNER TO app_owner;
GRANT EXECUTE ON FUNCTION set_projects_updated_at() TO app_user;
COMMENT ON TRIGGER projects_updated_at ON projects IS 'maintained by migrations';
CREATE OR REPLACE FUNCTION set_tasks_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS tasks_updated_at ON tasks;
CREATE TRIGGER tasks_updated_at BEFORE UPDATE ON tasks
  FOR EACH ROW EXECUTE FUNCTION set_tasks_updated_at();
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'tasks' AND column_name = 'updated_at') THEN
    ALTER TABLE tasks ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
  END IF;
END
$$;
COMMENT ON FUNCTION set_tasks_updated_at() IS 'Keeps tasks.updated_at current';
ALTER FUNCTION set_tasks_updated_at() OWNER TO app_owner;
GRANT EXECUTE ON FUNCTION set_tasks_updated_at() TO app_user;
COMMENT ON TRIGGER tasks_updated_at ON tasks IS 'maintained by migrations';
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
