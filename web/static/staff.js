/*
 * Assistansguiden, staff view: the chat (with the codes and legal references behind
 * each decision the bot sends as a custom payload {"decision": {...}}), a direct
 * provider look-up against /api/provider, and what the rest of the command line does:
 * the hourly amounts of a year (/api/amounts), the last day to report a change
 * (/api/deadline) and the age dates (/api/age), each with its legal references and what
 * the chat says. All text is inserted as text, never HTML.
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

  // --- the forms ------------------------------------------------------------------------

  /** Errors beside their fields and a status line, for a look-up form. */
  function formParts(form, status) {
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

    return { clearErrors: clearErrors, setStatus: setStatus, fieldError: fieldError };
  }

  /** GET path → a promise of {status, body}; body is {} when the answer is no JSON. */
  function getJson(path, signal) {
    return fetch(path, { headers: { Accept: "application/json" }, signal: signal }).then(
      function (response) {
        return response.json().then(
          function (body) { return { status: response.status, body: body }; },
          function () { return { status: response.status, body: {} }; }
        );
      }
    );
  }

  function showPanel(result, panel) {
    result.textContent = "";
    result.appendChild(panel);
    var title = panel.querySelector(".decision__title");
    title.tabIndex = -1;
    title.focus(); // the answer is read from its title on; the form stays above
  }

  function startLookup(form) {
    var status = document.querySelector("[data-lookup-status]");
    var result = document.querySelector("[data-lookup-result]");
    var pending = null;
    var parts = formParts(form, status);
    var clearErrors = parts.clearErrors, setStatus = parts.setStatus, fieldError = parts.fieldError;

    function show(decision, query) {
      var panel = renderDecision(decision, {
        level: 3,
        title: decision.provider ? null : "Sökning: ”" + query + "”",
        onCandidate: function (candidate) {
          form.elements.q.value = candidate.org_nr;
          lookup();
        },
      });
      showPanel(result, panel);
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
      getJson("api/provider?" + params.toString(), controller ? controller.signal : undefined)
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

  // --- amounts, deadline and age: what the rest of the command line does ---------------

  var STAGES = { child: "barn", adult: "vuxen", past_age_limit: "har nått åldersgränsen" };

  function kronor(value) {
    return Number(value).toFixed(2).replace(".", ",") + " kr per timme";
  }

  function factList(pairs) {
    var facts = el("dl", "decision__facts");
    pairs.forEach(function (pair) {
      facts.appendChild(el("dt", null, pair[0]));
      facts.appendChild(el("dd", null, pair[1]));
    });
    return facts;
  }

  /** What the chat says on the same question: each topic's title and its messages. */
  function chatSays(chat, level) {
    var part = el("div", "chat-says");
    part.appendChild(el("h" + level, null, "Så svarar chatten"));
    (Array.isArray(chat) ? chat : []).forEach(function (topic) {
      if (!topic || typeof topic.title !== "string") return;
      part.appendChild(el("h" + Math.min(level + 1, 6), null, topic.title));
      strings(topic.texts).forEach(function (text) {
        var said = el("p", "chat-says__text");
        window.Assistansguiden.appendText(said, text);
        part.appendChild(said);
      });
    });
    return part;
  }

  function sources(panel, refs, level) {
    refs = strings(refs);
    if (!refs.length) return;
    panel.appendChild(el("h" + level, null, "Lagrum"));
    panel.appendChild(list("ul", refs));
  }

  var FACTS = {
    amounts: function (body) {
      var panel = el("div", "decision decision--ok");
      panel.appendChild(el("h3", "decision__title", "Timbelopp " + body.year));
      panel.appendChild(factList([
        ["Schablonbelopp", kronor(body.standard_hourly_amount)],
        ["Högsta förhöjda timbelopp", kronor(body.max_higher_hourly_amount)],
      ]));
      sources(panel, body.legal_refs, 4);
      panel.appendChild(chatSays(body.chat, 4));
      return panel;
    },
    deadline: function (body) {
      var panel = renderDeadline(body, { level: 3 });
      panel.appendChild(chatSays(body.chat, 4));
      return panel;
    },
    age: function (body) {
      var panel = el("div", "decision decision--ok");
      panel.appendChild(el("h3", "decision__title", "Född " + swedishDate(body.birth_date)));
      panel.appendChild(factList([
        ["Räknat den", swedishDate(body.today)],
        ["Ålder", body.age + " år"],
        ["Skede", STAGES[body.stage] || String(body.stage)],
        ["Fyller 18 år", swedishDate(body.turns_18, true)],
        ["Åldersgräns", body.age_limit + " år"],
        ["Når åldersgränsen", swedishDate(body.reaches_age_limit, true)],
      ]));
      var steps = strings(body.next_steps);
      if (steps.length) {
        panel.appendChild(el("h4", null, "Nästa steg"));
        panel.appendChild(list("ol", steps));
      }
      sources(panel, body.legal_refs, 4);
      panel.appendChild(chatSays(body.chat, 4));
      return panel;
    },
  };

  function startFactForm(form) {
    var kind = form.getAttribute("data-fact-form");
    var section = form.parentNode;
    var status = section.querySelector("[data-fact-status]");
    var result = section.querySelector("[data-fact-result]");
    var parts = formParts(form, status);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      parts.clearErrors();
      var params = new URLSearchParams();
      Array.prototype.forEach.call(form.elements, function (field) {
        var value = String(field.value || "").trim();
        if (field.name && value) params.set(field.name, value);
      });
      parts.setStatus("Söker …", false);
      getJson("api/" + kind + "?" + params.toString())
        .then(function (answer) {
          if (answer.status === 200) {
            parts.setStatus("", false);
            showPanel(result, FACTS[kind](answer.body));
          } else if (answer.status === 400) {
            parts.fieldError(answer.body.field || "", answer.body.error || "Uppgiften går inte att använda.");
          } else {
            parts.setStatus(answer.body.error || "Uppslaget misslyckades (fel " + answer.status + ").", true);
          }
        })
        .catch(function () {
          parts.setStatus("Det gick inte att nå servern. Kontrollera anslutningen och försök igen.", true);
        });
    });
  }

  window.AssistansguidenStaff = {
    renderDecision: renderDecision,
    renderFact: function (kind, body) { return FACTS[kind](body); },
  };

  function init() {
    var form = document.querySelector("[data-lookup-form]");
    if (form) startLookup(form);
    Array.prototype.forEach.call(document.querySelectorAll("[data-fact-form]"), startFactForm);
    var chat = document.querySelector("[data-chat]");
    if (chat && window.Assistansguiden) {
      window.Assistansguiden.start(chat, {
        storageKey: "staff",
        feedback: false, // staff test the chat; their clicks would be counted as people's
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
