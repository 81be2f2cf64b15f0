// The embeddable widget: <script src="https://<this server>/assets/widget.js" defer></script>
// puts a "民政咨询" button on the page that opens the chat in an <iframe> (full screen on phones).
// Optional: data-label="…" sets the button text. Styles are set through the DOM, so the host page
// needs no stylesheet and its CSP only has to allow this script and frame this origin.
'use strict';
(function () {
  const script = document.currentScript;
  if (!script || !script.src) return;
  const chatUrl = new URL('../chat?embed=1', script.src).href;
  const label = script.getAttribute('data-label') || '民政咨询';
  const id = 'minzheng-chat-frame';

  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', id);
  Object.assign(button.style, {
    position: 'fixed', right: '16px', bottom: '16px', zIndex: '2147483647', minHeight: '48px', padding: '10px 18px',
    font: '16px/1.4 system-ui, sans-serif', color: '#fff', background: '#b3261e', border: '0', borderRadius: '24px',
    boxShadow: '0 2px 8px rgba(0,0,0,.3)', cursor: 'pointer',
  });

  const frame = document.createElement('iframe');
  frame.id = id;
  frame.title = '民政服务助手在线咨询';
  frame.hidden = true;
  Object.assign(frame.style, { position: 'fixed', zIndex: '2147483646', border: '1px solid #d9dce1', background: '#fff', boxShadow: '0 4px 24px rgba(0,0,0,.25)' });

  function place() {
    const phone = window.innerWidth <= 480;
    // On a phone the chat fills the screen; the button moves to the top corner to close it.
    const open = !frame.hidden;
    Object.assign(button.style, phone && open
      ? { top: '6px', bottom: 'auto', right: '8px', minHeight: '40px', padding: '6px 12px' }
      : { top: 'auto', bottom: '16px', right: '16px', minHeight: '48px', padding: '10px 18px' });
    Object.assign(frame.style, phone
      ? { inset: '0', width: '100vw', height: '100%', borderRadius: '0', border: '0' }
      : { inset: 'auto 16px 76px auto', width: '380px', height: 'min(640px, calc(100vh - 100px))', borderRadius: '12px', border: '1px solid #d9dce1' });
  }

  function toggle(open) {
    if (open && !frame.src) frame.src = chatUrl;
    frame.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.textContent = open ? '关闭咨询' : label;
    place();
    if (open) frame.focus();
    else button.focus();
  }

  button.addEventListener('click', () => toggle(frame.hidden));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !frame.hidden) toggle(false);
  });
  window.addEventListener('resize', () => {
    if (!frame.hidden) place();
  });
  document.body.appendChild(frame);
  document.body.appendChild(button);
})();
