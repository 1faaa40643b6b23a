import Vapor

/// Gives every request an id, echoed as `X-Request-Id`. An incoming id is trusted only from a trusted proxy,
/// and only when it is short and plain; otherwise Parley makes its own.
package struct RequestIDMiddleware: AsyncMiddleware {
    let trustedProxies: [CIDR]
    let random: RandomSource

    package init(trustedProxies: [CIDR], random: RandomSource) {
        self.trustedProxies = trustedProxies
        self.random = random
    }

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let id = acceptedID(from: request) ?? random.hexToken(byteCount: 12)
        request.startState(id: id)
        request.logger[metadataKey: "request-id"] = nil
        request.logger[metadataKey: "request_id"] = .string(id)
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Request-Id", value: id)
        return response
    }

    private func acceptedID(from request: Request) -> String? {
        // The socket peer only: Vapor's `peerAddress` already believes forwarded headers.
        guard !trustedProxies.isEmpty, let peer = request.remoteAddress?.addressText,
            trustedProxies.contains(where: { $0.contains(peer) }),
            let id = request.headers.first(name: "X-Request-Id"),
            (1...128).contains(id.utf8.count),
            id.utf8.allSatisfy({ Self.allowed.contains($0) })
        else { return nil }
        return id
    }

    private static let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:".utf8)
}
