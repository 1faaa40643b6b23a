import NIOConcurrencyHelpers

/// A value a middleware looks up from its application on the first request and keeps.
///
/// Reading Vapor's application storage takes a lock, copies the storage and casts the value, which costs more
/// than a whole rate-limit check. A middleware instance belongs to the routes of one application, so what it
/// resolved once stays right; build a new instance for each application.
package final class ResolvedOnce<Value: Sendable>: Sendable {
    private let box = NIOLockedValueBox<Value?>(nil)

    package init() {}

    package func value(_ resolve: () -> Value) -> Value {
        box.withLockedValue { stored in
            if let stored { return stored }
            let value = resolve()
            stored = value
            return value
        }
    }
}
