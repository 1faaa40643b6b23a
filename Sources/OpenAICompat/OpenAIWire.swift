import Foundation

/// Internal wire shapes of OpenAI-compatible answers and the JSON plumbing
/// shared by the public decoders.
///
/// Every shape tolerates unknown extra fields; optional members tolerate both
/// a missing key and `null`. Wrong types still fail and are reported as
/// ``OpenAICompatError/malformed(_:)``.
enum OpenAIWire {
    /// A chat completion body or a streamed chunk of one.
    struct CompletionBody: Decodable {
        let model: String?
        let choices: [Choice]?
        let usage: TokenUsage?
        let error: ProviderError?
    }

    /// One entry of `choices`.
    struct Choice: Decodable {
        let index: Int?
        let message: Message?
        let delta: Message?
        let finishReason: String?

        private enum CodingKeys: String, CodingKey {
            case index, message, delta
            case finishReason = "finish_reason"
        }
    }

    /// `message` (non-streaming) or `delta` (streaming); only the text matters.
    struct Message: Decodable {
        let content: String?
    }

    /// An embeddings answer.
    struct EmbeddingsBody: Decodable {
        let data: [EmbeddingItem]?
        let usage: TokenUsage?
        let error: ProviderError?
    }

    /// One entry of an embeddings answer's `data`.
    struct EmbeddingItem: Decodable {
        let index: Int?
        let embedding: [Float]
    }

    /// `{"error": "text"}` or `{"error": {"message": "text", ...}}`.
    struct ProviderError: Decodable {
        static let fallback = "unknown provider error"
        let message: String

        private enum CodingKeys: String, CodingKey {
            case message
        }

        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                message = OpenAIWire.cleanedMessage(text) ?? Self.fallback
            } else if let container = try? decoder.container(keyedBy: CodingKeys.self),
                let text = try? container.decodeIfPresent(String.self, forKey: .message)
            {
                message = OpenAIWire.cleanedMessage(text) ?? Self.fallback
            } else {
                message = Self.fallback
            }
        }
    }

    /// Trims a provider message, caps it, and maps blank messages to `nil`.
    static func cleanedMessage(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        return String(trimmed.prefix(OpenAIResponse.maxErrorMessageLength))
    }

    /// The encoder used for every request body.
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Decodes `T`, mapping every failure to ``OpenAICompatError/malformed(_:)``.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw OpenAICompatError.malformed(describe(error))
        } catch let error as OpenAICompatError {
            throw error
        } catch {
            throw OpenAICompatError.malformed("invalid JSON")
        }
    }

    /// A short, payload-free description of a decoding failure.
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, let context):
            return "expected \(type) at \(path(context.codingPath))"
        case .valueNotFound(let type, let context):
            return "missing \(type) value at \(path(context.codingPath))"
        case .keyNotFound(let key, let context):
            return "missing key \"\(key.stringValue)\" at \(path(context.codingPath))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "invalid JSON" : "invalid value at \(path(context.codingPath))"
        @unknown default:
            return "undecodable JSON"
        }
    }

    /// Renders a coding path as `choices[0].message.content`.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var result = ""
        for key in codingPath {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                if !result.isEmpty { result += "." }
                result += key.stringValue
            }
        }
        return result.isEmpty ? "top level" : result
    }
}
