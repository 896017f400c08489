// Search results that match every word of the query come before those that match only
// some of them (issue 23). Material 9.8.1's search worker joins a query's words with OR and
// sorts by score, so a page with one of the words many times ("hand" on the DCD page) can
// rank above a page with all of them ("hand numb"), marked "Not found here: numb".
// Material has no hook on its result list, so this script (inlined in the page's head, after
// the iframe-worker shim on file://, before Material's bundle makes its search worker) wraps
// the Worker constructor: the first listener on each worker reorders every search result
// message in place before Material's own listener renders it. The order is stable: full
// matches in Material's order, then the partial ones in theirs; a query whose results are all
// full or all partial keeps Material's order.
(function () {
  var RESULT = 3; // Material's SearchMessageType.RESULT (integrations/search/worker/message)

  // A search document (page or section) found with every word: Material's `terms` maps each word to whether it matched.
  function matchesEveryWord(document) {
    var terms = document.terms || {};
    var words = Object.keys(terms);
    return words.length > 0 && words.every(function (word) { return terms[word]; });
  }

  // A result is one page's documents; it matches fully when one of them has every word.
  function isFullMatch(result) {
    return result.some(matchesEveryWord);
  }

  function fullMatchesFirst(message) {
    var items = message && message.type === RESULT && message.data && message.data.items;
    if (!Array.isArray(items)) return;
    var full = items.filter(isFullMatch);
    if (full.length === 0 || full.length === items.length) return;
    var partial = items.filter(function (result) { return !isFullMatch(result); });
    items.splice.apply(items, [0, items.length].concat(full, partial));
  }

  var NativeWorker = window.Worker;
  if (typeof NativeWorker !== "function") return;
  function RankingWorker(url, options) {
    var worker = new NativeWorker(url, options);
    worker.addEventListener("message", function (event) { fullMatchesFirst(event.data); });
    return worker;
  }
  RankingWorker.prototype = NativeWorker.prototype;
  window.Worker = RankingWorker;
})();
