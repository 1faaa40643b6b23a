import Foundation
import ParleyCore
import Vapor

/// The one-line confirmation a dashboard page shows after a form's POST and redirect. The redirect carries only a
/// fixed key in a short-lived cookie; the text shown is this enum's own, so nothing a request sends is reflected.
package enum DashboardFlash: String, Sendable, CaseIterable {
    case workspaceSwitched = "workspace_switched"
    case roleChanged = "role_changed"
    case memberRemoved = "member_removed"
    case invitationSent = "invitation_sent"
    case invitationResent = "invitation_resent"
    case invitationRevoked = "invitation_revoked"
    case apiKeyRevoked = "api_key_revoked"
    case settingsSaved = "settings_saved"
    case securityPolicySaved = "security_policy_saved"

    static let cookieName = "parley_flash"
    static let lifetime = 60

    var message: String {
        switch self {
        case .workspaceSwitched: "You are now working in this workspace."
        case .roleChanged: "The role is changed."
        case .memberRemoved: "The member is removed from this workspace."
        case .invitationSent: "The invitation is on its way. It works for 7 days."
        case .invitationResent: "The invitation is sent again, with a new link; the old link no longer works."
        case .invitationRevoked: "The invitation is revoked; its link no longer works."
        case .apiKeyRevoked: "The key is revoked; requests made with it are refused from now on."
        case .settingsSaved: "The workspace settings are saved."
        case .securityPolicySaved: "The sign-in security policy is saved."
        }
    }

    /// A 303 to `path` that shows this confirmation there.
    func redirect(_ request: Request, to path: String) -> Response {
        let response = request.redirect(to: path, redirectType: .normal)
        response.cookies[Self.cookieName] = Self.cookie(rawValue, maxAge: Self.lifetime, request)
        return response
    }

    /// The confirmation waiting for this request, if any; unknown values are ignored.
    static func pending(_ request: Request) -> DashboardFlash? {
        request.cookies[cookieName].flatMap { DashboardFlash(rawValue: $0.string) }
    }

    /// Forgets the confirmation once a page has shown it.
    static func consume(_ request: Request, on response: Response) {
        guard request.cookies[cookieName] != nil else { return }
        response.cookies[cookieName] = cookie("", maxAge: 0, request)
    }

    private static func cookie(_ value: String, maxAge: Int, _ request: Request) -> HTTPCookies.Value {
        let now = request.application.clock.now()
        return HTTPCookies.Value(
            string: value, expires: now.addingTimeInterval(TimeInterval(maxAge)), maxAge: maxAge, path: "/app",
            isSecure: request.application.settings.publicURL.scheme == "https", isHTTPOnly: true, sameSite: .lax)
    }
}
