import Vapor

/// Parley's release version, shown by `parley version` only (never in HTTP headers or pages).
package enum ParleyVersion {
    package static let current = "0.1.0"
}

struct VersionCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Print Parley's version." }

    func run(using context: CommandContext, signature: Signature) async throws {
        context.console.print("parley \(ParleyVersion.current)")
    }
}
