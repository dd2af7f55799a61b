// Reads the cold snapshot (docs/journal.md) off the page's main thread and hands its bytes over
// without a copy. A Blob read on the main thread advanced only while that thread was free, so
// reading it while a start drew its first frame took 850 ms instead of 350 (pre.js).
self.onmessage = function () {
  var fail = function (e) { self.postMessage({ error: String(e && (e.name || e.message) || e) }); };
  var rq = indexedDB.open('deskbill-cold', 1);
  rq.onupgradeneeded = function () { rq.result.createObjectStore('files'); };
  rq.onerror = function () { fail(rq.error); };
  rq.onsuccess = function () {
    var get;
    try {
      get = rq.result.transaction('files', 'readonly').objectStore('files').get('workspace/snapshot.bin');
    } catch (e) { fail(e); return; }
    get.onerror = function () { fail(get.error); };
    get.onsuccess = function () {
      var v = get.result;
      if (!v) { self.postMessage({ bytes: null }); return; }
      var read = v instanceof Blob ? v.arrayBuffer() : Promise.resolve(v.slice().buffer);
      read.then(function (b) { self.postMessage({ bytes: b }, [b]); }, fail);
    };
  };
};
