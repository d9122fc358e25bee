"""Ages and reporting deadlines in lättläst: the same answers as actions/render.py's
render_age and render_deadline, in short sentences with everyday words (see
actions/easy_read.py for the decisions)."""

from __future__ import annotations

from datetime import date, timedelta

from actions.easy_read import PHONE, lines
from actions.render import ChatMessage, intent_payload
from assistansguiden.law import AgeStage, Deadline, format_date
from assistansguiden.law.deadline import AHEAD, PASSED
from assistansguiden.law.refs import FK_PHONE
from assistansguiden.text.change_kinds import OTHER, change_kind_label

OTHER_LABEL = change_kind_label(OTHER)


# --- ages -------------------------------------------------------------------------------


def _age_steps(stage: AgeStage) -> list[str]:
    reached = format_date(stage.reaches_age_limit)
    last = format_date(stage.reaches_age_limit - timedelta(days=1))
    texts = {
        "APPLY_BEFORE_AGE_LIMIT": lines(
            "Har du inte pengar för assistans i dag?",
            f"Då måste din ansökan komma fram senast {last}.",
        ),
        "NO_MORE_HOURS_FROM": lines(
            f"Från {reached} kan du inte få fler timmar.", "Du får behålla de timmar du har."
        ),
        "AGE_LIMIT_REACHED": lines(
            "Du kan inte få fler timmar.", "Men du får behålla de timmar du har."
        ),
    }
    found = [texts[s.code] for s in stage.next_steps if s.code in texts]
    if stage.notes:  # the limit is the riktålder of a year not decided yet
        found.append(
            lines(
                f"Gränsen {stage.age_limit} år kan ändras.",
                f"Den är inte bestämd än för år {stage.reaches_age_limit.year}.",
            )
        )
    return found


def render_age(stage: AgeStage, topic: str, adult_age: int) -> list[ChatMessage]:
    """Like render.render_age: turning 18 (topic "18") or the age limit (topic "66")."""
    if topic == "18":
        return _render_18(stage, adult_age)
    limit = stage.age_limit
    if stage.stage == "past_age_limit":
        first = lines(
            f"Gränsen för dig är {limit} år.",
            f"Du fyllde {limit} år {format_date(stage.reaches_age_limit)}.",
        )
    else:
        first = lines(
            f"Gränsen för dig är {limit} år.",
            f"Du fyller {limit} år {format_date(stage.reaches_age_limit)}.",
        )
    return [ChatMessage(first), ChatMessage(lines("Det här gäller:", *_age_steps(stage), PHONE))]


def _render_18(stage: AgeStage, adult_age: int) -> list[ChatMessage]:
    turns = format_date(stage.turns_18)
    if stage.stage == "child":
        first = lines(
            f"Barnet fyller {adult_age} år {turns}.", "Pengarna för assistans finns kvar."
        )
        before = "Gör det här före födelsedagen:"
    else:
        first = lines(
            f"Personen fyllde {adult_age} år {turns}.", "Pengarna för assistans finns kvar."
        )
        before = "Det här behöver vara klart:"
    happens = lines(
        "Nu bestämmer den unga vuxna själv.",
        "Annars kan en god man eller någon annan hjälpa till.",
        "Föräldrar ger sina barn en del hjälp.",
        "Den hjälpen räknas inte bort längre.",
        "Anordnaren måste ha tillstånd att ge assistans till vuxna.",
    )
    todo = lines(
        "Titta om anordnarens tillstånd gäller vuxna.",
        "Ring Försäkringskassan i god tid och berätta vad som ändras.",
        f"Numret är {FK_PHONE}.",
    )
    buttons = [
        {
            "title": "Gäller tillståndet vuxna?",
            "payload": intent_payload("check_provider", age_group="adults"),
        },
        {"title": "Ombud och god man", "payload": "/ask_representative"},
    ]
    messages = [ChatMessage(lines(first, happens))]
    if stage.stage == "past_age_limit":
        return messages + [ChatMessage(lines(*_age_steps(stage)))]
    return messages + [ChatMessage(lines(before, todo), buttons)]


# --- deadlines --------------------------------------------------------------------------


def render_deadline(deadline: Deadline, today: date, kind_label: str) -> list[ChatMessage]:
    """Like render.render_deadline: the last day, why it moved, how to report."""
    when = format_date(deadline.change_date)
    last = format_date(deadline.deadline)
    kind = f"{kind_label}." if kind_label and kind_label != OTHER_LABEL else ""
    later = lines(
        "Fick du veta det senare?", f"Då räknas de {deadline.days} dagarna från den dagen."
    )
    moved = ""
    if deadline.moved:
        moved = lines(
            f"Dag {deadline.days} är en ledig dag.", "Därför är sista dagen nästa vardag."
        )
    status = deadline.status_on(today)
    if status == AHEAD:
        text = lines(
            kind,
            f"Det ändras {when}.",
            "Berätta det för Försäkringskassan så fort du kan.",
            "Du kan göra det redan nu.",
            f"Sista dagen är {last}.",
            moved,
        )
    elif status == PASSED:
        text = lines(
            kind,
            f"Det ändrades {when}.",
            f"Sista dagen var {last}.",
            moved,
            "Berätta det ändå så fort du kan.",
            "Det är bättre sent än aldrig.",
            later,
        )
    else:
        text = lines(
            kind,
            f"Det ändrades {when}.",
            "Berätta det för Försäkringskassan så fort du kan.",
            f"Sista dagen är {last}.",
            moved,
            later,
        )
    return [ChatMessage(text), ChatMessage(response="utter_how_to_report")]
