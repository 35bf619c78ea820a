public import Foundation

/// An HTTP Archive (HAR 1.2): the traffic a browser's network panel or a proxy saved, as far as
/// Tapedeck reads and writes it.
///
/// Reading is strict where Tapedeck depends on a field (an entry's request, response, URL,
/// status, headers and bodies) and lenient elsewhere (pages, timings, cache, and any `_custom`
/// field are ignored). Cookies are never read: browser archives hold session cookies, and
/// cassettes hold none. See ``HARImport`` and ``HARExport`` for the mapping to cassettes.
///
/// ```swift
/// let archive = try HARArchive.decode(Data(contentsOf: url), path: url.path)
/// let data = archive.encoded()
/// ```
public struct HARArchive: Sendable, Hashable {
  /// The format version, `1.2` when written.
  public var version: String
  /// The tool that wrote the archive.
  public var creator: Creator
  /// The exchanges, in the order they were written.
  public var entries: [Entry]
  /// Tapedeck's own fields (`log._tapedeck`): the cassette's name, source, key fingerprint.
  public var tapedeck: [String: JSONValue]

  /// Creates an archive.
  public init(
    version: String = "1.2", creator: Creator, entries: [Entry] = [], tapedeck: [String: JSONValue] = [:]
  ) {
    self.version = version
    self.creator = creator
    self.entries = entries
    self.tapedeck = tapedeck
  }

  /// The tool that wrote an archive (`log.creator`).
  ///
  /// ```swift
  /// HARArchive.Creator(name: "tapedeck", version: "0.1.0")
  /// ```
  public struct Creator: Sendable, Hashable {
    /// The tool's name.
    public var name: String
    /// The tool's version.
    public var version: String
    /// Creates a creator.
    public init(name: String, version: String) {
      self.name = name
      self.version = version
    }
  }

  /// One exchange (`log.entries[i]`).
  ///
  /// ```swift
  /// let entry = archive.entries[0]
  /// print(entry.request.method, entry.response.status)
  /// ```
  public struct Entry: Sendable, Hashable {
    /// When the request started.
    public var startedDateTime: Date
    /// The whole exchange's duration in milliseconds.
    public var time: Double
    /// The request.
    public var request: Request
    /// The response.
    public var response: Response
    /// Tapedeck's own fields (`_tapedeck`): how each body was stored in the cassette.
    public var tapedeck: [String: JSONValue]

    /// Creates an entry.
    public init(
      startedDateTime: Date, time: Double = 0, request: Request, response: Response,
      tapedeck: [String: JSONValue] = [:]
    ) {
      self.startedDateTime = startedDateTime
      self.time = time
      self.request = request
      self.response = response
      self.tapedeck = tapedeck
    }
  }

  /// A request (`entries[i].request`).
  ///
  /// ```swift
  /// HARArchive.Request(method: "GET", url: "https://graph.microsoft.com/beta/me")
  /// ```
  public struct Request: Sendable, Hashable {
    /// The method.
    public var method: String
    /// The absolute URL.
    public var url: String
    /// The HTTP version, `HTTP/1.1` when unknown.
    public var httpVersion: String
    /// The headers, in order, names as recorded.
    public var headers: [Field]
    /// The query string's parameters (written for readers; importing reads the URL).
    public var queryString: [Field]
    /// The body, or `nil` when the request had none.
    public var postData: PostData?
    /// The body's size in bytes, `-1` when unknown.
    public var bodySize: Int

    /// Creates a request.
    public init(
      method: String, url: String, httpVersion: String = "HTTP/1.1", headers: [Field] = [],
      queryString: [Field] = [], postData: PostData? = nil, bodySize: Int = -1
    ) {
      self.method = method
      self.url = url
      self.httpVersion = httpVersion
      self.headers = headers
      self.queryString = queryString
      self.postData = postData
      self.bodySize = bodySize
    }
  }

