/// Human byte counts: `512 B`, `1.5 KiB`, `3.2 MiB`.
enum ByteCount {
  static func text(_ count: Int) -> String {
    if count < 1024 { return "\(count) B" }
    if count < 1024 * 1024 { return oneDecimal(Double(count) / 1024) + " KiB" }
    return oneDecimal(Double(count) / (1024 * 1024)) + " MiB"
  }

  static func oneDecimal(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }
}
