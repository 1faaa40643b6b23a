import Foundation
import Vapor

/// The signed-in user behind a request, and how the request proved it.
package struct Principal: Sendable, Equatable {
    package enum Credential: Sendable, Equatable { case bearer, cookie }
    package var userID: UUID
    package var sessionID: UUID
    package var credential: Credential

    package init(userID: UUID, sessionID: UUID, credential: Credential) {
        self.userID = userID
        self.sessionID = sessionID
        self.credential = credential
    }
}

extension Request {
    /// The principal `Authenticate` found, kept in the request's state.
    package var principal: Principal? {
        get { storedState?.principal }
        set { state.principal = newValue }
    }
}
