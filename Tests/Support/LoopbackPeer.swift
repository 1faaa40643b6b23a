import Foundation

/// A helper server from `tools/` (a Python script) on 127.0.0.1: started with a stdin pipe, it prints
/// `READY <port>` and serves until that pipe closes.
package final class LoopbackPeer: @unchecked Sendable {
    package let port: Int
    private let process: Process
    private let stdin: Pipe
    /// Kept open for the peer's whole life: a pipe whose handles are released mid-test closes its descriptors
    /// then, and a number closed late can already belong to another test's pipe.
    private let out: Pipe

    /// Starts the peer and waits for its `READY` line on a thread of its own (see `ChildProcess.run`).
    package static func start(script: String, arguments: [String] = []) async throws -> LoopbackPeer {
        try await onOwnThread { try LoopbackPeer(script: script, arguments: arguments) }
    }

    private init(script: String, arguments: [String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestEnvironment.toolsDirectory + "/" + script] + arguments
        out = Pipe()
        stdin = Pipe()
        process.standardOutput = out
        process.standardInput = stdin
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("READY "), let port = Int(text.dropFirst(6)) else {
            process.terminate()
            throw PeerError(description: "\(script) did not start: '\(text)'")
        }
        self.port = port
    }

    package var baseURL: String { "http://127.0.0.1:\(port)" }

    package func stop() {
        try? stdin.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
        try? out.fileHandleForReading.close()
    }

    deinit { if process.isRunning { stop() } }
}

struct PeerError: Error, CustomStringConvertible { let description: String }
