import Fluent
import ParleyCore
import SMTPClient
import Vapor

/// The public waitlist: a page, the join API, and the confirmation page. A confirmation link's GET only shows a
/// button; the POST confirms, so mail scanners that open links change nothing.
enum WaitlistController {
    static func register(_ routes: any RoutesBuilder) {
        let publicRoutes = routes.tiered(.public)
        publicRoutes.get("waitlist", use: page)
        publicRoutes.get("waitlist", "confirm", use: confirmPage)
        publicRoutes.post("waitlist", "confirm", use: confirm)
        // Joining sends mail: it counts against the stricter authentication tier.
        routes.tiered(.auth).post("api", "v1", "waitlist", use: join)
    }

    struct Accepted: Content { var status: String; var message: String }

    @Sendable static func join(_ request: Request) async throws -> Response {
        let form = try request.content.decode(JoinWaitlistRequest.self)
        let signup = try form.validated()
        try await request.application.botCheck().verify(form.botCheck, action: "waitlist", request: request)
        try await Waitlist.join(
            signup, environment(request),
            audit: AuditEntry(action: "waitlist.joined", actor: .init(kind: "visitor", id: nil), request: request))
        return try await Accepted(
            status: "accepted", message: "Check your inbox to confirm your place on the waitlist."
        )
        .encodeResponse(status: .accepted, for: request)
    }

    @Sendable static func page(_ request: Request) -> Response {
        WaitlistPage.form(request)
    }

    struct ConfirmQuery: Content { var token: String? }

    @Sendable static func confirmPage(_ request: Request) -> Response {
        WaitlistPage.confirmButton(request)
    }

    @Sendable static func confirm(_ request: Request) async throws -> Response {
        let token = (try? request.content.decode(ConfirmQuery.self))?.token ?? ""
        let outcome = try await Waitlist.confirm(
            token: token, environment(request),
            audit: AuditEntry(action: "waitlist.confirmed", actor: .init(kind: "visitor", id: nil), request: request))
        return outcome == .confirmed
            ? WaitlistPage.message(request, "You're on the list", "Thank you. We'll write when your place comes up.")
            : WaitlistPage.message(
                request, "This link does not work",
                "It may have expired or been used already. Join the waitlist again to get a new one.",
                status: .badRequest)
    }

    static func environment(_ request: Request) throws -> Waitlist.Environment {
        try Waitlist.Environment(request.application, db: request.db, logger: request.logger)
    }
}
