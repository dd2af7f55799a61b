// Helpers for the end-to-end tests: Debian's chromium through playwright-core, widgets found by
// their label through the app's item registry (never by fixed coordinates).
const { chromium } = require('playwright-core');
const fs = require('fs');
const os = require('os');
const path = require('path');

// WebGL is drawn by SwiftShader (there is no GPU here) and the page is composited in software:
// composited by SwiftShader as well, a frame of an empty workspace cost twice the CPU
// (docs/benchmarks.md, "Each pixel of a frame filled once").
const ARGS = ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-gpu-compositing'];

// Every browser a test file opened, closed by closeAll (the files' `after` hook) even when a test
// failed half-way: an open browser would keep the test process, and the whole run, alive.
const opened = [];

async function launch(userDir) {
  const dir = userDir || fs.mkdtempSync(path.join(os.tmpdir(), 'deskbill-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS, headless: true,
    viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1,
  });
  opened.push(context);
  return { context, dir };
}

async function closeAll() {
  await Promise.all(opened.splice(0).map((c) => c.close().catch(() => {})));
}

async function open(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.deskbillReady === true, null, { timeout: 30000 });
  await page.waitForTimeout(200);
}

// A real reload: page.goto() to the page's own URL (hash included) is a same-document navigation
// that reloads nothing, and the app is still ready, so a check 'after a reload' that used it
// checked the same page. The mark set here is gone only in a new document.
async function reload(page) {
  await page.evaluate(() => { window.deskbillBeforeReload = true; });
  await page.reload();
  await page.waitForFunction(() => window.deskbillReady === true, null, { timeout: 30000 });
  if (await page.evaluate(() => window.deskbillBeforeReload === true)) throw new Error('the page was not reloaded');
  await page.waitForTimeout(200);
}

// Waits until a widget with this label is drawn, returns its rectangle.
async function find(page, label, timeout = 8000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const r = await page.evaluate((l) => window.deskbillFind(l), label);
    if (r && r.w > 0) return r;
    await page.mouse.move(5 + Math.random() * 3, 5);  // input wakes the render loop
    await page.waitForTimeout(60);
  }
  await shot(page, 'not-found-' + label.replace(/[^a-zA-Z0-9]+/g, '_'));
  throw new Error('widget not found: ' + label);
}

const frames = (page) => page.evaluate(() => Module._deskbill_frame_count());

// Waits until the app has drawn n more frames (software GL can be slow).
async function settle(page, n = 2) {
  const start = await frames(page);
  await page.waitForFunction((s) => { Module._deskbill_wake(); return Module._deskbill_frame_count() >= s; }, start + n, { timeout: 5000 });
}

// Waits until the app has processed every input event it received (ImGui takes one change of
// a key or button per frame, so a burst of typing takes many frames), then one more frame.
async function drained(page) {
  await page.waitForFunction(() => { Module._deskbill_wake(); return Module._deskbill_input_pending() === 0; }, null, { timeout: 10000 });
  await settle(page, 1);
}

async function click(page, label) {
  // Keys typed just before are worked through first: a list filtered by them moves its items
  // (a picker's "Create and edit…" rises as the typed name stops matching "Support"), and a
  // rectangle taken before that is clicked where another item has come.
  await drained(page);
  const r = await find(page, label);
  // Like a person: move, press, release, each seen by a frame of its own.
  await page.mouse.move(r.x + Math.min(r.w / 2, 40), r.y + r.h / 2);
  await settle(page, 1);
  await page.mouse.down();
  await settle(page, 1);
  await page.mouse.up();
  await drained(page);
  await settle(page, 1);
}

// Text goes to the hidden <input> the app focuses when a text field is active.
async function textFocus(page) {
  try {
    await page.waitForFunction(() => { Module._deskbill_wake(); return document.activeElement && document.activeElement.id === 'text-input'; }, null, { timeout: 5000 });
  } catch (e) {
    await shot(page, 'no-text-focus-' + Date.now());
    throw e;
  }
}

