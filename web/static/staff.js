/*
 * Assistansguiden, staff view: the chat (with the codes and legal references behind
 * each decision the bot sends as a custom payload {"decision": {...}}) and a direct
 * provider look-up against /api/provider. All text is inserted as text, never HTML.
 */
(function () {
  "use strict";

  var QUESTIONS = {
    provider: "Kan ersättning lämnas för assistans från anordnaren?",
    payee: "Kan ersättningen betalas ut direkt till anordnaren?",
    eligibility: "Kan personen ha rätt till assistansersättning?",
    deadline: "Vilken dag är sista dagen att anmäla ändringen?",
  };
  var MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
    "september", "oktober", "november", "december"];
  var WEEKDAYS = ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"];
  // Why the last day moved to the next weekday (2 § lagen (1930:173)).
  var MOVES = {
    NOT_MOVED: "nej",
    MOVED_WEEKEND: "ja, dag 14 är en lördag eller söndag",
    MOVED_HOLIDAY: "ja, dag 14 är en helgdag eller helgafton",
  };

  /** "2026-12-28" → "måndag 28 december 2026" (with the weekday when asked). */
  function swedishDate(iso, withWeekday) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ""));
    if (!match) return String(iso || "");
    var year = Number(match[1]), month = Number(match[2]), day = Number(match[3]);
    var text = day + " " + MONTHS[month - 1] + " " + year;
    if (!withWeekday) return text;
    return WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] + " " + text;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function strings(value) {
    return Array.isArray(value) ? value.filter(function (v) { return typeof v === "string"; }) : [];
  }

  function list(tag, items) {
    var node = el(tag);
    items.forEach(function (item) {
      var li = el("li");
      window.Assistansguiden.appendText(li, item);
      node.appendChild(li);
    });
    return node;
  }

  /** The staff panel for a reporting deadline (question "deadline"). */
  function renderDeadline(deadline, options) {
    var level = options.level || 3;
    var panel = el("div", "decision decision--ok");
    panel.appendChild(el("h" + level, "decision__title", options.title || "Sista dag att anmäla"));
    if (typeof deadline.summary === "string") {
      panel.appendChild(el("p", "decision__summary", deadline.summary));
    }
    var facts = el("dl", "decision__facts");
    function fact(term, value) {
      facts.appendChild(el("dt", null, term));
      var dd = el("dd");
      if (value instanceof Node) dd.appendChild(value);
      else dd.textContent = String(value);
      facts.appendChild(dd);
    }
    fact("Fråga", QUESTIONS.deadline);
    if (typeof deadline.change_kind === "string" && deadline.change_kind) {
      fact("Ändring", deadline.change_kind);
    }
    fact("Räknat från", swedishDate(deadline.change_date, true));
    fact("Dag 14", swedishDate(deadline.counted_day, true));
    var move = MOVES[deadline.move] || String(deadline.move || "");
    if (typeof deadline.moved_because === "string") move += " (" + deadline.moved_because + ")";
    fact("Flyttad", move);
    fact("Sista dag", swedishDate(deadline.deadline, true));
    var codeList = el("span", "decision__codes");
    strings(deadline.codes).forEach(function (code) {
      codeList.appendChild(el("code", "code", code));
    });
    fact("Kod", codeList);
    panel.appendChild(facts);
    var refs = strings(deadline.legal_refs);
    if (refs.length) {
      panel.appendChild(el("h" + Math.min(level + 1, 6), null, "Lagrum"));
      panel.appendChild(list("ul", refs));
    }
    return panel;
  }

  function verdict(decision, codes) {
    if (codes.indexOf("AMBIGUOUS") >= 0) return "flera anordnare matchar, välj en";
    if (codes.indexOf("NOT_FOUND") >= 0) return "anordnaren finns inte i registret";
    if (codes.indexOf("INVALID_ORG_NR") >= 0) return "ogiltigt organisationsnummer";
    return decision.ok ? "ja" : "nej";
  }

  /**
   * The decision JSON as a panel. options.level: heading level of its title (3 or 4);
   * options.onCandidate(candidate): makes each AMBIGUOUS candidate a button.
   */
  function renderDecision(decision, options) {
    options = options || {};
    if (decision.question === "deadline") return renderDeadline(decision, options);
    var level = options.level || 3;
    var codes = strings(decision.codes);
    // A plain block, not a landmark: several panels in the chat must not become
    // look-alike regions; their headings are what screen reader users move by.
    var panel = el("div", "decision " + (decision.ok ? "decision--ok" : "decision--no"));
    var title = el("h" + level, "decision__title");
    var provider = decision.provider && typeof decision.provider === "object" ? decision.provider : null;
    title.textContent = options.title || (provider ? provider.name : "Besked från registret");
    panel.appendChild(title);

    panel.appendChild(el("p", "decision__verdict", "Besked: " + verdict(decision, codes) + "."));
    if (typeof decision.summary === "string") panel.appendChild(el("p", "decision__summary", decision.summary));

    var facts = el("dl", "decision__facts");
    function fact(term, value) {
      facts.appendChild(el("dt", null, term));
      var dd = el("dd");
      if (value instanceof Node) dd.appendChild(value);
      else dd.textContent = String(value);
      facts.appendChild(dd);
    }
    if (provider) fact("Anordnare", provider.name + " (" + provider.org_nr + ")");
    if (QUESTIONS[decision.question]) fact("Fråga", QUESTIONS[decision.question]);
    if (typeof decision.as_of === "string") fact("Gäller dag", swedishDate(decision.as_of, false));
    var codeList = el("span", "decision__codes");
    codes.forEach(function (code) {
      codeList.appendChild(el("code", "code", code));
    });
    fact(codes.length === 1 ? "Kod" : "Koder", codeList);
    panel.appendChild(facts);

    var sub = "h" + Math.min(level + 1, 6);
    var candidates = Array.isArray(decision.candidates) ? decision.candidates : [];
    if (candidates.length) {
      panel.appendChild(el(sub, null, "Anordnare som matchar"));
      var ul = el("ul", "candidates");
      candidates.forEach(function (candidate) {
        if (!candidate || typeof candidate.name !== "string") return;
        var li = el("li");
        var label = candidate.name + " (" + candidate.org_nr + ")";
        if (options.onCandidate) {
          var button = el("button", "button-secondary", label);
          button.type = "button";
          button.setAttribute("aria-label", "Slå upp " + label);
          button.addEventListener("click", function () {
            options.onCandidate(candidate);
          });
          li.appendChild(button);
        } else {
          li.textContent = label;
        }
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    var reasons = strings(decision.reasons);
    if (reasons.length && !candidates.length) {
      panel.appendChild(el(sub, null, "Skäl"));
      panel.appendChild(list("ul", reasons));
    }
    var refs = strings(decision.legal_refs);
    if (refs.length) {
      panel.appendChild(el(sub, null, "Lagrum"));
      panel.appendChild(list("ul", refs));
    }
    var steps = strings(decision.next_steps);
    if (steps.length) {
      panel.appendChild(el(sub, null, "Nästa steg"));
      panel.appendChild(list("ol", steps));
    }
    return panel;
  }

  // --- the look-up form ---------------------------------------------------------------

  function startLookup(form) {
    var status = document.querySelector("[data-lookup-status]");
    var result = document.querySelector("[data-lookup-result]");
    var pending = null;

    function clearErrors() {
      Array.prototype.forEach.call(form.querySelectorAll("[data-field-error]"), function (node) {
        node.textContent = "";
      });
      Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (node) {
        node.removeAttribute("aria-invalid");
      });
    }

    function setStatus(text, isError) {
      status.textContent = text;
      status.classList.toggle("lookup__status--error", Boolean(isError));
    }

    function fieldError(field, message) {
      var slot = form.querySelector('[data-field-error="' + field + '"]');
      var input = form.elements[field];
      if (slot && input && typeof input.focus === "function") {
        slot.textContent = message;
        input.setAttribute("aria-invalid", "true");
        input.focus();
        setStatus("Rätta uppgiften och försök igen.", true);
      } else {
        setStatus(message, true);
      }
    }

    function show(decision, query) {
      result.textContent = "";
      var panel = renderDecision(decision, {
        level: 3,
        title: decision.provider ? null : "Sökning: ”" + query + "”",
        onCandidate: function (candidate) {
          form.elements.q.value = candidate.org_nr;
          lookup();
        },
      });
      result.appendChild(panel);
      var title = panel.querySelector(".decision__title");
      title.tabIndex = -1;
      title.focus(); // the answer is read from its title on; the form stays above
    }

    function lookup() {
      clearErrors();
      var params = new URLSearchParams();
      ["q", "date", "personkrets", "age_group", "question"].forEach(function (name) {
        var field = form.elements[name]; // a RadioNodeList for "question"
        var value = String((field && field.value) || "").trim();
        if (value) params.set(name, value);
      });
      if (!params.get("q")) {
        fieldError("q", "Skriv ett organisationsnummer eller ett namn på en anordnare.");
        return;
      }
      if (pending) pending.abort();
      var controller = typeof AbortController === "function" ? new AbortController() : null;
      pending = controller;
      setStatus("Söker …", false);
      form.setAttribute("aria-busy", "true");
      fetch("api/provider?" + params.toString(), {
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          return response.json().then(
            function (body) { return { status: response.status, body: body }; },
            function () { return { status: response.status, body: {} }; }
          );
        })
        .then(function (answer) {
          form.removeAttribute("aria-busy");
          if (answer.status === 200) {
            setStatus("", false);
            show(answer.body, params.get("q"));
          } else if (answer.status === 400) {
            fieldError(answer.body.field || "", answer.body.error || "Uppgifterna går inte att använda.");
          } else {
            setStatus(answer.body.error || "Uppslaget misslyckades (fel " + answer.status + ").", true);
          }
        })
        .catch(function (error) {
          if (error && error.name === "AbortError") return;
          form.removeAttribute("aria-busy");
          setStatus("Det gick inte att nå servern. Kontrollera anslutningen och försök igen.", true);
        });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      lookup();
    });
  }

  window.AssistansguidenStaff = { renderDecision: renderDecision };

  function init() {
    var form = document.querySelector("[data-lookup-form]");
    if (form) startLookup(form);
    var chat = document.querySelector("[data-chat]");
    if (chat && window.Assistansguiden) {
      window.Assistansguiden.start(chat, {
        storageKey: "staff",
        renderDecision: function (decision) {
          return renderDecision(decision, { level: 3, title: "Underlag för handläggare" });
        },
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
