import NIOConcurrencyHelpers
import Vapor

/// What Parley's middleware record about one request: its id, the rate limiter's decision and the signed-in
/// principal. It is stored on the request once, by `RequestIDMiddleware`; later values are written into it.
///
/// Vapor copies a request's whole storage on every write, so recording each value under its own key would cost a
/// dictionary copy per value on every request.
package final class RequestState: Sendable {
    private struct Values {
        var rateLimitDecision: RateLimitDecision?
        var principal: Principal?
    }

    package let id: String
    private let values = NIOLockedValueBox(Values())

    package init(id: String) {
        self.id = id
    }

    /// The limiter's decision, when a limited route let the request through.
    package var rateLimitDecision: RateLimitDecision? {
        get { values.withLockedValue { $0.rateLimitDecision } }
        set { values.withLockedValue { $0.rateLimitDecision = newValue } }
    }

    /// Who is calling, once a credential has been verified.
    package var principal: Principal? {
        get { values.withLockedValue { $0.principal } }
        set { values.withLockedValue { $0.principal = newValue } }
    }
}

private struct RequestStateKey: StorageKey { typealias Value = RequestState }

extension Request {
    /// The request's state, stored on first use (`RequestIDMiddleware` does so with the request's id).
    package var state: RequestState {
        if let state = storedState { return state }
        let state = RequestState(id: id)
        storage[RequestStateKey.self] = state
        return state
    }

    /// The state if one is stored; reading through this never writes the request's storage.
    var storedState: RequestState? { storage[RequestStateKey.self] }

    /// Starts the request's state under the given id.
    func startState(id: String) {
        storage[RequestStateKey.self] = RequestState(id: id)
    }

    /// The id set by `RequestIDMiddleware` (or Vapor's own before it runs).
    package var requestID: String { storedState?.id ?? id }

    /// The limiter's decision for this request, if a limited route let it through.
    package var rateLimitDecision: RateLimitDecision? { storedState?.rateLimitDecision }
}
