-- When each user last signed in (a successful POST /api/auth/login), for the users
-- list. NULL: never since this column exists. Not part of updated_at: signing in is
-- not an edit of the user.
ALTER TABLE users ADD COLUMN last_login_at timestamptz;