  /// A response (`entries[i].response`).
  ///
  /// ```swift
  /// HARArchive.Response(status: 200, content: HARArchive.Content(mimeType: "application/json", text: "{}"))
  /// ```
  public struct Response: Sendable, Hashable {
    /// The status code (`0` when the browser got no answer).
    public var status: Int
    /// The reason phrase.
    public var statusText: String
    /// The HTTP version, `HTTP/1.1` when unknown.
    public var httpVersion: String
    /// The headers, in order, names as recorded.
    public var headers: [Field]
    /// The body.
    public var content: Content
    /// The `Location` header's target, or empty.
    public var redirectURL: String
    /// The body's size in bytes as sent, `-1` when unknown.
    public var bodySize: Int

    /// Creates a response.
    public init(
      status: Int, statusText: String = "", httpVersion: String = "HTTP/1.1", headers: [Field] = [],
      content: Content = Content(), redirectURL: String = "", bodySize: Int = -1
    ) {
      self.status = status
      self.statusText = statusText
      self.httpVersion = httpVersion
      self.headers = headers
      self.content = content
      self.redirectURL = redirectURL
      self.bodySize = bodySize
    }
  }

  /// A header or a query parameter: a name and a value.
  ///
  /// ```swift
  /// HARArchive.Field(name: "Accept", value: "application/json")
  /// ```
  public struct Field: Sendable, Hashable {
    /// The name.
    public var name: String
    /// The value.
    public var value: String
    /// Creates a field.
    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  /// A request body (`request.postData`): its text, or its form parameters.
  ///
  /// ```swift
  /// HARArchive.PostData(mimeType: "application/json", text: #"{"status":"compliant"}"#)
  /// ```
  public struct PostData: Sendable, Hashable {
    /// The media type.
    public var mimeType: String
    /// The body as text (base64 when ``encoding`` says so), or `nil` when the archive omitted it.
    public var text: String?
    /// `base64` when ``text`` is base64, else `nil` (written as `_encoding`, read from either).
    public var encoding: String?
    /// Form parameters, for archives that give them instead of ``text``.
    public var params: [Param]

    /// Creates a body.
    public init(mimeType: String, text: String? = nil, encoding: String? = nil, params: [Param] = []) {
      self.mimeType = mimeType
      self.text = text
      self.encoding = encoding
      self.params = params
    }
  }

  /// One posted parameter (`postData.params[i]`); a file upload has a ``fileName``.
  ///
  /// ```swift
  /// HARArchive.Param(name: "grant_type", value: "client_credentials")
  /// ```
  public struct Param: Sendable, Hashable {
    /// The name.
    public var name: String
    /// The value, or `nil` when the archive omitted it.
    public var value: String?
    /// The uploaded file's name, for file parameters.
    public var fileName: String?
    /// Creates a parameter.
    public init(name: String, value: String? = nil, fileName: String? = nil) {
      self.name = name
      self.value = value
      self.fileName = fileName
    }
  }

  /// A response body (`response.content`).
  ///
  /// ```swift
  /// HARArchive.Content(size: 2, mimeType: "application/json", text: "{}")
  /// ```
  public struct Content: Sendable, Hashable {
    /// The decoded body's size in bytes (`-1` or `0` when unknown).
    public var size: Int
    /// The media type.
    public var mimeType: String
    /// The body as text (base64 when ``encoding`` says so), or `nil` when the archive omitted it.
    public var text: String?
    /// `base64` when ``text`` is base64, else `nil`.
    public var encoding: String?

