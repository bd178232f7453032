const { chromium } = require('@playwright/test');
(async () => {
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync'] });
  const p = await b.newPage();
  p.on('pageerror', e => console.log('pageerror', e.message.slice(0, 300)));
  await p.goto('http://127.0.0.1:3000/login');
  await p.waitForTimeout(2500);
  console.log('hydrated=', await p.locator('body').getAttribute('data-hydrated'));
  await b.close();
})();
