import Vapor

/// Security headers on every response, errors included. A feature that must be framed (the widget, say)
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

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = response.headers
        if !headers.contains(name: "Content-Security-Policy") {
            response.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
            response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        }
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
        response.headers.replaceOrAdd(name: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
        response.headers.replaceOrAdd(name: "Cross-Origin-Opener-Policy", value: "same-origin")
        if strictTransport {
            response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
        }
        response.headers.remove(name: .server)
        return response
    }
}
