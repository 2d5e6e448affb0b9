// The console in Firefox (Debian's firefox-esr, driven over WebDriver BiDi by puppeteer-core): log in, the dashboard,
// keyboard-only navigation, screenshots. Run by ConsoleFirefoxTest: node firefox.cjs <base> <login> <password> <dir>
// with NODE_PATH pointing at the puppeteer-core install. Prints one line per step; exits non-zero on the first failure.
const puppeteer = require('puppeteer-core');
const [base, login, password, dir] = process.argv.slice(2);

function check(ok, what) {
  if (!ok) throw new Error(what);
  console.log('ok ' + what);
}

(async () => {
  const browser = await puppeteer.launch({browser: 'firefox', executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr',
    headless: true, timeout: 120000, protocolTimeout: 120000,
    extraPrefsFirefox: {'intl.accept_languages': 'vi,en', 'accessibility.tabfocus': 7}});
  try {
    const page = await browser.newPage();
    await page.setViewport({width: 1366, height: 768});
    await page.goto(base + '/', {waitUntil: 'load'});
    check(page.url().endsWith('/login'), 'a visitor is sent to the login page: ' + page.url());
    await page.type('#login', login);
    await page.type('#password', password);
    await Promise.all([page.waitForNavigation({waitUntil: 'load'}), page.click("form[action='/login'] button[type=submit]")]);
    const h1 = await page.$eval('h1', e => e.textContent);
    check(h1.includes('Tỉnh ủy Hòa Sơn'), 'the dashboard of the province: ' + h1);
    const kpis = await page.$$eval('article.kpi', a => a.length);
    check(kpis === 8, 'eight KPIs on the dashboard: ' + kpis);
    await page.screenshot({path: dir + '/firefox-01-dashboard.png'});

    // Keyboard alone: the first Tab reaches the skip link, Enter moves to the content.
    await page.keyboard.press('Tab');
    check(await page.evaluate(() => document.activeElement.className) === 'skip', 'Tab reaches the skip link');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#main');
    check(true, 'Enter on the skip link goes to the content');
    // From the top again: Tab through the navigation to "Thiết bị" and open it with Enter.
    await page.goto(base + '/', {waitUntil: 'load'});
    let label = '';
    for (let i = 0; i < 25 && label !== 'Thiết bị'; i++) {
      await page.keyboard.press('Tab');
      label = await page.evaluate(() => document.activeElement.textContent);
    }
    check(label === 'Thiết bị', 'Tab reaches "Thiết bị" in the navigation');
    await page.evaluate(() => { document.getElementById('main').dataset.stale = '1'; });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => { const m = document.getElementById('main'); return m && !m.dataset.stale
      && document.readyState === 'complete' && !document.querySelector('.htmx-request'); }, {timeout: 60000});
    const devices = await page.$eval('h1', e => e.textContent);
    check(devices === 'Thiết bị', 'Enter opens the device list: ' + devices);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
    check(scroll, 'the device list does not scroll sideways at 1366 px');
    await page.screenshot({path: dir + '/firefox-02-devices.png'});
    console.log('done ' + await browser.version());
  } finally {
    await browser.close();
  }
})().catch(e => { console.log('failed ' + e.message); process.exit(1); });
