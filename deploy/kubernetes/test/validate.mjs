// Validates deploy/kubernetes offline, without a cluster:
//   node deploy/kubernetes/test/validate.mjs --root=deploy/kubernetes
//       [--server=remitrank_server] [--edge=deploy/edge/edge.sh]
//       [--junit=OUT.xml]
//
// Renders every kustomization (base, overlays/*, and base with each
// component alone) the way `kubectl kustomize` does for the features the
// manifests use (resources, components, JSON 6902 patches, images,
// namespace; any other feature is refused), then checks each object:
//   schema   kubernetes-models' validate() (the Kubernetes OpenAPI schemas:
//            types, required fields, enums)
//   fields   a TypeScript file typing the object as kubernetes-models'
//            interface, compiled with `tsc --noEmit`: an unknown field is
//            an excess property, which validate() lets through
//   rules    what this deployment relies on: selectors match the pod
//            labels, ports and volumes exist, hardened containers, a grace
//            period covering preStop + drain delay + shutdown grace, server
//            and edge flags that the programs (--server, --edge) accept
// The fixtures in test/fixtures/ are broken on purpose, and must fail:
// schema-*.yaml the schema check, field-*.yaml the field check.
// Prints "PASS name" / "FAIL name: why", writes a JUnit XML file
// (tools/test_summary.py counts it) and exits 1 when any check failed.
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync,
  writeFileSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import YAML from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).map((a) => {
  const [k, ...v] = a.replace(/^--/, '').split('=');
  return [k, v.join('=')];
}));
const root = resolve(args.root || join(here, '..'));

const results = [];
function check(name, fn) {
  try {
    fn();
    results.push({name, ok: true});
    console.log(`PASS ${name}`);
  } catch (e) {
    results.push({name, ok: false, message: e.message});
    console.log(`FAIL ${name}: ${e.message}`);
  }
}
function expect(cond, message) {
  if (!cond) throw new Error(message);
}

// ---- Rendering (the subset of kustomize the manifests use).

function readYamlDocs(file) {
  return YAML.parseAllDocuments(readFileSync(file, 'utf8')).map((d) => {
    if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
    return d.toJS();
  }).filter((o) => o != null);
}

function readKustomization(dir, kind) {
  const file = join(dir, 'kustomization.yaml');
  const [k] = readYamlDocs(file);
  expect(k.kind === kind, `${file}: kind is ${k.kind}, expected ${kind}`);
  const known = ['apiVersion', 'kind', 'resources', 'components', 'patches',
    'images', 'namespace'];
  for (const key of Object.keys(k)) {
    expect(known.includes(key),
        `${file}: '${key}' is not among the features this check renders (${known.join(', ')})`);
  }
  return k;
}

