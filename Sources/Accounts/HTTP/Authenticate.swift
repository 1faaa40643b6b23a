import Foundation
import ParleyCore
import Vapor

/// Finds the principal of a request: a bearer access token, or the browser's cookies.
///
/// A bearer token that fails verification is refused outright. A browser whose access cookie has expired is
/// refreshed silently with its refresh cookie, and the new cookies go out with the response; when that fails the
/// cookies are cleared and the request goes on unauthenticated. Cookie-authenticated unsafe requests must pass
/// the CSRF check.
///
/// A bearer token this process has verified before, of a user whose revocation time it knows (`TokenRevocations`),
/// is recognised without suspending, so the common case costs two dictionary lookups and no hop to a task;
/// everything else takes the full path.
package struct Authenticate: Middleware {
    /// Refuse requests that end up without a principal (401), in the same step.
    var required = false
    /// The token verifier and the clock, for the fast path.
    private let fastPath = ResolvedOnce<(tokens: AccessTokens, clock: AppClock)>()

    package init(required: Bool = false) {
        self.required = required
    }

    package func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let fast = fastPath.value { (request.application.accounts.accessTokens, request.application.clock) }
        let now = fast.clock.now()
        if let bearer = Self.bearerToken(request.headers), let known = fast.tokens.remembered(bearer, now: now),
            fast.tokens.revocations.check(userID: known.userID, issuedAt: known.claims.iat, now: now) == .valid
        {
            request.principal = Principal(userID: known.userID, sessionID: known.sessionID, credential: .bearer)
            return next.respond(to: request)
        }
        let promise = request.eventLoop.makePromise(of: Response.self)
        promise.completeWithTask { try await fullPath(request, next: next) }
        return promise.futureResult
    }

    private func fullPath(_ request: Request, next: any Responder) async throws -> Response {
        let services = request.application.accounts
        let cookies = services.cookies
        let now = request.application.clock.now()
        if let bearer = Self.bearerToken(request.headers) {
            // A workspace API key is not a person's credential: the tenant middleware resolves it.
            if APIKeyFormat.isAPIKey(bearer), !required { return try await next.respond(to: request).get() }
            let claims = try await verify(bearer, request: request, now: now)
            request.principal = Principal(userID: claims.userID, sessionID: claims.sessionID, credential: .bearer)
            return try await next.respond(to: request).get()
        }
        var refreshed: TokenPair?
        var clearCookies = false
        if let access = request.cookies[cookies.accessName]?.string,
            let claims = try? await verify(access, request: request, now: now)
        {
            request.principal = Principal(userID: claims.userID, sessionID: claims.sessionID, credential: .cookie)
        } else if let refresh = request.cookies[cookies.refreshName]?.string {
            do {
                let pair = try await Sessions.refresh(refresh, try AccountsEnvironment(request))
                refreshed = pair
                let claims = try await verify(pair.accessToken, request: request, now: now)
                request.principal = Principal(userID: claims.userID, sessionID: claims.sessionID, credential: .cookie)
            } catch {
                clearCookies = true
            }
        }
        if let principal = request.principal, request.method.isUnsafe {
            try cookies.checkUnsafeRequest(request, sessionID: principal.sessionID)
        }
        if required, request.principal == nil {
            throw AccountsError.unauthenticated
        }
        let response = try await next.respond(to: request).get()
        if let refreshed { cookies.set(refreshed, on: response, now: now) }
        if clearCookies { cookies.clear(on: response) }
        return response
    }

    /// The token of `Authorization: Bearer TOKEN`, read as bytes (the scheme is case-insensitive).
    package static func bearerToken(_ headers: HTTPHeaders) -> String? {
        guard var value = headers.first(name: .authorization) else { return nil }
        // Scanned as one buffer: walking a substring's UTF-8 view byte by byte cost a microsecond per request.
        value.makeContiguousUTF8()
        return value.utf8.withContiguousStorageIfAvailable(bearerToken(in:)) ?? nil
    }

    private static func bearerToken(in value: UnsafeBufferPointer<UInt8>) -> String? {
        let scheme = "bearer ".utf8
        guard value.count > scheme.count, zip(value, scheme).allSatisfy({ $0 | 0x20 == $1 }) else { return nil }
        let token = UnsafeBufferPointer(rebasing: value[scheme.count...])
        guard !token.contains(UInt8(ascii: " ")) else { return nil }
        return String(decoding: token, as: UTF8.self)
    }

    private func verify(_ token: String, request: Request, now: Date) async throws -> (userID: UUID, sessionID: UUID) {
        do {
            let tokens = request.application.accounts.accessTokens
            let claims = try await tokens.verify(token, db: request.db, now: now)
            guard let userID = UUID(uuidString: claims.sub), let sessionID = UUID(uuidString: claims.sid) else {
                throw AccountsError.unauthenticated
            }
            guard
                try await !tokens.revocations.isRevoked(userID: userID, issuedAt: claims.iat, db: request.db, now: now)
            else {
                request.logger.debug("bearer credential refused", metadata: ["reason": "revoked"])
                throw AccountsError.unauthenticated
            }
            return (userID, sessionID)
        } catch let error as AccessTokenError {
            request.logger.debug("bearer credential refused", metadata: ["reason": "\(error)"])
            throw AccountsError.unauthenticated
        }
    }
}
