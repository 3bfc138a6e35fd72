// Packages the extension once per VS Code platform with that platform's
// greylint binary under bin/, and once without a binary (the universal
// package, which uses greylint.path or PATH). The binaries come from the
// release archives `make dist` wrote, so the extension carries exactly the
// released server.
//
//   node scripts/package-platforms.js [--dist ../../dist] [--out ../../dist] [--targets linux-x64,...]
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { execFileSync } = require('node:child_process');

// VS Code platform → Go's os/arch. The binaries are static (CGO_ENABLED=0),
// so Alpine uses the Linux ones.
const targets = {
  'linux-x64': ['linux', 'amd64'],
  'linux-arm64': ['linux', 'arm64'],
  'alpine-x64': ['linux', 'amd64'],
  'alpine-arm64': ['linux', 'arm64'],
  'darwin-x64': ['darwin', 'amd64'],
  'darwin-arm64': ['darwin', 'arm64'],
  'win32-x64': ['windows', 'amd64'],
  'win32-arm64': ['windows', 'arm64'],
};

function arg(name, def) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : def;
}

const ext = path.resolve(__dirname, '..');
const root = path.resolve(ext, '..', '..');
const dist = path.resolve(arg('--dist', path.join(root, 'dist')));
const out = path.resolve(arg('--out', dist));
const wanted = arg('--targets', Object.keys(targets).join(',')).split(',').filter((t) => t !== '');
const version = fs.readFileSync(path.join(root, 'VERSION'), 'utf8').trim();
const pkg = JSON.parse(fs.readFileSync(path.join(ext, 'package.json'), 'utf8'));
if (pkg.version !== version) {
  throw new Error(`package.json version ${pkg.version} is not VERSION ${version}`);
}
fs.mkdirSync(out, { recursive: true });
fs.copyFileSync(path.join(root, 'LICENSE'), path.join(ext, 'LICENSE'));
const vsce = path.join(ext, 'node_modules', '.bin', process.platform === 'win32' ? 'vsce.cmd' : 'vsce');
const bin = path.join(ext, 'bin');

function unpack(goos, goarch) {
  const archive = path.join(dist, `greylint_${version}_${goos}_${goarch}.${goos === 'windows' ? 'zip' : 'tar.gz'}`);
  if (!fs.existsSync(archive)) {
    throw new Error(`${archive} is missing: run make dist first`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'greylint-vsix-'));
  if (goos === 'windows') {
    execFileSync('unzip', ['-q', archive, '-d', tmp]);
  } else {
    execFileSync('tar', ['-xzf', archive, '-C', tmp]);
  }
  const exe = goos === 'windows' ? 'greylint.exe' : 'greylint';
  fs.rmSync(bin, { recursive: true, force: true });
  fs.mkdirSync(bin);
  fs.copyFileSync(path.join(tmp, `greylint_${version}_${goos}_${goarch}`, exe), path.join(bin, exe));
  fs.chmodSync(path.join(bin, exe), 0o755);
  fs.rmSync(tmp, { recursive: true, force: true });
}

try {
  for (const t of wanted) {
    if (!targets[t]) {
      throw new Error(`unknown target ${t} (known: ${Object.keys(targets).join(', ')})`);
    }
    unpack(...targets[t]);
    const file = path.join(out, `greylint-${t}-${version}.vsix`);
    execFileSync(vsce, ['package', '--target', t, '--out', file], { cwd: ext, stdio: 'inherit' });
  }
  fs.rmSync(bin, { recursive: true, force: true });
  execFileSync(vsce, ['package', '--out', path.join(out, `greylint-${version}.vsix`)], { cwd: ext, stdio: 'inherit' });
} finally {
  fs.rmSync(bin, { recursive: true, force: true });
}
