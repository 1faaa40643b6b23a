import Foundation
import ParleyCore
import Vapor

/// Finds the principal of a request: a bearer access token, or the browser's cookies.
///
/// A bearer token that fails verification is refused outright. A browser whose access cookie has expired is
/// refreshed silently with its refresh cookie, and the new cookies go out with the response; when that fails the
/// cookies are cleared and the request goes on unauthenticated. Cookie-authenticated unsafe requests must pass
/// the CSRF check.
struct Authenticate: AsyncMiddleware {
    /// Refuse requests that end up without a principal (401), in the same step.
    var required = false

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let services = request.application.accounts
        let cookies = services.cookies
        let now = request.application.clock.now()
        if let bearer = request.headers.bearerAuthorization?.token {
            let claims = try await verify(bearer, request: request, now: now)
            request.principal = Principal(userID: claims.userID, sessionID: claims.sessionID, credential: .bearer)
            return try await next.respond(to: request)
        }
        var refreshed: TokenPair?
        var clearCookies = false
        if let access = request.cookies[cookies.accessName]?.string, let claims = try? await verify(access, request: request, now: now) {
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
        let response = try await next.respond(to: request)
        if let refreshed { cookies.set(refreshed, on: response, now: now) }
        if clearCookies { cookies.clear(on: response) }
        return response
    }

    private func verify(_ token: String, request: Request, now: Date) async throws -> (userID: UUID, sessionID: UUID) {
        do {
            let claims = try await request.application.accounts.accessTokens.verify(token, db: request.db, now: now)
            guard let userID = UUID(uuidString: claims.sub), let sessionID = UUID(uuidString: claims.sid) else { throw AccountsError.unauthenticated }
            return (userID, sessionID)
        } catch let error as AccessTokenError {
            request.logger.debug("access token refused", metadata: ["reason": "\(error)"])
            throw AccountsError.unauthenticated
        }
    }
}
