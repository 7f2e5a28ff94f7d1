import '@/components/popup/prefetch-state';
import { startPopup } from '@/components/popup/start-popup';

void startPopup(document.getElementById('app')!);
