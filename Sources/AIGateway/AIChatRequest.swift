import Foundation
import OpenAICompat
import PIIRedaction

/// A chat call as a feature asks for it. `known` names personal values the caller knows are in the text (the
/// visitor's name and email…), redacted on top of the patterns.
package struct AIChatRequest: Sendable {
    package var messages: [ChatMessage]
    package var feature: AIFeature
    package var maxTokens: Int
    package var temperature: Double?
    package var known: [KnownValue]

    package init(
        messages: [ChatMessage], feature: AIFeature, maxTokens: Int = 512, temperature: Double? = nil,
        known: [KnownValue] = []
    ) {
        self.messages = messages
        self.feature = feature
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.known = known
    }
}

/// A whole answer, with what it used.
package struct AIChatAnswer: Sendable, Equatable {
    package var text: String
    package var provider: String
    package var model: String
    package var usage: TokenUsage
    package var tokensEstimated: Bool
    package var costMicroUSD: Int
}

/// A chat request after redaction: what is sent, how to restore the answer, and the most it can cost.
struct PreparedChat: Sendable {
    var messages: [ChatMessage]
    var mapping: RedactionMapping
    var inputTokens: Int
    var maxTokens: Int
    var temperature: Double?
    var maxCost: Int

    func wire(model: String, stream: Bool) -> ChatCompletionRequest {
        ChatCompletionRequest(
            model: model, messages: messages, maxTokens: maxTokens, temperature: temperature, stream: stream)
    }
}
