import ParleyCore
import Vapor

/// `/auth/external/:provider/start` and `/callback`: browser redirects to and from the sign-in providers.
/// Each step's secret travels in a short-lived HttpOnly cookie, never in a URL Parley writes.
enum ExternalLoginController {
    static func register(_ routes: any RoutesBuilder) {
        let external = routes.tiered(.auth).grouped("auth", "external", ":provider")
        external.get("start", use: start)
        external.get("callback", use: callback)
    }

    struct StartQuery: Content {
        var returnTo: String?
        enum CodingKeys: String, CodingKey { case returnTo = "return_to" }
    }

    struct CallbackQuery: Content {
        var code: String?
        var state: String?
        var error: String?
    }

    @Sendable static func start(_ request: Request) async throws -> Response {
        let provider = try self.provider(request)
        let services = request.application.accounts
        let query = try request.query.decode(StartQuery.self)
        let start = try await ExternalLogin.begin(
            provider, returnTo: query.returnTo, try AccountsEnvironment(request),
            client: request.client, providers: services.providers)
        let response = request.redirect(to: start.authorizationURL, redirectType: .normal)
        services.cookies.setShortLived(
            services.cookies.loginName, start.browserSecret, seconds: ExternalLogin.attemptLifetime,
            on: response, now: request.application.clock.now())
        return response
    }

    @Sendable static func callback(_ request: Request) async throws -> Response {
        let provider = try self.provider(request)
        let services = request.application.accounts
        let cookies = services.cookies
        let query = try request.query.decode(CallbackQuery.self)
        let now = request.application.clock.now()
        let outcome = try await ExternalLogin.complete(
            provider, code: query.code, state: query.state, providerError: query.error,
            browserSecret: request.cookies[cookies.loginName]?.string,
            try AccountsEnvironment(request), client: request.client, providers: services.providers)
        let response: Response
        switch outcome {
        case .signedIn(let pair, let returnTo):
            response = request.redirect(to: returnTo, redirectType: .normal)
            cookies.set(pair, on: response, now: now)
        case .secondFactorRequired(let challenge, let returnTo):
            response = cookies.redirectToSecondFactor(request, challenge: challenge, returnTo: returnTo, now: now)
        case .linkRequired(let linkToken, _):
            response = request.redirect(to: "/sign-in?link=\(provider.id)", redirectType: .normal)
            cookies.setShortLived(
                cookies.linkName, linkToken, seconds: ExternalLogin.attemptLifetime, on: response, now: now)
        case .verificationSent:
            response = request.redirect(to: "/sign-in?verify=sent", redirectType: .normal)
        }
        cookies.expire(cookies.loginName, on: response)
        return response
    }

    private static func provider(_ request: Request) throws -> Settings.ExternalProvider {
        let id = request.parameters.get("provider") ?? ""
        guard let provider = request.application.accounts.externalProviders.first(where: { $0.id == id }) else {
            throw ExternalLoginError.unknownProvider
        }
        return provider
    }
}
