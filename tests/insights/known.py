"""Known conversations for the insights tests, written the way Rasa writes them, and every
figure the report must give for them.

The events are Rasa's own (rasa.shared.core.events), in the order Rasa's processor logs
them (the action, then its events), saved by Rasa's plain SQLTrackerStore, which masks
nothing: the report must mask the texts itself. Period: the 7 days ending 2026-11-23,
Swedish time.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from assistansguiden.insights import Period

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PERIOD = Period.ending(date(2026, 11, 23), 7)  # 17-23 November


class Talk:
    """One sender's events, each a few seconds after the one before."""

    def __init__(self, sender: str, start: datetime) -> None:
        self.sender = sender
        self.clock = start.timestamp()
        self.events: list[Event] = []

    def _add(self, event: Event) -> Talk:
        self.clock += 2
        event.timestamp = self.clock
        self.events.append(event)
        return self

    def session(self) -> Talk:
        self._add(ActionExecuted("action_session_start"))
        self._add(SessionStarted())
        return self.listen()

    def listen(self) -> Talk:
        return self._add(ActionExecuted("action_listen"))

    def user(self, text: str, intent: str, **entities: str) -> Talk:
        found = [{"entity": name, "value": value} for name, value in entities.items()]
        parse = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": found}
        return self._add(UserUttered(text, parse["intent"], found, parse))

    def action(self, name: str) -> Talk:
        return self._add(ActionExecuted(name))

    def bot(self, text: str, utter: str | None = None, buttons: list[str] | None = None) -> Talk:
        data = {"buttons": [{"title": p, "payload": p} for p in buttons]} if buttons else {}
        return self._add(BotUttered(text, data, {"utter_action": utter} if utter else {}))

    def down(self) -> Talk:
        """What bot/addons/action_fallback.py says when the action server does not answer."""
        return self._add(
            BotUttered("Jag kan inte kontrollera det just nu.", {}, {"action_server": "down"})
        )

    def loop(self, name: str | None) -> Talk:
        return self._add(ActiveLoop(name))

    def slot(self, name: str, value: Any) -> Talk:
        return self._add(SlotSet(name, value))

    def answer(self, utter: str) -> Talk:
        return self.action(utter).bot("…", utter).listen()

    def feedback(self, value: str, intent: str) -> Talk:
        payload = f'/feedback{{"feedback_value":"{value}","rated_intent":"{intent}"}}'
        self.user(payload, "feedback", feedback_value=value, rated_intent=intent)
        self.action("action_record_feedback")
        self.slot("feedback_value", value).slot("rated_intent", intent)
        return self.bot("Tack!", "utter_feedback_thanks").listen()


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=STOCKHOLM)


