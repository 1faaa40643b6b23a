@testable import App
import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
import VaporTesting

@Suite struct HTTPBasicsTests {
    struct Echo: Content { var name: String; var count: Int }
    struct Broken: Error, CustomStringConvertible {
        var description: String { "secret internal detail at db.internal:5432" }
    }

    /// Routes only the tests add: a JSON endpoint and one that fails inside.
    static func addTestRoutes(_ app: Application) {
        app.post("api", "echo") { request in try request.content.decode(Echo.self) }
        app.get("boom") { _ -> String in throw Broken() }
        app.get("p", ":token") { _ in "ok" }
    }

    @Test func securityHeadersAreOnEveryResponse() async throws {
        try await withTestApp { app async throws in
            for path in ["/healthz", "/missing"] {
                try await app.testing().test(.GET, path) { response async throws in
                    let csp = try #require(response.headers.first(name: "Content-Security-Policy"))
                    #expect(csp.contains("default-src 'self'"))
                    #expect(csp.contains("frame-ancestors 'none'"))
                    #expect(!csp.contains("unsafe-inline"))
                    #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                    #expect(
                        response.headers.first(name: "Referrer-Policy") == "same-origin",
                        "no referrer to other sites; forms keep their Origin")
                    #expect(response.headers.first(name: "Permissions-Policy")?.contains("camera=()") == true)
                    #expect(response.headers.first(name: "Server") == nil)
                    #expect(
                        response.headers.first(name: "Strict-Transport-Security") == nil,
                        "no HSTS on an http public URL")
                    #expect(!response.body.string.contains(ParleyVersion.current))
                }
            }
        }
    }

    @Test func errorResponsesCarryTheSecurityHeadersToo() async throws {
        try await withTestApp { app async throws in
            Self.addTestRoutes(app)
            for (method, path) in [(HTTPMethod.DELETE, "/healthz"), (.GET, "/boom"), (.GET, "/missing")] {
                try await app.testing().test(method, path, headers: ["Accept": "text/html"]) { response async throws in
                    #expect(response.status.code >= 400)
                    #expect(
                        response.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'")
                            == true)
                    #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                    #expect(response.headers.first(name: "X-Request-Id") != nil)
                }
            }
        }
    }

    @Test func httpsPublicURLTurnsOnHSTS() async throws {
        try await withTestApp(variables: ["PARLEY_PUBLIC_URL": "https://parley.example.com"]) { app async throws in
            try await app.testing().test(.GET, "/healthz") { response async throws in
                #expect(
                    response.headers.first(name: "Strict-Transport-Security") == "max-age=31536000; includeSubDomains")
            }
        }
    }

    @Test func unknownRoutesAnswer404InTheRightFormat() async throws {
        try await withTestApp { app async throws in
            try await app.testing().test(.GET, "/api/v1/nothing-here") { response async throws in
                #expect(response.status == .notFound)
                #expect(response.headers.contentType == .json)
                let body = try response.content.decode(ErrorResponse.self)
                #expect(body.error.code == "not_found")
                #expect(body.error.requestID == response.headers.first(name: "X-Request-Id"))
            }
            try await app.testing().test(.GET, "/nothing-here", headers: ["Accept": "text/html"]) {
                response async throws in
                #expect(response.status == .notFound)
                #expect(response.headers.contentType?.subType == "html")
                #expect(response.body.string.contains("<h1>404 Not Found</h1>"))
            }
            try await app.testing().test(.GET, "/nothing-here", headers: ["Accept": "application/json"]) {
                response async throws in
                #expect(response.headers.contentType == .json)
            }
        }
    }

    @Test func wrongMethodAnswers405WithAllow() async throws {
        try await withTestApp { app async throws in
            try await app.testing().test(.DELETE, "/healthz", headers: ["Accept": "application/json"]) {
                response async throws in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers.first(name: "Allow") == "GET")
                #expect(try response.content.decode(ErrorResponse.self).error.code == "method_not_allowed")
            }
        }
    }

    @Test(arguments: [
        ("{\"name\": \"x\", ", "not valid JSON"),
        ("{\"name\": \"x\", \"count\": \"seven\"}", "field 'count'"),
        ("{\"count\": 7}", "Missing field 'name'"),
        ("[]", "expected an object"),
    ])
    func badJSONAnswers400NamingTheProblem(_ body: String, _ expected: String) async throws {
        try await withTestApp { app async throws in
            Self.addTestRoutes(app)
            try await app.testing().test(
                .POST, "/api/echo", headers: ["Content-Type": "application/json"], body: ByteBuffer(string: body)
            ) { response async throws in
                #expect(response.status == .badRequest)
                let error = try response.content.decode(ErrorResponse.self).error
                #expect(error.message.contains(expected), "message was: \(error.message)")
            }
        }
    }

    @Test func unsupportedContentTypeAnswers415() async throws {
        try await withTestApp { app async throws in
            Self.addTestRoutes(app)
            try await app.testing().test(
                .POST, "/api/echo", headers: ["Content-Type": "application/xml"], body: ByteBuffer(string: "<echo/>")
            ) { response async throws in
                #expect(response.status == .unsupportedMediaType)
                #expect(try response.content.decode(ErrorResponse.self).error.code == "unsupported_media_type")
            }
        }
    }

    @Test func goodJSONIsAccepted() async throws {
        try await withTestApp { app async throws in
            Self.addTestRoutes(app)
            try await app.testing().test(
                .POST, "/api/echo", headers: ["Content-Type": "application/json"],
                body: ByteBuffer(string: #"{"name":"x","count":7}"#)
            ) { response async throws in
                #expect(response.status == .ok)
                #expect(try response.content.decode(Echo.self).count == 7)
            }
        }
    }

    @Test func oversizedBodyAnswers413() async throws {
        try await withTestApp { app async throws in
            Self.addTestRoutes(app)
            let big = "{\"name\": \"" + String(repeating: "a", count: 40_000) + "\", \"count\": 1}"
            try await withRunningServer(app) { port in
                let response = try await app.client.post(
                    URI(string: "http://127.0.0.1:\(port)/api/echo"), headers: ["Content-Type": "application/json"]
                ) {
                    $0.body = ByteBuffer(string: big)
                }
                #expect(response.status == .payloadTooLarge)
                #expect(response.headers.first(name: "Content-Security-Policy") != nil)
            }
        }
    }

    @Test func internalErrorsAreHiddenInProduction() async throws {
        try await withTestApp(variables: ["PARLEY_ENV": "production"]) { app async throws in
            Self.addTestRoutes(app)
            try await app.testing().test(.GET, "/boom", headers: ["Accept": "application/json"]) {
                response async throws in
                #expect(response.status == .internalServerError)
                #expect(!response.body.string.contains("db.internal"))
                #expect(
                    try response.content.decode(ErrorResponse.self).error.message == "Something went wrong on our side."
                )
                let id = try #require(response.headers.first(name: "X-Request-Id"))
                #expect(
                    TestLogs.lines(containing: id).contains {
                        $0.contains("\"level\":\"error\"") && $0.contains("db.internal")
                    },
                    "the 5xx is logged with its request id")
            }
        }
    }

    @Test func internalErrorsAreShownOutsideProduction() async throws {
        try await withTestApp(variables: ["PARLEY_ENV": "development"]) { app async throws in
            Self.addTestRoutes(app)
            try await app.testing().test(.GET, "/boom", headers: ["Accept": "application/json"]) {
                response async throws in
                #expect(response.body.string.contains("db.internal"))
            }
        }
    }

    @Test func requestIDIsGeneratedUnlessATrustedProxySendsOne() async throws {
        try await withTestApp(variables: ["PARLEY_TRUSTED_PROXIES": "127.0.0.1/32"]) { app async throws in
            try await withRunningServer(app) { port in
                let url = URI(string: "http://127.0.0.1:\(port)/healthz")
                let accepted = try await app.client.get(url, headers: ["X-Request-Id": "edge-abc.123"])
                #expect(accepted.headers.first(name: "X-Request-Id") == "edge-abc.123")
                let malformed = try await app.client.get(url, headers: ["X-Request-Id": "bad id<script>"])
                #expect(malformed.headers.first(name: "X-Request-Id") != "bad id<script>")
                let generated = try await app.client.get(url)
                #expect(generated.headers.first(name: "X-Request-Id")?.count == 24)
            }
        }
        try await withTestApp(variables: ["PARLEY_TRUSTED_PROXIES": "10.0.0.0/8"]) { app async throws in
            try await withRunningServer(app) { port in
                let response = try await app.client.get(
                    URI(string: "http://127.0.0.1:\(port)/healthz"),
                    headers: ["X-Request-Id": "forged-by-client", "X-Forwarded-For": "10.0.0.1"])
                #expect(response.headers.first(name: "X-Request-Id") != "forged-by-client")
            }
        }
    }

    @Test func accessLogHasOneLinePerRequestAndNoSecrets() async throws {
        try await withTestApp { app async throws in
            Self.addTestRoutes(app)
            let headers: HTTPHeaders = ["Authorization": "Bearer tok-SECRET-1", "Cookie": "session=SECRET-2"]
            for path in ["/healthz?token=SECRET-3", "/p/SECRET-4"] {
                try await app.testing().test(.GET, path, headers: headers) { response async throws in
                    let id = try #require(response.headers.first(name: "X-Request-Id"))
                    let lines = TestLogs.lines(containing: id).filter { $0.contains("\"msg\":\"request\"") }
                    #expect(lines.count == 1)
                    let line = try #require(lines.first)
                    let json = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                    #expect(json["method"] as? String == "GET")
                    #expect(json["status"] as? Int == 200)
                    #expect(json["duration_ms"] != nil)
                    #expect(json["request_id"] as? String == id)
                    #expect(json["path"] as? String == (path.hasPrefix("/p/") ? "/p/:token" : "/healthz"))
                    #expect(!line.contains("SECRET"))
                }
            }
            // A token in a path that reaches no handler (wrong method) is not logged either.
            try await app.testing().test(.POST, "/p/SECRET-5") { response async throws in
                #expect(response.status == .methodNotAllowed)
                let id = try #require(response.headers.first(name: "X-Request-Id"))
                let line = try #require(TestLogs.lines(containing: id).first { $0.contains("\"msg\":\"request\"") })
                #expect(line.contains("\"path\":\"/p/:token\""))
                #expect(!line.contains("SECRET"))
            }
        }
    }
}
