import Foundation
import ParleyTestSupport
import Testing
import Vapor

@Suite struct APIKeyRateLimitTests {
    /// A made-up `parley_sk_…` value must not open a fresh bucket: it is counted per client address, and only a
    /// key that authenticated gets a bucket of its own.
    @Test func madeUpKeysShareTheAddressBucket() async throws {
        var variables = authVariables
        variables["PARLEY_RATE_LIMIT_API"] = "3/1h"
        try await withTestApp(.sqlite, variables: variables) { app async throws in
            for attempt in 0..<3 {
                let forged = "parley_sk_" + String(repeating: Character(String(attempt)), count: 43)
                #expect(try await call(app, .GET, "/api/v1/workspace", bearer: forged).errorCode == "invalid_api_key")
            }
            let fourth = try await call(
                app, .GET, "/api/v1/workspace", bearer: "parley_sk_" + String(repeating: "Z", count: 43))
            #expect(fourth.status == .tooManyRequests)
        }
    }

    @Test func aKeyThatAuthenticatedIsCountedOnItsOwn() async throws {
        var variables = authVariables
        variables["PARLEY_RATE_LIMIT_API"] = "6/1h"
        try await withTestApp(.sqlite, variables: variables) { app async throws in
            let owner = try await person(app, "owner@example.com")
            try await setPlan(app, try await currentWorkspaceID(app, owner), "pro")
            let secret = try #require(
                try await call(
                    app, .POST, "/api/v1/workspace/api-keys",
                    json: ["name": "CRM", "scopes": ["workspace:read"]], bearer: owner.token
                ).string("secret"))
            #expect(try await call(app, .GET, "/api/v1/workspace", bearer: secret).status == .ok)
            // Made-up keys use up the address's bucket...
            var refused = false
            for attempt in 0..<10 where !refused {
                let forged = "parley_sk_" + String(repeating: Character(String(attempt)), count: 43)
                refused = try await call(app, .GET, "/api/v1/workspace", bearer: forged).status == .tooManyRequests
            }
            #expect(refused)
            // ...while the key that authenticated keeps its own.
            #expect(try await call(app, .GET, "/api/v1/workspace", bearer: secret).status == .ok)
        }
    }
}
