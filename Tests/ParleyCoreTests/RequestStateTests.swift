import Foundation
import NIOConcurrencyHelpers
@testable import ParleyCore
import ParleyTestSupport
import Testing
import Vapor

@Suite struct RequestStateTests {
    @Test func aResolvedValueIsLookedUpOnce() {
        let resolved = ResolvedOnce<String>()
        let lookups = NIOLockedValueBox(0)
        let first = resolved.value {
            lookups.withLockedValue { $0 += 1 }; return "first"
        }
        let second = resolved.value {
            lookups.withLockedValue { $0 += 1 }; return "second"
        }
        #expect(first == "first")
        #expect(second == "first")
        #expect(lookups.withLockedValue { $0 } == 1)
    }

    @Test func valuesRecordedLaterLandInTheOneStoredState() async throws {
        try await withTestApp(.sqlite) { app async throws in
            let request = Request(application: app, on: app.eventLoopGroup.next())
            #expect(request.requestID == request.id, "without RequestIDMiddleware the request keeps Vapor's id")
            #expect(request.rateLimitDecision == nil)
            #expect(request.principal == nil)
            #expect(request.storedState == nil, "reading a value stores no state")

            request.startState(id: "req-1")
            let state = request.state
            let principal = Principal(userID: UUID(), sessionID: UUID(), credential: .bearer)
            request.principal = principal
            let decision = RateLimitDecision(
                policy: RateLimitPolicy(tier: .api, limit: 5, windowSeconds: 60),
                counts: .init(previous: 0, current: 1), now: Date(timeIntervalSince1970: 1_800_000_000))
            request.state.rateLimitDecision = decision

            #expect(request.state === state, "later values are written into the stored state, not stored anew")
            #expect(request.requestID == "req-1")
            #expect(request.principal == principal)
            #expect(request.rateLimitDecision == decision)
        }
    }

    @Test func aRequestWithoutStateGetsOneOnFirstUse() async throws {
        try await withTestApp(.sqlite) { app async throws in
            let request = Request(application: app, on: app.eventLoopGroup.next())
            let principal = Principal(userID: UUID(), sessionID: UUID(), credential: .cookie)
            request.principal = principal
            #expect(request.principal == principal)
            #expect(request.state === request.state)
            #expect(request.requestID == request.id)
        }
    }
}
