/// A query option the service refuses, with the message it answers (400 `BadRequest`).
enum ODataQueryError: Error, Sendable, Equatable {
  /// A `$filter` the service cannot read or bind.
  case filter(String)
  /// A property that is not on the collection's type.
  case unknownProperty(String, type: String)
  /// A function `$filter` does not know.
  case unknownFunction(String)
  /// Any other refused option, with the service's message.
  case option(String)

  /// The error message as the service writes it.
  var message: String {
    switch self {
    case .filter(let detail): "Invalid filter clause: \(detail)"
    case .unknownProperty(let name, let type): "Could not find a property named '\(name)' on type '\(type)'."
    case .unknownFunction(let name):
      "Invalid filter clause: An unknown function with name '\(name)' was found. This may also be a function "
        + "import or a key lookup on a navigation property, which is not allowed."
    case .option(let message): message
    }
  }
}
