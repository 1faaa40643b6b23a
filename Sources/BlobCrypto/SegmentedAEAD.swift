import Crypto
import Foundation

/// Streaming authenticated encryption of large objects, one segment at a time (the "STREAM" construction used by
/// Tink and age), with AES-256-GCM.
///
/// Each object has its own random 32-byte data key and a random 7-byte nonce prefix. Segment `i` is sealed with
/// the nonce `prefix ‖ i (4 bytes, big-endian) ‖ last (1 byte: 1 for the final segment, else 0)` and the object's
/// associated data, so:
/// - reordering segments changes their counters and fails;
/// - dropping the tail leaves no segment marked last and fails;
/// - moving a segment between objects fails (other key, other prefix);
/// - presenting one whole object as another fails, because the associated data names the object.
///
/// Every segment but the last holds exactly `segmentSize` bytes of plaintext; the last holds 0 to `segmentSize`.
/// Memory stays at one segment whatever the object's size.
public enum SegmentedAEAD {
    public static let noncePrefixSize = 7
    public static let tagSize = 16
    /// 64 KiB of plaintext a segment.
    public static let defaultSegmentSize = 64 * 1024
    /// 2^32 segments of 64 KiB: 256 TiB, far beyond any upload limit.
    static let maxSegments = UInt64(UInt32.max)

    /// What both directions share: the object's key, nonce prefix and associated data, and the segment size,
    /// checked once.
    struct Parameters {
        let key: SymmetricKey
        let noncePrefix: [UInt8]
        let associatedData: Data
        let segmentSize: Int

        init(key: SymmetricKey, noncePrefix: [UInt8], associatedData: Data, segmentSize: Int) throws {
            guard key.bitCount == 256 else {
                throw SegmentedAEADError.invalidParameters("the data key must be 256 bits")
            }
            guard noncePrefix.count == SegmentedAEAD.noncePrefixSize else {
                throw SegmentedAEADError.invalidParameters("the nonce prefix must be 7 bytes")
            }
            guard segmentSize > 0 else {
                throw SegmentedAEADError.invalidParameters("segments must hold at least one byte")
            }
            self.key = key
            self.noncePrefix = noncePrefix
            self.associatedData = associatedData
            self.segmentSize = segmentSize
        }

        /// The nonce of segment `index`.
        func nonce(_ index: UInt64, last: Bool) throws -> AES.GCM.Nonce {
            guard index < SegmentedAEAD.maxSegments else { throw SegmentedAEADError.tooManySegments }
            return try SegmentedAEAD.nonce(prefix: noncePrefix, index: UInt32(index), last: last)
        }
    }

    static func nonce(prefix: [UInt8], index: UInt32, last: Bool) throws -> AES.GCM.Nonce {
        var bytes = prefix
        bytes.append(UInt8(truncatingIfNeeded: index >> 24))
        bytes.append(UInt8(truncatingIfNeeded: index >> 16))
        bytes.append(UInt8(truncatingIfNeeded: index >> 8))
        bytes.append(UInt8(truncatingIfNeeded: index))
        bytes.append(last ? 1 : 0)
        return try AES.GCM.Nonce(data: bytes)
    }
}

/// Why a sealed stream could not be opened. Every case means the bytes are not what was stored.
public enum SegmentedAEADError: Error, Equatable, CustomStringConvertible {
    case authenticationFailed(segment: UInt64)
    case truncated
    case trailingData
    case tooManySegments
    case invalidParameters(String)

    public var description: String {
        switch self {
        case .authenticationFailed(let segment):
            "segment \(segment) failed authentication (altered, reordered or from another object)"
        case .truncated: "the encrypted object ends before its final segment"
        case .trailingData: "data follows the final segment"
        case .tooManySegments: "the object has more segments than the format allows"
        case .invalidParameters(let why): why
        }
    }
}
