"""The rules module: pure Python law. Plain values in, explained decisions out.

Imports only the standard library and PyYAML (for its own parameter table); no Rasa,
no SQLAlchemy. The parameter table is read on first use, never at import.
"""

from assistansguiden.law.age import AgeLimitInForce, AgeStage, age_limit_in_force, age_stage
from assistansguiden.law.amounts import HourlyAmounts, UnknownYear, hourly_amounts, known_years
from assistansguiden.law.dates import (
    format_date,
    format_weekday_date,
    mask_personnummer,
    parse_swedish_date,
)
from assistansguiden.law.deadline import Deadline, moved_sentence, report_deadline
from assistansguiden.law.decision import Decision, ProviderRecord, ProviderRef, Reason, Step
from assistansguiden.law.eligibility import eligibility_screening
from assistansguiden.law.numbers import format_kronor, format_number, format_percent
from assistansguiden.law.orgnr import (
    OrgNr,
    looks_like_org_nr,
    luhn_valid,
    normalize_org_nr,
    parse_org_nr,
    with_check_digit,
)
from assistansguiden.law.parameters import (
    DatedValue,
    Parameter,
    ParameterError,
    ParameterNotDecided,
    load_parameters,
    parameter,
    value_on,
)
from assistansguiden.law.provider import (
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
    "Step",
    "UnknownYear",
    "age_limit_in_force",
    "age_stage",
    "ambiguous_decision",
    "eligibility_screening",
    "format_date",
    "format_kronor",
    "format_number",
    "format_percent",
    "format_weekday_date",
    "hourly_amounts",
    "invalid_org_nr_decision",
    "known_years",
    "load_parameters",
    "looks_like_org_nr",
    "luhn_valid",
    "mask_personnummer",
    "moved_sentence",
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
