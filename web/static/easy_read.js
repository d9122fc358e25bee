/*
 * Assistansguiden: the "Lättläst" toggle of the public chat.
 *
 * - A real button with aria-pressed. A click sends /request_easy_read (on) or
 *   /request_easy_read{"text_style":"standard"} (off) like an answer button does, so the
 *   bot's slot easy_read changes and its next answers are lättläst; the polite status
 *   says what happened.
 * - The bot confirms with {"text_style": "easy" | "standard"} (actions/text_style.py), also
 *   when the person asked in words ("kan du skriva enklare"); the button follows that.
 * - The choice is kept for the tab in sessionStorage; when the page gets a new
 *   conversation ("Ny konversation") with lättläst on, it is asked for again.
 * - The staff view has no toggle: it always shows the standard text and the citations.
 * - Known gap: after 60 minutes without a message Rasa starts a new session of the same
 *   conversation and forgets the slot (bot/domain/core.yml, carry_over_slots_to_new_session
 *   false); the button shows "on" until the next click or request.
 */
(function () {
  "use strict";

  var KEY = "assistansguiden.easy_read.";
  var ON = "/request_easy_read";
  var OFF = '/request_easy_read{"text_style":"standard"}';
  var PENDING = "pending"; // switched before the page had its conversation
  var TEXT = {
    on: "Lättläst är på. Svaren kommer med enkla ord och korta meningar.",
    off: "Lättläst är av. Svaren kommer som vanlig text.",
    shownOn: "Lättläst, tack",
    shownOff: "Vanlig text, tack",
  };

  function storage() {
    try {
      var store = window.sessionStorage;
      store.setItem("assistansguiden.probe", "1");
      store.removeItem("assistansguiden.probe");
      return store;
    } catch (error) {
      return null; // storage disabled: the toggle still works for the page's lifetime
    }
  }

  function setUp(root) {
    var button = root.querySelector("[data-chat-easy-read]");
    if (!button) return;
    var status = root.querySelector("[data-chat-status]");
    var store = storage();
    var key = KEY + (root.getAttribute("data-chat-storage") || "public");
    // {on: bool, session: the conversation it was sent in}
    var state = { on: false, session: null };
    try {
      var saved = JSON.parse((store && store.getItem(key)) || "null");
      if (saved && typeof saved.on === "boolean") state = saved;
    } catch (error) {
      /* unreadable: off */
    }
    var current = null; // the conversation the chat talks in now

    function save() {
      if (!store) return;
      try {
        store.setItem(key, JSON.stringify(state));
      } catch (error) {
        /* storage full: kept for the page only */
      }
    }

    function show() {
      button.setAttribute("aria-pressed", state.on ? "true" : "false");
    }

    function announce() {
      if (status) status.textContent = state.on ? TEXT.on : TEXT.off;
    }

    function ask(on) {
      var chat = root.assistansguidenChat;
      if (!chat || typeof chat.send !== "function") return false;
      return chat.send(on ? ON : OFF, on ? TEXT.shownOn : TEXT.shownOff);
    }

    button.addEventListener("click", function () {
      var wanted = !state.on;
      if (!ask(wanted)) return;
      state = { on: wanted, session: current || PENDING };
      save();
      show();
      announce();
    });

    root.addEventListener("assistansguiden:message", function (event) {
      var message = event.detail || {};
      var custom = message.custom && typeof message.custom === "object" ? message.custom : message;
      if (custom.text_style !== "easy" && custom.text_style !== "standard") return;
      var on = custom.text_style === "easy";
      var changed = on !== state.on;
      state = { on: on, session: current };
      save();
      show();
      if (changed) announce(); // asked in words: say so as for a click
    });

    root.addEventListener("assistansguiden:session", function (event) {
      current = event.detail && event.detail.id;
      if (state.session === PENDING) {
        state.session = current; // the click's message goes to this conversation
        save();
        return;
      }
      // A new conversation starts with the standard text: ask again for lättläst.
      if (state.on && state.session !== current && ask(true)) {
        state.session = current;
        save();
      }
    });

    show();
  }

  function init() {
    var roots = document.querySelectorAll("[data-chat]");
    Array.prototype.forEach.call(roots, setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