def conversations() -> list[Talk]:
    talks = []
    # A: a question answered, rated "ja", then thanks (small talk, no topic).
    a = Talk("sender-a", at(20, 10)).session()
    a.user("Hur ansöker jag?", "ask_apply").answer("utter_ask_apply")
    a.feedback("ja", "ask_apply")
    a.user("tack", "thank").answer("utter_thank")
    talks.append(a)

    # B: the provider form, finished; rated "nej"; "Menade du …?" and a topic chosen.
    b = Talk("sender-b", at(21, 9)).session()
    b.user("kolla en anordnare", "check_provider").action("provider_form")
    b.loop("provider_form").slot("requested_slot", "provider_query")
    b.bot("Vilket organisationsnummer?", "utter_ask_provider_query").listen()
    b.user("559901-0013", "inform", org_nr="559901-0013").action("provider_form")
    b.slot("provider_query", "559901-0013").slot("requested_slot", "personkrets")
    b.bot("Vilken personkrets?").listen()
    b.user("1", "inform").action("provider_form").slot("personkrets", "1")
    b.slot("requested_slot", "age_group").bot("Barn eller vuxen?").listen()
    b.user("vuxen", "inform").action("provider_form").slot("age_group", "adults")
    b.loop(None).slot("requested_slot", None)
    b.action("action_check_provider").bot("Ja. Anordnaren har tillstånd.").listen()
    b.feedback("nej", "check_provider")
    b.bot("Ring 0771-524 524.", "utter_feedback_no")
    b.bot(
        "Menade du kanske något av det här?",
        "utter_feedback_did_you_mean",
        ["/ask_choose_provider", "/ask_payee", "/out_of_scope"],
    ).listen()
    b.user("/ask_choose_provider", "ask_choose_provider").answer("utter_ask_choose_provider")
    talks.append(b)

    # C: the payee form, cancelled while it asks for personkrets.
    c = Talk("sender-c", at(21, 14)).session()
    c.user("betala till anordnaren", "ask_payee").action("payee_form").loop("payee_form")
    c.slot("requested_slot", "provider_query").bot("Vilken anordnare?").listen()
    c.user("Solstrålen", "inform").action("payee_form").slot("provider_query", "559901-0013")
    c.slot("requested_slot", "personkrets").bot("Vilken personkrets?").listen()
    c.user("avbryt", "deny").action("action_deactivate_loop").loop(None)
    c.slot("requested_slot", None).action("utter_flow_cancelled").bot("Okej.").listen()
    talks.append(c)

    # D: the birth date form left open; a new session the next day: an unclear message,
    # "Menade du …?", and "Inget av dem".
    d = Talk("sender-d", at(22, 20)).session()
    d.user("när barnet fyller 18", "ask_turning_18").action("action_answer_turning_18")
    d.bot("Vid 18 …", "utter_turning_18").action("birth_date_form").loop("birth_date_form")
    d.slot("requested_slot", "birth_date").bot("När är barnet fött?").listen()
    d.clock = at(23, 8).timestamp()
    d.session()
    d.user("vad kostar en hund", "nlu_fallback").action("action_explain_unclear_message")
    d.bot("Menade du …?", "utter_did_you_mean", ["/ask_hourly_amount", "/out_of_scope"])
    d.listen()
    d.user("/out_of_scope", "out_of_scope").answer("utter_out_of_scope")
    talks.append(d)

    # E, F, G: the same unanswered question, written three ways; two write a phone
    # number (2 senders: never shown), all three a personnummer (shown, masked).
    for sender, hund in (
        ("e", "Vad kostar en hund?"),
        ("f", "vad  kostar en HUND."),
        ("g", "VAD KOSTAR EN HUND"),
    ):
        t = Talk(f"sender-{sender}", at(23, 11)).session()
        t.user(hund, "nlu_fallback").action("action_explain_unclear_message").bot(
            "…", "utter_default"
        )
        t.listen()
        t.user("mitt personnummer är 850412-1234", "out_of_scope").answer("utter_out_of_scope")
        if sender != "g":
            t.user("ring mig på 070-123 45 67", "out_of_scope").answer("utter_out_of_scope")
        talks.append(t)

    # H: the action server down while answering: asked, not answered.
    h = Talk("sender-h", at(23, 23, 30)).session()  # 22:30 UTC, still the 23rd in Sweden
    h.user("timbeloppet?", "ask_hourly_amount").action("action_answer_hourly_amount").down()
    h.listen()
    talks.append(h)

    # J: an aside inside the provider form (answered), then the person leaves at personkrets.
    j = Talk("sender-j", at(17, 0, 30)).session()  # 23:30 UTC on the 16th: the first day
    j.user("gäller tillståndet", "check_provider").action("provider_form").loop("provider_form")
    j.slot("requested_slot", "provider_query").bot("Vilken anordnare?").listen()
    j.user("559901-0013", "inform").action("provider_form").slot("provider_query", "559901-0013")
    j.slot("requested_slot", "personkrets").bot("Vilken personkrets?").listen()
    j.user("vad är LSS", "ask_what_is").action("utter_ask_what_is").bot(
        "LSS är …", "utter_ask_what_is"
    )
    j.action("provider_form").slot("requested_slot", "personkrets").bot("Vilken personkrets?")
    j.listen()
    talks.append(j)

    # K: before the period (23:30 on the 16th in Sweden): not counted.
    k = Talk("sender-k", at(16, 23, 30)).session()
    k.user("Hur ansöker jag?", "ask_apply").answer("utter_ask_apply")
    talks.append(k)
    return talks


