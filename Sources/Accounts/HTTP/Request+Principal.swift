import Foundation
import ParleyCore
import Vapor

extension Request {
    package func requirePrincipal() throws -> Principal {
        guard let principal else { throw AccountsError.unauthenticated }
        return principal
    }

    /// What the request offers as fresh authentication (see `Reauthentication`).
    func reauthentication(_ currentPassword: String?) throws -> Reauthentication.Proof {
        Reauthentication.Proof(currentPassword: currentPassword, sessionID: try requirePrincipal().sessionID)
    }

    /// The signed-in user's row; a user deleted since the token was issued is unauthenticated.
    func requireUser() async throws -> User {
        guard let user = try await User.find(try requirePrincipal().userID, on: db), user.deletedAt == nil else {
            throw AccountsError.unauthenticated
        }
        return user
    }
}

extension Request {
    /// The hidden field a signed-in page's form carries so its POST passes the CSRF check; empty without a session.
    package func csrfFormField() -> Node {
        guard let principal else { return .empty }
        return .hiddenInput(name: "csrf_token", value: application.accounts.cookies.csrfToken(for: principal.sessionID))
    }
}