function pointer(path) {
  expect(path.startsWith('/'), `JSON pointer '${path}' does not start with /`);
  return path.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

// applyPatch: RFC 6902 add, replace, remove and test.
function applyPatch(object, ops, where) {
  for (const op of ops) {
    const parts = pointer(op.path);
    const last = parts.pop();
    let parent = object;
    for (const p of parts) {
      parent = parent?.[Array.isArray(parent) ? Number(p) : p];
      expect(parent !== undefined, `${where}: ${op.op} ${op.path}: ${p} does not exist`);
    }
    const isArray = Array.isArray(parent);
    const index = last === '-' ? parent.length : Number(last);
    switch (op.op) {
      case 'test': {
        const actual = isArray ? parent[index] : parent[last];
        expect(JSON.stringify(actual) === JSON.stringify(op.value),
            `${where}: test ${op.path}: ${JSON.stringify(actual)} is not ${JSON.stringify(op.value)}`);
        break;
      }
      case 'add':
        if (isArray) parent.splice(index, 0, op.value); else parent[last] = op.value;
        break;
      case 'replace':
        expect(isArray ? index < parent.length : last in parent,
            `${where}: replace ${op.path}: nothing there`);
        if (isArray) parent[index] = op.value; else parent[last] = op.value;
        break;
      case 'remove':
        expect(isArray ? index < parent.length : last in parent,
            `${where}: remove ${op.path}: nothing there`);
        if (isArray) parent.splice(index, 1); else delete parent[last];
        break;
      default:
        throw new Error(`${where}: op '${op.op}' is not rendered by this check`);
    }
  }
}

function applyLayer(objects, dir, k) {
  for (const patch of k.patches || []) {
    const file = join(dir, patch.path);
    const [ops] = readYamlDocs(file);
    expect(Array.isArray(ops), `${file}: not a JSON 6902 patch (a list of operations)`);
    const matches = objects.filter((o) => o.kind === patch.target.kind &&
        (patch.target.name === undefined || o.metadata?.name === patch.target.name));
    expect(matches.length > 0,
        `${file}: no ${patch.target.kind}/${patch.target.name} to patch`);
    for (const o of matches) applyPatch(o, ops, relative(root, file));
  }
  for (const image of k.images || []) {
    for (const o of objects) {
      const pod = o.spec?.template?.spec;
      for (const c of [...(pod?.containers || []), ...(pod?.initContainers || [])]) {
        const [name, tag] = c.image.split(':');
        if (name !== image.name) continue;
        c.image = `${image.newName || name}:${image.newTag || tag}`;
      }
    }
  }
  if (k.namespace) {
    for (const o of objects) o.metadata.namespace = k.namespace;
  }
}

function render(dir, extraComponents = []) {
  const k = readKustomization(dir, 'Kustomization');
  const objects = [];
  for (const r of k.resources || []) {
    const path = join(dir, r);
    if (statSync(path).isDirectory()) objects.push(...render(path));
    else objects.push(...readYamlDocs(path));
  }
  for (const c of [...(k.components || []).map((c) => join(dir, c)), ...extraComponents]) {
    const component = readKustomization(c, 'Component');
    for (const r of component.resources || []) objects.push(...readYamlDocs(join(c, r)));
    applyLayer(objects, c, component);
  }
  applyLayer(objects, dir, k);
  return objects;
}

// Every kustomization: the base, each overlay, the base with each component.
const builds = [];
const kustomizationDirs = (sub) => existsSync(join(root, sub)) ?
  readdirSync(join(root, sub)).map((d) => join(root, sub, d))
      .filter((d) => existsSync(join(d, 'kustomization.yaml'))) : [];
builds.push({name: 'base', render: () => render(join(root, 'base'))});
for (const d of kustomizationDirs('overlays')) {
  builds.push({name: relative(root, d), render: () => render(d)});
}
for (const d of kustomizationDirs('components')) {
  builds.push({name: `base+${relative(root, d)}`,
    render: () => render(join(root, 'base'), [d])});
}

// Every manifest file is part of some kustomization.
check('every YAML file under deploy/kubernetes is used by a kustomization', () => {
  const used = new Set();
  const visit = (dir) => {
    const k = YAML.parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'));
    used.add(join(dir, 'kustomization.yaml'));
    for (const r of k.resources || []) {
      const p = join(dir, r);
      if (statSync(p).isDirectory()) visit(p); else used.add(p);
    }
    for (const c of k.components || []) visit(join(dir, c));
    for (const p of k.patches || []) used.add(join(dir, p.path));
  };
  for (const d of [join(root, 'base'), ...kustomizationDirs('overlays'),
    ...kustomizationDirs('components')]) visit(d);
  const all = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, {withFileTypes: true})) {
      if (e.name === 'test' && dir === root) continue;
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (/\.ya?ml$/.test(e.name)) all.push(join(dir, e.name));
    }
  };
  walk(root);
  const unused = all.filter((f) => !used.has(f)).map((f) => relative(root, f));
  expect(unused.length === 0, `not in any kustomization: ${unused.join(', ')}`);
});

// ---- Schema: kubernetes-models' validate().

// null when valid, else validate()'s message. The model comes from the
// package's exports map: kubernetes-models/GROUP/VERSION/KIND.
async function schemaErrors(o) {
  const spec = `kubernetes-models/${o.apiVersion}/${o.kind}`;
  let Model;
  try {
    Model = (await import(spec))[o.kind];
  } catch (e) {
    return `no schema for apiVersion ${o.apiVersion}, kind ${o.kind} (${spec})`;
  }
  try {
    new Model(o).validate();
    return null;
  } catch (e) {
    return e.message;
  }
}

const label = (o) => `${o.kind}/${o.metadata?.name}`;
const rendered = [];
for (const b of builds) {
  let objects = [];
  check(`${b.name}: renders`, () => {
    objects = b.render();
    expect(objects.length > 0, 'no objects');
  });
  rendered.push({...b, objects});
  for (const o of objects) {
    const error = await schemaErrors(o).catch((e) => e.message);
    check(`${b.name}: ${label(o)}: schema`, () => expect(error === null, error));
  }
}