async function type(page, label, text, { clear = true } = {}) {
  await click(page, label);
  await textFocus(page);
  if (clear) {
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
  }
  await page.keyboard.type(text, { delay: 5 });
  await drained(page);
}

// Opens a searchable picker and chooses the item whose label contains `text`.
async function choose(page, comboLabel, text) {
  await click(page, comboLabel);
  await textFocus(page);
  await page.keyboard.type(text, { delay: 5 });
  await page.waitForTimeout(150);
  await page.keyboard.press('Enter');  // the picker takes the first match
  await page.waitForTimeout(150);
}

// The state the UI produced, as deskbill-cli prints it.
async function state(page) {
  return JSON.parse(await page.evaluate(() => UTF8ToString(Module._deskbill_state_json())));
}

// The state once `holds(state)` is true, or the last state read when `timeout` ms pass (the
// caller's assertion then says what differs). An input is handled in a frame, and a loaded
// machine can take several frames to get to it: reading the state right after a key or a drop
// raced that frame.
async function stateWhen(page, holds, timeout = 10000) {
  const end = Date.now() + timeout;
  for (;;) {
    await page.evaluate(() => Module._deskbill_wake());
    const s = await state(page);
    if (holds(s) || Date.now() >= end) return s;
    await page.waitForTimeout(50);
  }
}

async function waitSaved(page, timeout = 10000) {
  await page.waitForFunction(() => UTF8ToString(Module._deskbill_save_state()) === 'saved', null, { timeout });
}

async function exists(page, label, timeout = 1500) {
  try { await find(page, label, timeout); return true; } catch (e) { return false; }
}

// Waits until no widget with this label is drawn (a click's effect can take a few frames on a
// loaded machine); false if one still is after `timeout` ms, with a screenshot of it.
async function gone(page, label, timeout = 5000) {
  const end = Date.now() + timeout;
  for (;;) {
    await page.evaluate(() => Module._deskbill_wake());
    await settle(page, 1);
    const r = await page.evaluate((l) => window.deskbillFind(l), label);
    if (!(r && r.w > 0)) return true;
    if (Date.now() >= end) {
      await shot(page, 'still-drawn-' + label.replace(/[^a-zA-Z0-9]+/g, '_'));
      return false;
    }
    await page.waitForTimeout(60);
  }
}

// The pixels of a rectangle of the page as a person sees them, [r, g, b] row by row: taken from a
// screenshot and decoded in the page (the item registry knows where a text is drawn, not in which
// colour).
async function pixels(page, clip) {
  const png = await page.screenshot({ clip });
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const img = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const ctx = new OffscreenCanvas(img.width, img.height).getContext('2d');
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, img.width, img.height).data;
    const out = [];
    for (let i = 0; i < px.length; i += 4) out.push([px[i], px[i + 1], px[i + 2]]);
    return out;
  }, png.toString('base64'));
}

// The colour of the pixel at (x, y), [r, g, b].
async function pixel(page, x, y) {
  return (await pixels(page, { x, y, width: 1, height: 1 }))[0];
}

// The colour a label's item is drawn in: 'red', 'amber', 'green', 'blue' or 'none' (fewer than 4
// coloured pixels). Each pixel of its box that is not grey, white or black is counted by its hue.
async function tone(page, label) {
  const r = await find(page, label);
  const count = { red: 0, amber: 0, green: 0, blue: 0 };
  for (const [cr, cg, cb] of await pixels(page, { x: r.x, y: r.y, width: r.w, height: r.h })) {
    const hi = Math.max(cr, cg, cb);
    if (hi - Math.min(cr, cg, cb) < 50) continue;  // grey, white, black
    if (hi === cr) count[cg - cb > 45 ? 'amber' : 'red']++;
    else if (hi === cg) count.green++;
    else count.blue++;
  }
  const [best, n] = Object.entries(count).sort((a, b) => b[1] - a[1])[0];
  return n >= 4 ? best : 'none';
}

