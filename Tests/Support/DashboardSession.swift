import Foundation
import ParleyCore
import Testing
import Vapor
import VaporTesting

/// A browser's session in the dashboard tests: signed in through the sign-in form, it sends its cookies, and its
/// forms carry this origin and the session's CSRF token, as a page's forms do.
package struct DashboardSession {
    package var cookies: [String: String]

    package init(cookies: [String: String]) { self.cookies = cookies }

    /// Signs `email` in through the form (the account exists and is verified).
    package static func signIn(_ app: Application, _ email: String, returnTo: String? = nil) async throws -> (
        DashboardSession, Reply
    ) {
        var form = ["email": email, "password": strongPassword]
        if let returnTo { form["return_to"] = returnTo }
        let reply = try await DashboardSession(cookies: [:]).post(app, "/sign-in", form: form)
        #expect(reply.status == .seeOther, "\(reply.text)")
        return (DashboardSession(cookies: reply.setCookies), reply)
    }

    package var jar: String { cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
    package var csrf: String { cookies["parley_csrf"] ?? "" }

    package func get(_ app: Application, _ path: String, extraCookies: String? = nil) async throws -> Reply {
        let cookie = [jar, extraCookies].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "; ")
        return try await call(app, .GET, path, headers: cookie.isEmpty ? [:] : ["Cookie": cookie])
    }

    /// A form post from this origin with the session's CSRF token.
    package func post(_ app: Application, _ path: String, form: [String: String] = [:]) async throws -> Reply {
        var fields = form
        if !csrf.isEmpty { fields["csrf_token"] = csrf }
        return try await postForm(app, path, form: fields, origin: origin, cookie: cookies.isEmpty ? nil : jar)
    }
}

/// Posts `form` URL-encoded, as a browser's form does, from `origin` (nil sends no `Origin`) with `cookie`.
package func postForm(
    _ app: Application, _ path: String, form: [String: String], origin: String?, cookie: String?
) async throws -> Reply {
    var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
    if let origin { headers.add(name: .origin, value: origin) }
    if let cookie { headers.add(name: .cookie, value: cookie) }
    let body = form.map {
        "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
    }.joined(separator: "&")
    var reply: Reply?
    try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(string: body)) {
        response async throws in
        reply = Reply(status: response.status, headers: response.headers, text: response.body.string)
    }
    return try #require(reply)
}

/// Checks every dashboard page owes: no inline script or style, and a label for every visible field.
package func expectPlainLabelledPage(_ page: Reply, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let html = page.text
    #expect(
        html.components(separatedBy: "<script").count == html.components(separatedBy: "<script src=").count,
        "\(path) has no inline script", sourceLocation: sourceLocation)
    #expect(
        !html.contains("style=") && !html.contains("<style"), "\(path) has no inline style",
        sourceLocation: sourceLocation)
    #expect(!html.contains(" onclick=") && !html.contains("javascript:"), "\(path)", sourceLocation: sourceLocation)
    let fields = html.matches(of: /<(input|select|textarea)\b([^>]*)>/).map { String($0.2) }
    for attributes in fields where !attributes.contains("type=\"hidden\"") {
        guard let id = attributes.firstMatch(of: /\bid="([^"]+)"/)?.1 else {
            Issue.record("\(path): a field without an id: \(attributes)", sourceLocation: sourceLocation)
            continue
        }
        #expect(
            html.contains("<label for=\"\(id)\""), "\(path): the field \(id) has a label",
            sourceLocation: sourceLocation)
    }
}
