-- Flyway migration V5
CREATE TABLE IF NOT EXISTS audit_logs (
  id BIGSERIAL PRIMARY KEY,
  code VARCHAR(50) NOT NULL UNIQUE,
  amount NUMERIC(12,2) NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS idx_audit_logs_created_at ON audit_logs(created_at DESC);
ALTER TABLE audit_logs ADD COLUMN IF NOT EXISTS note TEXT;
ALTER TABLE audit_logs ADD CONSTRAINT chk_audit_logs_amount CHECK (amount >= 0) NOT VALID;
ALTER TABLE audit_logs VALIDATE CONSTRAINT chk_audit_logs_amount;
UPDATE audit_logs SET note = 'migrated' WHERE note IS NULL AND created_at < '2024-01-01';
ALTER TABLE audit_logs ALTER COLUMN note SET NOT NULL, ALTER COLUMN note SET DEFAULT '';
DROP TABLE IF EXISTS audit_logs_backup CASCADE;
DELETE FROM audit_logs WHERE created_at < now() - interval '2 years';
CREATE TABLE IF NOT EXISTS teams (
  id BIGSERIAL PRIMARY KEY,
  code VARCHAR(50) NOT NULL UNIQUE,
  amount NUMERIC(12,2) NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS idx_teams_created_at ON teams(created_at DESC);
ALTER TABLE teams ADD COLUMN IF NOT EXISTS note TEXT;
ALTER TABLE teams ADD CONSTRAINT chk_teams_amount CHECK (amount >= 0) NOT VALID;
ALTER TABLE teams VALIDATE CONSTRAINT chk_teams_amount;
UPDATE teams SET note = 'migrated' WHERE note IS NULL AND created_at < '2024-01-01';
ALTER TABLE teams ALTER COLUMN note SET NOT NULL, ALTER COLUMN note SET DEFAULT '';
DROP TABLE IF EXISTS teams_backup CASCADE;
DELETE FROM teams WHERE created_at < now() - interval '2 years';
CREATE TABLE IF NOT EXISTS memberships (
  id BIGSERIAL PRIMARY KEY,
  code VARCHAR(50) NOT NULL UNIQUE,
  amount NUMERIC(12,2) NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS idx_memberships_created_at ON memberships(created_at DESC);
ALTER TABLE memberships ADD COLUMN IF NOT EXISTS note TEXT;
ALTER TABLE memberships ADD CONSTRAINT chk_memberships_amount CHECK (amount >= 0) NOT VALID;
ALTER TABLE memberships VALIDATE CONSTRAINT chk_memberships_amount;
UPDATE memberships SET note = 'migrated' WHERE note IS NULL AND created_at < '2024-01-01';
ALTER TABLE memberships ALTER COLUMN note SET NOT NULL, ALTER COLUMN note SET DEFAULT '';
DROP TABLE IF EXISTS memberships_backup CASCADE;
DELETE FROM memberships WHERE created_at < now() - interval '2 years';
CREATE TABLE IF NOT EXISTS invitations (
  id BIGSERIAL PRIMARY KEY,
  code VARCHAR(50) NOT NULL UNIQUE,
  amount NUMERIC(12,2) NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS idx_invitations_created_at ON invitations(created_at DESC);
ALTER TABLE invitations ADD COLUMN IF NOT EXISTS note TEXT;
ALTER TABLE invitations ADD CONSTRAINT chk_invitations_amount CHECK (amount >= 0) NOT VALID;
ALTER TABLE invitations VALIDATE CONSTRAINT chk_invitations_amount;
UPDATE invitations SET note = 'migrated' WHERE note IS NULL AND created_at < '2024-01-01';
ALTER TABLE invitations ALTER COLUMN note SET NOT NULL, ALTER COLUMN note SET DEFAULT '';
DROP TABLE IF EXISTS invitations_backup CASCADE;
DELETE FROM invitations WHERE created_at < now() - interval '2 years';
CREATE TABLE IF NOT EXISTS files (
  id BIGSERIAL PRIMARY KEY,
  code VARCHAR(50) NOT NULL UNIQUE,
  amount NUMERIC(12,2) NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS idx_files_created_at ON files(created_at DESC);
ALTER TABLE files ADD COLUMN IF NOT EXISTS note TEXT;
ALTER TABLE files ADD CONSTRAINT chk_files_amount CHECK (amount >= 0) NOT VALID;
ALTER TABLE files VALIDATE CONSTRAINT chk_files_amount;
UPDATE files SET note = 'migrated' WHERE note IS NULL AND created_at < '2024-01-01';
ALTER TABLE files ALTER COLUMN note SET NOT NULL, ALTER COLUMN note SET DEFAULT '';
DROP TABLE IF EXISTS files_backup CASCADE;
DELETE FROM files WHERE created_at < now() - interval '2 years';
CREATE TABLE IF NOT EXISTS folders (
  id BIGSERIAL PRIMARY KEY,
  code VARCHAR(50) NOT NULL UNIQUE,
  amount NUMERIC(12,2) NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS idx_folders_created_at ON folders(created_at DESC);
ALTER TABLE folders ADD COLUMN IF NOT EXISTS note TEXT;
ALTER TABLE folders ADD CONSTRAINT chk_folders_amount CHECK (amount >= 0) NOT VALID;
ALTER TABLE folders VALIDATE CONSTRAINT chk_folders_amount;
UPDATE folders SET note = 'migrated' WHERE note IS NULL AND created_at < '2024-01-01';
ALTER TABLE folders ALTER COLUMN note SET NOT NULL, ALTER COLUMN note SET DEFAULT '';
DROP TABLE IF EXISTS folders_backup CASCADE;
DELETE FROM folders WHERE created_at < now() - interval '2 years';
CREATE TABLE IF NOT EXISTS reports (
  id BIGSERIAL PRIMARY KEY,
  code VARCHAR(50) NOT NULL UNIQUE,
  amount NUMERIC(12,2) NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS idx_reports_created_at ON reports(created_at DESC);
ALTER TABLE reports ADD COLUMN IF NOT EXISTS note TEXT;
ALTER TABLE reports ADD CONSTRAINT chk_reports_amount CHECK (amount >= 0) NOT VALID;
ALTER TABLE reports VALIDATE CONSTRAINT chk_reports_amount;
UPDATE reports SET note = 'migrated' WHERE note IS NULL AND created_at < '2024-01-01';
ALTER TABLE reports ALTER COLUMN note SET NOT NULL, ALTER COLUMN note SET DEFAULT '';
DROP TABLE IF EXISTS reports_backup CASCADE;
DELETE FROM reports WHERE created_at < now() - interval '2 years';
