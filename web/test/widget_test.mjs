// Browser tests of <remit-compare> in headless Chromium, against real
// remitrank_server processes (HTTP on port 0): the sample corridors and the
// RPW test workbook. Run by web/test/run.sh:
//
//   node web/test/widget_test.mjs --server=BIN --root=REPO --junit=OUT.xml
//       [--screenshots=DIR]
//
// Prints "PASS name" / "FAIL name: why" per check, writes a JUnit XML file
// (tools/test_summary.py counts it) and exits 1 when any check failed.
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createRequire} from 'node:module';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const args = Object.fromEntries(process.argv.slice(2).map((a) => {
  const [k, ...v] = a.replace(/^--/, '').split('=');
  return [k, v.join('=')];
}));
const root = args.root || process.cwd();
const serverBin = args.server || join(root, 'bazel-bin/service/remitrank_server');
const shots = args.screenshots || tmpdir();
const chromium = args.chromium || '/usr/bin/chromium';
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const results = [];
const children = [];

function fail(message) { throw new Error(message); }
function expect(cond, message) { if (!cond) fail(message); }
function expectEq(actual, expected, what) {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) fail(`${what}: got ${a}, want ${e}`);
}

// Starts remitrank_server on port 0; resolves to its HTTP base URL.
async function startServer(name, data, clockTime) {
  const dir = mkdtempSync(join(tmpdir(), 'remit-web-'));
  const portFile = join(dir, 'http_port');
  const child = spawn(serverBin, [
    ...data.map((d) => `--data=${join(root, d)}`),
    '--listen=127.0.0.1:0', '--http_listen=127.0.0.1:0',
    `--http_port_file=${portFile}`, `--clock_time=${clockTime}`,
  ], {stdio: ['ignore', 'pipe', 'pipe']});
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  child.stdout.on('data', (d) => { stderr += d; child.stderr.emit('data', ''); });
  // The port file appears once the server listens: wait for its line on
  // stderr rather than for a time.
  await new Promise((resolve, reject) => {
    child.stderr.on('data', () => {
      if (/HTTP on http/.test(stderr) && existsSync(portFile)) resolve();
    });
    child.on('exit', (code) => reject(new Error(
        `${name} server exited with ${code}: ${stderr}`)));
    setTimeout(() => reject(new Error(
        `${name} server did not start within 60 s: ${stderr}`)), 60000).unref();
  });
  const port = readFileSync(portFile, 'utf8').trim();
  return `http://127.0.0.1:${port}`;
}

async function check(name, fn) {
  try {
    await fn();
    results.push({name, ok: true});
    console.log(`PASS ${name}`);
  } catch (e) {
    results.push({name, ok: false, message: e.stack || String(e)});
    console.log(`FAIL ${name}: ${e.message}`);
  }
}

// The widget's rows as plain data, read through its open shadow root.
async function rows(page, selector = 'remit-compare') {
  return page.$eval(selector, (el) => [...el.shadowRoot.querySelectorAll(
      'tbody tr[data-provider]')].map((tr) => {
    const cells = Object.fromEntries([...tr.cells].map(
        (td) => [td.dataset.label,
                 td.textContent.replace(/[\u00a0\u202f]/g, ' ').trim()]));
    return {id: tr.dataset.provider, cells};
  }));
}
async function shadowText(page, css, selector = 'remit-compare') {
  return page.$eval(selector, (el, css) => {
    const n = el.shadowRoot.querySelector(css);
    return n ? n.textContent.trim() : null;
  }, css);
}
async function waitRows(page, selector = 'remit-compare') {
  await page.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    return el && el.shadowRoot &&
        el.shadowRoot.querySelector('tbody tr[data-provider]');
  }, {timeout: 15000}, selector);
}
async function axe(page, what) {
  await page.addScriptTag({content: axeSource});
  const r = await page.evaluate(() => window.axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
  }));
  const v = r.violations.map((x) => `${x.id} (${x.nodes.length}): ${x.help}; ${
    x.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(' | ')}`);
  console.log(`axe ${what}: ${r.violations.length} violations, ${r.passes.length} rules passed`);
  expectEq(v, [], `axe-core WCAG 2.1 AA violations on ${what}`);
}
function sorted(values, cmp) { return values.slice().sort(cmp); }
const num = (text) => Number(String(text).replace(/[^\d.-]/g, ''));

