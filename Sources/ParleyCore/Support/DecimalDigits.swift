extension UnsafeMutableBufferPointer<UInt8> {
    /// Writes the decimal digits of `value` (a negative value as 0) from `index` on, and returns the index after
    /// them. For headers and addresses built as bytes on every request, where interpolating a number costs more.
    package func writeDecimal(_ value: Int, at index: Int) -> Int {
        var end = index
        var rest = Swift.max(0, value)
        repeat {
            self[end] = UInt8(ascii: "0") + UInt8(rest % 10)
            end += 1
            rest /= 10
        } while rest > 0
        self[index..<end].reverse()
        return end
    }

    /// Writes `bytes` from `index` on, and returns the index after them.
    package func write(_ bytes: String.UTF8View, at index: Int) -> Int {
        var end = index
        for byte in bytes {
            self[end] = byte
            end += 1
        }
        return end
    }
}
