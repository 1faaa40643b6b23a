import Vapor

/// The one error middleware. Keeps the status, answers JSON to `/api/…` and `Accept: application/json`,
/// HTML otherwise, hides internals in production and logs every 5xx with its request id.
package struct ParleyErrorMiddleware: AsyncMiddleware {
    let revealInternals: Bool
    let routeMethods: RouteMethods

    package init(revealInternals: Bool, routeMethods: RouteMethods) {
        self.revealInternals = revealInternals
        self.routeMethods = routeMethods
    }

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return response(for: resolve(error, for: request), to: request)
        }
    }

    /// A path that exists under another method answers 405 with `Allow`, not 404.
    private func resolve(_ error: any Error, for request: Request) -> any Error {
        guard let abort = error as? any AbortError, abort.status == .notFound, request.route == nil else {
            return error
        }
        let allowed = routeMethods.methods(matching: request.url.path)
        return allowed.isEmpty ? error : CoreError.methodNotAllowed(allowed: allowed)
    }

    private func response(for error: any Error, to request: Request) -> Response {
        let described = ErrorDescription(error, revealInternals: revealInternals)
        if described.status.code >= 500 {
            request.logger.error(
                "request failed",
                metadata: ["error": "\(String(reflecting: error))", "request_id": "\(request.requestID)"])
        }
        var headers = described.headers
        let response: Response
        if Self.wantsJSON(request) {
            let body = ErrorResponse(
                error: .init(
                    status: Int(described.status.code), code: described.code, message: described.message,
                    requestID: request.requestID))
            headers.contentType = .json
            response = Response(
                status: described.status, headers: headers,
                body: .init(data: (try? JSONEncoder().encode(body)) ?? Data()))
        } else {
            let page = ErrorPage.page(for: described, requestID: request.requestID)
            headers.contentType = .html
            response = Response(
                status: described.status, headers: headers,
                body: .init(string: PageLayout.document(page, assets: request.application.assetCatalog).render()))
        }
        return response
    }

    package static func wantsJSON(_ request: Request) -> Bool {
        request.url.path.hasPrefix("/api/") || request.url.path == "/api"
            || request.headers[.accept].contains { $0.lowercased().contains("application/json") }
            || request.headers[.accept].isEmpty && request.headers.contentType == .json
    }
}

/// The HTML error page, in the layout every page shares.
enum ErrorPage {
    static func page(for error: ErrorDescription, requestID: String) -> Page {
        let title = "\(error.status.code) \(error.status.reasonPhrase)"
        return Page(
            title: title, status: error.status,
            .h1(.text(title)),
            .p(.text(error.message)),
            .p(.class("hint"), "Request id: ", .code(.text(requestID))))
    }
}
