import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
@testable import Files

/// Workspace B never reaches A's files: not through the API with A's ids, not through download links.
@Suite struct FileCrossTenantTests {
    static let routes: [(HTTPMethod, String)] = [
        (.POST, "/api/v1/files"), (.GET, "/api/v1/files"), (.GET, "/api/v1/files/:id"), (.DELETE, "/api/v1/files/:id"),
        (.POST, "/api/v1/files/:id/link"),
        // The dashboard's Files page and its forms.
        (.GET, "/app/files"), (.POST, "/app/files/:id/download"), (.POST, "/app/files/:id/delete"),
    ]

    @Test func everyFileRouteIsCovered() async throws {
        try await withTestApp(.sqlite, migrate: false) { app async throws in
            let registered = app.routes.all.map { ($0.method, "/" + $0.path.map(\.description).joined(separator: "/")) }
                .filter { $0.1.hasPrefix("/api/v1/files") || $0.1.hasPrefix("/app/files") }
            #expect(
                Set(registered.map { "\($0.0) \($0.1)" }) == Set(Self.routes.map { "\($0.0) \($0.1)" }),
                "add new file routes to this test")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func workspaceBNeverReachesAsFiles(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: fileVariables, clock: clock.appClock) { app async throws in
            let ownerA = try await person(app, "owner-a@example.com")
            clock.advance(by: 1)
            let ownerB = try await person(app, "owner-b@example.com")
            let workspaceA = try await currentWorkspaceID(app, ownerA)
            let workspaceB = try await currentWorkspaceID(app, ownerB)
            let fileA = try #require(
                try await upload(
                    app, Array("Alpha secret pricing".utf8), type: "text/plain", name: "alpha.txt", bearer: ownerA.token
                ).string("id"))
            let fileB = try #require(
                try await upload(
                    app, Array("Beta notes".utf8), type: "text/plain", name: "beta.txt", bearer: ownerB.token
                ).string("id"))

            for (method, route) in Self.routes where route.contains(":id") {
                let reply = try await call(
                    app, method, route.replacingOccurrences(of: ":id", with: fileA), json: method == .POST ? [:] : nil,
                    bearer: ownerB.token)
                #expect(reply.status == .notFound, "\(method) \(route): \(reply.status)")
                #expect(!reply.text.contains("alpha"))
            }
            let named = try await call(
                app, .GET, "/api/v1/files", headers: .workspace(workspaceA), bearer: ownerB.token)
            #expect(named.status == .notFound, "B cannot name A's workspace")
            let listB = try await call(app, .GET, "/api/v1/files", bearer: ownerB.token)
            #expect(!listB.text.contains("alpha") && listB.text.contains("beta.txt"))

            // Links: B's valid link re-pointed at A's file or workspace fails its signature…
            let linkB = try await downloadPath(app, fileID: fileB, bearer: ownerB.token)
            #expect(linkB.contains(fileB.lowercased()))
            for altered in [
                linkB.replacingOccurrences(of: fileB.lowercased(), with: fileA.lowercased()),
                linkB.replacingOccurrences(
                    of: workspaceB.uuidString.lowercased(), with: workspaceA.uuidString.lowercased()),
            ] {
                #expect(try await fetch(app, altered).status == .forbidden)
            }
            // …and even a correctly signed link that names A's file under B's workspace finds nothing.
            let env = try FilesEnvironment(app, db: app.db, logger: app.logger).links
            let forged = env.link(
                workspaceID: workspaceB, fileID: UUID(uuidString: fileA)!, disposition: .attachment,
                now: app.clock.now())
            let forgedPath = String(forged.url.dropFirst(origin.count))
            let got = try await fetch(app, forgedPath)
            #expect(got.status == .notFound)
            #expect(!String(decoding: got.body, as: UTF8.self).contains("Alpha"))
            #expect(
                try await fetch(app, try await downloadPath(app, fileID: fileA, bearer: ownerA.token)).body
                    == Array("Alpha secret pricing".utf8))
        }
    }
}