async function shot(page, name) {
  const dir = path.join(__dirname, 'artifacts');
  fs.mkdirSync(dir, { recursive: true });
  await page.mouse.move(2, 2);
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(dir, name + '.png') });
}

// Connects the workspace to the sync endpoint from the Settings screen, as a person does (the
// dev token of scripts/test.sh's server and its workspace "demo", unless told otherwise).
async function connect(page, workspace = 'demo', token = process.env.DESKBILL_TOKEN || 'e2e-token') {
  await type(page, 'Workspace', workspace);
  await type(page, 'Token', token);
  await click(page, 'Connect##sync-connect');
}

// Adds a customer through Configuration → Customers, as a person does, and waits until it is in
// the state (the click was handled).
async function addCustomer(page, name) {
  await click(page, 'Configuration##navConfiguration');
  await click(page, 'Customers');
  await type(page, '##c-name', name);
  await click(page, 'Create##create-customer');
  await page.waitForFunction((n) => { Module._deskbill_wake(); return JSON.parse(UTF8ToString(Module._deskbill_state_json())).partners.some((p) => p.name === n); }, name);
}

// A ticket of team "Support" for the customer whose name holds "Tănase", made in its form; the
// ticket's form then shows. `saleLine`: the Sales Order Item to choose, or none.
async function newTicket(page, title, saleLine) {
  await click(page, 'Helpdesk##navHelpdesk');
  await click(page, 'Tickets##Support');
  await click(page, 'New Ticket##new-ticket');
  await type(page, 'Title', title);
  await choose(page, 'Customer', 'Tănase');
  if (saleLine) await choose(page, 'Sales Order Item', saleLine);
  await click(page, 'Create##create-ticket');
}

// Hours of employee Ana added on the ticket whose form shows, with the ticket's "Add a line".
async function logTime(page, description, hours) {
  await choose(page, '##ts-employee', 'Ana');
  await type(page, '##ts-desc', description);
  await type(page, '##ts-hours', hours);
  await click(page, 'Add a line##add-line');
}

// Restores ops as a user restores a backup: a JSONL file given to the Import file chooser. Waits
// until every op is in the state and saved.
async function importOps(page, ops) {
  const count = () => { const w = JSON.parse(UTF8ToString(Module._deskbill_workspace_json())); return w.confirmed + w.pending; };
  const before = await page.evaluate(count);
  await page.setInputFiles('#file-input', {
    name: 'setup.jsonl', mimeType: 'application/x-ndjson',
    buffer: Buffer.from(ops.map((o) => JSON.stringify(o)).join('\n') + '\n'),
  });
  // A function, not a string: the app's Content Security Policy forbids eval.
  await page.waitForFunction((n) => {
    Module._deskbill_wake();
    const w = JSON.parse(UTF8ToString(Module._deskbill_workspace_json()));
    return w.confirmed + w.pending >= n;
  }, before + ops.length, { timeout: 10000 });
  await waitSaved(page);
}

// Whether the widget with this label is drawn disabled (an action the user's role may not take).
async function disabled(page, label) {
  return (await find(page, label)).disabled;
}

// Browser storage that refuses every save as full (the quota exceeded), until storageFull(page,
// false): IDBFS's reconcile answers with the browser's QuotaExceededError.
async function storageFull(page, full = true) {
  await page.evaluate((f) => {
    window.deskbillStorageFull = f;
    if (window.deskbillStorageFullInstalled) return;
    window.deskbillStorageFullInstalled = true;
    const original = IDBFS.reconcile;
    IDBFS.reconcile = function (src, dst, cb) {
      if (src.type === 'local' && window.deskbillStorageFull) {
        return cb(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
      }
      return original.call(IDBFS, src, dst, cb);
    };
  }, full);
}

module.exports = { launch, closeAll, open, reload, find, click, settle, type, choose, exists, gone, tone, pixel, shot, state, stateWhen, waitSaved, disabled, textFocus, importOps, addCustomer, newTicket, logTime, drained, storageFull, connect };