def run(coroutine: Any) -> Any:
    """asyncio.run, also where an event loop already runs in this thread (Playwright's)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def write(store_kwargs: dict[str, Any]) -> None:
    """The known conversations in a tracker store's database, as Rasa writes them."""
    store = SQLTrackerStore(Domain.empty(), **store_kwargs)
    try:
        for talk in conversations():
            tracker = DialogueStateTracker(talk.sender, [])
            for event in talk.events:
                tracker.update(event)
            run(store.save(tracker))
    finally:
        store.engine.dispose()


def per_day(**figures: tuple[int, int]) -> list[dict[str, Any]]:
    days = [f"2026-11-{day}" for day in range(17, 24)]
    return [
        {
            "date": d,
            "conversations": figures.get(f"d{d[-2:]}", (0, 0))[0],
            "messages": figures.get(f"d{d[-2:]}", (0, 0))[1],
        }
        for d in days
    ]


# Messages exclude feedback clicks: A 2, B 5, C 3, D 1 + 2, E 3, F 3, G 2, H 1, J 3 = 25.
EXPECTED: dict[str, Any] = {
    "period": {"from": "2026-11-17", "to": "2026-11-23", "days": 7},
    "conversations": 10,  # D has two sessions; K is before the period
    "messages": 25,
    "per_day": per_day(d17=(1, 3), d20=(1, 2), d21=(2, 8), d22=(1, 1), d23=(5, 11)),
    "topics": [
        {"intent": "check_provider", "asked": 2, "answered": 1, "answered_share": 0.5},
        {"intent": "ask_apply", "asked": 1, "answered": 1, "answered_share": 1.0},
        {"intent": "ask_choose_provider", "asked": 1, "answered": 1, "answered_share": 1.0},
        {"intent": "ask_what_is", "asked": 1, "answered": 1, "answered_share": 1.0},
        {"intent": "ask_hourly_amount", "asked": 1, "answered": 0, "answered_share": 0.0},
        {"intent": "ask_payee", "asked": 1, "answered": 0, "answered_share": 0.0},
        {"intent": "ask_turning_18", "asked": 1, "answered": 0, "answered_share": 0.0},
    ],
    "fallback": {"messages": 4, "rate": 0.16},
    "out_of_scope": {"messages": 6, "rate": 0.24},
    "did_you_mean": {"offered": 2, "chosen": 1, "none_of_them": 1, "chosen_share": 0.5},
    "forms": [
        {
            "form": "birth_date_form",
            "started": 1,
            "finished": 0,
            "abandoned": 1,
            "left_at": {"birth_date": 1},
        },
        {
            "form": "payee_form",
            "started": 1,
            "finished": 0,
            "abandoned": 1,
            "left_at": {"personkrets": 1},
        },
        {
            "form": "provider_form",
            "started": 2,
            "finished": 1,
            "abandoned": 1,
            "left_at": {"personkrets": 1},
        },
    ],
    "feedback": [
        {"intent": "ask_apply", "ja": 1, "nej": 0, "ja_share": 1.0},
        {"intent": "check_provider", "ja": 0, "nej": 1, "ja_share": 0.0},
    ],
    "unanswered": [
        {"text": "vad kostar en hund", "messages": 4, "senders": 4},
        {"text": "mitt personnummer är [personnummer]", "messages": 3, "senders": 3},
    ],
    "unanswered_min_senders": 3,
}
