// Browser services for the C++ side (declared in web_services.h). Each is small and named;
// results come back through exported C functions.
mergeInto(LibraryManager.library, {
  // One sync of the files with IndexedDB, its end reported to C++ by token ('' = done).
  // populate: IndexedDB → files; otherwise files → IndexedDB (both below).
  $deskbill_syncfs__deps: ['$deskbill_read_files', '$deskbill_store_files'],
  $deskbill_syncfs: function (populate, token) {
    var report = function (err) {
      var msg = err ? ('' + (err.message || err.name || err)) : '';
      var ptr = allocateUTF8(msg);
      Module._deskbill_fs_synced(token, ptr);
      _free(ptr);
    };
    if (populate) deskbill_read_files(report);
    else deskbill_store_files(report);
  },
  // The IDBFS mount of /data, or null once `fail` was told why there is none.
  $deskbill_data_mount__deps: ['$FS'],
  $deskbill_data_mount: function (fail) {
    try {
      return FS.lookupPath('/data').node.mount;
    } catch (e) {
      fail(e);
      return null;
    }
  },
  // IndexedDB → files, as IndexedDB held them at one moment (a read-only tab reading what the
  // writer stored). Not FS.syncfs(true): it lists the stored files in one transaction and reads
  // them in another, and an entry the writer removed in between (archiving, publishing) is read
  // as nothing, on which IDBFS throws inside IndexedDB's callback: the read never answers, and
  // the tab, which reads one at a time, never follows nor takes over again. Here the changed
  // entries are listed and read in one readonly transaction; the callback is called once, with
  // an error if the transaction fails or aborts. Files IndexedDB does not hold are removed, as
  // FS.syncfs does.
  $deskbill_read_files__deps: ['$FS', '$IDBFS', '$deskbill_data_mount'],
  // pre.js reads the files at start with it too (minified names are not reachable from there).
  $deskbill_read_files__postset: 'Module.deskbillReadFiles = deskbill_read_files;',
  $deskbill_read_files: function (callback) {
    var answered = false;
    var answer = function (err) {
      if (answered) return;
      answered = true;
      callback(err);
    };
    var mount = deskbill_data_mount(answer);
    if (!mount) return;
    IDBFS.getDB(mount.mountpoint, function (err, db) {
      if (err) return answer(err);
      var tx;
      try {
        tx = db.transaction([IDBFS.DB_STORE_NAME], 'readonly');
      } catch (e) {
        return answer(e);
      }
      var store = tx.objectStore(IDBFS.DB_STORE_NAME);
      var stored = {};  // path → its entry, or null where the local file is the same
      IDBFS.getLocalSet(mount, function (e, local) {
        if (e) return answer(e);
        store.index('timestamp').openKeyCursor().onsuccess = function (ev) {
          var cursor = ev.target.result;
          if (!cursor) return;
          var path = cursor.primaryKey, mine = local.entries[path];
          stored[path] = null;
          if (!mine || mine.timestamp.getTime() !== cursor.key.getTime()) {
            store.get(path).onsuccess = function (got) { stored[path] = got.target.result || null; };
          }
          cursor.continue();
        };
        tx.onerror = function (ev) {
          ev.preventDefault();
          answer(tx.error || (ev.target && ev.target.error) || new Error('IndexedDB could not be read'));
        };
        tx.onabort = function () { answer(tx.error || new Error('the IndexedDB read was aborted')); };
        tx.oncomplete = function () {
          var failed = null;
          var done = function (er) { if (er && !failed) failed = er; };
          // Directories before the files in them; files removed before their directories.
          Object.keys(stored).sort().forEach(function (path) { if (stored[path]) IDBFS.storeLocalEntry(path, stored[path], done); });
          Object.keys(local.entries).sort().reverse().forEach(function (path) { if (!(path in stored)) IDBFS.removeLocalEntry(path, done); });
          answer(failed);
        };
      });
    });
  },
  // Files → IndexedDB, as they are at one moment. Not FS.syncfs(false): it lists the files that
  // changed when it is called, but reads them only once IndexedDB has answered, and a listed file
  // that is gone by then fails the flush without stopping its transaction. So one flush could
  // store a file as a later save wrote it beside another as an earlier save left it: a counter
  // past an op that no file holds, which stops every later op at the server (docs/journal.md,
  // tests/sim/sim_test.cpp). Here IndexedDB is asked first; then the files are listed and read in
  // one go (IDBFS's getLocalSet and reconcile run without yielding, and IndexedDB copies each
  // value when it is put). Only the writer tab stores, so what IndexedDB answered still holds.
  // Quota errors may never call the callback: C++ times out and retries (DESIGN §4).
  $deskbill_store_files__deps: ['$FS', '$IDBFS', '$deskbill_data_mount'],
  $deskbill_store_files: function (callback) {
    var mount = deskbill_data_mount(callback);
    if (!mount) return;
    IDBFS.getRemoteSet(mount, function (err, remote) {
      if (err) return callback(err);
      IDBFS.getLocalSet(mount, function (err2, local) {
        if (err2) return callback(err2);
        IDBFS.reconcile(local, remote, callback);
      });
    });
  },
  web_syncfs__deps: ['$deskbill_syncfs'],
  web_syncfs: function (token) { deskbill_syncfs(false, token); },
  web_clipboard_write: function (text) {
    var s = UTF8ToString(text);
    Module.deskbill.clipboard = s;
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(s).catch(function () {});
  },
  web_download: function (name, mime, data, len) {
    Module.deskbillDownload(UTF8ToString(name), UTF8ToString(mime), [HEAPU8.slice(data, data + len)]);
  },
  // Cold storage (pre.js): stage entries, then commit them in one transaction.
  web_cold_stage: function (name, data, len) {
    // As a Blob: Chromium reads a 100 MB Blob back twice as fast as a typed-array value.
    Module.deskbillCold.staged.push({ name: 'workspace/' + UTF8ToString(name), bytes: new Blob([HEAPU8.subarray(data, data + len)]) });
  },
  web_cold_commit: function (token) {
    var entries = Module.deskbillCold.staged;
    Module.deskbillCold.staged = [];
    Module.deskbillCold.put(entries).then(function () { Module.deskbillDone(token, ''); },
                                         function (e) { Module.deskbillDone(token, e); });
  },
  web_storage_ready: function () { return Module.deskbill.snapshotReady && Module.deskbill.populated ? 1 : 0; },
  web_preview_ready: function () { return Module.deskbill.snapshotHeadReady && Module.deskbill.populated ? 1 : 0; },
  // A test holds a start's preview on the screen (window.deskbillHoldPreview) to look at it.
  web_preview_held: function () { return window.deskbillHoldPreview ? 1 : 0; },
  web_shown: function () {
    var el = document.getElementById('loading');
    if (el) el.remove();
    window.deskbillShown = true;
  },
  web_opened: function () {
    var el = document.getElementById('loading');
    if (el) el.remove();
    window.deskbillShown = true;
    window.deskbillReady = true;
  },
  // The snapshot as read so far: the part before its timesheets, then the whole (pre.js).
  web_cold_snapshot_size: function () { return Module.deskbill.snapshot ? Module.deskbill.snapshot.length : 0; },
  web_cold_snapshot_read: function (at, dst, len) {
    HEAPU8.set(Module.deskbill.snapshot.subarray(at, at + len), dst);
  },
  // The JS copy goes after loading: only the state stays in memory.
  web_cold_snapshot_drop: function () { Module.deskbill.snapshot = null; },
  // Copies the first `count` archived segments to /tmp/cold for C++ to read.
  web_cold_materialize__deps: ['$FS'],
  web_cold_materialize: function (token, count) {
    var names = Module.deskbillCold.segmentNames(count);
    Module.deskbillCold.get(names).then(function (parts) {
      try { FS.mkdir('/tmp/cold'); } catch (e) {}
      for (var i = 0; i < parts.length; i++) {
        if (!parts[i]) throw new Error('archived segment ' + names[i] + ' is missing');
      }
      return Module.deskbillCold.bytes(parts);
    }).then(function (arrays) {
      for (var i = 0; i < arrays.length; i++) FS.writeFile('/tmp/cold/' + names[i].split('/')[1], arrays[i]);
      Module.deskbillDone(token, '');
    }).catch(function (e) { Module.deskbillDone(token, e); });
  },
  // A backup file: archived segments straight from IndexedDB, then the hot text from C++.
  web_export_with_cold: function (token, name, mime, count, hot, len) {
    var n = UTF8ToString(name), m = UTF8ToString(mime), tail = HEAPU8.slice(hot, hot + len);
    var names = Module.deskbillCold.segmentNames(count);
    Module.deskbillCold.get(names).then(function (parts) {
      for (var i = 0; i < parts.length; i++) if (!parts[i]) throw new Error('archived segment ' + names[i] + ' is missing');
      Module.deskbillDownload(n, m, parts.concat([tail]));
      Module.deskbillDone(token, '');
    }).catch(function (e) { Module.deskbillDone(token, e); });
  },
  web_print_html: function (html) {
    var w = window.open('', '_blank');
    if (!w) { alert('Allow pop-ups to print invoices.'); return; }
    w.document.open();
    w.document.write(UTF8ToString(html));
    w.document.close();
    w.focus();
    setTimeout(function () { w.print(); }, 250);
  },
  web_announce: function (text) {
    var el = document.getElementById('announce');
    if (el) el.textContent = UTF8ToString(text);
  },
  web_text_input: function (active, x, y, h) {
    var el = document.getElementById('text-input');
    if (!el) return;
    if (active) {
      el.style.left = x + 'px'; el.style.top = y + 'px'; el.style.height = h + 'px';
      if (document.activeElement !== el) el.focus({ preventScroll: true });
    } else if (document.activeElement === el) {
      el.blur();
      document.getElementById('canvas').focus({ preventScroll: true });
    }
  },
  web_today: function (buf, len) {
    var d = new Date();
    var s = d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
    stringToUTF8(Module.deskbill.today || s, buf, len);
  },
  web_now_ms: function () { return Date.now(); },
  web_random_id: function (buf, len) {
    var a = new Uint8Array(4);
    crypto.getRandomValues(a);
    var s = Array.from(a).map(function (b) { return b.toString(36).padStart(2, '0'); }).join('').slice(0, 6);
    stringToUTF8(s, buf, len);
  },
  web_is_writer: function () { return Module.deskbill.writer ? 1 : 0; },
  // Reads IndexedDB into the files again (a read-only tab: what the writer stored since).
  web_read_storage__deps: ['$deskbill_syncfs'],
  web_read_storage: function (token) { deskbill_syncfs(true, token); },
  // The lock was granted before the program ran: the tab takes over once the workspace is open.
  web_take_lock_granted: function () { var g = !!Module.deskbill.lockGranted; Module.deskbill.lockGranted = false; return g ? 1 : 0; },
  // A "saved" message came before the program ran: the open read may be older than that save.
  web_take_missed_save: function () { var m = !!Module.deskbill.missedSave; Module.deskbill.missedSave = false; return m ? 1 : 0; },
  web_reload: function () { location.reload(); },
  web_broadcast_saved: function () { if (Module.deskbill.channel) Module.deskbill.channel.postMessage('saved'); },
  web_storage_error: function (buf, len) { stringToUTF8(Module.deskbill.storageError || '', buf, len); },
  web_set_hash: function (hash) {
    var h = UTF8ToString(hash);
    if (location.hash !== h) history.pushState(null, '', h);
  },
  web_get_hash: function (buf, len) { stringToUTF8(location.hash || '', buf, len); },
  web_online: function () { return navigator.onLine ? 1 : 0; },
  web_fetch_post: function (token, url, auth, body) {
    var headers = { 'Content-Type': 'application/json' };
    var a = UTF8ToString(auth);
    if (a) headers['Authorization'] = 'Bearer ' + a;
    var done = function (status, text) {
      var ptr = allocateUTF8(text);
      Module._deskbill_fetch_done(token, status, ptr);
      _free(ptr);
    };
    fetch(UTF8ToString(url), { method: 'POST', headers: headers, body: UTF8ToString(body) })
      .then(function (r) { return r.text().then(function (t) { done(r.status, t); }); })
      .catch(function () { done(0, ''); });
  },
  web_open_file: function () {
    var input = document.getElementById('file-input');
    if (input) input.click();
  },
  web_is_apple: function () { return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent) ? 1 : 0; },
});
