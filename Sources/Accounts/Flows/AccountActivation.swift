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
    /// Tells every activation handler about `user`; call once, when the account becomes usable.
    func activated(_ user: User) async throws {
        let account = ActivatedAccount(id: try user.requireID(), email: user.email, displayName: user.displayName)
        for handler in activationHandlers { try await handler(account, db, now) }
    }
}
