-- A request presenting an API token may read the token's organisation as well as the token row itself (see
-- api_tokens_tenant in 0002), so resolving a token is one query: the token joined to its organisation.
DROP POLICY organisations_tenant ON organisations;--> statement-breakpoint
CREATE POLICY organisations_tenant ON organisations
  USING (id = ANY (app_scope_org_ids())
         OR id IN (SELECT m.organisation_id FROM memberships m WHERE m.user_id = app_scope_user_id())
         OR id IN (SELECT t.organisation_id FROM api_tokens t WHERE t.token_hash = nullif(current_setting('app.token_hash', true), '')))
  WITH CHECK (id = ANY (app_scope_org_ids()));
