import Foundation
@testable import ParleyCore
import ParleyTestSupport
import SQLKit
import Testing
import Vapor

/// Raw SQL on a tenant handle names its workspace through `TenantSQL`, never as a value the caller binds.
@Suite struct TenantSQLTests {
    @Test(arguments: DatabaseLane.enabled)
    func aScopedQuerySeesItsOwnWorkspaceAndAnUnscopedOneNeverRuns(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            let a = try await currentWorkspaceID(app, try await person(app, "a@example.com"))
            let b = try await currentWorkspaceID(app, try await person(app, "b@example.com"))
            for workspace in [a, b, b] {
                try await TenantContext.system(in: workspace, plan: .unchecked).run(on: app.db) { tenant in
                    try await EventOutbox.publish(
                        "member.joined", data: ["user": "x"], in: tenant, consumers: EventConsumers(), now: Date())
                }
            }
            let counts = try await TenantContext.system(in: b, plan: .unchecked).run(on: app.db) { tenant in
                let scoped = try await tenant.raw("SELECT count(*) AS n FROM events WHERE \(scope: "events")").first()!
                    .decode(column: "n", as: Int.self)
                let aliased = try await tenant.raw(
                    "SELECT count(*) AS n FROM events e WHERE \(scope: "e") AND e.type = \(bind: "member.joined")"
                )
                .first()!.decode(column: "n", as: Int.self)
                return (scoped, aliased)
            }
            #expect(counts == (2, 2), "only B's two events, on SQLite as on PostgreSQL")

            await #expect(throws: UnscopedTenantQuery.self) {
                try await TenantContext.system(in: b, plan: .unchecked).run(on: app.db) { tenant in
                    try await tenant.raw("SELECT count(*) AS n FROM events").first()
                }
            }
        }
    }
}
