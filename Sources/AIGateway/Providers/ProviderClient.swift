import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import OpenAICompat
import ParleyCore

/// Requests to one OpenAI-compatible provider: a chat completion (whole or streamed) and embeddings.
/// Failures come out as `ProviderFailure`, so the chain can decide to retry or fall back.
struct ProviderClient: Sendable {
    let provider: AISettings.Provider
    let http: HTTPClient
    /// The largest non-streamed answer read.
    static let maxAnswerBytes = 8 << 20

    func complete(_ request: ChatCompletionRequest, now: Date) async throws -> ChatCompletion {
        let body = try await send("chat/completions", try request.jsonBody(), now: now)
        do {
            return try OpenAIResponse.chatCompletion(from: body)
        } catch {
            throw ProviderFailure(kind: .malformed, detail: "\(error)")
        }
    }

    func embed(_ request: EmbeddingRequest, now: Date) async throws -> (vectors: [[Float]], usage: TokenUsage?) {
        let body = try await send("embeddings", try request.jsonBody(), now: now)
        do {
            let answer = try OpenAIResponse.embeddings(from: body)
            guard answer.vectors.count == request.input.count else {
                throw OpenAICompatError.malformed("\(answer.vectors.count) vectors for \(request.input.count) inputs")
            }
            return answer
        } catch {
            throw ProviderFailure(kind: .malformed, detail: "\(error)")
        }
    }

    /// Opens a streamed completion: throws before any token when the provider refuses (so it can be retried),
    /// then yields the stream's events as they are parsed.
    func stream(_ request: ChatCompletionRequest, now: Date) async throws -> AsyncThrowingStream<
        ChatStreamEvent, any Error
    > {
        let response = try await execute("chat/completions", try request.jsonBody())
        guard response.status == .ok else { throw await failure(response, now: now) }
        let reader = StreamReader(response.body.makeAsyncIterator())
        return AsyncThrowingStream(unfolding: { try await reader.next() })
    }

    // MARK: Transport

    private func send(_ path: String, _ body: Data, now: Date) async throws -> Data {
        let response = try await execute(path, body)
        guard response.status == .ok else { throw await failure(response, now: now) }
        do {
            return Data(buffer: try await response.body.collect(upTo: Self.maxAnswerBytes))
        } catch {
            throw ProviderFailure(kind: .transport, detail: "reading the answer: \(error)")
        }
    }

    private func execute(_ path: String, _ body: Data) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: provider.baseURL.absoluteString + "/" + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json, text/event-stream")
        if let key = provider.apiKey { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        request.body = .bytes(ByteBuffer(data: body))
        do {
            return try await http.execute(request, timeout: .seconds(Int64(provider.timeoutSeconds)))
        } catch {
            throw ProviderFailure(kind: .transport, detail: String(describing: error).prefix(200).description)
        }
    }

    private func failure(_ response: HTTPClientResponse, now: Date) async -> ProviderFailure {
        let body = (try? await response.body.collect(upTo: 64 * 1024)).map { Data(buffer: $0) } ?? Data()
        return ProviderFailure(
            kind: .status(Int(response.status.code)), detail: OpenAIResponse.errorMessage(from: body) ?? "",
            retryAfter: ProviderFailure.retryAfter(response.headers, now: now))
    }

    /// Reads a streamed body into chat events; only the stream's own (serial) unfolding calls it.
    private final class StreamReader: @unchecked Sendable {
        private var body: HTTPClientResponse.Body.AsyncIterator
        private var parser = ServerSentEventParser()
        private var decoder = ChatStreamDecoder()
        private var pending: [ChatStreamEvent] = []
        private var done = false

        init(_ body: HTTPClientResponse.Body.AsyncIterator) { self.body = body }

        func next() async throws -> ChatStreamEvent? {
            while pending.isEmpty {
                if done { return nil }
                let chunk: ByteBuffer?
                do { chunk = try await body.next() } catch {
                    throw ProviderFailure(kind: .brokenStream, detail: "\(error)")
                }
                guard let chunk else {
                    let tail = parser.finish()
                    try decode(tail)
                    guard done else {
                        throw ProviderFailure(kind: .brokenStream, detail: "the stream ended without [DONE]")
                    }
                    break
                }
                try decode(try parser.feed(chunk.readableBytesView))
            }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        private func decode(_ events: [ServerSentEvent]) throws {
            for event in events {
                for decoded in try decoder.decode(event) {
                    if decoded == .done { done = true } else { pending.append(decoded) }
                }
            }
        }
    }
}
