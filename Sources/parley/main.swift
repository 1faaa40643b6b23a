import App
import Logging
import ParleyCore
import Vapor

// Parley's entry point: JSON logging, settings (every problem listed at once), the app, one command.
let settings: Settings
do {
    settings = try SettingsLoader.fromProcess()
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(78)  // EX_CONFIG
}

let level = Logger.Level(rawValue: settings.logLevel) ?? .info
LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }

var environment = Environment(name: settings.environment.rawValue, arguments: CommandLine.arguments)
let app = try await Application.make(environment)
do {
    try await configure(app, settings: settings)
    try await app.execute()
    try await app.asyncShutdown()
} catch {
    app.logger.report(error: error)
    FileHandle.standardError.write(Data("parley: \(error)\n".utf8))
    try? await app.asyncShutdown()
    exit(1)
}
