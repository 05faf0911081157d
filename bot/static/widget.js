/*
 * Chat widget of the SREI assistant (Province de Namur). Plain JavaScript, no build step.
 *
 * Embed with one tag:  <script src="https://ASSISTANT/webhooks/widget/widget.js" defer></script>
 *
 * The widget lives in a shadow root (the host page's CSS cannot break it), loads its own
 * stylesheet and French texts from the server, and never interprets text as HTML: every
 * message is built with textContent; only https:, mailto: and tel: links become <a>.
 * No inline script or style is used, so it runs under a strict Content-Security-Policy.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.sreiAssistantLoaded) return;
  window.sreiAssistantLoaded = true;

  var BASE = script.src.replace(/\/widget\.js(?:[?#].*)?$/, "");
  var STORE_KEY = "srei-assistant";
  var SAFE_SCHEMES = ["https:", "mailto:", "tel:"];
  var REQUEST_TIMEOUT_MS = 15000;
  var SVG_NS = "http://www.w3.org/2000/svg";
  var LINK_PATTERN = new RegExp(
    "\\[([^\\]\\n]{1,300})\\]\\(([^()\\s]{1,2000})\\)" +          // [label](url)
    "|(https:\\/\\/[^\\s<>\"'()\\[\\]]*[^\\s<>\"'()\\[\\].,;:!?])" +  // bare https URL
    "|([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})", "g"); // e-mail

  var texts = {};
  var starters = [];
  var maxLength = 1000;
  var contact = "";
  var state = { token: null, code: null, open: false, started: false, busy: false, historyLoaded: false, generation: 0 };
  var ui = {};

  // --- helpers ------------------------------------------------------------------------

  function t(key, values) {
    return (texts[key] || "").replace(/\{(\w+)\}/g, function (_, name) {
      return values && values[name] !== undefined ? String(values[name]) : "";
    }).replace(/\s+/g, " ").trim();
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(className, label) {
    var node = el("button", className, label);
    node.type = "button";
    return node;
  }

  function icon(path) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var p = document.createElementNS(SVG_NS, "path");
    p.setAttribute("d", path);
    svg.appendChild(p);
    return svg;
  }

  function length(text) {
    return Array.from(text).length; // code points, as the server counts
  }

  function safeUrl(raw) {
    try {
      var url = new URL(raw);
      return SAFE_SCHEMES.indexOf(url.protocol) >= 0 ? url.href : null;
    } catch (e) {
      return null; // relative or invalid: shown as text
    }
  }

  function link(url, label) {
    var a = el("a", "srei-link", label);
    a.href = url;
    if (url.indexOf("https:") === 0) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.appendChild(el("span", "srei-vh", " " + t("new_tab")));
    }
    return a;
  }

  // Text with its safe links as <a>; everything else stays text, whatever it contains.
  // Only targets the server lists in `trusted` (those of the knowledge content) become
  // links: a message quoting what someone typed never carries a link of theirs.
  function renderText(container, text, trusted) {
    var last = 0;
    var match;
    LINK_PATTERN.lastIndex = 0;
    while ((match = LINK_PATTERN.exec(text)) !== null) {
      var target = match[2] || match[3] || match[4];
      if (!Array.isArray(trusted) || trusted.indexOf(target) < 0) continue;
      var url = match[2] ? safeUrl(match[2]) : match[3] ? safeUrl(match[3]) : safeUrl("mailto:" + match[4]);
      if (!url) continue;
      container.appendChild(document.createTextNode(text.slice(last, match.index)));
      container.appendChild(link(url, match[1] || match[3] || match[4]));
      last = match.index + match[0].length;
    }
    container.appendChild(document.createTextNode(text.slice(last)));
  }

  // --- storage: only once the user has opened the chat -------------------------------------

  function save() {
    if (!state.started) return;
    try {
      sessionStorage.setItem(STORE_KEY, JSON.stringify({ token: state.token, open: state.open }));
    } catch (e) { /* storage disabled: the chat still works for this page */ }
  }

  function restore() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(STORE_KEY) || "null");
      return saved && typeof saved === "object" ? saved : null;
    } catch (e) {
      return null;
    }
  }

  // --- server -----------------------------------------------------------------------------

  function api(method, path, body) {
    var headers = {};
    if (body) headers["Content-Type"] = "application/json";
    if (state.token) headers["X-Conversation-Id"] = state.token;
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS);
    return fetch(BASE + path, {
      method: method, headers: headers, body: body ? JSON.stringify(body) : undefined,
      credentials: "omit", cache: "no-store", signal: controller.signal
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        return { ok: res.ok, status: res.status, data: data || {} };
      });
    }).finally(function () { clearTimeout(timer); });
  }

  function errorText(res) {
    return (res.data && res.data.error && res.data.error.message) || t("offline", { contact: contact });
  }

  function adopt(data) {
    if (typeof data.conversation_id === "string") state.token = data.conversation_id;
    if (typeof data.code === "string") state.code = data.code;
    ui.code.textContent = state.code ? t("conversation_code", { code: state.code }) : "";
    save();
  }

  // --- messages -------------------------------------------------------------------------------

  function scrollToEnd() {
    ui.logRegion.scrollTop = ui.logRegion.scrollHeight;
    // On small screens the whole panel scrolls (the log grows): its end is the newest message.
    if (ui.panel.scrollHeight > ui.panel.clientHeight) ui.panel.scrollTop = ui.panel.scrollHeight;
  }

  function removeSuggestions() {
    var groups = ui.log.querySelectorAll(".srei-suggestions");
    for (var i = 0; i < groups.length; i++) groups[i].remove();
  }

  function addUserMessage(text) {
    var item = el("li", "srei-msg srei-user");
    item.appendChild(el("span", "srei-vh", t("you") + " "));
    item.appendChild(el("span", "srei-text", text));
    ui.log.appendChild(item);
    scrollToEnd();
  }

  function addBotMessage(message, withSuggestions) {
    var item = el("li", "srei-msg srei-bot");
    item.appendChild(el("span", "srei-vh", t("bot") + " "));
    var body = el("span", "srei-text");
    renderText(body, typeof message.text === "string" ? message.text : "", message.trusted_links);
    item.appendChild(body);
    (message.links || []).forEach(function (l) {
      var url = typeof l.url === "string" && safeUrl(l.url);
      if (url && typeof l.title === "string") {
        var p = el("span", "srei-extra-link");
        p.appendChild(link(url, l.title));
        item.appendChild(p);
      }
    });
    if (withSuggestions && message.buttons && message.buttons.length) item.appendChild(suggestions(message.buttons));
    if (message.id && message.rateable !== false) item.appendChild(feedback(message));
    ui.log.appendChild(item);
    scrollToEnd();
  }

  function addBotMessages(messages) {
    messages.forEach(function (m, i) { addBotMessage(m, i === messages.length - 1); });
  }

  // Buttons the bot offered (sent as their payload) or suggested questions (sent as text).
  function suggestions(buttons) {
    var group = el("div", "srei-suggestions");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", t("suggestions"));
    buttons.forEach(function (b) {
      if (typeof b.title !== "string") return;
      var body = typeof b.payload === "string" ? { payload: b.payload } : { message: b.title };
      var choice = button("srei-choice", b.title);
      choice.addEventListener("click", function () {
        if (state.busy) return;
        ui.input.focus(); // the button disappears: keep focus in the panel
        removeSuggestions();
        addUserMessage(b.title);
        send("/message", body);
      });
      group.appendChild(choice);
    });
    return group;
  }

  var THUMB = "M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3a1.5 1.5 0 0 0-.5-1.1L13.2 1 6.6 7.6A2 2 0 0 0 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1.2-.7v-2z";

  function feedback(message) {
    var group = el("div", "srei-feedback");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", t("feedback_question"));
    var status = el("span", "srei-feedback-status");
    var choices = [["up", t("feedback_up")], ["down", t("feedback_down")]].map(function (pair) {
      var choice = button("srei-rate srei-rate-" + pair[0]);
      choice.appendChild(icon(THUMB));
      choice.appendChild(document.createTextNode(pair[1]));
      choice.setAttribute("aria-pressed", message.feedback === pair[0] ? "true" : "false");
      choice.addEventListener("click", function () { rate(message, pair[0], choices, status); });
      group.appendChild(choice);
      return choice;
    });
    if (message.feedback) {
      group.classList.add("srei-rated");
      status.textContent = t("feedback_thanks");
    }
    group.appendChild(status);
    return group;
  }

  function rate(message, rating, choices, status) {
    var group = status.parentNode;
    if (group.classList.contains("srei-rated") || state.busy) return;
    group.classList.add("srei-rated");
    choices.forEach(function (c) {
      c.setAttribute("aria-pressed", c.classList.contains("srei-rate-" + rating) ? "true" : "false");
    });
    var undo = function () {
      group.classList.remove("srei-rated");
      choices.forEach(function (c) { c.setAttribute("aria-pressed", "false"); });
    };
    state.busy = true;
    api("POST", "/feedback", { message_id: message.id, rating: rating }).then(function (res) {
      if (res.ok || res.status === 409) {
        var replies = (res.data.messages || []).map(function (m) { m.rateable = false; return m; });
        if (replies.length) addBotMessages(replies);
        else status.textContent = t("feedback_thanks");
      } else {
        undo();
        showError(errorText(res), function () { rate(message, rating, choices, status); });
      }
    }, function () {
      undo();
      showError(t("offline", { contact: contact }), function () { rate(message, rating, choices, status); });
    }).finally(function () { state.busy = false; });
  }

  // --- errors and the typing indicator ------------------------------------------------------

  function clearError() {
    ui.alert.textContent = "";
  }

  function showError(text, retry) {
    clearError();
    ui.alert.appendChild(el("p", "srei-alert-text", text));
    if (retry) {
      var again = button("srei-retry", t("retry"));
      again.addEventListener("click", function () {
        ui.input.focus(); // the button is about to disappear
        clearError();
        retry();
      });
      ui.alert.appendChild(again);
    }
  }

  function setBusy(busy) {
    state.busy = busy;
    ui.typing.hidden = !busy;
    if (busy) scrollToEnd();
  }

  // --- sending --------------------------------------------------------------------------------

  function send(path, body) {
    clearError();
    setBusy(true);
    var retry = function () { send(path, body); };
    var generation = state.generation;
    var current = function () { return generation === state.generation; }; // not since « Nouvelle conversation »
    api("POST", path, body).then(function (res) {
      if (!current()) return;
      setBusy(false);
      if (res.ok) {
        adopt(res.data);
        addBotMessages(res.data.messages || []);
        return;
      }
      if (res.status === 400 || res.status === 403) {
        if (res.data.error && /conversation/.test(res.data.error.code)) { state.token = null; save(); }
      }
      var retryable = res.status >= 500 || res.status === 429 || res.status === 403;
      showError(errorText(res), retryable ? retry : null);
    }, function () {
      if (!current()) return;
      setBusy(false);
      showError(t("offline", { contact: contact }), retry);
    });
  }

  function submit(event) {
    event.preventDefault();
    if (state.busy) return;
    var text = ui.input.value;
    var count = length(text);
    if (!text.trim()) {
      showError(t("empty"));
      return;
    }
    if (count > maxLength) {
      ui.input.setAttribute("aria-invalid", "true");
      showError(t("too_long", { count: count, max: maxLength }));
      return;
    }
    removeSuggestions();
    addUserMessage(text.trim());
    ui.input.value = "";
    updateCounter();
    send("/message", { message: text });
  }

  function updateCounter() {
    var count = length(ui.input.value);
    var over = count > maxLength;
    ui.counter.textContent = t("counter", { count: count, max: maxLength });
    ui.counter.classList.toggle("srei-over", over);
    if (over) ui.input.setAttribute("aria-invalid", "true");
    else ui.input.removeAttribute("aria-invalid");
  }

  // --- history, opening, closing ----------------------------------------------------------------

  function welcome() {
    ui.log.textContent = "";
    var item = el("li", "srei-msg srei-bot srei-welcome");
    item.appendChild(el("span", "srei-vh", t("bot") + " "));
    item.appendChild(el("span", "srei-text", t("welcome")));
    if (starters.length) item.appendChild(suggestions(starters.map(function (q) { return { title: q }; })));
    ui.log.appendChild(item);
  }

  function loadHistory() {
    if (!state.token || state.historyLoaded) return;
    ui.logRegion.setAttribute("aria-busy", "true"); // announce the restored conversation once, not line by line
    api("GET", "/history").then(function (res) {
      ui.logRegion.setAttribute("aria-busy", "false");
      if (res.ok) {
        state.historyLoaded = true;
        adopt(res.data);
        var messages = res.data.messages || [];
        if (messages.length) removeSuggestions(); // the starters are for an empty conversation
        messages.forEach(function (m, i) {
          if (m.sender === "user") addUserMessage(typeof m.text === "string" ? m.text : "");
          else addBotMessage(m, i === messages.length - 1);
        });
      } else if (res.status === 400 || res.status === 403) {
        state.token = null; // unknown or damaged id: start afresh
        save();
      } else {
        showError(t("history_error", { contact: contact }), loadHistory);
      }
    }, function () {
      ui.logRegion.setAttribute("aria-busy", "false");
      showError(t("history_error", { contact: contact }), loadHistory);
    });
  }

  function open(moveFocus) {
    state.open = true;
    state.started = true;
    ui.panel.hidden = false;
    ui.launcher.setAttribute("aria-expanded", "true");
    save();
    loadHistory();
    scrollToEnd();
    if (moveFocus) ui.input.focus();
  }

  function close() {
    state.open = false;
    ui.panel.hidden = true;
    ui.launcher.setAttribute("aria-expanded", "false");
    save();
    ui.launcher.focus();
  }

  function newConversation() {
    state.generation += 1; // a reply still on its way belongs to the old conversation
    setBusy(false);
    state.token = null;
    state.code = null;
    state.historyLoaded = false;
    ui.code.textContent = "";
    clearError();
    welcome();
    save();
    ui.input.focus();
  }

  // --- building the interface ---------------------------------------------------------------------

  function build(root) {
    var region = el("aside", "srei-widget");
    region.setAttribute("aria-label", t("region"));
    region.lang = "fr";

    ui.launcher = button("srei-launcher");
    ui.launcher.appendChild(icon("M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"));
    ui.launcher.appendChild(el("span", null, t("launcher")));
    ui.launcher.setAttribute("aria-expanded", "false");
    ui.launcher.setAttribute("aria-controls", "srei-panel");
    ui.launcher.addEventListener("click", function () { if (state.open) close(); else open(true); });

    ui.panel = el("div", "srei-panel");
    ui.panel.id = "srei-panel";
    ui.panel.hidden = true;
    ui.panel.setAttribute("role", "dialog"); // non-modal: the page stays usable beside it
    ui.panel.setAttribute("aria-labelledby", "srei-title");
    ui.panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });

    var header = el("div", "srei-header");
    var heading = el("div", "srei-heading");
    var title = el("h2", "srei-title", t("title"));
    title.id = "srei-title";
    heading.appendChild(title);
    heading.appendChild(el("p", "srei-subtitle", t("subtitle")));
    header.appendChild(heading);
    var restart = button("srei-new", t("new_conversation"));
    restart.addEventListener("click", newConversation);
    header.appendChild(restart);
    var closer = button("srei-close");
    closer.setAttribute("aria-label", t("launcher_close"));
    closer.appendChild(icon("M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z"));
    closer.addEventListener("click", close);
    header.appendChild(closer);

    var notice = el("p", "srei-notice", t("notice", { days: state.retentionDays }));
    notice.id = "srei-notice";

    // A log live region announces new messages without moving focus; the messages inside
    // it stay a list (role=log on the <ol> itself would orphan its items).
    ui.logRegion = el("div", "srei-log");
    ui.logRegion.setAttribute("role", "log");
    ui.logRegion.setAttribute("aria-live", "polite");
    ui.logRegion.setAttribute("aria-label", t("log_label"));
    ui.logRegion.tabIndex = 0; // scrollable: reachable by keyboard
    ui.log = el("ol", "srei-messages");
    ui.logRegion.appendChild(ui.log);

    ui.typing = el("div", "srei-typing");
    ui.typing.hidden = true;
    var dots = el("span", "srei-dots");
    dots.setAttribute("aria-hidden", "true");
    for (var i = 0; i < 3; i++) dots.appendChild(el("span"));
    ui.typing.appendChild(dots);
    ui.typing.appendChild(el("span", null, t("typing")));

    ui.alert = el("div", "srei-alert");
    ui.alert.setAttribute("role", "alert");

    var form = el("form", "srei-form");
    form.noValidate = true;
    var label = el("label", "srei-label", t("input_label"));
    label.htmlFor = "srei-input";
    ui.input = el("textarea", "srei-input");
    ui.input.id = "srei-input";
    ui.input.rows = 2;
    ui.input.placeholder = t("input_placeholder");
    ui.input.setAttribute("aria-describedby", "srei-counter");
    ui.counter = el("p", "srei-counter");
    ui.counter.id = "srei-counter";
    var sendButton = el("button", "srei-send", t("send"));
    sendButton.type = "submit";
    form.appendChild(label);
    form.appendChild(ui.input);
    var row = el("div", "srei-form-row");
    row.appendChild(ui.counter);
    row.appendChild(sendButton);
    form.appendChild(row);
    form.addEventListener("submit", submit);
    ui.input.addEventListener("input", updateCounter);
    ui.input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) submit(event);
    });

    ui.code = el("p", "srei-code");

    [header, notice, ui.logRegion, ui.typing, ui.alert, form, ui.code].forEach(function (n) { ui.panel.appendChild(n); });
    region.appendChild(ui.panel);
    region.appendChild(ui.launcher);
    root.appendChild(region);
    welcome();
    updateCounter();
  }

  function loadStylesheet(root) {
    return new Promise(function (resolve) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = BASE + "/widget.css";
      css.addEventListener("load", resolve);
      css.addEventListener("error", resolve); // unstyled is better than absent
      root.appendChild(css);
    });
  }

  function start() {
    var host = document.createElement("div");
    host.id = "srei-assistant";
    var root = host.attachShadow({ mode: "open" });
    document.body.appendChild(host);
    Promise.all([api("GET", "/config"), loadStylesheet(root)]).then(function (results) {
      var res = results[0];
      if (!res.ok) return; // the assistant is unreachable: show nothing rather than a broken button
      texts = res.data.texts || {};
      starters = (res.data.starters || []).filter(function (q) { return typeof q === "string"; });
      maxLength = res.data.max_length || maxLength;
      contact = res.data.contact || "";
      state.retentionDays = res.data.retention_days;
      build(root);
      var saved = restore();
      if (saved) {
        state.started = true;
        state.token = typeof saved.token === "string" ? saved.token : null;
        if (saved.open) open(false); // after a reload or navigation: reopen without stealing focus
      }
    }, function () { /* offline at load: no widget */ });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
