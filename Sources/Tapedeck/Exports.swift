// The cassette core speaks JSON through TapedeckJSON's types (`JSONValue`, `JSONPath` in
// ``RequestMatching``); importing Tapedeck brings them, as before they had a module of their own.
@_exported public import TapedeckJSON