// ---- Fields: tsc --noEmit over each object typed as its interface.

// Beside the packages, so that imports resolve as in any module here.
const work = join(here, 'node_modules', '.cache', 'remitrank-manifests');
rmSync(work, {recursive: true, force: true});
mkdirSync(work, {recursive: true});
const tsFiles = [];
function writeTyped(o, name) {
  const file = join(work, `${tsFiles.length}.ts`);
  const type = `I${o.kind}`;
  writeFileSync(file, `import type {${type}} from "kubernetes-models/${o.apiVersion}/${o.kind}";\n` +
      `// ${name}\nexport const object: ${type} = ${JSON.stringify(o, null, 2)};\n`);
  tsFiles.push({file, name});
  return file;
}
for (const b of rendered) for (const o of b.objects) writeTyped(o, `${b.name}: ${label(o)}`);

const fixtures = join(here, 'fixtures');
const fixtureObjects = readdirSync(fixtures).filter((f) => f.endsWith('.yaml')).sort()
    .map((f) => ({file: f, objects: readYamlDocs(join(fixtures, f))}));
for (const f of fixtureObjects) {
  for (const o of f.objects) writeTyped(o, `fixture ${f.file}`);
}

// tsc's errors, by the file they are in.
function tscErrors() {
  writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, module: 'node16', moduleResolution: 'node16',
      target: 'es2022', skipLibCheck: true, types: [],
    },
    files: tsFiles.map((t) => t.file),
  }));
  let out = '';
  try {
    execFileSync(process.execPath, [join(here, 'node_modules/typescript/bin/tsc'),
      '-p', join(work, 'tsconfig.json'), '--pretty', 'false'], {encoding: 'utf8'});
  } catch (e) {
    out = `${e.stdout || ''}${e.stderr || ''}`;
    if (!out) throw e;
  }
  const byFile = new Map();
  for (const line of out.split('\n')) {
    const m = line.match(/^(.*?\.ts)\(\d+,\d+\): (.*)$/);
    if (!m) continue;
    const key = resolve(m[1]);  // tsc names files relative to the current directory
    byFile.set(key, [...(byFile.get(key) || []), m[2]]);
  }
  const unplaced = out.split('\n').filter((l) => l.trim() && !/^.*?\.ts\(\d+,\d+\)/.test(l) &&
      !/^\s/.test(l));
  return {byFile, unplaced};
}
const {byFile, unplaced} = tscErrors();
check('tsc compiles the typed objects (no error outside them)',
    () => expect(unplaced.length === 0, unplaced.join('; ')));
for (const t of tsFiles.filter((t) => !t.name.startsWith('fixture '))) {
  const errors = byFile.get(resolve(t.file)) || [];
  check(`${t.name}: fields (tsc)`, () => expect(errors.length === 0, errors.join('; ')));
}

// ---- The fixtures must fail, each in its check.
for (const f of fixtureObjects) {
  const kind = f.file.split('-')[0];
  if (kind === 'schema') {
    const errors = [];
    for (const o of f.objects) errors.push(await schemaErrors(o).catch((e) => e.message));
    check(`fixture ${f.file} is rejected by the schema check`, () =>
      expect(errors.every((e) => e !== null), 'validate() accepted it'));
  } else if (kind === 'field') {
    const files = tsFiles.filter((t) => t.name === `fixture ${f.file}`);
    const errors = [];
    for (const o of f.objects) errors.push(await schemaErrors(o).catch((e) => e.message));
    check(`fixture ${f.file} passes the schema check (validate() ignores unknown fields)`,
        () => expect(errors.every((e) => e === null), errors.join('; ')));
    check(`fixture ${f.file} is rejected by the field check (tsc)`, () =>
      expect(files.every((t) => (byFile.get(resolve(t.file)) || []).length > 0),
          'tsc accepted it'));
  } else {
    check(`fixture ${f.file} is named schema-*.yaml or field-*.yaml`, () => expect(false,
        'unknown fixture kind'));
  }
}

// ---- Rules of this deployment.

