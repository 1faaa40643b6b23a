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
        process.arguments = ["python3", "-c", Self.prelude, TestEnvironment.toolsDirectory + "/" + script] + arguments
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

    /// Runs the script with every signal unblocked: a child inherits the signal mask of the thread that spawned it,
    /// and the threads of Swift concurrency block them all.
    private static let prelude = """
        import runpy, signal, sys
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
        sys.argv = sys.argv[1:]
        runpy.run_path(sys.argv[0], run_name="__main__")
        """

    package var baseURL: String { "http://127.0.0.1:\(port)" }
    package var processIdentifier: Int32 { process.processIdentifier }

    /// Ends the peer with SIGKILL, which nothing can block or ignore, and returns without waiting: Foundation reaps
    /// the child once every copy of its descriptors is closed, and a copy can sit in another test's child, spawned
    /// at the same moment, until that one ends. Waiting here would hold one of the few threads all tests share.
    package func stop() {
        guard !stopped else { return }
        stopped = true
        try? stdin.fileHandleForWriting.close()
        // Once reaped, the number can belong to another process.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? out.fileHandleForReading.close()
    }
    private var stopped = false

    deinit { stop() }
}

struct PeerError: Error, CustomStringConvertible { let description: String }
