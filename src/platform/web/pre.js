// Runs before main(): mount IndexedDB (IDBFS) at /data and populate it BEFORE anything writes
// (syncfs(true) deletes local files that are not stored yet), fetch the cold snapshot in
// parallel, and find out whether this tab may write (one writer tab via Web Locks).
var Module = typeof Module !== 'undefined' ? Module : {};
Module.deskbill = Module.deskbill || { writer: true, storageError: '' };

// Cold storage (docs/journal.md): the snapshot and archived journal segments, stored in their own
// IndexedDB database entry by entry. They are never mounted, so they cost no memory and no
// start-up time until something asks for them (a start reads the snapshot only).
Module.deskbillCold = (function () {
  var opening = null;
  function open() {
    if (!opening) {
      opening = new Promise(function (resolve, reject) {
        var rq = indexedDB.open('deskbill-cold', 1);
        rq.onupgradeneeded = function () { rq.result.createObjectStore('files'); };
        rq.onsuccess = function () { resolve(rq.result); };
        rq.onerror = function () { opening = null; reject(rq.error); };
      });
    }
    return opening;
  }
  function run(mode, body) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction('files', mode);
        var result = body(tx.objectStore('files'));
        tx.oncomplete = function () { resolve(result); };
        tx.onerror = tx.onabort = function () { reject(tx.error || new Error('transaction aborted')); };
      });
    });
  }
  return {
    staged: [],
    // All entries in one transaction: either all are stored or none (quota errors reject).
    put: function (entries) {
      return run('readwrite', function (store) { entries.forEach(function (e) { store.put(e.bytes, e.name); }); });
    },
    get: function (names) {
      return run('readonly', function (store) {
        var out = new Array(names.length);
        names.forEach(function (n, i) { store.get(n).onsuccess = function (ev) { out[i] = ev.target.result; }; });
        return out;
      });
    },
    // Values are Blobs (or typed arrays, as the first builds wrote them): as Uint8Arrays.
    bytes: function (values) {
      return Promise.all(values.map(function (v) {
        return v instanceof Blob ? v.arrayBuffer().then(function (b) { return new Uint8Array(b); }) : v;
      }));
    },
    segmentNames: function (count) {
      var names = [];
      for (var i = 0; i < count; i++) names.push('workspace/confirmed-' + String(i).padStart(6, '0') + '.jsonl');
      return names;
    },
  };
})();

// Reports an asynchronous storage operation's end to C++ ('' = success).
Module.deskbillDone = function (token, err) {
  // A DOMException's name says what failed (QuotaExceededError); a plain Error's says nothing,
  // its message does ("archived segment … is missing").
  var msg = !err ? '' : err.name && err.name !== 'Error' ? '' + err.name : '' + (err.message || err.name || err);
  var ptr = allocateUTF8(msg);
  Module._deskbill_fs_synced(token, ptr);
  _free(ptr);
};

Module.deskbillDownload = function (name, mime, parts) {
  var blob = new Blob(parts, { type: mime });
  var a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
};

// Started at once, while the .wasm downloads and compiles: at 1M timesheets the snapshot is
// 45 MB and reading it is the longest part of a start. C++ uses it only if workspace.json
// names a snapshot of the same coverage. A snapshot of format 7 and later says at byte 24 where
// its timesheets begin (docs/journal.md): the bytes before them (a fifth at 1 M) are read first,
// alone, and the start draws them while the rest is read (WebHost::show_preview).
Module.deskbillWake = function () {
  if (Module._deskbill_wake && runtimeInitialized) Module._deskbill_wake();
};
// The whole snapshot is read by a worker (web/snapshot_reader.js), at once: on the main thread
// the read advanced only while that thread was free, and a start that draws the part before the
// timesheets keeps it busy (measured at 1 M: docs/benchmarks.md). Resolves to the bytes, or null.
Module.deskbill.wholeSnapshot = new Promise(function (resolve) {
  var onMain = function () {
    Module.deskbill.snapshotReader = 'page';  // which read it was (a test checks both)
    Module.deskbillCold.get(['workspace/snapshot.bin']).then(function (r) {
      return Module.deskbillCold.bytes(r.filter(Boolean));
    }).then(function (r) { resolve(r[0] || null); }, function () { resolve(null); });
  };
  var worker;
  try {
    worker = new Worker('snapshot_reader.js');
  } catch (e) {
    onMain();
    return;
  }
  worker.onmessage = function (e) {
    worker.terminate();
    if (e.data.error) onMain();  // read again here rather than replay the archive
    else {
      Module.deskbill.snapshotReader = 'worker';
      resolve(e.data.bytes ? new Uint8Array(e.data.bytes) : null);
    }
  };
  worker.onerror = function () { worker.terminate(); onMain(); };
  worker.postMessage('read');
});
// The part before the timesheets, read here (a slice of the stored Blob: 10 MB of 45 at 1 M).
Module.deskbill.snapshotRead = Module.deskbillCold.get(['workspace/snapshot.bin']).then(function (r) {
  var v = r[0];
  if (!(v instanceof Blob)) return;  // none, or a typed array as the first builds stored it
  return v.slice(0, 32).arrayBuffer().then(function (b) {
    var dv = new DataView(b);
    var format = b.byteLength >= 32 ? dv.getUint32(8, true) : 0;
    var restAt = format >= 7 ? Number(dv.getBigUint64(24, true)) : 0;
    if (!(restAt > 32 && restAt < v.size)) return;  // an older format: no preview, the whole is read
    return v.slice(0, restAt).arrayBuffer().then(function (head) {
      if (Module.deskbill.snapshotReady) return;  // the whole came first
      Module.deskbill.snapshot = new Uint8Array(head);
      Module.deskbill.snapshotHeadAt = performance.now();
      Module.deskbill.snapshotHeadReady = true;
      Module.deskbillWake();
    });
  });
}).catch(function () {});  // no preview; the whole is what a start needs
Module.deskbill.wholeSnapshot.then(function (whole) {
  // Without it (a failed read) the start finds no whole snapshot and replays the archive instead
  // (slower, nothing lost): what was read before the timesheets is no snapshot.
  Module.deskbill.snapshot = whole;
  Module.deskbill.snapshotReadAt = performance.now();
  // main() is already drawing; it opens the workspace on its next tick.
  Module.deskbill.snapshotHeadReady = true;
  Module.deskbill.snapshotReady = true;
  Module.deskbillWake();
});

