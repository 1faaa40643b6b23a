import Foundation
@testable import ParleyCore
import SQLKit
import Testing
import Vapor

/// Puts at least one row in every tenant table for `owner`'s current workspace, the way the features write them:
/// through the API where one exists, otherwise as the module writes the row. Tests that walk every tenant table
/// (row-level security, the module contract) start from here, so their checks are never vacuous; a new tenant
/// table adds its row here.
package func fillEveryTenantTable(_ app: Application, owner: Person, workspace: UUID) async throws {
    try await TenantContext.system(in: workspace, plan: .unchecked).run(on: app.db) { tenant in
        try await tenant.sql.raw("UPDATE workspaces SET plan_id = 'business' WHERE id = \(bind: workspace)").run()
    }
    #expect(
        try await call(
            app, .POST, "/api/v1/workspace/invitations", json: ["email": "x@example.com"], bearer: owner.token
        ).status == .created)
    #expect(
        try await call(
            app, .POST, "/api/v1/workspace/api-keys", json: ["name": "k", "scopes": ["audit:read"]], bearer: owner.token
        ).status == .created)
    #expect(try await upload(app, Array("notes".utf8), type: "text/plain", bearer: owner.token).status == .created)
    #expect(
        try await call(app, .PUT, "/api/v1/ai/budget", json: ["daily_cap_usd": 0.5], bearer: owner.token).status == .ok)
    try await TenantContext.system(in: workspace, plan: .unchecked).run(on: app.db) { tenant in
        // A metered call and a budget day, as the AI gateway writes them.
        try await tenant.sql.raw(
            """
            INSERT INTO ai_calls (id, workspace_id, day, feature, provider, model, input_tokens, output_tokens, tokens_estimated,
                                  cost_micro_usd, latency_ms, outcome, created_at)
            VALUES (\(bind: UUID()), \(bind: workspace), '2026-11-22', 'assistant', 'p', 'm', 1, 1, \(bind: false), 1, 1, 'ok', \(bind: Date()))
            """
        ).run()
        try await tenant.sql.raw(
            """
            INSERT INTO ai_budget_days (id, workspace_id, day, reserved_micro_usd, spent_micro_usd, notified_80, notified_100)
            VALUES (\(bind: UUID()), \(bind: workspace), '2026-11-22', 0, 1, \(bind: false), \(bind: false))
            """
        ).run()
        // An announced event, as a feature publishes it.
        try await EventOutbox.publish(
            "member.joined", data: ["user": "x"], in: tenant, consumers: EventConsumers(), now: Date())
    }
}

/// How many rows of `table` belong to `workspace`, read inside that workspace's context.
package func tenantRowCount(_ app: Application, _ table: TenantTable, workspace: UUID) async throws -> Int {
    try await TenantContext.system(in: workspace, plan: .unchecked).run(on: app.db) { tenant in
        try await tenant.sql.raw(
            "SELECT count(*) AS n FROM \(ident: table.name) WHERE \(ident: table.column) = \(bind: workspace)"
        )
        .first()!.decode(column: "n", as: Int.self)
    }
}
