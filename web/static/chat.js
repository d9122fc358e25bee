/*
 * Assistansguiden: the chat widget. Talks to Rasa's socket.io channel
 * (bot/credentials.yml: user_uttered / bot_uttered, session_persistence true).
 *
 * - The session id (issued and signed by the server, valid for 24 hours) lives in
 *   sessionStorage and is sent in `session_request`, so Rasa continues the same
 *   conversation after a reload; it is forgotten when the tab is closed or it expires.
 * - The rendered transcript lives in sessionStorage and is redrawn on load.
 * - Bot text is always inserted as text (textContent / text nodes), never as HTML.
 * - After a complete answer the server sends {"feedback": {"intent": "..."}}; the page
 *   then asks "Hjälpte svaret?" with Ja / Nej (not on the staff view).
 * - Rasa URL: ?rasa= when its origin is one the server configured (<html
 *   data-rasa-origins>, the same list its Content-Security-Policy allows), else
 *   <html data-rasa-url>, else port 5005 on the page's own host.
 */
(function () {
  "use strict";

  var SESSION_KEY = "assistansguiden.session.";
  // The server accepts a session id for 24 hours from its issue (privacy/sessions.py).
  var SESSION_MAX_AGE_MS = 24 * 60 * 60 * 1000;
  var TRANSCRIPT_KEY = "assistansguiden.transcript.";
  var MAX_ENTRIES = 200;
  var MAX_MESSAGE = 500;
  var REPLY_TIMEOUT_MS = 20000;
  var CONNECTING_NOTICE_MS = 1500;
  var URL_PATTERN = /https?:\/\/[^\s<>"]+/g;

  var TEXT = {
    you: "Du",
    bot: "Assistansguiden",
    choices: "Svarsalternativ",
    connecting: "Ansluter till assistenten …",
    lost: "Anslutningen till assistenten bröts. Försöker ansluta igen …",
    unreachable:
      "Det går inte att nå assistenten just nu. Försöker igen … " +
      "Du kan också ringa Försäkringskassan på 0771-524 524.",
    noLibrary:
      "Chatten kunde inte starta. Ladda om sidan eller ring Försäkringskassan på 0771-524 524.",
    slow:
      "Assistenten har inte svarat ännu. Vänta en stund eller skriv din fråga igen.",
    restarted: "En ny konversation har startats.",
    tooLong: "Frågan är för lång. Skriv högst " + MAX_MESSAGE + " tecken.",
    feedbackQuestion: "Hjälpte svaret?",
    feedbackYes: "Ja",
    feedbackNo: "Nej",
    feedbackYesSent: "Ja, svaret hjälpte",
    feedbackNoSent: "Nej, svaret hjälpte inte",
  };

  // --- settings --------------------------------------------------------------------

  function httpUrl(text) {
    try {
      var url = new URL(text, window.location.href);
      return url.protocol === "http:" || url.protocol === "https:" ? url : null;
    } catch (error) {
      return null;
    }
  }

  /** The Rasa server's base URL (no trailing slash). */
  function rasaUrl() {
    var here = window.location;
    var fromQuery = new URLSearchParams(here.search).get("rasa");
    if (fromQuery) {
      var url = httpUrl(fromQuery);
      // Only an origin the server configured: a link must not send the chat elsewhere.
      var allowed = (document.documentElement.getAttribute("data-rasa-origins") || "")
        .split(" ")
        .filter(Boolean);
      if (url && allowed.indexOf(url.origin) >= 0) return url.href.replace(/\/$/, "");
    }
    var fromPage = document.documentElement.getAttribute("data-rasa-url");
    if (fromPage && httpUrl(fromPage)) return httpUrl(fromPage).href.replace(/\/$/, "");
    var protocol = here.protocol === "https:" ? "https:" : "http:";
    var host = here.hostname.indexOf(":") >= 0 ? "[" + here.hostname + "]" : here.hostname;
    return protocol + "//" + (host || "localhost") + ":5005";
  }

  function storage(kind) {
    try {
      var store = window[kind];
      store.setItem("assistansguiden.probe", "1");
      store.removeItem("assistansguiden.probe");
      return store;
    } catch (error) {
      return null; // private mode or storage disabled: the chat still works, without memory
    }
  }

  /** When the server stops accepting a session id (ms): its issue time, the id's second
   * part ("<conversation>.<issued>.<signature>"), plus a day; else a day from `now`. */
  function sessionExpiry(id, now) {
    var issued = Number(String(id).split(".")[1]);
    return (isFinite(issued) && issued > 0 ? issued * 1000 : now) + SESSION_MAX_AGE_MS;
  }

  // --- rendering -------------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** Text with http(s) links made clickable; everything else stays plain text. */
  function appendText(parent, text) {
    text = String(text);
    var last = 0;
    text.replace(URL_PATTERN, function (match, offset) {
      var href = match.replace(/[.,;:!?)\]]+$/, "");
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var url = httpUrl(href);
      if (url) {
        var link = el("a", "msg__link", href);
        link.href = url.href;
        parent.appendChild(link);
      } else {
        parent.appendChild(document.createTextNode(href));
      }
      last = offset + href.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /** Rasa's socket.io message → {text, buttons, decision}. */
  function fromRasa(message) {
    if (!message || typeof message !== "object") return null;
    var entry = { who: "bot", text: "", buttons: [] };
    if (typeof message.text === "string") entry.text = message.text;
    var buttons = message.quick_replies || message.buttons || [];
    if (Array.isArray(buttons)) {
      buttons.forEach(function (button) {
        if (button && typeof button.title === "string" && typeof button.payload === "string") {
          entry.buttons.push({ title: button.title, payload: button.payload });
        }
      });
    }
    // Custom payload {"decision": {...}}: Rasa's socket.io channel passes json_message
    // through; accept it at the top level and under "custom".
    var custom = message.custom && typeof message.custom === "object" ? message.custom : message;
    if (custom.decision && typeof custom.decision === "object") entry.decision = custom.decision;
    // {"feedback": {"intent": "ask_apply"}}: the answer before it is complete; ask
    // "Hjälpte svaret?" (bot/addons/channels/feedback.py, docs/architecture.md).
    var rated = custom.feedback && typeof custom.feedback === "object" ? custom.feedback.intent : null;
    if (typeof rated === "string" && /^[a-z0-9_]{1,64}$/.test(rated)) entry.feedback = { intent: rated };
    return entry;
  }

  function validEntry(entry) {
    return (
      entry &&
      (entry.who === "user" || entry.who === "bot") &&
      typeof entry.text === "string" &&
      (!entry.buttons || Array.isArray(entry.buttons))
    );
  }

  // --- the widget ------------------------------------------------------------------

  /**
   * Start a chat in `root` (an element with data-chat-log, -form, -input, -status).
   * options.storageKey: separates conversations (public page, staff page).
   * options.renderDecision(decision) → Element: staff view only; without it custom
   * decision payloads are ignored.
   * options.feedback: false leaves out "Hjälpte svaret?" (the staff view).
   */
  function start(root, options) {
    options = options || {};
    var key = options.storageKey || root.getAttribute("data-chat-storage") || "public";
    var renderDecision = options.renderDecision || null;
    var askFeedback = options.feedback !== false;
    var local = storage("localStorage");
    var session = storage("sessionStorage");

    var log = root.querySelector("[data-chat-log]");
    var form = root.querySelector("[data-chat-form]");
    var input = root.querySelector("[data-chat-input]");
    var status = root.querySelector("[data-chat-status]");
    var typing = root.querySelector("[data-chat-typing]");
    var restart = root.querySelector("[data-chat-restart]");

    var entries = [];
    var sessionId = null; // loadSession() below
    var sessionUntil = 0; // when the server stops accepting sessionId (ms)
    var confirmed = false;
    var restoredFor = null; // the session the redrawn transcript belongs to
    var restoredCount = 0;
    var queue = [];
    var replyTimer = null;
    var socket = null;

    function setStatus(text) {
      if (status.textContent !== text) status.textContent = text;
    }

    /** The tab's session, from sessionStorage (gone when the tab closes), unless expired. */
    function loadSession() {
      if (local) local.removeItem(SESSION_KEY + key); // older pages kept it beyond the tab
      if (!session) return;
      var saved;
      try {
        saved = JSON.parse(session.getItem(SESSION_KEY + key) || "null");
      } catch (error) {
        saved = null;
      }
      if (saved && typeof saved.id === "string" && typeof saved.until === "number" &&
          Date.now() < saved.until) {
        sessionId = saved.id;
        sessionUntil = saved.until;
      } else {
        session.removeItem(SESSION_KEY + key);
      }
    }

    function keepSession(id) {
      if (id !== sessionId || !sessionUntil) {
        var now = Date.now();
        sessionUntil = sessionExpiry(id, now);
        // This clock is ahead of the server's: the server decides, the page does not ask
        // again and again for a session it has just been given.
        if (sessionUntil <= now) sessionUntil = now + SESSION_MAX_AGE_MS;
      }
      sessionId = id;
      if (!session) return;
      try {
        session.setItem(SESSION_KEY + key, JSON.stringify({ id: id, until: sessionUntil }));
      } catch (error) {
        /* storage full: the session lasts as long as the page */
      }
    }

    function forgetSession() {
      sessionId = null;
      sessionUntil = 0;
      if (session) session.removeItem(SESSION_KEY + key);
    }

    function sessionExpired() {
      return sessionId !== null && Date.now() >= sessionUntil;
    }

    function save() {
      if (!session) return;
      try {
        session.setItem(TRANSCRIPT_KEY + key, JSON.stringify(entries.slice(-MAX_ENTRIES)));
      } catch (error) {
        /* storage full: the conversation goes on, only the redraw is lost */
      }
    }

    function render(entry) {
      if (entry.feedback) return renderFeedback(entry);
      var item = el("div", "msg msg--" + entry.who);
      var who = entry.who === "user" ? TEXT.you : TEXT.bot;
      item.appendChild(el("p", "msg__who", who));
      if (entry.text) {
        var bubble = el("p", "msg__text");
        appendText(bubble, entry.text);
        item.appendChild(bubble);
      }
      if (entry.buttons && entry.buttons.length) {
        var group = el("div", "msg__buttons");
        group.setAttribute("role", "group");
        group.setAttribute("aria-label", TEXT.choices);
        entry.buttons.forEach(function (button) {
          var node = el("button", "msg__button", button.title);
          node.type = "button";
          node.addEventListener("click", function () {
            send(button.payload, button.title);
          });
          group.appendChild(node);
        });
        item.appendChild(group);
      }
      if (entry.decision && renderDecision) {
        var panel = renderDecision(entry.decision);
        if (panel) item.appendChild(panel);
      }
      log.appendChild(item);
      return item;
    }

    /** "Hjälpte svaret? Ja / Nej": the click is sent as /feedback{...} with the intent it
     * rates; the question goes away then, or when the next message is sent. */
    function renderFeedback(entry) {
      var item = el("div", "msg msg--bot msg--feedback");
      item.appendChild(el("p", "msg__who", TEXT.bot));
      item.appendChild(el("p", "msg__text", TEXT.feedbackQuestion));
      var group = el("div", "msg__buttons");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", TEXT.feedbackQuestion);
      [
        ["ja", TEXT.feedbackYes, TEXT.feedbackYesSent],
        ["nej", TEXT.feedbackNo, TEXT.feedbackNoSent],
      ].forEach(function (choice) {
        var node = el("button", "msg__button", choice[1]);
        node.type = "button";
        node.setAttribute("data-feedback", choice[0]);
        node.addEventListener("click", function () {
          var rating = { feedback_value: choice[0], rated_intent: entry.feedback.intent };
          send("/feedback" + JSON.stringify(rating), choice[2]);
          input.focus(); // the question and its buttons are gone
        });
        group.appendChild(node);
      });
      item.appendChild(group);
      log.appendChild(item);
      return item;
    }

    function dropFeedback() {
      var count = entries.length;
      entries = entries.filter(function (entry) { return !entry.feedback; });
      Array.prototype.forEach.call(log.querySelectorAll(".msg--feedback"), function (node) {
        node.parentNode.removeChild(node);
      });
      if (entries.length !== count) save();
    }

    function scrollToLatest(item) {
      var formBox = form.getBoundingClientRect();
      var itemBox = item.getBoundingClientRect();
      if (itemBox.height + formBox.height + 24 <= window.innerHeight) {
        form.scrollIntoView({ block: "end" });
      } else {
        item.scrollIntoView({ block: "start" });
      }
    }

    function add(entry) {
      if (!askFeedback) delete entry.feedback;
      var shown = entry.text || (entry.buttons && entry.buttons.length) ||
        (entry.decision && renderDecision) || entry.feedback;
      if (!shown) return; // e.g. a decision payload on the public page
      if (!renderDecision) delete entry.decision;
      entries.push(entry);
      save();
      scrollToLatest(render(entry));
    }

    function restore() {
      if (!session) return;
      var saved;
      try {
        saved = JSON.parse(session.getItem(TRANSCRIPT_KEY + key) || "[]");
      } catch (error) {
        saved = [];
      }
      if (!Array.isArray(saved) || !saved.length) return;
      restoredFor = sessionId || "";
      // Redrawing the history must not be read out again: silence the live region.
      log.setAttribute("aria-live", "off");
      saved.filter(validEntry).forEach(function (entry) {
        entries.push(entry);
        render(entry);
      });
      restoredCount = entries.length;
      window.setTimeout(function () {
        log.setAttribute("aria-live", "polite");
      }, 500);
      form.scrollIntoView({ block: "end" });
    }

    function showTyping(on) {
      if (typing) typing.hidden = !on;
      window.clearTimeout(replyTimer);
      if (on) {
        replyTimer = window.setTimeout(function () {
          if (typing) typing.hidden = true;
          setStatus(TEXT.slow);
        }, REPLY_TIMEOUT_MS);
      }
    }

    function flush() {
      if (!socket || !confirmed || !sessionId) return;
      if (sessionExpired()) {
        // The server would not take it any more: a new session first; the queue waits.
        forgetSession();
        confirmed = false;
        socket.emit("session_request", { session_id: null });
        return;
      }
      while (queue.length) {
        socket.emit("user_uttered", { message: queue.shift(), session_id: sessionId });
      }
    }

    function send(message, shown) {
      message = String(message || "").trim();
      if (!message) return false;
      if (message.length > MAX_MESSAGE) {
        setStatus(TEXT.tooLong);
        return false;
      }
      if (status.textContent === TEXT.tooLong || status.textContent === TEXT.slow) setStatus("");
      dropFeedback(); // a question about the last answer is stale once the talk goes on
      add({ who: "user", text: shown || message, buttons: [] });
      queue.push(message);
      showTyping(true);
      flush();
      return true;
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (send(input.value)) input.value = "";
      input.focus();
    });

    if (restart) {
      restart.addEventListener("click", function () {
        entries = [];
        queue = [];
        forgetSession();
        restoredFor = null;
        if (session) session.removeItem(TRANSCRIPT_KEY + key);
        log.textContent = "";
        showTyping(false);
        setStatus(TEXT.restarted);
        if (socket) {
          confirmed = false;
          socket.disconnect().connect(); // a new socket id: nothing of the old room follows
        }
        input.focus();
      });
    }

    loadSession();
    restore();

    if (typeof window.io !== "function") {
      setStatus(TEXT.noLibrary);
      return { send: send };
    }

    var base = new URL(rasaUrl());
    var path = base.pathname.replace(/\/$/, "") + "/socket.io";
    socket = window.io(base.origin, {
      path: path,
      transports: ["websocket", "polling"],
      tryAllTransports: true,
      reconnectionDelayMax: 10000,
    });

    var connectingTimer = window.setTimeout(function () {
      if (!confirmed) setStatus(TEXT.connecting);
    }, CONNECTING_NOTICE_MS);

    socket.on("connect", function () {
      if (sessionExpired()) forgetSession();
      socket.emit("session_request", { session_id: sessionId });
    });

    socket.on("session_confirm", function (data) {
      var id = typeof data === "string" ? data : data && data.session_id;
      if (!id) return;
      if (restoredFor !== null && restoredFor !== id) {
        // Rasa started another conversation: the old transcript no longer belongs to it.
        entries = entries.slice(restoredCount);
        log.textContent = "";
        entries.forEach(render);
        save();
      }
      restoredFor = null;
      keepSession(id);
      confirmed = true;
      window.clearTimeout(connectingTimer);
      if (status.textContent === TEXT.connecting || status.textContent === TEXT.lost ||
          status.textContent === TEXT.unreachable) {
        setStatus("");
      }
      root.setAttribute("data-chat-ready", "true");
      // For easy_read.js: the conversation this page now talks in.
      root.dispatchEvent(new CustomEvent("assistansguiden:session", { detail: { id: id } }));
      flush();
    });

    socket.on("bot_uttered", function (message) {
      var entry = fromRasa(message);
      if (!entry) return;
      showTyping(false);
      if (status.textContent === TEXT.slow) setStatus("");
      add(entry);
      // For easy_read.js, which follows the {"text_style": ...} payloads of the bot.
      root.dispatchEvent(new CustomEvent("assistansguiden:message", { detail: message }));
    });

    socket.on("disconnect", function (reason) {
      confirmed = false;
      root.removeAttribute("data-chat-ready");
      if (reason !== "io client disconnect") setStatus(TEXT.lost);
    });

    socket.on("connect_error", function () {
      setStatus(TEXT.unreachable);
    });

    return { send: send, socket: socket };
  }

  window.Assistansguiden = { start: start, rasaUrl: rasaUrl, appendText: appendText };

  function autostart() {
    var roots = document.querySelectorAll("[data-chat][data-chat-autostart]");
    Array.prototype.forEach.call(roots, function (root) {
      root.assistansguidenChat = start(root); // { send }, for easy_read.js
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", autostart);
  } else {
    autostart();
  }
})();
