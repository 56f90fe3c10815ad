/** OS notifications (budget thresholds, stack failures); silently skipped where the OS has none. */
import { Notification } from 'electron';
import type { Notice } from './stack-notices.js';

export function notify(notice: Notice, onClick?: () => void): void {
  if (!Notification.isSupported()) return;
  const n = new Notification({ title: notice.title, body: notice.body });
  if (onClick) n.on('click', onClick);
  n.show();
}
