"""`assistans`: the staff command line (DESIGN.md, "The staff command line").

Only reads arguments, calls the rules or the registry and renders the answer;
it decides nothing itself.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, NoReturn

from assistansguiden.law import (
    Deadline,
    Decision,
    ParameterNotDecided,
    Reason,
    UnknownYear,
    age_stage,
    format_date,
    hourly_amounts,
    report_deadline,
)
from assistansguiden.law.deadline import AHEAD, PASSED, moved_sentence
from assistansguiden.law.numbers import format_kronor, format_percent
from assistansguiden.registry.errors import RegistryUnavailable

EXIT_DECIDED = 0
EXIT_UNUSABLE_INPUT = 2
EXIT_REGISTRY_UNAVAILABLE = 3

EPILOG = """\
slutkoder:
  0  ett besked har lämnats (även INVALID_ORG_NR, NOT_FOUND och AMBIGUOUS är besked)
  2  oanvändbar indata: felaktigt datum, okänd flagga, fil som inte kan läsas,
     misslyckad import, födelsedatum i framtiden, år utan beslutat belopp
  3  anordnarregistret kunde inte nås (databasen svarar inte eller är felinställd),
     eller samtalsdatabasen (insights)

miljövariabler:
  ASSISTANS_DB_URL          registrets databas (standard: en SQLite-fil i .data/)
  ASSISTANS_TRACKER_DB_URL  samtalsdatabasen för insights (standard: DB_*-variablerna,
                            annars .data/conversations.sqlite som make run skriver)
  ASSISTANS_TODAY           ett fast dagens datum, ÅÅÅÅ-MM-DD (tester och demo)
