/// The `$skiptoken` of a next link, in Intune's form: `skipCount=N`, the next page's offset
/// (percent-encoded in the link as `skipCount%3D100`). Anything else is refused rather than misread.
enum ODataSkipToken {
  static func token(offset: Int) -> String { "skipCount=\(offset)" }

  static func offset(_ token: String) -> Int? {
    guard token.hasPrefix("skipCount="), let offset = Int(token.dropFirst("skipCount=".count)), offset >= 0 else {
      return nil
    }
    return offset
  }
}
