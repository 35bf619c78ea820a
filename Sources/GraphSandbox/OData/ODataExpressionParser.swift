import Foundation

/// Reads a `$filter` expression into an ``ODataFilter/Expression``, with OData's precedence
/// (`or` < `and` < `not` < comparison) and the service's syntax-error message, which names the
/// 0-based position where reading stopped.
struct ODataExpressionParser {
  private enum Token: Equatable {
    case word(String)
    case text(String)
    case number(Double)
    case dateTime(Date)
    case open, close, comma
    case end
  }

  private let text: String
  private let characters: [Character]
  private var index = 0
  private var tokenStart = 0
  private var token: Token = .end

  init(text: String) {
    self.text = text
    characters = Array(text)
  }

  /// The whole text as one expression; anything left over is a syntax error.
  mutating func parseWhole() throws(ODataQueryError) -> ODataFilter.Expression {
    try advance()
    guard token != .end else { throw syntaxError() }
    let expression = try parseOr()
    guard token == .end else { throw syntaxError() }
    return expression
  }

  private func syntaxError() -> ODataQueryError {
    .filter("Syntax error at position \(tokenStart) in '\(text)'.")
  }

  // MARK: - Grammar

  private mutating func parseOr() throws(ODataQueryError) -> ODataFilter.Expression {
    var left = try parseAnd()
    while token == .word("or") {
      try advance()
      left = .or(left, try parseAnd())
    }
    return left
  }

  private mutating func parseAnd() throws(ODataQueryError) -> ODataFilter.Expression {
    var left = try parseUnary()
    while token == .word("and") {
      try advance()
      left = .and(left, try parseUnary())
    }
    return left
  }

  private mutating func parseUnary() throws(ODataQueryError) -> ODataFilter.Expression {
    if token == .word("not") {
      try advance()
      return .not(try parseUnary())
    }
    return try parseComparison()
  }

  private mutating func parseComparison() throws(ODataQueryError) -> ODataFilter.Expression {
    let left = try parsePrimary()
    if case .word(let word) = token, let op = ODataFilter.Operator(rawValue: word) {
      try advance()
      return .compare(op, left, try parsePrimary())
    }
    if token == .word("in") {
      try advance()
      guard token == .open else { throw syntaxError() }
      var values: [ODataFilter.Expression] = []
      repeat {
        try advance()
        values.append(try parsePrimary())
      } while token == .comma
      guard token == .close else { throw syntaxError() }
      try advance()
      return .member(left, values)
    }
    return left
  }

  private mutating func parsePrimary() throws(ODataQueryError) -> ODataFilter.Expression {
    switch token {
    case .open:
      try advance()
      let inner = try parseOr()
      guard token == .close else { throw syntaxError() }
      try advance()
      return inner
    case .text(let value):
      try advance()
      return .literal(.string(value))
    case .number(let value):
      try advance()
      return .literal(.number(value))
    case .dateTime(let value):
      try advance()
      return .literal(.dateTime(value))
    case .word(let word):
      switch word {
      case "true", "false":
        try advance()
        return .literal(.boolean(word == "true"))
      case "null":
        try advance()
        return .literal(.null)
      case "and", "or", "not", "in": throw syntaxError()
      default:
        if ODataFilter.Operator(rawValue: word) != nil { throw syntaxError() }
      }
      // A qualified enum literal: `microsoft.graph.complianceStatus'compliant'`.
      if word.contains("."), index < characters.count, characters[index] == "'" {
        try advance()
        guard case .text(let member) = token else { throw syntaxError() }
        try advance()
        return .literal(.enumMember(type: word, member: member))
      }
      try advance()
      guard token == .open else { return .property(word) }
      var arguments: [ODataFilter.Expression] = []
      try advance()
      if token != .close {
        arguments.append(try parseOr())
        while token == .comma {
          try advance()
          arguments.append(try parseOr())
        }
      }
      guard token == .close else { throw syntaxError() }
      try advance()
      return .function(word, arguments)
    default:
      throw syntaxError()
    }
  }

  // MARK: - Tokens

  private mutating func advance() throws(ODataQueryError) {
    while index < characters.count, characters[index] == " " { index += 1 }
    tokenStart = index
    guard index < characters.count else {
      token = .end
      return
    }
    let character = characters[index]
    switch character {
    case "(":
      index += 1
      token = .open
    case ")":
      index += 1
      token = .close
    case ",":
      index += 1
      token = .comma
    case "'":
      var value = ""
      index += 1
      while true {
        guard index < characters.count else { throw syntaxError() }
        if characters[index] == "'" {
          if index + 1 < characters.count, characters[index + 1] == "'" {
            value.append("'")
            index += 2
            continue
          }
          index += 1
          break
        }
        value.append(characters[index])
        index += 1
      }
      token = .text(value)
    case "-", "0"..."9":
      var end = index + 1
      while end < characters.count, characters[end].isNumber || ":.+-TZ".contains(characters[end]) { end += 1 }
      let literal = String(characters[index..<end])
      index = end
      if literal.contains("T") || literal.filter({ $0 == "-" }).count >= 2 {
        guard let date = ODataDate.parse(literal) else { throw syntaxError() }
        token = .dateTime(date)
      } else {
        guard let number = Double(literal) else { throw syntaxError() }
        token = .number(number)
      }
    default:
      guard character.isLetter || character == "_" || character == "$" else { throw syntaxError() }
      var end = index + 1
      while end < characters.count,
        characters[end].isLetter || characters[end].isNumber || characters[end] == "_" || characters[end] == "."
      {
        end += 1
      }
      token = .word(String(characters[index..<end]))
      index = end
    }
  }
}
