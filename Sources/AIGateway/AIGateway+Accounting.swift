import Fluent
import Foundation
import OpenAICompat
import PIIRedaction
import ParleyCore

extension AIGateway {
    /// Redacts the messages and prices the call at its most: the input's token upper bound and `maxTokens` of
    /// output at the dearest provider that could serve it (a fallback may). The estimate is kept for metering
    /// when a provider reports no usage.
    func prepare(_ request: AIChatRequest) throws -> PreparedChat {
        guard canChat else { throw AIGatewayError.unavailable("no chat model is configured") }
        guard (1...32_768).contains(request.maxTokens) else {
            throw CoreError.invalidField(name: "max_tokens", reason: "must be 1 to 32768")
        }
        var redactor = Redactor(known: request.known)
        let messages = request.messages.map { ChatMessage(role: $0.role, content: redactor.redact($0.content)) }
        let input = TokenEstimate.tokens(in: messages)
        let inputBound = TokenEstimate.upperBound(in: messages)
        let maxCost =
            settings.providers.filter { $0.chatModel != nil }.map {
                Pricing.cost(tokens: inputBound, perMillion: $0.inputPricePerMillion)
                    + Pricing.cost(tokens: request.maxTokens, perMillion: $0.outputPricePerMillion)
            }.max() ?? 0
        return PreparedChat(
            messages: messages, mapping: redactor.mapping, inputTokens: input, maxTokens: request.maxTokens,
            temperature: request.temperature, maxCost: maxCost)
    }

    /// Holds `maxCost` against today's budgets; a refusal is metered (at zero cost) and thrown.
    func reserve(_ maxCost: Int, feature: AIFeature, context: TenantContext, db: any Database) async throws
        -> AIBudget.Reservation
    {
        do {
            return try await AIBudget.reserve(
                maxCost, operatorCap: settings.operatorDailyCapMicroUSD, leases: leases, context: context, db: db,
                now: clock.now())
        } catch let refusal as AIGatewayError {
            try await meter(CallRecord(feature: feature, outcome: .budgetExhausted), context: context, db: db)
            throw refusal
        }
    }

    /// Replaces the reservation with the real cost, meters the call, and mails the Owners when the day's spending
    /// first crosses 80% and 100% of the cap.
    func settle(_ reservation: AIBudget.Reservation, _ record: CallRecord, context: TenantContext, db: any Database)
        async throws
    {
        let crossed = try await AIBudget.settle(reservation, cost: record.cost, context: context, db: db)
        try await meter(record, context: context, db: db)
        for percent in crossed {
            do {
                try await notifier.notify(
                    percent: percent, cap: reservation.cap, context: context, db: db, now: clock.now())
            } catch {
                logger.error(
                    "could not mail the AI budget warning",
                    metadata: ["workspace": "\(context.workspaceID)", "error": "\(error)"])
            }
        }
    }

    /// Releases a failed call's reservation and meters the failure.
    func fail(
        _ reservation: AIBudget.Reservation, feature: AIFeature, started: ContinuousClock.Instant,
        context: TenantContext, db: any Database
    ) async throws {
        try await AIBudget.settle(reservation, cost: 0, context: context, db: db)
        var record = CallRecord(feature: feature, outcome: .failed)
        record.latencyMS = started.millisecondsAgo
        try await meter(record, context: context, db: db)
    }

    func meter(_ record: CallRecord, context: TenantContext, db: any Database) async throws {
        let row = record.row(now: clock.now())
        try await context.run(on: db) { tenant in try await tenant.create(row) }
    }
}

extension CallRecord {
    init(
        feature: AIFeature, provider: String, model: String, usage: TokenUsage, estimated: Bool,
        price: AISettings.Provider,
        started: ContinuousClock.Instant, outcome: AICall.Outcome
    ) {
        self.init(
            feature: feature, provider: provider, model: model, inputTokens: usage.promptTokens,
            outputTokens: usage.completionTokens,
            estimated: estimated,
            cost: Pricing.cost(tokens: usage.promptTokens, perMillion: price.inputPricePerMillion)
                + Pricing.cost(tokens: usage.completionTokens, perMillion: price.outputPricePerMillion),
            latencyMS: started.millisecondsAgo, outcome: outcome)
    }
}

extension ContinuousClock.Instant {
    var millisecondsAgo: Int {
        let elapsed = ContinuousClock.now - self
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}
