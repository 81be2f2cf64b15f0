// The web chat: talks to /api/v1 (see /api/v1/openapi.json) and renders the bot's messages.
// The bot writes a Telegram-HTML subset; it is rebuilt here element by element from an allowlist,
// never assigned as markup, so no text from anyone can become script or style.
'use strict';
(function () {
  const log = document.getElementById('log');
  const form = document.getElementById('composer');
  const input = document.getElementById('text');
  const send = document.getElementById('send');
  const status = document.getElementById('status');
  const alertBox = document.getElementById('alert');
  const nodes = new Map();
  // Inside the portal's widget frame the widget's close button sits over the header's right end.
  if (new URLSearchParams(location.search).get('embed') === '1') document.body.classList.add('embed');
  let csrf = '';
  let rev = 0;
  let busy = false;

  const ALLOWED = {
    B: 'b', STRONG: 'b', I: 'i', EM: 'i', U: 'u', INS: 'u', S: 's', STRIKE: 's', DEL: 's',
    CODE: 'code', PRE: 'pre', BLOCKQUOTE: 'blockquote', A: 'a', BR: 'br', 'TG-SPOILER': 'span', SPAN: 'span',
  };
  const DROPPED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'IFRAME', 'OBJECT', 'NOSCRIPT', 'SVG', 'MATH']);
  const SAFE_URL = /^(https?:|tel:|mailto:)/i;

  /** Rebuilds allowed elements and text of `from` under `to`; anything else keeps only its text. */
  function copy(from, to) {
    for (const node of Array.from(from.childNodes)) {
      if (node.nodeType === Node.TEXT_NODE) {
        to.appendChild(document.createTextNode(node.nodeValue || ''));
      } else if (node.nodeType === Node.ELEMENT_NODE && !DROPPED.has(node.tagName.toUpperCase())) {
        const tag = ALLOWED[node.tagName.toUpperCase()];
        if (!tag) {
          copy(node, to);
          continue;
        }
        const el = document.createElement(tag);
        if (tag === 'a') {
          const href = node.getAttribute('href') || '';
          if (SAFE_URL.test(href)) {
            el.setAttribute('href', href);
            el.setAttribute('rel', 'noopener noreferrer');
            el.setAttribute('target', '_blank');
          }
        }
        copy(node, el);
        to.appendChild(el);
      }
    }
  }

  /** Telegram-HTML → a safe fragment. DOMParser builds an inert document: nothing runs or loads. */
  function sanitize(html) {
    const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
    const out = document.createDocumentFragment();
    copy(doc.body, out);
    return out;
  }

  function button(b, messageId) {
    if (b.url) {
      const a = document.createElement('a');
      a.className = 'btn';
      a.href = SAFE_URL.test(b.url) ? b.url : '#';
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      a.textContent = b.text;
      return a;
    }
    const el = document.createElement('button');
    el.type = 'button';
    el.className = 'btn';
    el.textContent = b.text;
    el.addEventListener('click', () => press(messageId, b.data, el));
    return el;
  }

  function render(m) {
    const old = nodes.get(m.id);
    if (m.deleted) {
      if (old) old.remove();
      nodes.delete(m.id);
      return;
    }
    const li = document.createElement('li');
    li.className = `msg ${m.from}`;
    li.dataset.id = String(m.id);
    const who = document.createElement('span');
    who.className = 'who sr-only';
    who.textContent = m.from === 'bot' ? '助手：' : '我：';
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    bubble.appendChild(who);
    bubble.appendChild(sanitize(m.html));
    li.appendChild(bubble);
    if (m.document) {
      const a = document.createElement('a');
      a.className = 'btn doc';
      a.href = m.document.url;
      a.setAttribute('download', m.document.name);
      a.textContent = `下载 ${m.document.name}`;
      li.appendChild(a);
    }
    if (m.buttons && m.buttons.length > 0) {
      const group = document.createElement('div');
      group.className = 'buttons';
      group.setAttribute('role', 'group');
      group.setAttribute('aria-label', '可选操作');
      for (const row of m.buttons) {
        const r = document.createElement('div');
        r.className = 'row';
        for (const b of row) r.appendChild(button(b, m.id));
        group.appendChild(r);
      }
      li.appendChild(group);
    }
    if (old) old.replaceWith(li);
    else log.appendChild(li);
    nodes.set(m.id, li);
  }

  function apply(reply) {
    const fresh = (reply.messages || []).slice().sort((a, b) => a.id - b.id);
    for (const m of fresh) render(m);
    if (typeof reply.rev === 'number' && reply.rev > rev) rev = reply.rev;
    const toasts = reply.toasts || [];
    const alertToast = toasts.find((t) => t.alert);
    status.textContent = toasts.filter((t) => !t.alert).map((t) => t.text).join(' ');
    if (alertToast) alertBox.textContent = alertToast.text;
    if (fresh.length > 0) log.scrollTop = log.scrollHeight;
  }

  async function call(method, path, body) {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body ? { 'content-type': 'application/json', 'x-csrf-token': csrf } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    let json;
    try {
      json = await res.json();
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const message = json && json.error ? json.error.message : '网络不太顺畅，请稍后再试。';
      throw new Error(message);
    }
    return json;
  }

  function setBusy(on) {
    busy = on;
    send.disabled = on;
    send.textContent = on ? '稍候' : '发送';
  }

  async function guarded(action) {
    alertBox.textContent = '';
    setBusy(true);
    try {
      apply(await action());
    } catch (e) {
      alertBox.textContent = e instanceof Error ? e.message : String(e);
    } finally {
      setBusy(false);
    }
  }

  function press(messageId, data, el) {
    if (busy) return;
    // aria-disabled, not disabled: a disabled button drops the keyboard focus to the page.
    el.setAttribute('aria-disabled', 'true');
    guarded(() => call('POST', 'api/v1/presses', { messageId, data, since: rev })).finally(() => {
      el.removeAttribute('aria-disabled');
      // The pressed message may have been redrawn (a ticked box): keep the keyboard user in place.
      if (!document.body.contains(el)) {
        const again = nodes.get(messageId);
        const same = again && Array.from(again.querySelectorAll('button')).find((b) => b.textContent === el.textContent.replace(/^[☐☑] /, (m) => (m === '☐ ' ? '☑ ' : '☐ ')));
        (same || (again && again.querySelector('button')) || input).focus();
      }
    });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || busy) return;
    input.value = '';
    guarded(() => call('POST', 'api/v1/messages', { text, since: rev })).finally(() => input.focus());
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  // A manager's answer or a reminder can arrive at any time: look for it while the page is visible.
  setInterval(() => {
    if (document.hidden || busy || !csrf) return;
    call('GET', `api/v1/messages?since=${rev}`).then(apply, () => undefined);
  }, 15000);

  guarded(async () => {
    const session = await call('GET', 'api/v1/session');
    csrf = session.csrfToken;
    return session;
  });
})();
