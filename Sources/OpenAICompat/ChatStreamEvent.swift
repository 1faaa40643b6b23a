import Foundation

/// One meaningful step of a streamed chat completion, produced by
/// ``ChatStreamDecoder``.
///
/// For one chunk the decoder emits, in this order: ``content(_:)``, then
/// ``finished(_:)``, then ``usage(_:)``. ``done`` is emitted for the `[DONE]`
/// sentinel. Servers that do not send `[DONE]` (or usage) simply end the
/// stream; callers should treat the end of the HTTP body as the end.
public enum ChatStreamEvent: Sendable, Equatable {
    /// A non-empty piece of generated text (`choices[0].delta.content`).
    case content(String)
    /// Token usage reported by the provider (OpenAI/vLLM: a final chunk with
    /// empty `choices`; llama.cpp/Ollama: on the last content chunk).
    case usage(TokenUsage)
    /// Why generation stopped (`finish_reason`, e.g. `"stop"`, `"length"`).
    case finished(String)
    /// The `data: [DONE]` sentinel: the provider will send nothing more.
    case done

    /// The text of a ``content(_:)`` event, else `nil`.
    public var text: String? {
        if case .content(let text) = self { return text }
        return nil
    }

    /// The usage of a ``usage(_:)`` event, else `nil`.
    public var tokenUsage: TokenUsage? {
        if case .usage(let usage) = self { return usage }
        return nil
    }

    /// The reason of a ``finished(_:)`` event, else `nil`.
    public var finishReason: String? {
        if case .finished(let reason) = self { return reason }
        return nil
    }

    /// `true` for ``done``.
    public var isDone: Bool {
        self == .done
    }
}
