import Fluent
import Foundation

/// What other modules may know about an account: who it is, not how it signs in.
package struct AccountSummary: Sendable, Equatable {
    package let id: UUID
    package let email: String
    package let displayName: String
    package let hasTwoFactor: Bool
}

package enum AccountDirectory {
    /// The verified account with this id; nil for unknown or unverified ones.
    package static func account(_ id: UUID, on db: any Database) async throws -> AccountSummary? {
        guard let user = try await User.find(id, on: db), user.emailVerifiedAt != nil, user.deletedAt == nil else {
            return nil
        }
        return AccountSummary(id: id, email: user.email, displayName: user.displayName, hasTwoFactor: user.hasTwoFactor)
    }
}
