-- Prints, one a line, the statements that distribute Lodestar's migrated schema on a Citus coordinator, in an order
-- Citus accepts: the reference tables first, then every tenant table by org_id, each after the tables its foreign
-- keys point to (all uuid org_id with the default shard count, so Citus co-locates them in one group).
-- On Citus, after `lodestar migrate`:  psql -At -f scripts/citus-distribute.sql "$DATABASE_URL" | psql -v ON_ERROR_STOP=1 "$DATABASE_URL"
-- Tables declared 'citus:local' stay on the coordinator and get no statement. Run scripts/citus-check.sql first: it must print nothing.
WITH RECURSIVE tables AS (
  SELECT c.oid, c.relname, coalesce(obj_description(c.oid, 'pg_class'), '') AS note,
         EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped) AS has_org
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition),
tenant AS (SELECT oid, relname FROM tables WHERE has_org AND note !~ '^citus:(reference|local)'),
edge AS (  -- tenant table → tenant table it references (self-references need no order)
  SELECT DISTINCT con.conrelid AS child, con.confrelid AS parent FROM pg_constraint con
  WHERE con.contype = 'f' AND con.conrelid <> con.confrelid
    AND con.conrelid IN (SELECT oid FROM tenant) AND con.confrelid IN (SELECT oid FROM tenant)),
depth AS (
  SELECT oid, 0 AS level FROM tenant
  UNION
  SELECT e.child, d.level + 1 FROM edge e JOIN depth d ON d.oid = e.parent WHERE d.level < 100)
SELECT statement FROM (
  SELECT 0 AS phase, 0 AS level, relname, format('SELECT create_reference_table(%L);', relname) AS statement
    FROM tables WHERE note ~ '^citus:reference'
  UNION ALL
  SELECT 1, max(d.level), t.relname, format('SELECT create_distributed_table(%L, %L);', t.relname, 'org_id')
    FROM tenant t JOIN depth d ON d.oid = t.oid GROUP BY t.relname) s
ORDER BY phase, level, relname;
