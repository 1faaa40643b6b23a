import Crypto
import Foundation

/// The storage master keys kept in the data folder (mode 0700):
///
///     storage-keys/<id>.key       a 32-byte key in base64 (0600); every key here can unwrap
///     storage-keys/current        the id of the key that wraps new data keys
///     storage-keys/rotating       present while a rotation runs: the id being rotated to
///     storage-keys/retired/<id>.key  keys no file needs any more, kept readable until the operator deletes them
///
/// Files are written to a temporary name and renamed, so a crash never leaves a half-written key or pointer.
package enum StorageKeyFolder {
    /// Creates the folder and a first key when there is none.
    package static func prepare(_ path: String, now: Date) throws {
        try makeFolder(path)
        try makeFolder(path + "/retired")
        guard !FileManager.default.fileExists(atPath: path + "/current") else { return }
        let id = StorageKeyring.newKeyID(now: now)
        try writeKey(id, in: path)
        try writeAtomically(Data((id + "\n").utf8), to: path + "/current")
    }

    /// Every key in the folder (retired ones included), with `current` as the wrapping key.
    package static func load(_ path: String) throws -> StorageKeyring {
        let current = try read(path + "/current")
        var keys: [String: SymmetricKey] = [:]
        for folder in [path + "/retired", path] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names where name.hasSuffix(".key") {
                let id = String(name.dropLast(4))
                guard StorageKeyring.isValidKeyID(id) else { continue }
                guard let raw = Data(base64Encoded: try read(folder + "/" + name)), raw.count == 32 else {
                    throw BlobStoreError.corrupt(
                        "the storage key file \(folder)/\(name) does not hold a 32-byte base64 key")
                }
                keys[id] = SymmetricKey(data: raw)
            }
        }
        return try StorageKeyring(currentID: current, keys: keys)
    }

    /// Starts a rotation, or resumes the one an interrupted run began: returns the id being rotated to, which is
    /// current from then on.
    package static func beginRotation(_ path: String, now: Date) throws -> String {
        if let target = try? read(path + "/rotating") { return target }
        let id = StorageKeyring.newKeyID(now: now)
        try writeKey(id, in: path)
        try writeAtomically(Data((id + "\n").utf8), to: path + "/rotating")
        try writeAtomically(Data((id + "\n").utf8), to: path + "/current")
        return id
    }

    /// Ends a rotation once no file needs the older keys: they move to `retired/`. Returns the retired ids.
    package static func finishRotation(_ path: String) throws -> [String] {
        let current = try read(path + "/current")
        var retired: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: path)
        where name.hasSuffix(".key") && name != current + ".key" {
            try FileManager.default.moveItem(atPath: path + "/" + name, toPath: path + "/retired/" + name)
            retired.append(String(name.dropLast(4)))
        }
        try? FileManager.default.removeItem(atPath: path + "/rotating")
        return retired.sorted()
    }

    /// The id a rotation in progress moves to, if one is.
    package static func rotationTarget(_ path: String) -> String? { try? read(path + "/rotating") }

    /// Changes whenever a key or pointer is added, renamed or retired: the folders' modification times, and the
    /// inode of `current` (each switch renames a new file over it, even within one clock tick).
    static func stamp(_ path: String) -> [Int] {
        [path, path + "/retired", path + "/current"].flatMap { entry -> [Int] in
            var info = stat()
            guard stat(entry, &info) == 0 else { return [0, 0, 0] }
            return [Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_ino)]
        }
    }

    private static func writeKey(_ id: String, in path: String) throws {
        let key = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
        try writeAtomically(Data((key + "\n").utf8), to: "\(path)/\(id).key")
    }

    private static func writeAtomically(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp-" + BlobKey.random().value
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600])
        else {
            throw BlobStoreError.backend("cannot write \(path)")
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw BlobStoreError.backend("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    private static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func makeFolder(_ path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
    }
}
