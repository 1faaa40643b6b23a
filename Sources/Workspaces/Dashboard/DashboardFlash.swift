import Foundation
import ParleyCore
import Vapor

/// The one-line confirmation a dashboard page shows after a form's POST and redirect. The redirect carries only the
/// confirmation's fixed key in a short-lived cookie; the text shown is the registered one, so nothing a request
/// sends is reflected. A module declares its confirmations (`extension DashboardFlash { static let … }`) and
/// registers them in `app.dashboardFlashes`.
package struct DashboardFlash: Sendable, Equatable {
    package let key: String
    package let message: String

    package init(_ key: String, _ message: String) {
        self.key = key
        self.message = message
    }

    static let workspaceSwitched = Self("workspace_switched", "You are now working in this workspace.")
    static let roleChanged = Self("role_changed", "The role is changed.")
    static let memberRemoved = Self("member_removed", "The member is removed from this workspace.")
    static let invitationSent = Self("invitation_sent", "The invitation is on its way. It works for 7 days.")
    static let invitationResent = Self(
        "invitation_resent", "The invitation is sent again, with a new link; the old link no longer works.")
    static let invitationRevoked = Self("invitation_revoked", "The invitation is revoked; its link no longer works.")
    static let apiKeyRevoked = Self(
        "api_key_revoked", "The key is revoked; requests made with it are refused from now on.")
    static let settingsSaved = Self("settings_saved", "The workspace settings are saved.")
    static let securityPolicySaved = Self("security_policy_saved", "The sign-in security policy is saved.")

    /// The confirmations of the pages this module adds.
    static let workspaces: [DashboardFlash] = [
        .workspaceSwitched, .roleChanged, .memberRemoved, .invitationSent, .invitationResent, .invitationRevoked,
        .apiKeyRevoked, .settingsSaved, .securityPolicySaved,
    ]

    static let cookieName = "parley_flash"
    static let lifetime = 60

    /// A 303 to `path` that shows this confirmation there.
    package func redirect(_ request: Request, to path: String) -> Response {
        let response = request.redirect(to: path, redirectType: .normal)
        response.cookies[Self.cookieName] = Self.cookie(key, maxAge: Self.lifetime, request)
        return response
    }

    /// The confirmation waiting for this request, if any; unknown values are ignored.
    static func pending(_ request: Request) -> DashboardFlash? {
        guard let key = request.cookies[cookieName]?.string else { return nil }
        return request.application.dashboardFlashes.first { $0.key == key }
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

extension Application {
    private struct DashboardFlashesKey: StorageKey { typealias Value = [DashboardFlash] }

    /// Every confirmation a dashboard page may show, appended to by each module that adds pages.
    package var dashboardFlashes: [DashboardFlash] {
        get { storage[DashboardFlashesKey.self] ?? [] }
        set { storage[DashboardFlashesKey.self] = newValue }
    }
}
