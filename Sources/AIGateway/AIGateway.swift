import AsyncHTTPClient
import Fluent
import Foundation
import OpenAICompat
import PIIRedaction
import ParleyCore
import Vapor

/// The one way Parley calls a model. Every call is redacted, budgeted (reserved before, settled after), sent
/// through the provider chain (retries, circuit breakers, fallbacks) and metered; the answer comes back with the
/// redacted values restored.
///
/// With no provider configured, `isAvailable` is false and every call throws `AIGatewayError.unavailable`:
/// callers then use their deterministic fallback.
package struct AIGateway: Sendable {
    let settings: AISettings
    let chain: ProviderChain
    let clock: AppClock
    let logger: Logger
    let notifier: BudgetNotifier
    /// This process's slices of the day's budgets.
    let leases: BudgetLeases

    init(settings: AISettings, chain: ProviderChain, clock: AppClock, logger: Logger, notifier: BudgetNotifier) {
        self.settings = settings
        self.chain = chain
        self.clock = clock
        self.logger = logger
        self.notifier = notifier
        leases = BudgetLeases(idleGrace: .milliseconds(settings.budgetLeaseIdleMilliseconds))
    }

    package var isAvailable: Bool { !settings.providers.isEmpty }
    package var canChat: Bool { settings.providers.contains { $0.chatModel != nil } }
    package var canEmbed: Bool { settings.providers.contains { $0.embeddingModel != nil } }

    // MARK: Chat

    /// A whole answer.
    package func chat(_ request: AIChatRequest, context: TenantContext, db: any Database) async throws -> AIChatAnswer {
        let prepared = try prepare(request)
        let reservation = try await reserve(prepared.maxCost, feature: request.feature, context: context, db: db)
        let started = ContinuousClock.now
        do {
            let (completion, provider) = try await chain.run(where: { $0.chatModel != nil }) { client in
                try await client.complete(
                    prepared.wire(model: client.provider.chatModel!, stream: false), now: clock.now())
            }
            let usage =
                completion.usage
                ?? TokenUsage(
                    promptTokens: prepared.inputTokens, completionTokens: TokenEstimate.tokens(in: completion.content))
            let record = CallRecord(
                feature: request.feature, provider: provider.id, model: provider.chatModel!, usage: usage,
                estimated: completion.usage == nil, price: provider, started: started, outcome: .ok)
            try await settle(reservation, record, context: context, db: db)
            return AIChatAnswer(
                text: prepared.mapping.restore(completion.content), provider: provider.id, model: provider.chatModel!,
                usage: usage, tokensEstimated: completion.usage == nil, costMicroUSD: record.cost)
        } catch {
            try await fail(reservation, feature: request.feature, started: started, context: context, db: db)
            throw error
        }
    }

    /// A streamed answer: text deltas, redacted values restored as soon as a whole placeholder has arrived. The
    /// call is settled when the stream ends (with estimated tokens if the provider reported none), breaks, or is
    /// dropped unread (see `GatewayStream`).
    package func streamChat(_ request: AIChatRequest, context: TenantContext, db: any Database) async throws
        -> AsyncThrowingStream<String, any Error>
    {
        let prepared = try prepare(request)
        let reservation = try await reserve(prepared.maxCost, feature: request.feature, context: context, db: db)
        let started = ContinuousClock.now
        let opened: (value: AsyncThrowingStream<ChatStreamEvent, any Error>, provider: AISettings.Provider)
        do {
            opened = try await chain.run(where: { $0.chatModel != nil }) { client in
                try await client.stream(
                    prepared.wire(model: client.provider.chatModel!, stream: true), now: clock.now())
            }
        } catch {
            try await fail(reservation, feature: request.feature, started: started, context: context, db: db)
            throw error
        }
        let gateway = self
        let provider = opened.provider
        return GatewayStream(
            upstream: opened.value, mapping: prepared.mapping, providerID: provider.id,
            inputTokens: prepared.inputTokens
        ) { usage, estimated, outcome in
            let record = CallRecord(
                feature: request.feature, provider: provider.id, model: provider.chatModel!, usage: usage,
                estimated: estimated,
                price: provider, started: started, outcome: outcome)
            try await gateway.settle(reservation, record, context: context, db: db)
        }.text
    }

    // MARK: Embeddings

    /// Vectors for `texts`, in order, sent in batches; each batch is budgeted and metered as `embedding`.
    package func embed(
        _ texts: [String], known: [KnownValue] = [], context: TenantContext, db: any Database, batchSize: Int = 64
    ) async throws -> [[Float]] {
        guard canEmbed else { throw AIGatewayError.unavailable("no embedding model is configured") }
        var vectors: [[Float]] = []
        for start in stride(from: 0, to: texts.count, by: batchSize) {
            var redactor = Redactor(known: known)
            let batch = texts[start..<min(start + batchSize, texts.count)].map { redactor.redact($0) }
            let tokens = batch.reduce(0) { $0 + TokenEstimate.tokens(in: $1) }
            let maxCost =
                settings.providers.filter { $0.embeddingModel != nil }.map {
                    Pricing.cost(tokens: tokens * 2, perMillion: $0.inputPricePerMillion)
                }.max() ?? 0
            let reservation = try await reserve(maxCost, feature: .embedding, context: context, db: db)
            let started = ContinuousClock.now
            do {
                let (answer, provider) = try await chain.run(where: { $0.embeddingModel != nil }) { client in
                    try await client.embed(
                        EmbeddingRequest(model: client.provider.embeddingModel!, input: batch), now: clock.now())
                }
                let usage = TokenUsage(promptTokens: answer.usage?.promptTokens ?? tokens, completionTokens: 0)
                let record = CallRecord(
                    feature: .embedding, provider: provider.id, model: provider.embeddingModel!, usage: usage,
                    estimated: answer.usage == nil, price: provider, started: started, outcome: .ok)
                try await settle(reservation, record, context: context, db: db)
                vectors += answer.vectors
            } catch {
                try await fail(reservation, feature: .embedding, started: started, context: context, db: db)
                throw error
            }
        }
        return vectors
    }
}
