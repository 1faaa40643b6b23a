import ParleyCore
import Vapor

/// The OpenAPI description of the AI endpoints.
enum AIOpenAPI {
    static func describe(_ document: OpenAPIDocument) {
        let number: JSONValue = ["type": "number"], integer: JSONValue = ["type": "integer"],
            string: JSONValue = ["type": "string"]
        document.addSchema(
            "AIUsage",
            OpenAPI.object(
                [
                    "since": string,
                    "usage": [
                        "type": "array",
                        "items": OpenAPI.object(
                            [
                                "day": string,
                                "feature": [
                                    "type": "string", "enum": .array(AIFeature.allCases.map { .string($0.rawValue) }),
                                ], "calls": integer,
                                "failed": integer, "input_tokens": integer, "output_tokens": integer,
                                "cost_usd": number,
                            ],
                            required: [
                                "day", "feature", "calls", "failed", "input_tokens", "output_tokens", "cost_usd",
                            ]),
                    ],
                ], required: ["since", "usage"]))
        document.addSchema(
            "AIBudget",
            OpenAPI.object(
                [
                    "available": ["type": "boolean"], "plan_daily_cap_usd": number, "daily_cap_usd": number,
                    "owner_daily_cap_usd": ["type": ["number", "null"]],
                    "spent_today_usd": number, "reserved_today_usd": number,
                ],
                required: ["available", "plan_daily_cap_usd", "daily_cap_usd", "spent_today_usd", "reserved_today_usd"])
        )
        document.addSchema(
            "SetAIBudget",
            OpenAPI.object(["daily_cap_usd": ["type": ["number", "null"], "minimum": 0]], required: ["daily_cap_usd"]))
        let days: JSONValue = [
            "name": "days", "in": "query", "required": false,
            "schema": ["type": "integer", "minimum": 1, "maximum": 366],
            "description": "How many days back, today included (30).",
        ]
        document.add(
            .GET, "/api/v1/ai/usage",
            OpenAPI.operation(
                "getAIUsage", tag: "ai", summary: "AI usage by day and feature (Admin).",
                authenticated: true, responses: [200: ("Usage", "AIUsage")], parameters: [days]))
        document.add(
            .GET, "/api/v1/ai/budget",
            OpenAPI.operation(
                "getAIBudget", tag: "ai", summary: "Today's AI budget and spending (Admin).",
                authenticated: true, responses: [200: ("Budget", "AIBudget")]))
        document.add(
            .PUT, "/api/v1/ai/budget",
            OpenAPI.operation(
                "setAIBudget", tag: "ai",
                summary: "Lower the daily AI budget below the plan's, or null to return to it (Owner).",
                body: "SetAIBudget", authenticated: true, responses: [200: ("Budget", "AIBudget")]))
    }
}
