import NIOConcurrencyHelpers

/// Runs `operation` but stops waiting for it after `timeout`, returning nil. Unlike a task group, this does not
/// wait for an operation that ignores cancellation (database calls do): that work is cancelled and left to end
/// on its own, and the caller moves on.
package func withDeadline<T: Sendable>(_ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T)
    async throws -> T?
{
    let state = NIOLockedValueBox<
        (continuation: CheckedContinuation<T?, any Error>?, work: Task<Void, Never>?, timer: Task<Void, Never>?)
    >((nil, nil, nil))
    let finish: @Sendable (Result<T?, any Error>) -> Void = { result in
        let (continuation, work, timer) = state.withLockedValue { value in
            defer { value = (nil, nil, nil) }
            return value
        }
        work?.cancel()
        timer?.cancel()
        continuation?.resume(with: result)
    }
    return try await withCheckedThrowingContinuation { continuation in
        state.withLockedValue { $0.continuation = continuation }
        let work = Task { do { finish(.success(try await operation())) } catch { finish(.failure(error)) } }
        let timer = Task { if (try? await Task.sleep(for: timeout)) != nil { finish(.success(nil)) } }
        // Either may already have finished; then the other is cancelled by the next line's owner.
        let alreadyDone = state.withLockedValue { value -> Bool in
            guard value.continuation != nil else { return true }
            value.work = work
            value.timer = timer
            return false
        }
        if alreadyDone {
            work.cancel()
            timer.cancel()
        }
    }
}

extension Duration {
    /// The duration in milliseconds, for logs and reports.
    package var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
