/// Keeps only the last bytes of a stream, so that structures that live at the end of a file (a ZIP end of central
/// directory record) can be read at the end without keeping the whole file.
///
/// Memory stays below twice the capacity plus nothing from the chunk size: chunks larger than the window are cut
/// before they are copied, and the buffer is trimmed whenever it doubles.
struct TailWindow: Sendable {
    /// The number of final bytes that are kept.
    let capacity: Int
    private var storage: [UInt8] = []

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Appends the next bytes of the stream.
    mutating func append(_ bytes: Bytes) {
        if bytes.count >= capacity {
            storage = Array(bytes.suffix(capacity))
            return
        }
        storage.append(contentsOf: bytes)
        if storage.count > 2 * capacity {
            storage.removeFirst(storage.count - capacity)
        }
    }

    /// The last `capacity` bytes seen (fewer if the stream was shorter).
    var bytes: [UInt8] {
        Array(storage.suffix(capacity))
    }
}