// One writer per workspace (DESIGN §3). A read-only tab follows the writer: each time the writer
// stored new work it says so on a BroadcastChannel. The tab also waits in the lock's queue and
// takes over, without a reload, when the writer tab goes. Both only reach the C++ side
// (journal/writer_handoff), which reads IndexedDB again one read at a time and drops neither.
Module.deskbill.waitForLock = function () {
  if (typeof BroadcastChannel !== 'undefined') {
    Module.deskbill.channel = Module.deskbill.channel || new BroadcastChannel('deskbill-saved');
    Module.deskbill.channel.onmessage = function () {
      if (Module.deskbill.writer) return;
      if (runtimeInitialized) Module._deskbill_storage_saved_elsewhere();
      else Module.deskbill.missedSave = true;
    };
  }
  navigator.locks.request('deskbill-writer', function () {
    // C++ reads storage again, then takes over; before the program runs, it does so once the
    // workspace is open (the open may have read storage before the last writer's last save).
    if (runtimeInitialized) Module._deskbill_lock_granted();
    else Module.deskbill.lockGranted = true;
    return new Promise(function () {});  // held for the life of the tab
  });
};
if (typeof BroadcastChannel !== 'undefined') Module.deskbill.channel = new BroadcastChannel('deskbill-saved');

Module.preRun = Module.preRun || [];
Module.preRun.push(function () {
  Module.deskbill.preRunAt = performance.now();
  FS.mkdir('/data');
  FS.mount(IDBFS, {}, '/data');
  // main() waits for the populate (a run dependency) but not for the snapshot read: it builds
  // the window and fonts meanwhile and opens the workspace when the snapshot is there too.
  // (Measured: starting main() before the populate made the snapshot read slower, not faster.)
  addRunDependency('deskbill-idbfs');
  // Read in one IndexedDB transaction (library.js, deskbill_read_files): a read-only tab may open
  // while the writer stores, and FS.syncfs(true) never answers when an entry it listed is gone
  // by the time it reads it.
  function populate() {
    Module.deskbillReadFiles(function (err) {
      // The browser's words: the app tells them in a sentence of its own (told_open_problem).
      if (err) Module.deskbill.storageError = String(err);
      Module.deskbill.populatedAt = performance.now();
      Module.deskbill.populated = true;
      removeRunDependency('deskbill-idbfs');
    });
  }
  // The lock first, then the read: a tab that opens as the writer reads storage while it holds
  // the lock, so no other tab can save between its read and its first write (read in parallel,
  // a tab closing at that moment could save after the read and before the lock was free).
  if (typeof navigator !== 'undefined' && navigator.locks && navigator.locks.request) {
    addRunDependency('deskbill-lock');
    navigator.locks.request('deskbill-writer', { ifAvailable: true }, function (lock) {
      Module.deskbill.writer = !!lock;
      removeRunDependency('deskbill-lock');
      if (!lock) Module.deskbill.waitForLock();
      populate();
      // Hold the lock for the life of the tab.
      return lock ? new Promise(function () {}) : undefined;
    });
  } else {
    populate();
  }
  if (typeof navigator !== 'undefined' && navigator.storage && navigator.storage.persist) {
    navigator.storage.persist().catch(function () {});
  }
});
