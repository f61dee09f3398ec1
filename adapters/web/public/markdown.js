// Renders the bot's small Markdown subset (paragraphs, "- " bullets, **bold**, [text](url)) as DOM
// nodes. Text always goes through textContent, never innerHTML, so nothing a user typed can run.
(function () {
  'use strict';

  var INLINE = /\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

  function safeUrl(url) {
    try {
      var u = new URL(url, window.location.href);
      return u.protocol === 'https:' || u.protocol === 'http:' || u.protocol === 'mailto:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function appendInline(parent, text) {
    var last = 0;
    var m;
    INLINE.lastIndex = 0;
    while ((m = INLINE.exec(text)) !== null) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      if (m[1] !== undefined) {
        var strong = document.createElement('strong');
        strong.textContent = m[1];
        parent.appendChild(strong);
      } else {
        var href = safeUrl(m[3]);
        if (href) {
          var a = document.createElement('a');
          a.href = href;
          a.textContent = m[2];
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
          parent.appendChild(a);
        } else {
          parent.appendChild(document.createTextNode(m[0]));
        }
      }
      last = INLINE.lastIndex;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /** Returns a fragment for a bot message. */
  function renderMarkdown(source) {
    var fragment = document.createDocumentFragment();
    var blocks = String(source)
      .replace(/\r\n/g, '\n')
      .split(/\n{2,}/);
    blocks.forEach(function (block) {
      var lines = block.split('\n').filter(function (l) {
        return l.trim() !== '';
      });
      if (lines.length === 0) return;
      var list = null;
      var para = null;
      lines.forEach(function (line) {
        var bullet = /^\s*[-*•]\s+(.*)$/.exec(line);
        if (bullet) {
          para = null;
          if (!list) {
            list = document.createElement('ul');
            fragment.appendChild(list);
          }
          var li = document.createElement('li');
          appendInline(li, bullet[1]);
          list.appendChild(li);
        } else {
          list = null;
          if (!para) {
            para = document.createElement('p');
            fragment.appendChild(para);
          } else {
            para.appendChild(document.createElement('br'));
          }
          appendInline(para, line);
        }
      });
    });
    return fragment;
  }

  window.renderMarkdown = renderMarkdown;
})();
