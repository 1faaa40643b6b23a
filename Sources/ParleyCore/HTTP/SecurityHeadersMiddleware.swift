import Vapor

/// Security headers on every response, errors included, and the rate-limit state of limited routes. A feature that must be framed (the widget, say)
/// sets its own `Content-Security-Policy` on the response and this middleware leaves it alone.
package struct SecurityHeadersMiddleware: AsyncMiddleware {
    let strictTransport: Bool

    package init(publicURL: URL) {
        strictTransport = publicURL.scheme == "https"
    }

    package static let contentSecurityPolicy = policy(frameAncestors: "'none'")

    /// The default policy with another `frame-ancestors` source list.
    package static func policy(frameAncestors: String) -> String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors \(frameAncestors)"
    }

    /// Headers every response carries unless a handler chose its own value.
    private static let fixed: [(String, String)] = [
        ("X-Content-Type-Options", "nosniff"),
        // Not no-referrer: under it browsers send `Origin: null` with a form post, and the forms' origin check refuses them.
        ("Referrer-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        // Edited as one copy, made with room for what this adds: every write to `response.headers` copies the
        // whole list.
        var headers = response.headers
        headers.reserveCapacity(headers.count + 10)
        if !headers.contains(name: "Content-Security-Policy") {
            headers.add(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
            headers.add(name: "X-Frame-Options", value: "DENY")
        }
        for (name, value) in Self.fixed where !headers.contains(name: name) {
            headers.add(name: name, value: value)
        }
        if strictTransport, !headers.contains(name: "Strict-Transport-Security") {
            headers.add(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
        }
        // A refusal carries the refusing limiter's own state; any other response reports the decision that let the
        // request through. Added, not replaced: only `RateLimitError` (a 429) ever sets these headers.
        if let decision = request.rateLimitDecision, response.status != .tooManyRequests {
            headers.add(name: "RateLimit-Policy", value: decision.policyHeader)
            headers.add(name: "RateLimit", value: decision.stateHeader)
        }
        headers.remove(name: .server)
        response.headers = headers
        return response
    }
}
