import { type Locator, type Page, expect } from '@playwright/test';

export type Role = 'REGULAR' | 'ADMIN' | 'RESTRICTED' | 'INACTIVE';

export type AgentAuthFailureReason =
  'missing' | 'expired' | 'rejected' | 'forbidden' | 'token-replaced' | 'signed-out';

/** The demo's pages as a user drives them: labels and buttons, not CSS internals. */
export class DemoPage {
  constructor(readonly page: Page) {}

  /** Fills the sign-in form of the login page the browser is on and submits it. */
  async signIn(role: Role, lifetime = '1 hour'): Promise<void> {
    const form = this.page.locator('form', { has: this.page.getByLabel('Role') });
    await form.getByLabel('Role').selectOption(role);
    await form.getByLabel('Lifetime').selectOption({ label: lifetime });
    await form.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  async pasteToken(token: string): Promise<void> {
    await this.page.getByLabel('Token').fill(token);
    await this.page.getByRole('button', { name: 'Use this token' }).click();
  }

  /** Opens the chat of the agent named `name` on the agents page and waits for its socket. */
  async openChat(name: string): Promise<void> {
    await this.agentList.getByRole('button', { name }).click();
    await expect(this.socketState).toHaveText(/open/);
  }

  async signInAt(role: Role): Promise<void> {
    await this.page.goto('/login');
    await this.signIn(role);
    await expect(this.page).toHaveURL(/\/agents$/);
  }

  storedToken(): Promise<string | null> {
    return this.page.evaluate(() => localStorage.getItem('access_token'));
  }

  async storeToken(token: string): Promise<void> {
    await this.page.evaluate((value) => localStorage.setItem('access_token', value), token);
  }

  get agentList(): Locator {
    return this.page.getByRole('list', { name: 'Agents' });
  }

  get modelSelect(): Locator {
    return this.page.getByLabel('Model');
  }

  async createAgent(name: string): Promise<void> {
    const form = this.page.locator('form', { has: this.page.getByLabel('Model') });
    await expect(this.modelSelect.locator('option:not([disabled])')).not.toHaveCount(0);
    await form.getByLabel('Name').fill(name);
    await form.getByRole('button', { name: 'Create agent' }).click();
    await expect(this.agentList.getByRole('button', { name })).toBeVisible();
  }

  get socketState(): Locator {
    return this.page.getByTestId('socket-state');
  }

  get transcript(): Locator {
    return this.page.getByTestId('transcript');
  }

  /** The router navigations to /login the demo counted (NavigationStart and skipped ones). */
  async loginNavigations(): Promise<number> {
    return Number(await this.page.getByTestId('login-navigations').textContent());
  }

  /** How many times the app's `UserService.logout()` ran (its interceptor's or `onUnauthorized`). */
  async logouts(): Promise<number> {
    return Number(await this.page.getByTestId('logouts').textContent());
  }

  /** The app's own messages (Texera's NotificationService), e.g. "Your session has expired". */
  get appErrors(): Locator {
    return this.page.getByTestId('app-error');
  }

  /** Every failure notice of the library, whatever its kind. */
  get notices(): Locator {
    return this.page.locator('.notice[data-reason]');
  }

  /** The failure notice of this kind; its `data-count` says how many failures it stands for. */
  notice(reason: AgentAuthFailureReason): Locator {
    return this.page.locator(`.notice[data-reason="${reason}"]`);
  }
}
