import Foundation

/// Decoders for the (non-streaming) answers of OpenAI-compatible servers.
///
/// All decoders ignore unknown fields and accept the variants sent by OpenAI,
/// vLLM, llama.cpp `llama-server`, Ollama and OpenRouter. Invalid JSON, wrong
/// types or missing required fields throw ``OpenAICompatError/malformed(_:)``;
/// a body carrying an `error` object throws
/// ``OpenAICompatError/providerError(_:)`` (some providers send those with
/// HTTP 200).
public enum OpenAIResponse {
    /// Provider error messages are cut to this many characters.
    public static let maxErrorMessageLength = 300

    /// Decodes a `chat.completion` body.
    ///
    /// Reads the choice with `index` 0 (or the first one):
    /// `message.content` (`null`/missing → `""`), `finish_reason`, plus the
    /// top-level `usage` (`prompt_tokens`/`completion_tokens`, `nil` when
    /// absent) and `model`.
    public static func chatCompletion(from data: Data) throws -> ChatCompletion {
        let body = try OpenAIWire.decode(OpenAIWire.CompletionBody.self, from: data)
        if let error = body.error {
            throw OpenAICompatError.providerError(error.message)
        }
        guard let choices = body.choices else {
            throw OpenAICompatError.malformed("missing key \"choices\" at top level")
        }
        guard let choice = choices.first(where: { ($0.index ?? 0) == 0 }) ?? choices.first else {
            throw OpenAICompatError.malformed("empty \"choices\" in chat completion")
        }
        return ChatCompletion(
            content: choice.message?.content ?? "",
            finishReason: choice.finishReason,
            usage: body.usage,
            model: body.model
        )
    }

    /// Decodes an embeddings body.
    ///
    /// Vectors are ordered by each item's `index` — not by array order, which
    /// some servers do not preserve. Items without `index` use their array
    /// position. Indices must be exactly `0..<data.count` (no gaps, no
    /// duplicates), otherwise the vectors could not be matched to the inputs
    /// and ``OpenAICompatError/malformed(_:)`` is thrown. `usage` carries
    /// `prompt_tokens` (and `completionTokens` 0), or is `nil` when absent.
    public static func embeddings(from data: Data) throws -> (vectors: [[Float]], usage: TokenUsage?) {
        let body = try OpenAIWire.decode(OpenAIWire.EmbeddingsBody.self, from: data)
        if let error = body.error {
            throw OpenAICompatError.providerError(error.message)
        }
        guard let items = body.data else {
            throw OpenAICompatError.malformed("missing key \"data\" at top level")
        }
        var slots = [[Float]?](repeating: nil, count: items.count)
        for (position, item) in items.enumerated() {
            let index = item.index ?? position
            guard slots.indices.contains(index), slots[index] == nil else {
                throw OpenAICompatError.malformed(
                    "embedding index \(index) at data[\(position)] is out of range or duplicated")
            }
            slots[index] = item.embedding
        }
        return (slots.compactMap { $0 }, body.usage)
    }

    /// Extracts a human-readable message from an error body, or `nil`.
    ///
    /// Understands `{"error": {"message": "..."}}` (OpenAI, vLLM, llama.cpp,
    /// OpenRouter), `{"error": "..."}` (Ollama) and, as fallbacks, a top-level
    /// string `message` or `detail`. The message is trimmed and capped at
    /// ``maxErrorMessageLength`` characters; blank messages give `nil`.
    public static func errorMessage(from data: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return nil
        }
        let candidates: [Any?] = [
            (object["error"] as? [String: Any])?["message"],
            object["error"],
            object["message"],
            object["detail"],
        ]
        for candidate in candidates {
            if let text = candidate as? String, let message = OpenAIWire.cleanedMessage(text) {
                return message
            }
        }
        return nil
    }
}
