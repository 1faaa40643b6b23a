import Foundation

/// What to enqueue: a kind with a JSON payload, when to run it, its priority, how often to try it,
/// and an optional idempotency key (a second enqueue with the same key returns the first job).
package struct JobRequest: Sendable {
    package var kind: String
    package var payload: String
    package var runAt: Date?
    package var priority: Int
    package var maxAttempts: Int
    package var idempotencyKey: String?

    package init(
        kind: String, payload: String = "{}", runAt: Date? = nil, priority: Int = 0, maxAttempts: Int = 5,
        idempotencyKey: String? = nil
    ) {
        self.kind = kind
        self.payload = payload
        self.runAt = runAt
        self.priority = priority
        self.maxAttempts = maxAttempts
        self.idempotencyKey = idempotencyKey
    }

    /// A request whose payload is the JSON encoding of `payload`.
    package init(
        kind: String, payload: some Encodable, runAt: Date? = nil, priority: Int = 0, maxAttempts: Int = 5,
        idempotencyKey: String? = nil
    ) throws {
        let json = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        self.init(
            kind: kind, payload: json, runAt: runAt, priority: priority, maxAttempts: maxAttempts,
            idempotencyKey: idempotencyKey)
    }
}
