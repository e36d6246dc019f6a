import { Notification } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';

export interface Flash {
  id: number;
  tone: 'success' | 'error' | 'warning' | 'info';
  title?: string;
  message: string;
}

const toneColor: Record<Flash['tone'], string> = { success: 'teal', error: 'red', warning: 'yellow', info: 'blue' };

let nextId = 1;

/** State for one in-page notification: `show` replaces it, `clear` dismisses it. */
export function useFlash() {
  const [flash, setFlash] = useState<Flash | null>(null);
  const show = useCallback((tone: Flash['tone'], message: string, title?: string) => {
    setFlash({ id: nextId++, tone, message, ...(title === undefined ? {} : { title }) });
  }, []);
  const clear = useCallback(() => setFlash(null), []);
  return { flash, show, clear };
}

export interface FlashMessageProps {
  flash: Flash | null;
  onClose: () => void;
  /** Success and info messages close themselves after this many milliseconds; errors stay. */
  autoCloseMs?: number;
}

/** An in-page notification (Mantine's notification system is not part of this app). */
export function FlashMessage({ flash, onClose, autoCloseMs = 8000 }: FlashMessageProps) {
  useEffect(() => {
    if (!flash || flash.tone === 'error' || flash.tone === 'warning') return;
    const timer = window.setTimeout(onClose, autoCloseMs);
    return () => window.clearTimeout(timer);
  }, [flash, onClose, autoCloseMs]);
  if (!flash) return null;
  return (
    <Notification
      key={flash.id}
      color={toneColor[flash.tone]}
      title={flash.title}
      onClose={onClose}
      closeButtonProps={{ 'aria-label': 'Dismiss message' }}
      withBorder
      mb="md"
      role={flash.tone === 'error' ? 'alert' : 'status'}
    >
      {flash.message}
    </Notification>
  );
}
