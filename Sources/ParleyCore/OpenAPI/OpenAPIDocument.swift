import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The OpenAPI 3.1 description of `/api/…`, served at `/api/openapi.json`. Each module describes the operations
/// it registers (a test checks that every API route is described) and the schemas they use.
package final class OpenAPIDocument: Sendable {
    private struct Parts: Sendable {
        var paths: [String: [String: JSONValue]] = [:]
        var schemas: [String: JSONValue] = [:]
    }

    private let parts = NIOLockedValueBox(Parts())

    /// Describes `method path`; the path is written as routes are (`/api/v1/sessions/:id`).
    package func add(_ method: HTTPMethod, _ path: String, _ operation: JSONValue) {
        let templated = path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            .joined(separator: "/")
        parts.withLockedValue { $0.paths["/" + templated, default: [:]][method.rawValue.lowercased()] = operation }
    }

    package func addSchema(_ name: String, _ schema: JSONValue) {
        parts.withLockedValue { $0.schemas[name] = schema }
    }

    /// Whether `method path` is described (for the completeness test).
    package func describes(_ method: HTTPMethod, _ templatedPath: String) -> Bool {
        parts.withLockedValue { $0.paths[templatedPath]?[method.rawValue.lowercased()] != nil }
    }

    package func document(serverURL: String, version: String) -> JSONValue {
        let parts = parts.withLockedValue { $0 }
        var paths: [String: JSONValue] = [:]
        for (path, operations) in parts.paths { paths[path] = .object(operations) }
        var schemas = parts.schemas
        schemas["Error"] = OpenAPI.errorSchema
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Parley API", "version": .string(version),
                "description":
                    "Every error answers with the Error schema. Authenticated operations take `Authorization: Bearer ACCESS_TOKEN`, or the session cookies with `X-CSRF-Token` on unsafe methods.",
            ],
            "servers": [["url": .string(serverURL)]],
            "paths": .object(paths),
            "components": [
                "schemas": .object(schemas),
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer", "bearerFormat": "JWT"]],
            ],
        ]
    }
}

/// Shorthands for writing operations.
package enum OpenAPI {
    package static let errorSchema: JSONValue = [
        "type": "object", "required": ["error"],
        "properties": [
            "error": [
                "type": "object", "required": ["status", "code", "message", "request_id"],
                "properties": [
                    "status": ["type": "integer"], "code": ["type": "string"],
                    "message": ["type": "string"], "request_id": ["type": "string"],
                ],
            ]
        ],
    ]

    /// `{"$ref": "#/components/schemas/NAME"}`.
    package static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    /// An object schema: every listed property, `required` those named.
    package static func object(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        ["type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) })]
    }

    /// `schema` with at least one of `names` present (a change that must change something).
    package static func atLeastOne(of names: [String], _ schema: JSONValue) -> JSONValue {
        guard case .object(var fields) = schema else { return schema }
        fields["anyOf"] = .array(names.map { ["required": [.string($0)]] })
        return .object(fields)
    }

    /// One operation. `body` names a request schema; `responses` maps status codes to (description, schema name or nil).
    package static func operation(
        _ id: String, tag: String, summary: String, body: String? = nil, authenticated: Bool = false,
        responses: [Int: (String, String?)], parameters: [JSONValue] = []
    ) -> JSONValue {
        var answers: [String: JSONValue] = [:]
        for (status, (description, schema)) in responses {
            var response: [String: JSONValue] = ["description": .string(description)]
            if let schema { response["content"] = ["application/json": ["schema": ref(schema)]] }
            answers[String(status)] = .object(response)
        }
        answers["default"] = ["description": "An error", "content": ["application/json": ["schema": ref("Error")]]]
        var operation: [String: JSONValue] = [
            "operationId": .string(id), "tags": [.string(tag)], "summary": .string(summary),
            "responses": .object(answers),
        ]
        if let body {
            operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": ref(body)]]]
        }
        if authenticated { operation["security"] = [["bearer": []]] }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        return .object(operation)
    }

    /// A required UUID path parameter.
    package static func uuidPathParameter(_ name: String) -> JSONValue {
        ["name": .string(name), "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]
    }
}

extension Application {
    private struct OpenAPIKey: StorageKey { typealias Value = OpenAPIDocument }

    package var openAPI: OpenAPIDocument {
        if let document = storage[OpenAPIKey.self] { return document }
        let document = OpenAPIDocument()
        storage[OpenAPIKey.self] = document
        return document
    }
}
