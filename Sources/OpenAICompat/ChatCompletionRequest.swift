import Foundation

/// The body of a `POST /v1/chat/completions` request.
///
/// ``jsonBody()`` produces snake_case JSON understood by OpenAI, vLLM,
/// llama.cpp `llama-server`, Ollama and OpenRouter:
///
/// ```json
/// {"max_tokens":256,"messages":[{"content":"Hi","role":"user"}],
///  "model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},
///  "temperature":0.2}
/// ```
///
/// `temperature` is omitted when `nil`; `stream_options` is only sent when
/// `stream` is `true`, so that streamed answers end with a usage chunk.
public struct ChatCompletionRequest: Sendable, Equatable, Encodable {
    /// Model identifier as the provider knows it.
    public var model: String
    /// The conversation so far.
    public var messages: [ChatMessage]
    /// Upper bound on generated tokens (`max_tokens`).
    public var maxTokens: Int
    /// Sampling temperature; omitted from the body when `nil`.
    public var temperature: Double?
    /// Whether the answer is streamed as Server-Sent Events.
    public var stream: Bool

    /// Creates a request.
    public init(
        model: String,
        messages: [ChatMessage],
        maxTokens: Int,
        temperature: Double? = nil,
        stream: Bool = false
    ) {
        self.model = model
        self.messages = messages
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.stream = stream
    }

    /// The UTF-8 JSON request body (keys sorted, slashes not escaped).
    ///
    /// Throws an `EncodingError` only for a non-finite `temperature`.
    public func jsonBody() throws -> Data {
        try OpenAIWire.makeEncoder().encode(self)
    }

    private enum CodingKeys: String, CodingKey {
        case model, messages, temperature, stream
        case maxTokens = "max_tokens"
        case streamOptions = "stream_options"
    }

    private enum StreamOptionsKeys: String, CodingKey {
        case includeUsage = "include_usage"
    }

    /// Encodes the wire representation described on the type.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(messages, forKey: .messages)
        try container.encode(maxTokens, forKey: .maxTokens)
        try container.encodeIfPresent(temperature, forKey: .temperature)
        try container.encode(stream, forKey: .stream)
        if stream {
            var options = container.nestedContainer(keyedBy: StreamOptionsKeys.self, forKey: .streamOptions)
            try options.encode(true, forKey: .includeUsage)
        }
    }
}
