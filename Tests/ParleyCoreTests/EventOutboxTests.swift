import Fluent
import Foundation
import NIOConcurrencyHelpers
@testable import ParleyCore
import ParleyTestSupport
import Testing
import Vapor

@Suite struct EventOutboxTests {
    struct Signed: Codable, Sendable { var proposal: String }

    /// Records what each consumer received, and fails a consumer's first attempts when asked to.
    final class Inbox: Sendable {
        private let state = NIOLockedValueBox<(received: [String: [PublishedEvent]], failuresLeft: [String: Int])>(
            ([:], [:]))

        func consumer(_ name: String, types: Set<String> = [], failFirst: Int = 0) -> EventConsumer {
            state.withLockedValue { $0.failuresLeft[name] = failFirst }
            return EventConsumer(name: name, types: types) { event, _ in
                let fail = self.state.withLockedValue { state -> Bool in
                    guard let left = state.failuresLeft[name], left > 0 else {
                        state.received[name, default: []].append(event)
                        return false
                    }
                    state.failuresLeft[name] = left - 1
                    return true
                }
                if fail { throw Abort(.serviceUnavailable, reason: "consumer \(name) is down") }
            }
        }

        func received(_ name: String) -> [PublishedEvent] { state.withLockedValue { $0.received[name] ?? [] } }
    }

    private func publish(_ app: Application, _ workspace: UUID, _ type: String, rollBack: Bool = false) async throws {
        let context = TenantContext.system(in: workspace, plan: .unchecked)
        let consumers = app.eventConsumers
        let now = app.clock.now()
        try await context.run(on: app.db) { tenant in
            try await EventOutbox.publish(
                type, data: Signed(proposal: "P-1"), in: tenant, consumers: consumers, now: now)
            if rollBack { throw Abort(.conflict, reason: "the change failed after the event was written") }
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func eachConsumerGetsTheEventsItAcceptsAtLeastOnce(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let workspace = try await currentWorkspaceID(app, try await person(app, "owner@example.com"))
            let inbox = Inbox()
            app.eventConsumers.register(inbox.consumer("webhooks"))
            app.eventConsumers.register(inbox.consumer("notifications", types: ["proposal.signed"], failFirst: 2))
            app.eventConsumers.register(inbox.consumer("crawler", types: ["knowledge.crawl_finished"]))

            try await publish(app, workspace, "proposal.signed")
            try await publish(app, workspace, "member.joined")
            let worker = app.makeJobWorker()
            for _ in 0..<4 {
                try await worker.drain()
                clock.advance(by: 3600)  // past the failing consumer's backoff
            }

            #expect(inbox.received("webhooks").map(\.type).sorted() == ["member.joined", "proposal.signed"])
            let signed = try #require(inbox.received("notifications").first)
            #expect(inbox.received("notifications").count == 1, "retried until it succeeded, then delivered once")
            #expect(signed.type == "proposal.signed" && signed.workspaceID == workspace)
            #expect(signed.data == #"{"proposal":"P-1"}"#)
            #expect(inbox.received("crawler").isEmpty, "a consumer gets only the types it accepts")
            let ids = Set(inbox.received("webhooks").map(\.id))
            #expect(ids.contains(signed.id), "every consumer sees the same event id")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func aRolledBackChangeLeavesNoEventAndNoDelivery(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            let workspace = try await currentWorkspaceID(app, try await person(app, "owner@example.com"))
            let inbox = Inbox()
            app.eventConsumers.register(inbox.consumer("webhooks"))
            await #expect(throws: Abort.self) { try await publish(app, workspace, "proposal.signed", rollBack: true) }
            try await app.makeJobWorker().drain()
            #expect(inbox.received("webhooks").isEmpty)
            #expect(try await JobRecord.query(on: app.db).filter(\.$kind == EventOutbox.deliveryJobKind).count() == 0)
            let context = TenantContext.system(in: workspace, plan: .unchecked)
            #expect(
                try await context.run(on: app.db) { tenant in try await tenant.query(OutboxEvent.self).count() } == 0)
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func eventsStayInTheirWorkspaceAndArePrunedAfterThirtyDays(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let first = try await currentWorkspaceID(app, try await person(app, "first@example.com"))
            clock.advance(by: 1)  // the second person's mail is the newer one
            let second = try await currentWorkspaceID(app, try await person(app, "second@example.com"))
            try await publish(app, first, "member.joined")
            let count: @Sendable (UUID) async throws -> Int = { workspace in
                let context = TenantContext.system(in: workspace, plan: .unchecked)
                return try await context.run(on: app.db) { tenant in try await tenant.query(OutboxEvent.self).count() }
            }
            #expect(try await count(first) == 1)
            #expect(try await count(second) == 0)

            clock.advance(by: 31 * 86_400)
            try await publish(app, first, "member.joined")
            try await EventOutbox.prune(before: clock.now - 30 * 86_400, on: app.db)
            #expect(try await count(first) == 1, "only the old event is gone")
        }
    }
}
