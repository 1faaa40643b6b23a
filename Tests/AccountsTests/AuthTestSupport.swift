@testable import Accounts
import Fluent
import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
import VaporTesting

/// Settings for account tests: cheap bcrypt (testing only), a fixed public URL, a roomy `auth` tier.
let authVariables = ["PARLEY_AUTH_BCRYPT_COST": "4", "PARLEY_PUBLIC_URL": "http://localhost:8080", "PARLEY_RATE_LIMIT_AUTH": "1000/60s"]
let origin = "http://localhost:8080"

/// One HTTP exchange, with the body parsed as a JSON object when it is one.
struct Reply: @unchecked Sendable {
    var status: HTTPStatus
    var headers: HTTPHeaders
    var text: String
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
    func string(_ key: String) -> String? { json[key] as? String }
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }

    /// `name=value` of each `Set-Cookie`.
    var setCookies: [String: String] {
        var cookies: [String: String] = [:]
        for line in headers[.setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            cookies[String(pair[0])] = pair.count > 1 ? String(pair[1]) : ""
        }
        return cookies
    }
}

@discardableResult
func call(_ app: Application, _ method: HTTPMethod, _ path: String, json: [String: Any]? = nil, headers: HTTPHeaders = [:],
          bearer: String? = nil) async throws -> Reply {
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
func mailedToken(_ app: Application, template: String) async throws -> String {
    let mail = try #require(try await OutboxMessage.query(on: app.db).filter(\.$template == template).sort(\.$createdAt, .descending).first())
    let match = try #require(mail.textBody.firstMatch(of: /#token=([0-9a-f]{64})/))
    return String(match.1)
}

func mails(_ app: Application, template: String) async throws -> [OutboxMessage] {
    try await OutboxMessage.query(on: app.db).filter(\.$template == template).all()
}

func auditActions(_ app: Application) async throws -> [String] {
    try await AuditEvent.query(on: app.db).sort(\.$occurredAt).all().map(\.action)
}

let strongPassword = "correct horse battery staple"

/// Signs up and opens the verification link.
func registerVerified(_ app: Application, email: String = "ada@example.com", password: String = strongPassword) async throws {
    let reply = try await call(app, .POST, "/api/v1/auth/sign-up", json: ["email": email, "password": password, "display_name": "Ada"])
    #expect(reply.status == .accepted)
    let token = try await mailedToken(app, template: "auth.verify_email")
    #expect(try await call(app, .POST, "/api/v1/auth/verify-email", json: ["token": token]).status == .ok)
}

/// Signs in and returns the token pair's JSON.
func signIn(_ app: Application, email: String = "ada@example.com", password: String = strongPassword) async throws -> Reply {
    try await call(app, .POST, "/api/v1/auth/sign-in", json: ["email": email, "password": password])
}
