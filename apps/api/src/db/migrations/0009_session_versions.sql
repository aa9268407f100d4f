-- Sessions end when their credentials do. Every access token carries the user's
-- token_version (claim `ver`) and the guard compares it with this column on every
-- request; bumping it ends all of the user's sessions at once, in every process.
ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0;

-- Bumped here rather than by each caller, so no path that writes a user (the API, the
-- create-admin CLI, a future import) can change a password or deactivate someone and
-- forget to end their sessions. Reactivating does not bump: the version already moved
-- on deactivation, so tokens from before stay dead.
CREATE OR REPLACE FUNCTION users_end_sessions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.password_hash IS DISTINCT FROM OLD.password_hash OR (OLD.is_active AND NOT NEW.is_active) THEN
    NEW.token_version := OLD.token_version + 1;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER users_end_sessions
  BEFORE UPDATE OF password_hash, is_active ON users
  FOR EACH ROW EXECUTE FUNCTION users_end_sessions();
