import Foundation

/// Turns the SSE events of a streamed chat completion into deltas.
///
/// Feed every ``ServerSentEvent`` of one stream, in order, to
/// ``decode(_:)``. Because one chunk may carry text, a `finish_reason` and
/// `usage` at once (llama.cpp, Ollama), `decode` returns an array so that
/// nothing is lost: `[.content, .finished, .usage]` in that order, each part
/// only when present.
///
/// Rules:
/// - `[DONE]` → ``ChatStreamEvent/done``; later events are ignored;
/// - events with blank data are ignored (keep-alives);
/// - `choices[0].delta.content` (choice with `index` 0, or the first one) →
///   ``ChatStreamEvent/content(_:)`` when non-empty (role-only and `null`
///   deltas give nothing);
/// - the first non-empty `finish_reason` → ``ChatStreamEvent/finished(_:)``
///   (repeats are not re-emitted);
/// - a `usage` object → ``ChatStreamEvent/usage(_:)`` unless identical to the
///   last one emitted (`"usage": null` is ignored);
/// - `{"error": ...}`, or an event of type `error`, throws
///   ``OpenAICompatError/providerError(_:)``;
/// - any other non-JSON data, or JSON with wrong types, throws
///   ``OpenAICompatError/malformed(_:)``.
public struct ChatStreamDecoder: Sendable {
    /// `true` once `[DONE]` was seen.
    public private(set) var isDone = false
    /// The finish reason, once one was reported.
    public private(set) var finishReason: String?
    /// The last usage reported.
    public private(set) var usage: TokenUsage?
    /// The first `model` reported by a chunk.
    public private(set) var model: String?

    /// Creates a decoder for one stream.
    public init() {}

    /// Decodes one event; see the type documentation for the rules.
    public mutating func decode(_ event: ServerSentEvent) throws -> [ChatStreamEvent] {
        guard !isDone else { return [] }
        let payload = event.data.trimmingJSONWhitespace
        if event.event == "error" {
            let message =
                OpenAIResponse.errorMessage(from: Data(payload.utf8))
                ?? OpenAIWire.cleanedMessage(String(payload))
                ?? OpenAIWire.ProviderError.fallback
            throw OpenAICompatError.providerError(message)
        }
        if payload.isEmpty { return [] }
        if payload == "[DONE]" {
            isDone = true
            return [.done]
        }
        let chunk = try OpenAIWire.decode(OpenAIWire.CompletionBody.self, from: Data(payload.utf8))
        if let error = chunk.error {
            throw OpenAICompatError.providerError(error.message)
        }
        if model == nil { model = chunk.model }
        var events: [ChatStreamEvent] = []
        if let choice = chunk.choices?.first(where: { ($0.index ?? 0) == 0 }) {
            if let text = choice.delta?.content, !text.isEmpty {
                events.append(.content(text))
            }
            if finishReason == nil, let reason = choice.finishReason, !reason.isEmpty {
                finishReason = reason
                events.append(.finished(reason))
            }
        }
        if let reported = chunk.usage, reported != usage {
            usage = reported
            events.append(.usage(reported))
        }
        return events
    }

    /// Decodes several events, concatenating the results.
    public mutating func decode(_ events: [ServerSentEvent]) throws -> [ChatStreamEvent] {
        var result: [ChatStreamEvent] = []
        for event in events {
            result += try decode(event)
        }
        return result
    }
}
