/// Helpers for `namespace.Name` strings.
enum QualifiedName {
  static func last(_ name: String) -> String {
    name.lastIndex(of: ".").map { String(name[name.index(after: $0)...]) } ?? name
  }
}
