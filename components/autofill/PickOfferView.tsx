import { useEffect, useRef } from 'preact/hooks';
import { t } from '../shared/t';
import '../shared/screens.css';

/**
 * "Click the field", offered under the status line after a fill found no field (the code was
 * copied, too). Choosing it starts the one-shot picker in the page (page/autofill/field-picker.ts);
 * the background fills the field the user then clicks. It takes the focus when it appears: it is
 * the next step, one Enter away, and the status line above has already said why.
 */
export function PickOfferView({ onPick }: { onPick: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div class="pick-offer">
      <button type="button" ref={button} data-testid="fill-pick" aria-describedby="fill-pick-hint" onClick={onPick}>
        {t('autofill_pick_button')}
      </button>
      <span id="fill-pick-hint" class="hint">
        {t('autofill_pick_hint')}
      </span>
    </div>
  );
}
