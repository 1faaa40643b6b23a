import NIOConcurrencyHelpers

/// A value a middleware looks up from its application on the first request and keeps.
///
/// Reading Vapor's application storage takes a lock, copies the storage and casts the value, which costs more
/// than a whole rate-limit check. A middleware instance belongs to the routes of one application, so what it
/// resolved once stays right; build a new instance for each application. Inlinable, so that each use is
/// specialised for its value's type rather than going through generic code on every request.
package final class ResolvedOnce<Value: Sendable>: Sendable {
    @usableFromInline let box = NIOLockedValueBox<Value?>(nil)

    @inlinable package init() {}

    @inlinable package func value(_ resolve: () -> Value) -> Value {
        box.withLockedValue { stored in
            if let stored { return stored }
            let value = resolve()
            stored = value
            return value
        }
    }
}
