import Crypto
import Foundation

/// The master keys that wrap per-object data keys: one current key, which wraps every new data key, and any
/// older keys still needed to unwrap data keys that `parley keys rotate-master` has not re-wrapped yet.
///
/// A data key is wrapped with AES-256-GCM under the master key, with the key id and the object's context as
/// associated data, so a wrapped key copied to another object or relabelled with another key id does not open.
package struct StorageKeyring: Sendable {
    package let currentID: String
    private let keys: [String: SymmetricKey]

    package init(currentID: String, keys: [String: SymmetricKey]) throws {
        guard keys[currentID] != nil else { throw BlobStoreError.keyUnavailable(keyID: currentID) }
        self.currentID = currentID
        self.keys = keys
    }

    package var keyIDs: [String] { keys.keys.sorted() }

    package func contains(_ id: String) -> Bool { keys[id] != nil }

    /// Wraps `dataKey` under the current master key.
    package func wrap(_ dataKey: SymmetricKey, context: String) throws -> WrappedDataKey {
        let sealed = try AES.GCM.seal(
            dataKey.withUnsafeBytes { Data($0) }, using: keys[currentID]!,
            authenticating: Self.associatedData(currentID, context))
        guard let combined = sealed.combined else { throw BlobStoreError.corrupt("cannot wrap a data key") }
        return WrappedDataKey(keyID: currentID, sealed: combined.base64EncodedString())
    }

    /// Opens a wrapped data key; fails when its master key is not in the ring or the wrapping was altered.
    package func unwrap(_ wrapped: WrappedDataKey, context: String) throws -> SymmetricKey {
        guard let master = keys[wrapped.keyID] else { throw BlobStoreError.keyUnavailable(keyID: wrapped.keyID) }
        guard let combined = Data(base64Encoded: wrapped.sealed),
            let box = try? AES.GCM.SealedBox(combined: combined),
            let raw = try? AES.GCM.open(
                box, using: master, authenticating: Self.associatedData(wrapped.keyID, context)),
            raw.count == 32
        else {
            throw BlobStoreError.corrupt("the data key of \(context) does not open under master key '\(wrapped.keyID)'")
        }
        return SymmetricKey(data: raw)
    }

    /// Re-wraps under the current key without touching the object's content.
    package func rewrap(_ wrapped: WrappedDataKey, context: String) throws -> WrappedDataKey {
        try wrap(try unwrap(wrapped, context: context), context: context)
    }

    private static func associatedData(_ keyID: String, _ context: String) -> Data {
        Data("parley/data-key/v1|\(keyID)|\(context)".utf8)
    }

    /// Key ids are short and plain, because they are stored with every file and shown by `parley keys`.
    package static func isValidKeyID(_ id: String) -> Bool {
        (1...40).contains(id.utf8.count)
            && id.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }
    }

    /// A fresh id such as `sk-20261122-a1b2c3`.
    package static func newKeyID(now: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd"
        return
            "sk-\(formatter.string(from: now))-\(SymmetricKey(size: .bits128).withUnsafeBytes { Array($0.prefix(3)) }.hexString)"
    }
}

/// A data key as stored beside its file: the id of the master key that wraps it, and the sealed bytes (base64).
package struct WrappedDataKey: Sendable, Equatable {
    package var keyID: String
    package var sealed: String

    package init(keyID: String, sealed: String) {
        self.keyID = keyID
        self.sealed = sealed
    }
}
