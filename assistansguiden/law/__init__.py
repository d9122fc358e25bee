"""The rules module: pure Python law. Plain values in, explained decisions out.

Imports only the standard library and PyYAML (for its own parameter table); no Rasa,
no SQLAlchemy. The parameter table is read on first use, never at import.
"""

from actions.rules.age import AgeLimitInForce, AgeStage, age_limit_in_force, age_stage
from actions.rules.amounts import HourlyAmounts, UnknownYear, hourly_amounts, known_years
from actions.rules.dates import format_date, mask_personnummer, parse_swedish_date
from actions.rules.deadline import Deadline, report_deadline
from actions.rules.decision import Decision, ProviderRecord, ProviderRef, Reason
from actions.rules.eligibility import eligibility_screening
from actions.rules.orgnr import (
    OrgNr,
    looks_like_org_nr,
    luhn_valid,
    normalize_org_nr,
    parse_org_nr,
    with_check_digit,
)
from actions.rules.parameters import (
    DatedValue,
    Parameter,
    ParameterError,
    ParameterNotDecided,
    load_parameters,
    parameter,
    value_on,
)
from actions.rules.provider import (
    ambiguous_decision,
    invalid_org_nr_decision,
    not_found_decision,
    payee_decision,
    provider_decision,
)

__all__ = [
    "AgeLimitInForce",
    "AgeStage",
    "DatedValue",
    "Deadline",
    "Decision",
    "HourlyAmounts",
    "OrgNr",
    "Parameter",
    "ParameterError",
    "ParameterNotDecided",
    "ProviderRecord",
    "ProviderRef",
    "Reason",
    "UnknownYear",
    "age_limit_in_force",
    "age_stage",
    "ambiguous_decision",
    "eligibility_screening",
    "format_date",
    "hourly_amounts",
    "invalid_org_nr_decision",
    "known_years",
    "load_parameters",
    "looks_like_org_nr",
    "luhn_valid",
    "mask_personnummer",
    "normalize_org_nr",
    "not_found_decision",
    "parameter",
    "parse_org_nr",
    "parse_swedish_date",
    "payee_decision",
    "provider_decision",
    "report_deadline",
    "value_on",
    "with_check_digit",
]