    /// Creates a body.
    public init(size: Int = 0, mimeType: String = "", text: String? = nil, encoding: String? = nil) {
      self.size = size
      self.mimeType = mimeType
      self.text = text
      self.encoding = encoding
    }
  }
}

extension HARArchive {
  /// Parses and checks HAR bytes; `path` names the file in errors.
  ///
  /// ```swift
  /// let archive = try HARArchive.decode(data, path: "capture.har")
  /// ```
  ///
  /// - Throws: ``HARFormatError`` naming the JSON path of the first field that is missing, of
  ///   the wrong type or of a bad value, or the line and column of a JSON syntax error.
  public static func decode(_ data: Data, path: String) throws(HARFormatError) -> HARArchive {
    let root: JSONValue
    do {
      root = try JSONParser.parse(data)
    } catch {
      throw HARFormatError(
        path: path, location: "line \(error.line), column \(error.column)",
        problem: "the file is not valid JSON: \(error.reason)")
    }
    return try HARReader(path: path).archive(root)
  }

  /// The archive as a JSON value (HAR 1.2; cookies empty, cache empty, timings zero).
  ///
  /// ```swift
  /// let value = archive.jsonValue
  /// ```
  public var jsonValue: JSONValue {
    func fields(_ list: [Field]) -> JSONValue {
      .array(list.map { .object(["name": .string($0.name), "value": .string($0.value)]) })
    }
    let entries = self.entries.map { entry -> JSONValue in
      var request: [String: JSONValue] = [
        "method": .string(entry.request.method), "url": .string(entry.request.url),
        "httpVersion": .string(entry.request.httpVersion), "cookies": [], "headers": fields(entry.request.headers),
        "queryString": fields(entry.request.queryString), "headersSize": -1,
        "bodySize": .number(JSONNumber(entry.request.bodySize)),
      ]
      if let postData = entry.request.postData {
        var body: [String: JSONValue] = ["mimeType": .string(postData.mimeType)]
        if let text = postData.text { body["text"] = .string(text) }
        // HAR 1.2 gives request bodies no `encoding`; a binary one is marked as a custom field.
        if let encoding = postData.encoding { body["_encoding"] = .string(encoding) }
        if !postData.params.isEmpty {
          body["params"] = .array(
            postData.params.map { param in
              var object: [String: JSONValue] = ["name": .string(param.name)]
              if let value = param.value { object["value"] = .string(value) }
              if let fileName = param.fileName { object["fileName"] = .string(fileName) }
              return .object(object)
            })
        }
        request["postData"] = .object(body)
      }
      var content: [String: JSONValue] = [
        "size": .number(JSONNumber(entry.response.content.size)), "mimeType": .string(entry.response.content.mimeType),
      ]
      if let text = entry.response.content.text { content["text"] = .string(text) }
      if let encoding = entry.response.content.encoding { content["encoding"] = .string(encoding) }
      let response: [String: JSONValue] = [
        "status": .number(JSONNumber(entry.response.status)), "statusText": .string(entry.response.statusText),
        "httpVersion": .string(entry.response.httpVersion), "cookies": [], "headers": fields(entry.response.headers),
        "content": .object(content), "redirectURL": .string(entry.response.redirectURL), "headersSize": -1,
        "bodySize": .number(JSONNumber(entry.response.bodySize)),
      ]
      var object: [String: JSONValue] = [
        "startedDateTime": .string(HARDate.format(entry.startedDateTime)), "time": .number(JSONNumber(entry.time)),
        "request": .object(request), "response": .object(response), "cache": [:],
        "timings": ["send": 0, "wait": .number(JSONNumber(entry.time)), "receive": 0],
      ]
      if !entry.tapedeck.isEmpty { object["_tapedeck"] = .object(entry.tapedeck) }
      return .object(object)
    }
    var log: [String: JSONValue] = [
      "version": .string(version),
      "creator": ["name": .string(creator.name), "version": .string(creator.version)],
      "entries": .array(entries),
    ]
    if !tapedeck.isEmpty { log["_tapedeck"] = .object(tapedeck) }
    return ["log": .object(log)]
  }

  /// The archive as HAR bytes: two-space indentation, keys sorted, a trailing newline.
  ///
  /// ```swift
  /// try archive.encoded().write(to: url)
  /// ```
  public func encoded() -> Data { JSONWriter.prettyData(jsonValue) }
}
