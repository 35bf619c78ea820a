// Cassette decoding: any bytes either decode or throw a CassetteFileError; a cassette that
// decodes re-encodes to bytes that decode to the same cassette.
import Foundation
import FuzzSupport
import Tapedeck

Fuzzer.run { data in
  guard let cassette = try? CassetteFile.decode(data, path: "fuzz.json") else { return }
  let encoded = CassetteFile.encode(cassette)
  let again: Cassette
  do {
    again = try CassetteFile.decode(encoded, path: "fuzz-reencoded.json")
  } catch {
    Fuzzer.fail("a decoded cassette re-encodes to a file that does not decode: \(error)", input: data)
  }
  if again != cassette { Fuzzer.fail("a cassette changed across encode and decode", input: data) }
  if CassetteFile.encode(again) != encoded { Fuzzer.fail("encoding is not deterministic", input: data) }
}
