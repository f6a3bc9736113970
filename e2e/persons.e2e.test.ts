import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './browser.js';
import { LoginPage, PersonFormPage, PersonsPage } from './pages.js';

let browser: Awaited<ReturnType<typeof openBrowser>>;
beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(() => browser?.close());

/** A checksum-valid ID number in the fictional area 500199. */
function idNumber(birth: string, sequence: number) {
  const first17 = `500199${birth}${String(sequence).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * (weights[i] as number), 0);
  return first17 + '10X98765432'[sum % 11];
}

describe('平安办 registers a person', () => {
  it('signs in, creates a person, and finds them in the list', async () => {
    const { page, baseUrl } = browser;
    await new LoginPage(page, baseUrl).signIn('pingan');
    const persons = new PersonsPage(page, baseUrl);
    await persons.open();
    await persons.startNew();

    const form = new PersonFormPage(page);
    await form.fillText('身份证号', '500199198001011234');
    await form.fillText('姓名', '走查人员');
    await form.submit();
    // A wrong check digit is caught before anything is sent.
    await page.getByText('身份证号校验位错误').waitFor();

    const valid = idNumber('19800101', 777);
    await form.fillText('身份证号', valid);
    await form.choose('户籍地', '演示一村');
    await form.fillText('户籍地址', '演示一村8组8号');
    await form.fillText('联系电话', '13900001234');
    await form.submit();
    await page.waitForURL(/\/persons\/[0-9a-f-]{36}$/);
    await page.getByText(valid).waitFor();

    await persons.open();
    await persons.search('走查人员');
    await persons.row('走查人员').waitFor();
    expect(await persons.row('走查人员').textContent()).toContain(`${valid.slice(0, 3)}***********${valid.slice(-4)}`);
  });
});
