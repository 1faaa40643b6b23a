import Fluent
import Foundation

/// Fresh proof that the person at the keyboard owns the account, before changes a stolen session must not make
/// (turning TOTP on or off, changing the address, deleting the account): the current password, or, for an
/// account without one (external sign-in only), a session that signed in within the last few minutes.
enum Reauthentication {
    static let recentSignInMinutes = 10

    struct Proof: Sendable {
        var currentPassword: String?
        /// The session making the request.
        var sessionID: UUID
    }

    static func confirm(_ proof: Proof, of user: User, _ env: AccountsEnvironment) async throws {
        if let hash = user.passwordHash {
            guard let presented = proof.currentPassword else { throw AccountsError.currentPasswordWrong }
            guard await env.hasher.verify(presented, against: hash) else { throw AccountsError.currentPasswordWrong }
            return
        }
        // Refreshing keeps a session's `created_at`: only a real sign-in makes it recent.
        guard
            let session = try await AuthSession.query(on: env.db).filter(\.$id == proof.sessionID).filter(
                \.$user.$id == user.requireID()
            ).first(),
            session.isActive(at: env.now),
            env.now.timeIntervalSince(session.createdAt) <= TimeInterval(recentSignInMinutes * 60)
        else {
            throw AccountsError.reauthenticationRequired
        }
    }
}
