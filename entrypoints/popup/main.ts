import '@/components/popup/prefetch-state';
import '@/components/shared/theme.css';
import { startPopup } from '@/components/popup/start-popup';

void startPopup(document.getElementById('app')!);
