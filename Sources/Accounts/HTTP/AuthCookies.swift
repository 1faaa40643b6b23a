import Crypto
import Foundation
import ParleyCore
import Vapor

/// The cookies a browser carries its tokens in: access and refresh tokens (HttpOnly), and the CSRF token that
/// page scripts read and send back in `X-CSRF-Token`. With an https public URL the names take the `__Host-`
/// prefix and the `Secure` flag; browsers refuse `__Host-` cookies without it, so plain http (local use) drops both.
struct AuthCookies: Sendable {
    static let csrfHeader = "X-CSRF-Token"
    static let csrfField = "csrf_token"

    let secure: Bool
    let origin: String
    private let csrfKey: SymmetricKey

    init(publicURL: URL, masterKey: MasterKey) {
        secure = publicURL.scheme == "https"
        var origin = "\(publicURL.scheme ?? "http")://\(publicURL.host ?? "localhost")"
        if let port = publicURL.port { origin += ":\(port)" }
        self.origin = origin
        csrfKey = masterKey.derivedKey("csrf")
    }

    var accessName: String { (secure ? "__Host-" : "") + "parley_access" }
    var refreshName: String { (secure ? "__Host-" : "") + "parley_refresh" }
    var csrfName: String { (secure ? "__Host-" : "") + "parley_csrf" }
    /// Binds an external sign-in's `state` to this browser.
    var loginName: String { (secure ? "__Host-" : "") + "parley_login" }
    /// Carries a pending second-factor challenge from a redirect to the page that asks for the code.
    var challengeName: String { (secure ? "__Host-" : "") + "parley_challenge" }
    /// Carries an external identity waiting to be linked to the sign-in that follows.
    var linkName: String { (secure ? "__Host-" : "") + "parley_link" }

    /// A short-lived HttpOnly cookie for one step of a flow.
    func setShortLived(_ name: String, _ value: String, seconds: TimeInterval, on response: Response, now: Date) {
        response.cookies[name] = cookie(value, until: now + seconds, now: now, httpOnly: true)
    }

    /// A 303 to the second-factor page, the challenge in its short-lived cookie, `returnTo` kept for afterwards.
    func redirectToSecondFactor(_ request: Request, challenge: String, returnTo: String, now: Date) -> Response {
        let response = request.redirect(
            to: "/sign-in/second-factor?return_to="
                + (returnTo.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
            redirectType: .normal)
        setShortLived(challengeName, challenge, seconds: SignIn.secondFactorLifetime, on: response, now: now)
        return response
    }

    func expire(_ name: String, on response: Response) {
        response.cookies[name] = HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
            isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    /// The CSRF token of a session: an HMAC of its id, so it cannot be forged or planted from another site.
    func csrfToken(for sessionID: UUID) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(sessionID.uuidString.utf8), using: csrfKey))
            .base64URLEncodedString
    }

    func set(_ pair: TokenPair, on response: Response, now: Date) {
        response.cookies[accessName] = cookie(
            pair.accessToken, until: pair.accessTokenExpiresAt, now: now, httpOnly: true)
        if let refresh = pair.refreshToken, let expires = pair.refreshTokenExpiresAt {
            response.cookies[refreshName] = cookie(refresh, until: expires, now: now, httpOnly: true)
            response.cookies[csrfName] = cookie(
                csrfToken(for: pair.sessionID), until: expires, now: now, httpOnly: false)
        }
    }

    func clear(on response: Response) {
        for name in [accessName, refreshName, csrfName] { expire(name, on: response) }
    }

    /// A cookie-authenticated unsafe request must come from this origin and carry the session's CSRF token.
    func checkUnsafeRequest(_ request: Request, sessionID: UUID) throws {
        guard let origin = request.headers.first(name: .origin) else {
            throw AccountsError.csrfRejected("the Origin header is missing")
        }
        guard origin == self.origin else { throw AccountsError.csrfRejected("the request comes from another origin") }
        let presented =
            request.headers.first(name: Self.csrfHeader) ?? (try? request.content.get(String.self, at: Self.csrfField))
            ?? ""
        guard constantTimeEquals(presented, csrfToken(for: sessionID)) else {
            throw AccountsError.csrfRejected("the CSRF token is missing or wrong")
        }
    }

    private func cookie(_ value: String, until: Date, now: Date, httpOnly: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: value, expires: until, maxAge: max(0, Int(until.timeIntervalSince(now))), path: "/",
            isSecure: secure, isHTTPOnly: httpOnly, sameSite: .lax)
    }
}

extension HTTPMethod {
    /// Methods that change something (RFC 9110 §9.2.1): the ones CSRF protection applies to.
    var isUnsafe: Bool { ![.GET, .HEAD, .OPTIONS, .TRACE].contains(self) }
}
