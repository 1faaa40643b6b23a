/// Every table that holds workspace data, with its tenant column. Each has row-level security on PostgreSQL
/// (`check-config` verifies it), and later modules append theirs here when they add one.
package enum TenantTables {
    package static let all: [(table: String, column: String)] = [
        ("workspaces", "id"),
        ("memberships", "workspace_id"),
        ("invitations", "workspace_id"),
        ("api_keys", "workspace_id"),
        ("audit_events", "workspace_id"),
        ("events", "workspace_id"),
        ("files", "workspace_id"),
        ("ai_calls", "workspace_id"),
        ("ai_budget_days", "workspace_id"),
        ("ai_budget_caps", "workspace_id"),
    ]
}
