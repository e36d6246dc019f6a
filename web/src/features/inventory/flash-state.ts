import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { Flash } from '../../lib/components/FlashMessage.tsx';

/** A message handed to the next page in the navigation state (e.g. "deleted" after a record's page goes away). */
export interface FlashState {
  flash?: Pick<Flash, 'tone' | 'message' | 'title'>;
}

export function flashState(tone: Flash['tone'], message: string, title?: string): FlashState {
  return { flash: { tone, message, ...(title === undefined ? {} : { title }) } };
}

/** Shows a message handed over by the previous page once, then forgets it (a reload does not repeat it). */
export function useFlashFromNavigation(show: (tone: Flash['tone'], message: string, title?: string) => void): void {
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    const flash = (location.state as FlashState | null)?.flash;
    if (!flash) return;
    show(flash.tone, flash.message, flash.title);
    void navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, [location, navigate, show]);
}
