import Crypto
import Foundation

/// The data folder (mode 0700) and the master key file (mode 0600) inside it, created on first run.
/// Parley refuses to start when either is readable by others: they hold the keys to every encrypted file.
package enum DataDirectory {
    package struct PermissionError: Error, CustomStringConvertible {
        package let description: String
    }

    /// Creates the folder and key when missing, checks their permissions, and returns the master key.
    package static func prepare(_ settings: Settings) throws -> MasterKey {
        let fm = FileManager.default
        let dir = settings.dataDirectory
        if !fm.fileExists(atPath: dir) {
            try fm.createDirectory(
                atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        try requireMode(of: dir, noLooserThan: 0o700, what: "data folder", fix: "chmod 700 \(dir)")
        if let base64 = settings.masterKeyBase64, let data = Data(base64Encoded: base64) {
            return MasterKey(SymmetricKey(data: data))
        }
        let keyPath = settings.masterKeyPath
        try createKeyFileIfMissing(keyPath)
        try requireMode(of: keyPath, noLooserThan: 0o600, what: "master key file", fix: "chmod 600 \(keyPath)")
        let text = try String(contentsOfFile: keyPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = Data(base64Encoded: text), data.count == 32 else {
            throw PermissionError(description: "The master key file \(keyPath) does not hold a 32-byte base64 key")
        }
        return MasterKey(SymmetricKey(data: data))
    }

    /// O_EXCL makes creation atomic: when two processes start on a fresh folder, one creates the key and
    /// the other reads that same key.
    private static func createKeyFileIfMissing(_ path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { return }
            throw PermissionError(
                description: "Cannot create the master key file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let text = Array((SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() } + "\n").utf8)
        guard text.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == text.count, fsync(fd) == 0 else {
            throw PermissionError(description: "Cannot write the master key file \(path)")
        }
    }

    private static func requireMode(of path: String, noLooserThan allowed: Int, what: String, fix: String) throws {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o777
        if mode & ~allowed & 0o777 != 0 {
            throw PermissionError(
                description:
                    "Refusing to start: the \(what) \(path) has mode \(String(mode, radix: 8)), looser than \(String(allowed, radix: 8)). Fix it with: \(fix)"
            )
        }
    }
}

/// The key that wraps every per-object data key. Never logged, never serialised.
package struct MasterKey: Sendable {
    package let key: SymmetricKey
    package init(_ key: SymmetricKey) { self.key = key }
}
