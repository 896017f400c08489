// "Listen to this page" (issue 23, item 7b), loaded on the first tap of the button
// (overrides/assets/javascripts/reading-tools.js): the article's text read aloud by the browser's own
// speech synthesis, in the page's language, with a voice of this device (no network). Menus, the
// reading tools, the "About this page" box and what is hidden are left out; the emergency boxes are
// in the article and are read. Pause (then Resume) and Stop; leaving the page stops the reading.
(function () {
  var SKIP = "[hidden], script, style, svg, .headerlink, .ot-tools, .ot-review, .ot-leaflet";
  var BLOCKS = "p, li, dt, dd, h1, h2, h3, h4, h5, h6, summary, th, td, caption, figcaption, blockquote, div, section, details, article";
  var synth = window.speechSynthesis, run = 0, paused = false, queue = [];

  // One piece per block (paragraph, list item, heading...): engines pause between pieces, and Chrome
  // cuts off one utterance after about 15 seconds.
  function pieces(article) {
    var out = [], last = null;
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        if (node.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
        return node.matches(SKIP) || getComputedStyle(node).display === "none" ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
      }
    });
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var block = node.parentElement.closest(BLOCKS);
      if (block !== last || !out.length) out.push("");
      out[out.length - 1] += node.nodeValue;
      last = block;
    }
    return out.map(function (text) { return text.replace(/\s+/g, " ").trim(); }).filter(Boolean);
  }

  function show(tools, state) {
    var pause = tools.querySelector(".ot-tools__pause");
    tools.querySelector(".ot-tools__play").hidden = state !== "stopped";
    pause.hidden = tools.querySelector(".ot-tools__stop").hidden = state === "stopped";
    pause.textContent = pause.getAttribute(state === "paused" ? "data-resume" : "data-pause");
    paused = state === "paused";
  }

  function wire(tools) {
    tools.querySelector(".ot-tools__pause").addEventListener("click", function () {
      if (paused) synth.resume(); else synth.pause();
      show(tools, paused ? "playing" : "paused");
    });
    tools.querySelector(".ot-tools__stop").addEventListener("click", function () {
      run += 1;
      synth.cancel();
      show(tools, "stopped");
      tools.querySelector(".ot-tools__play").focus();
    });
    window.addEventListener("pagehide", function () { synth.cancel(); });
  }

  window.otReadAloud = function (tools) {
    if (!run) wire(tools);
    var mine = run += 1, voice = window.otVoice(), texts = pieces(document.querySelector("article"));
    synth.cancel();
    if (synth.paused) synth.resume();  // Chrome stays paused after a cancel: the new reading would not start
    queue = texts.map(function (text, index) {
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = voice ? voice.lang : document.documentElement.lang;
      if (voice) utterance.voice = voice;
      if (index === texts.length - 1) utterance.onend = function () { if (mine === run) show(tools, "stopped"); };
      synth.speak(utterance);
      return utterance;  // kept: Chrome may drop an utterance nothing refers to before it ends
    });
    show(tools, "playing");
    tools.querySelector(".ot-tools__pause").focus();
  };
})();
