import type { Finding } from '../../core/types';
import type { LV } from '../types';

/** Report a finding at offsets relative to an LV section (lv) or absolute (lv undefined). */
export type Emit = (lv: LV | undefined, s: number, e: number, code: string, severity: Finding['severity'], message: string, related?: { lv?: LV; s: number; e: number; message: string }[]) => void;
