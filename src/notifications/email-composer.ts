import type { OutgoingEmail } from './email-transport';
import type { Notification } from './notification.entity';

export interface ComposedNotification {
  /** Null when the email is no longer wanted; the sender then cancels it. */
  email: OutgoingEmail | null;
  /** Batched notifications this email delivers as well (the offers inside a digest). */
  covers: string[];
  /** Batched notifications that are no longer wanted (their offer was withdrawn meanwhile). */
  cancels: string[];
}

/**
 * Turns notification rows into ready emails, reading the current state of what they announce.
 * Notifications owns this contract (and the DI token: the class itself); src/web/emails implements
 * it, since composing reads matches, requests and volunteers and renders through the email views,
 * which notifications must not import (matching and volunteers queue their emails through
 * notifications). The worker's composition root binds the implementation.
 */
export abstract class EmailComposer {
  /**
   * One result per notification, in order; one email's failure (its subject is gone) is its own.
   * The email is null when it is no longer wanted (a reminder for a match called off): the sender
   * then cancels it instead of sending.
   */
  abstract composeMany(
    notifications: Notification[],
    now?: Date,
  ): Promise<PromiseSettledResult<ComposedNotification>[]>;
}
