import Vapor

// The baseline for `scripts/bench http`: Vapor with its default middleware and one constant route.
var env = try Environment.detect()
let app = try await Application.make(env)
app.http.server.configuration.serverName = nil
app.get("bare") { _ in "ok" }
try await app.execute()
try await app.asyncShutdown()
