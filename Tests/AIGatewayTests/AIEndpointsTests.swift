import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
@testable import AIGateway

/// The AI endpoints: roles, scopes, bad input, and other workspaces.
@Suite struct AIEndpointsTests {
    static let routes: [(HTTPMethod, String)] = [
        (.GET, "/api/v1/ai/usage"), (.GET, "/api/v1/ai/budget"), (.PUT, "/api/v1/ai/budget"),
        (.GET, "/app/ai"), (.POST, "/app/ai/budget"),
    ]

    @Test func everyAIRouteIsCovered() async throws {
        try await withTestApp(.sqlite, migrate: false) { app async throws in
            let registered = app.routes.all.map { "\($0.method) /" + $0.path.map(\.description).joined(separator: "/") }
                .filter { $0.contains("/api/v1/ai/") || $0.contains("/app/ai") }
            #expect(Set(registered) == Set(Self.routes.map { "\($0.0) \($0.1)" }), "add new AI routes to this test")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func anotherWorkspaceIsNeverReachedAndInputIsChecked(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let (ownerA, member, workspaceA) = try await ownerAndMember(app, clock: clock, role: .member)
            clock.advance(by: 1)
            let ownerB = try await person(app, "owner-b@example.com")
            #expect(
                try await call(app, .PUT, "/api/v1/ai/budget", json: ["daily_cap_usd": 0.5], bearer: ownerA.token)
                    .status == .ok)
            for (method, path) in Self.routes {
                let reply = try await call(
                    app, method, path,
                    json: method == .PUT ? ["daily_cap_usd": 0.1] : method == .POST ? ["daily_cap_usd": "0.1"] : nil,
                    headers: .workspace(workspaceA), bearer: ownerB.token)
                #expect(reply.status == .notFound, "\(method) \(path) as B naming A: \(reply.status)")
            }
            #expect(
                try await call(app, .GET, "/api/v1/ai/budget", bearer: ownerA.token).json["daily_cap_usd"] as? Double
                    == 0.5, "A unchanged")
            #expect(
                try await call(app, .GET, "/api/v1/ai/budget", bearer: ownerB.token).json["daily_cap_usd"] as? Double
                    == 1.0)
            #expect(
                try await call(app, .GET, "/api/v1/ai/usage", bearer: member.token).status == .forbidden,
                "Admins and Owners only")
            #expect(try await call(app, .GET, "/api/v1/ai/usage?days=0", bearer: ownerA.token).status == .badRequest)
            #expect(try await call(app, .GET, "/api/v1/ai/usage?days=abc", bearer: ownerA.token).status == .badRequest)
            #expect(
                try await call(app, .PUT, "/api/v1/ai/budget", json: ["daily_cap_usd": -1], bearer: ownerA.token).status
                    == .badRequest)
            #expect(
                try await call(app, .PUT, "/api/v1/ai/budget", json: [:], bearer: ownerA.token).status == .badRequest)
        }
    }

    /// A cap too large for an Int of micro-USD once trapped the conversion and took the server down.
    @Test(arguments: DatabaseLane.enabled)
    func aHugeBudgetIsRefusedByName(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let owner = try await person(app, "owner@example.com")
            for cap in [1e13, 1e300, Double.greatestFiniteMagnitude] {
                let reply = try await call(
                    app, .PUT, "/api/v1/ai/budget", json: ["daily_cap_usd": cap], bearer: owner.token)
                #expect(reply.status == .badRequest, "\(cap): \(reply.status)")
                #expect(reply.text.contains("daily_cap_usd"), "\(cap): \(reply.text)")
            }
            #expect(
                try await call(app, .GET, "/api/v1/ai/budget", bearer: owner.token).json["owner_daily_cap_usd"]
                    as? Double == nil, "nothing stored")
        }
    }
}
