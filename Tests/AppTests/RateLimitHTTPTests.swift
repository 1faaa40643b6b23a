@testable import App
import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
import VaporTesting

@Suite struct RateLimitHTTPTests {
    @Test func everyRouteHasATierOrAReasonedExemption() async throws {
        try await withTestApp { app async throws in
            let routes = app.routes.all
            #expect(!routes.isEmpty)
            for route in routes {
                let path = "/" + route.path.map(\.description).joined(separator: "/")
                let tier = try #require(route.tier, "\(route.method) \(path) was registered without a rate-limit tier")
                if case .unlimited = tier {
                    // Exemptions are rare and deliberate: add a new one here only with its reason in the code.
                    #expect(path == "/healthz", "\(path) is exempt from rate limits")
                }
            }
        }
    }

    @Test func theLimitAnswers429WithRetryAfterAndRateLimitHeaders() async throws {
        try await withTestApp(variables: ["PARLEY_RATE_LIMIT_AUTH": "3/60s"]) { app async throws in
            app.routes.tiered(.auth).post("api", "v1", "sign-in") { _ in "ok" }
            for attempt in 1...3 {
                try await app.testing().test(.POST, "/api/v1/sign-in") { response async throws in
                    #expect(response.status == .ok)
                    #expect(response.headers["RateLimit-Policy"] == ["\"auth\";q=3;w=60"])
                    #expect(
                        response.headers["RateLimit"].count == 1
                            && response.headers.first(name: "RateLimit")?.hasPrefix("\"auth\";r=\(3 - attempt);t=")
                                == true
                    )
                }
            }
            try await app.testing().test(.POST, "/api/v1/sign-in") { response async throws in
                #expect(response.status == .tooManyRequests)
                let retryAfter = try #require(response.headers.first(name: "Retry-After").flatMap(Int.init))
                #expect((1...120).contains(retryAfter))
                #expect(response.headers["RateLimit-Policy"] == ["\"auth\";q=3;w=60"], "once, from the refusal")
                #expect(
                    response.headers["RateLimit"].count == 1
                        && response.headers.first(name: "RateLimit")?.hasPrefix("\"auth\";r=0;t=") == true)
                #expect(try response.content.decode(ErrorResponse.self).error.code == "rate_limited")
            }
        }
    }

    @Test func unmatchedRequestsAreLimitedToo() async throws {
        try await withTestApp(variables: ["PARLEY_RATE_LIMIT_PUBLIC": "2/60s"]) { app async throws in
            var statuses: [UInt] = []
            for _ in 0..<3 {
                try await app.testing().test(.GET, "/api/v1/probe-\(UUID())") { response async throws in
                    statuses.append(response.status.code)
                }
            }
            #expect(statuses == [404, 404, 429])
        }
    }

    @Test func eachClientBehindATrustedProxyHasItsOwnBudget() async throws {
        try await withTestApp(variables: ["PARLEY_RATE_LIMIT_PUBLIC": "2/60s", "PARLEY_TRUSTED_PROXIES": "127.0.0.1"]) {
            app async throws in
            try await withRunningServer(app) { port async throws in
                // A cheap public-tier route (not /readyz, whose probes can be slow on a loaded machine).
                let url = URI(string: "http://127.0.0.1:\(port)/api/v1/bot-check/challenge")
                func status(_ client: String) async throws -> UInt {
                    try await app.client.get(url, headers: ["X-Forwarded-For": client]).status.code
                }
                #expect(try await status("198.51.100.1") == 200)
                #expect(try await status("198.51.100.1") == 200)
                #expect(try await status("198.51.100.1") == 429)
                #expect(try await status("198.51.100.2") == 200, "another client behind the same proxy is not affected")
            }
        }
    }

    @Test func aForgedForwardedHeaderFromAnUntrustedPeerChangesNothing() async throws {
        try await withTestApp(variables: ["PARLEY_RATE_LIMIT_PUBLIC": "2/60s"]) { app async throws in
            try await withRunningServer(app) { port async throws in
                // A cheap public-tier route (not /readyz, whose probes can be slow on a loaded machine).
                let url = URI(string: "http://127.0.0.1:\(port)/api/v1/bot-check/challenge")
                var statuses: [UInt] = []
                for n in 0..<3 {
                    statuses.append(
                        try await app.client.get(
                            url, headers: ["X-Forwarded-For": "203.0.113.\(n)", "Forwarded": "for=192.0.2.\(n)"]
                        ).status.code)
                }
                #expect(statuses == [200, 200, 429], "all three count against the socket peer")
            }
        }
    }
}
