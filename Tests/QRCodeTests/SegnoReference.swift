import ParleyTestSupport
import QRCode

/// Symbols made by segno, an independent Python encoder, through `tools/qr_matrix.py`.
enum SegnoReference {
    /// Runs when python3 has segno, and always under `PARLEY_TEST_REQUIRE_ALL=1` (so a missing one fails).
    static var enabled: Bool { TestEnvironment.requireAll || TestEnvironment.pythonHas("segno") }

    struct Request {
        var bytes: [UInt8]
        var level: QRCode.ErrorCorrection
        /// `nil`: the smallest version that holds the bytes.
        var version: Int? = nil
        /// `nil`: segno's penalty evaluation chooses.
        var mask: Int? = nil
    }

    struct Symbol: Equatable {
        let version: Int
        let mask: Int
        /// One string of 0 (light) and 1 (dark) per row.
        let rows: [String]
    }

    /// One python3 run for all the requests, answers in the same order.
    static func symbols(_ requests: [Request]) async throws -> [Symbol] {
        let arguments = requests.flatMap { request in
            [
                request.version.map(String.init) ?? "auto", request.level.letter,
                request.mask.map(String.init) ?? "auto",
                request.bytes.map { String($0 >> 4, radix: 16) + String($0 & 15, radix: 16) }.joined(),
            ]
        }
        let result = try await ChildProcess.run(
            "/usr/bin/env", ["python3", TestEnvironment.toolsDirectory + "/qr_matrix.py"] + arguments)
        guard result.status == 0 else {
            throw Failure(message: "qr_matrix.py exited with \(result.status): \(result.stderr)")
        }
        let symbols = try result.stdout.split(separator: "\n\n").map { block in
            let lines = block.split(separator: "\n").map(String.init)
            let header = lines[0].split(separator: " ")
            guard header.count == 4, let version = Int(header[1]), let mask = Int(header[3]) else {
                throw Failure(message: "unexpected header \(lines[0])")
            }
            return Symbol(version: version, mask: mask, rows: Array(lines.dropFirst()))
        }
        guard symbols.count == requests.count else {
            throw Failure(message: "expected \(requests.count) symbols, got \(symbols.count)")
        }
        return symbols
    }

    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}

extension QRCode {
    /// The same shape as `SegnoReference.Symbol`, for comparison.
    var referenceSymbol: SegnoReference.Symbol {
        let rows = (0..<size).map { y in String((0..<size).map { isDark(x: $0, y: y) ? "1" : "0" }) }
        return SegnoReference.Symbol(version: version, mask: mask, rows: rows)
    }
}

extension QRCode.ErrorCorrection {
    var letter: String {
        switch self {
        case .low: "L"
        case .medium: "M"
        case .quartile: "Q"
        case .high: "H"
        }
    }
}
