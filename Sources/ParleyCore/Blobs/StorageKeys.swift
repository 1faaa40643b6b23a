import Crypto
import Foundation
import NIOConcurrencyHelpers

/// Where the storage master keys come from, read through one small cache.
///
/// - `PARLEY_STORAGE_KEYS` (`id:base64,id:base64`, the first is current): for deployments with several
///   processes, which must all hold the same keys.
/// - Otherwise the data folder's `storage-keys/` (see `StorageKeyFolder`), created on first run. Every process
///   notices a rotation there at its next use of the keys, without a restart.
package final class StorageKeys: Sendable {
    private enum Source: Sendable {
        case configured(StorageKeyring)
        case folder(String)
    }

    private let source: Source
    private let cache = NIOLockedValueBox<(stamp: [Int], ring: StorageKeyring)?>(nil)

    package init(configured ring: StorageKeyring) { source = .configured(ring) }

    package init(folder: String) { source = .folder(folder) }

    package var folder: String? {
        if case .folder(let path) = source { return path }
        return nil
    }

    /// The keys as they are now.
    package func keyring() throws -> StorageKeyring {
        switch source {
        case .configured(let ring):
            return ring
        case .folder(let path):
            let stamp = StorageKeyFolder.stamp(path)
            if let cached = cache.withLockedValue({ $0 }), cached.stamp == stamp { return cached.ring }
            let ring = try StorageKeyFolder.load(path)
            cache.withLockedValue { $0 = (stamp, ring) }
            return ring
        }
    }

    /// Parses `PARLEY_STORAGE_KEYS`; nil with a reason when malformed.
    package static func parse(_ text: String) -> Result<StorageKeyring, SettingsError> {
        var keys: [String: SymmetricKey] = [:]
        var order: [String] = []
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, StorageKeyring.isValidKeyID(parts[0]), let raw = Data(base64Encoded: parts[1]),
                raw.count == 32
            else {
                return .failure(
                    SettingsError(problems: [
                        "PARLEY_STORAGE_KEYS must be id:base64 pairs separated by commas (ids of a-z, 0-9 and -; 32-byte keys)"
                    ]))
            }
            guard keys[parts[0]] == nil else {
                return .failure(SettingsError(problems: ["PARLEY_STORAGE_KEYS names '\(parts[0])' twice"]))
            }
            keys[parts[0]] = SymmetricKey(data: raw)
            order.append(parts[0])
        }
        guard let current = order.first, let ring = try? StorageKeyring(currentID: current, keys: keys) else {
            return .failure(SettingsError(problems: ["PARLEY_STORAGE_KEYS holds no key"]))
        }
        return .success(ring)
    }
}
