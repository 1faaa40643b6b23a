import Fluent
import Foundation
import Vapor

/// An account that has just become usable (its address verified, or created verified): other modules hear of it
/// inside the same transaction, so the Workspaces module can give it its first workspace.
package struct ActivatedAccount: Sendable {
    package let id: UUID
    package let email: String
    package let displayName: String
}

package typealias AccountActivationHandler = @Sendable (ActivatedAccount, any Database, Date) async throws -> Void

extension Application {
    private struct ActivationHandlersKey: StorageKey { typealias Value = [AccountActivationHandler] }

    /// Run in registration order, inside the transaction that activates the account.
    package var accountActivationHandlers: [AccountActivationHandler] {
        get { storage[ActivationHandlersKey.self] ?? [] }
        set { storage[ActivationHandlersKey.self] = newValue }
    }
}

extension AccountsEnvironment {
    /// An unverified account's mailbox was just proven (a verification or reset link). Anything that signed in to
    /// it before did not prove the address, so external identities linked to it are removed and its sessions end;
    /// then the account is activated.
    func mailboxProven(_ user: User) async throws {
        let userID = try user.requireID()
        let identities = try await ExternalIdentity.query(on: db).filter(\.$user.$id == userID).all()
        if !identities.isEmpty {
            try await ExternalIdentity.query(on: db).filter(\.$user.$id == userID).delete()
            let revoked = try await Sessions.revokeAll(userID: userID, reason: "unproven_identity_removed", self)
            for identity in identities {
                try await record(
                    client.audit(
                        "auth.identity.unlinked", actor: .system, target: ("user", userID.uuidString),
                        metadata: [
                            "provider": identity.provider, "reason": "address_proven_by_mail",
                            "sessions_revoked": String(revoked),
                        ]))
            }
        }
        try await activated(user)
    }

    /// Tells every activation handler about `user`; call once, when the account becomes usable.
    func activated(_ user: User) async throws {
        let account = ActivatedAccount(id: try user.requireID(), email: user.email, displayName: user.displayName)
        for handler in activationHandlers { try await handler(account, db, now) }
    }
}
