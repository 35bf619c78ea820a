internal import CLibXML2
public import Foundation

/// Loads a CSDL (`$metadata`) document into an ``EDMModel`` with libxml2's streaming reader.
///
/// The reader never loads external entities or DTDs: a document with a `<!DOCTYPE>` or an
/// entity reference is refused (CSDL has neither), which also shuts out entity-expansion
/// bombs. `Annotations`, `Action`, `Function` and `Term` blocks are skipped without being
/// built. References to types that do not exist are listed in
/// ``EDMModel/unresolvedReferences``, or thrown with their line when `strict` is set. A
/// `BaseType` cycle is always an error naming the types.
///
/// ```swift
/// let model = try CSDLLoader.load(contentsOf: URL(fileURLWithPath: "v1.0-Prod.csdl"))
/// print(model.structuredTypes.count)
/// ```
public enum CSDLLoader {
  /// Loads a CSDL file.
  public static func load(contentsOf url: URL, strict: Bool = false) throws(CSDLError) -> EDMModel {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw CSDLError(
        path: url.path, line: nil, problem: "the file cannot be read (\(error.localizedDescription))",
        advice: "Check the path names a readable CSDL ($metadata) file.")
    }
    return try load(data: data, path: url.path, strict: strict)
  }

  /// Loads CSDL bytes; `path` names them in errors.
  public static func load(data: Data, path: String, strict: Bool = false) throws(CSDLError) -> EDMModel {
    let result: Result<EDMModel, CSDLError> = data.withUnsafeBytes { raw in
      let reader = CSDLReader(path: path)
      do throws(CSDLError) {
        return .success(try reader.read(raw.bindMemory(to: CChar.self)))
      } catch {
        return .failure(error)
      }
    }
    var model = try result.get()
    model.resolve()
    if let cycle = model.baseTypeCycle() {
      let names = (cycle + [cycle[0]]).joined(separator: " → ")
      throw CSDLError(
        path: path, line: model.lines[cycle[0]],
        problem:
          cycle.count == 1
          ? "the type \(cycle[0]) names itself as its BaseType (\(names))"
          : "the types \(cycle.joined(separator: ", ")) derive from each other through BaseType (\(names))",
        advice: "Fix the BaseType attributes so every chain of base types ends at a type without one.")
    }
    if strict, let first = model.unresolvedReferences.first {
      throw CSDLError(
        path: path, line: first.line,
        problem: "\(first.location) names the type \(first.typeName), which does not exist",
        advice: "Fix the type name, or load without strict checking to get every unresolved reference as a list.")
    }
    return model
  }
}
