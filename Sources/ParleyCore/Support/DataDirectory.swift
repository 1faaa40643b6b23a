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
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        try requireMode(of: dir, noLooserThan: 0o700, what: "data folder", fix: "chmod 700 \(dir)")
        if let base64 = settings.masterKeyBase64, let data = Data(base64Encoded: base64) {
            return MasterKey(SymmetricKey(data: data))
        }
        let keyPath = settings.masterKeyPath
        if !fm.fileExists(atPath: keyPath) {
            let key = SymmetricKey(size: .bits256)
            let text = key.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
            guard fm.createFile(atPath: keyPath, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw PermissionError(description: "Cannot create the master key file \(keyPath)")
            }
        }
        try requireMode(of: keyPath, noLooserThan: 0o600, what: "master key file", fix: "chmod 600 \(keyPath)")
        let text = try String(contentsOfFile: keyPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = Data(base64Encoded: text), data.count == 32 else {
            throw PermissionError(description: "The master key file \(keyPath) does not hold a 32-byte base64 key")
        }
        return MasterKey(SymmetricKey(data: data))
    }

    private static func requireMode(of path: String, noLooserThan allowed: Int, what: String, fix: String) throws {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o777
        if mode & ~allowed & 0o777 != 0 {
            throw PermissionError(description:
                "Refusing to start: the \(what) \(path) has mode \(String(mode, radix: 8)), looser than \(String(allowed, radix: 8)). Fix it with: \(fix)")
        }
    }
}

/// The key that wraps every per-object data key. Never logged, never serialised.
package struct MasterKey: Sendable {
    package let key: SymmetricKey
    package init(_ key: SymmetricKey) { self.key = key }
}
