-- Run in the EMPTY target database before `pg_restore` of a nahbar dump, e.g.
--   createdb nahbar && psql -d nahbar -f deploy/postgres/restore-prepare.sql
--   pg_restore --no-owner --exit-on-error -d nahbar nahbar.dump
--
-- Why: pg_restore runs with an empty search_path, and earthdistance's ll_to_earth() (PostgreSQL
-- 15 and older) names the `earth` type and cube() without a schema. Restoring volunteer.location
-- (a generated column) and its GiST index then fails with `type "earth" does not exist`. Creating
-- the extensions first and pinning the function's search_path makes the restore work; pg_restore's
-- own CREATE EXTENSION IF NOT EXISTS then leaves them as they are. `npm run backup:verify` runs
-- exactly this file before every test restore.
CREATE EXTENSION IF NOT EXISTS cube WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS earthdistance WITH SCHEMA public;
ALTER FUNCTION public.ll_to_earth(double precision, double precision) SET search_path = public;
