import Foundation
import ParleyTestSupport
import Testing
import Vapor

@Suite struct WorkspaceLimitTests {
    /// A person owns at most `PARLEY_WORKSPACES_PER_ACCOUNT` workspaces, and a deleted one counts until it is
    /// purged, so creating and deleting in a loop does not get round the limit.
    @Test(arguments: DatabaseLane.enabled)
    func creatingWorkspacesStopsAtThePerPersonLimit(_ lane: DatabaseLane) async throws {
        var variables = authVariables
        variables["PARLEY_WORKSPACES_PER_ACCOUNT"] = "2"
        try await withTestApp(lane, variables: variables) { app async throws in
            let owner = try await person(app, "owner@example.com")  // owns their first workspace
            let second = try await call(app, .POST, "/api/v1/workspaces", json: ["name": "Second"], bearer: owner.token)
            #expect(second.status == .created)
            let third = try await call(app, .POST, "/api/v1/workspaces", json: ["name": "Third"], bearer: owner.token)
            #expect(third.status == .forbidden && third.errorCode == "workspace_limit")

            let secondID = try #require(second.string("id"))
            let deleted = try await call(
                app, .DELETE, "/api/v1/workspace", headers: ["X-Parley-Workspace": secondID], bearer: owner.token)
            #expect(deleted.status == .ok, "\(deleted.text)")
            #expect(
                try await call(app, .POST, "/api/v1/workspaces", json: ["name": "Again"], bearer: owner.token).errorCode
                    == "workspace_limit")

            // Someone else is not held to the first person's count.
            let other = try await person(app, "other@example.com")
            #expect(
                try await call(app, .POST, "/api/v1/workspaces", json: ["name": "Theirs"], bearer: other.token).status
                    == .created)
        }
    }
}
