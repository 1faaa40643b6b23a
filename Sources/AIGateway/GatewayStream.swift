import Foundation
import OpenAICompat
import PIIRedaction

/// The text of a streamed answer, pulled straight from the provider's stream by whoever reads it: redacted values
/// are restored as soon as a whole placeholder has arrived, and the call is settled when the stream ends, breaks
/// or is dropped unread. It has no task of its own, so a token reaches the reader with no extra hop.
///
/// Only the stream's own (serial) unfolding calls `next()`.
final class GatewayStream: @unchecked Sendable {
    /// Settles the call: the tokens, whether they are estimated, and the outcome.
    typealias Settle =
        @Sendable (_ usage: TokenUsage, _ estimated: Bool, _ outcome: AICall.Outcome) async throws -> Void

    private var upstream: AsyncThrowingStream<ChatStreamEvent, any Error>.AsyncIterator
    private var restorer: StreamingRestorer
    private let providerID: String
    private let inputTokens: Int
    private let settle: Settle
    private var produced = ""
    private var reported: TokenUsage?
    private var settled = false

    init(
        upstream: AsyncThrowingStream<ChatStreamEvent, any Error>, mapping: RedactionMapping, providerID: String,
        inputTokens: Int,
        settle: @escaping Settle
    ) {
        self.upstream = upstream.makeAsyncIterator()
        restorer = StreamingRestorer(mapping: mapping)
        self.providerID = providerID
        self.inputTokens = inputTokens
        self.settle = settle
    }

    /// The stream as callers see it.
    var text: AsyncThrowingStream<String, any Error> {
        AsyncThrowingStream(unfolding: { try await self.next() })
    }

    func next() async throws -> String? {
        guard !settled else { return nil }
        do {
            while let event = try await upstream.next() {
                switch event {
                case .content(let text):
                    produced += text
                    let ready = restorer.feed(text)
                    if !ready.isEmpty { return ready }
                case .usage(let usage): reported = usage
                case .finished, .done: break
                }
            }
            // A reader that was cancelled did not get the whole answer.
            try Task.checkCancellation()
        } catch {
            // What was produced before the break still cost tokens: settle it as estimated and failed.
            settled = true
            try? await settle(estimate, true, .failed)
            throw AIGatewayError.providerFailed("\(providerID): \(error)")
        }
        settled = true
        let tail = restorer.finish()
        try await settle(reported ?? estimate, reported == nil, .ok)
        return tail.isEmpty ? nil : tail
    }

    private var estimate: TokenUsage {
        TokenUsage(promptTokens: inputTokens, completionTokens: TokenEstimate.tokens(in: produced))
    }

    /// A reader that stopped early never reaches the end: settle what was produced, as failed.
    deinit {
        guard !settled else { return }
        let settle = settle, usage = estimate
        Task { try? await settle(usage, true, .failed) }
    }
}