async function main() {
  const sample = await startServer('sample', ['testdata/sample_corridors.textproto'],
                                   '2026-11-02T12:00:00Z');
  const rpw = await startServer('rpw', ['testdata/rpw/rpw_test_workbook.xlsx'],
                                '2025-08-10T00:00:00Z');
  const browser = await puppeteer.launch({
    executablePath: chromium, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
  });
  const page = await browser.newPage();
  await page.setViewport({width: 1200, height: 1000});
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const embed = (base, q) => page.goto(`${base}/embed?${q}`, {waitUntil: 'load'});

  await check('sample: GB->NG at 120 GBP shows the expected offers and figures', async () => {
    await embed(sample, 'from=GB&to=NG&amount=120%20GBP&lang=en');
    await waitRows(page);
    const r = await rows(page);
    expectEq(r.map((x) => x.id), ['nairalink', 'northwind', 'globe-money', 'crown-bank'],
             'offers in order');
    expectEq(r.length, 4, 'offer count');
    const first = r[0].cells;
    expectEq(first['Total cost'], '£2.00 (1.67%)', 'NairaLink total');
    expectEq(first['Fee'], '£0.00', 'NairaLink fee');
    expectEq(first['Other charges'], '£0.24', 'NairaLink other charges');
    expectEq(first['Hidden in the rate'], '£1.76', 'NairaLink FX cost');
    expectEq(first['Your family receives'], 'NGN 241,900.00', 'NairaLink receives');
    expectEq(first['Speed'], 'under 1 hour', 'NairaLink speed');
    expect(first['Exchange rate'].startsWith('2,020') &&
           first['Exchange rate'].includes('1.46% below the market rate (2,050)'),
           `NairaLink rate: ${first['Exchange rate']}`);
    expect(first['How'] === 'debit card \u2192 mobile money', `how: ${first['How']}`);
    const summary = await shadowText(page, '.summary');
    expect(summary.includes('For £120.00, the 4 offers in our data cost 6.51% on average.'),
           `summary: ${summary}`);
    expect(summary.includes('about 200 US dollars') && summary.includes('about 500 US dollars'),
           'two comparison amounts');
    expect(summary.includes('A fair price to aim for'), 'SmaRT in words');
    const notes = await shadowText(page, '.notes');
    expect(notes.includes('Licence: CC0 1.0') && notes.includes('remitrank sample corridors'),
           `attribution: ${notes}`);
    expect(notes.includes('November 2, 2026'), 'price date');
    expectEq(await shadowText(page, 'h2'), 'Sending money: United Kingdom \u2192 Nigeria', 'title');
    await page.screenshot({path: join(shots, 'widget-sample-en.png'), fullPage: true});
  });

  await check('typing an amount re-ranks the offers', async () => {
    await embed(sample, 'from=GB&to=NG&amount=120%20GBP&lang=en');
    await waitRows(page);
    const input = await page.waitForSelector('remit-compare >>> input[name=amount]');
    await input.click({clickCount: 3});
    await input.type('1000');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('remit-compare')
        .shadowRoot.querySelector('h3')?.textContent.includes('1,000'), {timeout: 15000});
    await waitRows(page);
    const r = await rows(page);
    const pct = r.map((x) => num(x.cells['Total cost'].split('(')[1]));
    expectEq(pct, sorted(pct, (a, b) => a - b), 'ranked by total cost at £1,000');
    expect(r.every((x) => x.cells['Total cost'].length > 0), 'totals shown');
    expect(r.find((x) => x.id === 'crown-bank').cells['Fee'] === '£15.00', 'fee at 1000');
    const order = r.map((x) => x.id).join(',');
    expect(order !== 'nairalink,northwind,globe,crown' || pct[0] < 1.67,
           `the ranking changed with the amount (${order}, ${pct})`);
    expectEq(await shadowText(page, '.status'),
             'Showing 4 of 4 offers, sorted by total cost.', 'status region');
    await page.screenshot({path: join(shots, 'widget-sample-1000.png'), fullPage: true});
  });

  await check('the amount the family receives is priced too', async () => {
    await embed(sample, 'from=GB&to=NG&amount=100000%20NGN&lang=en');
    await waitRows(page);
    const r = await rows(page);
    // The send amount is found in whole minor units, so the family gets
    // NGN 100,000 or a little more.
    expect(r.length === 4 && r.every((x) => /^NGN 100,0[0-9]{2}\.[0-9]{2}$/.test(
        x.cells['Your family receives'])),
           `receives: ${r.map((x) => x.cells['Your family receives'])}`);
    expect(await page.$eval('remit-compare', (el) => el.shadowRoot
        .querySelector('input[value=receive]').checked), 'receive mode chosen');
  });

  await check('who is cheapest for the amount sent, from the cost curve', async () => {
    // US->MX from 200 to 800 USD: SwiftSend's promotion is cheapest up to
    // 500 USD (its limit), Northwind Remit above (remitrank curve gives the
    // same), and the first row at 400 USD is the curve's cheapest there.
    await embed(sample, 'from=US&to=MX&amount=400%20USD&lang=en');
    await waitRows(page);
    expectEq(await shadowText(page, '.cheapest-by-amount'),
             'Cheapest for the amount you send, from $200.00 to $800.00: ' +
             'SwiftSend * up to $500.00; Northwind Remit from $500.01.',
             'cheapest-by-amount line');
    expectEq((await rows(page))[0].id, 'swiftsend', 'first offer at 400 USD');
    await page.screenshot({path: join(shots, 'widget-cheapest-by-amount.png'),
                           fullPage: true});
    // The receive-method choice applies to the line too: with cash pick-up
    // only Globe Money Transfer is left (PostaLink's price is stale).
    const receive = await page.waitForSelector('remit-compare >>> select[name=receive]');
    await receive.select('RECEIVE_METHOD_CASH_PICKUP');
    await page.waitForFunction(() => document.querySelector('remit-compare')
        .shadowRoot.querySelector('.cheapest-by-amount')?.textContent
        .includes('Globe'), {timeout: 15000});
    expectEq(await shadowText(page, '.cheapest-by-amount'),
             'Cheapest for the amount you send, from $200.00 to $800.00: ' +
             'Globe Money Transfer for every amount.', 'line for cash pick-up');
    expectEq((await rows(page)).map((x) => x.id), ['globe-money'], 'cash pick-up rows');
    await receive.select('');
    await page.waitForFunction(() => document.querySelector('remit-compare')
        .shadowRoot.querySelector('.cheapest-by-amount')?.textContent
        .includes('SwiftSend'), {timeout: 15000});
    // In French, with the language's own numbers: 450 to 1,800 USD.
    await embed(sample, 'from=US&to=MX&amount=900%20USD&lang=fr');
    await waitRows(page);
    const fr = await shadowText(page, '.cheapest-by-amount');
    expect(fr && fr.startsWith('Le moins cher selon le montant envoy\u00e9') &&
           fr.includes('450,00') && fr.includes('1\u202f800,00') &&
           fr.includes('SwiftSend * jusqu\u2019\u00e0 500,00') &&
           fr.includes('Northwind Remit \u00e0 partir de 500,01'),
           `French line: ${fr}`);
    // Amounts received: no such line (it speaks of amounts sent).
    await embed(sample, 'from=US&to=MX&amount=3400%20MXN&lang=en');
    await waitRows(page);
    expectEq(await shadowText(page, '.cheapest-by-amount'), null,
             'no line in receive mode');
  });

  await check('sorting by amount received and by speed, with aria-sort', async () => {
    await embed(sample, 'from=GB&to=NG&amount=120%20GBP&lang=en');
    await waitRows(page);
    const th = async () => page.$eval('remit-compare', (el) =>
        [...el.shadowRoot.querySelectorAll('th[aria-sort]')].map(
            (t) => [t.textContent.trim(), t.getAttribute('aria-sort')]));
    expectEq(await th(), [['Total cost \u2191', 'ascending']], 'initial aria-sort');
    const button = await page.waitForSelector('remit-compare >>> button[data-sort=received]');
    await button.click();
    let r = await rows(page);
    const got = r.map((x) => num(x.cells['Your family receives']));
    expectEq(got, sorted(got, (a, b) => b - a), 'most received first');
    expectEq(await th(), [['Your family receives \u2193', 'descending']], 'aria-sort received');
    await (await page.waitForSelector('remit-compare >>> button[data-sort=speed]')).click();
    r = await rows(page);
    const speeds = ['under 1 hour', 'same day', 'next day', '2 days', '3-5 days', '6 days or more'];
    const s = r.map((x) => speeds.indexOf(x.cells['Speed']));
    expectEq(s, sorted(s, (a, b) => a - b), 'fastest first');
    const status = await shadowText(page, '.status');
    expectEq(status, 'Showing 4 of 4 offers, sorted by speed.', 'announcement');
  });

  await check('filters by receive method and provider type, and show more', async () => {
    await embed(sample, 'from=GB&to=NG&amount=120%20GBP&lang=en&max-offers=2');
    await waitRows(page);
    expectEq((await rows(page)).length, 2, 'first two offers');
    await (await page.waitForSelector('remit-compare >>> button.show-more')).click();
    expectEq((await rows(page)).length, 4, 'after show more');
    const receive = await page.waitForSelector('remit-compare >>> select[name=receive]');
    await receive.select('RECEIVE_METHOD_CASH_PICKUP');
    let r = await rows(page);
    expectEq(r.map((x) => x.id), ['globe-money'], 'cash pickup only');
    expectEq(await shadowText(page, '.status'), 'Showing 1 of 1 offer, sorted by total cost.',
             'announcement');
    await receive.select('');
    const type = await page.waitForSelector('remit-compare >>> select[name=type]');
    await type.select('PROVIDER_TYPE_BANK');
    r = await rows(page);
    expect(r.length >= 1 && r.every((x) => x.cells['Provider'].includes('bank')),
           `banks only: ${JSON.stringify(r.map((x) => x.cells['Provider']))}`);
  });

  await check('keyboard only: amount, sort choice and sort headers', async () => {
    await embed(sample, 'from=GB&to=NG&amount=120%20GBP&lang=en');
    await waitRows(page);
    const focused = () => page.evaluate(() => {
      const a = document.querySelector('remit-compare').shadowRoot.activeElement;
      return a ? (a.name || a.dataset.sort || a.className || a.tagName) : null;
    });
    await page.keyboard.press('Tab');
    expectEq(await focused(), 'amount', 'first Tab stop');
    await page.keyboard.down('Control');
    await page.keyboard.press('a');
    await page.keyboard.up('Control');
    await page.keyboard.type('500');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('remit-compare')
        .shadowRoot.querySelector('h3')?.textContent.includes('500.00'), {timeout: 15000});
    await waitRows(page);
    expectEq(await focused(), 'amount', 'focus kept on the amount after the update');
    // amount -> radio (send) -> Compare -> sort select.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    expectEq(await focused(), 'order', 'Tab reaches the sort choice');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.querySelector('remit-compare')
        .shadowRoot.querySelector('.status').textContent.includes('amount received'),
        {timeout: 5000});
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    expectEq(await focused(), 'total', 'Tab reaches the first sort header');
    await page.keyboard.press('Enter');
    expectEq(await shadowText(page, '.status'), 'Showing 4 of 4 offers, sorted by total cost.',
             'Enter on a header sorts');
    await page.keyboard.press('Tab');
    await page.keyboard.press(' ');
    expectEq(await shadowText(page, '.status'),
             'Showing 4 of 4 offers, sorted by amount received.', 'Space on a header sorts');
    const ring = await page.evaluate(() => {
      const a = document.querySelector('remit-compare').shadowRoot.activeElement;
      return getComputedStyle(a).outlineStyle;
    });
    expect(ring !== 'none', 'a visible focus outline');
  });

  await check('each language shows its own formats', async () => {
    const want = {
      en: ['Sending money: United Kingdom \u2192 Nigeria', '£2.00 (1.67%)', 'NGN 241,900.00'],
      fr: ['Envoyer de l\u2019argent\u00a0: Royaume-Uni \u2192 Nigeria', '2,00 £GB (1,67 %)',
           '241 900,00 NGN'],
      es: ['Enviar dinero: Reino Unido \u2192 Nigeria', '2,00 GBP (1,67 %)',
           '241.900,00 NGN'],
    };
    for (const [lang, [title, total, receives]] of Object.entries(want)) {
      await embed(sample, `from=GB&to=NG&amount=120%20GBP&lang=${lang}`);
      await waitRows(page);
      const r = await rows(page);
      const cells = Object.values(r[0].cells);
      expectEq(await shadowText(page, 'h2'), title, `${lang} title`);
      expect(cells.includes(total), `${lang} total ${JSON.stringify(cells)}`);
      expect(cells.includes(receives), `${lang} receives ${JSON.stringify(cells)}`);
      await page.screenshot({path: join(shots, `widget-sample-${lang}.png`), fullPage: true});
    }
  });

  await check('320 px wide: no horizontal scroll', async () => {
    await page.setViewport({width: 320, height: 900});
    try {
    for (const q of ['from=GB&to=NG&amount=120%20GBP&lang=fr',
                     'from=GB&to=NG&amount=120%20GBP&lang=en&dir=rtl']) {
      await embed(sample, q);
      await waitRows(page);
      const w = await page.evaluate(() => [document.documentElement.scrollWidth,
                                           document.documentElement.clientWidth]);
      expect(w[0] <= w[1], `${q}: scrollWidth ${w[0]} > ${w[1]}`);
      await page.screenshot({path: join(shots, `widget-320-${q.includes('rtl') ? 'rtl' : 'fr'}.png`),
                             fullPage: true});
      await axe(page, `320 px ${q}`);
    }
    await page.goto(`${sample}/`, {waitUntil: 'load'});
    await waitRows(page);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(w <= 320, `demo page scrollWidth ${w}`);
    } finally {
      await page.setViewport({width: 1200, height: 1000});
    }
  });

  await check('dir=rtl lays out right to left', async () => {
    await embed(sample, 'from=GB&to=NG&amount=120%20GBP&lang=fr&dir=rtl');
    await waitRows(page);
    const layout = await page.$eval('remit-compare', (el) => {
      const card = el.shadowRoot.querySelector('.card').getBoundingClientRect();
      const h2 = el.shadowRoot.querySelector('h2');
      const range = document.createRange();
      range.selectNodeContents(h2);
      const text = range.getBoundingClientRect();
      const first = el.shadowRoot.querySelector('thead th').getBoundingClientRect();
      const last = [...el.shadowRoot.querySelectorAll('thead th')].pop()
          .getBoundingClientRect();
      return {dir: getComputedStyle(h2).direction, gapRight: card.right - text.right,
              gapLeft: text.left - card.left, firstRight: first.right, lastRight: last.right};
    });
    expectEq(layout.dir, 'rtl', 'direction');
    expect(layout.gapRight < layout.gapLeft, `title starts on the right: ${JSON.stringify(layout)}`);
    expect(layout.firstRight > layout.lastRight, `first column on the right: ${JSON.stringify(layout)}`);
    await page.screenshot({path: join(shots, 'widget-rtl.png'), fullPage: true});
    await axe(page, 'rtl');
  });

  await check('the iframe page works inside another site', async () => {
    await page.goto(`${rpw}/healthz`);
    await page.setContent(`<!DOCTYPE html><html lang="en"><title>host</title><main>
      <iframe title="Money transfer prices" width="900" height="900"
        src="${sample}/embed?from=GB&to=NG&amount=120%20GBP&lang=fr"></iframe></main>`);
    const handle = await page.waitForSelector('iframe');
    const frame = await handle.contentFrame();
    await frame.waitForFunction(() => document.querySelector('remit-compare')
        ?.shadowRoot?.querySelector('tbody tr[data-provider]'), {timeout: 15000});
    const title = await frame.$eval('remit-compare', (el) =>
        el.shadowRoot.querySelector('h2').textContent);
    expect(title.includes('Royaume-Uni'), `iframe title ${title}`);
    expectEq(await frame.evaluate(() => document.documentElement.lang), 'fr', 'iframe lang');
    const n = await frame.$eval('remit-compare', (el) =>
        el.shadowRoot.querySelectorAll('tbody tr[data-provider]').length);
    expectEq(n, 4, 'iframe offers');
    await page.screenshot({path: join(shots, 'widget-iframe.png')});
  });

  await check('RPW workbook: US->MX figures, no stale marks, trend sparkline', async () => {
    await embed(rpw, 'from=US&to=MX&amount=200%20USD&lang=en');
    await waitRows(page);
    const r = await rows(page);
    expect(r.length >= 1, 'offers');
    const first = r[0].cells;
    expect(first['Provider'].startsWith('Northwind Remit'), `provider ${first['Provider']}`);
    expectEq(first['Total cost'], '$5.15 (2.58%)', 'total');
    expectEq(first['Fee'], '$2.99', 'fee');
    expectEq(first['Your family receives'], 'MX$3,660.00', 'receives');
    expectEq(await page.$eval('remit-compare', (el) =>
        el.shadowRoot.querySelectorAll('.stale').length), 0, 'stale marks');
    const svg = await page.$eval('remit-compare', (el) => {
      const s = el.shadowRoot.querySelector('.trend svg');
      return s && {label: s.getAttribute('aria-label'),
                   points: s.querySelector('polyline').getAttribute('points').split(' ').length};
    });
    expect(svg && svg.points > 1, `sparkline ${JSON.stringify(svg)}`);
    expect(svg.label.includes('2011_1Q'), `sparkline label ${svg.label}`);
    const notes = await shadowText(page, '.notes');
    expect(notes.includes('Licence: CC BY 4.0'), `attribution: ${notes}`);
    await page.screenshot({path: join(shots, 'widget-rpw-en.png'), fullPage: true});
    await axe(page, 'RPW US->MX');
  });

  await check('RPW workbook: offers with data notes carry a labelled "!" mark', async () => {
    const api = await (await fetch(`${rpw}/v1/corridors/RW/KE/offers?` +
        'sendAmount.currencyCode=RWF&sendAmount.units=200&pageSize=100')).json();
    const noted = api.offers.filter((o) => o.dataNotes.length).map((o) => o.providerId);
    expect(noted.length >= 1 && noted.length < api.offers.length,
           `offers with data notes ${JSON.stringify(noted)}`);
    for (const lang of ['en', 'fr']) {
      await embed(rpw, `from=RW&to=KE&amount=200%20RWF&lang=${lang}&max-offers=100`);
      await waitRows(page);
      const marks = await page.$eval('remit-compare', (el) =>
          [...el.shadowRoot.querySelectorAll('tbody tr[data-provider]')].map((tr) => {
            const m = tr.querySelector('.data-note');
            return {provider: tr.dataset.provider, text: m && m.textContent,
                    role: m && m.getAttribute('role'), label: m && m.getAttribute('aria-label')};
          }));
      expectEq(JSON.stringify(marks.filter((m) => m.label).map((m) => m.provider).sort()),
               JSON.stringify(noted.slice().sort()), `${lang}: offers marked`);
      for (const m of marks.filter((m) => m.label)) {
        expectEq(m.text, ' !', `${lang}: mark`);
        expectEq(m.role, 'img', `${lang}: role`);
        expect(m.label.startsWith(lang === 'en' ? 'Note on the data:' : 'Note sur les donn'),
               `${lang}: label ${m.label}`);
      }
    }
    const notes = await shadowText(page, '.notes');
    expect(notes.includes('! Note sur les donn'), `notes explain the mark: ${notes}`);
    await page.screenshot({path: join(shots, 'widget-rpw-data-notes.png'), fullPage: true});
    await axe(page, 'RPW RW->KE data notes');
  });

  await check('the demo page has a widget for every corridor', async () => {
    const list = await (await fetch(`${sample}/v1/corridors?pageSize=1000`)).json();
    await page.goto(`${sample}/`, {waitUntil: 'load'});
    await page.waitForFunction((n) => {
      const w = [...document.querySelectorAll('remit-compare')];
      return w.length === n && w.every((el) => el.shadowRoot?.querySelector(
          'tbody tr[data-provider], [role=alert]'));
    }, {timeout: 20000}, list.corridors.length);
    const alerts = await page.$$eval('remit-compare', (ws) => ws.filter(
        (el) => el.shadowRoot.querySelector('[role=alert]')).length);
    expectEq(alerts, 0, 'widgets that failed to load');
    await page.screenshot({path: join(shots, 'widget-demo.png')});
    await axe(page, 'demo page');
  });

  await check('accessibility: axe-core finds no WCAG 2.1 AA violation', async () => {
    for (const lang of ['en', 'fr', 'es']) {
      await embed(sample, `from=GB&to=NG&amount=120%20GBP&lang=${lang}`);
      await waitRows(page);
      await axe(page, `embed ${lang}`);
    }
  });

  await check('no script errors', async () => expectEq(errors, [], 'page errors'));
  await browser.close();
}

function junit(path) {
  const esc = (s) => String(s).replace(/[<>&"]/g, (c) => (
      {'<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;'}[c]));
  const failed = results.filter((r) => !r.ok).length;
  writeFileSync(path, `<?xml version="1.0" encoding="UTF-8"?>
<testsuites><testsuite name="web/widget" tests="${results.length}" failures="${failed}">
${results.map((r) => `<testcase classname="web.widget" name="${esc(r.name)}">${
    r.ok ? '' : `<failure message="${esc(r.message.split('\n')[0])}">${esc(r.message)}</failure>`
}</testcase>`).join('\n')}
</testsuite></testsuites>
`);
}

let code = 0;
try {
  await main();
} catch (e) {
  results.push({name: 'the browser tests ran', ok: false, message: e.stack || String(e)});
  console.log(`FAIL the browser tests ran: ${e.message}`);
}
for (const c of children) c.kill('SIGTERM');
if (args.junit) junit(args.junit);
const failed = results.filter((r) => !r.ok);
console.log(`web/widget: ${results.length - failed.length} passed, ${failed.length} failed`);
if (failed.length || !results.length) code = 1;
process.exit(code);
