import Foundation
import NIOConcurrencyHelpers
import Vapor

/// An event as a consumer receives it.
package struct PublishedEvent: Sendable, Equatable {
    package var id: UUID
    package var workspaceID: UUID
    package var type: String
    /// The event's data, as the JSON object it was published with.
    package var data: String
    package var occurredAt: Date
}

/// Something that acts on events: webhook delivery, mail notifications. Each consumer receives every event it
/// accepts at least once, in its own job, so a slow or failing consumer holds up no other; a handler must be
/// idempotent (the event id is stable across retries).
package struct EventConsumer: Sendable {
    package var name: String
    package var accepts: @Sendable (String) -> Bool
    package var handle: @Sendable (PublishedEvent, JobContext) async throws -> Void

    /// `types` empty means every type.
    package init(
        name: String, types: Set<String> = [],
        handle: @escaping @Sendable (PublishedEvent, JobContext) async throws -> Void
    ) {
        self.name = name
        accepts = { types.isEmpty || types.contains($0) }
        self.handle = handle
    }
}

/// The consumers the modules registered at start-up; publishing reads it to know whom to hand each event to.
package final class EventConsumers: Sendable {
    private let consumers = NIOLockedValueBox<[EventConsumer]>([])

    package init() {}

    package func register(_ consumer: EventConsumer) {
        consumers.withLockedValue { list in
            precondition(
                !list.contains { $0.name == consumer.name }, "event consumer \(consumer.name) registered twice")
            list.append(consumer)
        }
    }

    package var all: [EventConsumer] { consumers.withLockedValue { $0 } }

    package func named(_ name: String) -> EventConsumer? { all.first { $0.name == name } }
}

extension Application {
    private struct EventConsumersKey: StorageKey { typealias Value = EventConsumers }

    /// Set up by `CoreModule.register`, before the feature modules register their consumers.
    package var eventConsumers: EventConsumers {
        get {
            guard let consumers = storage[EventConsumersKey.self] else {
                preconditionFailure("The event consumers are set by CoreModule.register before use")
            }
            return consumers
        }
        set { storage[EventConsumersKey.self] = newValue }
    }
}
