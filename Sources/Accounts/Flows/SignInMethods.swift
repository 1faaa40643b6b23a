import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// How a session began, for other modules: a workspace whose plan lacks `external_sign_in` turns away sessions
/// that began with an external provider. A session's method never changes, so each process remembers the answer
/// per session (bounded), and a request pays a lookup only the first time its session is seen.
package final class SignInMethods: Sendable {
    /// The first steps of Parley's own credentials; any other first step is an external provider's id.
    static let local: Set<Substring> = ["password", "setup", "guest"]

    private let known = NIOLockedValueBox<[UUID: Bool]>([:])
    private let capacity = 100_000

    /// Whether the session began with an external provider (its method is `PROVIDER` or `PROVIDER+totp`, …).
    static func isExternal(method: String) -> Bool {
        !local.contains(method.split(separator: "+", maxSplits: 1).first ?? "")
    }

    func isExternal(sessionID: UUID, on db: any Database) async throws -> Bool {
        if let answer = known.withLockedValue({ $0[sessionID] }) { return answer }
        guard let session = try await AuthSession.find(sessionID, on: db) else { return false }
        let answer = Self.isExternal(method: session.method)
        known.withLockedValue { known in
            if known.count >= capacity { known.removeAll(keepingCapacity: true) }
            known[sessionID] = answer
        }
        return answer
    }
}

extension Request {
    /// Whether the signed-in session began with an external provider.
    package func signedInExternally() async throws -> Bool {
        guard let principal else { return false }
        return try await application.accounts.signInMethods.isExternal(sessionID: principal.sessionID, on: db)
    }
}
