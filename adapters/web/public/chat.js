// The chat page: one WebSocket to /ws (botbuilder-adapter-web's protocol), the visitor id the server
// issued kept in localStorage, the transcript replayed by the server on every (re)connect.
(function () {
  'use strict';

  var USER_KEY = 'region-lock-bot:user';
  // The page's strings per language come from the server (adapters/web/messages.yaml) in the
  // history frame; these are only shown until it arrives.
  var ui = {};
  var language = null;
  var MAX_BACKOFF_MS = 10000;

  var log = document.getElementById('log');
  var form = document.getElementById('composer');
  var input = document.getElementById('input');
  var typing = document.getElementById('typing');
  var statusEl = document.getElementById('status');
  var titleEl = document.getElementById('title');
  var subtitleEl = document.querySelector('.subtitle');
  var hintEl = document.querySelector('.hint');
  var inputLabel = document.querySelector('label[for="input"]');
  var sendButton = document.getElementById('send');

  var user = storedUserId();
  var ready = false; // true once the server's history frame (and our id) arrived on this socket
  var socket = null;
  var backoff = 500;
  var reconnectTimer = null;
  var outbox = []; // frames typed while the socket was down, sent on reconnect
  var awaiting = 0; // messages sent and not answered yet (drives the typing indicator)
  var seq = 0;

  // The server issues visitor ids (they are bearer tokens: random and signed). The page keeps the
  // last one it was given and presents it on every (re)connect; until then it says hello as "new".
  function storedUserId() {
    var id = null;
    try {
      id = window.localStorage.getItem(USER_KEY);
    } catch (e) {
      /* storage disabled: the conversation lasts as long as the tab */
    }
    return id && /^[A-Za-z0-9_.:-]{1,128}$/.test(id) ? id : 'new';
  }

  function adoptUserId(id) {
    if (!id || id === user) return;
    user = id;
    try {
      window.localStorage.setItem(USER_KEY, id);
    } catch (e) {
      /* see above */
    }
  }

  // ---- rendering ---------------------------------------------------------------------------

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function addUserMessage(text) {
    var row = document.createElement('div');
    row.className = 'msg user';
    var bubble = document.createElement('div');
    bubble.className = 'bubble';
    bubble.textContent = text; // user text is never parsed as markup
    row.appendChild(bubble);
    log.appendChild(row);
    scrollToEnd();
    return row;
  }

  // ---- language ----------------------------------------------------------------------------

  function strings() {
    return (language && ui[language]) || {};
  }

  /** Shows the page around the conversation in a language (the conversation's). */
  function applyLanguage(code) {
    if (!code || !ui[code]) return;
    language = code;
    var s = ui[code];
    document.documentElement.lang = code === 'zh' ? 'zh-Hans' : code;
    document.body.dataset.language = code;
    titleEl.textContent = s.title;
    document.title = s.title;
    subtitleEl.textContent = s.subtitle;
    input.placeholder = s.placeholder;
    hintEl.textContent = s.hint;
    inputLabel.textContent = s.input_label;
    sendButton.setAttribute('aria-label', s.send_label);
    log.setAttribute('aria-label', s.log_label);
    // The greeting shown before the first message follows too (later replies stay as they were said).
    var intro = log.querySelector('.msg.bot[data-intro] .bubble');
    if (intro) {
      intro.textContent = '';
      intro.appendChild(window.renderMarkdown(s.intro));
    }
    var statusText = s[document.body.dataset.connection === 'open' ? 'online' : document.body.dataset.connection === 'closed' ? 'reconnecting' : 'connecting'];
    if (statusText) statusEl.textContent = statusText;
  }

  /** The browser's preferred language, when the server serves it (the first visit's intro). */
  function preferredLanguage(fallback) {
    var wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || '']).map(function (l) {
      return String(l).toLowerCase().split('-')[0];
    });
    for (var i = 0; i < wanted.length; i++) if (ui[wanted[i]]) return wanted[i];
    return fallback;
  }

  function clearChips() {
    var old = log.querySelectorAll('.chips');
    for (var i = 0; i < old.length; i++) old[i].remove();
  }

  function addChips(options, asStarters) {
    clearChips();
    if (!options || options.length === 0) return;
    var group = document.createElement('div');
    group.className = 'chips';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', (asStarters ? strings().suggestions_label : strings().options_label) || (asStarters ? 'Suggestions' : 'Answer options'));
    options.forEach(function (o) {
      var chip = document.createElement('button');
      chip.type = 'button';
      chip.className = 'chip';
      chip.dataset.optionId = o.id || '';
      chip.textContent = o.label;
      chip.addEventListener('click', function () {
        send(o.label, o.id || undefined);
      });
      group.appendChild(chip);
    });
    log.appendChild(group);
    scrollToEnd();
  }

  function addBotMessage(text, options, meta) {
    var row = document.createElement('div');
    row.className = 'msg bot';
    // The engine's view of the turn, for tests and support tooling (never shown).
    if (meta && meta.state) row.dataset.state = meta.state;
    if (meta && meta.cause) row.dataset.cause = meta.cause;
    if (meta && meta.language) {
      row.lang = meta.language === 'zh' ? 'zh-Hans' : meta.language;
      if (meta.language !== language) applyLanguage(meta.language);
    }
    var bubble = document.createElement('div');
    bubble.className = 'bubble';
    bubble.appendChild(window.renderMarkdown(text));
    row.appendChild(bubble);
    log.appendChild(row);
    addChips(options, false);
    scrollToStart(row);
  }

  // A person at the support desk: their words are shown exactly as written (textContent, never
  // markup); a bare http(s) address becomes a link that shows its own full address, so it cannot
  // pretend to go somewhere else, and opens without giving the page away (noopener, no referrer).
  var URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;

  function appendPlainWithLinks(parent, text) {
    var last = 0;
    String(text).replace(URL_IN_TEXT, function (url, at) {
      var trimmed = url.replace(/[).,;:!?]+$/, '');
      parent.appendChild(document.createTextNode(text.slice(last, at)));
      var a = document.createElement('a');
      a.href = trimmed;
      a.textContent = trimmed;
      a.target = '_blank';
      a.rel = 'noopener noreferrer nofollow';
      parent.appendChild(a);
      last = at + trimmed.length;
      return url;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function addAgentMessage(name, text) {
    var row = document.createElement('div');
    row.className = 'msg bot agent';
    var label = document.createElement('div');
    label.className = 'from';
    label.textContent = name;
    var bubble = document.createElement('div');
    bubble.className = 'bubble';
    var p = document.createElement('p');
    appendPlainWithLinks(p, text);
    bubble.appendChild(p);
    row.appendChild(label);
    row.appendChild(bubble);
    log.appendChild(row);
    scrollToStart(row);
  }

  // A new bot message is read from its start: on a phone a long reply would otherwise open at its
  // end, below the headline. Short replies still show the chips under them.
  function scrollToStart(row) {
    var rowTop = log.scrollTop + row.getBoundingClientRect().top - log.getBoundingClientRect().top;
    if (log.scrollHeight - rowTop + 8 <= log.clientHeight) scrollToEnd();
    else log.scrollTop = rowTop - 8;
  }

  function showIntro() {
    var s = strings();
    if (!s.intro) return;
    addBotMessage(s.intro, []);
    log.lastElementChild.dataset.intro = '1';
    addChips(
      s.starters.map(function (label) {
        return { id: '', label: label };
      }),
      true,
    );
  }

  function renderHistory(messages) {
    log.textContent = '';
    if (!messages || messages.length === 0) {
      showIntro();
      return;
    }
    messages.forEach(function (m) {
      if (m.from === 'user') addUserMessage(m.text);
      else if (m.from === 'agent') addAgentMessage(m.agent || 'Support', m.text);
      else addBotMessage(m.text, m.options || [], { language: m.language });
    });
  }

  function setTyping(on) {
    typing.hidden = !on;
    if (on) scrollToEnd();
  }

  function setStatus(state, text) {
    document.body.dataset.connection = state;
    statusEl.textContent = text;
  }

  // ---- connection --------------------------------------------------------------------------

  function socketUrl() {
    return (window.location.protocol === 'https:' ? 'wss://' : 'ws://') + window.location.host + '/ws';
  }

  function connect() {
    reconnectTimer = null;
    setStatus('connecting', strings().connecting || 'Connecting…');
    var ws;
    try {
      ws = new WebSocket(socketUrl());
    } catch (e) {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = function () {
      backoff = 500;
      ready = false;
      setStatus('open', strings().online || 'Online');
      ws.send(JSON.stringify({ type: 'hello', user: user, channel: 'websocket' }));
    };
    ws.onmessage = function (event) {
      var msg;
      try {
        msg = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      handleFrame(msg);
    };
    ws.onclose = function () {
      if (socket !== ws) return;
      socket = null;
      setTyping(false);
      scheduleReconnect();
    };
    ws.onerror = function () {
      /* onclose follows and reconnects */
    };
  }

  function scheduleReconnect() {
    if (reconnectTimer) return;
    setStatus('closed', strings().reconnecting || 'Connection lost, reconnecting…');
    reconnectTimer = window.setTimeout(connect, backoff);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  }

  function handleFrame(msg) {
    if (msg.type === 'history') {
      if (msg.ui) ui = msg.ui;
      // A conversation so far keeps its language; a new one starts in the browser's, if served.
      var known = msg.messages && msg.messages.length > 0;
      applyLanguage(known ? msg.language : preferredLanguage(msg.language));
      if (msg.limits && msg.limits.maxMessageChars) input.maxLength = msg.limits.maxMessageChars;
      adoptUserId(msg.user);
      ready = true;
      renderHistory(msg.messages);
      // Whatever was typed while offline goes out now, after the transcript is on screen.
      var queued = outbox;
      outbox = [];
      queued.forEach(function (frame) {
        frame.user = user;
        addUserMessage(frame.text);
        transmit(frame);
      });
      return;
    }
    if (msg.type === 'typing') {
      setTyping(true);
      return;
    }
    if (msg.type === 'message') {
      // A person's message arrives on its own, not as the answer to one of ours.
      if (typeof msg.agent === 'string') {
        addAgentMessage(msg.agent, msg.text || '');
        return;
      }
      awaiting = Math.max(0, awaiting - 1);
      setTyping(awaiting > 0);
      // Silent: a person holds the conversation and the message was passed on to them.
      if (msg.silent) return;
      addBotMessage(msg.text || '', msg.options || [], msg);
    }
  }

  function transmit(frame) {
    awaiting++;
    setTyping(true);
    socket.send(JSON.stringify(frame));
  }

  function send(text, optionId) {
    text = String(text).trim();
    if (!text) return;
    seq++;
    var frame = { type: 'message', user: user, channel: 'websocket', text: text, mid: 'm' + Date.now().toString(36) + seq };
    if (optionId) frame.option_id = optionId;
    clearChips();
    if (socket && socket.readyState === WebSocket.OPEN && ready) {
      addUserMessage(text);
      transmit(frame);
    } else {
      outbox.push(frame);
      addUserMessage(text).classList.add('pending');
      setStatus('closed', strings().offline || 'Offline: your message will be sent when the connection is back');
    }
    input.focus();
  }

  // ---- composer ----------------------------------------------------------------------------

  function autosize() {
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight, 160) + 'px';
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = '';
    autosize();
    send(text);
  });

  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener('input', autosize);

  autosize();
  connect();
  input.focus();
})();
