// A serve.py of a test's own: a fresh SQLite database in a temporary folder, a free port on
// 127.0.0.1, and the dev token 'restore-token' for workspace 'demo'. For tests that stop the
// server, back its database up and restore it, or post as another device.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const L = require('./lib.js');

const TOKEN = 'restore-token';
const WORKSPACE = 'demo';
// SQLite's files: the database and, in WAL mode, its log and shared memory.
const FILES = ['', '-wal', '-shm'];

const freePort = () => new Promise((resolve) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
});

class OwnServer {
  // A server of the test's own and a browser page, handed to `body`; both are closed whatever
  // `body` did (the try/finally each such test needs).
  static async withApp(prefix, body) {
    const server = await OwnServer.start(prefix);
    let context = null;
    try {
      ({ context } = await L.launch());
      return await body(await context.newPage(), server);
    } finally {
      if (context) await context.close();
      await server.close();
    }
  }

  static async start(prefix) {
    const s = new OwnServer();
    s.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskbill-' + prefix + '-'));
    s.db = path.join(s.dir, 'db.sqlite3');
    s.port = await freePort();
    s.base = `http://127.0.0.1:${s.port}/`;
    s.app = s.base + '?test&nosw&today=2026-11-20';
    await s.run();
    return s;
  }

  async run() {
    const root = path.join(__dirname, '..', '..');
    this.proc = spawn(process.env.DESKBILL_PYTHON || 'python3', [path.join(root, 'serve.py'), '--host', '127.0.0.1',
      '--port', String(this.port), '--site', path.join(root, 'build', 'site'), '--db', this.db, '--dev-token', TOKEN],
    { env: { ...process.env, DESKBILL_SERVE_QUIET: '1' } });
    await new Promise((resolve, reject) => {
      this.proc.stdout.on('data', (d) => { if (String(d).includes('running at')) resolve(); });
      this.proc.on('exit', (code) => reject(new Error('serve.py exited ' + code)));
    });
  }

  stop() {
    const proc = this.proc;
    return new Promise((resolve) => { proc.on('exit', resolve); proc.kill('SIGTERM'); });
  }

  // A request to the sync endpoint of workspace 'demo' (the body's other fields as given).
  async post(body) {
    return fetch(this.base + 'api/sync', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + TOKEN },
      body: JSON.stringify({ workspace: WORKSPACE, ...body }),
    });
  }

  // Every op the server holds, in its order (an observer's pull from position 0).
  async held() {
    return (await (await this.post({ client_id: 'observer', cursor: 0, ops: [] })).json()).ops;
  }

  // The administrator's backup: the database as it is now (stopped, so checkpointed).
  async backup() {
    await this.stop();
    for (const f of FILES) if (fs.existsSync(this.db + f)) fs.copyFileSync(this.db + f, path.join(this.dir, 'backup' + f));
    await this.run();
  }

  // The disk is lost; the backup is restored.
  async restore() {
    await this.stop();
    for (const f of FILES) {
      fs.rmSync(this.db + f, { force: true });
      const b = path.join(this.dir, 'backup' + f);
      if (fs.existsSync(b)) fs.copyFileSync(b, this.db + f);
    }
    await this.run();
  }

  async close() {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  // The app in `page` connects to this server's workspace 'demo' from Settings.
  async connect(page) {
    await L.open(page, this.app + '#/settings');
    await L.connect(page, WORKSPACE, TOKEN);
  }

  // connect, then a customer, an employee and a Support team that logs time, imported under ids
  // `${prefix}-c`, `${prefix}-e` and `${prefix}-t`, for a test that needs a ticket's hours.
  async connectWithSupportTeam(page, prefix) {
    await this.connect(page);
    await L.waitSaved(page);
    await L.importOps(page, [
      { kind: 'partner.create', id: prefix + '-c', name: 'Ștefan Tănase' },
      { kind: 'employee.create', id: prefix + '-e', name: 'Ana' },
      { kind: 'team.create', id: prefix + '-t', name: 'Support', use_timesheets: true },
    ]);
  }
}

module.exports = { OwnServer };
