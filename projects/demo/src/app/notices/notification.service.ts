import { Injectable, signal } from '@angular/core';

export interface AppMessage {
  readonly text: string;
  readonly count: number;
}

/** Texera's `NotificationService`, reduced to what its 401 interceptor uses: an error toast. */
@Injectable({ providedIn: 'root' })
export class NotificationService {
  /** The same text shown twice is counted, as the failure notices are. */
  readonly errors = signal<AppMessage[]>([]);

  error(text: string): void {
    this.errors.update((list) => {
      const count = (list.find((message) => message.text === text)?.count ?? 0) + 1;
      return [{ text, count }, ...list.filter((message) => message.text !== text)];
    });
  }

  clear(): void {
    this.errors.set([]);
  }
}