function duration(text, flag) {
  const m = /^(\d+)(ms|s|m|h)$/.exec(text || '');
  expect(m, `${flag}: '${text}' is not a duration this check reads (e.g. 5s)`);
  return Number(m[1]) * {ms: 0.001, s: 1, m: 60, h: 3600}[m[2]];
}
function flags(container) {
  const out = new Map();
  for (const a of container.args || []) {
    const m = /^--([A-Za-z0-9_]+)(?:=(.*))?$/.exec(a);
    expect(m, `${container.name}: argument '${a}' is not --flag[=value]`);
    out.set(m[1], m[2] ?? '');
  }
  return out;
}
function preStopSleep(container) {
  const cmd = container.lifecycle?.preStop?.exec?.command || [];
  expect(cmd.length === 2 && /(^|\/)sleep$/.test(cmd[0]),
      `${container.name}: preStop is not [sleep, SECONDS]`);
  return Number(cmd[1]);
}
const matches = (selector, labels) => Object.entries(selector || {})
    .every(([k, v]) => labels?.[k] === v) && Object.keys(selector || {}).length > 0;

// The flags a program accepts: remitrank_server's --helpfull, edge.sh's
// argument cases.
function serverFlags() {
  if (!args.server) return null;
  let help;
  try {
    help = execFileSync(args.server, ['--helpfull'], {encoding: 'utf8'});
  } catch (e) {
    help = `${e.stdout || ''}`;  // absl exits 1 after --helpfull
  }
  return new Set([...help.matchAll(/^\s+--?([a-z0-9_]+) \(/gm)].map((m) => m[1]));
}
function edgeFlags() {
  if (!args.edge) return null;
  const text = readFileSync(args.edge, 'utf8');
  return new Set([...text.matchAll(/^\s+--([a-z0-9_]+)=\*\)/gm)].map((m) => m[1]));
}
const known = {server: serverFlags(), edge: edgeFlags()};
check('the flag lists were read (--server, --edge)', () => {
  for (const [who, set] of Object.entries(known)) {
    expect(set === null || set.size > 3, `found only ${set?.size} flags of the ${who}`);
  }
});

