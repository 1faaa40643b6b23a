import ParleyCore

/// The workspace module's narrow lookups: the only queries that read across workspaces (see `NarrowLookup`).
enum NarrowLookups {
    /// A signed-in user's live workspaces with role, plan and 2FA policy: what resolving their context needs,
    /// most recently selected first.
    static let membershipsOfUser = NarrowLookup(
        name: "parley_memberships_of_user", parameterTypes: ["uuid"],
        returns: """
            TABLE (workspace_id uuid, workspace_name text, slug text, role text, require_two_factor boolean,
                   user_has_two_factor boolean, plan_id text, plan_name text, plan_features text, plan_limits text,
                   selected_at timestamptz, joined_at timestamptz)
            """,
        body: """
            SELECT w.id AS workspace_id, w.name AS workspace_name, w.slug AS slug, m.role AS role,
                   w.require_two_factor AS require_two_factor, u.totp_secret_sealed IS NOT NULL AS user_has_two_factor,
                   p.id AS plan_id, p.name AS plan_name, p.features AS plan_features, p.limits AS plan_limits,
                   m.selected_at AS selected_at, m.created_at AS joined_at
            FROM memberships m
            JOIN workspaces w ON w.id = m.workspace_id
            JOIN plans p ON p.id = w.plan_id
            JOIN users u ON u.id = m.user_id
            WHERE m.user_id = $1 AND w.deleted_at IS NULL
            ORDER BY m.selected_at IS NULL, m.selected_at DESC, m.created_at
            """)

    /// An invitation by the hash of its token: which workspace (and plan) to bind to before accepting it.
    static let invitationByTokenHash = NarrowLookup(
        name: "parley_invitation_by_token_hash", parameterTypes: ["text"],
        returns:
            "TABLE (id uuid, workspace_id uuid, plan_id text, plan_name text, plan_features text, plan_limits text)",
        body: """
            SELECT i.id AS id, i.workspace_id AS workspace_id,
                   p.id AS plan_id, p.name AS plan_name, p.features AS plan_features, p.limits AS plan_limits
            FROM invitations i
            JOIN workspaces w ON w.id = i.workspace_id
            JOIN plans p ON p.id = w.plan_id
            WHERE i.token_hash = $1 AND w.deleted_at IS NULL
            """)

    /// An API key by the hash of its secret, with its workspace's plan: what resolving its context needs.
    static let apiKeyBySecretHash = NarrowLookup(
        name: "parley_api_key_by_secret_hash", parameterTypes: ["text"],
        returns: """
            TABLE (id uuid, workspace_id uuid, scopes text, expires_at timestamptz, revoked_at timestamptz,
                   last_used_at timestamptz, plan_id text, plan_name text, plan_features text, plan_limits text)
            """,
        body: """
            SELECT k.id AS id, k.workspace_id AS workspace_id, k.scopes AS scopes, k.expires_at AS expires_at,
                   k.revoked_at AS revoked_at, k.last_used_at AS last_used_at,
                   p.id AS plan_id, p.name AS plan_name, p.features AS plan_features, p.limits AS plan_limits
            FROM api_keys k
            JOIN workspaces w ON w.id = k.workspace_id
            JOIN plans p ON p.id = w.plan_id
            WHERE k.secret_hash = $1 AND w.deleted_at IS NULL
            """)

    /// Workspaces deleted before `$1` (the end of the grace period). Only ids leave the lookup; the purge then
    /// works inside each workspace's context.
    static let workspacesDue = NarrowLookup(
        name: "parley_workspaces_due", parameterTypes: ["timestamptz"],
        returns: "TABLE (id uuid)",
        body: """
            SELECT w.id AS id FROM workspaces w
            WHERE w.deleted_at IS NOT NULL AND w.deleted_at < $1
            ORDER BY w.deleted_at
            """)

    /// The workspace (deleted ones included, until purged) that holds the slug `$1`: for uniqueness checks and
    /// for operators who name a workspace by its slug.
    static let workspaceBySlug = NarrowLookup(
        name: "parley_workspace_by_slug", parameterTypes: ["text"],
        returns: "TABLE (id uuid)",
        body: "SELECT w.id AS id FROM workspaces w WHERE w.slug = $1")

    /// The workspaces (live, deleted or purged) that have audit events older than `$1`: the retention job then
    /// deletes them inside each workspace's context.
    static let workspacesWithAuditBefore = NarrowLookup(
        name: "parley_workspaces_with_audit_before", parameterTypes: ["timestamptz"],
        returns: "TABLE (id uuid)",
        body:
            "SELECT DISTINCT e.workspace_id AS id FROM audit_events e WHERE e.workspace_id IS NOT NULL AND e.occurred_at < $1"
    )

    /// Demo workspaces created before `$1`, deleted or not: their time is up.
    static let demoWorkspacesCreatedBefore = NarrowLookup(
        name: "parley_demo_workspaces_created_before", parameterTypes: ["timestamptz"],
        returns: "TABLE (id uuid)",
        body: "SELECT w.id AS id FROM workspaces w WHERE w.is_demo AND w.created_at < $1 ORDER BY w.created_at")

    /// The workspaces (deleted ones included, until purged) in which `$1` is an Owner: what the per-person limit on
    /// creating workspaces counts, so deleting and creating again does not get round it.
    static let ownedWorkspacesOfUser = NarrowLookup(
        name: "parley_owned_workspaces_of_user", parameterTypes: ["uuid"],
        returns: "TABLE (id uuid)",
        body: "SELECT m.workspace_id AS id FROM memberships m WHERE m.user_id = $1 AND m.role = 'owner'")
}
