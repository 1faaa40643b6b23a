import Foundation

/// A decoded non-streaming chat completion: the first choice's text plus the
/// metadata a gateway needs for accounting.
///
/// Produced by ``OpenAIResponse/chatCompletion(from:)``.
public struct ChatCompletion: Sendable, Equatable {
    /// `choices[0].message.content`; `""` when the provider sent `null`
    /// (for example an answer made only of tool calls) or omitted it.
    public var content: String
    /// `choices[0].finish_reason`, e.g. `"stop"` or `"length"`; `nil` when absent.
    public var finishReason: String?
    /// The provider-reported usage; `nil` when the answer had none.
    public var usage: TokenUsage?
    /// The model that actually answered (top-level `model`), if reported.
    public var model: String?

    /// Creates a completion.
    public init(
        content: String,
        finishReason: String? = nil,
        usage: TokenUsage? = nil,
        model: String? = nil
    ) {
        self.content = content
        self.finishReason = finishReason
        self.usage = usage
        self.model = model
    }

    /// `true` when generation stopped because it hit `max_tokens`.
    public var wasTruncated: Bool {
        finishReason == "length"
    }

    /// The reported usage, or an estimate from ``TokenEstimate`` when the
    /// provider reported none.
    ///
    /// - Parameter prompt: the messages that were sent, used for the
    ///   prompt-side estimate.
    public func usageOrEstimate(prompt: [ChatMessage]) -> TokenUsage {
        if let usage { return usage }
        return TokenUsage(
            promptTokens: TokenEstimate.tokens(in: prompt),
            completionTokens: TokenEstimate.tokens(in: content)
        )
    }
}