"""


class UsageError(Exception):
    """Input that cannot be used; the message is Swedish and goes to stderr."""


# --- argparse in Swedish -------------------------------------------------------

# argparse writes its own errors in English; these are the ones staff meet.
_TRANSLATIONS: tuple[tuple[str, str], ...] = (
    (r"^unrecognized arguments: (.*)$", r"okända argument: \1"),
    (r"^the following arguments are required: (.*)$", r"följande argument saknas: \1"),
    (
        r"^argument (\S+): invalid choice: (.*) \(choose from (.*)\)$",
        r"\1: ogiltigt val \2 (välj bland \3)",
    ),
    (r"^argument (\S+): expected one argument$", r"\1 behöver ett värde"),
    (r"^argument (\S+): invalid (\w+) value: (.*)$", r"\1: ogiltigt värde \3"),
    (r"^argument (\S+): (.*)$", r"\1: \2"),
)


def _swedish(message: str) -> str:
    for pattern, replacement in _TRANSLATIONS:
        if re.match(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        # argparse passes prefix="" when it builds a subcommand's prog; keep that.
        super().add_usage(usage, actions, groups, "användning: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("allow_abbrev", False)
        kwargs["add_help"] = False  # added below with a Swedish help text
        super().__init__(*args, **kwargs)
        self._positionals.title = "argument"
        self._optionals.title = "flaggor"
        self.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")

    def error(self, message: str) -> NoReturn:
        self.exit(
            EXIT_UNUSABLE_INPUT,
            f"{self.prog}: fel: {_swedish(message)}\nSkriv '{self.prog} --help' för hjälp.\n",
        )


def _iso_date(text: str) -> date:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"{text!r} är inget datum; skriv det som ÅÅÅÅ-MM-DD")


def _days(text: str) -> int:
    if not re.fullmatch(r"\d{1,4}", text) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} är inget antal dagar; skriv ett heltal från 1")
    return int(text)


def _year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text):
        raise argparse.ArgumentTypeError(f"{text!r} är inget årtal; skriv det som ÅÅÅÅ")
    return int(text)


_DATE = "ÅÅÅÅ-MM-DD"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="assistans",
        description="Assistansguiden för handläggare: anordnare, belopp, tidsfrister och åldrar.",
        epilog=EPILOG,
    )
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO", title="kommandon")
    commands.required = True

    def command(name: str, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help, epilog=EPILOG)
        sub.add_argument("--json", action="store_true", help="skriv svaret som ett JSON-objekt")
        return sub

    for name, what, help in (
        (
            "provider",
            "ORGNR_ELLER_NAMN",
            "Kan assistansersättning betalas för assistans från anordnaren?",
        ),
        ("payee", "ORGNR", "Kan ersättningen betalas ut direkt till anordnaren?"),
    ):
        sub = command(name, help)
        sub.add_argument("query", metavar=what, help="organisationsnummer eller namn")
        sub.add_argument(
            "--date",
            type=_iso_date,
            metavar=_DATE,
            help="dagen assistansen utförs (standard: i dag)",
        )
        sub.add_argument(
            "--personkrets", type=int, choices=(1, 2, 3), help="personkrets 1, 2 eller 3"
        )
        sub.add_argument("--age-group", choices=("children", "adults"), help="barn eller vuxna")
        sub.add_argument(
            "--informed",
            type=_iso_date,
            metavar=_DATE,
            help="dagen personen fick besked (underrättades) om att tillståndet upphört",
        )

    sub = command("amounts", "Schablonbeloppet och det högsta förhöjda timbeloppet för ett år.")
    sub.add_argument("--year", type=_year, metavar="ÅÅÅÅ", help="år (standard: i år)")
    sub = command("deadline", "Sista dag att anmäla en ändring.")
    sub.add_argument(
        "--change-date",
        type=_iso_date,
        required=True,
        metavar=_DATE,
        help="dagen personen fick veta om ändringen (oftast dagen den inträffade)",
    )
    sub = command("age", "Vad gäller vid 18 år och vid åldersgränsen?")
    sub.add_argument(
        "--birth-date", type=_iso_date, required=True, metavar=_DATE, help="födelsedatum"
    )
    sub.add_argument(
        "--today", type=_iso_date, metavar=_DATE, help="dagens datum (standard: i dag)"
    )
    sub = command("insights", "Vad frågar folk, vad besvaras och var lämnar de samtalet?")
    sub.add_argument(
        "--days", type=_days, default=30, metavar="N", help="de senaste N dagarna (standard: 30)"
    )
    sub.add_argument(
        "--db-url",
        metavar="URL",
        help="samtalsdatabasen (standard: ASSISTANS_TRACKER_DB_URL, DB_*-variablerna "
        "eller .data/conversations.sqlite)",
    )
    sub = command(
        "import-providers", "Läs in anordnarregistret från en CSV-fil (allt eller inget)."
    )
    sub.add_argument("file", metavar="FIL.csv", help="CSV-fil enligt registrets format")
    sub.add_argument(
        "--replace", action="store_true", help="ta bort anordnare som inte finns i filen"
    )
    return parser


def today() -> date:
    """$ASSISTANS_TODAY when set (tests, demos), else the real date."""
    fixed = os.environ.get("ASSISTANS_TODAY")
    if not fixed:
        return date.today()
    try:
        return _iso_date(fixed)
    except argparse.ArgumentTypeError as error:
        raise UsageError(f"ASSISTANS_TODAY: {error}.") from None


# --- commands ------------------------------------------------------------------


def _service(*, load_sample: bool = True) -> Any:
    # Imported here so amounts, deadline and age start without SQLAlchemy.
    from assistansguiden.registry.service import RegistryService

    return RegistryService(load_sample=load_sample)


def _provider(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    service = _service()
    try:
        decision: Decision = service.decide(
            args.query,
            args.date or today(),
            question=args.command,
            personkrets=args.personkrets,
            age_group=args.age_group,
            informed=args.informed,
        )
    finally:
        service.close()
    return decision.to_json(), render_decision(decision)


def _import(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    from assistansguiden.registry import ImportFailed

    service = _service(load_sample=False)  # an import replaces the sample, never adds it
    try:
        report = service.import_csv(args.file, replace=args.replace, progress=True)
    except ImportFailed as error:
        raise UsageError(f"Importen avbröts och registret är oförändrat.\n{error}") from None
    finally:
        service.close()
    data = {"file": args.file, "replace": args.replace, **vars(report)}
    text = (
        f"Importerade {report.total} anordnare från {args.file} "
        f"({report.inserted} nya, {report.updated} uppdaterade"
        + (f", {report.removed} borttagna" if args.replace else "")
        + ")."
    )
    return data, text


def _amounts(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    year = args.year or today().year
    try:
        amounts = hourly_amounts(year)
    except UnknownYear as error:
        raise UsageError(str(error)) from None
    text = "\n".join(
        [
            f"Timbelopp för {year}",
            f"Schablonbelopp: {format_kronor(amounts.standard_hourly_amount)} per timme.",
            f"Förhöjt timbelopp: högst {format_kronor(amounts.max_higher_hourly_amount)} per "
            f"timme ({format_percent(amounts.max_percent)} över schablonbeloppet).",
            *_sources(amounts.legal_refs),
        ]
    )
    return amounts.to_json(), text


def _deadline(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    try:
        deadline = report_deadline(args.change_date)
    except ParameterNotDecided as error:
        raise UsageError(str(error)) from None
    text = "\n".join([*render_deadline(deadline, today()), *_sources(deadline.legal_refs)])
    return deadline.to_json(), text


def render_deadline(deadline: Deadline, on: date) -> list[str]:
    """The last day, why it moved, and what to do if the change lies ahead or the day passed."""
    learned = format_date(deadline.change_date)
    last = format_date(deadline.deadline)
    status = deadline.status_on(on)
    if status == AHEAD:
        first = f"Ändringen sker {learned}. Anmäl den till Försäkringskassan så snart som möjligt."
    else:
        first = f"Personen fick veta om ändringen {learned}. Den ska anmälas till "
        first += "Försäkringskassan så snart som möjligt."
    lines = [f"{first} Sista dagen är {last}."]
    if deadline.moved:
        lines.append(moved_sentence(deadline))
    if status == PASSED:
        lines.append("Sista dagen har passerat. Anmäl ändringen ändå så snart som möjligt.")
    return lines


_STAGES = {"child": "barn", "adult": "vuxen", "past_age_limit": "har nått åldersgränsen"}


def _age(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    on = args.today or today()
    try:
        stage = age_stage(args.birth_date, on)
    except (ValueError, ParameterNotDecided) as error:
        raise UsageError(str(error)) from None
    text = "\n".join(
        [
            f"Född {format_date(stage.birth_date)}: {stage.age} år den {format_date(stage.today)}.",
            f"Skede: {_STAGES.get(stage.stage, stage.stage)}.",
            f"18 år: {format_date(stage.turns_18)}.",
            f"Åldersgräns: {stage.age_limit} år, som nås {format_date(stage.reaches_age_limit)}.",
            *_numbered("Nästa steg:", [*stage.next_steps, *stage.notes]),
            *_sources(stage.legal_refs),
        ]
    )
    return stage.to_json(), text


class TrackerStoreUnavailableError(Exception):
    """The conversations could not be read; the message is Swedish."""


def _insights(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    # Imported here so the other commands start without SQLAlchemy.
    from sqlalchemy.exc import SQLAlchemyError

    from assistansguiden.insights import Period, read_report
    from assistansguiden.insights.render import render_report
    from assistansguiden.settings import tracker_db_url

    period = Period.ending(today(), args.days)
    try:
        report = read_report(args.db_url or tracker_db_url(), period)
    except SQLAlchemyError as error:
        raise TrackerStoreUnavailableError(
            "samtalsdatabasen kunde inte läsas. Kontrollera ASSISTANS_TRACKER_DB_URL "
            f"eller DB_*-variablerna.\nTekniskt fel: {type(error).__name__}"
        ) from None
    return report.to_json(), render_report(report)


# --- text for a person on the phone ---------------------------------------------


def render_decision(decision: Decision) -> str:
    lines: list[str] = []
    if decision.provider:
        lines.append(f"{decision.provider.name} ({decision.provider.org_nr})")
    lines.append(f"Gäller assistans som utförs {format_date(decision.as_of)}.")
    lines += ["", decision.summary]
    if decision.candidates:
        lines += ["", "Flera anordnare passar. Fråga vilken som menas:"]
        lines += [f"  {i}. {c.name} ({c.org_nr})" for i, c in enumerate(decision.candidates, 1)]
    if decision.reasons and not decision.candidates:  # its one reason repeats the list
        lines += ["", "Skäl:"]
        lines += [f"  {_mark(r, decision)} {r.render()}" for r in decision.reasons]
    lines += _numbered("Nästa steg:", decision.next_steps)
    lines += ["", f"Kod: {', '.join(decision.codes)}"]
    return "\n".join(lines)


def _mark(reason: Reason, decision: Decision) -> str:
    # A reason that is neither met nor a finding was not checked (group unknown).
    if reason.met:
        return "✓"
    return "✗" if reason.code in decision.codes else "?"


def _numbered(title: str, items: Sequence[str]) -> list[str]:
    return ["", title, *(f"  {i}. {item}" for i, item in enumerate(items, 1))] if items else []


def _sources(refs: Sequence[str]) -> list[str]:
    return ["", "Källor:", *(f"  - {ref}" for ref in refs)] if refs else []


# --- main ----------------------------------------------------------------------

HANDLERS: dict[str, Callable[[argparse.Namespace], tuple[dict[str, Any], str]]] = {
    "provider": _provider,
    "payee": _provider,
    "amounts": _amounts,
    "deadline": _deadline,
    "age": _age,
    "insights": _insights,
    "import-providers": _import,
}


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help and on errors
        return int(exit_.code or 0)
    try:
        data, text = HANDLERS[args.command](args)
    except UsageError as error:
        print(f"assistans {args.command}: {error}", file=sys.stderr)
        return EXIT_UNUSABLE_INPUT
    except RegistryUnavailable as error:
        print(
            f"assistans {args.command}: anordnarregistret kunde inte nås. Försök igen senare "
            "eller kontakta den som sköter registret.\n"
            f"Tekniskt fel: {type(error.__cause__).__name__}",
            file=sys.stderr,
        )
        return EXIT_REGISTRY_UNAVAILABLE
    except TrackerStoreUnavailableError as error:
        print(f"assistans {args.command}: {error}", file=sys.stderr)
        return EXIT_REGISTRY_UNAVAILABLE
    if args.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(text + "\n")
    return EXIT_DECIDED


if __name__ == "__main__":
    sys.exit(main())
