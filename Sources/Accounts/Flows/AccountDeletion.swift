import Fluent
import Foundation
import ParleyCore
import Vapor

package typealias AccountDeletionHandler = @Sendable (UUID, any Database, Date) async throws -> Void

extension Application {
    private struct DeletionHandlersKey: StorageKey { typealias Value = [AccountDeletionHandler] }

    /// Run inside the transaction that deletes an account, before it is marked: a handler may refuse (by
    /// throwing an `AppError`) or tidy up what the account alone held.
    package var accountDeletionHandlers: [AccountDeletionHandler] {
        get { storage[DeletionHandlersKey.self] ?? [] }
        set { storage[DeletionHandlersKey.self] = newValue }
    }
}

/// A person deleting their own account. It is unusable at once: the address is released (so it can sign up
/// again), the password, 2FA and external identities are dropped, and every session ends. The row itself is
/// purged after the grace period.
enum AccountDeletion {
    static func delete(
        _ user: User, proof: Reauthentication.Proof, handlers: [AccountDeletionHandler], _ env: AccountsEnvironment
    ) async throws {
        try await Reauthentication.confirm(proof, of: user, env)
        let userID = try user.requireID()
        try await env.db.writeTransaction { tx in
            let env = env.on(tx)
            for handler in handlers { try await handler(userID, tx, env.now) }
            user.deletedAt = env.now
            user.email = "deleted-\(userID.uuidString.lowercased())@deleted.invalid"
            user.passwordHash = nil
            user.totpSecretSealed = nil
            user.totpPendingSealed = nil
            user.updatedAt = env.now
            try await user.save(on: tx)
            try await ExternalIdentity.query(on: tx).filter(\.$user.$id == userID).delete()
            try await RecoveryCode.query(on: tx).filter(\.$user.$id == userID).delete()
            try await UserToken.query(on: tx).filter(\.$user.$id == userID).delete()
            try await Sessions.revokeAll(userID: userID, reason: "account_deleted", env)
            try await env.record(
                env.client.audit(
                    "auth.account.deleted", actor: .init(kind: "user", id: userID.uuidString),
                    target: ("user", userID.uuidString)))
        }
    }

    /// Removes accounts deleted more than `graceDays` ago, with everything that hangs off them.
    @discardableResult
    static func purge(graceDays: Int, on db: any Database, logger: Logger, now: Date) async throws -> Int {
        let due = try await User.query(on: db).filter(
            \.$deletedAt < now.addingTimeInterval(-TimeInterval(graceDays) * 86_400)
        ).all()
        for user in due {
            let id = try user.requireID()
            try await user.delete(on: db)
            try await AuditLog.record(
                AuditEntry(action: "auth.account.purged", actor: .system, target: ("user", id.uuidString)),
                on: db, logger: logger, now: now)
        }
        return due.count
    }
}
