"""Which services the service map shows: the caseworker's filters, as plain data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from te_navigator.models.entities import Service

ANY = ""


@dataclass(frozen=True)
class ServiceFilter:
    audience: str = ANY
    production: str = ANY
    statutory: str = ANY  # "yes", "no" or ANY
    service_line: str = ANY
    show_abolished: bool = False

    def matches(self, service: Service) -> bool:
        if self.audience and self.audience not in service.audience:
            return False
        if self.production and service.production != self.production:
            return False
        if self.statutory and service.statutory != (self.statutory == "yes"):
            return False
        if self.service_line and self.service_line not in service.service_lines:
            return False
        return self.show_abolished or service.status != "abolished"

    def is_default(self) -> bool:
        return self == ServiceFilter()


def services_in_group(services: list[Service], group_id: str, service_filter: ServiceFilter) -> list[Service]:
    return [s for s in services if group_id in s.groups and service_filter.matches(s)]
