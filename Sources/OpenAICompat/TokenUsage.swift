import Foundation

/// Token counts for one request, as reported by a provider (`usage`) or
/// estimated with ``TokenEstimate``.
///
/// Decodes from `{"prompt_tokens": 12, "completion_tokens": 34, ...}`;
/// a missing count (embeddings answers have no `completion_tokens`) or a
/// `null` count is read as `0`, extra fields (`total_tokens`,
/// `prompt_tokens_details`, …) are ignored, and a non-integer or negative
/// count is rejected.
public struct TokenUsage: Codable, Sendable, Equatable, Hashable {
    /// Tokens in the prompt (`prompt_tokens`).
    public var promptTokens: Int
    /// Tokens generated (`completion_tokens`).
    public var completionTokens: Int

    /// `promptTokens + completionTokens`.
    public var totalTokens: Int { promptTokens + completionTokens }

    /// Creates a usage record.
    public init(promptTokens: Int, completionTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }

    /// Sums two usage records, e.g. across retries.
    public static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        TokenUsage(
            promptTokens: lhs.promptTokens + rhs.promptTokens,
            completionTokens: lhs.completionTokens + rhs.completionTokens
        )
    }

    private enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case totalTokens = "total_tokens"
    }

    /// Decodes the snake_case wire form (see the type documentation).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        promptTokens = try Self.count(in: container, forKey: .promptTokens)
        completionTokens = try Self.count(in: container, forKey: .completionTokens)
    }

    /// Encodes the snake_case wire form, including `total_tokens`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(promptTokens, forKey: .promptTokens)
        try container.encode(completionTokens, forKey: .completionTokens)
        try container.encode(totalTokens, forKey: .totalTokens)
    }

    private static func count(
        in container: KeyedDecodingContainer<CodingKeys>,
        forKey key: CodingKeys
    ) throws -> Int {
        let value = try container.decodeIfPresent(Int.self, forKey: key) ?? 0
        guard value >= 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "negative token count")
        }
        return value
    }
}
