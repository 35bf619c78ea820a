"""The documented deviceStatuses collections (Target), reached through the SDKs' request builders."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urlsplit

from msgraph_beta.generated.models.compliance_status import ComplianceStatus
from msgraph_beta.generated.models.device_compliance_device_status import DeviceComplianceDeviceStatus
from msgraph_beta.generated.models.device_configuration_device_status import DeviceConfigurationDeviceStatus
from msgraph_beta.generated.models.o_data_errors.o_data_error import ODataError
from msgraph.generated.models.compliance_status import ComplianceStatus as V1ComplianceStatus
from msgraph.generated.models.device_compliance_device_status import (
    DeviceComplianceDeviceStatus as V1DeviceComplianceDeviceStatus,
)
from msgraph.generated.models.device_configuration_device_status import (
    DeviceConfigurationDeviceStatus as V1DeviceConfigurationDeviceStatus,
)
from msgraph.generated.models.o_data_errors.o_data_error import ODataError as V1ODataError

from sdk_helpers import Sdk


# The beta type casts whose certificate navigations have documented deviceStatuses paths.
# A collection navigation ends in "/{id}" (its members are windows81TrustedRootCertificates).
CAST_NAVIGATIONS = {
    "iosScepCertificateProfile": ["rootCertificate"],
    "macOSScepCertificateProfile": ["rootCertificate"],
    "windowsPhone81SCEPCertificateProfile": ["rootCertificate"],
    "windowsPhone81VpnConfiguration": ["identityCertificate"],
    "macOSWiredNetworkConfiguration": ["identityCertificateForClientAuthentication", "rootCertificateForServerValidation"],
    "windowsWifiEnterpriseEAPConfiguration": [
        "identityCertificateForClientAuthentication",
        "rootCertificatesForServerValidation/{id}",
    ],
}
COLLECTION_MEMBER_TYPE = "windows81TrustedRootCertificate"


def odata_type_class_name(odata_type: str) -> str:
    last = odata_type.lstrip("#").split(".")[-1]
    return last[0].upper() + last[1:]


def other_status(current: Any, enum: Any) -> Any:
    return enum.NonCompliant if current == enum.Compliant else enum.Compliant


@dataclass
class Target:
    name: str
    sdk: Sdk
    collection: Any                     # a DeviceStatusesRequestBuilder (generated or with_url)
    item: Callable[[str], Any]          # status id -> item request builder
    model: type                         # the status model for PATCH bodies
    enum: Any                           # ComplianceStatus of that SDK
    error_type: type
    statuses: list = field(default_factory=list)


def base_targets(beta: Sdk, v1: Sdk, configuration: str, policy: str) -> list[Target]:
    targets = []
    for sdk, status_model, compliance_model, enum, error in (
        (beta, DeviceConfigurationDeviceStatus, DeviceComplianceDeviceStatus, ComplianceStatus, ODataError),
        (v1, V1DeviceConfigurationDeviceStatus, V1DeviceComplianceDeviceStatus, V1ComplianceStatus, V1ODataError),
    ):
        management = sdk.client.device_management
        statuses = management.device_configurations.by_device_configuration_id(configuration).device_statuses
        targets.append(Target(
            f"{sdk.name} deviceConfigurations/{{id}}/deviceStatuses", sdk, statuses,
            lambda sid, s=statuses: s.by_device_configuration_device_status_id(sid), status_model, enum, error))
        compliance = management.device_compliance_policies.by_device_compliance_policy_id(policy).device_statuses
        targets.append(Target(
            f"{sdk.name} deviceCompliancePolicies/{{id}}/deviceStatuses", sdk, compliance,
            lambda sid, s=compliance: s.by_device_compliance_device_status_id(sid), compliance_model, enum, error))
    return targets


def cast_target(beta: Sdk, configuration: str, cast: str, navigation: str) -> Target:
    """msgraph-beta-sdk generates no request builders for type-cast navigations; a Kiota request
    builder's with_url() reaches them and keeps the typed get/patch (responses parse into models)."""
    url = (f"{beta.adapter.base_url}/deviceManagement/deviceConfigurations/{configuration}"
           f"/microsoft.graph.{cast}/{navigation}/deviceStatuses")
    generated = beta.client.device_management.device_configurations.by_device_configuration_id(configuration)
    collection = generated.device_statuses.with_url(url)
    return Target(f"beta {cast}/{navigation}", beta, collection,
                  lambda sid: generated.device_statuses.by_device_configuration_device_status_id(sid)
                  .with_url(f"{url}/{sid}"),
                  DeviceConfigurationDeviceStatus, ComplianceStatus, ODataError)


def status_path(target: Target) -> str:
    return urlsplit(str(target.item(target.statuses[0].id).to_get_request_information().url)).path
