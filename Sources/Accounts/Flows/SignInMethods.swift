import Fluent
import Foundation

/// How a session began, for other modules: a workspace whose plan lacks `external_sign_in` turns away sessions
/// that began with an external provider.
package enum SignInMethods {
    /// The methods of Parley's own credentials; any other method is an external provider's id.
    static let local: Set<String> = ["password", "password+totp", "password+recovery_code", "setup", "guest"]

    package static func isExternal(sessionID: UUID, on db: any Database) async throws -> Bool {
        guard let session = try await AuthSession.find(sessionID, on: db) else { return false }
        return !local.contains(session.method)
    }
}
