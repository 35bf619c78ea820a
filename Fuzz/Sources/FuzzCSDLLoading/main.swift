// CSDL loading: any bytes either load as an EDM model or throw a CSDLError (never a crash, a
// hang, or an entity expansion); a model that loads can have the documented templates resolved
// against it and be used for validation.
import Foundation
import FuzzSupport
import GraphContracts
import TapedeckJSON

let templates = EndpointCatalog.documented.templates

Fuzzer.run { data in
  guard let model = try? CSDLLoader.load(data: data, path: "fuzz.csdl") else { return }
  for template in templates { _ = TemplateResolution.resolve(template.segments, in: model) }
  let validator = ContractValidator(model: model)
  let sample: JSONValue = ["@odata.type": "#microsoft.graph.entity", "id": "1", "status": "compliant"]
  for type in ["entity", "deviceConfigurationDeviceStatus", "deviceComplianceDeviceStatus"] {
    _ = validator.validate(sample, as: GraphType(type))
    _ = validator.validate(sample, as: GraphType(type), body: .request)
  }
}
