import Fluent
import Foundation
import ParleyCore
import Testing
import Vapor

/// Workspace helpers shared by the test targets: people with their first workspace, joining, acting in a workspace.

/// A verified, signed-in person: their access token and user id.
package struct Person: Sendable {
    package var email: String
    package var token: String
    package var userID: UUID
}

/// Signs up `email`, opens the verification link (which creates the person's first workspace) and signs in.
package func person(_ app: Application, _ email: String) async throws -> Person {
    try await registerVerified(app, email: email)
    let signedIn = try await signIn(app, email: email)
    let token = try #require(signedIn.string("access_token"))
    let me = try await call(app, .GET, "/api/v1/auth/me", bearer: token)
    return Person(email: email, token: token, userID: try #require(UUID(uuidString: me.string("id") ?? "")))
}

/// The workspace the person acts in by default.
package func currentWorkspaceID(_ app: Application, _ person: Person) async throws -> UUID {
    let reply = try await call(app, .GET, "/api/v1/workspace", bearer: person.token)
    return try #require(UUID(uuidString: reply.string("id") ?? ""))
}

/// Invites `invitee` into the inviter's current workspace with `role` and has them accept it.
package func join(_ app: Application, _ invitee: Person, invitedBy inviter: Person, as role: Role) async throws {
    let invited = try await call(
        app, .POST, "/api/v1/workspace/invitations", json: ["email": invitee.email, "role": role.rawValue],
        bearer: inviter.token)
    #expect(invited.status == .created, "\(invited.text)")
    let token = try await mailedToken(app, template: "workspace.invitation")
    let accepted = try await call(
        app, .POST, "/api/v1/invitations/accept", json: ["token": token], bearer: invitee.token)
    #expect(accepted.status == .ok, "\(accepted.text)")
}

/// An owner and a second person who joined the owner's workspace with `role`; the clock moves between the two
/// sign-ups so "the newest mail" is well defined.
package func ownerAndMember(_ app: Application, clock: TestClock, role: Role) async throws -> (
    owner: Person, member: Person, workspace: UUID
) {
    let owner = try await person(app, "owner@example.com")
    clock.advance(by: 1)
    let member = try await person(app, "member@example.com")
    clock.advance(by: 1)
    let workspace = try await currentWorkspaceID(app, owner)
    try await join(app, member, invitedBy: owner, as: role)
    return (owner, member, workspace)
}

extension HTTPHeaders {
    package static func workspace(_ id: UUID) -> HTTPHeaders { ["X-Parley-Workspace": id.uuidString] }
}
