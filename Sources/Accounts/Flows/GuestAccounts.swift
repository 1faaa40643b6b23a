import Fluent
import Foundation
import ParleyCore
import Vapor

/// Accounts without a password or a mailbox, for people trying a demo and the sample people in it. Their
/// addresses are under the reserved `.invalid` top-level domain, so no mail goes out and nobody can sign in as
/// them; a guest reaches Parley only through the session started for it.
package enum GuestAccounts {
    package static let emailDomain = "demo.invalid"

    /// Creates a guest account on `db` (a transaction, usually). No activation handler runs: the caller gives it
    /// the workspace it needs.
    package static func create(displayName: String, on db: any Database, now: Date) async throws -> UUID {
        let id = UUID()
        let user = User(
            id: id, email: "guest-\(id.uuidString.lowercased())@\(emailDomain)", displayName: displayName,
            passwordHash: nil, now: now)
        user.emailVerifiedAt = now
        try await user.create(on: db)
        return id
    }

    /// Starts a session for the guest and answers with its tokens (or cookies, for a browser that asks).
    package static func signIn(_ userID: UUID, _ request: Request) async throws -> Response {
        let env = try AccountsEnvironment(request)
        guard let user = try await User.find(userID, on: env.db) else { throw AccountsError.unauthenticated }
        return try await AuthController.tokens(try await Sessions.start(user: user, method: "guest", env), request)
    }

    /// Erases guest accounts among `ids` (other accounts are left alone).
    package static func erase(_ ids: [UUID], on db: any Database) async throws {
        guard !ids.isEmpty else { return }
        try await User.query(on: db).filter(\.$id ~~ ids).filter(
            \.$email, .contains(inverse: false, .suffix), "@" + emailDomain
        ).delete()
    }
}
