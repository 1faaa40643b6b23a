import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
import VaporTesting

@Suite struct OpenAPITests {
    @Test func everyAPIRouteIsDescribedInAValidDocument() async throws {
        try await withTestApp { app async throws in
            var body = ""
            try await app.testing().test(.GET, "/api/openapi.json") { response async throws in
                #expect(response.status == .ok)
                #expect(response.headers.contentType == .json)
                body = response.body.string
            }
            let document = try JSONDecoder().decode(JSONValue.self, from: Data(body.utf8))
            #expect(document["openapi"] == "3.1.0")
            // Each later module extends the document: an /api route without a description fails here.
            for route in app.routes.all {
                let path =
                    "/"
                    + route.path.map { component -> String in
                        if case .parameter(let name) = component { return "{\(name)}" }
                        return component.description
                    }.joined(separator: "/")
                guard path.hasPrefix("/api/") else { continue }
                #expect(
                    app.openAPI.describes(route.method, path), "\(route.method) \(path) is not in the OpenAPI document")
            }
        }
    }

    /// An independent validator (PyPI openapi-spec-validator) agrees the document is OpenAPI 3.1; required in CI.
    @Test(.enabled(if: TestEnvironment.requireAll || TestEnvironment.pythonHas("openapi_spec_validator")))
    func theDocumentPassesAnIndependentValidator() async throws {
        try await withTestApp { app async throws in
            var body = ""
            try await app.testing().test(.GET, "/api/openapi.json") { response async throws in
                body = response.body.string
            }
            let file = try TestEnvironment.makeTemporaryDirectory() + "/openapi.json"
            try body.write(toFile: file, atomically: true, encoding: .utf8)
            let check = try await ChildProcess.run(
                "/usr/bin/env",
                [
                    "python3", "-c",
                    "import sys, json; from openapi_spec_validator import validate; validate(json.load(open(sys.argv[1]))); print('valid')",
                    file,
                ])
            #expect(check.status == 0, "\(check.stderr)")
            #expect(check.stdout.contains("valid"))
        }
    }
}
