import Foundation

/// The AI providers, in fallback order, and the operator-wide daily cap.
package struct AISettings: Sendable {
    /// One OpenAI-compatible endpoint (OpenAI, OpenRouter, Nebius, vLLM, llama.cpp, Ollama…).
    package struct Provider: Sendable, Equatable {
        package var id: String
        /// The API base, e.g. `https://api.openai.com/v1`; `/chat/completions` and `/embeddings` are appended.
        package var baseURL: URL
        package var apiKey: String?
        package var chatModel: String?
        package var embeddingModel: String?
        /// Micro-USD per million input (prompt) tokens; embeddings are priced as input.
        package var inputPricePerMillion: Int
        /// Micro-USD per million output (completion) tokens.
        package var outputPricePerMillion: Int
        package var timeoutSeconds: Int
    }

    package var providers: [Provider]
    /// Micro-USD per UTC day across every workspace; nil means no operator cap.
    package var operatorDailyCapMicroUSD: Int?
    /// Retries on 429 and 5xx per provider before falling back to the next.
    package var maxRetries: Int
    /// Consecutive failures that open a provider's circuit, and how long it stays open.
    package var breakerThreshold: Int
    package var breakerCooldownSeconds: Int
    /// How long a process keeps an idle budget lease before giving the rest back; zero gives it back at once.
    package var budgetLeaseIdleMilliseconds: Int
}

extension SettingsLoader {
    static func aiSettings(_ r: inout SettingReader) -> AISettings {
        var providers: [AISettings.Provider] = []
        for id in r.list("PARLEY_AI_PROVIDERS") {
            guard id.range(of: #"^[a-z0-9_]{1,30}$"#, options: .regularExpression) != nil else {
                r.problem("PARLEY_AI_PROVIDERS: '\(id.prefix(40))' must be a short id of a-z, 0-9 and _")
                continue
            }
            let prefix = "PARLEY_AI_\(id.uppercased())_"
            guard let text = r.optional(prefix + "BASE_URL"),
                let url = URL(string: text.hasSuffix("/") ? String(text.dropLast()) : text),
                ["http", "https"].contains(url.scheme ?? ""), url.host != nil
            else {
                r.problem(
                    "\(prefix)BASE_URL must be the provider's http(s) API base, such as https://api.openai.com/v1")
                continue
            }
            let chat = r.optional(prefix + "CHAT_MODEL"), embedding = r.optional(prefix + "EMBEDDING_MODEL")
            if chat == nil && embedding == nil {
                r.problem("\(prefix)CHAT_MODEL or \(prefix)EMBEDDING_MODEL is required")
            }
            providers.append(
                .init(
                    id: id, baseURL: url, apiKey: r.secret(prefix + "API_KEY"), chatModel: chat,
                    embeddingModel: embedding,
                    inputPricePerMillion: usdPerMillion(&r, prefix + "INPUT_USD_PER_MTOK"),
                    outputPricePerMillion: usdPerMillion(&r, prefix + "OUTPUT_USD_PER_MTOK"),
                    timeoutSeconds: r.int(prefix + "TIMEOUT_SECONDS", default: 60, range: 1...600)))
        }
        let cap = r.optional("PARLEY_AI_OPERATOR_DAILY_CAP_USD").flatMap { text -> Int? in
            guard let micro = microUSD(text) else {
                r.problem("PARLEY_AI_OPERATOR_DAILY_CAP_USD must be an amount in USD, such as 50 or 12.5"); return nil
            }
            return micro
        }
        return AISettings(
            providers: providers, operatorDailyCapMicroUSD: cap,
            maxRetries: r.int("PARLEY_AI_MAX_RETRIES", default: 2, range: 0...10),
            breakerThreshold: r.int("PARLEY_AI_BREAKER_THRESHOLD", default: 5, range: 1...100),
            breakerCooldownSeconds: r.int("PARLEY_AI_BREAKER_COOLDOWN_SECONDS", default: 30, range: 1...3600),
            budgetLeaseIdleMilliseconds: r.int("PARLEY_AI_BUDGET_LEASE_IDLE_MS", default: 5000, range: 0...60_000))
    }

    private static func usdPerMillion(_ r: inout SettingReader, _ key: String) -> Int {
        guard let text = r.optional(key) else { return 0 }
        guard let micro = microUSD(text) else {
            r.problem("\(key) must be a price in USD per million tokens, such as 0.15"); return 0
        }
        return micro
    }

    /// "12.345678" USD as micro-USD; nil unless a non-negative decimal with at most 6 places.
    static func microUSD(_ text: String) -> Int? {
        guard text.range(of: #"^\d{1,9}(\.\d{1,6})?$"#, options: .regularExpression) != nil else { return nil }
        let parts = text.split(separator: ".")
        let whole = Int(parts[0])! * 1_000_000
        guard parts.count == 2 else { return whole }
        let fraction = String(parts[1]).padding(toLength: 6, withPad: "0", startingAt: 0)
        return whole + Int(fraction)!
    }
}
