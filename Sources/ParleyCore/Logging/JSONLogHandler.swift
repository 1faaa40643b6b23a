import Foundation
import Logging

/// Writes each log record as one JSON object on one line to standard error.
/// A single `write(2)` per line keeps concurrent lines whole.
package struct JSONLogHandler: LogHandler {
    package var metadata: Logger.Metadata = [:]
    package var logLevel: Logger.Level
    private let label: String
    private let sink: @Sendable (String) -> Void

    package init(label: String, level: Logger.Level, sink: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError) {
        self.label = label
        self.logLevel = level
        self.sink = sink
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { _, new in new } }
        var line = "{\"ts\":\"\(Self.timestamp())\",\"level\":\"\(event.level.rawValue)\",\"msg\":" + JSONText.quote(event.message.description)
        line += ",\"logger\":" + JSONText.quote(label)
        for key in fields.keys.sorted() {
            line += "," + JSONText.quote(key) + ":" + JSONText.encode(fields[key]!)
        }
        sink(line + "}\n")
    }

    package static let standardError: @Sendable (String) -> Void = { line in
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }

    private static func timestamp() -> String {
        Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

/// Minimal JSON text encoding for log values.
enum JSONText {
    static func encode(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): quote(text)
        case .stringConvertible(let value):
            if let number = value as? any BinaryInteger { "\(number)" } else { quote(value.description) }
        case .array(let items): "[" + items.map(encode).joined(separator: ",") + "]"
        case .dictionary(let dict): "{" + dict.keys.sorted().map { quote($0) + ":" + encode(dict[$0]!) }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
