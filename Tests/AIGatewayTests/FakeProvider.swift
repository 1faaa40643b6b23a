import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import ParleyTestSupport
import Testing

/// The scripted OpenAI-compatible provider (`Tests/Support/tools/fake_openai.py`) on loopback.
final class FakeProvider: @unchecked Sendable {
    let peer: LoopbackPeer

    init(_ arguments: [String] = []) async throws {
        peer = try await LoopbackPeer.start(script: "fake_openai.py", arguments: arguments)
    }

    var baseURL: String { peer.baseURL + "/v1" }

    /// Queues behaviours for the next requests (see the script's usage).
    func script(_ behaviours: [[String: Any]]) async throws {
        _ = try await post("/_script", try JSONSerialization.data(withJSONObject: behaviours))
    }

    /// Every request body received so far.
    func requests() async throws -> [[String: Any]] {
        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: peer.baseURL + "/_requests"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 64 << 20)
        return try #require(try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [[String: Any]])
    }

    /// Every request body received so far, as one string (for "never sent" checks).
    func everythingReceived() async throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: try await requests()), as: UTF8.self)
    }

    func stop() { peer.stop() }

    private func post(_ path: String, _ body: Data) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: peer.baseURL + path)
        request.method = .POST
        request.body = .bytes(ByteBuffer(data: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 20)
        return response
    }
}

/// Settings for one provider `main` (and optionally `backup`) on fake providers.
func aiVariables(main: FakeProvider, backup: FakeProvider? = nil, extra: [String: String] = [:]) -> [String: String] {
    var variables = authVariables.merging([
        "PARLEY_AI_PROVIDERS": backup == nil ? "main" : "main,backup",
        "PARLEY_AI_MAIN_BASE_URL": main.baseURL, "PARLEY_AI_MAIN_CHAT_MODEL": "fake-chat",
        "PARLEY_AI_MAIN_EMBEDDING_MODEL": "fake-embed",
        "PARLEY_AI_MAIN_INPUT_USD_PER_MTOK": "1", "PARLEY_AI_MAIN_OUTPUT_USD_PER_MTOK": "2",
        // Leases go back with the last settlement, so a test sees nothing reserved once its calls are done.
        "PARLEY_AI_BUDGET_LEASE_IDLE_MS": "0",
    ]) { _, new in new }
    if let backup {
        variables.merge([
            "PARLEY_AI_BACKUP_BASE_URL": backup.baseURL, "PARLEY_AI_BACKUP_CHAT_MODEL": "backup-chat",
            "PARLEY_AI_BACKUP_INPUT_USD_PER_MTOK": "1", "PARLEY_AI_BACKUP_OUTPUT_USD_PER_MTOK": "2",
        ]) { _, new in new }
    }
    return variables.merging(extra) { _, new in new }
}
