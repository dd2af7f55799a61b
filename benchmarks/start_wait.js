// What both start benchmarks (start_ab.js, start_times.js) wait for after opening the page: the
// workspace open (deskbillReady, checked first: the exports cannot be called before the runtime
// is up, and a fast start polled them too early) and its first frame drawn, and the frame that
// can edit. A build before the preview has no complete_at: its first frame can edit.
async function waitStarted(page) {
  await page.waitForFunction(() => {
    if (window.deskbillReady !== true) return false;
    const f = JSON.parse(UTF8ToString(Module._deskbill_first_frame_json()));
    return f.drawn_at > 0 && (f.complete_at === undefined || f.complete_at > 0);
  }, null, { timeout: 120000 });
}
module.exports = { waitStarted };
