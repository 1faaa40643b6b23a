import Foundation
import Vapor

/// Who did something: a user, an API key, a visitor, the system (jobs, commands).
package struct AuditActor: Sendable, Equatable {
    package var kind: String
    package var id: String?

    package init(kind: String, id: String?) {
        self.kind = kind
        self.id = id
    }

    package static let system = AuditActor(kind: "system", id: nil)
}

/// An event to record. Metadata is flat text: never put a secret, token or password in it.
package struct AuditEntry: Sendable {
    package var action: String
    package var actor: AuditActor
    package var workspaceID: UUID?
    package var target: (kind: String, id: String)?
    package var ip: String?
    package var userAgent: String?
    package var requestID: String?
    package var metadata: [String: String]

    package init(
        action: String, actor: AuditActor, workspaceID: UUID? = nil, target: (kind: String, id: String)? = nil,
        ip: String? = nil, userAgent: String? = nil, requestID: String? = nil, metadata: [String: String] = [:]
    ) {
        self.action = action
        self.actor = actor
        self.workspaceID = workspaceID
        self.target = target
        self.ip = ip
        self.userAgent = userAgent
        self.requestID = requestID
        self.metadata = metadata
    }
}

extension AuditEntry {
    /// An entry carrying the request's client address, user agent and request id.
    package init(
        action: String, actor: AuditActor, request: Request, workspaceID: UUID? = nil,
        target: (kind: String, id: String)? = nil, metadata: [String: String] = [:]
    ) {
        self.init(
            action: action, actor: actor, workspaceID: workspaceID, target: target,
            ip: request.clientIP,
            userAgent: request.headers.first(name: .userAgent).map { String($0.prefix(512)) },
            requestID: request.requestID, metadata: metadata)
    }
}
