import Fluent
import ParleyCore
import SQLKit

/// 0011: plans (seeded), workspaces, memberships and invitations, with row-level security and the narrow
/// lookups that resolve a signed-in user's memberships and an invitation's token.
struct CreateWorkspaces: AsyncMigration {
    var name: String { "0011_create_workspaces" }

    /// The plans a new installation starts with, written out so that the migration stays what it was when it
    /// landed. They name the features and limits of modules that came later; each module's migration adds its own.
    static let seededPlans: [(id: String, name: String, features: String, limits: String)] = [
        (
            "free", "Free", #"["assistant","proposals"]"#,
            #"{"daily_ai_budget_micro_usd":1000000,"knowledge_pages":200,"proposals_per_month":10,"seats":3,"sites":1,"storage_mb":500,"upload_mb":10}"#
        ),
        (
            "pro", "Pro", #"["api_access","assistant","custom_branding","proposals","webhooks"]"#,
            #"{"daily_ai_budget_micro_usd":10000000,"knowledge_pages":5000,"proposals_per_month":200,"seats":10,"sites":5,"storage_mb":10000,"upload_mb":50}"#
        ),
        (
            "business", "Business",
            #"["api_access","assistant","custom_branding","external_sign_in","proposals","webhooks"]"#,
            #"{"daily_ai_budget_micro_usd":50000000,"knowledge_pages":50000,"proposals_per_month":2000,"seats":50,"sites":25,"storage_mb":100000,"upload_mb":200}"#
        ),
    ]

    func prepare(on db: any Database) async throws {
        try await db.schema("plans")
            .field("id", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("position", .int, .required)
            .field("features", .string, .required)
            .field("limits", .string, .required)
            .create()
        try await seedPlans(db)

        try await db.schema("workspaces")
            .field("id", .uuid, .identifier(auto: false))
            .field("name", .string, .required)
            .field("slug", .string, .required)
            .field("plan_id", .string, .required, .references("plans", "id"))
            .field("require_two_factor", .bool, .required)
            .field("is_demo", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("deleted_at", .datetime)
            .unique(on: "slug", name: "workspaces_slug")
            .create()
        try await db.isolateTenantTable("workspaces", column: "id")

        try await db.schema("memberships")
            .field("id", .uuid, .identifier(auto: false))
            .field("workspace_id", .uuid, .required, .references("workspaces", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("created_at", .datetime, .required)
            .field("selected_at", .datetime)
            .unique(on: "workspace_id", "user_id", name: "memberships_workspace_user")
            .create()
        try await db.createIndex("memberships_user", on: "memberships", columns: "user_id")
        try await db.isolateTenantTable("memberships")

        try await db.schema("invitations")
            .field("id", .uuid, .identifier(auto: false))
            .field("workspace_id", .uuid, .required, .references("workspaces", "id", onDelete: .cascade))
            .field("email", .string, .required)
            .field("role", .string, .required)
            .field("token_hash", .string, .required)
            .field("invited_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("accepted_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash", name: "invitations_token_hash")
            .create()
        try await db.createIndex("invitations_workspace", on: "invitations", columns: "workspace_id")
        try await db.isolateTenantTable("invitations")

        try await NarrowLookups.membershipsOfUser.create(on: db)
        try await NarrowLookups.invitationByTokenHash.create(on: db)
        try await NarrowLookups.workspacesDue.create(on: db)
        try await NarrowLookups.workspaceBySlug.create(on: db)
    }

    private func seedPlans(_ db: any Database) async throws {
        let sql = try db.sqlDatabase
        for (position, plan) in Self.seededPlans.enumerated() {
            try await sql.insert(into: "plans")
                .columns("id", "name", "position", "features", "limits")
                .values(
                    SQLBind(plan.id), SQLBind(plan.name), SQLBind(position), SQLBind(plan.features),
                    SQLBind(plan.limits)
                )
                .run()
        }
    }

    func revert(on db: any Database) async throws {
        try await NarrowLookups.workspaceBySlug.drop(on: db)
        try await NarrowLookups.workspacesDue.drop(on: db)
        try await NarrowLookups.invitationByTokenHash.drop(on: db)
        try await NarrowLookups.membershipsOfUser.drop(on: db)
        try await db.schema("invitations").delete()
        try await db.schema("memberships").delete()
        try await db.schema("workspaces").delete()
        try await db.schema("plans").delete()
    }
}
