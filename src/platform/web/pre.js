// Runs before main(): mount IndexedDB (IDBFS) at /data and populate it BEFORE anything writes
// (syncfs(true) deletes local files that are not stored yet), and find out whether this tab may
// write (one writer tab via Web Locks; others are read-only).
var Module = typeof Module !== 'undefined' ? Module : {};
Module.deskbill = Module.deskbill || { writer: true, storageError: '' };
Module.preRun = Module.preRun || [];
Module.preRun.push(function () {
  FS.mkdir('/data');
  FS.mount(IDBFS, {}, '/data');
  addRunDependency('deskbill-idbfs');
  FS.syncfs(true, function (err) {
    if (err) Module.deskbill.storageError = 'Browser storage could not be read: ' + err;
    removeRunDependency('deskbill-idbfs');
  });
  if (typeof navigator !== 'undefined' && navigator.locks && navigator.locks.request) {
    addRunDependency('deskbill-lock');
    navigator.locks.request('deskbill-writer', { ifAvailable: true }, function (lock) {
      Module.deskbill.writer = !!lock;
      removeRunDependency('deskbill-lock');
      // Hold the lock for the life of the tab.
      return lock ? new Promise(function () {}) : undefined;
    });
  }
  if (typeof navigator !== 'undefined' && navigator.storage && navigator.storage.persist) {
    navigator.storage.persist().catch(function () {});
  }
});
