import Foundation

/// The body of a `POST /v1/embeddings` request.
///
/// ``jsonBody()`` produces `{"input":["first","second"],"model":"..."}`.
/// The input is always sent as an array, even for a single text, so that the
/// answer's `data[].index` values map one-to-one onto ``input``.
/// No `encoding_format` is sent: every supported server then answers with
/// plain float arrays, which is what ``OpenAIResponse/embeddings(from:)`` reads.
public struct EmbeddingRequest: Sendable, Equatable, Encodable {
    /// Model identifier as the provider knows it.
    public var model: String
    /// The texts to embed, in the order the vectors are returned.
    public var input: [String]

    /// Creates a request for several texts.
    public init(model: String, input: [String]) {
        self.model = model
        self.input = input
    }

    /// Creates a request for a single text.
    public init(model: String, text: String) {
        self.init(model: model, input: [text])
    }

    /// The UTF-8 JSON request body (keys sorted, slashes not escaped).
    public func jsonBody() throws -> Data {
        try OpenAIWire.makeEncoder().encode(self)
    }

    private enum CodingKeys: String, CodingKey {
        case model, input
    }

    /// Encodes `model` and `input`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(input, forKey: .input)
    }
}
