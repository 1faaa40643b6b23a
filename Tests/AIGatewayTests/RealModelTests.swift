import Foundation
import OpenAICompat
import ParleyCore
import ParleyTestSupport
import Testing
@testable import AIGateway

let realModelURL = ProcessInfo.processInfo.environment["PARLEY_TEST_LLM_URL"].flatMap { $0.isEmpty ? nil : $0 }

/// The optional real-model lane: a small model served by llama.cpp's `llama-server` on loopback
/// (`PARLEY_TEST_LLM_URL=http://127.0.0.1:8081/v1`; see docs/AI.md). CI leaves it out: a CPU model on two cores
/// is too slow for every run.
@Suite(.enabled(if: realModelURL != nil, "set PARLEY_TEST_LLM_URL to run the real-model lane"))
struct RealModelTests {
    static let url = realModelURL

    @Test func aRealModelAnswersThroughTheGatewayWholeAndStreamed() async throws {
        let url = try #require(Self.url)
        guard let host = URL(string: url)?.host, ["127.0.0.1", "localhost", "::1"].contains(host) else {
            Issue.record("PARLEY_TEST_LLM_URL must point at this machine; tests never use the network")
            return
        }
        let variables = authVariables.merging([
            "PARLEY_AI_PROVIDERS": "local", "PARLEY_AI_LOCAL_BASE_URL": url,
            "PARLEY_AI_LOCAL_CHAT_MODEL": ProcessInfo.processInfo.environment["PARLEY_TEST_LLM_MODEL"] ?? "local",
            "PARLEY_AI_LOCAL_TIMEOUT_SECONDS": "300",
        ]) { _, new in new }
        try await withTestApp(.sqlite, variables: variables) { app async throws in
            let (_, context, gateway) = try await AIGatewayTests.setUp(app)
            let ask = AIChatRequest(
                messages: [.init(role: .user, content: "Reply with one short sentence about tea.")],
                feature: .assistant, maxTokens: 32)
            let answer = try await gateway.chat(ask, context: context, db: app.db)
            #expect(!answer.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
            #expect(answer.usage.completionTokens > 0)
            var streamed = ""
            for try await delta in try await gateway.streamChat(ask, context: context, db: app.db) { streamed += delta }
            #expect(!streamed.isEmpty)
            #expect(try await AIGatewayTests.calls(app, context).filter { $0.outcome == "ok" }.count == 2)
        }
    }
}
