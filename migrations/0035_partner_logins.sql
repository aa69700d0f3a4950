-- Partner logins (issue 14): a user with role 'partner' signs in to the web app as one partner's person, just as a
-- partner API key (0027) acts for one partner. Such a login reads that partner's report, replies and ideas, and gets
-- 403 from everything else; a partner login bound to no partner (made before this migration) reads nothing.

-- Nullable without a default: adding it rewrites nothing. The composite key keeps the partner in the user's own
-- organisation (and co-located on Citus); only partner logins may name one, as for api_keys.
ALTER TABLE users ADD COLUMN partner_id uuid;
ALTER TABLE users ADD FOREIGN KEY (org_id, partner_id) REFERENCES partners(org_id, id);
ALTER TABLE users ADD CONSTRAINT users_partner_role CHECK (partner_id IS NULL OR role = 'partner');
-- A partner's logins, for the partner's own side; partial, so staff logins (nearly all of them) cost nothing.
CREATE INDEX users_partner ON users (org_id, partner_id) WHERE partner_id IS NOT NULL;

-- A reply can now come through a partner login too: via 'user', via_id the login's user id.
ALTER TABLE partner_replies DROP CONSTRAINT partner_replies_via_check;
ALTER TABLE partner_replies ADD CONSTRAINT partner_replies_via_check CHECK (via IN ('link', 'key', 'user'));
