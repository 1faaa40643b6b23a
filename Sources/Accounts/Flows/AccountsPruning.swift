import Fluent
import Foundation
import ParleyCore

/// Removes what can no longer be used: spent or expired single-use tokens, finished login round trips, and
/// sessions (with their refresh tokens) that ended more than a month ago. The audit log keeps the history.
enum AccountsPruning {
    static let jobKind = "accounts.prune"

    static func prune(on db: any Database, now: Date) async throws {
        let day: TimeInterval = 86_400
        try await UserToken.query(on: db).filter(\.$expiresAt < now - day).delete()
        try await ExternalLoginAttempt.query(on: db).filter(\.$expiresAt < now - day).delete()
        try await AuthSession.query(on: db).filter(\.$absoluteExpiresAt < now - 30 * day).delete()
        try await AuthSession.query(on: db).filter(\.$idleExpiresAt < now - 30 * day).delete()
        try await AuthSession.query(on: db).filter(\.$revokedAt < now - 30 * day).delete()
    }
}