for (const b of rendered) {
  const deployment = b.objects.find((o) => o.kind === 'Deployment');
  if (!deployment) continue;
  const pod = deployment.spec.template.spec;
  const podLabels = deployment.spec.template.metadata.labels;
  const containers = [...(pod.initContainers || []), ...pod.containers];
  const server = pod.containers.find((c) => c.name === 'server');
  const edge = pod.containers.find((c) => c.name === 'edge');
  const ports = new Map(pod.containers.flatMap((c) => (c.ports || [])
      .map((p) => [p.name, p.containerPort])));
  const r = (name, fn) => check(`${b.name}: ${name}`, fn);

  r('selectors match the pod template\'s labels', () => {
    expect(matches(deployment.spec.selector.matchLabels, podLabels), 'Deployment selector');
    for (const o of b.objects) {
      if (o.kind === 'Service') expect(matches(o.spec.selector, podLabels), label(o));
      if (o.kind === 'PodDisruptionBudget') {
        expect(matches(o.spec.selector.matchLabels, podLabels), label(o));
      }
      if (o.kind === 'HorizontalPodAutoscaler') {
        expect(o.spec.scaleTargetRef.kind === 'Deployment' &&
            o.spec.scaleTargetRef.name === deployment.metadata.name, label(o));
        expect(o.spec.minReplicas >= 2, `${label(o)}: minReplicas < 2 leaves no replica in a restart`);
      }
    }
  });
  r('Services and probes name ports the pod has', () => {
    for (const o of b.objects.filter((o) => o.kind === 'Service')) {
      for (const p of o.spec.ports) {
        expect(ports.has(p.targetPort) || [...ports.values()].includes(p.targetPort),
            `${label(o)}: targetPort ${p.targetPort}`);
      }
    }
    for (const c of pod.containers) {
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        const action = c[probe]?.grpc || c[probe]?.tcpSocket || c[probe]?.httpGet;
        if (!action) continue;
        expect(ports.has(action.port) || [...ports.values()].includes(action.port),
            `${c.name}.${probe}: port ${action.port}`);
      }
    }
  });
  r('the server\'s probes are gRPC health checks on the edge\'s health-only port', () => {
    const health = flags(edge).get('health_listen');
    expect(health, 'edge has no --health_listen');
    const port = Number(health.split(':').pop());
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
      expect(server[probe]?.grpc?.port === port, `server.${probe} is not grpc on ${port}`);
    }
    expect(!pod.containers.some((c) => (c.ports || []).some((p) =>
      p.containerPort === Number(flags(server).get('listen').split(':').pop()))),
    'the server\'s own port is published');
    expect(flags(server).get('listen').startsWith('127.0.0.1:'),
        'the server listens beyond loopback');
  });
  r('volume mounts name the pod\'s volumes; --data lies in the data volume', () => {
    const volumes = new Set((pod.volumes || []).map((v) => v.name));
    for (const c of containers) {
      for (const m of c.volumeMounts || []) expect(volumes.has(m.name), `${c.name}: ${m.name}`);
    }
    const mount = server.volumeMounts.find((m) => m.name === 'data');
    for (const path of flags(server).get('data').split(',')) {
      expect(mount && path.startsWith(`${mount.mountPath}/`), `--data=${path}`);
    }
  });
  r('every container is non-root, read-only, without capabilities, with resources', () => {
    expect(pod.securityContext?.runAsNonRoot === true, 'pod: runAsNonRoot');
    expect(pod.securityContext?.seccompProfile?.type === 'RuntimeDefault', 'pod: seccomp');
    for (const c of containers) {
      const s = c.securityContext || {};
      expect(s.readOnlyRootFilesystem === true, `${c.name}: readOnlyRootFilesystem`);
      expect(s.allowPrivilegeEscalation === false, `${c.name}: allowPrivilegeEscalation`);
      expect((s.capabilities?.drop || []).includes('ALL'), `${c.name}: drop ALL`);
      for (const k of ['requests', 'limits']) {
        expect(c.resources?.[k]?.cpu && c.resources?.[k]?.memory, `${c.name}: ${k}`);
      }
    }
  });
  r('the grace period covers preStop + drain delay + shutdown grace', () => {
    const f = flags(server);
    const serverDone = preStopSleep(server) + duration(f.get('drain_delay'), '--drain_delay') +
        duration(f.get('shutdown_grace'), '--shutdown_grace');
    expect(pod.terminationGracePeriodSeconds > serverDone,
        `terminationGracePeriodSeconds ${pod.terminationGracePeriodSeconds} <= ${serverDone}`);
  });
  r('the edge\'s preStop waits for the server\'s port to close, then stops nginx gracefully', () => {
    const hook = (edge.lifecycle?.preStop?.exec?.command || []).join(' ');
    const port = flags(server).get('listen').split(':').pop();
    expect(hook.includes(`/dev/tcp/127.0.0.1/${port}`),
        `it does not watch the server's --listen port ${port}: ${hook}`);
    expect(/kill -QUIT 1\b/.test(hook), `no SIGQUIT to edge.sh (PID 1): ${hook}`);
  });
  r('rolling updates never take a replica away first', () => {
    const s = deployment.spec.strategy;
    expect(s.type === 'RollingUpdate' && s.rollingUpdate.maxUnavailable === 0 &&
        s.rollingUpdate.maxSurge >= 1, JSON.stringify(s));
  });
  for (const [who, container] of [['server', server], ['edge', edge]]) {
    if (!known[who]) continue;
    r(`the ${who}'s flags are flags ${who === 'server' ? 'remitrank_server' : 'edge.sh'} accepts`,
        () => {
          const unknown = [...flags(container).keys()].filter((f) => !known[who].has(f));
          expect(unknown.length === 0, `unknown: --${unknown.join(', --')}`);
        });
  }
}

rmSync(work, {recursive: true, force: true});

function junit(path) {
  const esc = (s) => String(s).replace(/[<>&"]/g, (c) => (
    {'<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;'}[c]));
  const failed = results.filter((r) => !r.ok).length;
  mkdirSync(dirname(resolve(path)), {recursive: true});
  writeFileSync(path, `<?xml version="1.0" encoding="UTF-8"?>
<testsuites><testsuite name="deploy/kubernetes" tests="${results.length}" failures="${failed}">
${results.map((r) => `<testcase classname="deploy.kubernetes" name="${esc(r.name)}">${
    r.ok ? '' : `<failure message="${esc(r.message.split('\n')[0])}">${esc(r.message)}</failure>`
}</testcase>`).join('\n')}
</testsuite></testsuites>
`);
}
if (args.junit) junit(args.junit);
const failed = results.filter((r) => !r.ok).length;
console.log(`deploy/kubernetes: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed || !results.length ? 1 : 0);
