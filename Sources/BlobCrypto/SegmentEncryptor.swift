import Crypto
import Foundation

/// Encrypts a stream: feed plaintext in chunks of any size, then `finish()`. Each call returns the ciphertext
/// bytes that are ready (whole sealed segments), so a caller can write them straight to storage.
public struct SegmentEncryptor {
    private let key: SymmetricKey
    private let noncePrefix: [UInt8]
    private let associatedData: Data
    private let segmentSize: Int
    private var pending = Data()
    private var index: UInt64 = 0
    private var finished = false

    /// `key` must be 32 bytes and `noncePrefix` 7 random bytes, both unique to the object.
    public init(key: SymmetricKey, noncePrefix: [UInt8], associatedData: Data, segmentSize: Int = SegmentedAEAD.defaultSegmentSize) throws {
        guard key.bitCount == 256 else { throw SegmentedAEADError.invalidParameters("the data key must be 256 bits") }
        guard noncePrefix.count == SegmentedAEAD.noncePrefixSize else { throw SegmentedAEADError.invalidParameters("the nonce prefix must be 7 bytes") }
        guard segmentSize > 0 else { throw SegmentedAEADError.invalidParameters("segments must hold at least one byte") }
        self.key = key
        self.noncePrefix = noncePrefix
        self.associatedData = associatedData
        self.segmentSize = segmentSize
    }

    /// The sealed size of `plaintextSize` bytes.
    public static func sealedSize(of plaintextSize: Int, segmentSize: Int = SegmentedAEAD.defaultSegmentSize) -> Int {
        let segments = max(1, (plaintextSize + segmentSize - 1) / segmentSize)
        return plaintextSize + segments * SegmentedAEAD.tagSize
    }

    /// Takes more plaintext; returns the segments it completed. A full segment is held back until more input
    /// shows it is not the last.
    public mutating func update(_ plaintext: Data) throws -> Data {
        precondition(!finished, "update after finish")
        pending.append(plaintext)
        var out = Data()
        while pending.count > segmentSize {
            out.append(try seal(pending.prefix(segmentSize), last: false))
            pending = Data(pending.dropFirst(segmentSize))
        }
        return out
    }

    /// Seals what is left as the final segment (possibly empty).
    public mutating func finish() throws -> Data {
        precondition(!finished, "finish twice")
        finished = true
        let last = try seal(pending, last: true)
        pending = Data()
        return last
    }

    private mutating func seal(_ plaintext: Data, last: Bool) throws -> Data {
        guard index < SegmentedAEAD.maxSegments else { throw SegmentedAEADError.tooManySegments }
        let nonce = try SegmentedAEAD.nonce(prefix: noncePrefix, index: UInt32(index), last: last)
        let box = try AES.GCM.seal(plaintext, using: key, nonce: nonce, authenticating: associatedData)
        index += 1
        return box.ciphertext + box.tag
    }
}
