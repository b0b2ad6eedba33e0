// <remit-compare>: what sending money costs in one corridor, offer by
// offer, from a remitrank server's HTTP/JSON API.
//
//   <script src="https://SERVER/widget/remit-compare.js" defer></script>
//   <remit-compare from="GB" to="NG" amount="120 GBP" lang="fr"
//                  server="https://SERVER" max-offers="5"></remit-compare>
//
// Attributes: from, to (ISO 3166-1 codes); amount ("120 GBP", or "120" in
// the sending currency; default: about 200 US dollars); lang (en, fr, es;
// default: the page's); server (the API's base URL; default: where this
// script came from); max-offers (offers shown before "show more"; 5).
// Under the offers: the corridor's averages, and who is cheapest for each
// amount sent from half the amount to twice it (the cost curve, as on the
// printed sheet), among the offers the widget's choices leave.
// Plain JavaScript in an open shadow root: no framework, no cookies, no
// storage, nothing loaded from anywhere but `server`. Sentences come from
// the server's catalogs (/widget/messages/LANG.json, the printed sheet's);
// numbers, money and country names from the browser's Intl.
(() => {
  'use strict';

  const LANGS = ['en', 'fr', 'es'];
  const SCRIPT_BASE = (() => {
    try {
      return new URL('..', document.currentScript.src).href.replace(/\/$/, '');
    } catch (e) {
      return '';
    }
  })();
  const ENUMS = {
    paymentInstrument: ['CASH', 'BANK_ACCOUNT', 'DEBIT_CARD', 'CREDIT_CARD',
                        'MOBILE_WALLET', 'OTHER'],
    receiveMethod: ['CASH_PICKUP', 'BANK_ACCOUNT', 'MOBILE_MONEY',
                    'HOME_DELIVERY', 'OTHER'],
    speed: ['LESS_THAN_ONE_HOUR', 'SAME_DAY', 'NEXT_DAY', 'TWO_DAYS',
            'THREE_TO_FIVE_DAYS', 'SIX_DAYS_OR_MORE'],
    providerType: ['BANK', 'MONEY_TRANSFER_OPERATOR', 'MOBILE_OPERATOR',
                   'POST_OFFICE', 'OTHER'],
  };
  const PREFIX = {
    paymentInstrument: 'PAYMENT_INSTRUMENT_', receiveMethod: 'RECEIVE_METHOD_',
    speed: 'SPEED_', providerType: 'PROVIDER_TYPE_',
  };
  const CATALOG_LIST = {
    paymentInstrument: 'payment_instruments', receiveMethod: 'receive_methods',
    speed: 'speeds', providerType: 'provider_types',
  };
  const ORDERS = ['total', 'received', 'speed'];
  // Parts of the "cheapest for the amount you send" sentence, as on the
  // printed sheet (cli/sheet.h, kSheetCurveParts).
  const CURVE_PARTS = 4;

  // One fetch per URL per page (catalogs, countries).
  const cache = new Map();
  function getJson(url) {
    if (!cache.has(url)) {
      cache.set(url, fetch(url, {credentials: 'omit', referrerPolicy: 'no-referrer'})
          .then(async (r) => {
            const body = await r.json().catch(() => ({}));
            if (!r.ok) throw new Error(body.message || `HTTP ${r.status}`);
            return body;
          }));
    }
    return cache.get(url);
  }

  // ---- Exact decimals: money and percentages stay strings / BigInt. ----
  const NANO = 1000000000n;
  // An amount in nanos as API Money.
  function apiMoney(currency, nanos) {
    return {currencyCode: currency, units: (nanos / NANO).toString(),
            nanos: Number(nanos % NANO)};
  }
  // The query parameters of a Money request field (FIELD.currencyCode,
  // FIELD.units, FIELD.nanos) into URLSearchParams `q`.
  function setMoneyParams(q, field, currency, nanos) {
    const m = apiMoney(currency, nanos);
    q.set(field + '.currencyCode', m.currencyCode);
    q.set(field + '.units', m.units);
    q.set(field + '.nanos', String(m.nanos));
  }
  function moneyNanos(m) {
    return m ? BigInt(m.units || '0') * NANO + BigInt(m.nanos || 0) : 0n;
  }
  function nanosToDecimal(n) {
    const neg = n < 0n;
    const a = neg ? -n : n;
    const frac = (a % NANO).toString().padStart(9, '0').replace(/0+$/, '');
    return (neg ? '-' : '') + (a / NANO).toString() + (frac ? '.' + frac : '');
  }
  function moneyDecimal(m) { return nanosToDecimal(moneyNanos(m)); }
  function decimalNanos(text) {
    const m = /^(-?)(\d*)(?:\.(\d{0,9})\d*)?$/.exec(String(text || '0').trim());
    if (!m) return 0n;
    const v = BigInt(m[2] || '0') * NANO + BigInt((m[3] || '').padEnd(9, '0'));
    return m[1] ? -v : v;
  }
  // A typed amount ("1 234,50", "1234.5") as nanos, or null.
  function parseTyped(text) {
    let t = String(text).replace(/[\s\u00a0\u202f']/g, '');
    if (/^\d+[.,]\d{1,9}$/.test(t)) t = t.replace(',', '.');
    else t = t.replace(/[.,](?=\d{3}(\D|$))/g, '');
    if (!/^\d+(\.\d{1,9})?$/.test(t)) return null;
    const n = decimalNanos(t);
    return n > 0n ? n : null;
  }

  // ---- A small ICU MessageFormat: {x}, plural (with #, =N) and select. --
  function format(pattern, args, lang) {
    let i = 0;
    const plural = new Intl.PluralRules(lang);
    const num = new Intl.NumberFormat(lang);
    function text(hash) {
      let out = '';
      while (i < pattern.length && pattern[i] !== '}') {
        const c = pattern[i];
        if (c === '{') {
          i++;
          out += arg(hash);
        } else if (c === '#' && hash !== undefined) {
          out += hash;
          i++;
        } else {
          out += c;
          i++;
        }
      }
      return out;
    }
    function word() {
      while (/\s/.test(pattern[i])) i++;
      const start = i;
      while (i < pattern.length && !/[\s,{}]/.test(pattern[i])) i++;
      const w = pattern.slice(start, i);
      while (/\s/.test(pattern[i])) i++;
      return w;
    }
    function arg(hash) {
      const name = word();
      const value = args[name];
      if (pattern[i] === '}') {
        i++;
        return value === undefined ? '' : String(value);
      }
      i++;  // ','
      const type = word();
      i++;  // ','
      const branches = {};
      for (;;) {
        const key = word();
        if (!key) break;
        i++;  // '{'
        const n = Number(value);
        branches[key] = text(type === 'plural' ? num.format(n) : hash);
        i++;  // '}'
      }
      i++;  // the argument's '}'
      if (type === 'plural') {
        const n = Number(value);
        return branches['=' + n] ?? branches[plural.select(n)] ??
            branches.other ?? '';
      }
      return branches[String(value)] ?? branches.other ?? '';
    }
    return text(undefined);
  }

  const STYLE = `
    :host { display: block; font: 16px/1.4 system-ui, sans-serif;
            color: #1a1a1a; background: #fff; max-width: 100%;
            container-type: inline-size; }
    * { box-sizing: border-box; }
    .card { border: 1px solid #767676; border-radius: 6px; padding: 12px;
            overflow-wrap: break-word; }
    h2 { font-size: 1.2em; margin: 0 0 .4em; }
    p { margin: .4em 0; }
    form, .controls { display: flex; flex-wrap: wrap; gap: 8px 16px;
                      align-items: flex-end; margin: .6em 0; }
    label { display: flex; flex-direction: column; font-size: .9em; gap: 2px; }
    fieldset { border: 0; padding: 0; margin: 0; display: flex; gap: 8px;
               flex-wrap: wrap; }
    legend { font-size: .9em; padding: 0; }
    fieldset label { flex-direction: row; align-items: center; gap: 4px; }
    input[type=text], select { font: inherit; padding: 4px 6px; min-width: 0;
               max-width: 100%; border: 1px solid #555; border-radius: 4px; }
    input[type=text] { width: 9em; }
    button { font: inherit; padding: 4px 10px; border: 1px solid #0b4f8a;
             background: #0b4f8a; color: #fff; border-radius: 4px;
             cursor: pointer; }
    button.link { background: none; color: #0b4f8a; border: 0; padding: 0;
                  text-decoration: underline; font-weight: bold; }
    :focus-visible { outline: 3px solid #c45500; outline-offset: 2px; }
    table { border-collapse: collapse; width: 100%; font-size: .92em; }
    th { overflow-wrap: normal; hyphens: auto; }
    /* Each text's own direction inside a right-to-left layout, so that
       amounts and sentences in a left-to-right language stay whole. */
    td, .summary p, .notes p, .status { unicode-bidi: plaintext; }
    .cheapest-by-amount:empty { display: none; }
    th, td { text-align: start; vertical-align: top; padding: 6px 4px;
             border-bottom: 1px solid #ccc; }
    td.num, th.num { text-align: end; }
    td.num { white-space: nowrap; }
    td.num .small { white-space: normal; }
    .small { font-size: .85em; color: #444; }
    .mark { font-weight: bold; color: #8a3b00; }
    .total { font-weight: bold; }
    svg { display: block; max-width: 100%; height: auto; }
    .notes p { font-size: .85em; color: #333; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden;
          clip: rect(0 0 0 0); white-space: nowrap; }
    @container (max-width: 640px) {
      table, thead, tbody, tr, th, td { display: block; }
      thead tr { display: flex; flex-wrap: wrap; gap: 4px 12px;
                 border-bottom: 1px solid #ccc; }
      thead th { border: 0; padding: 2px 0; }
      thead th.plain { display: none; }
      tbody tr { border: 1px solid #ccc; border-radius: 4px; margin: 8px 0;
                 padding: 4px 8px; }
      td { border: 0; padding: 2px 0; display: flex; gap: 8px;
           justify-content: space-between; }
      td.num { text-align: end; white-space: normal; }
      td::before { content: attr(data-label); font-weight: bold;
                   text-align: start; flex: 0 1 45%; }
      td.provider { display: block; }
      td.provider::before { content: none; }
    }
  `;

  class RemitCompare extends HTMLElement {
    static get observedAttributes() {
      return ['from', 'to', 'amount', 'lang', 'server', 'max-offers'];
    }

    constructor() {
      super();
      this.attachShadow({mode: 'open'});
      this.state = {order: 'total', receive: '', type: '', shown: 0,
                    mode: 'send', typed: null};
      this.loadId = 0;
      this.curveId = 0;
    }

    connectedCallback() { this.load(); }

    attributeChangedCallback(name, oldValue, newValue) {
      if (this.isConnected && oldValue !== newValue) {
        this.state.typed = null;
        this.load();
      }
    }

    get lang_() {
      const l = (this.getAttribute('lang') ||
                 this.closest('[lang]')?.getAttribute('lang') ||
                 document.documentElement.lang || 'en').toLowerCase();
      const base = l.split('-')[0];
      return LANGS.includes(base) ? base : 'en';
    }
    get server() {
      return (this.getAttribute('server') || SCRIPT_BASE).replace(/\/$/, '');
    }
    get maxOffers() {
      const n = parseInt(this.getAttribute('max-offers') || '5', 10);
      return n > 0 ? n : 5;
    }

    corridorUrl(what, money, mode, extra) {
      const from = encodeURIComponent(this.getAttribute('from') || '');
      const to = encodeURIComponent(this.getAttribute('to') || '');
      const q = new URLSearchParams(extra || {});
      if (money) {
        setMoneyParams(q, mode === 'receive' ? 'receiveAmount' : 'sendAmount',
                       money.currency, money.nanos);
      }
      const qs = q.toString();
      return `${this.server}/v1/corridors/${from}/${to}/${what}${qs ? '?' + qs : ''}`;
    }

    async load() {
      const id = ++this.loadId;
      ++this.curveId;  // A cheapest-by-amount line still on its way is old.
      const lang = this.lang_;
      this.lang = lang;
      this.shadowRoot.innerHTML = `<style>${STYLE}</style>
        <div class="card" part="card"><p role="status">\u2026</p></div>`;
      try {
        const [m, countries] = await Promise.all([
          getJson(`${this.server}/widget/messages/${lang}.json`),
          getJson(`${this.server}/widget/countries.json`).catch(() => ({})),
        ]);
        if (id !== this.loadId) return;
        this.m = m;
        this.countries = countries;
        this.shadowRoot.querySelector('[role=status]').textContent =
            m.widget_loading;
        // The corridor at about 200 US dollars: its currencies and the
        // usual comparison amounts.
        const s200 = await getJsonFresh(this.corridorUrl('summary'))
            .catch(() => null);
        if (id !== this.loadId) return;
        let corridor = s200?.corridor;
        if (!corridor) {
          // No USD 200 equivalent is known: the corridor from the list.
          const a3 = (c) => {
            c = String(c || '').toUpperCase();
            return c.length === 3 ? c :
                Object.keys(countries).find((k) => countries[k] === c) || c;
          };
          const list = await getJsonFresh(
              `${this.server}/v1/corridors?pageSize=1000`);
          corridor = (list.corridors || []).map((c) => c.corridor).find(
              (c) => c.sendCountry === a3(this.getAttribute('from')) &&
                  c.receiveCountry === a3(this.getAttribute('to')));
          if (!corridor) throw new Error(m.no_offers);
        }
        // Without a USD 200 equivalent: 100 of the sending currency.
        const a200 = s200 ? moneyNanos(s200.amount) : 100n * NANO;
        const a500 = a200 * 5n / 2n;
        const sendCur = corridor.sendCurrency;
        const s500 = s200 ? await getJsonFresh(this.corridorUrl(
            'summary', {currency: sendCur, nanos: roundTo(a500)}, 'send'))
            .catch(() => null) : null;
        let typed = this.state.typed;
        if (!typed) {
          const attr = (this.getAttribute('amount') || '').trim();
          const mm = /^(.*?)\s*([A-Za-z]{3})?$/.exec(attr);
          const n = mm && mm[1] ? parseTyped(mm[1]) : null;
          const cur = (mm && mm[2] || sendCur).toUpperCase();
          typed = n ? {currency: cur, nanos: n,
                       mode: cur === corridor.receiveCurrency &&
                           cur !== sendCur ? 'receive' : 'send'}
                    : {currency: sendCur, nanos: a200, mode: 'send'};
          this.state.typed = typed;
          this.state.mode = typed.mode;
        }
        const offers = await getJsonFresh(this.corridorUrl(
            'offers', typed, typed.mode, {pageSize: '100'}));
        if (id !== this.loadId) return;
        const history = await getJsonFresh(this.corridorUrl('history'))
            .catch(() => null);
        if (id !== this.loadId) return;
        const curve = typed.mode === 'send' ?
            await this.cheapestByAmount(typed).catch(() => null) : null;
        if (id !== this.loadId) return;
        this.data = {corridor, s200, s500, offers, history, curve};
        this.state.shown = this.maxOffers;
        this.render();
      } catch (e) {
        if (id !== this.loadId) return;
        const msg = this.m ? this.m.widget_error : 'The prices could not be loaded.';
        this.shadowRoot.querySelector('.card').innerHTML =
            `<p role="alert"></p><p class="small"></p>`;
        this.shadowRoot.querySelector('[role=alert]').textContent = msg;
        this.shadowRoot.querySelector('.small').textContent = e.message;
      }
    }

    // ---- Formatting ----
    money(m) {
      if (!m || !m.currencyCode) return '';
      return new Intl.NumberFormat(this.lang, {
        style: 'currency', currency: m.currencyCode,
      }).format(moneyDecimal(m));
    }
    percent(text) {
      // "1.666666667" (percent units) -> "1,67 %" in the language.
      return new Intl.NumberFormat(this.lang, {
        style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2,
      }).format(nanosToDecimal(decimalNanos(text) / 100n));
    }
    rate(text) {
      return new Intl.NumberFormat(this.lang, {maximumFractionDigits: 6})
          .format(String(text));
    }
    date(iso) {
      if (!iso) return '';
      const d = new Date(iso.length === 10 ? iso + 'T00:00:00Z' : iso);
      return new Intl.DateTimeFormat(this.lang, {
        dateStyle: 'long', timeZone: 'UTC'}).format(d);
    }
    country(code) {
      const a2 = code && code.length === 3 ? this.countries[code] : code;
      try {
        return new Intl.DisplayNames([this.lang], {type: 'region'})
            .of(a2 || code) || code;
      } catch (e) {
        return code;
      }
    }
    word(kind, value) {
      const i = ENUMS[kind].indexOf(String(value).replace(PREFIX[kind], ''));
      return i >= 0 ? this.m[CATALOG_LIST[kind]][i] : this.m.not_stated;
    }
    f(key, args) { return format(this.m[key], args || {}, this.lang); }

    isStale(offer) {
      const fr = this.data.offers.freshness;
      if (!fr || !offer.quotedAt || !fr.maxQuoteAge) return false;
      const age = parseFloat(fr.maxQuoteAge) * 1000;
      if (!(age > 0)) return false;
      const asOf = Date.parse(fr.asOfDate + 'T00:00:00Z');
      return asOf - Date.parse(offer.quotedAt) > age;
    }

    // The offers after filters, in the chosen order.
    visible() {
      const {order, receive, type} = this.state;
      const list = (this.data.offers.offers || []).filter(
          (o) => (!receive || o.receiveMethod === receive) &&
                 (!type || o.providerType === type));
      const speed = (o) => {
        const i = ENUMS.speed.indexOf(String(o.speed).replace('SPEED_', ''));
        return i < 0 ? 99 : i;
      };
      const cmp = {
        total: (a, b) => a.rank - b.rank,
        received: (a, b) => {
          const d = moneyNanos(b.receiveAmount) - moneyNanos(a.receiveAmount);
          return d > 0n ? 1 : d < 0n ? -1 : a.rank - b.rank;
        },
        speed: (a, b) => speed(a) - speed(b) || a.rank - b.rank,
      }[order];
      return list.slice().sort(cmp);
    }

    render() {
      const m = this.m;
      const {corridor, s200, s500, offers, history, curve} = this.data;
      const root = this.shadowRoot;
      const esc = (t) => String(t).replace(/[&<>"']/g, (c) => (
          {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;',
           '\'': '&#39;'}[c]));
      const from = this.country(corridor.sendCountry);
      const to = this.country(corridor.receiveCountry);
      const all = offers.offers || [];
      const methods = [...new Set(all.map((o) => o.receiveMethod))];
      const types = [...new Set(all.map((o) => o.providerType))];
      const typed = this.state.typed;
      const typedMoney = apiMoney(typed.currency, typed.nanos);
      const uid = 'rc' + Math.random().toString(36).slice(2, 8);
      const option = (value, text, selected) =>
          `<option value="${esc(value)}"${selected ? ' selected' : ''}>${esc(text)}</option>`;
      const sortTh = (order, key, cls) => {
        const active = this.state.order === order;
        const dir = order === 'total' || order === 'speed' ? 'ascending' : 'descending';
        return `<th scope="col" class="${cls}" ${active ? `aria-sort="${dir}"` : ''}>
          <button type="button" class="link" data-sort="${order}">${esc(m[key])}${
            active ? (dir === 'ascending' ? ' \u2191' : ' \u2193') : ''}</button></th>`;
      };
      const showOther = all.some((o) =>
          moneyNanos(o.fundingSurcharge) + moneyNanos(o.recipientFeeInSendCurrency) > 0n);

      const summaryLine = (s, reference) => s ? `<p>${esc(this.f('corridor_line', {
        amount: this.money(s.amount), count: s.offerCount,
        average: this.percent(s.averageTotalCostPercent), reference}))} ${
        esc(s.smartPercent !== undefined ?
            this.f('smart_line', {smart: this.percent(s.smartPercent)}) :
            m.smart_none)}</p>` : '';

      const fr = offers.freshness || {};
      const dated = fr.oldestPriceDate && fr.oldestPriceDate !== fr.newestPriceDate ?
          this.f('prices_dated', {oldest: this.date(fr.oldestPriceDate),
                                  newest: this.date(fr.newestPriceDate)}) :
          fr.newestPriceDate ?
          this.f('prices_dated_on', {date: this.date(fr.newestPriceDate)}) : '';

      root.innerHTML = `<style>${STYLE}</style>
      <section class="card" part="card" aria-labelledby="${uid}-h">
        <h2 id="${uid}-h">${esc(this.f('title', {from, to}))}</h2>
        <form novalidate>
          <label>${esc(m.widget_amount)}
            <input type="text" inputmode="decimal" name="amount"
                   autocomplete="off"
                   value="${esc(nanosToDecimal(typed.nanos))}"
                   aria-describedby="${uid}-cur"></label>
          <span id="${uid}-cur">${esc(typed.currency)}</span>
          <fieldset><legend class="sr">${esc(m.widget_amount)}</legend>
            <label><input type="radio" name="mode" value="send"
              ${this.state.mode === 'send' ? 'checked' : ''}>${esc(m.widget_send)}
              (${esc(corridor.sendCurrency)})</label>
            <label><input type="radio" name="mode" value="receive"
              ${this.state.mode === 'receive' ? 'checked' : ''}>${esc(m.widget_receive)}
              (${esc(corridor.receiveCurrency)})</label>
          </fieldset>
          <button type="submit">${esc(m.widget_compare)}</button>
        </form>
        <div class="controls">
          <label>${esc(m.widget_sort)}
            <select name="order">${ORDERS.map((o, i) => option(
                o, m.widget_orders[i], o === this.state.order)).join('')}</select></label>
          <label>${esc(m.widget_receive_filter)}
            <select name="receive">${option('', m.widget_all, !this.state.receive)}${
              methods.map((v) => option(v, this.word('receiveMethod', v),
                                        v === this.state.receive)).join('')}</select></label>
          <label>${esc(m.widget_type_filter)}
            <select name="type">${option('', m.widget_all, !this.state.type)}${
              types.map((v) => option(v, this.word('providerType', v),
                                      v === this.state.type)).join('')}</select></label>
        </div>
        <h3 class="small" id="${uid}-t">${esc(this.f('offers_heading', {
            amount: this.money(typedMoney)}))}</h3>
        <table aria-labelledby="${uid}-t">
          <thead><tr>
            <th scope="col" class="plain">${esc(m.column_provider)}</th>
            <th scope="col" class="plain">${esc(m.column_how)}</th>
            <th scope="col" class="plain num">${esc(m.column_fee)}</th>
            ${showOther ? `<th scope="col" class="plain num">${esc(m.column_other)}</th>` : ''}
            <th scope="col" class="plain num">${esc(m.widget_rate)}</th>
            <th scope="col" class="plain num">${esc(m.column_margin)}</th>
            ${sortTh('total', 'column_total', 'num')}
            ${sortTh('received', 'column_receives', 'num')}
            ${sortTh('speed', 'column_speed', '')}
          </tr></thead>
          <tbody></tbody>
        </table>
        <p class="more"></p>
        <p role="status" aria-live="polite" class="small status"></p>
        <div class="summary">
          ${offers.summary && s200 &&
              moneyNanos(offers.summary.amount) === moneyNanos(s200.amount) ?
              '' : summaryLine(offers.summary, 'typed')}
          ${summaryLine(s200, 'usd200')}
          ${summaryLine(s500, 'usd500')}
          ${curve ? `<p class="cheapest-by-amount">${
              esc(this.cheapestLine(curve))}</p>` : ''}
        </div>
        <div class="trend"></div>
        <div class="notes">
          <p>${esc(showOther ? m.total_note_other : m.total_note)} ${esc(m.hidden_text)}</p>
          ${showOther ? `<p>${esc(m.other_note)}</p>` : ''}
          <p>${esc(m.promotional_note)}</p>
          <p>${esc(m.estimated_note)}</p>
          ${(offers.offers || []).some((o) => (o.dataNotes || []).length) ?
              `<p>! ${esc(m.widget_data_note)}.</p>` : ''}
          <p>${esc(dated)}</p>
          ${(offers.dataSources || []).map((d) => `<p>${esc(this.f('source_line', {
              name: d.name, date: this.date(d.asOf),
              version: (offers.datasetVersion || '').slice(0, 12)}))} ${
              esc(this.f('widget_licence', {license: d.license || m.not_stated}))}${
              d.sourceUrl ? ` <a href="${esc(d.sourceUrl)}" rel="noopener noreferrer">${
                esc(d.publisher || d.sourceUrl)}</a>` : ''}</p>${
              d.illustrative ? `<p>${esc(this.f('illustrative_note', {
                date: this.date(d.asOf)}))}</p>` : ''}`).join('')}
        </div>
      </section>`;
      this.renderRows();
      this.renderTrend(history);
      this.wire();
    }

    renderRows(announce) {
      const m = this.m;
      const root = this.shadowRoot;
      const list = this.visible();
      const shown = list.slice(0, this.state.shown);
      const showOther = (this.data.offers.offers || []).some((o) =>
          moneyNanos(o.fundingSurcharge) + moneyNanos(o.recipientFeeInSendCurrency) > 0n);
      const tbody = root.querySelector('tbody');
      tbody.textContent = '';
      const cell = (row, label, text, cls) => {
        const td = document.createElement('td');
        td.dataset.label = label;
        if (cls) td.className = cls;
        if (text instanceof Node) td.append(text);
        else td.textContent = text;
        row.append(td);
        return td;
      };
      for (const o of shown) {
        const tr = document.createElement('tr');
        tr.dataset.provider = o.providerId;
        const p = cell(tr, m.column_provider, '', 'provider');
        const name = document.createElement('strong');
        name.textContent = o.providerName;
        const marks = (o.promotional ? ' *' : '') + (o.estimated ? ' ~' : '');
        p.append(name);
        if (marks) {
          const s = document.createElement('span');
          s.className = 'mark';
          s.textContent = marks;
          p.append(s);
        }
        if ((o.dataNotes || []).length) {
          const s = document.createElement('span');
          s.className = 'mark data-note';
          s.textContent = ' !';
          s.setAttribute('role', 'img');
          s.setAttribute('aria-label', m.widget_data_note);
          s.title = m.widget_data_note;
          p.append(s);
        }
        if (this.isStale(o)) {
          const s = document.createElement('span');
          s.className = 'mark stale';
          s.textContent = ` (${m.widget_stale})`;
          p.append(s);
        }
        const t = document.createElement('div');
        t.className = 'small';
        t.textContent = this.word('providerType', o.providerType);
        p.append(t);
        cell(tr, m.column_how, `${this.word('paymentInstrument', o.paymentInstrument)} \u2192 ${
            this.word('receiveMethod', o.receiveMethod)}`);
        cell(tr, m.column_fee, this.money(o.fee), 'num');
        if (showOther) {
          const other = moneyNanos(o.fundingSurcharge) +
              moneyNanos(o.recipientFeeInSendCurrency);
          cell(tr, m.column_other,
               this.money(apiMoney(o.fee.currencyCode, other)), 'num');
        }
        const r = cell(tr, m.widget_rate, this.rate(o.exchangeRate), 'num');
        if (o.midMarketRate) {
          const d = document.createElement('div');
          d.className = 'small';
          d.textContent = this.f('widget_margin', {
            percent: this.percent(o.fxMarginPercent),
            mid: this.rate(o.midMarketRate)});
          r.append(d);
        }
        cell(tr, m.column_margin, this.money(o.fxMarginCost), 'num');
        const total = cell(tr, m.column_total, '', 'num total');
        total.textContent = `${this.money(o.totalCost)} (${this.percent(o.totalCostPercent)})`;
        if (moneyNanos(o.totalCost) < 0n) {
          const d = document.createElement('div');
          d.className = 'small';
          d.textContent = this.f('better_than_market', {
            amount: this.money({currencyCode: o.totalCost.currencyCode,
                                units: String(-BigInt(o.totalCost.units || 0)),
                                nanos: -(o.totalCost.nanos || 0)})});
          total.append(d);
        }
        cell(tr, m.column_receives, this.money(o.receiveAmount), 'num');
        cell(tr, m.column_speed, this.word('speed', o.speed));
        tbody.append(tr);
      }
      if (!shown.length) {
        const tr = document.createElement('tr');
        const td = document.createElement('td');
        td.colSpan = 9;
        td.textContent = m.no_offers;
        tr.append(td);
        tbody.append(tr);
      }
      const more = root.querySelector('.more');
      more.textContent = '';
      if (list.length > shown.length) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'show-more';
        b.textContent = m.widget_show_more;
        b.addEventListener('click', () => {
          this.state.shown += this.maxOffers;
          this.renderRows(true);
          const rows = this.shadowRoot.querySelectorAll('tbody tr');
          const next = rows[Math.min(shown.length, rows.length - 1)];
          next?.querySelector('strong')?.closest('td')?.setAttribute('tabindex', '-1');
          next?.querySelector('td')?.focus();
        });
        more.append(b);
      }
      const status = this.f('widget_status', {
        shown: shown.length, count: list.length,
        order: m.widget_orders[ORDERS.indexOf(this.state.order)]});
      // Changing the live region's text is what screen readers announce.
      const live = root.querySelector('.status');
      live.textContent = announce === false ? '' : status;
    }

    // Who is cheapest for each amount sent from half the typed amount to
    // twice it (the corridor's cost curve, as the printed sheet gives it),
    // among the offers the receive-method and provider-type choices leave:
    // {min, max, intervals}, amounts as API Money.
    async cheapestByAmount(typed) {
      const digits = new Intl.NumberFormat('en', {
        style: 'currency', currency: typed.currency,
      }).resolvedOptions().maximumFractionDigits;
      const unit = NANO / 10n ** BigInt(digits);
      const half = typed.nanos / 2n / unit * unit;
      const lo = half > unit ? half : unit;
      const hi = typed.nanos * 2n;
      const q = new URLSearchParams();
      setMoneyParams(q, 'minAmount', typed.currency, lo);
      setMoneyParams(q, 'maxAmount', typed.currency, hi);
      if (this.state.receive) q.set('filter.receiveMethods', this.state.receive);
      if (this.state.type) q.set('filter.providerTypes', this.state.type);
      const curve = await getJsonFresh(this.corridorUrl('curve', null, 'send', q));
      return {min: apiMoney(typed.currency, lo), max: apiMoney(typed.currency, hi),
              intervals: curve.intervals || []};
    }

    // The cheapest-by-amount line again, for the current choices; a line
    // that cannot be brought up to date is emptied rather than left wrong.
    async updateCheapest() {
      const id = ++this.curveId;
      const line = this.shadowRoot.querySelector('.cheapest-by-amount');
      const curve = await this.cheapestByAmount(this.state.typed)
          .catch(() => ({intervals: []}));
      if (id !== this.curveId || !line) return;
      this.data.curve = curve;
      line.textContent = this.cheapestLine(curve);
    }

    // The sentence of cheapestByAmount's answer, in the catalog's words:
    // at most CURVE_PARTS parts, then how many more changes there are.
    cheapestLine(curve) {
      const m = this.m;
      const list = curve?.intervals || [];
      if (!list.length) return '';
      const n = list.length;
      const named = n > CURVE_PARTS ? CURVE_PARTS - 1 : n;
      const same = (a, b) => moneyNanos(a) === moneyNanos(b);
      const parts = list.slice(0, named).map((interval, k) => {
        const o = interval.cheapest || {};
        const fromMin = same(interval.fromAmount, curve.min);
        const toMax = same(interval.toAmount, curve.max);
        const key = fromMin && toMax ? 'cheapest_throughout' :
            k === 0 && fromMin ? 'cheapest_up_to' :
            k === n - 1 && toMax ? 'cheapest_from' : 'cheapest_between';
        const marks = (o.promotional ? ' *' : '') + (o.estimated ? ' ~' : '');
        return this.f(key, {provider: (o.providerName || '') + marks,
                            from: this.money(interval.fromAmount),
                            to: this.money(interval.toAmount)});
      });
      if (named < n) parts.push(this.f('cheapest_more', {count: n - named}));
      return this.f('cheapest_by_amount', {
        min: this.money(curve.min), max: this.money(curve.max),
        parts: parts.join(m.cheapest_separator)});
    }

    renderTrend(history) {
      const box = this.shadowRoot.querySelector('.trend');
      const points = (history?.points || []).filter((p) => !p.gap &&
          p.averageTotalCostPercent);
      if (points.length < 2) return;
      const values = points.map((p) => Number(decimalNanos(p.averageTotalCostPercent)) / 1e9);
      const w = 240, h = 48, pad = 4;
      const max = Math.max(...values), min = Math.min(...values);
      const span = max - min || 1;
      const xy = values.map((v, i) => [
        pad + i * (w - 2 * pad) / (values.length - 1),
        h - pad - (v - min) * (h - 2 * pad) / span]);
      const label = `${this.f('widget_trend', {first: points[0].period,
          last: points[points.length - 1].period})}: ${
          points.map((p) => `${p.period} ${this.percent(p.averageTotalCostPercent)}`).join(', ')}`;
      const ns = 'http://www.w3.org/2000/svg';
      const svg = document.createElementNS(ns, 'svg');
      svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
      svg.setAttribute('width', String(w));
      svg.setAttribute('height', String(h));
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', label);
      const title = document.createElementNS(ns, 'title');
      title.textContent = label;
      const line = document.createElementNS(ns, 'polyline');
      line.setAttribute('points', xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' '));
      line.setAttribute('fill', 'none');
      line.setAttribute('stroke', '#0b4f8a');
      line.setAttribute('stroke-width', '2');
      const dot = document.createElementNS(ns, 'circle');
      const [lx, ly] = xy[xy.length - 1];
      dot.setAttribute('cx', lx.toFixed(1));
      dot.setAttribute('cy', ly.toFixed(1));
      dot.setAttribute('r', '3');
      dot.setAttribute('fill', '#0b4f8a');
      svg.append(title, line, dot);
      const cap = document.createElement('p');
      cap.className = 'small';
      cap.textContent = this.f('widget_trend', {first: points[0].period,
          last: points[points.length - 1].period});
      box.append(cap, svg);
    }

    wire() {
      const root = this.shadowRoot;
      const form = root.querySelector('form');
      const corridor = this.data.corridor;
      const submit = () => {
        const n = parseTyped(form.amount.value);
        const mode = form.mode.value || 'send';
        const input = form.amount;
        if (!n) {
          input.setAttribute('aria-invalid', 'true');
          root.querySelector('.status').textContent = this.m.widget_error;
          return;
        }
        this.state.mode = mode;
        this.state.typed = {nanos: n, mode, currency: mode === 'receive' ?
            corridor.receiveCurrency : corridor.sendCurrency};
        this.refocus = 'amount';
        this.load().then(() => {
          if (this.refocus) root.querySelector('input[name=amount]')?.focus();
          this.refocus = null;
        });
      };
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        submit();
      });
      form.amount.addEventListener('change', submit);
      for (const radio of form.querySelectorAll('input[name=mode]')) {
        radio.addEventListener('change', () => {
          const cur = radio.value === 'receive' ? corridor.receiveCurrency :
              corridor.sendCurrency;
          root.querySelector(`#${form.amount.getAttribute('aria-describedby')}`)
              .textContent = cur;
        });
      }
      const controls = root.querySelector('.controls');
      controls.addEventListener('change', (e) => {
        const t = e.target;
        if (t.name === 'order') this.state.order = t.value;
        if (t.name === 'receive') this.state.receive = t.value;
        if (t.name === 'type') this.state.type = t.value;
        this.state.shown = this.maxOffers;
        this.updateSortHeaders();
        this.renderRows(true);
        if ((t.name === 'receive' || t.name === 'type') && this.data.curve) {
          this.updateCheapest();
        }
      });
      for (const b of root.querySelectorAll('button[data-sort]')) {
        b.addEventListener('click', () => {
          this.state.order = b.dataset.sort;
          root.querySelector('select[name=order]').value = this.state.order;
          this.updateSortHeaders();
          this.renderRows(true);
          root.querySelector(`button[data-sort=${b.dataset.sort}]`).focus();
        });
      }
    }

    updateSortHeaders() {
      for (const b of this.shadowRoot.querySelectorAll('button[data-sort]')) {
        const th = b.closest('th');
        const order = b.dataset.sort;
        const dir = order === 'received' ? 'descending' : 'ascending';
        const label = this.m[{total: 'column_total', received: 'column_receives',
                              speed: 'column_speed'}[order]];
        if (order === this.state.order) {
          th.setAttribute('aria-sort', dir);
          b.textContent = label + (dir === 'ascending' ? ' \u2191' : ' \u2193');
        } else {
          th.removeAttribute('aria-sort');
          b.textContent = label;
        }
      }
    }
  }

  // Per-request answers are not cached by the page (the server's ETag and
  // Cache-Control do that).
  function getJsonFresh(url) {
    return fetch(url, {credentials: 'omit', referrerPolicy: 'no-referrer'})
        .then(async (r) => {
          const body = await r.json().catch(() => ({}));
          if (!r.ok) throw new Error(body.message || `HTTP ${r.status}`);
          return body;
        });
  }
  // Amounts are sent with at most 2 decimals.
  function roundTo(nanos) { return nanos / 10000000n * 10000000n; }

  if (!customElements.get('remit-compare')) {
    customElements.define('remit-compare', RemitCompare);
  }
})();
