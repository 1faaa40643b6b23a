import Accounts
import Foundation
import ParleyCore
import Vapor

/// `/accept-invitation`: where the invitation mail leads. The token arrives after `#` and `/assets/auth.js` moves
/// it into the form, so it never reaches a server log. A visitor who is not signed in is asked to sign in (or
/// sign up) with the invited address first.
enum InvitationPageController {
    static func register(_ routes: any RoutesBuilder) {
        routes.tiered(.public).grouped(Authenticate()).get("accept-invitation", use: page)
        routes.tiered(.auth).grouped(Authenticate(required: true)).post("accept-invitation", use: accept)
    }

    @Sendable static func page(_ request: Request) async throws -> Response {
        guard request.principal != nil else {
            return render(
                request,
                .group(
                    .h1("Accept your invitation"),
                    .p(
                        "Sign in with the address the invitation was sent to (or ",
                        .a(.href("/sign-up"), "create an account"),
                        " with it), then open the link in the email again."),
                    .p(.a(.class("button"), .href("/sign-in"), "Sign in"))))
        }
        return render(request, form(request, error: nil))
    }

    @Sendable static func accept(_ request: Request) async throws -> Response {
        do {
            let token = try request.content.decode(WorkspaceRequests.AcceptInvitation.self).token
            let principal = try request.requirePrincipal()
            guard let account = try await AccountDirectory.account(principal.userID, on: request.db) else {
                throw TenancyError.noWorkspace
            }
            let context = try await Invitations.accept(
                token: token, userID: account.id, email: account.email, try WorkspacesEnvironment(request))
            let name = try await context.run(on: request.db) { tenant in try await tenant.workspace().name }
            return render(
                request,
                .group(
                    .h1("Welcome"),
                    .statusNotice("You have joined \(name) as \(context.role?.title ?? "Member")."),
                    .p(.a(.class("button"), .href("/app"), "Continue"))))
        } catch let error as any AppError {
            return render(request, form(request, error: FormError(error)), status: error.status)
        }
    }

    private static func form(_ request: Request, error: FormError?) -> Node {
        AccountPages.tokenForm(
            title: "Accept your invitation", action: "/accept-invitation", button: "Join the workspace",
            explanation: "You are invited to join a workspace on Parley.", error: error,
            hidden: request.csrfFormField())
    }

    private static func render(_ request: Request, _ content: Node, status: HTTPResponseStatus = .ok) -> Response {
        AccountPages.render(request, "Accept your invitation", content, status: status)
    }
}
