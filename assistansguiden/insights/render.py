"""The insights report as Swedish text for the command line (`assistans insights`).

Topics, forms and questions are named by their codes (intent, form and slot names), as in
the JSON, so a reader can find them in bot/domain/ and data/.
"""

from __future__ import annotations

from assistansguiden.insights.report import MIN_SENDERS, Report, share
from assistansguiden.law.dates import format_date
from assistansguiden.law.numbers import format_number


def percent(part: int, whole: int) -> str:
    """'25 %' (one decimal at most), '–' when there is nothing to divide."""
    value = share(part, whole)
    return "–" if value is None else f"{format_number(round(value * 100, 1))} %"


def times(count: int) -> str:
    return f"{count} gång" if count == 1 else f"{count} gånger"


def render_report(report: Report) -> str:
    period = report.period
    lines = [
        f"Insikter {format_date(period.first)}–{format_date(period.last)} ({period.days} dagar)",
        f"Samtal: {report.conversations}. Meddelanden: {report.messages}.",
        f"Inte förstått (fallback): {report.fallback} "
        f"({percent(report.fallback, report.messages)}).",
        f"Utanför ämnet: {report.out_of_scope} ({percent(report.out_of_scope, report.messages)}).",
        f"”Menade du …?” visades {times(report.offered)}; ett av förslagen valdes "
        f"{times(report.chosen)} ({percent(report.chosen, report.offered)}), "
        f"”Inget av dem” {times(report.none_of_them)}.",
        "",
        "Per dag (datum: samtal, meddelanden):",
        *(f"  {d.day.isoformat()}: {d.conversations}, {d.messages}" for d in report.per_day),
    ]
    if report.topics:
        lines += ["", "Ämnen (frågor, besvarade, andel besvarade):"]
        lines += [
            f"  {t.intent}: {t.asked}, {t.answered}, {percent(t.answered, t.asked)}"
            for t in report.topics
        ]
    if report.forms:
        lines += ["", "Formulär (påbörjade, slutförda, avbrutna; var de avbröts):"]
        for form in report.forms:
            where = ", ".join(f"{slot} {n}" for slot, n in form.left_at.items())
            lines.append(
                f"  {form.form}: {form.started}, {form.finished}, {form.abandoned}"
                + (f" ({where})" if where else "")
            )
    if report.feedback:
        lines += ["", "Hjälpte svaret? (ja, nej):"]
        lines += [f"  {f.intent}: {f.yes}, {f.no}" for f in report.feedback]
    lines += ["", f"Vanligaste meddelanden utan svar (från minst {MIN_SENDERS} avsändare):"]
    if report.unanswered:
        lines += [f"  {u.messages} × ”{u.text}” ({u.senders} avsändare)" for u in report.unanswered]
    else:
        lines.append("  inga")
    return "\n".join(lines)
