import Fluent
import Foundation
import ParleyCore
import Testing
import Vapor
import VaporTesting

/// HTTP helpers shared by the test targets: calls with JSON bodies, mailed tokens, signed-up accounts.

/// Settings for account tests: cheap bcrypt (testing only), an easy proof of work, a fixed public URL, a roomy `auth` tier.
package let authVariables = [
    "PARLEY_AUTH_BCRYPT_COST": "4", "PARLEY_PUBLIC_URL": "http://localhost:8080", "PARLEY_RATE_LIMIT_AUTH": "1000/60s",
    "PARLEY_POW_DIFFICULTY": "8",
]
package let origin = "http://localhost:8080"

/// One HTTP exchange, with the body parsed as a JSON object when it is one.
package struct Reply: @unchecked Sendable {
    package var status: HTTPStatus
    package var headers: HTTPHeaders
    package var text: String

    package init(status: HTTPStatus, headers: HTTPHeaders, text: String) {
        self.status = status
        self.headers = headers
        self.text = text
    }
    package var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
    package func string(_ key: String) -> String? { json[key] as? String }
    package var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }

    /// `name=value` of each `Set-Cookie`.
    package var setCookies: [String: String] {
        var cookies: [String: String] = [:]
        for line in headers[.setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            cookies[String(pair[0])] = pair.count > 1 ? String(pair[1]) : ""
        }
        return cookies
    }
}

@discardableResult
package func call(
    _ app: Application, _ method: HTTPMethod, _ path: String, json: [String: Any]? = nil, headers: HTTPHeaders = [:],
    bearer: String? = nil
) async throws -> Reply {
    var headers = headers
    var body = ByteBuffer()
    if let json {
        body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
        headers.contentType = .json
    }
    if let bearer { headers.bearerAuthorization = BearerAuthorization(token: bearer) }
    var reply: Reply?
    try await app.testing().test(method, path, headers: headers, body: body) { response async throws in
        reply = Reply(status: response.status, headers: response.headers, text: response.body.string)
    }
    return try #require(reply)
}

/// The token in the newest mail of a template (links carry it after `#token=`).
package func mailedToken(_ app: Application, template: String) async throws -> String {
    let mail = try #require(
        try await OutboxMessage.query(on: app.db).filter(\.$template == template).sort(\.$createdAt, .descending)
            .first())
    let match = try #require(mail.textBody.firstMatch(of: /#token=([0-9a-f]{64})/))
    return String(match.1)
}

package func mails(_ app: Application, template: String) async throws -> [OutboxMessage] {
    try await OutboxMessage.query(on: app.db).filter(\.$template == template).all()
}

/// The account events (`auth.…`) in order; workspace events are checked through their own API.
package func auditActions(_ app: Application) async throws -> [String] {
    try await AuditEvent.query(on: app.db).sort(\.$occurredAt).all().map(\.action).filter { $0.hasPrefix("auth.") }
}

package let strongPassword = "correct horse battery staple"

/// Signs up and opens the verification link.
package func registerVerified(_ app: Application, email: String = "ada@example.com", password: String = strongPassword)
    async throws
{
    let reply = try await call(
        app, .POST, "/api/v1/auth/sign-up",
        json: [
            "email": email, "password": password, "display_name": "Ada",
            "bot_check": try await solvedBotCheck(app),
        ])
    #expect(reply.status == .accepted)
    let token = try await mailedToken(app, template: "auth.verify_email")
    #expect(
        try await call(app, .POST, "/api/v1/auth/verify-email", json: ["token": token, "password": password]).status
            == .ok)
}

/// Signs in and returns the token pair's JSON.
package func signIn(_ app: Application, email: String = "ada@example.com", password: String = strongPassword)
    async throws -> Reply
{
    try await call(app, .POST, "/api/v1/auth/sign-in", json: ["email": email, "password": password])
}

/// Answers the proof-of-work bot check as the browser script does.
package func solvedBotCheck(_ app: Application) async throws -> [String: String] {
    var challenge: BotCheckChallenge?
    try await app.testing().test(.GET, "/api/v1/bot-check/challenge") { response async throws in
        challenge = try response.content.decode(BotCheckChallenge.self)
    }
    let nonce = try #require(challenge?.nonce)
    return [
        "pow_nonce": nonce, "pow_solution": ProofOfWork.solve(nonce: nonce, difficulty: challenge?.difficulty ?? 8),
    ]
}

/// Uploads `bytes` as the raw body.
package func upload(
    _ app: Application, _ bytes: [UInt8], type: String?, purpose: String? = "knowledge", name: String = "doc",
    bearer: String,
    workspace: UUID? = nil
) async throws -> Reply {
    var headers: HTTPHeaders = [:]
    if let type { headers.replaceOrAdd(name: .contentType, value: type) }
    if let workspace { headers.replaceOrAdd(name: "X-Parley-Workspace", value: workspace.uuidString) }
    headers.bearerAuthorization = BearerAuthorization(token: bearer)
    var query = "name=" + (name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    if let purpose { query += "&purpose=\(purpose)" }
    var reply: Reply?
    try await app.testing().test(.POST, "/api/v1/files?\(query)", headers: headers, body: ByteBuffer(bytes: bytes)) {
        response async throws in
        reply = Reply(status: response.status, headers: response.headers, text: response.body.string)
    }
    return try #require(reply)
}
