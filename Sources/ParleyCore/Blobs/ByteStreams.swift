import NIOCore

extension AsyncThrowingStream where Element == ByteBuffer, Failure == any Error {
    /// A finished stream of `chunks`.
    package static func chunks(_ chunks: [ByteBuffer]) -> Self {
        AsyncThrowingStream { continuation in
            for chunk in chunks { continuation.yield(chunk) }
            continuation.finish()
        }
    }
}

extension AsyncSequence where Element == ByteBuffer {
    /// Every chunk in one buffer: for probes and small objects only.
    package func collect() async throws -> ByteBuffer {
        var all = ByteBuffer()
        for try await chunk in self { all.writeImmutableBuffer(chunk) }
        return all
    }
}

extension Result where Failure == any Error {
    /// The outcome of an async throwing body, so clean-up can run before the error is rethrown.
    package init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
